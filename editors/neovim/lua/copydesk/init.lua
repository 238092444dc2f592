-- copydesk for Neovim 0.7 and later: `require('copydesk').setup(opts)`.
--
-- On Neovim 0.11+ setup() is `vim.lsp.config('copydesk', opts)` + `vim.lsp.enable('copydesk')`
-- over lsp/copydesk.lua. On 0.7-0.10 it starts the same configuration itself: one client
-- per project root, attached to every buffer of the configured filetypes.
local M = {}

--- The configuration setup() started the server with (Neovim 0.7-0.10), for :checkhealth.
M.config = nil

local has_011 = vim.fn.has('nvim-0.11') == 1

--- lsp/copydesk.lua from 'runtimepath': the one definition of the server configuration.
local function base_config()
  local file = vim.api.nvim_get_runtime_file('lsp/copydesk.lua', false)[1]
  assert(file, 'copydesk: lsp/copydesk.lua is not on runtimepath')
  return dofile(file)
end

--- The copydesk clients attached to a buffer.
local function clients(bufnr)
  if vim.lsp.get_clients then -- 0.10+
    return vim.lsp.get_clients({ name = 'copydesk', bufnr = bufnr })
  end
  local found = {}
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if client.name == 'copydesk' then
      table.insert(found, client)
    end
  end
  return found
end

--- The folder holding the first root marker above the buffer's file (else the file's folder).
local function root_dir(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir = name ~= '' and vim.fn.fnamemodify(name, ':p:h') or vim.fn.getcwd()
  for _, marker in ipairs(markers or {}) do
    local found = vim.fn.findfile(marker, dir .. ';')
    if found == '' then
      found = vim.fn.finddir(marker, dir .. ';')
    end
    if found ~= '' then
      local path = vim.fn.fnamemodify(found, ':p'):gsub('/$', '')
      return vim.fn.fnamemodify(path, ':h')
    end
  end
  return dir
end

local started = {} -- root_dir -> client id (Neovim 0.7 only; 0.8+ reuses clients itself)

--- Starts (or reuses) the client for a buffer: Neovim 0.7-0.10.
local function attach(bufnr, config)
  config = vim.tbl_extend('force', config, { root_dir = root_dir(bufnr, config.root_markers) })
  if vim.lsp.start then -- 0.8-0.10
    vim.lsp.start(config, { bufnr = bufnr })
    return
  end
  local id = started[config.root_dir]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = vim.lsp.start_client(config)
    started[config.root_dir] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

--- Starts copydesk for markdown and text buffers. `opts` overrides lsp/copydesk.lua, e.g.
--- `{ cmd = { '/path/to/copydesk', 'lsp' }, settings = { copydesk = { rules = {...} } } }`.
function M.setup(opts)
  opts = opts or {}
  if has_011 then
    vim.lsp.config('copydesk', opts)
    vim.lsp.enable('copydesk')
    return
  end
  local config = vim.tbl_deep_extend('force', base_config(), opts)
  config.name = 'copydesk'
  M.config = config
  -- Neovim before 0.11 does not send `settings` by itself.
  local on_init = config.on_init
  config.on_init = function(client, result)
    client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    if on_init then
      on_init(client, result)
    end
  end
  local group = vim.api.nvim_create_augroup('copydesk', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = config.filetypes,
    callback = function(args)
      attach(args.buf, config)
    end,
  })
  -- Buffers opened before setup() ran.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(config.filetypes, vim.bo[bufnr].filetype) then
      attach(bufnr, config)
    end
  end
end

--- The buffer's copydesk client, or nil (with a warning).
local function client_for(bufnr)
  local client = clients(bufnr)[1]
  if not client then
    vim.notify('copydesk is not running for this buffer', vim.log.levels.WARN)
  end
  return client
end

local function current(bufnr)
  return (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
end

--- Applies every safe fix in the buffer (the server's `copydesk.fixAll`; it answers with
--- workspace/applyEdit, which Neovim applies). Asynchronous: for :CopydeskFixAll.
function M.fix_all(bufnr)
  bufnr = current(bufnr)
  local client = client_for(bufnr)
  if not client then
    return
  end
  local params = { command = 'copydesk.fixAll', arguments = { vim.uri_from_bufnr(bufnr) } }
  if has_011 then
    client:request('workspace/executeCommand', params, nil, bufnr)
  else
    client.request('workspace/executeCommand', params, nil, bufnr)
  end
end

local function request_sync(client, method, params, timeout_ms, bufnr)
  local response
  if has_011 then
    response = client:request_sync(method, params, timeout_ms, bufnr)
  else
    response = client.request_sync(method, params, timeout_ms, bufnr)
  end
  return response and response.result
end

--- Applies every safe fix in the buffer and returns when they are in: the code action of
--- kind `source.fixAll.copydesk`, requested synchronously. For BufWritePre.
function M.fix_all_sync(bufnr, timeout_ms)
  bufnr = current(bufnr)
  timeout_ms = timeout_ms or 2000
  local client = client_for(bufnr)
  if not client then
    return
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = vim.api.nvim_buf_line_count(bufnr), character = 0 } },
    context = { diagnostics = {}, only = { 'source.fixAll.copydesk' } },
  }
  for _, action in ipairs(request_sync(client, 'textDocument/codeAction', params, timeout_ms, bufnr) or {}) do
    if action.kind == 'source.fixAll.copydesk' then
      -- The server leaves the edit out when the client can resolve it later.
      if not action.edit then
        action = request_sync(client, 'codeAction/resolve', action, timeout_ms, bufnr) or action
      end
      if action.edit then
        vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
      end
      -- Or a command (for clients that cannot resolve): its workspace/applyEdit arrives, and
      -- is applied, while this waits for the answer.
      local command = type(action.command) == 'table' and action.command or nil
      if command then
        local params = { command = command.command, arguments = command.arguments }
        request_sync(client, 'workspace/executeCommand', params, timeout_ms, bufnr)
      end
      return
    end
  end
end

return M
