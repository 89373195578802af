"""The Media Streams translator: Twilio's documented messages in and out; junk is rejected, not fatal."""
from __future__ import annotations

import base64
import json

import pytest

from app.integrations.twilio import media

START = {
    "event": "start", "sequenceNumber": "1", "streamSid": "MZ1",
    "start": {"accountSid": "AC1", "streamSid": "MZ1", "callSid": "CA1", "tracks": ["inbound"],
              "customParameters": {"token": "t0k", "caller": "+12125550123"},
              "mediaFormat": {"encoding": "audio/x-mulaw", "sampleRate": 8000, "channels": 1}},
}


def test_start_carries_ids_and_parameters() -> None:
    start = media.parse(json.dumps(START))
    assert isinstance(start, media.Start)
    assert (start.call_sid, start.stream_sid, start.sample_rate) == ("CA1", "MZ1", 8000)
    assert start.custom_parameters == {"token": "t0k", "caller": "+12125550123"}


def test_media_dtmf_mark_stop_connected() -> None:
    payload = base64.b64encode(b"\xff" * 160).decode()
    frame = media.parse(json.dumps({"event": "media", "sequenceNumber": "3", "streamSid": "MZ1",
                                    "media": {"track": "inbound", "chunk": "2", "timestamp": "40", "payload": payload}}))
    assert isinstance(frame, media.Media) and frame.payload == b"\xff" * 160 and frame.timestamp_ms == 40
    dtmf = media.parse(json.dumps({"event": "dtmf", "streamSid": "MZ1", "dtmf": {"track": "inbound_track", "digit": "0"}}))
    assert dtmf == media.Dtmf(digit="0")
    assert media.parse(json.dumps({"event": "mark", "streamSid": "MZ1", "mark": {"name": "r1"}})) == media.Mark("r1")
    stop = media.parse(json.dumps({"event": "stop", "streamSid": "MZ1", "stop": {"accountSid": "AC1", "callSid": "CA1"}}))
    assert stop == media.Stop(call_sid="CA1", account_sid="AC1")
    assert isinstance(media.parse('{"event": "connected", "protocol": "Call", "version": "1.0.0"}'), media.Connected)


def test_unknown_events_are_ignored() -> None:
    assert media.parse('{"event": "somethingNew", "x": 1}') is None


@pytest.mark.parametrize("raw", [
    "not json", "[1, 2]", b"\x00\x01", '{"event": "media", "media": {"payload": "@@not base64@@"}}',
    '{"event": "media"}', '{"event": "start", "start": {"streamSid": "MZ1"}}',
    '{"event": "dtmf", "dtmf": {"digit": "99"}}', '{"event": "mark", "mark": {}}', "x" * 70000,
])
def test_malformed_messages_raise_malformed(raw: str | bytes) -> None:
    with pytest.raises(media.MalformedMessage):
        media.parse(raw)


def test_outbound_messages_match_twilio_shapes() -> None:
    assert json.loads(media.media_message("MZ1", b"\x7f\xff")) == {
        "event": "media", "streamSid": "MZ1", "media": {"payload": base64.b64encode(b"\x7f\xff").decode()}}
    assert json.loads(media.mark_message("MZ1", "reply-1")) == {"event": "mark", "streamSid": "MZ1", "mark": {"name": "reply-1"}}
    assert json.loads(media.clear_message("MZ1")) == {"event": "clear", "streamSid": "MZ1"}
