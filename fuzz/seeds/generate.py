#!/usr/bin/env python3
"""Regenerates the fuzz seeds under fuzz/seeds/ (they are committed; run this
after the sample articles, the corpus or the protocol change).

    python3 fuzz/seeds/generate.py [path/to/copydesk]

- lint/ and config/: the sample articles, every corpus passage (markers
  stripped) and a few hostile shapes; the starter configuration and
  variations.
- edits/: texts (libFuzzer's `arbitrary` decoding turns any bytes into
  an initial text and edits; real text makes real edits).
- lsp/: a session recorded against the real server (`copydesk lsp`): what a
  client sends after `initialize`, `initialized` and the harness's own
  `didOpen`, with code actions carrying the diagnostics the server
  published. Seed layout: one mode byte (see fuzz_targets/lsp.rs), then
  message bodies separated by NUL bytes.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
URI = "file:///fuzz/story.md"
# Must match STORY in fuzz_targets/lsp.rs.
STORY = "# Café “naïve” 東京 😀\n\nCritics say the legendary plan was very shocking.\r\n\n\"We will win,\" she said. About 3,000 people came, a 14 percent rise.\n"


def write(folder, name, data):
    path = HERE / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())


def passages():
    for file in sorted((ROOT / "tests/corpus/passages").glob("*.md")):
        text = file.read_text()
        for chunk in re.split(r"^@@ ", text, flags=re.M)[1:]:
            ident, _, body = chunk.partition("\n")
            ident = ident.split(":")[0].strip()
            body = re.sub(r"\[\[\??[^:\]]*: ", "", body)
            body = body.replace("]]", "").replace("{{", "").replace("}}", "")
            yield f"{file.stem}-{ident}", body


HOSTILE = {
    "nested-quote": "> " * 200 + "It was shocking.\n",
    "nested-list": "- " * 200 + "It was shocking.\n",
    "emphasis": "*a **a ***a " * 100 + "\n",
    "fence": "```\nCritics say\n\nIt was shocking.\n",
    "open-quote": "\"It was shocking.\n\n" + "\"Critics say so.\n\n" * 50,
    "crlf": "Critics say so.\r\n\r\nIt was shocking.\r\n",
    "cr": "Critics say so.\r\rIt was shocking.\r",
    "bom": "\ufeff# Critics say\n\nIt was shocking.\n",
    "directives": "<!-- copydesk-disable editorializing -->\nIt was shocking.\n<!-- copydesk-enable -->\nIt was very shocking. <!-- copydesk-disable-line -->\n<!-- copydesk-disable-next-line figures nope -->\nAbout 3,000 came.\n",
    "html": "<div>\nIt was shocking.\n</div>\n\n<!-- unclosed\nIt was shocking.\n",
    "table": "| a | b |\n|---|---|\n| Critics say | 14 percent |\n",
    "front-matter": "---\ntitle: x\n---\n+++\nx\n+++\nIt was shocking.\n",
    "footnote": "It was shocking.[^1]\n\n[^1]: Critics say so.\n",
    # Regressions: inputs that once crashed or were slow.
    "regress-nbsp-abbreviation": "The \u00a0Mr. No. It was a shocking plan.\n",
    "regress-curly-quote-before-cue": "It was shocking \u201d the mayor said.\n",
    "regress-figures-one-line": "[^1]" * 2000 + "\nIt was shocking.\n",
}


def text_seeds():
    for name in ["draft.md", "clean.md"]:
        data = (ROOT / "examples" / name).read_text()
        yield f"example-{name[:-3]}", data
    yield from passages()
    yield from HOSTILE.items()


def config_seeds():
    yield "starter", (ROOT / "src/config/starter.toml").read_text()
    yield "full", """[rules]
style = "off"
"editorializing/intensifier" = "hint"
"figures/unsourced-count" = { level = "warning", min-count = 5000 }

[words]
attribution-verbs = ["posted", "tweeted"]
accept = ["Shocking Blue"]
avoid = { "slammed" = "Say what was said.", "blasted" = "" }
prefer = { "pro-life" = "anti-abortion", "illegal immigrant" = { use = "immigrant living in the country illegally", safe = false, note = "AP" } }

[[overrides]]
files = ["opinion/**", "*.txt", "{a,b}/[c-d]?.md"]
rules = { editorializing = "off", "attribution/anonymous-source" = "error" }
"""
    yield "errors", '[rules]\neditorialising = "of"\n[words]\navoid = { "" = "x" }\n'
    yield "nested", "a = " + "[" * 64 + "]" * 64 + "\n"


class Server:
    """Just enough of a client to record a session."""

    def __init__(self, binary):
        self.proc = subprocess.Popen(
            [binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self.next_id = 100

    def send(self, message):
        body = json.dumps(message, ensure_ascii=False).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return body

    def read(self):
        length = None
        while True:
            line = self.proc.stdout.readline()
            if line == b"\r\n":
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.proc.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        body = self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            message = self.read()
            if message.get("id") == self.next_id and "method" not in message:
                return body, message

    def wait_diagnostics(self, version):
        while True:
            message = self.read()
            params = message.get("params", {})
            if message.get("method") == "textDocument/publishDiagnostics" and params.get("version") == version:
                return params["diagnostics"]


def record_session(binary):
    """Bodies a client sends after the harness's prelude, for each kind of use."""
    server = Server(binary)
    server.request("initialize", {"processId": None, "rootUri": None, "capabilities": {"general": {"positionEncodings": ["utf-16"]}}, "initializationOptions": {"debounceMs": 0}})
    server.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    server.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": STORY}}})
    diagnostics = server.wait_diagnostics(1)
    sessions = {}
    doc = {"uri": URI}
    whole = {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}}
    body, _ = server.request("textDocument/codeAction", {"textDocument": doc, "range": diagnostics[0]["range"], "context": {"diagnostics": diagnostics, "only": ["quickfix"]}})
    sessions["code-action"] = [body]
    body, _ = server.request("textDocument/codeAction", {"textDocument": doc, "range": whole, "context": {"diagnostics": [], "only": ["source.fixAll"]}})
    sessions["fix-all"] = [body]
    body, _ = server.request("textDocument/hover", {"textDocument": doc, "position": diagnostics[-1]["range"]["start"]})
    sessions["hover"] = [body]
    change = server.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": URI, "version": 2}, "contentChanges": [
        {"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 11}}, "text": "The council said"},
        {"range": {"start": {"line": 0, "character": 2}, "end": {"line": 0, "character": 6}}, "text": "😀\r\n“"},
        {"text": STORY + "\nIt was very, very shocking.\n"},
    ]}})
    after = server.wait_diagnostics(2)
    body, _ = server.request("textDocument/codeAction", {"textDocument": doc, "range": whole, "context": {"diagnostics": after}})
    sessions["edit-then-actions"] = [change, body]
    config = server.send({"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": {"copydesk": {"debounceMs": 0, "severity": {"editorializing": "error", "attribution": "off"}, "enabledFamilies": ["figures", "style"]}}}})
    sessions["configuration"] = [config]
    close = server.send({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": doc}})
    reopen = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "untitled:Untitled-1", "languageId": "plaintext", "version": 1, "text": "Critics say so.\r\rIt was shocking."}}}).encode()
    sessions["close-reopen"] = [close, reopen]
    sessions["shutdown"] = [
        json.dumps({"jsonrpc": "2.0", "id": 9, "method": "shutdown"}).encode(),
        json.dumps({"jsonrpc": "2.0", "method": "exit"}).encode(),
    ]
    server.request("shutdown", None)
    server.send({"jsonrpc": "2.0", "method": "exit"})
    server.proc.wait(timeout=30)
    return sessions


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target/debug/copydesk")
    for folder in ["lint", "edits", "config", "lsp"]:
        for old in (HERE / folder).glob("*") if (HERE / folder).exists() else []:
            old.unlink()
    for name, text in text_seeds():
        write("lint", name, text)
    for name in ["example-draft", "wire-w07", "nested-quote", "crlf", "cr", "open-quote"]:
        write("edits", name, (HERE / "lint" / name).read_bytes())
    for name, text in config_seeds():
        write("config", name, text)
    sessions = record_session(binary)
    # Mode byte (see fuzz_targets/lsp.rs): bits 0-1 framing (0 one body,
    # 1 NUL-separated bodies, 2 raw), bits 2-3 encoding (0 UTF-8, 1 UTF-16,
    # 2 UTF-32), bit 6 pulled diagnostics, bit 7 no debounce.
    for name, bodies in sessions.items():
        joined = b"\0".join(bodies)
        write("lsp", f"{name}-push", bytes([0x80 | 1 << 2 | 1]) + joined)
        write("lsp", f"{name}-pull-utf8", bytes([0xC0 | 0 << 2 | 1]) + joined)
    write("lsp", "one-body-utf32", bytes([0x80 | 2 << 2 | 0]) + sessions["hover"][0])
    write("lsp", "raw-frames", bytes([0x80 | 1 << 2 | 2]) + b"Content-Length: 2\r\n\r\n{}content-length:3\r\nContent-Type: x\r\n\r\n[1]Nonsense\r\n\r\nContent-Length: 1\r\n\r\n1")
    count = sum(1 for _ in HERE.rglob("*") if _.is_file())
    print(f"wrote seeds under {HERE} ({count} files)")


if __name__ == "__main__":
    main()
