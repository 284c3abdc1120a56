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
      box.scrollLeft = Math.max(0, svg.clientWidth * x / w - box.clientWidth / 2);
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
  });
})();
