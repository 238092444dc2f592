-- Headless Neovim test of editors/neovim (Neovim 0.7.2 and 0.11.x), as a user would use it:
-- the plugin on 'runtimepath', either `require('copydesk').setup{...}` (NVIM_MODE=setup) or
-- `vim.lsp.config` + `vim.lsp.enable('copydesk')` (NVIM_MODE=enable, 0.11+). Opens the
-- fixture story, waits for copydesk's diagnostics, applies each expected quick fix through
-- `vim.lsp.buf.code_action()` and the code-action menu (vim.ui.select, answered like a user
-- picking the title), checks the fixed line and that the diagnostic cleared, then runs
-- :CopydeskFixAll (FIX_ALL=save: `:write` with fix_all_sync() on BufWritePre, as the
-- README has it) and checks the whole buffer (and the file).
--
--   COPYDESK_BIN=target/debug/copydesk NVIM_MODE=setup \
--     nvim --headless -i NONE -u tests/editors/nvim/test_copydesk.lua
--
-- Exit code 0 = pass, 1 = fail. Progress goes to stderr.
local function log(...)
  io.stderr:write(table.concat(vim.tbl_map(tostring, { ... }), ' ') .. '\n')
end

local function stop_clients()
  for _, c in ipairs((vim.lsp.get_clients or vim.lsp.get_active_clients)()) do
    if vim.fn.has('nvim-0.11') == 1 then c:stop() else c.stop() end
  end
  vim.wait(500)
end

local function finish(ok, msg)
  log((ok and 'PASS: ' or 'FAIL: ') .. msg)
  if not ok then
    local logfile = vim.lsp.get_log_path and vim.lsp.get_log_path()
    if logfile and vim.fn.filereadable(logfile) == 1 then
      log('--- ' .. logfile)
      log(table.concat(vim.fn.readfile(logfile, '', -30), '\n'))
    end
  end
  stop_clients()
  vim.cmd(ok and 'qall!' or 'cquit! 1')
end

local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local repo = vim.fn.fnamemodify(here, ':h:h:h')
local bin = os.getenv('COPYDESK_BIN') or (repo .. '/target/debug/copydesk')
local mode = os.getenv('NVIM_MODE') or 'setup'
local ext = os.getenv('STORY_EXT') or 'md'
local fix_all_by = os.getenv('FIX_ALL') or 'command'
local timeout = tonumber(os.getenv('TEST_TIMEOUT_MS') or '15000')
local expect = vim.fn.json_decode(table.concat(vim.fn.readfile(here .. '/../fixture/expect.json'), '\n'))
local severity_names = { 'error', 'warning', 'info', 'hint' }

-- A fresh project: the story and a .git folder (a root marker).
local project = vim.fn.tempname()
vim.fn.mkdir(project .. '/.git', 'p')
local story = project .. '/story.' .. ext
local original = vim.fn.readfile(here .. '/../fixture/story.md')
vim.fn.writefile(original, story)

-- The user's configuration.
vim.opt.runtimepath:prepend(repo .. '/editors/neovim')
vim.cmd('runtime! plugin/copydesk.lua')
local user_config = { cmd = { bin, 'lsp' }, settings = expect.settings }
if mode == 'enable' then
  vim.lsp.config('copydesk', user_config)
  vim.lsp.enable('copydesk')
else
  require('copydesk').setup(user_config)
end

-- The code-action menu: pick the entry titled `want`, as a user would.
local menu_titles
local function answer_menu(want)
  menu_titles = nil
  vim.ui.select = function(items, _, on_choice)
    menu_titles = {}
    for _, item in ipairs(items) do
      local action = item.action or item[2] -- 0.10+: {action, ctx}; 0.7: {client_id, action}
      table.insert(menu_titles, action.title)
      if action.title == want then
        return on_choice(item)
      end
    end
    on_choice(nil)
  end
end

local function lines(buf)
  return vim.api.nvim_buf_get_lines(buf, 0, -1, false)
end

local function index_of(list, value)
  for i, v in ipairs(list) do
    if v == value then
      return i
    end
  end
end

local function diagnostic(buf, rule, lnum)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == 'copydesk' and d.code == rule and d.lnum == lnum then
      return d
    end
  end
end

local function describe(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out, string.format('%d:%d %s %s', d.lnum + 1, d.col + 1, tostring(d.code), d.message))
  end
  return table.concat(out, '; ')
end

local function run()
  vim.cmd('filetype on')
  vim.cmd('edit ' .. vim.fn.fnameescape(story))
  local buf = vim.api.nvim_get_current_buf()
  local v = vim.version()
  log(string.format('nvim %d.%d.%d, mode %s, filetype %s', v.major, v.minor, v.patch, mode, vim.bo[buf].filetype))
  local expected = vim.deepcopy(original)

  for i, fix in ipairs(expect.quickfixes) do
    local n = index_of(lines(buf), fix.line)
    if not n then
      return finish(false, 'story has no line ' .. vim.inspect(fix.line))
    end
    local d
    if not vim.wait(timeout, function()
      d = diagnostic(buf, fix.rule, n - 1)
      return d ~= nil
    end, 50) then
      return finish(false, string.format('no %s diagnostic on line %d; have: %s', fix.rule, n, describe(buf)))
    end
    log(string.format('diagnostic %d:%d [%s] %s', d.lnum + 1, d.col + 1, d.code, d.message))
    if i == 1 and severity_names[d.severity] ~= expect.severity then
      return finish(false, 'severity from the settings not applied: ' .. tostring(severity_names[d.severity]))
    end

    -- Cursor on the diagnostic, then the code-action menu, as with `gra` / :lua vim.lsp.buf.code_action().
    vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
    answer_menu(fix.title)
    if vim.fn.has('nvim-0.8') == 1 then
      vim.lsp.buf.code_action({ context = { only = { 'quickfix' } } })
    else
      vim.lsp.buf.code_action({ only = { 'quickfix' } })
    end
    if fix.after == vim.NIL then
      for _ = 1, fix.removes or 1 do
        table.remove(expected, n)
      end
    else
      expected[n] = fix.after
    end
    if not vim.wait(timeout, function()
      return vim.deep_equal(lines(buf), expected)
    end, 50) then
      return finish(false, string.format('quick fix %q not applied; menu had %s; buffer:\n%s', fix.title,
        vim.inspect(menu_titles), table.concat(lines(buf), '\n')))
    end
    log(string.format('applied %q; line %d: %s', fix.title, n, tostring(lines(buf)[n])))
    if not vim.wait(timeout, function() return diagnostic(buf, fix.rule, n - 1) == nil end, 50) then
      return finish(false, fix.rule .. ' diagnostic not cleared after the fix: ' .. describe(buf))
    end
  end

  -- Where the fix-all changes land, found before it runs.
  local targets = {}
  for _, change in ipairs(expect.fixAll) do
    local n = index_of(lines(buf), change.line)
    if not n then
      return finish(false, 'story has no line ' .. vim.inspect(change.line))
    end
    if not vim.wait(timeout, function() return diagnostic(buf, change.rule, n - 1) ~= nil end, 50) then
      return finish(false, string.format('no %s diagnostic on line %d before the fix-all: %s', change.rule, n, describe(buf)))
    end
    table.insert(targets, { n = n, after = change.after })
  end
  local how = ':CopydeskFixAll'
  if fix_all_by == 'save' then
    how = ':write with fix_all_sync() on BufWritePre'
    vim.api.nvim_create_autocmd('BufWritePre', {
      pattern = { '*.md', '*.txt' },
      callback = function(args) require('copydesk').fix_all_sync(args.buf) end,
    })
    vim.cmd('write')
  else
    vim.cmd('CopydeskFixAll')
  end
  for _, target in ipairs(targets) do
    expected[target.n] = target.after
  end
  if not vim.wait(timeout, function() return vim.deep_equal(lines(buf), expected) end, 50) then
    return finish(false, how .. ' did not give the expected text:\n' .. table.concat(lines(buf), '\n'))
  end
  if fix_all_by == 'save' and not vim.deep_equal(vim.fn.readfile(story), expected) then
    return finish(false, 'the saved file is not the fixed text:\n' .. table.concat(vim.fn.readfile(story), '\n'))
  end
  for _, target in ipairs(targets) do
    log('after ' .. how .. ', line ' .. target.n .. ': ' .. lines(buf)[target.n])
  end
  if not vim.wait(timeout, function() return #vim.diagnostic.get(buf) == 0 end, 50) then
    return finish(false, 'diagnostics left after ' .. how .. ': ' .. describe(buf))
  end
  finish(true, 'diagnostics shown, quick fixes applied, diagnostics cleared, ' .. how .. ' applied')
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    -- Leave the autocmd first: autocmds don't nest, so an :edit in here would not fire FileType.
    vim.schedule(function()
      local ok, err = pcall(run)
      if not ok then
        finish(false, 'error: ' .. tostring(err))
      end
    end)
  end,
})
-- A hard stop so CI never hangs.
vim.defer_fn(function() finish(false, 'global timeout') end, timeout * 6)
