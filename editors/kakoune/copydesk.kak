# copydesk for Kakoune through kakoune-lsp (kak-lsp): a copy desk's first pass on news copy.
#
# In your kakrc, after `eval %sh{kak-lsp}`:
#
#     source /path/to/copydesk/editors/kakoune/copydesk.kak
#     set-option global copydesk_settings %{
#         rules.boilerplate.enabled = false
#         rules.capitalization.severity = "info"
#     }
#     lsp-enable
#
# Markdown buffers then get copydesk instead of kak-lsp's default Markdown server (to keep
# both, copy the hook below and add copydesk's table to your own lsp_servers).

declare-option -docstring %{copydesk settings, as TOML keys under the server's `copydesk` section:
    configPath = "/path/to/copydesk.toml"
    rules.<rule-id>.enabled = true|false
    rules.<rule-id>.severity = "error"|"warning"|"info"|"hint"
} str copydesk_settings ''

# The settings travel as {"copydesk": {...}} in initializationOptions and in
# workspace/didChangeConfiguration: the "_" section is sent whole.
hook -group lsp-filetype-copydesk global BufSetOption filetype=markdown %{
    set-option buffer lsp_servers "
        [copydesk]
        command = ""copydesk""
        args = [""lsp""]
        root_globs = [""copydesk.toml"", "".git""]
        settings_section = ""_""
        [copydesk.settings._.copydesk]
        %opt{copydesk_settings}
    "
}

define-command copydesk-fix-all -docstring "copydesk-fix-all: apply every safe copydesk fix in the buffer" %{
    evaluate-commands -draft %{
        execute-keys '%'
        lsp-code-actions-sync source.fixAll.copydesk
    }
}
