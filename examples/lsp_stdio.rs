//! Runs the language server over stdio, as `copydesk lsp` does (for trying it before the CLI
//! has the subcommand).

fn main() -> std::io::Result<()> {
    copydesk::lsp::run_stdio()
}
