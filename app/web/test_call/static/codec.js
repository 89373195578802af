// Telephone audio in the browser: G.711 mu-law exactly as Python's audioop (app/audio/codec.py)
// encodes and decodes it, a downsampler to 8 kHz, 20 ms framing and base64 for Media Streams.

export const SAMPLE_RATE = 8000;
export const FRAME_BYTES = 160; // 20 ms of 8 kHz mu-law

const SEGMENT_ENDS = [0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff, 0x1fff];
const CLIP = 8159;
const BIAS = 0x84;

/** One signed 16-bit sample -> one mu-law byte (audioop.lin2ulaw, which works on 14 bits). */
export function encodeSample(sample) {
  let value = sample >> 2;
  let mask = 0xff;
  if (value < 0) {
    value = -value;
    mask = 0x7f;
  }
  value = Math.min(value, CLIP) + (BIAS >> 2);
  let segment = 0;
  while (segment < 8 && value > SEGMENT_ENDS[segment]) segment += 1;
  if (segment >= 8) return 0x7f ^ mask;
  return ((segment << 4) | ((value >> (segment + 1)) & 0x0f)) ^ mask;
}

/** One mu-law byte -> one signed 16-bit sample (audioop.ulaw2lin). */
export function decodeSample(byte) {
  const inverted = ~byte & 0xff;
  let magnitude = ((inverted & 0x0f) << 3) + BIAS;
  magnitude <<= (inverted & 0x70) >> 4;
  return inverted & 0x80 ? BIAS - magnitude : magnitude - BIAS;
}

const DECODED = Int16Array.from({ length: 256 }, (_, byte) => decodeSample(byte));

export function encode(samples) {
  const out = new Uint8Array(samples.length);
  for (let i = 0; i < samples.length; i += 1) out[i] = encodeSample(samples[i]);
  return out;
}

export function decode(bytes) {
  const out = new Int16Array(bytes.length);
  for (let i = 0; i < bytes.length; i += 1) out[i] = DECODED[bytes[i]];
  return out;
}

/** Web Audio's floats (-1..1) -> signed 16-bit integers, clipped. */
export function toInt16(value) {
  const clipped = Math.max(-1, Math.min(1, value));
  return Math.round(clipped < 0 ? clipped * 0x8000 : clipped * 0x7fff);
}

/**
 * Streams microphone audio (44.1 or 48 kHz floats) down to 8 kHz 16-bit samples. Each output
 * sample is the mean of the input samples in its period: a box filter that keeps the hiss above
 * 4 kHz out of the phone band before it is decimated.
 */
export class Downsampler {
  constructor(inputRate, outputRate = SAMPLE_RATE) {
    if (!(inputRate >= outputRate)) throw new RangeError(`cannot downsample ${inputRate} Hz to ${outputRate} Hz`);
    this.step = inputRate / outputRate;
    this.until = this.step;
    this.sum = 0;
    this.count = 0;
  }

  process(floats) {
    const out = [];
    for (let i = 0; i < floats.length; i += 1) {
      this.sum += floats[i];
      this.count += 1;
      this.until -= 1;
      if (this.until <= 0) {
        out.push(toInt16(this.sum / this.count));
        this.sum = 0;
        this.count = 0;
        this.until += this.step;
      }
    }
    return Int16Array.from(out);
  }
}

/** Regroups mu-law bytes into exact 20 ms frames, as Twilio sends them. */
export class FrameSplitter {
  constructor(frameBytes = FRAME_BYTES) {
    this.frameBytes = frameBytes;
    this.buffer = new Uint8Array(0);
  }

  push(bytes) {
    const joined = new Uint8Array(this.buffer.length + bytes.length);
    joined.set(this.buffer);
    joined.set(bytes, this.buffer.length);
    const frames = [];
    let start = 0;
    for (; start + this.frameBytes <= joined.length; start += this.frameBytes) {
      frames.push(joined.slice(start, start + this.frameBytes));
    }
    this.buffer = joined.slice(start);
    return frames;
  }
}

export function toBase64(bytes) {
  let text = "";
  for (let i = 0; i < bytes.length; i += 1) text += String.fromCharCode(bytes[i]);
  return btoa(text);
}

export function fromBase64(text) {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
  return bytes;
}
