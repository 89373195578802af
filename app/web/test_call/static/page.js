// The test-call page: places a call over the Media Streams socket, sends the microphone or typed
// lines, and shows the conversation and what Frontdesk decided (call type, slots, escalation,
// and what it would have done: transfers, messages, actions).

import { MediaStreamLine } from "./line.js";
import { Player } from "./player.js";
import { describeFailure, microphoneProblem, openMicrophone } from "./microphone.js";

const $ = (id) => document.getElementById(id);
const root = $("test-call");
const unsupported = microphoneProblem();
const player = new Player((name) => line && line.markPlayed(name));
let firstPass = JSON.parse($("call-pass").textContent);
let line = null;
let microphone = null;
let endedText = null;
let hungUp = false; // the caller pressed Hang up: however the socket then closes, the call ended

async function nextPass() {
  if (firstPass) {
    const pass = firstPass;
    firstPass = null;
    return pass;
  }
  const response = await fetch(root.dataset.passUrl, {
    credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" },
  });
  if (response.status === 401 || response.status === 403) throw new Error("You are no longer signed in: reload the page.");
  if (!response.ok) throw new Error(`Could not get a test-call pass (HTTP ${response.status}).`);
  return response.json();
}

function socketUrl() {
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}${root.dataset.socketPath}`;
}

async function startCall() {
  $("start").disabled = true;
  await player.unlock();
  let pass;
  try {
    pass = await nextPass();
  } catch (error) {
    setStatus(error.message);
    $("start").disabled = false;
    return;
  }
  resetDetails();
  endedText = null;
  hungUp = false;
  setStatus("Connecting...");
  line = new MediaStreamLine({
    url: socketUrl(), callPass: pass, player, onEvent: show, onClosed: callClosed,
    parameters: { from: $("caller").value.trim(), office: $("office").value, ...($("trial").checked ? { call_types: "all" } : {}) },
  });
  line.open();
  setInCall(true);
  setStatus(`In call ${pass.callSid}`);
}

function callClosed(code, reason) {
  stopMicrophone();
  setInCall(false);
  if (endedText) setStatus(endedText);
  else if (hungUp || code === 1000 || code === 1005) setStatus("Call ended.");
  else setStatus(`Call closed (${code}${reason ? `: ${reason}` : ""}).`);
}

async function toggleMicrophone() {
  if (microphone) {
    stopMicrophone();
    return;
  }
  const context = await player.unlock();
  if (!context) {
    setMicStatus("Web Audio could not start, so speech cannot be sent. Typing works.");
    return;
  }
  try {
    microphone = await openMicrophone(context, root.dataset.workletUrl, (frame) => line && line.sendAudio(frame));
    $("talk").setAttribute("aria-pressed", "true");
    $("talk").textContent = "Stop talking";
    setMicStatus("Microphone on: speak as the caller. Headphones stop the bot hearing itself.");
  } catch (error) {
    setMicStatus(describeFailure(error));
  }
}

function stopMicrophone() {
  if (microphone) microphone.stop();
  microphone = null;
  $("talk").setAttribute("aria-pressed", "false");
  $("talk").textContent = "Talk";
  if (!unsupported) setMicStatus("Microphone off.");
}

function show(message) {
  if (message.event === "transcript") addLine(message.role, lineText(message), lineDetail(message));
  else if (message.event === "state") showState(message);
  else if (message.event === "would") {
    addItem($("would"), message.text);
    addLine("system", message.text, "");
  } else if (message.event === "ended") {
    endedText = `Call ended: ${message.outcome || "no outcome"}.`;
    setStatus(endedText);
    addLine("system", message.text, "");
  } else if (message.event === "notice") addLine(message.level === "error" ? "error" : "system", message.text, "");
}

function lineText(turn) {
  if (turn.dtmf) return `pressed ${turn.dtmf}`;
  return turn.text || "(nothing heard)";
}

function lineDetail(turn) {
  if (turn.role !== "caller") return "";
  const parts = [];
  if (turn.intent) parts.push(turn.confidence != null ? `${turn.intent} ${Number(turn.confidence).toFixed(2)}` : turn.intent);
  if (turn.escalate) parts.push(`escalate: ${turn.escalate}`);
  if (turn.language) parts.push(turn.language);
  return parts.join(" · ");
}

function showState(state) {
  $("call-type").textContent = state.callType || "-";
  $("handles").textContent = state.callTypes ? state.callTypes.filter((name) => name !== "-").join(", ") || "no call type" : "every live call type";
  $("phase").textContent = state.phase;
  $("language").textContent = state.language + (state.afterHours ? " · after hours" : "");
  $("outcome").textContent = state.outcome || "-";
  const escalation = state.escalation;
  $("escalation").textContent = escalation ? `${escalation.reason} -> ${escalation.target} (${escalation.evidence})` : "none";
  const body = $("slots").tBodies[0];
  body.replaceChildren();
  for (const [name, value] of Object.entries(state.slots)) {
    const row = body.insertRow();
    row.insertCell().textContent = name.replaceAll("_", " ");
    row.insertCell().textContent = value;
  }
}

function addLine(role, text, detail) {
  const item = document.createElement("li");
  item.className = `line ${role}`;
  const who = document.createElement("span");
  who.className = "who";
  who.textContent = { caller: "Caller", bot: "Frontdesk", system: "", error: "" }[role] ?? role;
  const said = document.createElement("span");
  said.className = "said";
  said.textContent = text;
  item.append(who, said);
  if (detail) {
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = detail;
    item.append(meta);
  }
  $("transcript").append(item);
  item.scrollIntoView({ block: "nearest" });
}

function addItem(list, text) {
  const item = document.createElement("li");
  item.textContent = text;
  list.append(item);
}

function resetDetails() {
  $("transcript").replaceChildren();
  $("would").replaceChildren();
  $("slots").tBodies[0].replaceChildren();
  for (const id of ["call-type", "handles", "phase", "language", "outcome"]) $(id).textContent = "-";
  $("escalation").textContent = "none";
}

function setInCall(on) {
  $("start").disabled = on;
  $("hangup").disabled = !on;
  $("typed").disabled = !on;
  $("send").disabled = !on;
  $("talk").disabled = !on || Boolean(unsupported);
  document.querySelectorAll("#keypad button").forEach((button) => { button.disabled = !on; });
  if (on) $("typed").focus();
}

function setStatus(text) {
  $("status").textContent = text;
}

function setMicStatus(text) {
  $("mic-status").textContent = text;
}

$("start").addEventListener("click", startCall);
$("hangup").addEventListener("click", () => {
  if (!line) return;
  hungUp = true;
  line.hangUp();
});
$("talk").addEventListener("click", toggleMicrophone);
$("sound").addEventListener("change", (event) => player.setEnabled(event.target.checked));
$("say").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = $("typed").value.trim();
  if (!text || !line) return;
  line.sendText(text);
  $("typed").value = "";
});
document.querySelectorAll("#keypad button").forEach((button) => {
  button.addEventListener("click", () => line && line.sendDigit(button.dataset.digit));
});
setMicStatus(unsupported || "Press Talk during a call to speak through the microphone.");
root.dataset.ready = "true";
