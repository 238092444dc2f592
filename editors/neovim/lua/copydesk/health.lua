-- :checkhealth copydesk: is the server there, and does it run?
local M = {}

function M.check()
  local health = vim.health or require('health')
  local start = health.start or health.report_start
  local ok = health.ok or health.report_ok
  local error = health.error or health.report_error
  local info = health.info or health.report_info

  start('copydesk')
  -- The configured command: vim.lsp.config (0.11+), else what setup() was given.
  local configured = (vim.lsp.config and vim.lsp.config.copydesk) or require('copydesk').config or {}
  local cmd = configured.cmd or { 'copydesk', 'lsp' }
  if type(cmd) ~= 'table' then
    info('cmd is a function; not checked')
    return
  end
  if vim.fn.executable(cmd[1]) ~= 1 then
    error(cmd[1] .. ' is not executable', {
      'Install it: `cargo install --path .` in a checkout of the copydesk repository',
      "or set `cmd = { '/path/to/copydesk', 'lsp' }` in setup() or vim.lsp.config('copydesk', ...)",
    })
    return
  end
  local version = vim.fn.system({ cmd[1], '--version' })
  if vim.v.shell_error ~= 0 then
    error(cmd[1] .. ' --version failed: ' .. version)
    return
  end
  ok(vim.trim(version) .. ' (' .. vim.fn.exepath(cmd[1]) .. ')')
end

return M
