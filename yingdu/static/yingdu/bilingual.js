// English / 中文 / 对照 switch for bilingual articles: works as plain links without
// JavaScript; with it, switches in place and keeps the choice in the address bar.
(function () {
  var article = document.querySelector("article.bilingual");
  if (!article) return;
  var links = article.querySelectorAll(".view-switch a[data-view]");
  links.forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var mode = link.getAttribute("data-view");
      article.setAttribute("data-mode", mode);
      links.forEach(function (other) { other.removeAttribute("aria-current"); });
      link.setAttribute("aria-current", "true");
      history.replaceState(null, "", "?view=" + mode);
    });
  });
})();
