// Bereik's own script, loaded on every page (no inline script: the Content-Security-Policy only
// allows files from Bereik itself). Everything here is a convenience: without it every page works.
(function () {
  "use strict";

  // After a form in a section of a page (#sectie-...), the browser scrolls to that section:
  // open it if it was folded, and show the feedback there instead of at the top, out of sight.
  function openSectionOfHash() {
    if (location.hash.indexOf("#sectie-") !== 0) return;
    var key = location.hash.slice("#sectie-".length);
    var target = document.getElementById("sectie-" + key);
    if (!target) return;
    var body = document.getElementById("inhoud-" + key);
    if (body && !body.classList.contains("show")) {
      body.classList.add("show");
      var toggle = target.querySelector("[aria-controls='inhoud-" + key + "']");
      if (toggle) { toggle.classList.remove("collapsed"); toggle.setAttribute("aria-expanded", "true"); }
    }
    var feedback = document.getElementById("berichten");
    if (feedback) (body || target).prepend(feedback);
    target.scrollIntoView();
  }

  // The worklists' "Kies alle": ticks every row of the bulk form; without script every row can
  // still be ticked by hand.
  function chooseAll() {
    var all = document.getElementById("kies-alle");
    if (!all) return;
    var boxes = document.querySelectorAll('#bulk-form input[name="dossiers"]');
    if (!boxes.length) return;
    all.hidden = false;
    all.addEventListener("change", function () {
      boxes.forEach(function (box) { box.checked = all.checked; });
    });
  }

  openSectionOfHash();
  chooseAll();
})();
