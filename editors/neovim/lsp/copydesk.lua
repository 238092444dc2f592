-- copydesk: a copy desk's first pass on news copy (name variants, capitalization, web
-- boilerplate, spacing slips), as a language server: `copydesk lsp` over stdio.
--
-- Neovim 0.11+: with this plugin on 'runtimepath' (or this file copied to lsp/ in your
-- config), `vim.lsp.enable('copydesk')`. Override any field with
-- `vim.lsp.config('copydesk', { ... })`, e.g. the rules:
--
--   vim.lsp.config('copydesk', {
--     settings = { copydesk = { rules = { boilerplate = { enabled = false } } } },
--   })
--
-- The settings reach the server twice, as it expects: as initializationOptions
-- (before_init below) and in workspace/didChangeConfiguration (Neovim sends `settings`).
-- Neovim 0.7-0.10: require('copydesk').setup() starts the server from this same table.

---@type vim.lsp.Config
return {
  cmd = { 'copydesk', 'lsp' },
  filetypes = { 'markdown', 'text' },
  root_markers = { 'copydesk.toml', '.git' },
  -- Neovim's filetype `text` is the LSP language id `plaintext`.
  get_language_id = function(_, filetype)
    return filetype == 'text' and 'plaintext' or filetype
  end,
  -- `{ copydesk = { configPath = <string|nil>, rules = { [rule id] = { enabled, severity } } } }`
  settings = {
    copydesk = { configPath = vim.NIL },
  },
  before_init = function(params, config)
    params.initializationOptions = config.settings
  end,
}
