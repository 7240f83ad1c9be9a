//! One story with findings: its text with each finding marked, the notes
//! the marks point to (severity, family, rule, message, place, and the fix
//! on offer as a proof would mark it), and a line for the findings beyond
//! the per-story cap.

use std::io::{self, Write};
use std::ops::Range;

use copydesk::{Edit, Fix};

use super::escape::{Attr, Text};
use super::marks::{self, Mark};
use super::story_id;
use super::summary::{badge, family, family_count, Tally};
use crate::cli::output::{plural, FileReport, Located};

/// Findings marked per story. Past it the page would take minutes to lay
/// out and nobody reads a thousandth mark; the rest are counted by rule in
/// a note under the story.
pub(super) const CAP: usize = 2000;

/// Findings marked in the whole page, for the same reason: a note is a few
/// hundred bytes, and a run of 300,000 findings would make a page of 200 MB.
pub(super) const PAGE_CAP: usize = 20_000;

/// A suggested edit with more context than this (bytes) is shown edit by
/// edit rather than as one passage.
const CONTEXT: usize = 240;

/// Writes the story at `index` in the run with at most `cap` of its
/// findings marked, numbering its marks from `first_id`.
pub(super) fn write(
    file: &FileReport,
    index: usize,
    first_id: usize,
    cap: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let id = story_id(index);
    let tally = Tally::of(&file.findings);
    write!(
        out,
        "<article class=\"story\" id=\"{id}\" aria-labelledby=\"{id}-h\">\
         <h3 id=\"{id}-h\">{}</h3><p class=\"meta\">{}",
        Text(&file.path),
        plural(tally.total(), "finding")
    )?;
    for (family, counts) in &tally.families {
        write!(out, " ")?;
        family_count(family, counts, out)?;
    }
    writeln!(out, "</p>")?;

    let located: Vec<Located<'_>> = file.located().take(cap).collect();
    let marks: Vec<Mark<'_>> = located
        .iter()
        .enumerate()
        .map(|(n, l)| Mark {
            span: marks::snap(&file.source, &l.finding.span),
            id: first_id + n,
            number: n + 1,
            family: family(l.finding.rule),
            severity: l.finding.severity.as_str(),
        })
        .collect();
    write!(out, "<div class=\"copy\">")?;
    marks::write(&file.source, &marks, out)?;
    writeln!(out, "</div>")?;

    if file.findings.len() > cap {
        write_capped(file, cap, out)?;
    }
    // Past the page's cap a story has no marks, and so no notes.
    if !located.is_empty() {
        write!(
            out,
            "<ul class=\"notes\" aria-label=\"Notes ({})\">",
            located.len()
        )?;
        for (l, mark) in located.iter().zip(&marks) {
            write_note(file, l, mark, out)?;
        }
        write!(out, "</ul>")?;
    }
    writeln!(out, "</article>")
}

/// The findings past the cap, counted by rule.
fn write_capped(file: &FileReport, cap: usize, out: &mut dyn Write) -> io::Result<()> {
    let rest = Tally::of(&file.findings[cap..]);
    let n = rest.total();
    let noun = if n == 1 { "finding" } else { "findings" };
    write!(
        out,
        "<p class=\"capped\" role=\"note\"><strong>{n} more {noun} not marked</strong> \
         (the page marks a story's first {CAP}, and {PAGE_CAP} in all):"
    )?;
    for (i, (rule, n)) in rest.rules.iter().enumerate() {
        let sep = if i == 0 { " " } else { ", " };
        write!(out, "{sep}{n} <code>{}</code>", Text(rule))?;
    }
    writeln!(out, ".</p>")
}

/// The note for one mark: what the filters read (data attributes) and what
/// the tooltip shows (a copy of its content).
fn write_note(
    file: &FileReport,
    l: &Located<'_>,
    mark: &Mark<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let f = l.finding;
    write!(
        out,
        "<li id=\"n{id}\" data-id=\"{id}\" data-fam=\"{}\" data-sev=\"{}\" data-rule=\"{}\">\
         <span class=\"num\">[{}]</span> <a class=\"at\" href=\"#f{id}\">{}:{}</a> ",
        Attr(mark.family),
        Attr(mark.severity),
        Attr(f.rule),
        mark.number,
        l.line,
        l.column,
        id = mark.id,
    )?;
    badge(mark.family, out)?;
    write!(
        out,
        " <span class=\"sev\" data-sev=\"{sev}\">{sev}</span> <code class=\"rule\">{}</code> \
         <span class=\"flagged\">“{}”</span> <span class=\"msg\">{}</span>",
        Text(f.rule),
        Text(&excerpt(&file.source[mark.span.clone()])),
        Text(&f.message),
        sev = Attr(mark.severity),
    )?;
    for fix in &f.fixes {
        write_fix(&file.source, &mark.span, fix, out)?;
    }
    writeln!(out, "</li>")
}

/// The flagged words as the note quotes them: a long span is cut short.
fn excerpt(flagged: &str) -> String {
    const LONG: usize = 80;
    match flagged.char_indices().nth(LONG) {
        Some((at, _)) => format!("{}…", &flagged[..at]),
        None => flagged.to_string(),
    }
}

/// A fix as a proof marks it: the words struck through and the new ones
/// inserted, in the passage around them, with its title and safety.
fn write_fix(source: &str, span: &Range<usize>, fix: &Fix, out: &mut dyn Write) -> io::Result<()> {
    let edits = valid_edits(source, &fix.edits);
    let (Some(first), Some(last)) = (edits.first(), edits.last()) else {
        return Ok(());
    };
    let safety = if fix.safe {
        "safe fix"
    } else {
        "needs your judgement"
    };
    write!(
        out,
        " <span class=\"fix\"><span class=\"fix-title\">{} ({safety}):</span> <span class=\"edit\">",
        Text(&fix.title)
    )?;
    let from = span.start.min(first.span.start);
    let to = span.end.max(last.span.end);
    let whole = to - from <= CONTEXT;
    let mut at = if whole { from } else { first.span.start };
    for (i, edit) in edits.iter().enumerate() {
        if whole {
            write!(out, "{}", Text(&source[at..edit.span.start]))?;
        } else if i > 0 {
            write!(out, " … ")?;
        }
        if !edit.span.is_empty() {
            write!(out, "<del>{}</del>", Text(&source[edit.span.clone()]))?;
        }
        if !edit.replacement.is_empty() {
            write!(out, "<ins>{}</ins>", Text(&edit.replacement))?;
        }
        at = edit.span.end;
    }
    if whole {
        write!(out, "{}", Text(&source[at..to]))?;
    }
    write!(out, "</span></span>")
}

/// The edits that can be shown: in order, inside the text, on character
/// boundaries and not overlapping (as `fix::apply` would apply them).
fn valid_edits<'e>(source: &str, edits: &'e [Edit]) -> Vec<&'e Edit> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut at = 0;
    sorted.retain(|e| {
        let ok = e.span.start >= at
            && e.span.start <= e.span.end
            && source.is_char_boundary(e.span.start)
            && source.is_char_boundary(e.span.end);
        if ok {
            at = e.span.end;
        }
        ok
    });
    sorted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix_html(source: &str, span: Range<usize>, edits: &[(Range<usize>, &str)]) -> String {
        let fix = Fix {
            title: "Fix".into(),
            safe: true,
            edits: edits
                .iter()
                .map(|(span, r)| Edit {
                    span: span.clone(),
                    replacement: r.to_string().into(),
                })
                .collect(),
        };
        let mut out = Vec::new();
        write_fix(source, &span, &fix, &mut out).expect("write");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn a_fix_is_struck_through_and_inserted_in_its_passage() {
        let html = fix_html("Dunn claimed <it>.", 5..12, &[(5..12, "said")]);
        assert!(
            html.ends_with("<span class=\"edit\"><del>claimed</del><ins>said</ins></span></span>"),
            "{html}"
        );
        // An insertion after the flagged words shows the words between.
        let html = fix_html("Critics say it failed.", 0..11, &[(21..21, " <src>")]);
        assert!(
            html.contains(
                "<span class=\"edit\">Critics say it failed<ins> &lt;src&gt;</ins></span>"
            ),
            "{html}"
        );
    }

    #[test]
    fn long_flagged_text_is_cut_on_a_character() {
        assert_eq!(excerpt("claimed"), "claimed");
        let long = "é".repeat(100);
        assert_eq!(excerpt(&long), format!("{}…", "é".repeat(80)));
    }

    #[test]
    fn bad_edits_are_left_out_and_far_ones_shown_apart() {
        // Off a character boundary, overlapping, or past the end: not shown.
        assert_eq!(fix_html("né", 0..3, &[(2..3, "e"), (9..10, "x")]), "");
        let html = fix_html("abcdef", 0..6, &[(0..2, "X"), (1..3, "Y")]);
        assert!(html.contains("<del>ab</del><ins>X</ins>cdef"), "{html}");
        assert!(!html.contains('Y'), "{html}");
        let far = format!("a{}b", " ".repeat(300));
        let html = fix_html(&far, 0..1, &[(0..1, "A"), (301..302, "B")]);
        assert!(
            html.contains("<del>a</del><ins>A</ins> … <del>b</del><ins>B</ins></span>"),
            "{html}"
        );
    }
}
