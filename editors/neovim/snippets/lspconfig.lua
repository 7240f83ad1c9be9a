-- copydesk with nvim-lspconfig (Neovim 0.8 to 0.10; on 0.11 prefer vim.lsp.config).
local lspconfig = require("lspconfig")
local configs = require("lspconfig.configs")
local copydesk_settings = {
  severity = vim.empty_dict(), -- e.g. { figures = "off", ["editorializing/intensifier"] = "hint" }
  debounceMs = 50,
}
if not configs.copydesk then
  configs.copydesk = {
    default_config = {
      cmd = { "copydesk", "lsp" },
      filetypes = { "markdown", "text", "gitcommit", "mail" },
      root_dir = lspconfig.util.root_pattern("copydesk.toml", ".git"),
      single_file_support = true,
      init_options = copydesk_settings,
      settings = copydesk_settings,
    },
  }
end
lspconfig.copydesk.setup({})
