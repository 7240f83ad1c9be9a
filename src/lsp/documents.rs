//! The server's copy of an open document: a rope, edited in place by
//! incremental changes, with the client's version and the syntax to lint it as.

use std::sync::atomic::{AtomicU64, Ordering};

use copydesk::Syntax;
use ropey::Rope;
use tower_lsp::lsp_types::{Range, TextDocumentContentChangeEvent, Url};

use super::position::{self, Encoding};

/// One open document.
#[derive(Clone, Debug)]
pub struct Document {
    /// The text, as the client last described it.
    pub rope: Rope,
    /// The client's version of the text.
    pub version: i32,
    /// New on every `didChange`, whatever the client's version says, and
    /// never reused: results are matched to text by revision, so a client
    /// that repeats a version cannot get stale results accepted.
    pub revision: u64,
    /// How the text is linted.
    pub syntax: Syntax,
}

/// A change applied to the text, but not exactly as the client described it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Adjusted {
    /// The range reached outside the text and was clamped into it.
    Clamped(Range),
}

/// A change that was not applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rejected {
    /// The range ends before it starts.
    Inverted(Range),
}

impl Document {
    /// A document opened with `text`.
    pub fn new(text: &str, version: i32, syntax: Syntax) -> Document {
        Document {
            rope: Rope::from_str(text),
            version,
            revision: next_revision(),
            syntax,
        }
    }

    /// Applies the changes of one `didChange`, in order, and moves to
    /// `version`. Returns what was not applied exactly as described, for the log.
    pub fn apply_changes(
        &mut self,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        encoding: Encoding,
    ) -> Vec<Result<Adjusted, Rejected>> {
        let problems = changes
            .iter()
            .filter_map(|change| self.apply(change, encoding).transpose())
            .collect();
        self.version = version;
        // Even a change of version alone is new text to the client, which
        // expects diagnostics tagged with it.
        self.revision = next_revision();
        problems
    }

    /// Applies one content change: a range replacement, or the whole text
    /// when the change has no range. Positions are clamped into the text;
    /// an inverted range is refused and leaves the text as it was.
    pub fn apply(
        &mut self,
        change: &TextDocumentContentChangeEvent,
        encoding: Encoding,
    ) -> Result<Option<Adjusted>, Rejected> {
        let Some(range) = change.range else {
            self.rope = Rope::from_str(&change.text);
            return Ok(None);
        };
        let adjusted = (!position::in_bounds(&self.rope, range.start, encoding)
            || !position::in_bounds(&self.rope, range.end, encoding))
        .then_some(Adjusted::Clamped(range));
        let span =
            position::to_span(&self.rope, range, encoding).ok_or(Rejected::Inverted(range))?;
        // Ropey edits by character index; the span is on character boundaries.
        let start = self.rope.byte_to_char(span.start);
        let end = self.rope.byte_to_char(span.end);
        if start < end {
            self.rope.remove(start..end);
        }
        if !change.text.is_empty() {
            self.rope.insert(start, &change.text);
        }
        Ok(adjusted)
    }
}

/// A revision number never handed out before in this process, so that a
/// result can never be matched to another text, not even to that of a
/// document closed and opened again under the same URI.
fn next_revision() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The syntax to lint a document as: the client's language id when it names
/// one copydesk knows (the writer picked it), else the file extension.
pub fn syntax_of(uri: &Url, language_id: &str) -> Syntax {
    match language_id.to_ascii_lowercase().as_str() {
        "markdown" | "mdx" => Syntax::Markdown,
        "plaintext" | "text" => Syntax::PlainText,
        _ => {
            // The path's last segment is enough for the extension, and works
            // for `untitled:` and other non-file schemes too.
            let name = uri.path().rsplit('/').next().unwrap_or("");
            Syntax::from_path(std::path::Path::new(name))
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use tower_lsp::lsp_types::Position;

    use super::*;

    fn change(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(start.0, start.1),
                Position::new(end.0, end.1),
            )),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn edits_multibyte_text_in_each_encoding() {
        // "😀" is 4 bytes, 2 UTF-16 units and 1 scalar value.
        for (encoding, after_emoji) in [
            (Encoding::Utf8, 5),
            (Encoding::Utf16, 3),
            (Encoding::Utf32, 2),
        ] {
            let mut doc = Document::new("a😀b\nçé", 1, Syntax::PlainText);
            assert_eq!(
                doc.apply(
                    &change((0, after_emoji), (0, after_emoji + 1), "B"),
                    encoding
                ),
                Ok(None)
            );
            assert_eq!(doc.rope.to_string(), "a😀B\nçé");
        }
        let mut doc = Document::new("a😀b\nçé", 1, Syntax::PlainText);
        assert_eq!(
            doc.apply(&change((1, 1), (1, 2), "e"), Encoding::Utf16),
            Ok(None)
        );
        assert_eq!(doc.rope.to_string(), "a😀b\nçe");
    }

    #[test]
    fn clamps_edits_past_the_end_and_refuses_inverted_ones() {
        let mut doc = Document::new("ab\ncd", 1, Syntax::PlainText);
        let past = change((7, 0), (9, 4), "!");
        assert_eq!(
            doc.apply(&past, Encoding::Utf16),
            Ok(Some(Adjusted::Clamped(past.range.unwrap_or_default())))
        );
        assert_eq!(doc.rope.to_string(), "ab\ncd!");
        let inverted = change((1, 1), (0, 1), "X");
        assert_eq!(
            doc.apply(&inverted, Encoding::Utf16),
            Err(Rejected::Inverted(inverted.range.unwrap_or_default()))
        );
        assert_eq!(doc.rope.to_string(), "ab\ncd!");
    }

    #[test]
    fn a_didchange_moves_version_and_revision() {
        let mut doc = Document::new("ab", 1, Syntax::PlainText);
        let opened = doc.revision;
        let changes = [
            change((0, 0), (0, 0), "x"),
            change((0, 2), (0, 1), "y"),
            change((0, 3), (0, 3), "z"),
        ];
        let problems = doc.apply_changes(2, &changes, Encoding::Utf16);
        assert_eq!(problems.len(), 1, "the inverted range");
        assert_eq!(doc.rope.to_string(), "xabz");
        assert_eq!(doc.version, 2);
        assert_ne!(doc.revision, opened);
        let changed = doc.revision;
        assert!(doc.apply_changes(3, &[], Encoding::Utf16).is_empty());
        assert_eq!(doc.version, 3);
        assert_ne!(doc.revision, changed);
        // Never the revision of another document either.
        assert!(Document::new("ab", 1, Syntax::PlainText).revision > doc.revision);
    }

    #[test]
    fn a_change_without_range_replaces_the_text() {
        let mut doc = Document::new("old", 1, Syntax::PlainText);
        let full = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "new\r\ntext".into(),
        };
        assert_eq!(doc.apply(&full, Encoding::Utf16), Ok(None));
        assert_eq!(doc.rope.to_string(), "new\r\ntext");
    }

    #[test]
    fn syntax_from_language_id_then_extension() {
        let md = Url::parse("file:///news/draft.md").ok();
        let txt = Url::parse("untitled:Untitled-1").ok();
        let (Some(md), Some(txt)) = (md, txt) else {
            panic!("test URLs parse")
        };
        assert_eq!(syntax_of(&md, "markdown"), Syntax::Markdown);
        assert_eq!(syntax_of(&md, "plaintext"), Syntax::PlainText);
        assert_eq!(syntax_of(&md, "something-else"), Syntax::Markdown);
        assert_eq!(syntax_of(&txt, "something-else"), Syntax::PlainText);
        assert_eq!(syntax_of(&txt, "Markdown"), Syntax::Markdown);
    }

    /// A random edit, given as fractions of the current text so that it can be
    /// applied to any text.
    #[derive(Clone, Debug)]
    struct RandomEdit {
        start: usize,
        len: usize,
        text: String,
        overshoot: bool,
    }

    fn edit_strategy() -> impl Strategy<Value = RandomEdit> {
        let pieces = prop::sample::select(vec![
            "", "a", "é", "“", "東", "😀", "\n", "\r\n", "\r", " word ", "\u{c}",
        ]);
        (
            any::<usize>(),
            0usize..8,
            prop::collection::vec(pieces, 0..4),
            prop::bool::weighted(0.05),
        )
            .prop_map(|(start, len, text, overshoot)| RandomEdit {
                start,
                len,
                text: text.concat(),
                overshoot,
            })
    }

    proptest! {
        /// Any sequence of incremental edits leaves the rope equal to the
        /// same edits applied to a `String`.
        #[test]
        fn random_edits_match_a_string(
            initial in prop::collection::vec(prop::sample::select(vec!["a", "é", "😀", "\n", "\r\n", "東", " "]), 0..30).prop_map(|p| p.concat()),
            edits in prop::collection::vec(edit_strategy(), 1..40),
            encoding in prop::sample::select(vec![Encoding::Utf8, Encoding::Utf16, Encoding::Utf32]),
        ) {
            let mut doc = Document::new(&initial, 0, Syntax::PlainText);
            let mut expected = initial.clone();
            for edit in edits {
                let boundaries: Vec<usize> = expected.char_indices().map(|(i, _)| i).chain([expected.len()]).collect();
                let at = edit.start % boundaries.len();
                let start = boundaries[at];
                let end = boundaries[(at + edit.len).min(boundaries.len() - 1)];
                // Skip spans that split a CRLF: the protocol cannot name the
                // place between its two bytes.
                let splits_crlf = |i: usize| i > 0 && i < expected.len() && expected.as_bytes()[i - 1] == b'\r' && expected.as_bytes()[i] == b'\n';
                if splits_crlf(start) || splits_crlf(end) {
                    continue;
                }
                let rope = Rope::from_str(&expected);
                let mut range = Range::new(position::to_position(&rope, start, encoding), position::to_position(&rope, end, encoding));
                if edit.overshoot {
                    // Past the end: clamped to the end of the text.
                    range.end = Position::new(u32::MAX, 0);
                    expected.replace_range(start.., &edit.text);
                } else {
                    expected.replace_range(start..end, &edit.text);
                }
                let change = TextDocumentContentChangeEvent { range: Some(range), range_length: None, text: edit.text };
                prop_assert!(doc.apply(&change, encoding).is_ok());
                prop_assert_eq!(doc.rope.to_string(), expected.clone());
            }
        }
    }
}
