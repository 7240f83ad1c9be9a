//! `copydesk check`: lint files in parallel, print findings (or fix them),
//! exit with a status CI can act on.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::{Args, ValueEnum};
use rayon::prelude::*;

use copydesk::config::Resolver;
use copydesk::lint::RuleFailure;
use copydesk::{Linter, Severity, Syntax};

use super::exit;
use super::files::{self, Input};
use super::fix;
use super::output::{self, CheckReport, FileError, FileReport, Format, Style};
use super::progress::{self, Progress};
use super::selection::Selection;

/// Arguments of `copydesk check`.
#[derive(Args, Debug)]
pub(super) struct CheckArgs {
    /// Files and directories to lint; `-` reads standard input. Default: the current directory.
    paths: Vec<PathBuf>,
    /// Output format (default: pretty on a terminal, compact otherwise).
    #[arg(long, value_enum, conflicts_with = "diff")]
    format: Option<Format>,
    /// Exit with status 1 when a finding at or above this severity is found.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    /// Run only these rules or families (comma-separated or repeated).
    #[arg(long, value_name = "RULE|FAMILY", value_delimiter = ',')]
    select: Vec<String>,
    /// Do not run these rules or families (comma-separated or repeated; wins over --select).
    #[arg(long, value_name = "RULE|FAMILY", value_delimiter = ',')]
    ignore: Vec<String>,
    /// Apply every safe fix in place, then report what is left. Fixes that need
    /// the writer's judgement are never applied.
    #[arg(long)]
    fix: bool,
    /// Print the safe fixes as a unified diff instead of findings, and write nothing.
    #[arg(long)]
    diff: bool,
    /// Print findings only: no summary line, no progress bar.
    #[arg(long, short)]
    quiet: bool,
    /// The file name to report (and to pick the syntax by) for standard input.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Read every input as this syntax instead of choosing by extension.
    #[arg(long, value_enum)]
    syntax: Option<SyntaxArg>,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Use this copydesk.toml for every file instead of discovering one next to each.
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
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

/// What `check` does with the fixes it finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Report findings.
    Report,
    /// Apply safe fixes in place, then report what is left.
    Fix,
    /// Print safe fixes as a diff; write nothing.
    Diff,
}

/// How each input is linted: the one place that decides which rules run
/// on a file and which syntax it is read as.
struct Settings {
    selection: Selection,
    syntax: Option<SyntaxArg>,
    stdin_filename: Option<PathBuf>,
    mode: Mode,
    /// copydesk.toml files, found next to each input or given by `--config`.
    configs: Resolver,
}

impl Settings {
    /// The linter for the file at `path`: its copydesk.toml with the
    /// command line's `--select`/`--ignore` on top, which wins. A broken
    /// copydesk.toml is an error for each file it governs.
    fn linter_for(&self, path: &Path) -> Result<Arc<Linter>, String> {
        let config = self.configs.config_for(path).map_err(|e| e.to_string())?;
        let house: Vec<(&str, Severity)> = (config.styles())
            .map(|s| s.book.defaults().collect())
            .unwrap_or_default();
        Ok(config.linter(path, |levels| self.selection.apply(levels, house)))
    }

    fn syntax_for(&self, input: &Input, path: &Path) -> Syntax {
        match self.syntax {
            Some(SyntaxArg::Markdown) => Syntax::Markdown,
            Some(SyntaxArg::Text) => Syntax::PlainText,
            None if matches!(input, Input::Stdin) && self.stdin_filename.is_none() => {
                Syntax::Markdown
            }
            None => Syntax::from_path(path),
        }
    }
}

/// What came of one input.
struct Outcome {
    report: FileReport,
    failures: Vec<RuleFailure>,
    /// Findings fixed (with `--fix`) or fixable (with `--diff`).
    fixed: usize,
    /// With `--diff`: the fixes as a unified diff, empty when there are none.
    diff: String,
}

/// Runs the check.
pub(super) fn run(args: CheckArgs) -> ExitCode {
    let started = Instant::now();
    let selection = match Selection::parse(&args.select, &args.ignore) {
        Ok(selection) => selection,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(exit::ERROR);
        }
    };
    let mode = match (args.fix, args.diff) {
        (_, true) => Mode::Diff,
        (true, false) => Mode::Fix,
        (false, false) => Mode::Report,
    };
    let settings = Settings {
        selection,
        syntax: args.syntax,
        stdin_filename: args.stdin_filename.clone(),
        mode,
        configs: match &args.config {
            Some(path) => match Resolver::with_config(path) {
                Ok(configs) => configs,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(exit::ERROR);
                }
            },
            None => Resolver::new(),
        },
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let (inputs, walk_errors) = files::collect(&paths);

    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let format = args.format.unwrap_or(if terminal {
        Format::Pretty
    } else {
        Format::Compact
    });
    let progress = Progress::new(
        inputs.len(),
        progress::wanted(inputs.len(), format, args.quiet),
    );
    let outcomes: Vec<Result<Outcome, FileError>> = inputs
        .par_iter()
        .map(|input| {
            let outcome = check_input(&settings, input);
            progress.tick();
            outcome
        })
        .collect();
    progress.finish();

    let mut report = CheckReport {
        errors: walk_errors
            .into_iter()
            .map(|(path, message)| FileError { path, message })
            .collect(),
        ..CheckReport::default()
    };
    let mut diffs = String::new();
    let (mut fixed, mut fixed_files) = (0, 0);
    for outcome in outcomes {
        match outcome {
            Ok(outcome) => {
                // Reported after the bar is gone, so the two never share a line.
                for failure in &outcome.failures {
                    eprintln!(
                        "warning: rule {} failed on {}: {}",
                        failure.rule, outcome.report.path, failure.message
                    );
                }
                if outcome.fixed > 0 {
                    fixed += outcome.fixed;
                    fixed_files += 1;
                }
                diffs.push_str(&outcome.diff);
                report.files.push(outcome.report);
            }
            Err(error) => report.errors.push(error),
        }
    }
    if mode == Mode::Fix {
        report.fixed = Some((fixed, fixed_files));
    }
    report.elapsed = started.elapsed();

    if mode == Mode::Diff {
        return print_diff(&report, &diffs, fixed, fixed_files, args.quiet);
    }

    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    let style = Style {
        color,
        quiet: args.quiet,
    };
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = output::write(format, &report, &style, &mut out).and_then(|()| out.flush());
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write output: {e}");
            return ExitCode::from(exit::ERROR);
        }
    }
    // The pretty format ends with the summary; the others keep standard
    // output for the report and put it on standard error.
    if format != Format::Pretty && !args.quiet {
        eprintln!("{}", report.summary());
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
    let failing = threshold.is_some_and(|t| {
        report
            .files
            .iter()
            .flat_map(|f| &f.findings)
            .any(|f| f.severity >= t)
    });
    ExitCode::from(if failing { exit::FINDINGS } else { exit::CLEAN })
}

/// `--diff`: the diffs on standard output, errors and the summary on
/// standard error; exit 1 when there is something to fix, as a check that
/// the safe fixes were applied.
fn print_diff(
    report: &CheckReport,
    diffs: &str,
    fixable: usize,
    files: usize,
    quiet: bool,
) -> ExitCode {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(diffs.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write output: {e}");
            return ExitCode::from(exit::ERROR);
        }
    }
    for error in &report.errors {
        eprintln!("error: {}: {}", error.path, error.message);
    }
    if !quiet {
        eprintln!(
            "{} with a safe fix in {} ({} checked; nothing written)",
            output::plural(fixable, "finding"),
            output::plural(files, "file"),
            output::plural(report.files.len(), "file"),
        );
    }
    if !report.errors.is_empty() {
        ExitCode::from(exit::ERROR)
    } else if diffs.is_empty() {
        ExitCode::from(exit::CLEAN)
    } else {
        ExitCode::from(exit::FINDINGS)
    }
}

fn check_input(settings: &Settings, input: &Input) -> Result<Outcome, FileError> {
    let path = match input {
        Input::Stdin => settings
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("<stdin>")),
        Input::File(path) => path.clone(),
    };
    let display = path.display().to_string();
    let error = |message: String| FileError {
        path: display.clone(),
        message,
    };
    let source = files::read(input).map_err(error)?;
    let syntax = settings.syntax_for(input, &path);
    // A broken copydesk.toml is an error for each file it governs (exit 2).
    let linter = settings.linter_for(&path).map_err(error)?;
    let lint = linter.lint(&source, syntax);
    if settings.mode == Mode::Report {
        return Ok(Outcome {
            report: FileReport {
                path: display,
                source,
                findings: lint.findings,
            },
            failures: lint.failures,
            fixed: 0,
            diff: String::new(),
        });
    }
    let fixed = fix::fix_all(&linter, &source, syntax, lint.findings, lint.failures);
    let mut diff = String::new();
    if fixed.text != source {
        match (settings.mode, input) {
            (Mode::Diff, _) => diff = fix::unified_diff(&display, &source, &fixed.text),
            (_, Input::Stdin) => {
                return Err(error(
                    "standard input cannot be fixed in place; `--diff` shows the fixes".into(),
                ))
            }
            (_, Input::File(file)) => {
                fix::write_atomically(file, &source, &fixed.text).map_err(error)?
            }
        }
    }
    Ok(Outcome {
        report: FileReport {
            path: display,
            source: fixed.text,
            findings: fixed.findings,
        },
        failures: fixed.failures,
        fixed: fixed.fixed,
        diff,
    })
}
