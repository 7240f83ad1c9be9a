#!/usr/bin/env node
// Drives copydesk's HTML report (`copydesk check --format html`) in headless
// Chromium with playwright-core, as tests/html_report.rs asks:
//
//   node tests/html/report.mjs --report report.html --expected findings.json \
//        --chromium /usr/bin/chromium --playwright editors/vscode/node_modules/playwright-core \
//        [--screenshot out.png]
//
// checks the marks against the JSON findings, the note on hover and on
// keyboard focus, the filters and their URL fragment, the search box, the
// clean and unreadable files, the injection story (no dialog, no console
// error, no CSP violation, its text shown literally), the CSP itself, and
// print. Prints `html-report: N passed, M failed`; exit status 1 on a failure.
//
//   node tests/html/report.mjs --bench big.html --chromium … --playwright …
//
// measures instead: the page's size, the time to load and first paint, and
// scrolling to the end (benches/README.md, scripts/html-bench).

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
const { chromium } = createRequire(import.meta.url)(path.resolve(args.playwright));

const LAUNCH = {
  executablePath: args.chromium,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};

// A fresh profile directory each run, removed at the end.
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "copydesk-html-"));
const context = await chromium.launchPersistentContext(profile, {
  ...LAUNCH,
  headless: true,
  viewport: { width: 1200, height: 800 },
  deviceScaleFactor: 1,
});
try {
  if (args.bench) await bench(args.bench);
  else await check();
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}

// -------------------------------------------------------------- checks ---
async function check() {
  let passed = 0;
  let failed = 0;
  const ok = (cond, what, detail = "") => {
    if (cond) {
      passed++;
      console.log(`ok: ${what}`);
    } else {
      failed++;
      console.log(`FAILED: ${what}${detail ? `\n  ${detail}` : ""}`);
    }
  };
  const expected = JSON.parse(fs.readFileSync(args.expected, "utf8"));
  const url = pathToFileURL(path.resolve(args.report)).href;

  // Anything the page runs or refuses to run is recorded from the start.
  const dialogs = [];
  const problems = [];
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`));
  });
  const page = await context.newPage();
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    if (!r.url().startsWith("file:")) problems.push(`request: ${r.url()}`);
  });

  await page.goto(url, { waitUntil: "load" });
  await page.locator("nav.filters").waitFor({ state: "visible" });
  ok(true, "the report loaded and its script showed the filters");

  // Every finding has exactly one mark, with its rule and message in the note.
  const marks = await page.locator("mark[data-f]").count();
  ok(marks === expected.findings.length, `highlights: ${marks} marks for ${expected.findings.length} JSON findings`);
  const notes = await page.$$eval("li[data-id]", (lis) =>
    lis.map((li) => `${li.dataset.rule} ${li.querySelector(".msg").textContent}`));
  const want = expected.findings.map((f) => `${f.rule} ${f.message}`);
  const sorted = (a) => [...a].sort().join("\n");
  ok(sorted(notes) === sorted(want), "each mark's note carries its finding's rule and message",
    `page:\n${sorted(notes)}\nJSON:\n${sorted(want)}`);
  const ids = await page.$$eval("mark[data-f]", (ms) => ms.map((m) => m.id));
  ok(new Set(ids).size === ids.length, "mark ids are unique");

  // Hover: the tooltip shows the mark's message.
  const tip = page.locator("#tip");
  const messageOf = (id) => page.locator(`#n${id} .msg`).textContent();
  const first = page.locator("mark[data-f]").nth(3);
  const firstId = await first.getAttribute("data-f");
  await first.scrollIntoViewIfNeeded();
  await first.hover();
  await tip.waitFor({ state: "visible" });
  ok((await tip.textContent()).includes(await messageOf(firstId)), "hovering a mark shows its message");
  if (args.screenshot) await screenshot(page, args.screenshot);
  await page.mouse.move(0, 0);
  await page.locator("h1").hover();
  ok(await tip.isHidden(), "moving away hides the note");

  // Keyboard: tab from the search box to the first mark.
  await page.locator("#q").focus();
  let focused = null;
  for (let i = 0; i < 120 && !focused; i++) {
    await page.keyboard.press("Tab");
    focused = await page.evaluate(() => document.activeElement.dataset.f || null);
  }
  ok(focused !== null, "Tab reaches a mark");
  if (focused !== null) {
    await tip.waitFor({ state: "visible" });
    ok((await tip.textContent()).includes(await messageOf(focused)), "a focused mark shows its message");
    const described = await page.evaluate(() => document.activeElement.getAttribute("aria-describedby"));
    ok(described === `n${focused}`, "a focused mark is described by its note");
    await page.keyboard.press("Escape");
    ok(await tip.isHidden(), "Escape hides the note");
  }

  // Filter by family: only figures.
  const families = await page.$$eval('input[name="family"]', (bs) => bs.map((b) => b.value));
  for (const family of families) if (family !== "figures") await page.locator(`input[name="family"][value="${family}"]`).uncheck();
  const visible = () => page.$$eval("mark[data-f]:not(.off)", (ms) => ms.map((m) => m.dataset.fam));
  const onlyFigures = await visible();
  const figures = expected.findings.filter((f) => f.rule.startsWith("figures/")).length;
  ok(onlyFigures.length === figures && onlyFigures.every((f) => f === "figures"),
    `the family filter leaves only the ${figures} figures marks`, JSON.stringify(onlyFigures));
  const other = page.locator('mark[data-f]:not([data-fam="figures"])').first();
  const look = await other.evaluate((m) => [getComputedStyle(m).backgroundColor, getComputedStyle(m).textDecorationLine]);
  ok(look[0] === "rgba(0, 0, 0, 0)" && look[1] === "none", "other families' marks lose their highlight", look.join(" "));
  const hiddenNotes = await page.locator('li[data-id]:not([data-fam="figures"]):not([hidden])').count();
  ok(hiddenNotes === 0, "other families' notes are hidden");
  const hash = new URL(page.url()).hash;
  ok(hash === "#family=figures", `the filter is in the URL fragment (${hash})`);
  const storiesShown = await page.locator("article.story:not([hidden])").count();
  const storiesWithFigures = new Set(expected.findings.filter((f) => f.rule.startsWith("figures/")).map((f) => f.path)).size;
  ok(storiesShown === storiesWithFigures, `only the ${storiesWithFigures} stories with figures findings are shown (${storiesShown})`);

  // The shared link applies the filter on load.
  const shared = await context.newPage();
  await shared.goto(`${url}#family=figures`, { waitUntil: "load" });
  const sharedVisible = await shared.$$eval("mark[data-f]:not(.off)", (ms) => ms.map((m) => m.dataset.fam));
  ok(sharedVisible.length === figures && sharedVisible.every((f) => f === "figures"), "a link with #family=figures opens filtered");
  ok(!(await shared.locator('input[name="family"][value="style"]').isChecked()), "and the boxes say so");
  await shared.close();

  // Reset, then search.
  await page.locator('button[type="reset"]').click();
  await page.waitForFunction(() => document.querySelectorAll("mark[data-f].off").length === 0);
  ok(new URL(page.url()).hash === "", "Show all clears the filters and the fragment");
  const word = args.search || "so-called";
  await page.locator("#q").fill(word);
  const found = await page.$$eval("li[data-id]:not([hidden])", (lis) => lis.map((li) => li.textContent));
  const matching = expected.findings.filter((f) => `${f.rule} ${f.message} ${f.text}`.toLowerCase().includes(word)).length;
  ok(found.length > 0 && found.length < expected.findings.length && found.every((t) => t.toLowerCase().includes(word)),
    `the search box keeps the ${found.length} notes that mention “${word}”`);
  ok(found.length >= matching, `no note that mentions “${word}” is hidden (${found.length} ≥ ${matching})`);
  ok(new URL(page.url()).hash.includes(`q=${encodeURIComponent(word)}`), "the search is in the fragment too");
  await page.locator("#q").fill("");

  // Filter by rule: the most frequent one.
  const counts = {};
  for (const f of expected.findings) counts[f.rule] = (counts[f.rule] || 0) + 1;
  const [rule, ruleCount] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  await page.locator("#rule").selectOption(rule);
  const ruleMarks = await page.$$eval("mark[data-f]:not(.off)", (ms) => ms.map((m) => document.getElementById(`n${m.dataset.f}`).dataset.rule));
  ok(ruleMarks.length === ruleCount && ruleMarks.every((r) => r === rule), `the rule filter leaves the ${ruleCount} marks of ${rule}`);
  ok(new URL(page.url()).hash === `#rule=${encodeURIComponent(rule)}`, "the rule is in the fragment");
  await page.locator('button[type="reset"]').click();
  await page.waitForFunction(() => document.querySelectorAll("mark[data-f].off").length === 0);

  // Clean stories and unreadable files are listed.
  const clean = await page.locator("section.clean li").allTextContents();
  ok(clean.some((t) => t.includes(args.clean || "clean.md")), `clean stories are listed (${clean.length})`);
  const errors = await page.locator("section.errors li").allTextContents();
  const expectedErrors = expected.errors.map((e) => e.path);
  ok(expectedErrors.length > 0 && expectedErrors.every((p) => errors.some((t) => t.includes(p))),
    "files that could not be read are listed with their error", errors.join(" | "));

  // The injection story: shown literally, nothing ran, nothing was refused.
  const literal = JSON.parse(args.literal || "[]");
  const text = await page.evaluate(() => document.querySelector("main").textContent);
  const missing = literal.filter((s) => !text.includes(s));
  ok(literal.length > 0 && missing.length === 0, `the injection story's text appears literally (${literal.length} strings)`, missing.join(" | "));
  const structure = await page.evaluate(() => ({
    scripts: document.scripts.length,
    styles: document.querySelectorAll("style, link").length,
    images: document.querySelectorAll("img, iframe, object, embed, textarea, form:not(#filters)").length,
    handlers: Array.from(document.querySelectorAll("*")).filter((e) => Array.from(e.attributes).some((a) => a.name.startsWith("on"))).length,
    jsLinks: Array.from(document.querySelectorAll("[href], [src]")).filter((e) => /^\s*javascript:/i.test(e.getAttribute("href") || e.getAttribute("src") || "")).length,
    pwned: typeof window.pwned,
    bidi: Array.from(document.querySelectorAll(".cc")).map((e) => e.textContent),
  }));
  ok(structure.scripts === 1 && structure.styles === 1, "one script and one style sheet, the page's own", JSON.stringify(structure));
  ok(structure.images === 0 && structure.handlers === 0 && structure.jsLinks === 0,
    "no element, event handler or javascript: link came from the copy", JSON.stringify(structure));
  ok(structure.bidi.includes("U+202E") && structure.bidi.includes("U+001B"), "a bidi override and an escape character are shown by code point", structure.bidi.join(" "));
  ok(dialogs.length === 0 && structure.pwned === "undefined", "no script from the copy ran", dialogs.join(" | "));
  const violations = await page.evaluate(() => window.__violations.slice());
  ok(violations.length === 0, "no CSP violation", violations.join(" | "));
  ok(problems.length === 0, "no console error or warning, no page error, no request", problems.join(" | "));

  // The CSP is enforced: a script added now is refused.
  const refused = await page.evaluate(() => new Promise((resolve) => {
    document.addEventListener("securitypolicyviolation", (e) => resolve(e.violatedDirective), { once: true });
    const s = document.createElement("script");
    s.textContent = "window.pwned = 1";
    document.body.append(s);
    setTimeout(() => resolve(typeof window.pwned === "undefined" ? "silent" : "ran"), 2000);
  }));
  ok(refused.startsWith("script-src"), `the page's CSP refuses an inline script (${refused})`);

  // Printed: no controls, marks underlined without colour.
  await page.emulateMedia({ media: "print" });
  const print = await page.evaluate(() => {
    const m = document.querySelector("mark[data-f]");
    return [getComputedStyle(document.querySelector("nav.filters")).display, getComputedStyle(m).backgroundColor,
      getComputedStyle(m).textDecorationLine, getComputedStyle(m, "::after").content];
  });
  ok(print[0] === "none" && print[1] === "rgba(0, 0, 0, 0)" && print[2] === "underline" && /\[\d+\]/.test(print[3]),
    "printed: filters hidden, marks underlined and numbered, no colour fill", print.join(" | "));

  console.log(`html-report: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

// The README's picture: the sample draft near the top of the window, the
// note of “claimed” open.
async function screenshot(page, file) {
  const story = page.locator("article.story", { has: page.locator("h3", { hasText: "draft.md" }) });
  // Again after each frame: blocks laid out as they come into view move it.
  await story.locator("h3").evaluate(async (h) => {
    for (let i = 0; i < 3; i++) {
      h.scrollIntoView();
      window.scrollBy(0, -document.querySelector("nav.filters").offsetHeight - 16);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }
  });
  await story.locator("mark[data-f]", { hasText: /^Dclaimed$|^claimed$/ }).first().hover();
  await page.locator("#tip").waitFor({ state: "visible" });
  await page.screenshot({ path: file });
}

// --------------------------------------------------------------- bench ---
async function bench(file) {
  const page = await context.newPage();
  const url = pathToFileURL(path.resolve(file)).href;
  const started = performance.now();
  await page.goto(url, { waitUntil: "load", timeout: 300_000 });
  const loaded = performance.now() - started;
  // The browser's own clock, from the start of navigation.
  const timing = await page.evaluate(() => {
    const p = performance.getEntriesByName("first-contentful-paint")[0];
    const n = performance.getEntriesByType("navigation")[0];
    return { paint: p ? p.startTime : null, parsed: n.domInteractive, loaded: n.loadEventEnd || n.loadEventStart };
  });
  const marks = await page.locator("mark[data-f]").count();
  const scrollStart = performance.now();
  const end = await page.evaluate(() => new Promise((resolve) => {
    window.scrollTo(0, document.documentElement.scrollHeight);
    requestAnimationFrame(() => requestAnimationFrame(() =>
      resolve(Math.round(window.scrollY + window.innerHeight) >= document.documentElement.scrollHeight - 2)));
  }));
  const scrolled = performance.now() - scrollStart;
  // The last block of the last story is laid out once scrolled to.
  const lastShown = await page.evaluate(() => {
    const blocks = document.querySelectorAll("article.story:last-of-type .copy > *");
    const last = blocks[blocks.length - 1];
    return last ? last.getBoundingClientRect().height > 0 : false;
  });
  const figures = {
    bytes: fs.statSync(file).size,
    goto_to_load_ms: Math.round(loaded),
    first_contentful_paint_ms: timing.paint === null ? null : Math.round(timing.paint),
    parsed_ms: Math.round(timing.parsed),
    load_event_ms: Math.round(timing.loaded),
    marks,
    scroll_to_end_ms: Math.round(scrolled),
    reached_end: end,
    last_block_rendered: lastShown,
  };
  console.log(JSON.stringify(figures));
  process.exitCode = end && lastShown ? 0 : 1;
}
