// Reading aids in the browser: the level picker (remembered in localStorage and a cookie)
// and the tap-to-gloss popover. Highlighting and the word bank follow <html data-level>
// through CSS, so the page is fully rendered on the server and cached for everyone.
// "Add to my words" (popover and Word Bank) posts the lemma, the sentence it was tapped in
// and the item to /api/me/words for a signed-in learner (<html data-learner>, only on
// uncached pages); anonymous readers get a sign-in link instead.
// Without a mouse (docs/accessibility.md): the highlighted words, and only they, are buttons
// in the tab order (described by their band's name); the popover is a dialog that takes the
// focus and gives it back to its word on Escape.
(function () {
  var KEY = "yingdu-level";
  var root = document.documentElement;

  function setLevel(level) {
    root.setAttribute("data-level", level);
    document.dispatchEvent(new CustomEvent("yingdu:highlights"));
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
  var pop = null, opener = null;
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
    var focused = document.activeElement === button;
    button.replaceWith(note);
    if (focused) link.focus();
  }

  function announce(text) {
    var status = pop && pop.querySelector(".status");
    if (status) status.textContent = text;
  }

  function addWord(button, lemma, word) {
    if (button.getAttribute("aria-disabled") === "true") return;
    if (!learner) { signInPrompt(button); return; }
    button.setAttribute("aria-disabled", "true");
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
        button.removeAttribute("aria-disabled");
        button.textContent = labels._failed + (result.data.detail ? " " + result.data.detail : "");
      }
      announce(button.textContent);
    }).catch(function () {
      button.removeAttribute("aria-disabled");
      button.textContent = labels._failed;
      announce(button.textContent);
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

  // Closing gives the focus back to the word when it was in the popover (Escape, or a
  // click on another word); a click elsewhere leaves it where the reader put it.
  function close(returnFocus) {
    if (!pop) return;
    var inside = pop.contains(document.activeElement);
    pop.remove();
    pop = null;
    if (opener && (returnFocus || inside)) opener.focus();
    opener = null;
  }

  function line(cls, text) {
    var p = document.createElement("p");
    if (cls) p.className = cls;
    p.textContent = text;
    return p;
  }

  function open(word) {
    close(false);
    var g = glossary[Number(word.getAttribute("data-g"))];
    if (!g) return;
    opener = word;
    pop = document.createElement("div");
    pop.className = "pop b" + g.r;
    pop.setAttribute("role", "dialog");
    pop.setAttribute("aria-labelledby", "pop-title");
    pop.setAttribute("aria-describedby", "pop-gloss pop-band");
    pop.tabIndex = -1;
    var head = document.createElement("p");
    var lemma = document.createElement("span");
    lemma.id = "pop-title";
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
    if (gloss) pop.appendChild(line("gloss", (pos ? pos + " " : "") + gloss)).id = "pop-gloss";
    pop.appendChild(line("band", labels[g.b] || g.b)).id = "pop-band";
    pop.appendChild(addButton("add", g.l, word));
    var status = line("status visually-hidden", "");
    status.setAttribute("role", "status");
    pop.appendChild(status);
    document.body.appendChild(pop);
    var box = word.getBoundingClientRect();
    var left = Math.min(box.left + window.scrollX,
      window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8);
    pop.style.left = Math.max(8, left) + "px";
    pop.style.top = (box.bottom + window.scrollY + 6) + "px";
    // Other scripts add their buttons (known.js: "我认识" for signed-in learners).
    document.dispatchEvent(new CustomEvent("yingdu:popover", { detail: { pop: pop, lemma: g.l } }));
    pop.addEventListener("keydown", tabOut);
    pop.focus();
  }

  // The popover sits at the end of the page: Tab past its last button goes on to the next
  // highlighted word of the text, Shift+Tab out of it back to its own word.
  function tabOut(event) {
    if (event.key !== "Tab") return;
    var stops = [pop].concat([].slice.call(pop.querySelectorAll("button:not([disabled]), a[href]")));
    var from = opener;
    if (event.shiftKey && document.activeElement === pop) {
      event.preventDefault();
      close(true);
    } else if (!event.shiftKey && document.activeElement === stops[stops.length - 1]) {
      event.preventDefault();
      var words = [].slice.call(document.querySelectorAll('.w[tabindex="0"]'));
      var next = words[words.indexOf(from) + 1];
      close(!next);
      if (next) next.focus();
    }
  }

  // The words highlighted at the reader's level (and not known) are buttons in the tab order,
  // in reading order; the others are plain text. The band's name describes each of them.
  var bandNames = document.createElement("div");
  bandNames.hidden = true;
  glossary.forEach(function (g) {
    if (document.getElementById("band-name-" + g.r)) return;
    var name = document.createElement("span");
    name.id = "band-name-" + g.r;
    name.textContent = labels[g.b] || g.b;
    bandNames.appendChild(name);
  });
  document.body.appendChild(bandNames);

  function rankOf(word) {
    var g = glossary[Number(word.getAttribute("data-g"))];
    return g ? g.r : 0;
  }

  function reachable() {
    var level = Number(root.getAttribute("data-level"));
    document.querySelectorAll(".w[data-g]").forEach(function (word) {
      var rank = rankOf(word);
      if (rank > level && !word.classList.contains("known")) {
        word.setAttribute("tabindex", "0");
        word.setAttribute("role", "button");
        word.setAttribute("aria-haspopup", "dialog");
        word.setAttribute("aria-describedby", "band-name-" + rank);
      } else {
        ["tabindex", "role", "aria-haspopup", "aria-describedby"].forEach(function (name) {
          word.removeAttribute(name);
        });
      }
    });
  }
  reachable();
  document.addEventListener("yingdu:highlights", reachable);

  // Word Bank entries: the word's first use in the text gives the sentence.
  document.querySelectorAll("button.wb-add[data-g]").forEach(function (slot) {
    var n = slot.getAttribute("data-g");
    var g = glossary[Number(n)];
    if (!g) return;
    var first = document.querySelector('.w[data-g="' + n + '"]');
    var add = addButton("wb-add", g.l, first);
    add.setAttribute("aria-describedby", "wb-" + n);  // which word: "加入生词本, resilient"
    slot.replaceWith(add);
  });

  document.addEventListener("click", function (event) {
    var word = event.target.closest(".w[data-g]");
    if (word) { open(word); event.stopPropagation(); return; }
    if (pop && !pop.contains(event.target)) close();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") close(true);
    var word = event.target.closest && event.target.closest(".w[data-g]");
    if (word && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); open(word); }
  });

})();
