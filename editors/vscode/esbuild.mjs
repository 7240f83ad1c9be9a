// Bundles the extension and vscode-languageclient into one file, so the
// .vsix carries no node_modules.
import * as esbuild from "esbuild";

const watch = process.argv.includes("--watch");
const options = {
  entryPoints: ["src/extension.ts"],
  bundle: true,
  outfile: "out/extension.js",
  external: ["vscode"],
  format: "cjs",
  platform: "node",
  target: "node18",
  sourcemap: true,
  minify: !watch,
  logLevel: "info",
};
// The pure helpers are also built on their own for the unit tests.
const helpers = {
  entryPoints: ["src/settings.ts", "src/server.ts"],
  outdir: "out/lib",
  format: "cjs",
  platform: "node",
  target: "node18",
  logLevel: "warning",
};
if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
  await esbuild.build(helpers);
}
