/* Shared by the live pages: polling a JSON endpoint and building DOM from text (never HTML). */
"use strict";

window.Live = (function () {
  function duration(seconds) {
    if (typeof seconds !== "number" || seconds < 0) return "";
    var s = Math.floor(seconds), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    var mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(r).padStart(2, "0");
  }

  function words(value) {
    return String(value || "").replace(/_/g, " ");
  }

  /* el("td", {className: "said"}, "text", childNode, ...) */
  function el(tag, props) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) { node[k] = props[k]; });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === "") continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function callerNode(c, href) {
    var link = el("a", {href: href});
    var span = el("span", {className: "caller"});
    if (c.name) {
      span.appendChild(document.createTextNode(c.name + " "));
      span.appendChild(el("small", {}, c.number));
    } else {
      span.appendChild(document.createTextNode(c.number || "number withheld"));
    }
    if (c.vip) { span.appendChild(document.createTextNode(" ")); span.appendChild(el("span", {className: "badge vip"}, "VIP")); }
    link.appendChild(span);
    return link;
  }

  /* Poll `url` every `ms`; `onData(json)` returns false to stop. Signed out -> the login page. */
  function poll(url, ms, onData, onProblem) {
    var stopped = false;
    function tick() {
      fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}, cache: "no-store"})
        .then(function (resp) {
          if (resp.status === 401) { window.location.reload(); stopped = true; return null; }
          return resp.json().then(function (body) {
            if (!resp.ok) throw new Error(body && body.error ? body.error : "HTTP " + resp.status);
            return body;
          });
        })
        .then(function (body) {
          if (body === null) return;
          onProblem(null);
          if (onData(body) === false) stopped = true;
        })
        .catch(function (err) { onProblem(String(err.message || err)); })
        .finally(function () { if (!stopped) window.setTimeout(tick, ms); });
    }
    window.setTimeout(tick, ms);
  }

  return {duration: duration, words: words, el: el, callerNode: callerNode, poll: poll};
})();
