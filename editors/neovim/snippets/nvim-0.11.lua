-- copydesk with Neovim 0.11's built-in LSP configuration (no plugin needed).
local copydesk_settings = {
  severity = vim.empty_dict(), -- e.g. { figures = "off", ["editorializing/intensifier"] = "hint" }
  debounceMs = 50,
}
vim.lsp.config("copydesk", {
  cmd = { "copydesk", "lsp" },
  filetypes = { "markdown", "text", "gitcommit", "mail" },
  root_markers = { "copydesk.toml", ".git" },
  init_options = copydesk_settings,
  settings = copydesk_settings,
})
vim.lsp.enable("copydesk")
