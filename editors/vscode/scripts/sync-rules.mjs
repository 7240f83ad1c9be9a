#!/usr/bin/env node
// Rewrites the rule-dependent settings in package.json from the server's own
// catalogue, so the extension's settings mirror the server's rules:
//   copydesk.families.<family>        one on/off switch per family
//   copydesk.severity.properties      one entry per family and per rule
//
//   node scripts/sync-rules.mjs ../../target/debug/copydesk
//
// tests/editor_snippets.rs fails when package.json and the rules disagree.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = process.argv[2] ?? "copydesk";
const pkgPath = join(dirname(fileURLToPath(import.meta.url)), "..", "package.json");
const rules = JSON.parse(execFileSync(bin, ["rules", "--format", "json"], { encoding: "utf8" }));
const pkg = JSON.parse(readFileSync(pkgPath, "utf8"));
const props = pkg.contributes.configuration.properties;
const LEVELS = ["off", "hint", "info", "warning", "error"];

const families = [];
for (const r of rules) if (!families.includes(r.family)) families.push(r.family);

// Family switches: keep hand-written descriptions, add the new, drop the gone.
const old = Object.fromEntries(Object.entries(props).filter(([k]) => k.startsWith("copydesk.families.")));
for (const k of Object.keys(old)) delete props[k];
const rebuilt = {};
for (const [key, value] of Object.entries(props)) {
  rebuilt[key] = value;
  if (key === "copydesk.languages") {
    families.forEach((family, i) => {
      const names = rules.filter((r) => r.family === family).map((r) => r.id.split("/")[1]);
      rebuilt[`copydesk.families.${family}`] = old[`copydesk.families.${family}`] ?? {
        type: "boolean",
        default: true,
        markdownDescription: `Check **${family}**: ${names.join(", ")}.`,
      };
      rebuilt[`copydesk.families.${family}`].order = 10 + i;
    });
  }
}
pkg.contributes.configuration.properties = rebuilt;

const severity = rebuilt["copydesk.severity"];
severity.properties = {};
for (const family of families) {
  severity.properties[family] = { type: "string", enum: LEVELS, description: `Every ${family} rule (a rule's own entry wins).` };
}
for (const r of rules) {
  severity.properties[r.id] = { type: "string", enum: LEVELS, description: `${r.summary}. Default: ${r.severity}.` };
}
writeFileSync(pkgPath, JSON.stringify(pkg, null, 2) + "\n");
console.log(`package.json: ${families.length} families, ${rules.length} rules`);
