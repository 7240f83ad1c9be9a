-- Headless end-to-end test of copydesk in a real Neovim (run by
-- tests/editor_neovim.rs; by hand, from the repository root):
--
--   COPYDESK_BIN=$PWD/target/debug/copydesk nvim --headless --clean \
--     --cmd 'set rtp^=editors/neovim' -c 'luafile editors/neovim/test/e2e.lua'
--
-- COPYDESK_E2E_MODE picks what is under test:
--   plugin      require("copydesk").setup{} (vim.lsp.start, or vim.lsp.start_client on 0.7)
--   lsp-config  the README's Neovim 0.11 vim.lsp.config snippet, with copydesk on PATH
--
-- Prints TAP-like "ok N - ..." lines and "neovim-e2e: N passed, M failed" on
-- stdout, and exits non-zero on the first failed check.

local MODE = os.getenv("COPYDESK_E2E_MODE") or "plugin"
local BIN = os.getenv("COPYDESK_BIN")
local SNIPPET = os.getenv("COPYDESK_SNIPPET")
local TIMEOUT = tonumber(os.getenv("COPYDESK_E2E_TIMEOUT_MS") or "30000")

local passed = 0

local function out(line)
  io.stdout:write(line .. "\n")
  io.stdout:flush()
end

local function ok(msg)
  passed = passed + 1
  local v = vim.version()
  out(string.format("ok %d - [nvim %d.%d.%d %s] %s", passed, v.major, v.minor, v.patch, MODE, msg))
end

local function fail(msg)
  error(msg, 0)
end

local function wait_for(what, fn)
  local last
  local done = vim.wait(TIMEOUT, function()
    local good, res = pcall(fn)
    last = res
    return good and res and true or false
  end, 50)
  if not done then
    fail(string.format("timed out after %d ms waiting for %s; last seen: %s", TIMEOUT, what, vim.inspect(last)))
  end
  return last
end

-- The draft, the same one the VS Code test uses.
local DRAFT = {
  "# Council passes budget",
  "",
  "The mayor claimed that the budget was balanced.",
  "",
  "It was very cold.",
  "",
  "Critics say the plan will fail.",
  "",
  "Unemployment rose to 7.2 percent.",
}

local function diag_code(d)
  if d.code then
    return d.code
  end
  local lsp = d.user_data and d.user_data.lsp
  return lsp and lsp.code
end

--- copydesk's diagnostics in bufnr as { "rule@line:col" } (1-based), sorted.
local function diagnostics(bufnr)
  local got = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == "copydesk" then
      table.insert(got, { key = string.format("%s@%d:%d", diag_code(d), d.lnum + 1, d.col + 1), d = d })
    end
  end
  table.sort(got, function(a, b)
    return a.key < b.key
  end)
  return got
end

local function keys(list)
  local k = {}
  for _, item in ipairs(list) do
    table.insert(k, item.key or item)
  end
  table.sort(k)
  return table.concat(k, " ")
end

local function wait_diagnostics(bufnr, what, expected)
  local want = keys(expected)
  return wait_for(what .. ": diagnostics " .. want, function()
    local got = diagnostics(bufnr)
    if keys(got) ~= want then
      error("diagnostics are " .. (keys(got) ~= "" and keys(got) or "(none)"))
    end
    return got
  end)
end

local function without(list, rule)
  local res = {}
  for _, e in ipairs(list) do
    if not e.key:find(rule, 1, true) then
      table.insert(res, e)
    end
  end
  return res
end

local function line(bufnr, n)
  return vim.api.nvim_buf_get_lines(bufnr, n - 1, n, false)[1]
end

-- What copydesk itself reports on the draft (1-based line and column).
local function expected_findings(path)
  -- The summary on stderr is dropped: system() would mix it into the JSON.
  local json = vim.fn.system(vim.fn.shellescape(BIN) .. " check --format json --fail-on never " .. vim.fn.shellescape(path) .. " 2>/dev/null")
  if vim.v.shell_error ~= 0 then
    fail("copydesk check failed: " .. json)
  end
  local res = {}
  for _, f in ipairs(vim.fn.json_decode(json).findings) do
    table.insert(res, { key = string.format("%s@%d:%d", f.rule, f.line, f.column), rule = f.rule, line = f.line, column = f.column })
  end
  return res
end

--- What `copydesk check --fix` makes of `lines`: the fixed lines and the findings left.
local function expected_after_fix_all(dir, lines)
  local path = dir .. "/fix-all.md"
  vim.fn.writefile(lines, path)
  vim.fn.system(vim.fn.shellescape(BIN) .. " check --fix --fail-on never " .. vim.fn.shellescape(path) .. " 2>/dev/null")
  if vim.v.shell_error ~= 0 then
    fail("copydesk check --fix failed")
  end
  return vim.fn.readfile(path), expected_findings(path)
end

--- Runs vim.lsp.buf.code_action() at the cursor the way a user does, with
--- vim.ui.select answered by picking the first title matching `pattern`.
--- Returns the titles the menu offered.
local function choose_code_action(pattern)
  local offered = nil
  local original = vim.ui.select
  vim.ui.select = function(items, opts, on_choice)
    offered = {}
    local pick = nil
    for i, item in ipairs(items) do
      -- 0.7 passes {client_id, action}; 0.8+ {action = ..., ctx = ...}.
      local action = item.action or item[2]
      table.insert(offered, action.title)
      if not pick and action.title:find(pattern) then
        pick = i
      end
    end
    vim.ui.select = original
    on_choice(pick and items[pick] or nil, pick)
  end
  vim.lsp.buf.code_action()
  wait_for("the code action menu", function()
    return offered ~= nil
  end)
  vim.ui.select = original
  return offered
end

local function with_method_style(client, method, ...)
  if vim.fn.has("nvim-0.11") == 1 then
    return client[method](client, ...)
  end
  return client[method](...)
end

local function write_draft()
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, "p")
  vim.fn.mkdir(dir .. "/.git", "p") -- a project root
  local path = dir .. "/draft.md"
  vim.fn.writefile(DRAFT, path)
  return dir, path
end

local function run_plugin()
  local copydesk = require("copydesk")
  local dir, path = write_draft()
  local expected = expected_findings(path)
  for _, rule in ipairs({ "editorializing/said-synonym", "editorializing/intensifier", "attribution/weasel-attribution", "figures/unsourced-percentage" }) do
    local found = false
    for _, e in ipairs(expected) do
      found = found or e.rule == rule
    end
    if not found then
      fail("copydesk check does not report " .. rule .. " on the draft: " .. keys(expected))
    end
  end
  ok("copydesk check reports " .. keys(expected))

  copydesk.setup({ cmd = { BIN, "lsp" } })
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  if vim.bo[bufnr].filetype ~= "markdown" then
    fail("draft.md has filetype " .. vim.bo[bufnr].filetype)
  end
  local clients = wait_for("a copydesk client attached to the draft", function()
    local c = copydesk.clients(bufnr)
    return #c == 1 and c
  end)
  local client = clients[1]
  if client.config.root_dir ~= dir then
    fail("root_dir is " .. tostring(client.config.root_dir) .. ", expected " .. dir)
  end
  ok(string.format("the plugin started the server via %s, root %s", vim.lsp.start and "vim.lsp.start" or "vim.lsp.start_client (0.7 fallback)", dir))

  local diags = wait_diagnostics(bufnr, "the initial diagnostics", expected)
  for _, item in ipairs(diags) do
    if item.d.end_lnum == nil or (item.d.end_lnum == item.d.lnum and item.d.end_col <= item.d.col) then
      fail("diagnostic with an empty range: " .. vim.inspect(item.d))
    end
  end
  ok("diagnostics with rule codes and positions: " .. keys(diags))

  -- The quick fix, through the client's code-action menu.
  local said
  for _, e in ipairs(expected) do
    if e.rule == "editorializing/said-synonym" then
      said = e
    end
  end
  vim.api.nvim_win_set_cursor(0, { said.line, said.column + 1 })
  local offered = choose_code_action("said")
  if not vim.tbl_contains(offered, "Replace “claimed” with “said”") then
    fail("the menu did not offer the said fix: " .. vim.inspect(offered))
  end
  wait_for("the fix to rewrite line " .. said.line, function()
    return line(bufnr, said.line) == "The mayor said that the budget was balanced."
  end)
  local after_fix = without(expected, "editorializing/said-synonym")
  wait_diagnostics(bufnr, "after the quick fix", after_fix)
  ok("code action " .. vim.inspect(offered) .. " rewrote the line and cleared its diagnostic")

  -- Settings reach the running server without a restart.
  copydesk.set_settings({ severity = { editorializing = "off" } })
  local no_editorializing = without(after_fix, "editorializing/")
  wait_diagnostics(bufnr, "with editorializing off", no_editorializing)
  ok("set_settings({severity = {editorializing = 'off'}}) left " .. keys(no_editorializing))
  copydesk.set_settings({ severity = { ["figures/unsourced-percentage"] = "error" } })
  wait_diagnostics(bufnr, "with editorializing back on", after_fix)
  wait_for("the percentage finding to become an error", function()
    for _, item in ipairs(diagnostics(bufnr)) do
      if diag_code(item.d) == "figures/unsourced-percentage" then
        return item.d.severity == vim.diagnostic.severity.ERROR
      end
    end
  end)
  ok("set_settings({severity = {['figures/unsourced-percentage'] = 'error'}}) made it an error")
  if #copydesk.clients() ~= 1 or copydesk.clients()[1].id ~= client.id then
    fail("changing settings restarted the server")
  end

  -- :CopydeskFixAll does what `copydesk check --fix` does.
  local fixed_lines, after_all = expected_after_fix_all(dir, vim.api.nvim_buf_get_lines(bufnr, 0, -1, false))
  if fixed_lines[5] ~= "It was cold." then
    fail("copydesk check --fix does not delete “very”: " .. vim.inspect(fixed_lines))
  end
  vim.cmd("CopydeskFixAll")
  wait_for("the safe fixes", function()
    return vim.deep_equal(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), fixed_lines)
  end)
  wait_diagnostics(bufnr, "after :CopydeskFixAll", after_all)
  ok(":CopydeskFixAll made the text copydesk check --fix makes, leaving " .. keys(after_all))

  -- A missing server is reported with the install command.
  local messages = {}
  local original_notify = vim.notify
  vim.notify = function(msg, level)
    table.insert(messages, { msg = msg, level = level })
  end
  copydesk.setup({ cmd = { dir .. "/no-such-dir/copydesk", "lsp" } })
  vim.cmd("edit " .. vim.fn.fnameescape(dir .. "/other.md"))
  vim.notify = original_notify
  local hit = nil
  for _, m in ipairs(messages) do
    if m.msg:find("not found", 1, true) and m.msg:find("cargo install copydesk", 1, true) and m.level == vim.log.levels.ERROR then
      hit = m.msg
    end
  end
  if not hit then
    fail("no actionable notification for a missing server: " .. vim.inspect(messages))
  end
  ok("missing server: " .. hit)

  -- :CopydeskRestart with the right command again brings the server back.
  copydesk.setup({ cmd = { BIN, "lsp" } })
  vim.cmd("buffer " .. bufnr)
  vim.cmd("CopydeskRestart")
  wait_for("a new client after :CopydeskRestart", function()
    local c = copydesk.clients(bufnr)
    return #c == 1 and c[1].id ~= client.id
  end)
  wait_diagnostics(bufnr, "after :CopydeskRestart", after_all)
  ok(":CopydeskRestart started a fresh server with the same diagnostics")
end

local function run_lsp_config()
  if vim.fn.has("nvim-0.11") ~= 1 then
    fail("the vim.lsp.config snippet needs Neovim 0.11")
  end
  if vim.fn.executable("copydesk") ~= 1 then
    fail("copydesk is not on PATH for the snippet")
  end
  local dir, path = write_draft()
  local expected = expected_findings(path)
  dofile(SNIPPET)
  ok("ran the README snippet " .. SNIPPET)
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  wait_for("a copydesk client from vim.lsp.enable", function()
    return #vim.lsp.get_clients({ name = "copydesk", bufnr = bufnr }) == 1
  end)
  local client = vim.lsp.get_clients({ name = "copydesk", bufnr = bufnr })[1]
  if client.config.root_dir ~= dir then
    fail("root_dir is " .. tostring(client.config.root_dir) .. ", expected " .. dir)
  end
  local diags = wait_diagnostics(bufnr, "the initial diagnostics", expected)
  ok("diagnostics: " .. keys(diags))
  local said
  for _, e in ipairs(expected) do
    if e.rule == "editorializing/said-synonym" then
      said = e
    end
  end
  vim.api.nvim_win_set_cursor(0, { said.line, said.column + 1 })
  -- Neovim 0.11's own way: apply the preferred fix without a menu.
  vim.lsp.buf.code_action({
    apply = true,
    filter = function(action)
      return action.isPreferred == true and action.kind == "quickfix"
    end,
  })
  wait_for("the preferred fix", function()
    return line(bufnr, said.line) == "The mayor said that the budget was balanced."
  end)
  wait_diagnostics(bufnr, "after the fix", without(expected, "editorializing/said-synonym"))
  ok("vim.lsp.buf.code_action({apply = true}) applied the preferred fix and cleared its diagnostic")
  -- Typing is linted again: a new intensifier appears where it is typed.
  vim.api.nvim_buf_set_lines(bufnr, 4, 5, false, { "It was extremely cold." })
  local typed = without(expected, "editorializing/said-synonym")
  local intensifier = nil
  wait_for("a diagnostic on the typed word", function()
    for _, item in ipairs(diagnostics(bufnr)) do
      if diag_code(item.d) == "editorializing/intensifier" and item.d.lnum == 4 and item.d.col == 7 and item.d.end_col == 16 then
        intensifier = item.key
        return true
      end
    end
  end)
  ok("an edit was linted again: " .. intensifier .. " covers “extremely”")
  if #typed ~= #diagnostics(bufnr) then
    fail("after the edit: " .. keys(diagnostics(bufnr)))
  end
end

local function finish(code)
  for _, c in ipairs(vim.lsp.get_clients and vim.lsp.get_clients() or vim.lsp.get_active_clients()) do
    with_method_style(c, "stop")
  end
  vim.wait(2000, function()
    return #(vim.lsp.get_clients and vim.lsp.get_clients() or vim.lsp.get_active_clients()) == 0
  end, 50)
  if code == 0 then
    vim.cmd("qall!")
  else
    vim.cmd("cquit " .. code)
  end
end

local good, err = xpcall(function()
  if not BIN or vim.fn.executable(BIN) ~= 1 then
    fail("COPYDESK_BIN is not an executable: " .. tostring(BIN))
  end
  vim.cmd("filetype on")
  if MODE == "plugin" then
    run_plugin()
  elseif MODE == "lsp-config" then
    run_lsp_config()
  else
    fail("unknown COPYDESK_E2E_MODE " .. MODE)
  end
end, debug.traceback)

if good then
  out(string.format("neovim-e2e: %d passed, 0 failed", passed))
  finish(0)
else
  out(string.format("not ok %d - [%s] %s", passed + 1, MODE, tostring(err)))
  out(string.format("neovim-e2e: %d passed, 1 failed", passed))
  finish(1)
end
