// Worksheets (生成练习): check every field against its data-answer when 检查答案 is pressed or
// a field changes, mark it right or wrong and show the score. No answers are sent anywhere.
(function () {
  document.querySelectorAll(".worksheet[data-interactive='1']").forEach(function (sheet) {
    var fields = sheet.querySelectorAll(".ws-field");
    var result = sheet.querySelector(".ws-result");
    function same(a, b) { return a.trim().toLowerCase() === b.trim().toLowerCase(); }
    function mark(field) {
      if (!field.value) { field.classList.remove("right", "wrong"); return false; }
      var ok = same(field.value, field.dataset.answer);
      field.classList.toggle("right", ok);
      field.classList.toggle("wrong", !ok);
      return ok;
    }
    function check() {
      var right = 0;
      fields.forEach(function (f) { if (mark(f)) right += 1; });
      if (result) result.textContent = "答对 " + right + " / " + fields.length;
    }
    fields.forEach(function (f) { f.addEventListener("change", function () { mark(f); }); });
    var button = sheet.querySelector(".ws-check");
    if (button) button.addEventListener("click", check);
  });
})();
