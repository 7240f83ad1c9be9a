// copydesk's HTML report: the filters, the search box, and the note shown
// beside a mark on hover and keyboard focus. Allowed by hash in the page's
// CSP. Copy is never parsed as markup here: the tooltip gets clones of the
// note's nodes, and the filters read data attributes and textContent.
"use strict";
(function () {
  const form = document.getElementById("filters");
  const tip = document.getElementById("tip");
  const notes = Array.from(document.querySelectorAll("li[data-id]"));
  const marks = new Map();
  for (const mark of document.querySelectorAll("mark[data-f], mark[data-c]")) {
    const id = mark.dataset.f || mark.dataset.c;
    if (!marks.has(id)) marks.set(id, []);
    marks.get(id).push(mark);
  }

  // ------------------------------------------------------------ filters --
  if (form) {
    const nav = form.closest("nav");
    const rule = form.elements.namedItem("rule");
    const search = form.elements.namedItem("q");
    const status = document.getElementById("filter-status");
    const stories = Array.from(document.querySelectorAll("article.story"));
    const boxes = (name) => Array.from(form.querySelectorAll(`input[name="${name}"]`));
    let texts = null; // each note's text in lower case, made on the first search

    // The chosen values of a group of boxes; null when all are on.
    const chosen = (name) => {
      const all = boxes(name);
      const on = all.filter((b) => b.checked).map((b) => b.value);
      return on.length === all.length ? null : on;
    };
    const state = () => ({
      family: chosen("family"),
      severity: chosen("severity"),
      rule: rule.value || null,
      q: search.value.trim() || null,
    });

    // The fragment: `#family=figures&severity=error,warning&rule=…&q=…`.
    // Other fragments (a story's or a mark's id) are ordinary links.
    const isState = (hash) => hash.includes("=");
    const toHash = (s) => {
      const p = new URLSearchParams();
      if (s.family) p.set("family", s.family.join(","));
      if (s.severity) p.set("severity", s.severity.join(","));
      if (s.rule) p.set("rule", s.rule);
      if (s.q) p.set("q", s.q);
      return p.toString();
    };
    const fromHash = (hash) => {
      const p = new URLSearchParams(hash.replace(/^#/, ""));
      for (const name of ["family", "severity"]) {
        const v = p.get(name);
        const want = v === null ? null : v.split(",");
        for (const b of boxes(name)) b.checked = !want || want.includes(b.value);
      }
      const r = p.get("rule");
      rule.value = r !== null && Array.from(rule.options).some((o) => o.value === r) ? r : "";
      search.value = p.get("q") || "";
    };

    const apply = (record) => {
      const s = state();
      const q = s.q && s.q.toLowerCase();
      if (q && !texts) texts = notes.map((n) => n.textContent.toLowerCase());
      const perStory = new Map();
      let shown = 0;
      notes.forEach((note, i) => {
        const d = note.dataset;
        const on =
          (!s.family || s.family.includes(d.fam)) &&
          (!s.severity || s.severity.includes(d.sev)) &&
          (!s.rule || s.rule === d.rule) &&
          (!q || texts[i].includes(q));
        note.hidden = !on;
        for (const mark of marks.get(d.id) || []) {
          mark.classList.toggle("off", !on);
          if (mark.dataset.f) mark.tabIndex = on ? 0 : -1;
        }
        if (on) {
          shown++;
          const story = note.closest("article");
          perStory.set(story, (perStory.get(story) || 0) + 1);
        }
      });
      const filtering = Boolean(s.family || s.severity || s.rule || s.q);
      for (const story of stories) story.hidden = filtering && !perStory.has(story);
      status.textContent = filtering
        ? `Showing ${shown} of ${notes.length} marked findings, in ${perStory.size} of ${stories.length} stories.`
        : `Showing all ${notes.length} marked findings.`;
      if (record) {
        const h = toHash(s);
        history.replaceState(null, "", h ? `#${h}` : location.href.split("#")[0]);
      }
      hide();
    };

    form.addEventListener("input", () => apply(true));
    form.addEventListener("submit", (e) => e.preventDefault());
    form.addEventListener("reset", () => setTimeout(() => apply(true), 0));
    window.addEventListener("hashchange", () => {
      if (isState(location.hash)) {
        fromHash(location.hash);
        apply(false);
      }
    });
    if (isState(location.hash)) fromHash(location.hash);
    apply(false);
    nav.hidden = false;
  }

  // ------------------------------------------------------------ tooltip --
  let byMouse = false;
  function markOf(target) {
    const mark = target instanceof Element ? target.closest("mark[data-f], mark[data-c]") : null;
    return mark && !mark.classList.contains("off") ? mark : null;
  }
  function show(mark, mouse) {
    const note = document.getElementById(`n${mark.dataset.f || mark.dataset.c}`);
    if (!note) return;
    tip.replaceChildren(...Array.from(note.childNodes, (n) => n.cloneNode(true)));
    tip.hidden = false;
    byMouse = mouse;
    const r = mark.getBoundingClientRect();
    const width = tip.offsetWidth;
    const left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - width - 8));
    tip.style.left = `${left + window.scrollX}px`;
    tip.style.top = `${r.bottom + window.scrollY + 6}px`;
  }
  function hide() {
    tip.hidden = true;
  }
  document.addEventListener("mouseover", (e) => {
    const mark = markOf(e.target);
    if (mark) show(mark, true);
    else if (byMouse && !tip.contains(e.target)) hide();
  });
  document.addEventListener("focusin", (e) => {
    const mark = markOf(e.target);
    if (mark) show(mark, false);
  });
  document.addEventListener("focusout", (e) => {
    if (markOf(e.target)) hide();
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") hide();
  });
})();
