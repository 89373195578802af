// The caller's microphone as 20 ms mu-law frames: getUserMedia -> AudioWorklet (or the older
// ScriptProcessor) -> 8 kHz -> mu-law. Every failure comes back as a sentence the operator can act on.

import { Downsampler, FrameSplitter, encode } from "./codec.js";

/** Why the microphone cannot be used on this page at all, or null when it can be tried. */
export function microphoneProblem(win = window) {
  if (!win.isSecureContext) {
    return "The microphone needs HTTPS: open this page over https:// (or on localhost) to talk. Typing works.";
  }
  if (!win.navigator.mediaDevices || !win.navigator.mediaDevices.getUserMedia) {
    return "This browser does not give pages a microphone. Typing works.";
  }
  if (!win.AudioContext) return "This browser has no Web Audio, so it cannot send speech. Typing works.";
  return null;
}

/** The sentence for a getUserMedia failure. */
export function describeFailure(error) {
  const name = error && error.name;
  if (name === "NotAllowedError" || name === "SecurityError") {
    return "Microphone access was denied. Allow it in the browser's address bar, then press Talk again. Typing works.";
  }
  if (name === "NotFoundError" || name === "OverconstrainedError") return "No microphone was found. Typing works.";
  if (name === "NotReadableError") return "The microphone is in use by another application. Typing works.";
  return `The microphone could not be opened (${(error && error.message) || error}). Typing works.`;
}

/** Start capturing; onFrame gets Uint8Array(160) mu-law frames. Returns { stop() }. */
export async function openMicrophone(context, workletUrl, onFrame) {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 },
  });
  const source = context.createMediaStreamSource(stream);
  const downsampler = new Downsampler(context.sampleRate);
  const splitter = new FrameSplitter();
  const push = (floats) => {
    for (const frame of splitter.push(encode(downsampler.process(floats)))) onFrame(frame);
  };
  const node = await captureNode(context, workletUrl, push);
  source.connect(node);
  return {
    stop() {
      source.disconnect();
      node.disconnect();
      stream.getTracks().forEach((track) => track.stop());
    },
  };
}

async function captureNode(context, workletUrl, push) {
  if (context.audioWorklet && window.AudioWorkletNode) {
    await context.audioWorklet.addModule(workletUrl);
    const node = new AudioWorkletNode(context, "frontdesk-capture", { numberOfInputs: 1, numberOfOutputs: 0 });
    node.port.onmessage = (event) => push(event.data);
    return node;
  }
  const node = context.createScriptProcessor(2048, 1, 1);
  node.onaudioprocess = (event) => {
    push(event.inputBuffer.getChannelData(0).slice());
    event.outputBuffer.getChannelData(0).fill(0);
  };
  node.connect(context.destination); // a ScriptProcessor only runs while connected
  return node;
}
