//! Suppressions written in the text: inline directives that turn rules off
//! for part of a document, and the edits that insert them (the editor's
//! "Ignore RULE on this line" and "Ignore RULE in this file").
//!
//! ```markdown
//! <!-- copydesk-disable editorializing figures/unsourced-count -->
//! …
//! <!-- copydesk-enable editorializing -->
//!
//! <!-- copydesk-disable-next-line -->
//! The next line with text is not checked at all.
//!
//! A line that keeps its wording. <!-- copydesk-disable-line editorializing/puffery -->
//! ```
//!
//! Directives are HTML comments: anywhere in Markdown, on a line of their own
//! in plain text. Each names rules or families, separated by spaces or
//! commas; with no names it covers every rule. A later directive overrides an
//! earlier one, and a rule's own name wins over its family's. Applying them
//! can only remove findings; a directive or a name copydesk does not know is
//! itself reported (`directive/unknown`), and that report cannot be
//! suppressed.

use std::collections::HashMap;
use std::ops::Range;

use crate::finding::{Edit, Finding, Fix, Severity};
use crate::line_index::LineIndex;
use crate::prose::markup::{extract, BlockKind, Comment};
use crate::prose::Syntax;
use crate::rules::directive::unknown::DATA as UNKNOWN;
use crate::rules::known;

/// The prefix every directive starts with.
const PREFIX: &str = "copydesk-";

/// What a directive does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `copydesk-disable`: off from here on (until a matching enable).
    Disable,
    /// `copydesk-enable`: back on from here.
    Enable,
    /// `copydesk-disable-next-line`: off for the next line that has text.
    DisableNextLine,
    /// `copydesk-disable-line`: off for the line the directive stands on.
    DisableLine,
}

impl DirectiveKind {
    const ALL: [(&'static str, DirectiveKind); 4] = [
        ("copydesk-disable", DirectiveKind::Disable),
        ("copydesk-enable", DirectiveKind::Enable),
        ("copydesk-disable-next-line", DirectiveKind::DisableNextLine),
        ("copydesk-disable-line", DirectiveKind::DisableLine),
    ];

    /// The keyword as written in a comment.
    pub fn keyword(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("", |(w, _)| w)
    }
}

/// A directive read from a comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// What it does.
    pub kind: DirectiveKind,
    /// The rules and families it names that copydesk knows; empty with
    /// `all` for every rule.
    pub names: Vec<String>,
    /// Whether it names nothing, and so covers every rule.
    pub all: bool,
    /// The comment, in source bytes.
    pub span: Range<usize>,
}

/// A directive keyword or a name in a directive that copydesk does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unknown {
    /// The unknown word, in source bytes.
    pub span: Range<usize>,
    /// Whether it is the directive keyword rather than a rule name.
    pub directive: bool,
    /// The closest known keyword or name, if one is close.
    pub suggestion: Option<&'static str>,
}

/// Reads the directives among a document's comments, in source order.
pub fn directives(source: &str, comments: &[Comment]) -> (Vec<Directive>, Vec<Unknown>) {
    let mut found = Vec::new();
    let mut unknown = Vec::new();
    for comment in comments {
        let Some(raw) = source.get(comment.span.clone()) else {
            continue;
        };
        // The body between `<!--` and `-->`, with its offset in the source.
        let inner_start = comment.span.start + 4.min(raw.len());
        let inner = &source[inner_start..comment.span.end.saturating_sub(3).max(inner_start)];
        let mut words = tokens(inner).map(|(r, w)| (r.start + inner_start..r.end + inner_start, w));
        let Some((keyword_span, keyword)) = words.next() else {
            continue;
        };
        if !keyword.starts_with(PREFIX) {
            continue;
        }
        let Some(&(_, kind)) = DirectiveKind::ALL.iter().find(|(w, _)| *w == keyword) else {
            let keywords = DirectiveKind::ALL.iter().map(|(w, _)| *w);
            unknown.push(Unknown {
                span: keyword_span,
                directive: true,
                suggestion: known::closest_in(keyword, keywords),
            });
            continue;
        };
        let mut names = Vec::new();
        let mut any = false;
        for (span, name) in words {
            any = true;
            if known::is_rule_or_family(name) {
                names.push(name.to_string());
            } else {
                unknown.push(Unknown {
                    span,
                    directive: false,
                    suggestion: known::closest(name),
                });
            }
        }
        // A directive whose every name is unknown covers nothing, not everything.
        found.push(Directive {
            kind,
            all: !any,
            names,
            span: comment.span.clone(),
        });
    }
    (found, unknown)
}

/// Words separated by whitespace or commas, with their ranges.
fn tokens(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut at = 0;
    text.split(|c: char| c.is_whitespace() || c == ',')
        .filter_map(move |word| {
            let start = at + text[at..].find(word).unwrap_or(0);
            at = start + word.len();
            (!word.is_empty()).then_some((start..at, word))
        })
}

/// Applies the directives of `source` to `findings` (sorted by start):
/// drops the suppressed ones and, when `unknown` gives a severity, adds a
/// `directive/unknown` finding for every unknown keyword or name.
pub(crate) fn apply(
    source: &str,
    comments: &[Comment],
    findings: &mut Vec<Finding>,
    unknown: Option<Severity>,
) {
    if !comments.iter().any(|c| c.body.starts_with(PREFIX)) {
        return;
    }
    let (directives, unknowns) = directives(source, comments);
    if !directives.is_empty() && !findings.is_empty() {
        let lines = LineIndex::new(source);
        let suppressed = Suppressed::new(source, &lines, &directives);
        // Findings are sorted by start: the region directives are replayed
        // once, as far as each finding, not from the top for every one.
        let mut state = Region::default();
        let mut replayed = 0;
        findings.retain(|f| {
            while let Some(&(at, i)) = suppressed.regions.get(replayed) {
                if at > f.span.start {
                    break;
                }
                state.apply(&suppressed.directives[i]);
                replayed += 1;
            }
            !suppressed.covers(&lines, &state, f)
        });
    }
    if let Some(severity) = unknown {
        for u in unknowns {
            let name = &source[u.span.clone()];
            let mut message = if u.directive {
                &UNKNOWN.unknown_directive
            } else {
                &UNKNOWN.unknown_name
            }
            .replace("{name}", name);
            if let Some(s) = u.suggestion {
                message.push_str(&UNKNOWN.suggestion.replace("{suggestion}", s));
            }
            let mut finding = UNKNOWN.rule.finding(u.span, message);
            finding.severity = severity;
            findings.push(finding);
        }
        findings.sort_by(|a, b| {
            a.span
                .start
                .cmp(&b.span.start)
                .then(a.span.end.cmp(&b.span.end))
                .then(a.rule.cmp(b.rule))
        });
    }
}

/// Which rules are off where.
struct Suppressed {
    /// Region changes in source order: (offset, directive index).
    regions: Vec<(usize, usize)>,
    /// Lines (0-based) switched off by line directives, with the directive index.
    lines: HashMap<usize, Vec<usize>>,
    directives: Vec<Directive>,
}

impl Suppressed {
    fn new(source: &str, index: &LineIndex, directives: &[Directive]) -> Suppressed {
        let mut regions = Vec::new();
        let mut lines: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, d) in directives.iter().enumerate() {
            match d.kind {
                DirectiveKind::Disable | DirectiveKind::Enable => regions.push((d.span.end, i)),
                DirectiveKind::DisableLine => lines
                    .entry(index.line_of(d.span.start).0)
                    .or_default()
                    .push(i),
                DirectiveKind::DisableNextLine => {
                    let mut line = index.line_of(d.span.end.saturating_sub(1)).0 + 1;
                    // The next line with text: a blank line between the
                    // directive and its paragraph does not waste it.
                    while index.line_text(source, line).trim().is_empty()
                        && index.line_of(source.len()).0 > line
                    {
                        line += 1;
                    }
                    lines.entry(line).or_default().push(i);
                }
            }
        }
        regions.sort();
        Suppressed {
            regions,
            lines,
            directives: directives.to_vec(),
        }
    }

    /// Whether `finding` is suppressed, `state` being the region directives
    /// up to its start.
    fn covers(&self, index: &LineIndex, state: &Region, finding: &Finding) -> bool {
        if finding.rule == UNKNOWN.rule.id {
            return false;
        }
        let family = known::family_of(finding.rule);
        let names =
            |d: &Directive| d.all || d.names.iter().any(|n| n == finding.rule || n == family);
        let line = index.line_of(finding.span.start).0;
        if self
            .lines
            .get(&line)
            .is_some_and(|ds| ds.iter().any(|&i| names(&self.directives[i])))
        {
            return true;
        }
        // Of the region directives before the finding, the latest one that
        // speaks about the rule (its own name first, then its family's) decides.
        state.off(finding.rule, family)
    }
}

/// The effect of the region directives read so far.
#[derive(Default)]
struct Region {
    /// Whether every rule is off, unless named below.
    all_off: bool,
    /// Rules and families with their own state.
    named: HashMap<String, bool>,
}

impl Region {
    fn apply(&mut self, d: &Directive) {
        let off = d.kind == DirectiveKind::Disable;
        if d.all {
            self.all_off = off;
            self.named.clear();
            return;
        }
        for name in &d.names {
            if !name.contains('/') {
                // A family's directive overrides what was said about its rules.
                let prefix = format!("{name}/");
                self.named.retain(|k, _| !k.starts_with(&prefix));
            }
            self.named.insert(name.clone(), off);
        }
    }

    fn off(&self, rule: &str, family: &str) -> bool {
        self.named
            .get(rule)
            .or_else(|| self.named.get(family))
            .copied()
            .unwrap_or(self.all_off)
    }
}

/// Where an inserted directive applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IgnoreScope {
    /// The line the finding starts on.
    Line,
    /// The whole document.
    File,
}

/// The fix an editor offers as "Ignore RULE on this line" or "Ignore RULE in
/// this file": one edit that inserts (or extends) a directive.
///
/// - On a line of Markdown: `<!-- copydesk-disable-line RULE -->` at the end
///   of the line (before a hard line break, inside a table's last cell), so
///   the paragraph is not split; an existing one there gains the name.
/// - On a line of plain text: `<!-- copydesk-disable-next-line RULE -->` on
///   a line of its own just above (plain text reads directives only there).
/// - In the file: `<!-- copydesk-disable RULE -->` on the first line, after
///   any front matter; an existing one there gains the name.
pub fn ignore_fix(source: &str, syntax: Syntax, finding: &Finding, scope: IgnoreScope) -> Fix {
    let rule = finding.rule;
    let (title, edit) = match scope {
        IgnoreScope::Line => (
            format!("Ignore {rule} on this line"),
            line_edit(source, syntax, finding),
        ),
        IgnoreScope::File => (
            format!("Ignore {rule} in this file"),
            file_edit(source, rule),
        ),
    };
    Fix {
        title: title.into(),
        safe: false,
        edits: vec![edit],
    }
}

fn insert(at: usize, text: String) -> Edit {
    Edit {
        span: at..at,
        replacement: text.into(),
    }
}

/// Adds `rule` to the directive `keyword` if `text` (at `offset` in the
/// source) is exactly such a comment, naming rules.
fn extend_directive(text: &str, offset: usize, keyword: &str, rule: &str) -> Option<Edit> {
    let trimmed = text.trim_end();
    let body = trimmed
        .trim_start()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?;
    let mut words = body.split_whitespace();
    if words.next() != Some(keyword) || words.next().is_none() {
        return None;
    }
    // Before the closing `-->` and the space in front of it.
    let close = trimmed.len() - 3;
    let at = offset + trimmed[..close].trim_end().len();
    Some(insert(at, format!(" {rule}")))
}

fn line_edit(source: &str, syntax: Syntax, finding: &Finding) -> Edit {
    let lines = LineIndex::new(source);
    let (line, start) = lines.line_of(finding.span.start.min(source.len()));
    let text = lines.line_text(source, line);
    let rule = finding.rule;
    if syntax == Syntax::PlainText {
        if line > 0 {
            let (_, prev_start) = lines.line_of(start - 1);
            if let Some(edit) = extend_directive(
                lines.line_text(source, line - 1),
                prev_start,
                "copydesk-disable-next-line",
                rule,
            ) {
                return edit;
            }
        }
        let indent = &text[..text.len() - text.trim_start().len()];
        return insert(
            start,
            format!(
                "{indent}<!-- copydesk-disable-next-line {rule} -->{}",
                newline(source)
            ),
        );
    }
    // An existing line directive at the end of the line gains the rule.
    if let Some(open) = text.rfind("<!--") {
        if let Some(edit) =
            extend_directive(&text[open..], start + open, "copydesk-disable-line", rule)
        {
            return edit;
        }
    }
    let in_table = extract(source, syntax).blocks.iter().any(|b| {
        b.kind == BlockKind::TableCell
            && (b.start..b.start + b.text.len()).contains(&finding.span.start)
    });
    let content = text.trim_end();
    let mut at = content.len();
    if content.ends_with('\\') {
        // A backslash hard break must stay last on the line.
        at -= 1;
    }
    if in_table && content.ends_with('|') {
        // Inside the last cell, not after the row.
        at = content.len() - 1;
        return insert(
            start + at,
            format!("<!-- copydesk-disable-line {rule} --> "),
        );
    }
    insert(
        start + at,
        format!(" <!-- copydesk-disable-line {rule} -->"),
    )
}

fn file_edit(source: &str, rule: &str) -> Edit {
    let mut at = if source.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    at += front_matter_len(&source[at..]);
    let first_line = source[at..].split_inclusive('\n').next().unwrap_or("");
    if let Some(edit) = extend_directive(
        first_line.trim_end_matches(['\n', '\r']),
        at,
        "copydesk-disable",
        rule,
    ) {
        return edit;
    }
    insert(
        at,
        format!("<!-- copydesk-disable {rule} -->{}", newline(source)),
    )
}

/// The length of YAML (`---`) or TOML (`+++`) front matter at the start of a document.
fn front_matter_len(text: &str) -> usize {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else { return 0 };
    let fence = first.trim_end();
    if fence != "---" && fence != "+++" {
        return 0;
    }
    let mut len = first.len();
    for line in lines {
        len += line.len();
        let t = line.trim_end();
        if t == fence || (fence == "---" && t == "...") {
            return len;
        }
    }
    0
}

fn newline(source: &str) -> &'static str {
    if source.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{LintOptions, Linter};

    fn rules_found(src: &str, syntax: Syntax) -> Vec<(usize, &'static str)> {
        let report = Linter::new(LintOptions::default()).lint(src, syntax);
        let lines = LineIndex::new(src);
        report
            .findings
            .iter()
            .map(|f| (lines.line_of(f.span.start).0 + 1, f.rule))
            .collect()
    }

    const TOWARD: &str = "style/toward";
    const US: &str = "style/us-abbreviation";
    const WENT: &str = "They went towards US troops.";

    #[test]
    fn disable_and_enable_regions_by_rule_and_family() {
        let src = format!("{WENT}\n\n<!-- copydesk-disable style -->\n\n{WENT}\n\n<!-- copydesk-enable style/us-abbreviation -->\n\n{WENT}\n\n<!-- copydesk-enable -->\n\n{WENT}\n");
        assert_eq!(
            rules_found(&src, Syntax::Markdown),
            [(1, TOWARD), (1, US), (9, US), (13, TOWARD), (13, US)]
        );
    }

    #[test]
    fn disable_with_no_names_covers_every_rule_to_the_end() {
        let src = format!("{WENT}\n<!-- copydesk-disable -->\n{WENT}\n\n{WENT}\n");
        assert_eq!(rules_found(&src, Syntax::Markdown), [(1, TOWARD), (1, US)]);
    }

    #[test]
    fn a_family_directive_overrides_an_earlier_rule_one() {
        let src = "<!-- copydesk-disable style/toward -->\n<!-- copydesk-enable style -->\n\nThey went towards home.\n";
        assert_eq!(rules_found(src, Syntax::Markdown), [(4, TOWARD)]);
    }

    #[test]
    fn next_line_skips_blank_lines_and_covers_only_that_line() {
        let src = "<!-- copydesk-disable-next-line style/toward -->\n\nThey went towards\nand towards home.\n";
        assert_eq!(rules_found(src, Syntax::Markdown), [(4, TOWARD)]);
        let direct =
            format!("<!-- copydesk-disable-next-line -->\n{WENT}\nThey went towards home.\n");
        assert_eq!(rules_found(&direct, Syntax::Markdown), [(3, TOWARD)]);
    }

    #[test]
    fn disable_line_covers_its_own_line() {
        let src = "They went towards home. <!-- copydesk-disable-line style -->\nThey went towards home.\n";
        assert_eq!(rules_found(src, Syntax::Markdown), [(2, TOWARD)]);
    }

    #[test]
    fn plain_text_directives_stand_on_their_own_lines() {
        let src = "They went towards home.\n\n<!-- copydesk-disable-next-line style -->\nThey went towards home.\n\nThey went towards home. <!-- copydesk-disable-line -->\n";
        assert_eq!(
            rules_found(src, Syntax::PlainText),
            [(1, TOWARD), (6, TOWARD)]
        );
    }

    #[test]
    fn unknown_names_and_directives_are_reported_and_suppress_nothing() {
        let src = "<!-- copydesk-disable stlye -->\n<!-- copydesk-disabel -->\n\nThey went towards home.\n";
        let report = Linter::new(LintOptions::default()).lint(src, Syntax::Markdown);
        let got: Vec<(&str, &str)> = report
            .findings
            .iter()
            .map(|f| (f.rule, &src[f.span.clone()]))
            .collect();
        assert_eq!(
            got,
            [
                ("directive/unknown", "stlye"),
                ("directive/unknown", "copydesk-disabel"),
                (TOWARD, "towards")
            ]
        );
        assert!(
            report.findings[0].message.contains("Did you mean “style”?"),
            "{}",
            report.findings[0].message
        );
        assert!(
            report.findings[1].message.contains("copydesk-disable"),
            "{}",
            report.findings[1].message
        );
    }

    #[test]
    fn unknown_reports_follow_the_configured_level_and_ignore_directives() {
        let src = "<!-- copydesk-disable -->\n<!-- copydesk-disable nope -->\n";
        let report = Linter::new(LintOptions::default()).lint(src, Syntax::Markdown);
        assert_eq!(report.findings.len(), 1);
        let off = Linter::new(LintOptions::only(TOWARD)).lint(src, Syntax::Markdown);
        assert!(off.findings.is_empty());
    }

    #[test]
    fn directives_in_code_are_not_directives() {
        let src = "```\n<!-- copydesk-disable -->\n```\n\nThey went towards home.\n";
        assert_eq!(rules_found(src, Syntax::Markdown), [(5, TOWARD)]);
    }

    mod only_removes {
        use proptest::prelude::*;

        use super::*;

        fn line() -> impl Strategy<Value = String> {
            prop_oneof![
                Just("It was very shocking. Critics say so.".to_string()),
                Just("About 3,000 people came to the legendary hall.".to_string()),
                Just("\"We will not back down from this fight,\" she said.".to_string()),
                Just(String::new()),
                Just("Plain words here.".to_string()),
                Just("They went towards US troops.".to_string()),
                (
                    prop::sample::select(vec![
                        "disable",
                        "enable",
                        "disable-next-line",
                        "disable-line",
                        "disabel"
                    ]),
                    prop::collection::vec(
                        prop::sample::select(vec![
                            "editorializing",
                            "editorializing/intensifier",
                            "figures",
                            "attribution/weasel-attribution",
                            "nope",
                            "style"
                        ]),
                        0..3
                    ),
                    any::<bool>(),
                )
                    .prop_map(|(kind, names, inline)| {
                        let d = format!("<!-- copydesk-{kind} {} -->", names.join(" "));
                        if inline {
                            format!("It was shocking. {d}")
                        } else {
                            d
                        }
                    }),
            ]
        }

        proptest! {
            #[test]
            fn directives_only_remove_findings(lines in prop::collection::vec(line(), 1..14), markdown in any::<bool>()) {
                let src = lines.join("\n");
                // The same document with every directive defused, byte for byte the same length.
                let defused = src.replace("copydesk-", "copydeks-");
                let syntax = if markdown { Syntax::Markdown } else { Syntax::PlainText };
                let linter = Linter::new(LintOptions::default());
                let with = linter.lint(&src, syntax).findings;
                let without = linter.lint(&defused, syntax).findings;
                for f in with.iter().filter(|f| f.rule != UNKNOWN.rule.id) {
                    prop_assert!(without.contains(f), "{f:?} appeared in {src:?}");
                }
            }
        }
    }

    fn apply_ignore(src: &str, syntax: Syntax, scope: IgnoreScope) -> String {
        let linter = Linter::new(LintOptions::default());
        let report = linter.lint(src, syntax);
        let finding = report
            .findings
            .iter()
            .find(|f| f.rule == TOWARD)
            .expect("a finding");
        let fix = ignore_fix(src, syntax, finding, scope);
        let out = crate::fix::apply(src, &fix.edits);
        // The inserted directive does what it says, and nothing else changes.
        let after = linter.lint(&out, syntax);
        assert!(!after.findings.iter().any(|f| f.rule == TOWARD), "{out}");
        assert_eq!(after.findings.len() + 1, report.findings.len(), "{out}");
        out
    }

    #[test]
    fn ignore_on_this_line_in_markdown_keeps_the_paragraph_whole() {
        let src = "They said the plan\nwent towards home.  \nIt was.\n";
        assert_eq!(
            apply_ignore(src, Syntax::Markdown, IgnoreScope::Line),
            "They said the plan\nwent towards home. <!-- copydesk-disable-line style/toward -->  \nIt was.\n"
        );
        let twice =
            "They went towards US troops. <!-- copydesk-disable-line style/us-abbreviation -->\n";
        assert_eq!(
            apply_ignore(twice, Syntax::Markdown, IgnoreScope::Line),
            "They went towards US troops. <!-- copydesk-disable-line style/us-abbreviation style/toward -->\n"
        );
        let table = "| a | b |\n|---|---|\n| x | towards |\n";
        assert_eq!(
            apply_ignore(table, Syntax::Markdown, IgnoreScope::Line),
            "| a | b |\n|---|---|\n| x | towards <!-- copydesk-disable-line style/toward --> |\n"
        );
    }

    #[test]
    fn ignore_on_this_line_in_plain_text_adds_a_line_above() {
        let src = "The vote came.\n\nThey went towards home.\n";
        assert_eq!(
            apply_ignore(src, Syntax::PlainText, IgnoreScope::Line),
            "The vote came.\n\n<!-- copydesk-disable-next-line style/toward -->\nThey went towards home.\n"
        );
    }

    #[test]
    fn ignore_in_this_file_goes_after_front_matter_and_extends() {
        let src = "---\ntitle: x\n---\n# Towards home\n";
        assert_eq!(
            apply_ignore(src, Syntax::Markdown, IgnoreScope::File),
            "---\ntitle: x\n---\n<!-- copydesk-disable style/toward -->\n# Towards home\n"
        );
        let existing = "<!-- copydesk-disable figures -->\nThey went towards home.\n";
        assert_eq!(
            apply_ignore(existing, Syntax::Markdown, IgnoreScope::File),
            "<!-- copydesk-disable figures style/toward -->\nThey went towards home.\n"
        );
        let plain = "They went towards home.\r\n";
        assert_eq!(
            apply_ignore(plain, Syntax::PlainText, IgnoreScope::File),
            "<!-- copydesk-disable style/toward -->\r\nThey went towards home.\r\n"
        );
    }
}
