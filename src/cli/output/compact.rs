//! `path:line:col: severity: message [rule]`: the format editors' quickfix
//! lists (Vim's errorformat, Emacs compilation mode) parse. One finding per
//! line, so a message that spans a line break is folded onto one.

use std::io::{self, Write};

use super::{one_line, CheckReport};

pub(super) fn write(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    for file in &report.files {
        for l in file.located() {
            writeln!(
                out,
                "{}:{}:{}: {}: {} [{}]",
                file.path,
                l.line,
                l.column,
                l.finding.severity,
                one_line(&l.finding.message),
                l.finding.rule
            )?;
        }
    }
    for error in &report.errors {
        writeln!(
            out,
            "{}:1:1: error: {} [io]",
            error.path,
            one_line(&error.message)
        )?;
    }
    Ok(())
}
