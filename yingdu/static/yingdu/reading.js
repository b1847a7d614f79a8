// Reading aids in the browser: the level picker (remembered in localStorage and a cookie)
// and the tap-to-gloss popover. Highlighting and the word bank follow <html data-level>
// through CSS, so the page is fully rendered on the server and cached for everyone.
// "Add to my words" (popover and Word Bank) posts the lemma, the sentence it was tapped in
// and the item to /api/me/words for a signed-in learner (<html data-learner>, only on
// uncached pages); anonymous readers get a sign-in link instead.
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
  var learner = root.getAttribute("data-learner") === "1";
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var bankNode = document.querySelector(".word-bank[data-kind]");
  var source = bankNode ? { kind: bankNode.getAttribute("data-kind"),
                            id: Number(bankNode.getAttribute("data-id")) } : null;
  var BLOCKS = "p, li, td, th, blockquote, dd, dt, h1, h2, h3, figcaption";
  var END = /[.!?\u3002\uff01\uff1f]["'\u201d\u2019)\]]*(\s+|$)/g;

  // The sentence around a tapped word, cut from the text of its block at . ! ? and the
  // Chinese stops.
  function sentenceOf(word) {
    var block = word.closest(BLOCKS) || word.parentNode;
    var range = document.createRange();
    range.setStart(block, 0);
    range.setEnd(word, 0);
    var at = range.toString().length;
    var text = block.textContent;
    var start = 0, end = text.length, m;
    END.lastIndex = 0;
    while ((m = END.exec(text)) !== null) {
      var after = m.index + m[0].length;
      if (after <= at) { start = after; continue; }
      end = m.index + m[0].trim().length;
      break;
    }
    return text.slice(start, end).trim();
  }

  function signInPrompt(button) {
    var note = document.createElement("p");
    note.className = "note";
    var link = document.createElement("a");
    link.href = labels._login + "?next=" + encodeURIComponent(location.pathname);
    link.textContent = labels._signin;
    note.appendChild(link);
    button.replaceWith(note);
  }

  function addWord(button, lemma, word) {
    if (!learner) { signInPrompt(button); return; }
    button.disabled = true;
    var body = { word: lemma, form: word ? word.textContent : "",
                 context: word ? sentenceOf(word) : "", source: source };
    fetch("/api/me/words", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfMeta ? csrfMeta.content : "" },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (result) {
      if (result.status === 201 || result.status === 200) {
        button.textContent = result.status === 201 ? labels._added : labels._again;
        button.classList.add("added");
      } else {
        button.disabled = false;
        button.textContent = labels._failed + (result.data.detail ? " " + result.data.detail : "");
      }
    }).catch(function () {
      button.disabled = false;
      button.textContent = labels._failed;
    });
  }

  function addButton(className, lemma, word) {
    var add = document.createElement("button");
    add.type = "button";
    add.className = className;
    add.textContent = labels._add;
    add.addEventListener("click", function (event) {
      event.stopPropagation();
      addWord(add, lemma, word);
    });
    return add;
  }

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
    pop.appendChild(addButton("add", g.l, word));
    document.body.appendChild(pop);
    var box = word.getBoundingClientRect();
    var left = Math.min(box.left + window.scrollX,
      window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8);
    pop.style.left = Math.max(8, left) + "px";
    pop.style.top = (box.bottom + window.scrollY + 6) + "px";
    // Other scripts add their buttons (known.js: "我认识" for signed-in learners).
    document.dispatchEvent(new CustomEvent("yingdu:popover", { detail: { pop: pop, lemma: g.l } }));
  }

  // Word Bank entries: the word's first use in the text gives the sentence.
  document.querySelectorAll("button.wb-add[data-g]").forEach(function (slot) {
    var n = slot.getAttribute("data-g");
    var g = glossary[Number(n)];
    if (!g) return;
    var first = document.querySelector('.w[data-g="' + n + '"]');
    slot.replaceWith(addButton("wb-add", g.l, first));
  });

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
