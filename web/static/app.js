// tiendo — a little progressive enhancement. Every page works without this
// file; it only saves taps on a phone.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  document.addEventListener("DOMContentLoaded", function () {
    // A form that came back with errors: bring its summary into view and
    // let its links put the focus in the field itself, not just scroll.
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
      summary.querySelectorAll("a[href^='#']").forEach(function (a) {
        a.addEventListener("click", function (ev) {
          var field = document.getElementById(a.getAttribute("href").slice(1));
          if (!field) return;
          ev.preventDefault();
          field.scrollIntoView({ block: "center" });
          field.focus();
        });
      });
    }

    // A timeline wider than a phone scrolls inside its box: start it with
    // today in view rather than at January.
    document.querySelectorAll(".timeline[data-today-x]").forEach(function (box) {
      var x = parseFloat(box.getAttribute("data-today-x"));
      var w = parseFloat(box.getAttribute("data-width"));
      var svg = box.querySelector("svg");
      if (!x || !w || !svg || box.scrollWidth <= box.clientWidth) return;
      // Today goes to the middle of what the names column leaves in view.
      var names = box.querySelector(".tl-names");
      var off = names ? names.offsetWidth : 0;
      box.scrollLeft = Math.max(0, svg.clientWidth * x / w + off / 2 - box.clientWidth / 2);
    });

    // The print button of the periodic report: without this file the page
    // says to use the browser's Print, which prints the same.
    document.querySelectorAll("[data-print]").forEach(function (b) {
      b.addEventListener("click", function () { window.print(); });
    });

    // Quick percent buttons on the progress form: one tap sets 25/50/75/100 %.
    document.querySelectorAll("[data-set-percent]").forEach(function (b) {
      b.addEventListener("click", function () {
        var input = document.getElementById(b.getAttribute("data-target"));
        if (!input) return;
        input.value = b.getAttribute("data-set-percent");
        input.focus();
      });
    });

    // Evidence files: list what was chosen and refuse what the server would,
    // before minutes of uploading on a slow connection.
    document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
      var max = parseInt(input.getAttribute("data-max-bytes"), 10);
      var maxFiles = parseInt(input.getAttribute("data-max-files"), 10);
      var out = document.getElementById(input.getAttribute("data-list"));
      input.addEventListener("change", function () {
        var problems = [];
        if (out) out.textContent = "";
        Array.prototype.forEach.call(input.files, function (f) {
          var size = f.size < 1048576
            ? Math.max(1, Math.round(f.size / 1024)) + " KB"
            : (f.size / 1048576).toFixed(1).replace(".", ",") + " MB";
          if (out) {
            var li = document.createElement("li");
            li.textContent = f.name + " (" + size + ")";
            out.appendChild(li);
          }
          if (f.size > max) problems.push(f.name + ": " + input.getAttribute("data-msg-size"));
        });
        if (input.files.length > maxFiles) problems.push(input.getAttribute("data-msg-count"));
        input.setCustomValidity(problems.join("\n"));
        if (problems.length) input.reportValidity();
      });
    });

    drafts();
  });

  // Nothing typed is lost. What is typed in a form that records something
  // (one with a one-time token) is kept on this device, per account and
  // form, until the server has recorded it: a report posted after the
  // session expired comes back after signing in (the sign-in page says so),
  // and the progress form (data-draft="keep") keeps an unsent draft even
  // across visits. Files cannot be put back into a file input; the names of
  // those picked are kept so the page can ask for them again.
  function drafts() {
    var store;
    try { store = window.localStorage; } catch (e) { return; }
    if (!store) return;
    var body = document.body;
    var user = body.getAttribute("data-user") || "";
    var sent = sessionStorage.getItem("tiendo-sent");
    if (document.querySelector("[data-restore-drafts]")) {
      sessionStorage.setItem("tiendo-restore", "1"); // the sign-in page after an expired session
      return;
    }
    if (sent) {
      // The page after a post: a confirmation means the draft is recorded.
      if (document.querySelector(".flash, #recorded-message")) store.removeItem(sent);
      sessionStorage.removeItem("tiendo-sent");
    }
    if (!user) return;
    var restoreAll = sessionStorage.getItem("tiendo-restore") === "1";
    sessionStorage.removeItem("tiendo-restore");
    // Back to a form already sent: the browser fetched it again with a new
    // token, so put back the token it was sent with, and sending it again
    // shows "already recorded" instead of recording it twice.
    var nav = performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    var back = nav && nav.type === "back_forward";
    document.querySelectorAll("form[method=post]").forEach(function (form) {
      var once = form.querySelector("input[name=_once]");
      if (!once) return;
      var key = "tiendo-draft:" + user + ":" + new URL(form.action, location.href).pathname;
      var used = sessionStorage.getItem("tiendo-used:" + key);
      if (back && used) once.value = used;
      var keep = form.getAttribute("data-draft") === "keep";
      if ((keep || restoreAll) && !form.querySelector(".error-summary, [aria-invalid=true]")) restore(form, key);
      var save = function () { saveDraft(form, key); };
      form.addEventListener("input", save);
      form.addEventListener("change", save);
      form.addEventListener("submit", function () {
        save();
        sessionStorage.setItem("tiendo-sent", key);
        sessionStorage.setItem("tiendo-used:" + key, once.value);
      });
    });

    function fields(form) {
      return Array.prototype.filter.call(form.elements, function (el) {
        return el.name && el.name !== "_once" && el.type !== "hidden" && el.type !== "password" &&
          el.type !== "submit" && el.type !== "button";
      });
    }

    function saveDraft(form, key) {
      var d = { values: [], files: [], at: Date.now() };
      fields(form).forEach(function (el) {
        if (el.type === "file") {
          Array.prototype.forEach.call(el.files || [], function (f) { d.files.push(f.name); });
        } else if (el.type === "checkbox" || el.type === "radio") {
          if (el.checked) d.values.push([el.name, el.value]);
        } else if (el.tagName === "SELECT" && el.multiple) {
          Array.prototype.forEach.call(el.selectedOptions, function (o) { d.values.push([el.name, o.value]); });
        } else {
          d.values.push([el.name, el.value]);
        }
      });
      try { store.setItem(key, JSON.stringify(d)); } catch (e) { /* full or private mode: no draft */ }
    }

    function restore(form, key) {
      var d;
      try { d = JSON.parse(store.getItem(key) || "null"); } catch (e) { d = null; }
      if (!d || !d.values) return;
      var byName = {};
      d.values.forEach(function (kv) { (byName[kv[0]] = byName[kv[0]] || []).push(kv[1]); });
      fields(form).forEach(function (el) {
        var vals = byName[el.name];
        if (el.type === "file" || !vals) {
          if (el.type === "checkbox" && !vals) el.checked = false;
          return;
        }
        if (el.type === "checkbox" || el.type === "radio") el.checked = vals.indexOf(el.value) >= 0;
        else if (el.tagName === "SELECT" && el.multiple) {
          Array.prototype.forEach.call(el.options, function (o) { o.selected = vals.indexOf(o.value) >= 0; });
        } else el.value = vals.shift();
      });
      var note = document.createElement("p");
      note.className = "restored";
      note.id = "draft-restored";
      note.setAttribute("role", "status");
      note.textContent = body.getAttribute("data-msg-restored");
      if (d.files && d.files.length) {
        note.textContent += " " + body.getAttribute("data-msg-refiles") + " " + d.files.join(", ");
      }
      form.parentNode.insertBefore(note, form);
    }
  }
})();
