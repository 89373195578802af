"""The test-call page's JavaScript, run in node against Python's own codec and Media Streams translator."""
from __future__ import annotations

import json
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from app.audio.codec import audioop
from app.integrations.twilio import media
from app.web.test_call import protocol

STATIC = Path(__file__).resolve().parents[2] / "app" / "web" / "test_call" / "static"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")


def run_node(tmp_path: Path, script: str) -> object:
    """Run an ES module next to copies of the page's modules; its last stdout line is JSON."""
    for source in STATIC.glob("*.js"):
        shutil.copy(source, tmp_path / source.name)
    (tmp_path / "package.json").write_text('{"type": "module"}')
    (tmp_path / "check.js").write_text(script)
    done = subprocess.run([NODE, "check.js"], check=False, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_mulaw_matches_pythons_codec_for_every_sample(tmp_path: Path) -> None:
    result = run_node(tmp_path, """
        import { encode, decode } from "./codec.js";
        const samples = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);
        const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
        console.log(JSON.stringify({ encoded: Array.from(encode(samples)), decoded: Array.from(decode(bytes)) }));
    """)
    pcm = struct.pack("<65536h", *range(-32768, 32768))
    assert result["encoded"] == list(audioop.lin2ulaw(pcm, 2))
    assert result["decoded"] == list(struct.unpack("<256h", audioop.ulaw2lin(bytes(range(256)), 2)))


@pytest.mark.parametrize("rate", [48000, 44100, 16000])
def test_microphone_audio_becomes_8khz_frames_of_160_bytes(tmp_path: Path, rate: int) -> None:
    result = run_node(tmp_path, f"""
        import {{ Downsampler, FrameSplitter, encode, decode }} from "./codec.js";
        const rate = {rate}, down = new Downsampler(rate), split = new FrameSplitter();
        const samples = [], frames = [];
        for (let block = 0; block < rate / 128; block += 1) {{  // one second in AudioWorklet-sized blocks
          const floats = Float32Array.from({{ length: 128 }}, (_, i) => 0.5 * Math.sin(2 * Math.PI * 440 * (block * 128 + i) / rate));
          const pcm = down.process(floats);
          samples.push(...pcm);
          frames.push(...split.push(encode(pcm)));
        }}
        let crossings = 0;
        for (let i = 1; i < samples.length; i += 1) if ((samples[i - 1] < 0) !== (samples[i] < 0)) crossings += 1;
        const rms = Math.sqrt(samples.reduce((sum, s) => sum + s * s, 0) / samples.length);
        const seconds = Math.ceil(rate / 128) * 128 / rate;
        console.log(JSON.stringify({{ seconds, count: samples.length, crossings, rms, sizes: [...new Set(frames.map(f => f.length))], frames: frames.length }}));
    """)
    assert abs(result["count"] - 8000 * result["seconds"]) <= 1
    assert abs(result["crossings"] - 880 * result["seconds"]) <= 4  # still a 440 Hz tone
    assert 0.3 * 32767 < result["rms"] < 0.36 * 32767  # amplitude kept (0.5 / sqrt 2 = 0.354)
    assert result["sizes"] == [160] and result["frames"] == result["count"] // 160


def test_the_line_speaks_media_streams_as_the_server_reads_it(tmp_path: Path) -> None:
    sent = run_node(tmp_path, """
        import { MediaStreamLine } from "./line.js";
        class FakeSocket { constructor(url) { this.url = url; this.readyState = 1; this.sent = []; FakeSocket.last = this; }
                           send(text) { this.sent.push(text); } close() { this.readyState = 3; } }
        const played = [];
        const player = { play: (b) => played.push(["play", b.length]), mark: (n) => played.push(["mark", n]), clear: () => played.push(["clear"]) };
        const shown = [];
        const line = new MediaStreamLine({ url: "ws://x/staff/test-call/socket", WebSocketClass: FakeSocket, player,
          callPass: { token: "tok", callSid: "CA" + "1".repeat(32), streamSid: "MZ" + "2".repeat(32), accountSid: "AC" + "3".repeat(32) },
          parameters: { from: "+12125550123", office: "open" }, onEvent: (m) => shown.push(m.event), onClosed: () => {} });
        line.open();
        const socket = FakeSocket.last;
        socket.onopen();
        line.sendAudio(new Uint8Array(160).fill(0x7f));
        line.sendDigit("0");
        line.markPlayed("reply-1");
        line.sendText("a real person");
        socket.onmessage({ data: JSON.stringify({ event: "media", streamSid: "MZ", media: { payload: btoa("\\x7f".repeat(8)) } }) });
        socket.onmessage({ data: JSON.stringify({ event: "mark", streamSid: "MZ", mark: { name: "reply-1" } }) });
        socket.onmessage({ data: JSON.stringify({ event: "clear", streamSid: "MZ" }) });
        socket.onmessage({ data: JSON.stringify({ event: "transcript", role: "bot", text: "hi" }) });
        socket.onmessage({ data: "not json" });
        line.hangUp();
        clearInterval(line.pinger);
        console.log(JSON.stringify({ sent: socket.sent, played, shown }));
    """)
    messages = [json.loads(text) for text in sent["sent"]]
    typed = protocol.read(sent["sent"][5])
    parsed = [media.parse(text) for text in sent["sent"][:5] + sent["sent"][6:]]
    connected, start, audio, digit, mark, stop = parsed
    assert isinstance(connected, media.Connected)
    assert isinstance(start, media.Start) and start.call_sid == "CA" + "1" * 32 and start.stream_sid == "MZ" + "2" * 32
    assert start.custom_parameters == {"from": "+12125550123", "office": "open", "token": "tok", "mode": "test"}
    assert isinstance(audio, media.Media) and audio.payload == b"\x7f" * 160 and audio.chunk == 1
    assert isinstance(digit, media.Dtmf) and digit.digit == "0"
    assert isinstance(mark, media.Mark) and mark.name == "reply-1"
    assert isinstance(stop, media.Stop) and stop.call_sid == start.call_sid
    assert typed == protocol.Typed("a real person")
    assert [m["sequenceNumber"] for m in messages if "sequenceNumber" in m] == ["1", "2", "3", "4", "5"]
    assert sent["played"] == [["play", 8], ["mark", "reply-1"], ["clear"]] and sent["shown"] == ["transcript"]


def test_marks_are_echoed_when_their_audio_has_played_or_at_once_when_cleared(tmp_path: Path) -> None:
    result = run_node(tmp_path, """
        import { Player } from "./player.js";
        const clock = { now: 0 };
        const context = {
          state: "running", get currentTime() { return clock.now; }, destination: {},
          createBuffer: (channels, length, rate) => ({ duration: length / rate, getChannelData: () => new Float32Array(length) }),
          createBufferSource: () => ({ connect() {}, start(at) { this.at = at; }, stop() { this.stopped = true; } }),
        };
        const echoed = [];
        const player = new Player((name) => echoed.push([name, clock.now]));
        player.context = context;
        player.play(new Uint8Array(8000));            // one second of audio
        player.mark("reply-1");
        const beforeEnd = echoed.length;
        clock.now = 1.2;
        await new Promise((resolve) => setTimeout(resolve, 60));
        player.play(new Uint8Array(8000));
        player.mark("reply-2");
        player.clear();                               // barge-in: echoed at once
        player.setEnabled(false);
        player.mark("reply-3");                        // muted: nothing to wait for
        console.log(JSON.stringify({ beforeEnd, echoed, sources: player.sources.size }));
    """)
    assert result["beforeEnd"] == 0
    assert result["echoed"] == [["reply-1", 1.2], ["reply-2", 1.2], ["reply-3", 1.2]]
    assert result["sources"] == 0


def test_the_page_says_why_the_microphone_is_unavailable(tmp_path: Path) -> None:
    reasons = run_node(tmp_path, """
        import { microphoneProblem, describeFailure } from "./microphone.js";
        const browser = (secure, media, audio) => ({ isSecureContext: secure, AudioContext: audio ? function () {} : undefined,
                                                   navigator: { mediaDevices: media ? { getUserMedia() {} } : undefined } });
        console.log(JSON.stringify([
          microphoneProblem(browser(false, true, true)), microphoneProblem(browser(true, false, true)),
          microphoneProblem(browser(true, true, false)), microphoneProblem(browser(true, true, true)),
          describeFailure({ name: "NotAllowedError" }), describeFailure({ name: "NotFoundError" }),
          describeFailure({ name: "NotReadableError" }), describeFailure(new Error("odd")),
        ]));
    """)
    plain_http, no_media, no_audio, fine, denied, missing, busy, other = reasons
    assert "HTTPS" in plain_http and "microphone" in no_media and "Web Audio" in no_audio and fine is None
    assert "denied" in denied and "No microphone" in missing and "in use" in busy and "odd" in other
    assert all(reason.endswith("Typing works.") for reason in reasons if reason)
