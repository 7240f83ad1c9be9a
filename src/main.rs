//! The `copydesk` binary: two thin front ends over the library, the
//! command line (`check`, `rules`, `explain`) and the language server (`lsp`).

mod cli;
mod lsp;

fn main() -> std::process::ExitCode {
    cli::main()
}
