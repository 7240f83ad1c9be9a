#!/usr/bin/env node
// End-to-end test of the copydesk extension in a real VS Code: code-server
// (VS Code in the browser) driven through headless Chromium by playwright-core.
//
//   node test/e2e/run.js --vsix copydesk.vsix --server /path/to/copydesk \
//        [--code-server DIR] [--chromium /usr/bin/chromium] [--artifacts DIR]
//
// It installs the packaged extension into a fresh code-server profile, opens
// a sample draft and checks what a reporter sees: squiggles, Problems-panel
// rows (rule codes and positions), the status bar count, the quick-fix menu
// (Ctrl+.) and its fix, settings that change the diagnostics without a
// restart, the "apply all safe fixes" command, and the notification shown
// when the server cannot be found. Screenshots go to --artifacts
// (vscode-quickfix.png is the README picture).
//
// Exit status 0 when every check passed; 1 with the failing check otherwise.
// Needs: code-server installed by .ci/editors-setup, /usr/bin/chromium.

"use strict";

const { spawn, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const net = require("node:net");
const os = require("node:os");
const path = require("node:path");

// ------------------------------------------------------------- arguments ---
function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new Error(`unexpected argument ${a}`);
    out[a.slice(2)] = argv[++i];
  }
  return out;
}
const args = parseArgs(process.argv.slice(2));
const cacheDir =
  process.env.COPYDESK_EDITORS_CACHE || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "copydesk-editors");
const codeServerDir = path.resolve(args["code-server"] || path.join(cacheDir, "code-server"));
const codeServerEntry = path.join(codeServerDir, "node_modules", "code-server", "out", "node", "entry.js");
const chromiumPath = args.chromium || "/usr/bin/chromium";
const vsix = args.vsix && path.resolve(args.vsix);
const serverBin = args.server && path.resolve(args.server);
const artifacts = path.resolve(args.artifacts || fs.mkdtempSync(path.join(os.tmpdir(), "copydesk-e2e-artifacts-")));
const keep = process.env.COPYDESK_E2E_KEEP === "1";

const T = {
  startup: 120_000, // code-server's first start compiles nothing, but the workbench is large
  diagnostics: 60_000,
  ui: 30_000,
};

function need(cond, what) {
  if (!cond) {
    console.error(`vscode-e2e: missing prerequisite: ${what}`);
    process.exit(2);
  }
}
need(vsix && fs.existsSync(vsix), `--vsix (the packaged extension; run npm run package): ${vsix}`);
need(serverBin && fs.existsSync(serverBin), `--server (the copydesk binary; run cargo build): ${serverBin}`);
need(fs.existsSync(codeServerEntry), `code-server at ${codeServerEntry} (run .ci/editors-setup)`);
need(fs.existsSync(chromiumPath), `Chromium at ${chromiumPath} (apt-get install chromium; .ci/editors-setup does it)`);
let chromium;
try {
  ({ chromium } = require("playwright-core"));
} catch (e) {
  need(false, `playwright-core (npm ci in editors/vscode): ${e.message}`);
}

// ------------------------------------------------------------- the draft ---
const DRAFT_NAME = "draft.md";
const DRAFT = [
  "# Council passes budget",
  "",
  "The mayor claimed that the budget was balanced.",
  "",
  "It was very cold.",
  "",
  "Critics say the plan will fail.",
  "",
  "Unemployment rose to 7.2 percent.",
  "",
].join("\n");

/** What copydesk itself reports on a file: [{rule, line, column}] (1-based, as VS Code shows). */
function expectedFindings(file) {
  const r = spawnSync(serverBin, ["check", "--format", "json", "--fail-on", "never", file], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`copydesk check failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout).findings.map((f) => ({ rule: f.rule, line: f.line, column: f.column, severity: f.severity }));
}

/** What `copydesk check --fix` makes of `text`: the fixed text and the findings left. */
function expectedAfterFixAll(dir, text) {
  const file = path.join(dir, "fix-all.md");
  fs.writeFileSync(file, text);
  const r = spawnSync(serverBin, ["check", "--fix", "--fail-on", "never", file], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`copydesk check --fix failed (${r.status}): ${r.stderr}`);
  return { text: fs.readFileSync(file, "utf8"), findings: expectedFindings(file) };
}

// --------------------------------------------------------------- helpers ---
let step = 0;
function ok(msg) {
  step++;
  console.log(`ok ${step} - ${msg}`);
}
function fail(msg) {
  throw new Error(msg);
}
function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
/** Polls `fn` until it returns a truthy value; fails with `what` after `timeout` ms. */
async function waitFor(what, fn, timeout = T.ui, interval = 250) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) fail(`timed out after ${timeout} ms waiting for ${what}; last seen: ${describe(last)}`);
    await sleep(interval);
  }
}
/**
 * Clicks `checkbox` until it is `want`: under load, a click that lands while
 * the Settings UI redraws the row is lost, so it is made again after a while.
 * The state is read before every click: were a slow click to land with the
 * next one, the box would show unchanged and be clicked again.
 */
async function setCheckbox(checkbox, want, what) {
  let clickedAt = 0;
  await waitFor(what, async () => {
    if ((await checkbox.getAttribute("aria-checked")) === String(want)) return true;
    if (Date.now() - clickedAt > 5000) {
      clickedAt = Date.now();
      await checkbox.click();
    }
    return false;
  });
}
/**
 * Puts the cursor at `line`:`column` and presses Ctrl+. until the quick-fix menu lists an item
 * matching `item` (a string or a RegExp). Under load a key press can land before the editor has
 * focus again, or the menu can open empty while the code-action request is in flight; each
 * attempt closes what is open first.
 */
async function openQuickFixMenu(page, line, column, item) {
  const row = page.locator(".action-widget .monaco-list-row", { hasText: item }).first();
  let seen = "";
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.keyboard.press("Escape");
    await gotoPosition(page, line, column);
    await page.keyboard.press("Control+.");
    try {
      await row.waitFor({ state: "visible", timeout: 6000 });
      return;
    } catch {
      seen = await page.locator(".action-widget").first().innerText().catch(() => "(no menu)");
      console.log(`# Ctrl+. try ${attempt} showed no ${item} item; menu: ${seen.replace(/\s+/g, " ").trim()}`);
    }
  }
  fail(`Ctrl+. at Ln ${line}, Col ${column} never offered ${item} in five tries; last menu: ${seen.replace(/\s+/g, " ").trim()}`);
}
function describe(v) {
  if (v instanceof Error) return v.message;
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
}

// ------------------------------------------------------------ the editor ---
/** Rows of the Problems panel that copydesk produced: [{rule, line, column, severity, message}]. */
async function problemRows(page) {
  const raw = await page.locator(".markers-panel .monaco-list-row").evaluateAll((els) =>
    els.map((el) => {
      const q = (sel) => (el.querySelector(sel)?.textContent ?? "").trim();
      const icon = el.querySelector(".marker-icon");
      return {
        source: q(".marker-source"),
        code: q(".marker-code"),
        line: q(".marker-line"),
        message: q(".marker-message"),
        severity: icon ? ["error", "warning", "info"].find((s) => icon.classList.contains(s)) ?? "" : "",
      };
    }),
  );
  const rows = [];
  for (const r of raw) {
    const m = /\[Ln (\d+), Col (\d+)\]/.exec(r.line);
    if (r.source === "copydesk" && m) {
      rows.push({ rule: r.code, line: Number(m[1]), column: Number(m[2]), severity: r.severity, text: `${r.message} copydesk(${r.code}) ${r.line}` });
    }
  }
  return rows.sort((a, b) => a.line - b.line || a.column - b.column);
}
function rowKey(r) {
  return `${r.rule}@${r.line}:${r.column}`;
}
function sameRows(rows, expected) {
  const a = rows.map(rowKey).sort().join(" ");
  const b = expected.map(rowKey).sort().join(" ");
  return a === b;
}
async function waitRows(page, what, expected, timeout = T.diagnostics) {
  return waitFor(`${what}: Problems rows ${expected.map(rowKey).join(", ")}`, async () => {
    const rows = await problemRows(page);
    return sameRows(rows, expected) ? rows : Promise.reject(new Error(`rows are ${rows.map(rowKey).join(", ") || "(none)"}`));
  }, timeout);
}
/** The text of the active editor, lines joined with \n (Monaco renders spaces as U+00A0). */
async function editorText(page) {
  const lines = await page.locator(".editor-instance .monaco-editor .view-lines .view-line").evaluateAll((els) =>
    els
      .map((el) => ({ top: parseFloat(el.style.top) || 0, text: el.textContent || "" }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text),
  );
  return lines.join("\n").replace(/\u00a0/g, " ");
}
async function runCommand(page, title) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: T.ui });
  await input.fill(`>${title}`);
  const row = page.locator(".quick-input-widget .monaco-list-row", { hasText: title }).first();
  await row.waitFor({ state: "visible", timeout: T.ui });
  await page.keyboard.press("Enter");
  await input.waitFor({ state: "hidden", timeout: T.ui });
}
async function gotoPosition(page, line, column) {
  await focusEditor(page);
  await page.keyboard.press("Control+G");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: T.ui });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press("Enter");
  await input.waitFor({ state: "hidden", timeout: T.ui });
  await waitFor(`the cursor at Ln ${line}, Col ${column}`, async () => {
    const t = await page.locator(".statusbar-item", { hasText: /Ln \d+, Col \d+/ }).first().innerText();
    return t.includes(`Ln ${line}, Col ${column}`) ? t : Promise.reject(new Error(t));
  });
}
async function focusEditor(page) {
  await page.locator(".editor-instance .monaco-editor .view-lines").first().click({ position: { x: 5, y: 5 } });
}
async function statusBarText(page) {
  const item = page.locator(".statusbar-item", { hasText: "copydesk" }).first();
  return (await item.innerText()).replace(/\s+/g, " ").trim();
}
async function squiggles(page) {
  return page.evaluate(() => ({
    error: document.querySelectorAll(".editor-instance .squiggly-error").length,
    warning: document.querySelectorAll(".editor-instance .squiggly-warning").length,
    info: document.querySelectorAll(".editor-instance .squiggly-info").length,
  }));
}
/** Replaces the user settings.json in the editor (Preferences: Open User Settings (JSON)), as a user would. */
async function editUserSettingsJson(page, settingsFile, change) {
  const next = change(JSON.parse(fs.readFileSync(settingsFile, "utf8")));
  await runCommand(page, "Preferences: Open User Settings (JSON)");
  await page.locator('.tabs-container .tab.active[aria-label*="settings.json"]').first().waitFor({ state: "visible" });
  await focusEditor(page);
  await page.evaluate((text) => navigator.clipboard.writeText(text), JSON.stringify(next, null, 2));
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Control+V");
  await page.keyboard.press("Control+S");
  await waitFor("settings.json to be saved", async () => {
    try {
      const saved = JSON.stringify(JSON.parse(fs.readFileSync(settingsFile, "utf8"))) === JSON.stringify(next);
      const dirty = await page.locator('.tabs-container .tab.active.dirty[aria-label*="settings.json"]').count();
      return saved && dirty === 0;
    } catch {
      return false;
    }
  });
  await page.keyboard.press("Control+W");
  await page.locator('.tabs-container .tab[aria-label*="settings.json"]').first().waitFor({ state: "detached" });
}
/**
 * Sets a string setting through the Settings UI. `tab` picks the scope:
 * machine-overridable settings such as copydesk.server.path live under
 * "Remote" in code-server (the server's machine), as in any remote window.
 */
async function setStringInSettingsUi(page, key, value, tab = "User") {
  await page.keyboard.press("Control+,");
  const search = page.locator(".settings-editor .settings-header textarea").first();
  await search.waitFor({ state: "visible" });
  await page.locator(".settings-editor .settings-tabs-widget .action-label", { hasText: tab }).first().click();
  await search.fill(key);
  await page.locator(".settings-editor .settings-count-widget", { hasText: "1 Setting Found" }).waitFor({ state: "visible" });
  const input = page.locator(".settings-editor .setting-item-text input").first();
  await input.waitFor({ state: "visible" });
  await input.fill(value);
  await input.press("Tab");
}

async function dismissNotifications(page) {
  // "Clear All Notifications" is bound to nothing by default; use the command.
  await runCommand(page, "Notifications: Clear All Notifications");
}

// ------------------------------------------------------------------ main ---
async function main() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "copydesk-vscode-e2e-"));
  const ws = path.join(root, "newsroom");
  const userData = path.join(root, "user-data");
  const extDir = path.join(root, "extensions");
  fs.mkdirSync(ws, { recursive: true });
  fs.mkdirSync(artifacts, { recursive: true });
  fs.writeFileSync(path.join(ws, DRAFT_NAME), DRAFT);
  const userSettingsFile = path.join(userData, "User", "settings.json");
  const userSettings = {
    "copydesk.server.path": serverBin,
    "copydesk.trace.server": "messages",
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "workbench.enableExperiments": false,
    "workbench.welcomePage.walkthroughs.openOnInstall": false,
    "security.workspace.trust.enabled": false,
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
    "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": false,
    "chat.disableAIFeatures": true,
    "editor.minimap.enabled": false,
    "editor.fontSize": 15,
    "window.commandCenter": false,
    "files.autoSave": "off",
  };
  writeJson(userSettingsFile, userSettings);

  const expected = expectedFindings(path.join(ws, DRAFT_NAME));
  const mustHave = ["editorializing/said-synonym", "editorializing/intensifier", "attribution/weasel-attribution", "figures/unsourced-percentage"];
  for (const rule of mustHave) {
    if (!expected.some((f) => f.rule === rule)) fail(`copydesk check does not report ${rule} on the draft; the test's premise is broken: ${describe(expected)}`);
  }
  ok(`copydesk check reports ${expected.length} findings on the draft: ${expected.map(rowKey).join(", ")}`);

  const cs = (extra) => ["--user-data-dir", userData, "--extensions-dir", extDir, ...extra];
  const install = spawnSync(process.execPath, [codeServerEntry, ...cs(["--install-extension", vsix])], { encoding: "utf8", timeout: 120_000 });
  const installOut = `${install.stdout}\n${install.stderr}`;
  if (install.status !== 0 || !/successfully installed/i.test(installOut)) fail(`code-server --install-extension failed (${install.status}):\n${installOut}`);
  const installed = fs.readdirSync(extDir).filter((d) => d.startsWith("copydesk.copydesk-"));
  if (installed.length !== 1) fail(`expected the extension in ${extDir}, found ${fs.readdirSync(extDir).join(", ")}`);
  ok(`installed ${path.basename(vsix)} into code-server as ${installed[0]}`);

  const port = await freePort();
  const csLog = fs.openSync(path.join(artifacts, "code-server.log"), "w");
  const server = spawn(
    process.execPath,
    [codeServerEntry, ...cs(["--auth", "none", "--bind-addr", `127.0.0.1:${port}`, "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", "--disable-getting-started-override", ws])],
    { stdio: ["ignore", csLog, csLog], env: { ...process.env, PATH: `/usr/bin:/bin` }, detached: true },
  );
  let serverExited = null;
  server.on("exit", (code, signal) => (serverExited = `${code ?? signal}`));

  let browser;
  let page;
  try {
    await waitFor("code-server to answer /healthz", async () => {
      if (serverExited !== null) fail(`code-server exited (${serverExited}); see ${path.join(artifacts, "code-server.log")}`);
      const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
      return res && res.ok;
    }, T.startup);
    ok(`code-server is listening on 127.0.0.1:${port}`);

    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1 });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: `http://127.0.0.1:${port}` });
    page = await context.newPage();
    page.setDefaultTimeout(T.ui);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
    await page.locator(".monaco-workbench").waitFor({ state: "visible", timeout: T.startup });
    await page.locator(".explorer-folders-view, .explorer-viewlet").first().waitFor({ state: "attached", timeout: T.startup });
    ok("the workbench loaded with the newsroom folder");

    // Open the draft.
    await page.keyboard.press("Control+P");
    const quickOpen = page.locator(".quick-input-widget input");
    await quickOpen.waitFor({ state: "visible" });
    await quickOpen.fill(DRAFT_NAME);
    await page.locator(".quick-input-widget .monaco-list-row", { hasText: DRAFT_NAME }).first().waitFor({ state: "visible" });
    await page.keyboard.press("Enter");
    await page.locator(`.tabs-container .tab[aria-label*="${DRAFT_NAME}"]`).first().waitFor({ state: "visible" });
    await waitFor("the draft in the editor", async () => (await editorText(page)).includes("The mayor claimed"));
    ok(`opened ${DRAFT_NAME}`);

    // Squiggles: copydesk's warnings and infos are drawn in the text.
    const sq = await waitFor("squiggles under the flagged words", async () => {
      const s = await squiggles(page);
      const wantWarn = expected.filter((f) => f.severity === "warning").length;
      const wantInfo = expected.filter((f) => f.severity === "info").length;
      return s.warning >= wantWarn && s.info >= wantInfo ? s : Promise.reject(new Error(describe(s)));
    }, T.diagnostics);
    ok(`squiggles drawn: ${describe(sq)}`);

    // The Problems panel lists exactly copydesk's findings, with codes and positions.
    await page.keyboard.press("Control+Shift+M");
    await page.locator(".markers-panel").waitFor({ state: "visible" });
    const rows = await waitRows(page, "the initial diagnostics", expected);
    ok(`Problems panel rows: ${rows.map((r) => r.text).join(" | ")}`);

    // The status bar counts the findings of the active document.
    const sb = await waitFor(`the status bar to show ${expected.length} findings`, async () => {
      const t = await statusBarText(page);
      return t.includes(`copydesk: ${expected.length}`) ? t : Promise.reject(new Error(t));
    });
    ok(`status bar shows "${sb}"`);

    // Quick fix: Ctrl+. on "claimed" offers "said"; applying it rewrites the text.
    const said = expected.find((f) => f.rule === "editorializing/said-synonym");
    await openQuickFixMenu(page, said.line, said.column + 2, /Replace .claimed. with .said./);
    const menu = (await page.locator(".action-widget").innerText()).replace(/\s+/g, " ").trim();
    if (!/claimed/.test(menu)) fail(`the quick-fix menu does not mention "claimed": ${menu}`);
    await sleep(300); // let the menu's fade-in finish for the picture
    await page.screenshot({ path: path.join(artifacts, "vscode-quickfix.png") });
    ok(`quick-fix menu on "claimed": ${menu}`);
    // The menu's pointer block swallows clicks; choose the item as a keyboard user does.
    await waitFor("the fix to be the focused menu item", async () =>
      /said/.test(await page.locator(".action-widget .monaco-list-row.focused").first().innerText().catch(() => "")),
    );
    await page.keyboard.press("Enter");
    await waitFor("the fix to rewrite the sentence", async () => {
      const text = await editorText(page);
      return text.includes("The mayor said that the budget was balanced.") && !text.includes("claimed");
    });
    const afterFix = expected.filter((f) => f.rule !== "editorializing/said-synonym");
    await waitRows(page, "after the quick fix", afterFix);
    ok(`the fix replaced "claimed" with "said" and its problem cleared (${afterFix.length} rows left)`);

    // Settings reach the running server: switch the editorializing family off in the Settings UI.
    await page.keyboard.press("Control+,");
    const search = page.locator(".settings-editor .settings-header textarea").first();
    await search.waitFor({ state: "visible" });
    await search.fill("copydesk.families.editorializing");
    const setting = page.locator('.settings-editor .setting-item-bool[data-key="copydesk.families.editorializing"], .settings-editor .setting-item-contents', {
      hasText: "Check editorializing",
    }).first();
    await setting.waitFor({ state: "visible" });
    const title = (await setting.innerText()).replace(/\s+/g, " ").trim();
    if (!/Families: Editorializing/i.test(title)) fail(`the setting's title is not shown as expected: ${title}`);
    const checkbox = setting.locator(".setting-value-checkbox").first();
    if ((await checkbox.getAttribute("aria-checked")) !== "true") fail("copydesk.families.editorializing should default to on");
    await setCheckbox(checkbox, false, "the checkbox to turn off");
    await waitFor("the setting to reach settings.json", async () => /"copydesk\.families\.editorializing":\s*false/.test(fs.readFileSync(userSettingsFile, "utf8")));
    const noEditorializing = afterFix.filter((f) => !f.rule.startsWith("editorializing/"));
    await waitRows(page, "with the editorializing family off", noEditorializing);
    ok(`unticking "Families: Editorializing" in the Settings UI left ${noEditorializing.map(rowKey).join(", ")}`);
    await page.screenshot({ path: path.join(artifacts, "vscode-settings.png") });

    // Back on, and raise one rule to an error through settings.json.
    await setCheckbox(checkbox, true, "the checkbox to turn on");
    await waitRows(page, "with the editorializing family on again", afterFix);
    // Let the Settings UI finish writing settings.json before editing it by hand.
    await waitFor("the Settings UI to write the setting back", async () => !/"copydesk\.families\.editorializing":\s*false/.test(fs.readFileSync(userSettingsFile, "utf8")));
    await page.keyboard.press("Control+W"); // close the Settings editor
    await editUserSettingsJson(page, userSettingsFile, (o) => ({ ...o, "copydesk.severity": { "figures/unsourced-percentage": "error" } }));
    await page.locator(`.tabs-container .tab.active[aria-label*="${DRAFT_NAME}"]`).first().waitFor({ state: "visible" });
    const errRow = await waitFor("the percentage finding to become an error", async () => {
      const s = await squiggles(page);
      const row = (await problemRows(page)).find((r) => r.rule === "figures/unsourced-percentage");
      return s.error >= 1 && row && row.severity === "error" ? s : Promise.reject(new Error(`${describe(s)} ${describe(row)}`));
    }, T.diagnostics);
    await waitRows(page, "with the severity raised", afterFix);
    ok(`"copydesk.severity": {"figures/unsourced-percentage": "error"} turned its squiggle and row into errors (${describe(errRow)})`);

    // The command "Apply All Safe Fixes" does what `copydesk check --fix` does.
    const fixAll = expectedAfterFixAll(root, DRAFT.replace("The mayor claimed", "The mayor said"));
    if (!fixAll.text.includes("It was cold.")) fail(`copydesk check --fix does not delete "very": ${fixAll.text}`);
    await focusEditor(page);
    await runCommand(page, "copydesk: Apply All Safe Fixes in This File");
    await waitFor("the safe fixes to be applied", async () => {
      const text = await editorText(page);
      return text.trimEnd() === fixAll.text.trimEnd() ? text : Promise.reject(new Error(text));
    });
    const afterFixAll = fixAll.findings;
    await waitRows(page, "after Apply All Safe Fixes", afterFixAll);
    ok(`"copydesk: Apply All Safe Fixes in This File" made the text copydesk check --fix makes; ${afterFixAll.map(rowKey).join(", ")} remain`);

    // A server that cannot be found gets an actionable notification.
    const nowhere = path.join(root, "no-such-dir", "copydesk");
    await setStringInSettingsUi(page, "copydesk.server.path", nowhere, "Remote");
    const machineSettingsFile = path.join(userData, "Machine", "settings.json");
    await waitFor("copydesk.server.path to reach the Remote settings.json", async () => fs.existsSync(machineSettingsFile) && fs.readFileSync(machineSettingsFile, "utf8").includes("no-such-dir"));
    const toast = await waitFor("the missing-server notification", async () => {
      const t = await page.locator(".notifications-toasts .notification-toast", { hasText: "copydesk" }).allInnerTexts();
      const hit = t.map((x) => x.replace(/\s+/g, " ")).find((x) => x.includes("no executable file there"));
      return hit || Promise.reject(new Error(t.join(" | ") || "(no notification)"));
    });
    for (const want of ["cargo install copydesk", "Copy Install Command", "Set copydesk.server.path", "Retry"]) {
      if (!toast.includes(want)) fail(`the missing-server notification lacks "${want}": ${toast}`);
    }
    await page.screenshot({ path: path.join(artifacts, "vscode-missing-server.png") });
    await page.keyboard.press("Control+W"); // close the Settings editor, back to the draft
    await page.locator(`.tabs-container .tab.active[aria-label*="${DRAFT_NAME}"]`).first().waitFor({ state: "visible" });
    await waitFor("the status bar to show the server error", async () => {
      const item = page.locator(".statusbar-item", { hasText: "copydesk" }).first();
      return (await item.locator(".codicon-error").count()) === 1;
    });
    await waitRows(page, "with the server gone", []);
    ok(`missing server: "${toast}"`);

    // And pointing the setting back at the binary restarts it without reloading the window.
    await setStringInSettingsUi(page, "copydesk.server.path", serverBin, "Remote");
    await page.keyboard.press("Control+W");
    await page.locator(`.tabs-container .tab.active[aria-label*="${DRAFT_NAME}"]`).first().waitFor({ state: "visible" });
    await waitRows(page, "after pointing copydesk.server.path back at the server", afterFixAll);
    await waitFor("the status bar count to come back", async () => (await statusBarText(page)).includes(`copydesk: ${afterFixAll.length}`));
    ok("fixing copydesk.server.path brought the diagnostics back without a reload");

    // "copydesk: Restart Server" brings up a fresh server with the same findings.
    await focusEditor(page);
    await runCommand(page, "copydesk: Show Output");
    const outputText = async () =>
      (await page.locator(".panel .output-view, .panel [id*='output']").first().innerText()).replace(/\u00a0/g, " ");
    const lastStart = async () => Math.max(0, ...[...(await outputText()).matchAll(/server started \(start #(\d+)\)/g)].map((m) => Number(m[1])));
    const before = await waitFor("a start logged in the copydesk output channel", lastStart);
    await focusEditor(page);
    await runCommand(page, "copydesk: Restart Server");
    const after = await waitFor(`start #${before + 1} in the output channel`, async () => {
      const n = await lastStart();
      return n > before ? n : Promise.reject(new Error((await outputText()).slice(-300)));
    });
    await page.keyboard.press("Control+Shift+M");
    await waitRows(page, "after copydesk: Restart Server", afterFixAll);
    ok(`"copydesk: Show Output" shows start #${before}; "copydesk: Restart Server" made start #${after} with the same findings`);
  } catch (e) {
    if (page) {
      await page.screenshot({ path: path.join(artifacts, "vscode-failure.png") }).catch(() => {});
      const dom = await page.content().catch(() => "");
      fs.writeFileSync(path.join(artifacts, "vscode-failure.html"), dom);
      // CI keeps only the output: say where the keyboard focus was and what overlays were open.
      const where = await page
        .evaluate(() => {
          const a = document.activeElement;
          const focus = a ? `${a.tagName.toLowerCase()}.${[...a.classList].join(".")} in ${a.closest("[id]")?.id ?? "?"}` : "none";
          const open = [".quick-input-widget", ".action-widget", ".context-view", ".notifications-toasts .notification-toast", ".monaco-dialog-box"]
            .filter((sel) => [...document.querySelectorAll(sel)].some((el) => el.getClientRects().length > 0))
            .join(", ");
          return `focus: ${focus}; visible overlays: ${open || "none"}`;
        })
        .catch((err) => `page state unavailable: ${err}`);
      console.error(`# ${where}`);
    }
    throw e;
  } finally {
    if (browser) await browser.close().catch(() => {});
    // Signal code-server's process group only while its leader is unreaped,
    // so the group id cannot have been handed to another process meanwhile.
    if (serverExited === null) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
      for (let i = 0; i < 50 && serverExited === null; i++) await sleep(100);
      if (serverExited === null) {
        try {
          process.kill(-server.pid, "SIGKILL");
        } catch {
          // gone
        }
      }
    }
    if (!keep) fs.rmSync(root, { recursive: true, force: true });
  }
}

main().then(
  () => {
    console.log(`vscode-e2e: ${step} passed, 0 failed (artifacts in ${artifacts})`);
  },
  (e) => {
    console.error(`not ok ${step + 1} - ${e && e.stack ? e.stack : e}`);
    console.error(`vscode-e2e: ${step} passed, 1 failed (artifacts in ${artifacts})`);
    process.exitCode = 1;
  },
);
