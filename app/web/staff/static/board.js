/* The live board: redraws both tables from board.json every poll. */
"use strict";

(function () {
  var root = document.getElementById("board");
  if (!root) return;
  var L = window.Live, el = L.el;
  var callUrl = function (sid) { return root.dataset.callUrl.replace("SID", encodeURIComponent(sid)); };

  function waitingRow(r) {
    var t = r.transfer || {};
    return el("tr", {}, el("td", {}, L.callerNode(r.caller, callUrl(r.call_sid))),
      el("td", {}, L.words(t.target)),
      el("td", {}, el("span", {className: "badge status-" + t.status}, L.words(t.status))),
      el("td", {}, (t.ringing || []).join(", ")),
      el("td", {}, L.duration(t.waited_s)),
      el("td", {}, r.escalation ? L.words(r.escalation.reason) : ""));
  }

  function progressRow(r) {
    var first = el("td", {}, L.callerNode(r.caller, callUrl(r.call_sid)));
    if (r.mode && r.mode !== "live") { first.appendChild(document.createTextNode(" ")); first.appendChild(el("span", {className: "badge"}, r.mode)); }
    var esc = r.escalation ? L.words(r.escalation.reason) + " → " + L.words(r.escalation.target) : "";
    return el("tr", {}, first, el("td", {}, L.words(r.call_type)), el("td", {}, L.words(r.phase)),
      el("td", {}, L.duration(r.duration_s)),
      el("td", {}, el("span", {className: "badge sentiment-" + r.sentiment_label}, r.sentiment_label)),
      el("td", {}, esc), el("td", {className: "said"}, r.last_said));
  }

  function fill(bodyId, emptyId, countId, rows, make) {
    var body = document.getElementById(bodyId);
    body.replaceChildren.apply(body, rows.map(function (r) { var tr = make(r); tr.dataset.sid = r.call_sid; return tr; }));
    document.getElementById(emptyId).hidden = rows.length > 0;
    document.getElementById(countId).textContent = String(rows.length);
  }

  function render(data) {
    fill("waiting", "waiting-empty", "waiting-count", data.waiting || [], waitingRow);
    fill("in-progress", "progress-empty", "progress-count", data.in_progress || [], progressRow);
    document.getElementById("updated-at").textContent = new Date().toLocaleTimeString();
  }

  function problem(text) {
    var p = document.getElementById("board-problem");
    p.hidden = !text;
    p.textContent = text ? "Live data is not updating: " + text : "";
  }

  L.poll(root.dataset.url, Number(root.dataset.pollMs) || 1500, render, problem);
})();
