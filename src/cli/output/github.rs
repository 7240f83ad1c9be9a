//! GitHub Actions workflow commands: each finding becomes an annotation on
//! the pull request's diff.
//!
//! `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
//! The runner splits a command at `::` and its properties at `,` and `=`,
//! so values are escaped as the runner's toolkit does: `%`, `\r` and `\n`
//! everywhere, and `:` and `,` in properties too.

use std::io::{self, Write};

use copydesk::Severity;

use super::{report_path, CheckReport};

pub(super) fn write(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    for file in &report.files {
        let path = property(&report_path(&file.path));
        for l in file.located() {
            let f = l.finding;
            writeln!(
                out,
                "::{} file={path},line={},col={},endLine={},endColumn={},title={}::{}",
                command(f.severity),
                l.line,
                l.column,
                l.end_line,
                l.end_column,
                property(f.rule),
                data(&f.message)
            )?;
        }
    }
    for error in &report.errors {
        writeln!(
            out,
            "::error file={},title=copydesk::{}",
            property(&report_path(&error.path)),
            data(&format!("not linted: {}", error.message))
        )?;
    }
    Ok(())
}

/// GitHub annotations are errors, warnings or notices.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "notice",
    }
}

/// Escapes a command's message.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(data("50% up\r\nnext: a,b"), "50%25 up%0D%0Anext: a,b");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
