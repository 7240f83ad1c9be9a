//! The top of the page: how many stories, findings by family and severity,
//! and a bar chart of findings per story (inline SVG, most first), so the
//! stories that need attention stand out.

use std::collections::BTreeMap;
use std::io::{self, Write};

use copydesk::{Finding, Severity};

use super::escape::{Attr, Text};
use super::{stories, story_id};
use crate::cli::output::{plural, CheckReport};

/// Severities, most severe first: the order of columns and filters.
pub(super) const SEVERITIES: [Severity; 4] = [
    Severity::Error,
    Severity::Warning,
    Severity::Info,
    Severity::Hint,
];

/// At most this many bars; the rest of the stories are counted in a line.
const BARS: usize = 40;
/// The longest bar, in CSS pixels.
const BAR_WIDTH: f64 = 320.0;

/// The family of a rule id, `family/name`.
pub(super) fn family(rule: &str) -> &str {
    rule.split('/').next().unwrap_or(rule)
}

/// Counts of a run's findings: by family and severity, and by rule.
#[derive(Default)]
pub(super) struct Tally {
    /// Family → findings at each severity, in [`SEVERITIES`] order.
    pub families: BTreeMap<&'static str, [usize; 4]>,
    /// Rule id → findings.
    pub rules: BTreeMap<&'static str, usize>,
}

impl Tally {
    pub fn of<'f>(findings: impl IntoIterator<Item = &'f Finding>) -> Tally {
        let mut tally = Tally::default();
        for finding in findings {
            let column = SEVERITIES
                .iter()
                .position(|s| *s == finding.severity)
                .unwrap_or(0);
            tally.families.entry(family(finding.rule)).or_default()[column] += 1;
            *tally.rules.entry(finding.rule).or_default() += 1;
        }
        tally
    }

    pub fn total(&self) -> usize {
        self.rules.values().sum()
    }

    /// Findings at each severity over every family.
    pub fn by_severity(&self) -> [usize; 4] {
        let mut sums = [0; 4];
        for counts in self.families.values() {
            for (sum, n) in sums.iter_mut().zip(counts) {
                *sum += n;
            }
        }
        sums
    }
}

/// Writes the summary section.
pub(super) fn write(report: &CheckReport, tally: &Tally, out: &mut dyn Write) -> io::Result<()> {
    let with_findings = report
        .files
        .iter()
        .filter(|f| !f.findings.is_empty())
        .count();
    writeln!(
        out,
        "<section class=\"summary\" aria-labelledby=\"summary-h\"><h2 id=\"summary-h\">Summary</h2>"
    )?;
    write!(
        out,
        "<p class=\"counts\"><strong>{}</strong> checked: {} with findings, {} clean",
        stories(report.files.len()),
        with_findings,
        report.files.len() - with_findings
    )?;
    if !report.errors.is_empty() {
        write!(
            out,
            ", <a href=\"#errors-h\">{} not read</a>",
            report.errors.len()
        )?;
    }
    write!(
        out,
        ". <strong>{}</strong>",
        plural(tally.total(), "finding")
    )?;
    if let Some((findings, files)) = report.fixed {
        write!(
            out,
            " left after fixing {} in {}",
            plural(findings, "finding"),
            plural(files, "file")
        )?;
    }
    writeln!(out, ".</p>")?;
    if tally.total() > 0 {
        write_table(tally, out)?;
        write_chart(report, out)?;
    }
    writeln!(out, "</section>")
}

fn write_table(tally: &Tally, out: &mut dyn Write) -> io::Result<()> {
    write!(
        out,
        "<table class=\"tally\"><caption>Findings by family and severity</caption>\
         <thead><tr><th scope=\"col\">Family</th>"
    )?;
    for severity in SEVERITIES {
        write!(out, "<th scope=\"col\">{severity}</th>")?;
    }
    writeln!(out, "<th scope=\"col\">total</th></tr></thead><tbody>")?;
    for (family, counts) in &tally.families {
        write!(out, "<tr><th scope=\"row\">")?;
        badge(family, out)?;
        write!(out, " {}</th>", Text(family))?;
        for n in counts {
            write!(out, "<td>{n}</td>")?;
        }
        writeln!(out, "<td>{}</td></tr>", counts.iter().sum::<usize>())?;
    }
    write!(out, "</tbody><tfoot><tr><th scope=\"row\">all</th>")?;
    for n in tally.by_severity() {
        write!(out, "<td>{n}</td>")?;
    }
    writeln!(out, "<td>{}</td></tr></tfoot></table>", tally.total())
}

/// A family's badge: its initial, so that a family is told by a letter as
/// well as by its colour.
pub(super) fn badge(family: &str, out: &mut dyn Write) -> io::Result<()> {
    let initial: String = family
        .chars()
        .take(1)
        .flat_map(char::to_uppercase)
        .collect();
    write!(
        out,
        "<span class=\"badge\" data-fam=\"{}\" aria-hidden=\"true\">{}</span>",
        Attr(family),
        Text(&initial)
    )
}

/// A family's badge, name and count of findings: "F figures (3)".
pub(super) fn family_count(
    family: &str,
    counts: &[usize; 4],
    out: &mut dyn Write,
) -> io::Result<()> {
    badge(family, out)?;
    write!(out, " {} ({})", Text(family), counts.iter().sum::<usize>())
}

/// One bar per story with findings, longest first, each cut into its
/// families' shares and linked to the story.
fn write_chart(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    let mut stories: Vec<(usize, Tally)> = report
        .files
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.findings.is_empty())
        .map(|(i, f)| (i, Tally::of(&f.findings)))
        .collect();
    // Stable: among equals, the order the stories were given in.
    stories.sort_by_key(|(_, t)| std::cmp::Reverse(t.total()));
    let most = stories.first().map_or(1, |(_, t)| t.total().max(1));
    writeln!(
        out,
        "<figure class=\"chart\"><figcaption>Findings per story, most first</figcaption><ol>"
    )?;
    for (i, tally) in stories.iter().take(BARS) {
        let width = BAR_WIDTH * tally.total() as f64 / most as f64;
        write!(
            out,
            "<li><a href=\"#{}\">{}</a><svg width=\"{BAR_WIDTH}\" height=\"14\" \
             aria-hidden=\"true\" focusable=\"false\">",
            story_id(*i),
            Text(&report.files[*i].path)
        )?;
        let mut x = 0.0;
        for (family, counts) in &tally.families {
            let w = width * counts.iter().sum::<usize>() as f64 / tally.total() as f64;
            write!(
                out,
                "<rect x=\"{x:.1}\" y=\"0\" width=\"{w:.1}\" height=\"14\" data-fam=\"{}\"/>",
                Attr(family)
            )?;
            x += w;
        }
        writeln!(out, "</svg><span class=\"n\">{}</span></li>", tally.total())?;
    }
    write!(out, "</ol>")?;
    if stories.len() > BARS {
        write!(
            out,
            "<p>and {} more with fewer findings.</p>",
            super::stories(stories.len() - BARS)
        )?;
    }
    writeln!(out, "</figure>")
}
