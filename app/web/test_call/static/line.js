// The page's side of the call, speaking Twilio's Media Streams format: `connected`, `start`,
// `media`, `dtmf`, `mark` and `stop` go out; `media`, `mark` and `clear` come back, plus the
// test page's own messages (`transcript`, `state`, `would`, `ended`, `notice`), which real
// Twilio never sees. The page adds `text` (a typed caller line) and `ping` (keep-alive).

import { toBase64, fromBase64 } from "./codec.js";

const PING_EVERY_MS = 15000;

export class MediaStreamLine {
  /**
   * callPass: { token, callSid, streamSid, accountSid } from the server.
   * parameters: extra customParameters (from, office). player: see player.js.
   * onEvent(message) gets the page's own messages; onClosed(code, reason) once.
   */
  constructor({ url, callPass, parameters, player, onEvent, onClosed, WebSocketClass = WebSocket }) {
    Object.assign(this, { url, callPass, parameters, player, onEvent, onClosed });
    this.WebSocketClass = WebSocketClass;
    this.sequence = 0;
    this.chunk = 0;
    this.startedAt = 0;
    this.lastSent = 0;
    this.socket = null;
    this.pinger = null;
  }

  open() {
    this.socket = new this.WebSocketClass(this.url);
    this.socket.onopen = () => this.begin();
    this.socket.onmessage = (event) => this.receive(event.data);
    this.socket.onclose = (event) => this.closed(event.code, event.reason);
  }

  get isOpen() {
    return Boolean(this.socket) && this.socket.readyState === 1;
  }

  begin() {
    const { token, callSid, streamSid, accountSid } = this.callPass;
    this.startedAt = Date.now();
    this.raw({ event: "connected", protocol: "Call", version: "1.0.0" });
    this.send("start", {
      start: {
        accountSid, streamSid, callSid, tracks: ["inbound"],
        customParameters: { ...this.parameters, token, mode: "test" },
        mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
      },
    });
    this.pinger = setInterval(() => {
      if (Date.now() - this.lastSent >= PING_EVERY_MS) this.raw({ event: "ping" });
    }, PING_EVERY_MS / 3);
  }

  sendAudio(frame) {
    this.chunk += 1;
    this.send("media", {
      media: { track: "inbound", chunk: String(this.chunk), timestamp: String(Date.now() - this.startedAt),
               payload: toBase64(frame) },
    });
  }

  sendDigit(digit) {
    this.send("dtmf", { dtmf: { track: "inbound_track", digit } });
  }

  sendText(text) {
    this.raw({ event: "text", text });
  }

  hangUp() {
    this.send("stop", { stop: { accountSid: this.callPass.accountSid, callSid: this.callPass.callSid } });
    if (this.socket) this.socket.close(1000, "caller hung up");
  }

  markPlayed(name) {
    this.send("mark", { mark: { name } });
  }

  send(event, body) {
    this.sequence += 1;
    this.raw({ event, sequenceNumber: String(this.sequence), streamSid: this.callPass.streamSid, ...body });
  }

  raw(message) {
    if (!this.isOpen) return;
    this.socket.send(JSON.stringify(message));
    this.lastSent = Date.now();
  }

  receive(data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch (error) {
      return;
    }
    if (message.event === "media") this.player.play(fromBase64(message.media.payload));
    else if (message.event === "mark") this.player.mark(message.mark.name);
    else if (message.event === "clear") this.player.clear();
    else this.onEvent(message);
  }

  closed(code, reason) {
    clearInterval(this.pinger);
    this.pinger = null;
    const onClosed = this.onClosed;
    this.onClosed = () => {};
    onClosed(code, reason);
  }
}
