//! `copydesk check`: lint files in parallel, print findings, exit with a
//! status CI can act on.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, ValueEnum};
use rayon::prelude::*;

use copydesk::{LintOptions, Linter, Severity, Syntax};

use super::exit;
use super::files::{self, Input};
use super::output::{self, CheckReport, FileError, FileReport, Format};

/// Arguments of `copydesk check`.
#[derive(Args, Debug)]
pub(super) struct CheckArgs {
    /// Files and directories to lint; `-` reads standard input. Default: the current directory.
    paths: Vec<PathBuf>,
    /// Output format (default: pretty on a terminal, compact otherwise).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Exit with status 1 when a finding at or above this severity is found.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    /// The file name to report (and to pick the syntax by) for standard input.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Read every input as this syntax instead of choosing by extension.
    #[arg(long, value_enum)]
    syntax: Option<SyntaxArg>,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FailOn {
    Hint,
    Info,
    Warning,
    Error,
    /// Never fail because of findings (errors still exit 2).
    Never,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum SyntaxArg {
    Markdown,
    Text,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Runs the check.
pub(super) fn run(args: CheckArgs) -> ExitCode {
    let started = Instant::now();
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let (inputs, walk_errors) = files::collect(&paths);
    let linter = Linter::new(LintOptions::default());

    let results: Vec<Result<FileReport, FileError>> = inputs.par_iter().map(|input| lint_input(&linter, input, &args)).collect();
    let mut report = CheckReport {
        errors: walk_errors.into_iter().map(|(path, message)| FileError { path, message }).collect(),
        ..CheckReport::default()
    };
    for result in results {
        match result {
            Ok(file) => report.files.push(file),
            Err(error) => report.errors.push(error),
        }
    }
    report.elapsed = started.elapsed();

    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let format = args.format.unwrap_or(if terminal { Format::Pretty } else { Format::Compact });
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = output::write(format, &report, color, &mut out).and_then(|()| out.flush());
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write output: {e}");
            return ExitCode::from(exit::ERROR);
        }
    }
    if !report.errors.is_empty() {
        return ExitCode::from(exit::ERROR);
    }
    let threshold = match args.fail_on {
        FailOn::Hint => Some(Severity::Hint),
        FailOn::Info => Some(Severity::Info),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Error => Some(Severity::Error),
        FailOn::Never => None,
    };
    let failing = threshold.is_some_and(|t| report.files.iter().flat_map(|f| &f.findings).any(|f| f.severity >= t));
    ExitCode::from(if failing { exit::FINDINGS } else { exit::CLEAN })
}

fn lint_input(linter: &Linter, input: &Input, args: &CheckArgs) -> Result<FileReport, FileError> {
    let path = match input {
        Input::Stdin => args.stdin_filename.clone().unwrap_or_else(|| PathBuf::from("<stdin>")),
        Input::File(path) => path.clone(),
    };
    let display = path.display().to_string();
    let source = files::read(input).map_err(|message| FileError { path: display.clone(), message })?;
    let syntax = match args.syntax {
        Some(SyntaxArg::Markdown) => Syntax::Markdown,
        Some(SyntaxArg::Text) => Syntax::PlainText,
        None if matches!(input, Input::Stdin) && args.stdin_filename.is_none() => Syntax::Markdown,
        None => Syntax::from_path(&path),
    };
    let lint = linter.lint(&source, syntax);
    for failure in &lint.failures {
        eprintln!("warning: rule {} failed on {display}: {}", failure.rule, failure.message);
    }
    Ok(FileReport { path: display, source, findings: lint.findings })
}
