/* The waiting-room screen (bereik/screens): shows the slides in turn, asks the server for new
   ones every minute and keeps the last ones it has when the network drops, retrying until it is
   back. No inline script: a strict Content Security Policy allows this file. */
(function () {
  "use strict";

  var root = document.getElementById("scherm");
  var stage = document.getElementById("berichten");
  if (!root || !stage) return;

  var slidesUrl = root.getAttribute("data-slides-url");
  var refreshMs = (parseInt(root.getAttribute("data-refresh-seconds"), 10) || 60) * 1000;
  var retryMs = 15000; // after a failure: 15 s, then 30 s, 60 s ... up to the refresh interval
  var failures = 0;
  var lastSuccess = new Date();
  var startedAt = Date.now();
  var DAY_MS = 24 * 3600 * 1000;
  var statusEl = document.getElementById("status");
  var dotsEl = document.getElementById("dots");
  var clockEl = document.getElementById("klok");
  var current = 0;
  var rotateTimer = null;

  // Older TV browsers lack replaceChildren: empty an element the long way.
  function empty(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
  }

  // A request that hangs (a network cut in the middle) counts as failed after this long.
  var TIMEOUT_MS = 20000;

  function fetchWithTimeout(url, options) {
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () { reject(new Error("timeout")); }, TIMEOUT_MS);
      fetch(url, options).then(
        function (response) { clearTimeout(timer); resolve(response); },
        function (error) { clearTimeout(timer); reject(error); }
      );
    });
  }

  function slides() {
    return stage.querySelectorAll(".slide");
  }

  function drawDots(count) {
    empty(dotsEl);
    if (count < 2) return;
    for (var i = 0; i < count; i++) {
      var dot = document.createElement("span");
      if (i === current) dot.className = "current";
      dotsEl.appendChild(dot);
    }
  }

  function show(index) {
    var list = slides();
    if (!list.length) return;
    current = index % list.length;
    for (var i = 0; i < list.length; i++) {
      if (i === current) list[i].removeAttribute("hidden");
      else list[i].setAttribute("hidden", "");
    }
    drawDots(list.length);
    clearTimeout(rotateTimer);
    var seconds = parseInt(list[current].getAttribute("data-seconds"), 10) || 12;
    if (list.length > 1) rotateTimer = setTimeout(function () { show(current + 1); }, seconds * 1000);
  }

  function version(container) {
    var el = container.querySelector("[data-version]");
    return el ? el.getAttribute("data-version") : "";
  }

  function replaceSlides(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.querySelector(".slides");
    if (!fresh || version(doc) === version(stage)) return false;
    var keep = slides()[current];
    var keepKey = keep ? keep.getAttribute("data-key") : null;
    empty(stage);
    stage.appendChild(document.importNode(fresh, true));
    // Go on with the slide that was showing if it is still there, else start over.
    var list = slides();
    var next = 0;
    for (var i = 0; i < list.length; i++) {
      if (list[i].getAttribute("data-key") === keepKey) next = i;
    }
    show(next);
    return true;
  }

  function two(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function setStatus(text) {
    statusEl.textContent = text;
  }

  function schedule(ms) {
    setTimeout(refresh, ms);
  }

  function refresh() {
    fetchWithTimeout(slidesUrl, { cache: "no-store", credentials: "omit" })
      .then(function (response) {
        if (response.status === 404) {
          // The link was revoked: show nothing of the old messages.
          var gone = document.createElement("section");
          gone.className = "slide slide-empty";
          var body = document.createElement("div");
          body.className = "slide-body";
          var p = document.createElement("p");
          p.className = "slide-text";
          p.textContent = root.getAttribute("data-text-gone");
          body.appendChild(p);
          gone.appendChild(body);
          empty(stage);
          stage.appendChild(gone);
          clearTimeout(rotateTimer);
          drawDots(0);
          setStatus("");
          schedule(refreshMs * 5);
          return null;
        }
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        if (html === null || html === undefined) return;
        failures = 0;
        lastSuccess = new Date();
        setStatus("");
        replaceSlides(html);
        if (Date.now() - startedAt > DAY_MS) {
          // Once a day, while the network works, a fresh page (new script, no leaks).
          window.location.reload();
          return;
        }
        schedule(refreshMs);
      })
      .catch(function () {
        failures += 1;
        setStatus(
          root.getAttribute("data-text-offline") + " " +
          two(lastSuccess.getHours()) + ":" + two(lastSuccess.getMinutes())
        );
        schedule(Math.min(refreshMs, retryMs * Math.pow(2, failures - 1)));
      });
  }

  var DAYS = ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"];
  var MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december"];

  function tick() {
    var now = new Date();
    clockEl.textContent = DAYS[now.getDay()] + " " + now.getDate() + " " + MONTHS[now.getMonth()] +
      " · " + two(now.getHours()) + ":" + two(now.getMinutes());
  }

  // Full screen: a button for a mouse or remote; hidden again (with the cursor) when idle.
  var button = document.getElementById("volledig");
  var idleTimer = null;
  var canFullscreen = !!(document.fullscreenEnabled && root.requestFullscreen);

  function awake() {
    root.classList.remove("idle");
    if (canFullscreen && !document.fullscreenElement) button.removeAttribute("hidden");
    clearTimeout(idleTimer);
    idleTimer = setTimeout(function () {
      if (document.activeElement === button) button.blur();
      button.setAttribute("hidden", "");
      root.classList.add("idle");
    }, 8000);
  }

  if (canFullscreen) {
    button.addEventListener("click", function () {
      var asked = document.documentElement.requestFullscreen();
      if (asked && asked.catch) asked.catch(function () {});
      button.setAttribute("hidden", "");
    });
  }
  document.addEventListener("mousemove", awake);
  document.addEventListener("keydown", awake);
  document.addEventListener("touchstart", awake, { passive: true });

  show(0);
  tick();
  setInterval(tick, 15000);
  awake();
  schedule(refreshMs);
})();
