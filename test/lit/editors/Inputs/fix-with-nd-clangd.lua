-- Neovim as the editor of an nd project: run as
--
--   ND_CLANGD=<nd-clangd> ND_CHECK=<check> nvim --headless --clean -u fix-with-nd-clangd.lua <file.cpp>
--
-- Starts nd-clangd as the buffer's language server with Neovim's own LSP client, waits
-- until a diagnostic of ND_CHECK shows up in vim.diagnostic, asks the server for the
-- code actions at that diagnostic, applies the quick fix's WorkspaceEdit as Neovim
-- does, writes the file and quits. It prints "diagnostic: <code>: <message>" and
-- "applied: <title>" on stdout, and exits with a non-zero status, after a line
-- "FAIL: <why>" on stderr, if any step does not happen. ND_TIMEOUT_MS (default 180000)
-- bounds each wait. With ND_ABSENT set to a prefix of check names (e.g. "nd-"), no
-- diagnostic of those checks may be shown next to ND_CHECK's.
-- Written for Neovim 0.7 (Debian 12; vim.lsp.start_client, which the tests run) and
-- later versions (vim.lsp.start).

local function out(line)
  io.stdout:write(line .. "\n")
  io.stdout:flush()
end

local function fail(why)
  io.stderr:write("FAIL: " .. why .. "\n")
  io.stderr:write("(Neovim's LSP log, with the server's stderr: " .. vim.lsp.get_log_path() .. ")\n")
  io.stderr:flush()
  vim.cmd("cquit 1")
end

local function required_env(name)
  local value = os.getenv(name)
  if value == nil or value == "" then
    error(name .. " is not set (see the comment at the top of this script)", 0)
  end
  return value
end

local function check_of(diagnostic, check)
  -- The code is the check's name; vim.diagnostic keeps it as `code` (0.7 and later).
  return diagnostic.code == check
end

-- The diagnostics as the server published them (LSP ranges), by URI, so that the code
-- action request repeats them exactly; the editor still gets them through the default
-- handler, and the test waits on what the editor shows (vim.diagnostic).
local published = {}
local default_publish = vim.lsp.handlers["textDocument/publishDiagnostics"]
local function on_publish_diagnostics(err, result, ctx, config)
  if result then
    published[result.uri] = result.diagnostics
  end
  return default_publish(err, result, ctx, config)
end

local function start_server(bufnr, clangd)
  local file = vim.api.nvim_buf_get_name(bufnr)
  local config = {
    name = "nd-clangd",
    cmd = { clangd, "--background-index=false", "--pch-storage=memory" },
    root_dir = vim.fn.fnamemodify(file, ":p:h"),
    handlers = { ["textDocument/publishDiagnostics"] = on_publish_diagnostics },
    on_exit = function(code, signal)
      if code ~= 0 or signal ~= 0 then
        io.stderr:write(("nd-clangd exited with status %d, signal %d\n"):format(code, signal))
      end
    end,
  }
  if vim.lsp.start then -- Neovim 0.8 and later: starts the client and attaches the buffer
    return vim.lsp.start(config)
  end
  local client_id = vim.lsp.start_client(config)
  if client_id and not vim.lsp.buf_attach_client(bufnr, client_id) then
    error("could not attach the buffer to nd-clangd", 0)
  end
  return client_id
end

local function same_diagnostic(a, b)
  return a.code == b.code and a.message == b.message
      and vim.deep_equal(a.range, b.range)
end

local function main()
  local clangd = required_env("ND_CLANGD")
  local check = required_env("ND_CHECK")
  local timeout = tonumber(os.getenv("ND_TIMEOUT_MS") or "180000")
  if not timeout or timeout <= 0 then
    error("ND_TIMEOUT_MS must be a positive number of milliseconds, not '"
      .. os.getenv("ND_TIMEOUT_MS") .. "'", 0)
  end
  local bufnr = vim.api.nvim_get_current_buf()
  local file = vim.api.nvim_buf_get_name(bufnr)
  if file == "" or vim.fn.filereadable(file) == 0 then
    error("give the C++ file to open as the argument of nvim (got '" .. file .. "')", 0)
  end
  if vim.bo[bufnr].filetype ~= "cpp" then
    error("the file was not detected as C++ (filetype '" .. vim.bo[bufnr].filetype .. "')", 0)
  end
  local uri = vim.uri_from_bufnr(bufnr)

  local client_id = start_server(bufnr, clangd)
  if not client_id then
    error("could not start " .. clangd, 0)
  end

  -- 1. The diagnostic, as the editor shows it.
  local shown
  local found = vim.wait(timeout, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if check_of(d, check) then
        shown = d
        return true
      end
    end
    return false
  end, 100)
  if not found then
    local client = vim.lsp.get_client_by_id(client_id)
    error(("no %s diagnostic within %d ms (server %s; diagnostics shown: %s)"):format(
      check, timeout, client and "running" or "not running",
      vim.inspect(vim.diagnostic.get(bufnr))), 0)
  end
  out(("diagnostic: %s: %s (line %d)"):format(shown.code, shown.message, shown.lnum + 1))
  local absent = os.getenv("ND_ABSENT")
  if absent and absent ~= "" then
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if type(d.code) == "string" and vim.startswith(d.code, absent) then
        error(("a %s diagnostic is shown, but no %s* diagnostic was expected: %s"):format(
          d.code, absent, d.message), 0)
      end
    end
    out("no " .. absent .. "* diagnostic")
  end

  local diagnostic
  for _, d in ipairs(published[uri] or {}) do
    if d.code == check and d.message == shown.message and d.range.start.line == shown.lnum then
      diagnostic = d
    end
  end
  if not diagnostic then
    error("the diagnostic shown is not among those the server published", 0)
  end

  -- 2. The code actions for its range, as a quick-fix request does.
  local params = {
    textDocument = { uri = uri },
    range = diagnostic.range,
    context = { diagnostics = { diagnostic }, only = { "quickfix" } },
  }
  local responses, err = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, timeout)
  if not responses then
    error("textDocument/codeAction got no reply: " .. tostring(err), 0)
  end
  local response = responses[client_id]
  if not response then
    error("nd-clangd did not answer textDocument/codeAction", 0)
  end
  local problem = response.err or response.error -- `error` in Neovim 0.7 to 0.9
  if problem then
    error("textDocument/codeAction failed: " .. vim.inspect(problem), 0)
  end
  local fix
  for _, action in ipairs(response.result or {}) do
    local for_this = false
    for _, d in ipairs(action.diagnostics or {}) do
      for_this = for_this or same_diagnostic(d, diagnostic)
    end
    if action.kind == "quickfix" and action.edit and for_this then
      fix = fix or action
    end
  end
  if not fix then
    error("no quick fix with an edit for the diagnostic; code actions: "
      .. vim.inspect(response.result), 0)
  end

  -- 3. The edit, applied to the buffer as Neovim applies code actions, then saved.
  local client = vim.lsp.get_client_by_id(client_id)
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
  out("applied: " .. fix.title)
  vim.api.nvim_buf_call(bufnr, function()
    vim.cmd("silent write")
  end)
  if vim.bo[bufnr].modified then
    error("the buffer could not be written", 0)
  end
end

vim.api.nvim_create_autocmd("VimEnter", {
  once = true,
  callback = function()
    local ok, why = pcall(main)
    if not ok then
      fail(tostring(why))
      return
    end
    vim.cmd("qall!")
  end,
})
