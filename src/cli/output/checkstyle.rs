//! Checkstyle XML, which reviewdog (`-f=checkstyle`) and Jenkins
//! (warnings-ng) read: one `<file>` per linted file, one `<error>` per
//! finding, with the rule id as `source`.

use std::io::{self, Write};

use copydesk::Severity;

use super::CheckReport;

pub(super) fn write(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)?;
    for file in &report.files {
        writeln!(out, r#"  <file name="{}">"#, escape(&file.path))?;
        for l in file.located() {
            let f = l.finding;
            writeln!(
                out,
                r#"    <error line="{}" column="{}" severity="{}" message="{}" source="{}"/>"#,
                l.line,
                l.column,
                severity(f.severity),
                escape(&f.message),
                escape(f.rule)
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    for error in &report.errors {
        writeln!(out, r#"  <file name="{}">"#, escape(&error.path))?;
        writeln!(
            out,
            r#"    <error line="1" column="1" severity="error" message="{}" source="io"/>"#,
            escape(&format!("not linted: {}", error.message))
        )?;
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}

/// Checkstyle knows error, warning and info.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "info",
    }
}

/// Escapes text for an attribute value. Line breaks and tabs become
/// character references (a parser would otherwise normalise them to
/// spaces), and characters XML 1.0 cannot carry at all become U+FFFD.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            escape("“a” & <b> \"c\" 'd'\n\u{1}"),
            "“a” &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;&#10;\u{FFFD}"
        );
    }
}
