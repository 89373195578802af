/* The call page: while the call is on, redraws transcript, details and transfer from live.json. */
"use strict";

(function () {
  var root = document.getElementById("call");
  if (!root || root.dataset.live !== "true") return;
  var L = window.Live, el = L.el;
  var WHO = {caller: "Caller", bot: "Frontdesk"};
  var SHOW = {
    "call_type": function (d) { return L.words(d.call_type) || "not identified yet"; },
    "phase": function (d) { return L.words(d.phase); },
    "outcome": function (d) { return L.words(d.outcome); },
    "sentiment_label": function (d) { return d.sentiment_label; },
    "duration_s": function (d) { return L.duration(d.duration_s); },
    "ended": function (d) { return d.ended; },
    "transfer.status": function (d) { return d.transfer ? L.words(d.transfer.status) : ""; },
    "transfer.target": function (d) { return d.transfer ? L.words(d.transfer.target) : ""; },
    "transfer.ringing": function (d) { return d.transfer ? d.transfer.ringing.join(", ") : ""; },
    "transfer.tried": function (d) { return d.transfer ? d.transfer.tried.join(", ") : ""; },
    "transfer.accepted_by": function (d) { return d.transfer ? d.transfer.accepted_by : ""; },
    "transfer.waited_s": function (d) { return d.transfer ? L.duration(d.transfer.waited_s) : ""; },
    "escalation.reason": function (d) { return d.escalation ? L.words(d.escalation.reason) : ""; },
    "escalation.evidence": function (d) { return d.escalation ? d.escalation.evidence : ""; },
    "escalation.target": function (d) { return d.escalation ? L.words(d.escalation.target) : ""; }
  };

  function turnItem(t) {
    var li = el("li", {className: "turn " + t.role}, el("span", {className: "at"}, t.at), " ",
      el("span", {className: "who"}, WHO[t.role] || t.role), " ", el("span", {className: "text"}, t.text));
    if (t.intent) { li.appendChild(document.createTextNode(" ")); li.appendChild(el("small", {className: "intent"}, L.words(t.intent))); }
    if (t.escalate) { li.appendChild(document.createTextNode(" ")); li.appendChild(el("small", {className: "badge escalate"}, L.words(t.escalate))); }
    return li;
  }

  function render(d) {
    Object.keys(SHOW).forEach(function (name) {
      var node = root.querySelector('[data-field="' + name + '"]');
      if (node) node.textContent = SHOW[name](d) || "";
    });
    var list = document.getElementById("transcript");
    list.replaceChildren.apply(list, (d.transcript || []).map(turnItem));
    var slots = document.getElementById("slots");
    var names = Object.keys(d.slots || {});
    slots.replaceChildren.apply(slots, names.map(function (k) { return el("tr", {}, el("th", {}, L.words(k)), el("td", {}, d.slots[k])); }));
    document.getElementById("slots-empty").hidden = names.length > 0;
    document.getElementById("transfer-card").hidden = !d.transfer;
    document.getElementById("escalation-card").hidden = !d.escalation;
    var brief = d.transfer && d.transfer.brief;
    document.getElementById("brief-card").hidden = !brief;
    document.getElementById("brief").textContent = brief || "";
    var state = document.getElementById("call-state");
    state.textContent = d.live ? "on the line" : "ended";
    state.className = "badge " + (d.live ? "live" : "ended");
    return d.live;  /* stop polling once the call is over */
  }

  function problem(text) {
    var state = document.getElementById("call-state");
    if (text) state.textContent = "not updating: " + text;
  }

  L.poll(root.dataset.url, Number(root.dataset.pollMs) || 1500, render, problem);
})();
