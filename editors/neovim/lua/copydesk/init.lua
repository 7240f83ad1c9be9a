-- copydesk for Neovim: starts `copydesk lsp` for prose buffers with the
-- built-in LSP client. Neovim 0.8+ uses vim.lsp.start(); 0.7 falls back to
-- vim.lsp.start_client() + vim.lsp.buf_attach_client().
--
--   require("copydesk").setup({
--     cmd = { "copydesk", "lsp" },                       -- or an absolute path
--     filetypes = { "markdown", "text", "gitcommit", "mail" },
--     settings = { severity = { figures = "off" }, debounceMs = 50 },
--   })
--
-- :CopydeskFixAll applies every safe fix in the buffer, :CopydeskRestart
-- restarts the server, :CopydeskInfo shows what is running.

local M = {}

local NAME = "copydesk"
local FIX_ALL_KIND = "source.fixAll.copydesk"
local INSTALL_COMMAND = "cargo install copydesk"

local defaults = {
  -- The server command. `copydesk lsp --stdio` is the same thing.
  cmd = { "copydesk", "lsp" },
  filetypes = { "markdown", "text", "gitcommit", "mail" },
  -- The server's settings (camelCase, as in the server's documentation):
  -- severity per rule id or family ("off", "hint", "info", "warning",
  -- "error"), and the debounce in milliseconds.
  settings = { severity = {}, debounceMs = 50 },
  -- A copydesk.toml or a repository root marks the project root.
  root_markers = { "copydesk.toml", ".git" },
  on_attach = nil,
  capabilities = nil,
  -- Map nothing by default; set to a key (e.g. "<leader>cf") to map :CopydeskFixAll.
  fix_all_key = nil,
}

M.config = vim.deepcopy(defaults)

local group = nil
-- Neovim 0.7: client ids by root directory, since there is no vim.lsp.start to reuse them.
local legacy_clients = {}
local warned_missing = false

-- Neovim 0.11 made client methods take self (client:notify()); the dot form
-- is deprecated there, and the only one older versions know.
local method_style = vim.fn.has("nvim-0.11") == 1
local function call(client, method, ...)
  if method_style then
    return client[method](client, ...)
  end
  return client[method](...)
end
M._call = call

local function has_start()
  return vim.lsp.start ~= nil
end

local function notify(msg, level)
  vim.notify("copydesk: " .. msg, level or vim.log.levels.INFO)
end

--- The running copydesk clients (optionally only those attached to bufnr).
function M.clients(bufnr)
  local all
  if vim.lsp.get_clients then
    all = vim.lsp.get_clients({ name = NAME, bufnr = bufnr })
  else
    all = {}
    local source = bufnr and vim.lsp.buf_get_clients(bufnr) or vim.lsp.get_active_clients()
    for _, c in pairs(source) do
      if c.name == NAME then
        table.insert(all, c)
      end
    end
  end
  return all
end

local function dirname(path)
  return vim.fn.fnamemodify(path, ":h")
end

local function exists(path)
  return (vim.uv or vim.loop).fs_stat(path) ~= nil
end

--- The project root of a file: the nearest directory with a root marker,
--- else the file's own directory.
function M.root_dir(fname)
  local dir = dirname(fname)
  if fname == "" then
    return vim.fn.getcwd()
  end
  local cur = dir
  while cur and cur ~= "" do
    for _, marker in ipairs(M.config.root_markers) do
      if exists(cur .. "/" .. marker) then
        return cur
      end
    end
    local parent = dirname(cur)
    if parent == cur then
      break
    end
    cur = parent
  end
  return dir
end

local function executable(cmd)
  return cmd and cmd[1] and vim.fn.executable(cmd[1]) == 1
end

local function missing_message(cmd)
  return string.format(
    "the language server `%s` was not found. Install it with `%s`, or pass its absolute path: "
      .. "require('copydesk').setup({ cmd = { '/path/to/copydesk', 'lsp' } })",
    cmd and cmd[1] or "copydesk",
    INSTALL_COMMAND
  )
end

--- Neovim encodes an empty Lua table as a JSON array; the server's
--- `severity` is a map, so an empty one must go out as {}.
function M.normalize_settings(settings)
  local s = vim.deepcopy(settings or {})
  if s.severity == nil or next(s.severity) == nil then
    s.severity = vim.empty_dict()
  end
  return s
end

local function client_config(bufnr)
  local fname = vim.api.nvim_buf_get_name(bufnr)
  local cfg = M.config
  return {
    name = NAME,
    cmd = cfg.cmd,
    root_dir = M.root_dir(fname),
    -- The server reads its settings from initializationOptions, and from
    -- workspace/didChangeConfiguration, which Neovim sends with `settings`.
    init_options = M.normalize_settings(cfg.settings),
    settings = M.normalize_settings(cfg.settings),
    capabilities = cfg.capabilities,
    on_attach = function(client, b)
      if cfg.fix_all_key then
        vim.keymap.set("n", cfg.fix_all_key, function()
          M.fix_all(b)
        end, { buffer = b, desc = "copydesk: apply all safe fixes" })
      end
      if cfg.on_attach then
        cfg.on_attach(client, b)
      end
    end,
  }
end

--- Starts the server for bufnr (or attaches the running one). Returns the client id.
function M.start(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if vim.bo[bufnr].buftype ~= "" then
    return nil
  end
  if not executable(M.config.cmd) then
    if not warned_missing then
      warned_missing = true
      notify(missing_message(M.config.cmd), vim.log.levels.ERROR)
    end
    return nil
  end
  local config = client_config(bufnr)
  if has_start() then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  -- Neovim 0.7: one client per root directory, attached by hand.
  local id = legacy_clients[config.root_dir]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or call(client, "is_stopped") then
    id = vim.lsp.start_client(config)
    legacy_clients[config.root_dir] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

local function filetype_enabled(ft)
  return vim.tbl_contains(M.config.filetypes, ft)
end

--- Asks a server that serves pulled diagnostics for fresh ones. Neovim 0.10+
--- pulls (textDocument/diagnostic) but only after an edit, and does not
--- announce workspace/diagnostic/refresh, so after a settings change the
--- buffers would keep their old diagnostics until the next keystroke.
local function repull(client)
  local caps = client.server_capabilities or {}
  if not caps.diagnosticProvider or not (vim.lsp.diagnostic and vim.lsp.diagnostic.on_diagnostic) then
    return
  end
  for bufnr in pairs(client.attached_buffers or {}) do
    if vim.api.nvim_buf_is_loaded(bufnr) then
      local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }
      call(client, "request", "textDocument/diagnostic", params, vim.lsp.diagnostic.on_diagnostic, bufnr)
    end
  end
end

--- Sends settings to one client and refreshes what it shows.
local function push_settings(client, settings)
  client.config.settings = settings
  call(client, "notify", "workspace/didChangeConfiguration", { settings = settings })
  repull(client)
end

--- Sends new settings to the running servers; no restart needed.
function M.set_settings(settings)
  M.config.settings = vim.tbl_deep_extend("force", { severity = {}, debounceMs = 50 }, settings or {})
  local s = M.normalize_settings(M.config.settings)
  for _, client in ipairs(M.clients()) do
    push_settings(client, s)
  end
end

--- Stops the servers and starts them again for every copydesk buffer.
function M.restart()
  local clients = M.clients()
  for _, client in ipairs(clients) do
    call(client, "stop")
  end
  legacy_clients = {}
  warned_missing = false
  vim.wait(3000, function()
    for _, client in ipairs(clients) do
      if not call(client, "is_stopped") then
        return false
      end
    end
    return true
  end, 50)
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and filetype_enabled(vim.bo[b].filetype) then
      M.start(b)
    end
  end
end

local function whole_buffer_range(bufnr)
  local last = vim.api.nvim_buf_line_count(bufnr) - 1
  local last_line = vim.api.nvim_buf_get_lines(bufnr, last, last + 1, false)[1] or ""
  return { start = { line = 0, character = 0 }, ["end"] = { line = last, character = #last_line } }
end

local function apply_action(client, action, bufnr)
  if action.edit then
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or "utf-16")
  end
  local command = type(action.command) == "table" and action.command or nil
  if command then
    call(client, "request", "workspace/executeCommand", command, nil, bufnr)
  end
end

--- Applies the server's source.fixAll.copydesk action to the buffer:
--- every fix that is safe to make unattended.
function M.fix_all(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local clients = M.clients(bufnr)
  if #clients == 0 then
    notify("no copydesk server is attached to this buffer", vim.log.levels.WARN)
    return false
  end
  local client = clients[1]
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = whole_buffer_range(bufnr),
    context = { diagnostics = {}, only = { FIX_ALL_KIND } },
  }
  local response = call(client, "request_sync", "textDocument/codeAction", params, 5000, bufnr)
  if not response or response.err then
    notify("fix all failed: " .. vim.inspect(response and response.err or "timeout"), vim.log.levels.ERROR)
    return false
  end
  local applied = false
  for _, action in ipairs(response.result or {}) do
    if action.kind == FIX_ALL_KIND then
      if not action.edit and not action.command and action.data ~= nil then
        local resolved = call(client, "request_sync", "codeAction/resolve", action, 5000, bufnr)
        if resolved and resolved.result then
          action = resolved.result
        end
      end
      apply_action(client, action, bufnr)
      applied = true
      break
    end
  end
  if not applied then
    notify("no safe fixes in this buffer")
  end
  return applied
end

function M.info()
  local lines = { "copydesk: cmd = " .. table.concat(M.config.cmd, " ") }
  table.insert(lines, "  executable: " .. (executable(M.config.cmd) and vim.fn.exepath(M.config.cmd[1]) or "NOT FOUND (" .. INSTALL_COMMAND .. ")"))
  table.insert(lines, "  filetypes: " .. table.concat(M.config.filetypes, ", "))
  table.insert(lines, "  settings: " .. vim.inspect(M.config.settings, { newline = " ", indent = "" }))
  for _, c in ipairs(M.clients()) do
    table.insert(lines, string.format("  client %d, root %s", c.id, c.config.root_dir or "?"))
  end
  print(table.concat(lines, "\n"))
end

--- Configures the plugin and starts the server for matching buffers.
function M.setup(opts)
  M.config = vim.tbl_deep_extend("force", vim.deepcopy(defaults), opts or {})
  warned_missing = false
  group = vim.api.nvim_create_augroup("copydesk", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      M.start(args.buf)
    end,
    desc = "copydesk: start the language server",
  })
  vim.api.nvim_create_user_command("CopydeskFixAll", function()
    M.fix_all(0)
  end, { desc = "copydesk: apply all safe fixes in this buffer" })
  vim.api.nvim_create_user_command("CopydeskRestart", function()
    M.restart()
  end, { desc = "copydesk: restart the language server" })
  vim.api.nvim_create_user_command("CopydeskInfo", function()
    M.info()
  end, { desc = "copydesk: show the server command, settings and clients" })
  -- Buffers opened before setup() ran.
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and filetype_enabled(vim.bo[b].filetype) then
      M.start(b)
    end
  end
  -- Settings given to setup() again reach running servers.
  local s = M.normalize_settings(M.config.settings)
  for _, client in ipairs(M.clients()) do
    push_settings(client, s)
  end
end

return M
