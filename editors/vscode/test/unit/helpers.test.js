// Unit tests of the extension's pure helpers (built to out/lib by `npm run build`).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const { toServerSettings } = require("../../out/lib/settings.js");
const { resolveServer, which, expandPath, INSTALL_COMMAND } = require("../../out/lib/server.js");

test("settings: defaults give an empty severity map and the default debounce", () => {
  assert.deepEqual(toServerSettings({ families: {}, severity: {}, debounceMs: undefined }), { severity: {}, debounceMs: 50 });
});

test("settings: a family switched off wins over its rules", () => {
  const s = toServerSettings({
    families: { editorializing: false, figures: true },
    severity: { "editorializing/said-synonym": "error", "figures/unsourced-money": "hint", attribution: "info" },
    debounceMs: 120,
  });
  assert.deepEqual(s, {
    severity: { "editorializing/said-synonym": "off", "figures/unsourced-money": "hint", attribution: "info", editorializing: "off" },
    debounceMs: 120,
  });
});

test("settings: unknown levels are dropped with a warning; debounce is clamped", () => {
  const warnings = [];
  const s = toServerSettings({ families: {}, severity: { figures: "loud", "x/y": 3 }, debounceMs: -5 }, (m) => warnings.push(m));
  assert.deepEqual(s, { severity: {}, debounceMs: 0 });
  assert.equal(warnings.length, 2);
  assert.equal(toServerSettings({ families: {}, severity: {}, debounceMs: 1e9 }).debounceMs, 10000);
});

function fakeBin(dir, name) {
  fs.mkdirSync(dir, { recursive: true });
  const p = path.join(dir, name);
  fs.writeFileSync(p, "#!/bin/sh\n");
  fs.chmodSync(p, 0o755);
  return p;
}

test("server: the setting wins; PATH next; cargo's bin last", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "copydesk-unit-"));
  const configured = fakeBin(path.join(root, "custom"), "copydesk");
  const onPath = fakeBin(path.join(root, "path"), "copydesk");
  const cargo = fakeBin(path.join(root, "cargo", "bin"), "copydesk");
  const env = { PATH: path.join(root, "path"), CARGO_HOME: path.join(root, "cargo") };
  assert.deepEqual(resolveServer({ configured, env, platform: "linux" }), { ok: true, command: configured, how: "setting" });
  assert.deepEqual(resolveServer({ configured: "", env, platform: "linux" }), { ok: true, command: onPath, how: "PATH" });
  assert.deepEqual(resolveServer({ configured: "", env: { PATH: "", CARGO_HOME: env.CARGO_HOME }, platform: "linux" }), { ok: true, command: cargo, how: "cargo" });
  assert.deepEqual(
    resolveServer({ configured: "${workspaceFolder}/custom/copydesk", workspaceFolder: root, env, platform: "linux" }),
    { ok: true, command: configured, how: "setting" },
  );
});

test("server: a missing binary says why", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "copydesk-unit-"));
  const env = { PATH: path.join(root, "nothing"), CARGO_HOME: path.join(root, "nocargo") };
  const r = resolveServer({ configured: "", env, platform: "linux" });
  assert.equal(r.ok, false);
  assert.match(r.reason, /not on PATH/);
  const bad = resolveServer({ configured: path.join(root, "nope"), env, platform: "linux" });
  assert.equal(bad.ok, false);
  assert.match(bad.reason, /no executable file there/);
  // A non-executable file is not a server.
  fs.writeFileSync(path.join(root, "plain"), "");
  assert.equal(resolveServer({ configured: path.join(root, "plain"), env, platform: "linux" }).ok, false);
  assert.match(INSTALL_COMMAND, /^cargo install /);
});

test("server: which and expandPath", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "copydesk-unit-"));
  const bin = fakeBin(path.join(root, "b"), "tool");
  assert.equal(which("tool", { PATH: `${path.join(root, "a")}:${path.join(root, "b")}` }, "linux"), bin);
  assert.equal(which("tool", { PATH: "" }, "linux"), undefined);
  assert.equal(expandPath("~/x"), path.join(os.homedir(), "x"));
  assert.equal(expandPath("${workspaceFolder}/y", "/ws"), "/ws/y");
});
