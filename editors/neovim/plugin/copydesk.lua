-- :CopydeskFixAll applies every safe copydesk fix in the current buffer (the server's
-- `copydesk.fixAll` command). Starting the server is left to `vim.lsp.enable('copydesk')`
-- (Neovim 0.11+) or `require('copydesk').setup()`.
if vim.g.loaded_copydesk then
  return
end
vim.g.loaded_copydesk = true

vim.api.nvim_create_user_command('CopydeskFixAll', function()
  require('copydesk').fix_all(vim.api.nvim_get_current_buf())
end, { desc = 'copydesk: apply every safe fix in this buffer' })
