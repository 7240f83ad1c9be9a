//! rustc-style output: the rule and message, the location, the source line
//! with the span underlined, and the fix on offer.

use std::io::{self, Write};

use copydesk::{LineIndex, Severity};

use super::{one_line, CheckReport, Style};

struct Paint {
    on: bool,
}

impl Paint {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn severity(&self, severity: Severity) -> String {
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
            Severity::Hint => "1;32",
        };
        self.paint(code, severity.as_str())
    }
}

pub(super) fn write(report: &CheckReport, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let p = Paint { on: style.color };
    for file in &report.files {
        let index = LineIndex::new(&file.source);
        for l in file.located() {
            let f = l.finding;
            writeln!(
                out,
                "{}{} {}",
                p.severity(f.severity),
                p.paint("1", &format!("[{}]:", f.rule)),
                p.paint("1", &one_line(&f.message))
            )?;
            let gutter = l.line.to_string().len();
            writeln!(
                out,
                "{:gutter$}{} {}:{}:{}",
                "",
                p.paint("1;34", "-->"),
                file.path,
                l.line,
                l.column
            )?;
            let line_text = index.line_text(&file.source, l.line - 1);
            let bar = p.paint("1;34", "|");
            writeln!(out, "{:gutter$} {bar}", "")?;
            writeln!(
                out,
                "{} {bar} {}",
                p.paint("1;34", &l.line.to_string()),
                line_text.replace('\t', " ")
            )?;
            let width = if l.end_line == l.line {
                l.end_column.saturating_sub(l.column)
            } else {
                line_text.chars().count() + 1 - l.column
            };
            let marks = "^".repeat(width.max(1));
            writeln!(
                out,
                "{:gutter$} {bar} {:pad$}{}",
                "",
                "",
                p.paint("1;33", &marks),
                pad = l.column - 1
            )?;
            for fix in &f.fixes {
                let safety = if fix.safe {
                    "safe fix"
                } else {
                    "needs your judgement"
                };
                writeln!(
                    out,
                    "{:gutter$} {} {}: {} ({safety})",
                    "",
                    p.paint("1;34", "="),
                    p.paint("1", "help"),
                    fix.title
                )?;
            }
            writeln!(out)?;
        }
    }
    for error in &report.errors {
        writeln!(
            out,
            "{}: {}: {}",
            p.severity(Severity::Error),
            error.path,
            error.message
        )?;
    }
    if !style.quiet {
        writeln!(out, "{}", p.paint("1", &report.summary()))?;
    }
    Ok(())
}
