// Turns the extension's settings into the settings object the copydesk
// language server reads (initializationOptions and
// workspace/didChangeConfiguration). Kept free of the `vscode` module so it
// can be unit-tested with plain Node.

/** The levels the server accepts for a rule or a family. */
export const LEVELS = ["off", "hint", "info", "warning", "error"] as const;
export type Level = (typeof LEVELS)[number];

/** What the user set, read from the `copydesk.*` configuration. */
export interface ExtensionSettings {
  /** `copydesk.families.<family>`: false switches the whole family off. */
  families: Record<string, boolean | undefined>;
  /** `copydesk.severity`: rule id or family → level. */
  severity: Record<string, unknown>;
  /** `copydesk.debounceMs`. */
  debounceMs: unknown;
}

/** The server's settings schema (camelCase, see src/lsp in the repository). */
export interface ServerSettings {
  severity: Record<string, Level>;
  debounceMs: number;
}

export const DEFAULT_DEBOUNCE_MS = 50;

/**
 * Maps the extension's settings to the server's. Unknown levels are dropped
 * (and reported through `warn`), a family switched off wins over anything
 * said about it or its rules, and the debounce is clamped to a sane range.
 */
export function toServerSettings(s: ExtensionSettings, warn: (msg: string) => void = () => {}): ServerSettings {
  const severity: Record<string, Level> = {};
  for (const [key, value] of Object.entries(s.severity ?? {})) {
    if (typeof value === "string" && (LEVELS as readonly string[]).includes(value)) {
      severity[key] = value as Level;
    } else {
      warn(`copydesk.severity: ignoring ${JSON.stringify(key)}: ${JSON.stringify(value)} is not one of ${LEVELS.join(", ")}`);
    }
  }
  for (const [family, enabled] of Object.entries(s.families ?? {})) {
    if (enabled === false) {
      severity[family] = "off";
      for (const key of Object.keys(severity)) {
        if (key.startsWith(family + "/")) severity[key] = "off";
      }
    }
  }
  let debounceMs = typeof s.debounceMs === "number" && Number.isFinite(s.debounceMs) ? Math.round(s.debounceMs) : DEFAULT_DEBOUNCE_MS;
  debounceMs = Math.min(Math.max(debounceMs, 0), 10_000);
  return { severity, debounceMs };
}
