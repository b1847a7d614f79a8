// Reading aids in the browser: the level picker (remembered in localStorage and a cookie)
// and the tap-to-gloss popover. Highlighting and the word bank follow <html data-level>
// through CSS, so the page is fully rendered on the server and cached for everyone.
(function () {
  var KEY = "yingdu-level";
  var root = document.documentElement;

  function setLevel(level) {
    root.setAttribute("data-level", level);
    try { localStorage.setItem(KEY, level); } catch (e) { /* private mode */ }
    document.cookie = KEY + "=" + level + ";path=/;max-age=31536000;samesite=lax";
    document.querySelectorAll("select.level-select").forEach(function (s) { s.value = level; });
  }

  document.querySelectorAll("select.level-select").forEach(function (select) {
    select.value = root.getAttribute("data-level");
    select.addEventListener("change", function () { setLevel(select.value); });
  });

  var toggle = document.querySelector(".pinyin-toggle");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var body = document.querySelector(".pinyin-body");
      var off = body.classList.toggle("pinyin-off");
      toggle.setAttribute("aria-pressed", off ? "false" : "true");
    });
  }

  var glossaryNode = document.getElementById("glossary");
  if (!glossaryNode) return;
  var glossary = JSON.parse(glossaryNode.textContent);
  var labels = JSON.parse(document.getElementById("band-labels").textContent);
  var pop = null;

  function close() {
    if (pop) { pop.remove(); pop = null; }
  }

  function line(cls, text) {
    var p = document.createElement("p");
    if (cls) p.className = cls;
    p.textContent = text;
    return p;
  }

  function open(word) {
    close();
    var g = glossary[Number(word.getAttribute("data-g"))];
    if (!g) return;
    pop = document.createElement("div");
    pop.className = "pop b" + g.r;
    pop.setAttribute("role", "dialog");
    var head = document.createElement("p");
    var lemma = document.createElement("span");
    lemma.className = "lemma";
    lemma.setAttribute("lang", "en");
    lemma.textContent = g.l;
    head.appendChild(lemma);
    if (g.i) {
      var ipa = document.createElement("span");
      ipa.className = "ipa";
      ipa.textContent = "/" + g.i + "/";
      head.appendChild(ipa);
    }
    pop.appendChild(head);
    var s = word.getAttribute("data-s");  // the sense that fits this word's sentence
    var sense = g.s && s !== null ? g.s[Number(s)] : null;
    var pos = sense ? sense[0] : g.p, gloss = sense ? sense[1] : g.g;
    if (gloss) pop.appendChild(line("gloss", (pos ? pos + " " : "") + gloss));
    pop.appendChild(line("band", labels[g.b] || g.b));
    var add = document.createElement("button");
    add.type = "button";
    add.disabled = true;
    add.textContent = labels._add;
    pop.appendChild(add);
    document.body.appendChild(pop);
    var box = word.getBoundingClientRect();
    var left = Math.min(box.left + window.scrollX,
      window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8);
    pop.style.left = Math.max(8, left) + "px";
    pop.style.top = (box.bottom + window.scrollY + 6) + "px";
    // Other scripts add their buttons (known.js: "我认识" for signed-in learners).
    document.dispatchEvent(new CustomEvent("yingdu:popover", { detail: { pop: pop, lemma: g.l } }));
  }

  document.addEventListener("click", function (event) {
    var word = event.target.closest(".w[data-g]");
    if (word) { open(word); event.stopPropagation(); return; }
    if (pop && !pop.contains(event.target)) close();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") close();
    var word = event.target.closest && event.target.closest(".w[data-g]");
    if (word && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); open(word); }
  });

})();
