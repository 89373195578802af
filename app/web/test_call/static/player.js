// The bot's voice: mu-law `media` is queued on the Web Audio clock, and each `mark` is echoed when
// the audio before it has played (or at once when cleared or muted), as Twilio does; the
// engine's turn-taking and barge-in depend on those echoes.

import { SAMPLE_RATE, decode } from "./codec.js";

const LEAD_S = 0.05;

export class Player {
  constructor(onMarkPlayed) {
    this.onMarkPlayed = onMarkPlayed;
    this.context = null;
    this.enabled = true;
    this.endTime = 0;
    this.sources = new Set();
    this.marks = [];
    this.timer = null;
  }

  /** Create or resume the audio context; call from a click (browsers require a gesture). */
  async unlock() {
    try {
      this.context = this.context || new AudioContext();
      await this.context.resume();
    } catch (error) {
      this.context = null;
    }
    return this.context;
  }

  get audible() {
    return Boolean(this.enabled && this.context && this.context.state === "running");
  }

  setEnabled(on) {
    this.enabled = on;
    if (!on) this.clear();
  }

  play(mulaw) {
    if (!this.audible || mulaw.length === 0) return;
    const samples = decode(mulaw);
    const buffer = this.context.createBuffer(1, samples.length, SAMPLE_RATE);
    const channel = buffer.getChannelData(0);
    for (let i = 0; i < samples.length; i += 1) channel[i] = samples[i] / 32768;
    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.context.destination);
    const at = Math.max(this.context.currentTime + LEAD_S, this.endTime);
    source.start(at);
    this.endTime = at + buffer.duration;
    this.sources.add(source);
    source.onended = () => this.sources.delete(source);
  }

  mark(name) {
    if (!this.audible || this.endTime <= this.context.currentTime) {
      this.onMarkPlayed(name);
      return;
    }
    this.marks.push({ name, at: this.endTime });
    this.watch();
  }

  /** Drop whatever is queued; pending marks are echoed at once. */
  clear() {
    this.sources.forEach((source) => {
      try {
        source.stop();
      } catch (error) {
        /* already stopped */
      }
    });
    this.sources.clear();
    this.endTime = 0;
    this.flush(Infinity);
  }

  watch() {
    if (this.timer !== null) return;
    this.timer = setInterval(() => {
      this.flush(this.context ? this.context.currentTime : Infinity);
      if (this.marks.length === 0) {
        clearInterval(this.timer);
        this.timer = null;
      }
    }, 20);
  }

  flush(now) {
    while (this.marks.length && this.marks[0].at <= now) this.onMarkPlayed(this.marks.shift().name);
  }
}
