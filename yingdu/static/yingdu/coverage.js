// "你认识约 N% 的词" for visitors: the server writes the coverage of every level in
// data-by-level; show the one of the level chosen in the header (<html data-level>).
(function () {
  function show() {
    var level = parseInt(document.documentElement.getAttribute("data-level"), 10);
    document.querySelectorAll(".coverage[data-by-level]").forEach(function (note) {
      var value = note.getAttribute("data-by-level").split(" ")[level];
      var number = note.querySelector(".coverage-n");
      if (value !== undefined && number) number.textContent = value;
    });
  }
  show();
  var select = document.querySelector(".level-select");
  if (select) select.addEventListener("change", function () { setTimeout(show, 0); });
})();
