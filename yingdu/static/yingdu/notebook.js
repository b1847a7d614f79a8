// Review page shortcuts on a desktop: space shows the answer, 1–4 rate the card
// (重来 / 困难 / 良好 / 简单). On a phone the large buttons do the same.
(function () {
  var answer = document.querySelector(".review-card details.answer");
  if (!answer) return;
  var sent = false;
  document.querySelector("form.ratings").addEventListener("submit", function (event) {
    if (sent) { event.preventDefault(); return; }  // one rating per card
    sent = true;
  });
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var tag = event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    if (event.key === " " && !answer.open) {
      event.preventDefault();
      answer.open = true;
      return;
    }
    if (answer.open && /^[1-4]$/.test(event.key)) {
      var button = answer.querySelector('button.rate[data-key="' + event.key + '"]');
      if (button) { event.preventDefault(); button.click(); }
    }
  });
})();
