// tiendo outbox: the queue of progress reports made without a signal
// (issue 16), on every page: "N báo cáo chờ gửi" with "Gửi ngay", "Chờ gửi"
// on the task and its card, the server's reason beside a report it refused
// (copy its text, or discard it), sending when the signal returns, and
// emptying the device's copy when the person signs out. Its wording and
// helpers come from offline.js, which runs first.
(function () {
  "use strict";
  var o = window.tiendoOffline;
  if (!o) return;
  var t = o.t, el = o.el, hhmm = o.hhmm, ddmm = o.ddmm;

  document.addEventListener("DOMContentLoaded", function () {
    if (!o.app) return;
    signOut(o.app);
    outbox(o.app);
  });

  // outbox shows the queued reports on every page, the "Chờ gửi" mark on
  // the task and its card, and sends when the signal is (back) on.
  function outbox(app) {
    var render = function () {
      return tiendoQueue.all().then(function (items) {
        items = mine(app, items);
        app.waiting = items.filter(function (i) { return i.state !== "refused"; }).length;
        show(app, items);
      });
    };
    var sendNow = function () {
      if (!navigator.onLine) return render();
      app.sending = true;
      var btn = document.getElementById("send-now");
      if (btn) btn.disabled = true; // until the answer, or its absence, is in
      return tiendoQueue.sendAll(app.user).then(function (tally) {
        app.sending = false;
        if (tally.sent && (app.saved || /^\/(viec-cua-toi|nhiem-vu\/\d+)$/.test(location.pathname))) {
          // The page is older than what was just recorded: show it as it now
          // stands (not a form, where someone may be typing).
          sessionStorage.setItem("tiendo-sent-count", String(tally.sent));
          location.reload();
          return;
        }
        return render().then(function () { if (tally.sent) status(t("sent", tally.sent), "outbox-sent"); });
      }, function () { app.sending = false; });
    };
    app.render = render;
    app.sendNow = sendNow;
    if (typeof BroadcastChannel === "function") new BroadcastChannel(tiendoQueue.channel).onmessage = render;
    window.addEventListener("online", sendNow);
    window.addEventListener("offline", render);
    watchSignal(app);
    var sent = sessionStorage.getItem("tiendo-sent-count");
    if (sent) {
      sessionStorage.removeItem("tiendo-sent-count");
      status(t("sent", +sent), "outbox-sent");
    }
    if (sessionStorage.getItem("tiendo-queued")) {
      sessionStorage.removeItem("tiendo-queued");
      status(t("queued"), "queued-notice");
    }
    render().then(function () { if (navigator.onLine && !app.saved) return sendNow(); });
  }

  // watchSignal does not rely on the online event alone: navigator.onLine
  // says true on a signal with no data (and under Chromium's own offline
  // emulation), and the event does not come when the network returns with
  // the screen off. It looks every 2 s, sends as soon as the browser says the
  // connection is back, and tries again every 10 s while reports wait.
  function watchSignal(app) {
    var was = navigator.onLine, tick = 0;
    setInterval(function () {
      var on = navigator.onLine;
      tick++;
      if (on && app.waiting && !app.sending && (!was || tick % 5 === 0)) app.sendNow();
      was = on;
    }, 2000);
  }

  function mine(app, items) { return items.filter(function (i) { return i.user === app.user; }); }

  function status(msg, id) {
    var main = document.getElementById("main");
    var old = document.getElementById(id);
    if (old) old.remove();
    main.insertBefore(el("p", { "class": "flash", id: id, role: "status" }, msg), main.firstChild);
  }

  function show(app, items) {
    document.querySelectorAll("#outbox, .pending-mark").forEach(function (n) { n.remove(); });
    if (!items.length) return;
    var main = document.getElementById("main");
    var waiting = items.filter(function (i) { return i.state !== "refused"; }).length;
    var box = el("section", { "class": "outbox card", id: "outbox", "aria-labelledby": "outbox-count" });
    var head = el("div", { "class": "outbox-head" });
    head.appendChild(el("h2", { id: "outbox-count" }, waiting ? t("count", waiting) : t("refusedHead")));
    if (waiting) {
      var btn = el("button", { type: "button", id: "send-now" }, t("sendNow"));
      btn.addEventListener("click", app.sendNow);
      head.appendChild(btn);
    }
    box.appendChild(head);
    var list = el("ul", { "class": "outbox-list" });
    items.forEach(function (item) { list.appendChild(row(app, item)); mark(item); });
    box.appendChild(list);
    var h1 = main.querySelector("h1");
    main.insertBefore(box, h1 || main.firstChild);
  }

  function row(app, item) {
    var li = el("li", { id: "queued-" + item.key, "class": "queued " + item.state });
    var line = el("div");
    line.appendChild(el("a", { href: "/nhiem-vu/" + item.task }, item.title));
    line.appendChild(document.createTextNode(" — " + item.percent + "% · " + t("madeAt", hhmm(new Date(item.made)) + " " + ddmm(new Date(item.made))) + " · "));
    line.appendChild(el("strong", { "class": "queue-state" }, item.state === "refused" ? "" : t(item.state === "signin" ? "signin" : "waiting")));
    li.appendChild(line);
    if (item.state !== "refused") return li;
    li.appendChild(el("p", { "class": "problem", role: "alert" }, problemText(item.problem || {})));
    var actions = el("div", { "class": "actions" });
    var drop = el("button", { type: "button", "class": "secondary", "data-drop": item.key }, t("drop"));
    drop.addEventListener("click", function () { tiendoQueue.remove(item.key).then(app.render); });
    var copy = el("button", { type: "button", "class": "secondary", "data-copy": item.key }, t("copy"));
    copy.addEventListener("click", function () { copyText(item).then(function () { status(t("copied"), "copied"); }); });
    actions.appendChild(copy);
    actions.appendChild(drop);
    li.appendChild(actions);
    return li;
  }

  // problemText says why the server did not record a queued report, in the
  // words of a person: the task went to another unit (403), is gone (404),
  // was cancelled or completed meanwhile (409, the server's words), or the
  // report itself was refused (400, each field's message).
  function problemText(p) {
    var cap = function (s) { return s.charAt(0).toUpperCase() + s.slice(1); };
    switch (p.status) {
    case 403: return t("reassigned") + t("notRecorded");
    case 404: return t("gone") + t("notRecorded");
    case 409: return cap(p.detail || "") + t("notRecorded");
    }
    var msgs = (p.errors || []).map(function (e) { return e.message; });
    return t("refused", msgs.length ? msgs.join("; ") : (p.detail || p.status));
  }

  function mark(item) {
    var text = (item.state === "refused" ? t("refusedHead") : t("waiting")) + ": " + item.percent + "%";
    if (location.pathname === "/nhiem-vu/" + item.task) {
      var meta = document.querySelector("main .meta");
      if (meta) meta.appendChild(el("span", { "class": "badge pending pending-mark", id: "pending-mark" }, text));
    }
    var card = document.querySelector("#task-" + item.task + " .meta");
    if (card) card.appendChild(el("span", { "class": "badge pending pending-mark", id: "pending-" + item.task }, t("waiting")));
  }

  function copyText(item) {
    var lines = [item.title, t("copyPercent") + ": " + item.percent + "%"];
    if (item.value) lines.push(t("copyValue") + ": " + item.value);
    if (item.note) lines.push(t("copyNote") + ": " + item.note);
    if (item.files && item.files.length) lines.push(t("copyFiles") + ": " + item.files.join(", "));
    lines.push(t("madeAt", hhmm(new Date(item.made)) + " " + ddmm(new Date(item.made))));
    var text = lines.join("\n");
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).catch(function () { return copyByHand(text); });
    }
    return Promise.resolve(copyByHand(text));
  }

  function copyByHand(text) {
    var area = el("textarea", { "class": "visually-hidden", id: "copy-area" });
    area.value = text;
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* the text stays selected */ }
    area.remove();
  }

  // signOut empties this device's copy of tasks and queue before the
  // session ends, after asking when reports are still waiting.
  function signOut(app) {
    var form = document.querySelector("form[action='/dang-xuat']");
    if (!form) return;
    var confirmed = false;
    form.addEventListener("submit", function (ev) {
      if (confirmed) return;
      ev.preventDefault();
      tiendoQueue.all().then(function (items) {
        var n = mine(app, items).length;
        if (n && !window.confirm(t("signOut", n))) return;
        return Promise.all([tiendoQueue.clear(), caches.delete("tiendo-pages")]).catch(function () {}).then(function () {
          confirmed = true;
          form.submit();
        });
      });
    });
  }
})();
