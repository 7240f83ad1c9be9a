// Finding the copydesk executable: the `copydesk.server.path` setting, else
// `copydesk` on PATH, else cargo's install directory. Free of the `vscode`
// module so it can be unit-tested with plain Node.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** How a reporter installs the server; shown when it cannot be found. */
export const INSTALL_COMMAND = "cargo install copydesk";

export type Resolution =
  | { ok: true; command: string; how: "setting" | "PATH" | "cargo" }
  | { ok: false; reason: string };

export interface ResolveOptions {
  /** The `copydesk.server.path` setting, possibly empty. */
  configured: string;
  /** The first workspace folder, for `${workspaceFolder}`. */
  workspaceFolder?: string;
  /** The environment to search; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

/** Expands `~` and `${workspaceFolder}` / `${userHome}` in a configured path. */
export function expandPath(p: string, workspaceFolder?: string): string {
  let out = p.trim();
  out = out.replace(/\$\{userHome\}/g, os.homedir());
  if (workspaceFolder) out = out.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
  if (out === "~" || out.startsWith("~/") || out.startsWith("~\\")) out = path.join(os.homedir(), out.slice(1));
  return out;
}

function isExecutableFile(p: string, platform: NodeJS.Platform): boolean {
  try {
    const st = fs.statSync(p);
    if (!st.isFile()) return false;
    if (platform === "win32") return true;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Looks `name` up on PATH as a shell would; undefined when it is not there. */
export function which(name: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? "").split(path.delimiter).filter((d) => d.length > 0);
  const exts = platform === "win32" ? (env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";").concat([""]) : [""];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isExecutableFile(candidate, platform)) return candidate;
    }
  }
  return undefined;
}

/** Decides which executable to start, or why none can be. */
export function resolveServer(opts: ResolveOptions): Resolution {
  const platform = opts.platform ?? process.platform;
  const env = opts.env ?? process.env;
  const exe = platform === "win32" ? "copydesk.exe" : "copydesk";
  if (opts.configured.trim() !== "") {
    const p = expandPath(opts.configured, opts.workspaceFolder);
    if (!path.isAbsolute(p)) {
      const found = which(p, env, platform);
      if (found) return { ok: true, command: found, how: "setting" };
      return { ok: false, reason: `copydesk.server.path is set to "${opts.configured}", which is not an absolute path and is not on PATH.` };
    }
    if (isExecutableFile(p, platform)) return { ok: true, command: p, how: "setting" };
    return { ok: false, reason: `copydesk.server.path is set to "${opts.configured}", but there is no executable file there.` };
  }
  const onPath = which("copydesk", env, platform);
  if (onPath) return { ok: true, command: onPath, how: "PATH" };
  const cargoHome = env.CARGO_HOME ?? path.join(os.homedir(), ".cargo");
  const cargoBin = path.join(cargoHome, "bin", exe);
  if (isExecutableFile(cargoBin, platform)) return { ok: true, command: cargoBin, how: "cargo" };
  return { ok: false, reason: "The copydesk language server (the `copydesk` program) is not on PATH." };
}
