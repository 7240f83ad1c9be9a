//! The `copydesk` binary: two thin front ends over the library, the
//! command line (`check`, `rules`, `explain`) and the language server (`lsp`).

mod cli;
mod lsp;

/// mimalloc rather than the system allocator: see `copydesk::allocator`.
#[global_allocator]
static ALLOCATOR: copydesk::allocator::MiMalloc = copydesk::allocator::MiMalloc;

fn main() -> std::process::ExitCode {
    copydesk::allocator::configure();
    cli::main()
}
