//! The command line: argument parsing and dispatch. Each command lives in
//! its own file; output formats live under `output/`.

mod catalogue;
mod check;
mod files;
mod fix;
mod import_vale;
mod init;
mod output;
mod progress;
mod selection;
mod test_rules;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Reads news copy the way a copy editor does.
#[derive(Parser, Debug)]
#[command(name = "copydesk", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Lint files and directories (Markdown and plain text).
    Check(check::CheckArgs),
    /// List every rule with its family, default severity and summary.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Print a rule's explanation, the convention behind it and examples.
    Explain {
        /// A rule id such as `editorializing/said-synonym`.
        rule: String,
    },
    /// Write a commented starter copydesk.toml in the current folder (or FOLDER).
    Init {
        /// Where to write it.
        #[arg(value_name = "FOLDER")]
        folder: Option<std::path::PathBuf>,
        /// Overwrite existing files.
        #[arg(long)]
        force: bool,
        /// Also write styles/house.toml, an example of each kind of house rule.
        #[arg(long)]
        styles: bool,
    },
    /// Run the `bad` and `good` examples of the desk's house rules: each bad
    /// example must be flagged by its rule, each good one must not.
    TestRules {
        /// A style file or folder (default: the `styles` folder of copydesk.toml).
        #[arg(value_name = "PATH")]
        path: Option<std::path::PathBuf>,
    },
    /// Translate another tool's rules into house-style TOML.
    #[command(subcommand)]
    Import(import_vale::Source),
    /// Run the language server over standard input and output.
    Lsp {
        /// Accepted and ignored: clients such as VS Code pass it.
        #[arg(long)]
        stdio: bool,
    },
}

/// Formats of `copydesk rules`.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum ListFormat {
    Text,
    Json,
    Markdown,
}

/// Exit status: 0 clean, 1 findings at or above `--fail-on`, 2 usage or file errors.
pub(crate) mod exit {
    pub const CLEAN: u8 = 0;
    pub const FINDINGS: u8 = 1;
    pub const ERROR: u8 = 2;
}

/// Parses the arguments and runs the command.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::ERROR
            } else {
                exit::CLEAN
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules { format } => catalogue::list(format),
        Command::Explain { rule } => catalogue::explain(&rule),
        Command::Init {
            folder,
            force,
            styles,
        } => init::run(folder, force, styles),
        Command::TestRules { path } => test_rules::run(path),
        Command::Import(source) => import_vale::run(source),
        Command::Lsp { stdio: _ } => {
            // A long-lived server: its peak memory matters more than the
            // allocation speed the one-shot commands get from mimalloc.
            copydesk::allocator::use_system_allocator();
            crate::lsp::run()
        }
    }
}
