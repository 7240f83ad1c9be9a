//! Re-extracting only the part of a document that an edit touched.
//!
//! A keystroke in a long document changes one section (a Markdown block or a
//! plain-text paragraph). Parsing the whole document again would read every
//! other section for nothing, so the previous extraction is kept and only the
//! sections around the change are parsed again, then spliced in. Parsing
//! restarted at the beginning of a top-level section reads it as the whole
//! document would; what could break that is checked, and any doubt falls back
//! to a full parse, so the result is always what a full parse gives.

use std::ops::Range;

use crate::prose::markup::{extract, Block, Comment, Extracted};
use crate::prose::Syntax;

/// A document as last extracted.
#[derive(Default)]
pub(super) struct Extraction {
    /// The source that was extracted.
    source: String,
    /// The buffer the next source is written to; the previous source after
    /// an update. Two buffers that swap: no allocation per keystroke.
    next: String,
    /// The syntax it was read as; `None` before the first extraction.
    syntax: Option<Syntax>,
    /// Whether it may hold reference definitions or footnotes (`]:`), which
    /// reach across the document: a section parsed alone would not see them.
    references: bool,
    /// What was extracted from it.
    pub extracted: Extracted,
}

/// How a new extraction lines up with the previous one: blocks before
/// `kept_before` are the previous ones unchanged; blocks from `new_after` on
/// are the previous ones from `old_after` on, moved by the edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Splice {
    /// Leading blocks that are the previous ones.
    pub kept_before: usize,
    /// First previous block that follows the re-extracted part.
    pub old_after: usize,
    /// First new block that follows the re-extracted part.
    pub new_after: usize,
}

impl Extraction {
    /// The source of the latest extraction.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Extracts the text that `fill` writes, re-parsing only what changed
    /// since the previous extraction when that is safe. The splice is `None`
    /// after a full parse.
    pub fn update(&mut self, syntax: Syntax, fill: impl FnOnce(&mut String)) -> Option<Splice> {
        let mut source = std::mem::take(&mut self.next);
        source.clear();
        fill(&mut source);
        let references =
            syntax == Syntax::Markdown && memchr::memmem::find(source.as_bytes(), b"]:").is_some();
        let splice = (self.syntax == Some(syntax) && !self.references && !references)
            .then(|| self.respliced(&source, syntax))
            .flatten();
        if splice.is_none() {
            self.extracted = extract(&source, syntax);
            self.syntax = Some(syntax);
        }
        self.references = references;
        self.next = std::mem::replace(&mut self.source, source);
        splice
    }

    /// Splices a re-extraction of the sections around the change into the
    /// previous extraction, or `None` when the change needs a full parse.
    fn respliced(&mut self, source: &str, syntax: Syntax) -> Option<Splice> {
        let old = self.source.as_bytes();
        let new = source.as_bytes();
        if old == new {
            let blocks = self.extracted.blocks.len();
            return Some(Splice {
                kept_before: blocks,
                old_after: blocks,
                new_after: blocks,
            });
        }
        let prefix = common_prefix(old, new);
        let suffix = common_suffix(&old[prefix..], &new[prefix..]);
        let changed_end = old.len() - suffix;
        let sections = &self.extracted.sections;
        // One whole section either side of the change: an edit at a
        // section's edge can join it to its neighbour (a heading turned into
        // a paragraph's next line), and an untouched section after it shows
        // that the parse is back in step.
        let touched = sections.partition_point(|s| s.end < prefix);
        // A section's range starts after its indentation, which decides what
        // it is (indented code, a nested list): its line is what counts.
        let line_start =
            |at: usize| memchr::memrchr2(b'\n', b'\r', &old[..at]).map_or(0, |eol| eol + 1);
        let first = touched.checked_sub(1).map(|before| sections[before].start);
        let window_start = first.map_or(0, line_start);
        let mut after = sections.partition_point(|s| s.start <= changed_end);
        while sections
            .get(after)
            .is_some_and(|s| line_start(s.start) <= changed_end)
        {
            after += 1;
        }
        let anchor = sections.get(after).cloned();
        let old_end = anchor.as_ref().map_or(old.len(), |s| s.end);
        let delta = new.len() as isize - old.len() as isize;
        let window = source.get(window_start..old_end.checked_add_signed(delta)?)?;
        // pulldown-cmark opens a metadata block (front matter) at any `---`
        // or `+++` line that a matching line closes further down, however
        // far, even inside a list: a delimiter in the edited part can change
        // the meaning of lines on either side of it.
        if syntax == Syntax::Markdown && may_hold_delimiter(window.as_bytes(), new, window_start) {
            return None;
        }
        let mut part = extract(window, syntax);
        let by = window_start as isize;
        part.blocks.iter_mut().for_each(|b| b.shift(by));
        part.sections.iter_mut().for_each(|s| s.shift(by));
        part.comments.iter_mut().for_each(|c| c.shift(by));
        if first.is_some() && part.sections.first().map(|s| s.start) != first {
            return None;
        }
        if let Some(anchor) = anchor {
            let mut moved = anchor;
            moved.shift(delta);
            if part.sections.last() != Some(&moved) {
                return None;
            }
        }
        let old = window_start..old_end;
        let ex = &mut self.extracted;
        let new_blocks = part.blocks.len();
        let (kept_before, old_after) = splice_in(&mut ex.blocks, part.blocks, &old, delta);
        splice_in(&mut ex.sections, part.sections, &old, delta);
        splice_in(&mut ex.comments, part.comments, &old, delta);
        let new_after = kept_before + new_blocks;
        Some(Splice {
            kept_before,
            old_after,
            new_after,
        })
    }
}

/// Something extracted at a place in the source.
trait Placed {
    fn start(&self) -> usize;
    /// Moves it by `delta` bytes.
    fn shift(&mut self, delta: isize);
}

impl Placed for Range<usize> {
    fn start(&self) -> usize {
        self.start
    }
    fn shift(&mut self, delta: isize) {
        *self = self.start.saturating_add_signed(delta)..self.end.saturating_add_signed(delta);
    }
}

impl Placed for Block {
    fn start(&self) -> usize {
        self.start
    }
    fn shift(&mut self, delta: isize) {
        self.start = self.start.saturating_add_signed(delta);
    }
}

impl Placed for Comment {
    fn start(&self) -> usize {
        self.span.start
    }
    fn shift(&mut self, delta: isize) {
        self.span.shift(delta);
    }
}

/// Replaces the items that start in `old` with `part` and moves the items
/// after them by `delta`. Returns the index of the first replaced item and of
/// the first previous item after `old`.
fn splice_in<T: Placed>(
    items: &mut Vec<T>,
    part: Vec<T>,
    old: &Range<usize>,
    delta: isize,
) -> (usize, usize) {
    let kept = items.partition_point(|i| i.start() < old.start);
    let after = items.partition_point(|i| i.start() < old.end);
    let added = part.len();
    items.splice(kept..after, part);
    items[kept + added..]
        .iter_mut()
        .for_each(|i| i.shift(delta));
    (kept, after)
}

/// Whether a metadata block could open or close in `window`, which starts
/// at `at` in `source`. Delimiters may follow list and quote markers, so any
/// occurrence counts; `...` only closes a block that `---` opened above it.
fn may_hold_delimiter(window: &[u8], source: &[u8], at: usize) -> bool {
    let has = |text: &[u8], d: &[u8]| memchr::memmem::find(text, d).is_some();
    has(window, b"---") || has(window, b"+++") || has(window, b"...") && has(&source[..at], b"---")
}

/// Bytes compared at a time when looking for the change: a slice comparison
/// is a `memcmp`, which compares a vector of bytes at a time where a byte
/// loop compares one.
const CHUNK: usize = 256;

/// Length of the longest common prefix of `a` and `b`.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + CHUNK <= n && a[i..i + CHUNK] == b[i..i + CHUNK] {
        i += CHUNK;
    }
    i + a[i..n]
        .iter()
        .zip(&b[i..n])
        .take_while(|(x, y)| x == y)
        .count()
}

/// Length of the longest common suffix of `a` and `b`.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut i = 0;
    while i + CHUNK <= n && a[n - i - CHUNK..n - i] == b[n - i - CHUNK..n - i] {
        i += CHUNK;
    }
    i + a[..n - i]
        .iter()
        .rev()
        .zip(b[..n - i].iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Markdown and plain-text pieces that change how what follows them
    /// parses: fences, setext underlines, lists, quotes, HTML, front matter,
    /// reference definitions, tables, directives.
    const PIECES: &[&str] = &[
        "The council voted 7-2, the clerk said.",
        "Critics say the plan is very costly.",
        "# Headline",
        "Title\n===",
        "```\ncode \"quoted\"\n```",
        "```",
        "- one\n- two",
        "1. first\n\n   still first",
        "> “A quotation,” she said.\n> Continued",
        "| a | b |\n|---|---|\n| 45% | $3m |",
        "<!-- copydesk-disable -->",
        "<div>\nhtml *block*\n</div>",
        "---",
        "---\ntitle: x\n---",
        "[ref]: https://example.com",
        "See [the report][ref] and https://example.com/x.",
        "    indented code",
        "lazy continuation line",
        "\n",
        "",
        "***",
        "+++\nkey = 1\n+++",
        "<!--\nmulti-line comment\n-->",
        "  - nested item\n    more",
        "> quoted\nlazy line",
        "Setext\n---",
        "a | b\n--|--\nc | d",
        "~~~\nfence",
        "<",
        "`",
        "* ",
        "> ",
        "\r\n",
        "[^1]: A footnote.",
        "Wait ... what?",
    ];

    fn document() -> impl Strategy<Value = String> {
        prop::collection::vec((prop::sample::select(PIECES), prop::bool::ANY), 0..14).prop_map(
            |parts| {
                parts
                    .into_iter()
                    .map(|(piece, tight)| format!("{piece}{}", if tight { "\n" } else { "\n\n" }))
                    .collect()
            },
        )
    }

    fn assert_same(incremental: &Extracted, full: &Extracted, text: &str) {
        assert_eq!(incremental.blocks, full.blocks, "blocks of {text:?}");
        assert_eq!(incremental.comments, full.comments, "comments of {text:?}");
        assert_eq!(incremental.sections, full.sections, "sections of {text:?}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn re_extracting_an_edit_equals_extracting_afresh(
            doc in document(),
            markdown in prop::bool::ANY,
            edits in prop::collection::vec(
                (any::<prop::sample::Index>(), 0usize..30, prop::sample::select(PIECES), prop::bool::ANY),
                1..10,
            ),
        ) {
            let syntax = if markdown { Syntax::Markdown } else { Syntax::PlainText };
            let mut extraction = Extraction::default();
            let mut text = doc;
            extraction.update(syntax, |b| b.push_str(&text));
            assert_same(&extraction.extracted, &extract(&text, syntax), &text);
            for (at, len, piece, newline) in edits {
                let boundaries: Vec<usize> =
                    text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
                let start = boundaries[at.index(boundaries.len())];
                let end = boundaries[(at.index(boundaries.len()) + len).min(boundaries.len() - 1)];
                let insert = if newline { format!("\n{piece}") } else { piece.to_string() };
                text.replace_range(start..end, &insert);
                extraction.update(syntax, |b| b.push_str(&text));
                assert_same(&extraction.extracted, &extract(&text, syntax), &text);
            }
        }
    }

    #[test]
    fn a_keystroke_re_extracts_only_its_neighbourhood() {
        let mut text: String = (0..50)
            .map(|i| format!("Paragraph {i} says something.\n\n"))
            .collect();
        let mut extraction = Extraction::default();
        assert_eq!(
            extraction.update(Syntax::Markdown, |b| b.push_str(&text)),
            None
        );
        let at = text.find("Paragraph 20").unwrap_or_default() + 4;
        text.insert(at, 'x');
        let splice = extraction.update(Syntax::Markdown, |b| b.push_str(&text));
        assert_eq!(
            splice,
            Some(Splice {
                kept_before: 19,
                old_after: 22,
                new_after: 22
            })
        );
        assert_same(
            &extraction.extracted,
            &extract(&text, Syntax::Markdown),
            &text,
        );
        // The same text again: nothing to parse.
        let unchanged = extraction.extracted.blocks.len();
        assert_eq!(
            extraction.update(Syntax::Markdown, |b| b.push_str(&text)),
            Some(Splice {
                kept_before: unchanged,
                old_after: unchanged,
                new_after: unchanged
            })
        );
        // Opening a fence swallows the rest of the document: a full parse.
        text.insert_str(at, "\n```\n");
        assert_eq!(
            extraction.update(Syntax::Markdown, |b| b.push_str(&text)),
            None
        );
        assert_same(
            &extraction.extracted,
            &extract(&text, Syntax::Markdown),
            &text,
        );
    }
}
