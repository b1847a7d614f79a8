// Known words of a signed-in learner (loaded for them only; anonymous pages are unchanged):
// fetch their lemmas once (the browser revalidates with the ETag), drop the highlight and the
// Word Bank row of each known word, and put "我认识" in the popover (reading.js announces it).
(function () {
  var script = document.getElementById("known-words");
  var glossaryNode = document.getElementById("glossary");
  if (!script || !glossaryNode) return;
  var glossary = JSON.parse(glossaryNode.textContent);
  var known = new Set();
  // The server marks the Word Bank rows of words known in other ways too (mastered bands of
  // the vocabulary test, notebook cards reviewed well): the highlights follow the same set.
  document.querySelectorAll(".word-bank li.wb").forEach(function (row, i) {
    if (row.classList.contains("known") && glossary[i]) known.add(glossary[i].l);
  });

  function apply() {  // glossary entry i is the i-th Word Bank row, and each .w names its entry
    document.querySelectorAll(".w[data-g]").forEach(function (w) {
      var g = glossary[Number(w.getAttribute("data-g"))];
      w.classList.toggle("known", Boolean(g && known.has(g.l)));
    });
    document.dispatchEvent(new CustomEvent("yingdu:highlights"));  // known words leave the tab order
    document.querySelectorAll(".word-bank li.wb").forEach(function (row, i) {
      row.classList.toggle("known", Boolean(glossary[i] && known.has(glossary[i].l)));
    });
  }

  fetch(script.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (r) { return r.ok ? r.json() : { lemmas: [] }; })
    .then(function (data) { data.lemmas.forEach(function (l) { known.add(l); }); apply(); })
    .catch(function () { /* offline: pages stay as they are */ });

  function markKnown(lemma, button) {
    if (button.getAttribute("aria-disabled") === "true") return;
    button.setAttribute("aria-disabled", "true");  // keeps the focus, unlike disabled
    fetch(script.dataset.url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": script.dataset.csrf },
      body: JSON.stringify({ lemmas: [lemma] })
    }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      known.add(lemma);
      apply();
      button.textContent = script.dataset.done;
    }).catch(function () {
      button.removeAttribute("aria-disabled");
      button.textContent = script.dataset.failed;
    });
  }

  document.addEventListener("yingdu:popover", function (event) {
    var pop = event.detail.pop, lemma = event.detail.lemma;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "mark-known";
    button.textContent = known.has(lemma) ? script.dataset.done : script.dataset.label;
    button.disabled = known.has(lemma);
    button.addEventListener("click", function () { markKnown(lemma, button); });
    pop.appendChild(button);
    var overflow = pop.getBoundingClientRect().right - document.documentElement.clientWidth + 8;
    if (overflow > 0) pop.style.left = Math.max(8, parseFloat(pop.style.left) - overflow) + "px";
  });
})();
