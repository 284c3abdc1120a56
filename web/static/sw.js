// tiendo's service worker: the app opens and takes reports with no signal.
// Served at /sw.js (handlers/pages_offline.go), which fills in VERSION and
// SHELL, the versioned URLs of the files every page needs.
//
// Pages are network-first: with a signal the person sees the page as it is
// now and this worker keeps a copy; without one they see the copy, marked
// with the time it was saved (offline.js shows "Đã lưu lúc HH:MM, chưa cập
// nhật"). Only "Việc của tôi", the task pages and their progress forms are
// kept: what a team member needs in the field, and nothing of anyone else's.
"use strict";

var VERSION = "__VERSION__";
var SHELL = ["__SHELL__"];
var SHELL_CACHE = "tiendo-shell-" + VERSION;
var PAGE_CACHE = "tiendo-pages";
var SAVED_HEADER = "X-Tiendo-Saved-At";
var USER_HEADER = "X-Tiendo-User"; // whose page it is (a phone may be shared)
var KEPT = /^\/(viec-cua-toi|nhiem-vu\/\d+(\/bao-cao)?|api\/v1\/attachments\/\d+\/thumbnail)$/;
var FRESH_MS = 5 * 60 * 1000; // a warm-up skips pages saved this recently

importScripts(SHELL.filter(function (u) { return u.indexOf("/static/queue.js") === 0; })[0]);

self.addEventListener("install", function (ev) {
  ev.waitUntil(caches.open(SHELL_CACHE)
    .then(function (c) { return c.addAll(SHELL); })
    .then(function () { return self.skipWaiting(); }));
});

// A new version drops the shell of the old one and takes over open pages.
self.addEventListener("activate", function (ev) {
  ev.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) {
      return k.indexOf("tiendo-shell-") === 0 && k !== SHELL_CACHE;
    }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (ev) {
  var req = ev.request;
  var url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== location.origin) return;
  if (url.pathname.indexOf("/static/") === 0) ev.respondWith(cacheFirst(req));
  else if (KEPT.test(url.pathname)) ev.respondWith(networkFirst(req, url));
  else if (req.mode === "navigate") ev.respondWith(fetch(req).catch(function () { return notSaved(); }));
});

// Static files carry their version in the URL, so a cached copy is current.
// Offline, a page saved before a deployment asks for the old version: any
// kept version of the same file will do.
function cacheFirst(req) {
  return caches.match(req).then(function (hit) {
    return hit || fetch(req).then(function (res) {
      if (res.ok) {
        var copy = res.clone();
        caches.open(SHELL_CACHE).then(function (c) { c.put(req, copy); });
      }
      return res;
    }).catch(function () {
      return caches.match(req, { ignoreSearch: true }).then(function (old) { return old || Response.error(); });
    });
  });
}

// networkFirst answers from the network and keeps a copy; without a network
// it answers the copy, marked as saved. The copy is kept under the path
// alone: a page with a query (a flash message) falls back to it.
function networkFirst(req, url) {
  return fetch(req).then(function (res) {
    if (url.search === "" && keepable(res)) keep(url.pathname, res.clone());
    return res;
  }).catch(function (err) {
    return Promise.all([caches.open(PAGE_CACHE).then(function (c) { return c.match(url.pathname); }),
      tiendoQueue.signedIn()]).then(function (got) {
      var hit = got[0];
      if (!hit) {
        if (req.mode === "navigate") return notSaved();
        throw err;
      }
      if (req.mode !== "navigate") return hit;
      // Someone else signed in on this phone since: not theirs to read.
      return hit.headers.get(USER_HEADER) === (got[1] || "") ? marked(hit) : notSaved();
    });
  });
}

// keepable: a page the person was shown, not a redirect to sign in or an
// error page.
function keepable(res) {
  return res.ok && res.status === 200 && !res.redirected && res.type === "basic";
}

function keep(path, res) {
  return res.blob().then(function (body) {
    return body.text().then(function (html) { return [body, html]; });
  }).then(function (got) {
    var body = got[0], headers = new Headers(res.headers);
    headers.set(SAVED_HEADER, new Date().toISOString());
    headers.set(USER_HEADER, pageUser(got[1]));
    return caches.open(PAGE_CACHE).then(function (c) {
      return c.put(path, new Response(body, { status: 200, headers: headers }));
    });
  });
}

// pageUser is the account a page was made for (layout.html's data-user).
function pageUser(html) {
  var m = /<body[^>]*\sdata-user="([^"]*)"/.exec(html);
  if (!m) return "";
  return m[1].replace(/&#34;|&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

// marked is the saved page with the time it was saved in its head, which
// offline.js turns into the "saved at, not updated" line.
function marked(hit) {
  var at = hit.headers.get(SAVED_HEADER) || "";
  return hit.text().then(function (html) {
    var meta = '<meta name="tiendo-saved-at" content="' + at.replace(/[^0-9TZ:.\-]/g, "") + '">';
    return new Response(html.replace("<head>", "<head>\n" + meta), {
      status: 200, headers: { "Content-Type": "text/html; charset=utf-8" }
    });
  });
}

// notSaved answers a page that was never kept on this device.
function notSaved() {
  var title = "Không có kết nối mạng · No connection";
  var text = "Trang này chưa được lưu trên máy; Việc của tôi vẫn xem được khi không có sóng. " +
    "This page is not saved on this device; your tasks are.";
  var link = "Việc của tôi · My tasks";
  var en = false;
  var css = SHELL.filter(function (u) { return u.indexOf("/static/app.css") === 0; })[0];
  var html = '<!doctype html><html lang="' + (en ? "en" : "vi") + '"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>' + title + '</title>' +
    '<link rel="stylesheet" href="' + css + '"></head><body><main id="main" class="wrap">' +
    '<h1>' + title + '</h1><p id="not-saved">' + text + '</p><p class="links"><a href="/viec-cua-toi">' + link +
    '</a></p></main></body></html>';
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

// Messages from the pages: "warm" keeps the pages of the tasks on "Việc của
// tôi" so that a task never opened with a signal still opens without one;
// "forget" empties the device's copy (signing out).
self.addEventListener("message", function (ev) {
  var m = ev.data || {};
  if (m.type === "warm") ev.waitUntil(warm(m.urls || []).then(function () { reply(ev, { type: "warmed" }); }));
  if (m.type === "forget") ev.waitUntil(forget().then(function () { reply(ev, { type: "forgotten" }); }));
  if (m.type === "send") ev.waitUntil(tiendoQueue.sendAll());
});

function reply(ev, msg) {
  if (ev.ports && ev.ports[0]) ev.ports[0].postMessage(msg);
}

function warm(urls) {
  return caches.open(PAGE_CACHE).then(function (c) {
    return urls.reduce(function (done, path) {
      return done.then(function () { return c.match(path); }).then(function (hit) {
        var at = hit && Date.parse(hit.headers.get(SAVED_HEADER) || "");
        if (at && Date.now() - at < FRESH_MS) return;
        return fetch(path, { credentials: "same-origin" }).then(function (res) {
          if (keepable(res)) return keep(path, res);
        }).catch(function () { /* the signal went: keep what there is */ });
      });
    }, Promise.resolve());
  });
}

function forget() {
  return Promise.all([caches.delete(PAGE_CACHE), tiendoQueue.clear()]);
}

// Background Sync: the browser wakes this worker when the signal is back,
// even with the app closed; where it has none, the pages send instead.
self.addEventListener("sync", function (ev) {
  if (ev.tag !== "tiendo-reports") return;
  ev.waitUntil(tiendoQueue.sendAll().then(function (tally) {
    // Still waiting (the signal went again): failing asks for another try.
    if (tally.waiting) throw new Error("reports still waiting");
  }));
});
