// The placement result sets the reader's level: the same localStorage key and <html
// data-level> that level.js and reading.js use, and the header's level picker.
(function () {
  var result = document.querySelector("[data-placement-level]");
  if (!result) return;
  var level = result.getAttribute("data-placement-level");
  if (!/^[0-9]$/.test(level)) return;
  try { localStorage.setItem("yingdu-level", level); } catch (e) { /* storage off */ }
  document.documentElement.setAttribute("data-level", level);
  var select = document.querySelector(".level-select");
  if (select) select.value = level;
})();
