// Applies the reader's remembered level (localStorage) before the page is painted, so
// highlighting does not flash. Loaded in <head> without defer; reading.js does the rest.
(function () {
  try {
    var level = localStorage.getItem("yingdu-level");
    if (/^[0-5]$/.test(level)) document.documentElement.setAttribute("data-level", level);
  } catch (e) { /* storage unavailable: the server's default level stays */ }
})();
