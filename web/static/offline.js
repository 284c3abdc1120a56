// tiendo offline: the installable app's page side (issue 16). The service
// worker (/sw.js) keeps "Việc của tôi" and its task pages; this file shows
// when a page is such a saved copy, asks the worker to keep the tasks, and
// queues a progress report made without a signal (queue.js). outbox.js shows
// the queue and sends it; both share the wording below (tiendoOffline).
(function () {
  "use strict";
  var TEXT = {
    vi: {
      saved: "Đã lưu lúc %s, chưa cập nhật",
      savedDay: "Đã lưu lúc %s ngày %s, chưa cập nhật",
      ready: "Đã lưu %d việc trên máy để xem và báo cáo khi không có sóng.",
      count: "%d báo cáo chờ gửi",
      refusedHead: "Báo cáo chưa được ghi nhận",
      sendNow: "Gửi ngay",
      waiting: "Chờ gửi",
      signin: "Chờ đăng nhập lại để gửi",
      madeAt: "báo cáo lúc %s",
      drop: "Bỏ báo cáo",
      copy: "Chép nội dung",
      copied: "Đã chép nội dung báo cáo, có thể dán vào báo cáo mới.",
      sent: "Đã gửi %d báo cáo.",
      queued: "Không có sóng: báo cáo đã được lưu trên máy và sẽ tự gửi khi có mạng.",
      notRecorded: " — báo cáo chưa được ghi nhận",
      reassigned: "Nhiệm vụ đã được giao cho đơn vị khác",
      gone: "Nhiệm vụ không còn trong hệ thống",
      refused: "Báo cáo bị từ chối: %s",
      percent: "Tỷ lệ hoàn thành phải là số nguyên từ 0 đến 100.",
      value: "Giá trị thực hiện cần là một số không âm, ví dụ 1.250 hoặc 12,5.",
      signOut: "Còn %d báo cáo chưa gửi. Đăng xuất sẽ xóa các báo cáo này khỏi máy. Vẫn đăng xuất?",
      copyPercent: "Tỷ lệ hoàn thành", copyValue: "Giá trị thực hiện", copyNote: "Ghi chú", copyFiles: "Ảnh/tệp"
    },
    en: {
      saved: "Saved at %s, not updated",
      savedDay: "Saved at %s on %s, not updated",
      ready: "%d tasks saved on this device to read and report on without a signal.",
      count: "%d reports waiting to be sent",
      refusedHead: "Reports not recorded",
      sendNow: "Send now",
      waiting: "Waiting to send",
      signin: "Waiting for you to sign in again",
      madeAt: "reported at %s",
      drop: "Discard report",
      copy: "Copy text",
      copied: "The report's text is copied; paste it into a new report.",
      sent: "%d reports sent.",
      queued: "No signal: the report is kept on this device and will be sent when the connection returns.",
      notRecorded: " — the report was not recorded",
      reassigned: "The task has been given to another unit",
      gone: "The task no longer exists",
      refused: "The report was refused: %s",
      percent: "Percent complete must be a whole number from 0 to 100.",
      value: "The actual value must be a number of at least 0, for example 1,250 or 12.5.",
      signOut: "%d reports have not been sent. Signing out deletes them from this device. Sign out anyway?",
      copyPercent: "Percent complete", copyValue: "Actual value", copyNote: "Note", copyFiles: "Photos/files"
    }
  };
  var lang = document.documentElement.lang === "en" ? "en" : "vi";
  function t(k) {
    var args = Array.prototype.slice.call(arguments, 1);
    return TEXT[lang][k].replace(/%[sd]/g, function () { return String(args.shift()); });
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function hhmm(d) { return pad(d.getHours()) + ":" + pad(d.getMinutes()); }
  function ddmm(d) { return pad(d.getDate()) + "/" + pad(d.getMonth() + 1) + "/" + d.getFullYear(); }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  window.tiendoOffline = { t: t, el: el, hhmm: hhmm, ddmm: ddmm };

  var hasWorker = "serviceWorker" in navigator;
  if (hasWorker) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {
      /* a browser that refuses (private mode) works online as before */
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var savedAt = document.querySelector("meta[name=tiendo-saved-at]");
    if (savedAt) savedMark(new Date(savedAt.getAttribute("content")));
    var user = document.body.getAttribute("data-user") || "";
    if (!user || typeof tiendoQueue === "undefined" || !window.indexedDB) return;
    var app = { user: user, saved: !!savedAt };
    window.tiendoOffline.app = app; // outbox.js shows and sends the queue
    tiendoQueue.setUser(user).catch(function () { /* no IndexedDB: no queue */ });
    if (location.pathname === "/viec-cua-toi" && !app.saved && navigator.onLine) warm();
    reportForm(app);
  });

  // savedMark says that the page is the copy kept on this device.
  function savedMark(at) {
    var main = document.getElementById("main");
    if (!main || isNaN(at)) return;
    var today = new Date();
    var text = at.toDateString() === today.toDateString() ? t("saved", hhmm(at)) : t("savedDay", hhmm(at), ddmm(at));
    main.insertBefore(el("p", { "class": "stale", id: "saved-mark", role: "status" }, text), main.firstChild);
  }

  // warm asks the worker to keep "Việc của tôi" and the pages of its tasks,
  // so that a task never opened with a signal still opens without one.
  function warm() {
    var urls = ["/viec-cua-toi"], tasks = 0;
    document.querySelectorAll("#open-tasks a[href], #done-tasks a[href]").forEach(function (a) {
      var path = a.getAttribute("href");
      if (!/^\/nhiem-vu\/\d+(\/bao-cao)?$/.test(path) || urls.indexOf(path) >= 0) return;
      if (/\d$/.test(path)) tasks++;
      urls.push(path);
    });
    if (!hasWorker) return;
    navigator.serviceWorker.ready.then(function (reg) {
      var ch = new MessageChannel();
      ch.port1.onmessage = function () {
        document.body.setAttribute("data-saved-offline", String(tasks));
        var h1 = document.querySelector("main h1");
        if (h1) h1.parentNode.insertBefore(el("p", { "class": "small muted", id: "offline-ready" }, t("ready", tasks)), h1.nextSibling);
      };
      reg.active.postMessage({ type: "warm", urls: urls }, [ch.port2]);
    });
  }

  // reportForm queues the progress report instead of posting it when there
  // is no signal (or the page itself is a saved copy, so the server was out
  // of reach a moment ago). With a signal the form posts as it always did.
  function reportForm(app) {
    var form = document.querySelector("form[action$='/bao-cao'][enctype='multipart/form-data']");
    if (!form) return;
    form.addEventListener("submit", function (ev) {
      if (navigator.onLine && !app.saved) return;
      ev.preventDefault();
      var percent = form.elements.percent.value.trim().replace(/%$/, "");
      if (!/^\d{1,3}$/.test(percent) || +percent > 100) {
        formError(form, t("percent"));
        return;
      }
      var value = plainNumber(form.elements.actual_value ? form.elements.actual_value.value : "");
      if (value === null) {
        formError(form, t("value"));
        return;
      }
      var files = Array.prototype.slice.call(form.elements.files.files || []);
      Promise.all(files.map(shrink)).then(function (shrunk) {
        return queue(app, form, +percent, value, shrunk);
      }).then(function (item) {
        sessionStorage.setItem("tiendo-queued", "1");
        location.href = "/nhiem-vu/" + item.task;
      }, function (err) { formError(form, String(err && err.message || err)); });
    });
  }

  // plainNumber reads the actual value as the progress page does — "1.250"
  // and "12,5" the Vietnamese way, "1234.5" too — and writes it plainly for
  // the API; "" stays "" (no value), null is a value that is no number.
  function plainNumber(s) {
    s = s.replace(/\s/g, "");
    if (s === "") return "";
    if (s.indexOf(",") >= 0) s = s.replace(/\./g, "").replace(",", ".");
    else if (/^\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, "");
    return /^\d+(\.\d+)?$/.test(s) ? s : null;
  }

  function formError(form, msg) {
    var box = document.getElementById("offline-error") || el("p", { "class": "expired", id: "offline-error", role: "alert" });
    box.textContent = msg;
    form.parentNode.insertBefore(box, form);
  }

  function queue(app, form, percent, value, files) {
    var task = +form.getAttribute("action").match(/\/nhiem-vu\/(\d+)\//)[1];
    var back = document.querySelector("p.back a");
    var made = new Date().toISOString();
    var note = form.elements.note ? form.elements.note.value : "";
    var fields = [["percent", String(percent)], ["note", note], ["reported_at", made]];
    if (value) fields.push(["actual_value", value]);
    var built = tiendoQueue.body(fields, files);
    var item = { key: tiendoQueue.key(), user: app.user, task: task, made: made, state: "waiting", problem: null,
      title: back ? back.textContent.replace(/^←\s*/, "").trim() : "#" + task,
      percent: percent, value: value, note: note, files: files.map(function (f) { return f.name; }),
      body: built.blob, boundary: built.boundary };
    return tiendoQueue.put(item).then(function () {
      forgetDraft(app, form);
      if (hasWorker) {
        navigator.serviceWorker.ready.then(function (reg) {
          if (reg.sync) return reg.sync.register("tiendo-reports");
        }).catch(function () { /* no Background Sync: the pages send */ });
      }
      return item;
    });
  }

  // forgetDraft drops the draft app.js kept: the queue holds the report now.
  function forgetDraft(app, form) {
    try {
      localStorage.removeItem("tiendo-draft:" + app.user + ":" + new URL(form.action, location.href).pathname);
      sessionStorage.removeItem("tiendo-sent");
    } catch (e) { /* no storage: nothing kept */ }
  }

  // shrink makes a photo at most 1600 px on its longest side, as JPEG, to
  // spare the data plan; the browser applies the EXIF orientation when it
  // decodes, so the copy stands upright. PDFs go as they are.
  function shrink(file) {
    var keep = { name: file.name, blob: file };
    if (!/^image\/(jpeg|png|webp)$/.test(file.type) || !window.createImageBitmap) return Promise.resolve(keep);
    return createImageBitmap(file).then(function (bmp) {
      var scale = Math.min(1, 1600 / Math.max(bmp.width, bmp.height));
      if (scale === 1 && file.type === "image/jpeg") return keep;
      var c = el("canvas");
      c.width = Math.round(bmp.width * scale);
      c.height = Math.round(bmp.height * scale);
      var g = c.getContext("2d");
      g.fillStyle = "#fff"; // a transparent PNG gets a white ground, not black
      g.fillRect(0, 0, c.width, c.height);
      g.drawImage(bmp, 0, 0, c.width, c.height);
      return new Promise(function (ok) { c.toBlob(ok, "image/jpeg", 0.85); }).then(function (blob) {
        return { name: file.name.replace(/\.[^.]*$/, "") + ".jpg", blob: blob };
      });
    }, function () { return keep; });
  }
})();
