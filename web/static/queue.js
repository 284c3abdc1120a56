// tiendo's queue of progress reports made without a signal (issue 16).
// Reports wait in IndexedDB on this device until the server has them; the
// pages (offline.js) and the service worker (sw.js) both load this file, so
// either may send: the pages on load, when the signal returns and on "Gửi
// ngay", the worker on Background Sync. Each report carries its own
// Idempotency-Key and a body built once, so a retry after a lost answer
// replays the first answer instead of recording the report twice.
var tiendoQueue = (function () {
  "use strict";
  var DB = "tiendo", STORE = "reports", META = "meta", CHANNEL = "tiendo-queue";

  function open() {
    return new Promise(function (ok, fail) {
      var r = indexedDB.open(DB, 1);
      r.onupgradeneeded = function () {
        r.result.createObjectStore(STORE, { keyPath: "key" });
        r.result.createObjectStore(META);
      };
      r.onsuccess = function () { ok(r.result); };
      r.onerror = function () { fail(r.error); };
    });
  }

  // run does fn(store) in one transaction and answers its request's result.
  function run(mode, fn, store) {
    return open().then(function (db) {
      return new Promise(function (ok, fail) {
        var t = db.transaction(store || STORE, mode);
        var req = fn(t.objectStore(store || STORE));
        t.oncomplete = function () { db.close(); ok(req ? req.result : undefined); };
        t.onerror = t.onabort = function () { db.close(); fail(t.error); };
      });
    });
  }

  function all() {
    return run("readonly", function (s) { return s.getAll(); }).then(function (items) {
      return (items || []).sort(function (a, b) { return a.made < b.made ? -1 : 1; });
    });
  }

  function put(item) { return run("readwrite", function (s) { return s.put(item); }).then(changed); }
  function remove(key) { return run("readwrite", function (s) { return s.delete(key); }).then(changed); }
  function clear() {
    return run("readwrite", function (s) { return s.clear(); }, META).then(function () {
      return run("readwrite", function (s) { return s.clear(); });
    }).then(changed);
  }

  // The account signed in on this device, as the pages last saw it: the
  // worker sends only its reports, never one account's report on another's
  // session (a phone passed on after a session ran out).
  function setUser(user) { return run("readwrite", function (s) { return s.put(user, "user"); }, META); }
  function signedIn() { return run("readonly", function (s) { return s.get("user"); }, META); }

  // changed tells every open page of this site that the queue moved.
  function changed() {
    if (typeof BroadcastChannel === "function") {
      var ch = new BroadcastChannel(CHANNEL);
      ch.postMessage({ type: "changed" });
      ch.close();
    }
  }

  // body builds the multipart body once: sent again byte for byte, it has
  // the fingerprint the server keeps with the Idempotency-Key.
  function body(fields, files) {
    var boundary = "tiendo-" + key().replace(/-/g, "");
    var parts = [];
    fields.forEach(function (kv) {
      parts.push("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + kv[0] + "\"\r\n\r\n" + kv[1] + "\r\n");
    });
    files.forEach(function (f) {
      var name = f.name.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
      parts.push("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name +
        "\"\r\nContent-Type: " + (f.blob.type || "application/octet-stream") + "\r\n\r\n", f.blob, "\r\n");
    });
    parts.push("--" + boundary + "--\r\n");
    return { boundary: boundary, blob: new Blob(parts) };
  }

  function key() {
    if (self.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
  }

  // send posts one report. Sent (201, the first answer replayed, or 409
  // idempotency_key_recorded: recorded, its answer lost to a server
  // failure): gone from the queue. Refused for a reason a retry will not change (400, 403,
  // 404, 409, 412, 413, 422): kept with the problem, for the person to read,
  // copy or drop. No connection, a 5xx, or the same key still in flight:
  // kept waiting. A lost session (401) waits until they sign in again.
  function send(item) {
    return fetch("/api/v1/tasks/" + item.task + "/progress", {
      method: "POST", credentials: "same-origin", body: item.body,
      headers: { "Idempotency-Key": item.key, "Accept": "application/json",
        "Content-Type": "multipart/form-data; boundary=" + item.boundary }
    }).then(function (res) {
      if (res.status === 201) return remove(item.key).then(function () { return "sent"; });
      if (res.status === 401) return mark(item, "signin", null);
      return res.json().catch(function () { return {}; }).then(function (p) {
        if (res.status === 409 && p.code === "idempotency_key_recorded") {
          return remove(item.key).then(function () { return "sent"; });
        }
        var retry = res.status >= 500 || res.status === 408 || res.status === 429 ||
          (res.status === 409 && p.code === "idempotency_key_in_flight");
        if (retry) return "waiting";
        return mark(item, "refused", { status: res.status, code: p.code || "", detail: p.detail || p.title || "",
          errors: p.errors || [] });
      });
    }, function () { return "waiting"; });
  }

  function mark(item, state, problem) {
    item.state = state;
    item.problem = problem;
    return put(item).then(function () { return state; });
  }

  // sendAll sends every waiting report of the signed-in account, one at a
  // time, under a lock so that a page and the worker do not both send.
  function sendAll(user) {
    var work = function () {
      return Promise.all([all(), user || signedIn()]).then(function (got) {
        var items = got[0];
        user = got[1];
        var tally = { sent: 0, waiting: 0, refused: 0, signin: 0 };
        return items.reduce(function (done, item) {
          return done.then(function () {
            if (item.state === "refused" || !user || item.user !== user) return;
            return send(item).then(function (r) { tally[r]++; });
          });
        }, Promise.resolve()).then(function () { return tally; });
      });
    };
    if (self.navigator && navigator.locks) return navigator.locks.request("tiendo-send", work);
    return work();
  }

  return { all: all, put: put, remove: remove, clear: clear, setUser: setUser, signedIn: signedIn, body: body, key: key, send: send,
    sendAll: sendAll, channel: CHANNEL };
})();
