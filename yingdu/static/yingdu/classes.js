// 班级作业: on an assigned item's page, count the seconds the page is visible and the words
// looked up (reading.js's "yingdu:popover" events), and send them with navigator.sendBeacon
// whenever the page is hidden (switching tabs, leaving, closing). Nothing runs for readers
// without an assignment: this script is only on their pages.
(function () {
  var script = document.getElementById("class-reading");
  if (!script || !navigator.sendBeacon) return;
  var shownSince = document.visibilityState === "visible" ? Date.now() : null;
  var seconds = 0;
  var lookups = {};
  document.addEventListener("yingdu:popover", function (event) {
    if (event.detail && event.detail.lemma) lookups[event.detail.lemma] = true;
  });
  function send() {
    if (shownSince !== null) { seconds += (Date.now() - shownSince) / 1000; shownSince = null; }
    var words = Object.keys(lookups);
    if (seconds < 1 && !words.length) return;
    var data = new FormData();
    data.append("csrfmiddlewaretoken", script.dataset.csrf);
    data.append("assignments", script.dataset.assignments);
    data.append("seconds", String(Math.round(seconds)));
    data.append("lookups", words.join(","));
    if (navigator.sendBeacon(script.dataset.url, data)) { seconds = 0; lookups = {}; }
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") send();
    else shownSince = Date.now();
  });
  window.addEventListener("pagehide", send);
  document.querySelectorAll(".assignment-bar form").forEach(function (form) {
    form.addEventListener("submit", send);
  });
})();
