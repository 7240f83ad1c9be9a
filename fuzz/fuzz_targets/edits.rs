//! Arbitrary sequences of incremental edits applied to a server document.
//!
//! The server's own modules are compiled in (src/lsp/documents.rs and
//! src/lsp/position.rs live in the binary crate, not the library), and
//! checked against a reference that does everything the slow, obvious way
//! on a `String`:
//!
//! - after every `didChange`, the rope equals the same edits applied to the
//!   string, with positions clamped as the server documents (past the last
//!   line: the end; past the end of a line: the end of its content; inside
//!   a character: its start) and inverted ranges refused;
//! - what the server says it clamped or refused is what the reference did;
//! - every character boundary converts to a position and back to itself in
//!   UTF-8, UTF-16 and UTF-32 (except the place between the CR and LF of a
//!   CRLF, which the protocol cannot name), and the position is the one the
//!   reference counts.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use tower_lsp::lsp_types::{Position, Range, TextDocumentContentChangeEvent};

#[allow(dead_code)]
#[path = "../../src/lsp/position.rs"]
mod position;

#[allow(dead_code)]
#[path = "../../src/lsp/documents.rs"]
mod documents;

use documents::{Adjusted, Document, Rejected};
use position::Encoding;

#[derive(Arbitrary, Debug)]
struct Input {
    initial: String,
    encoding: u8,
    edits: Vec<FuzzEdit>,
}

#[derive(Arbitrary, Debug)]
struct FuzzEdit {
    /// Starts a new `didChange` (otherwise joins the previous one's changes).
    new_batch: bool,
    /// A change without a range: the whole text.
    whole: bool,
    start: FuzzPosition,
    end: FuzzPosition,
    text: String,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
struct FuzzPosition {
    line: u16,
    character: u16,
    /// Taken as is rather than folded into the text's range.
    raw: bool,
}

const ALL: [Encoding; 3] = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32];

fn units(c: char, encoding: Encoding) -> usize {
    match encoding {
        Encoding::Utf8 => c.len_utf8(),
        Encoding::Utf16 => c.len_utf16(),
        Encoding::Utf32 => 1,
    }
}

/// Byte offsets where the protocol's lines start (`\n`, `\r\n`, `\r`).
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            starts.push(i + 1);
        }
    }
    starts
}

fn content_end(text: &str, start: usize) -> usize {
    text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| start + i)
}

/// The reference clamp: the byte a position stands for.
fn naive_offset(text: &str, p: Position, encoding: Encoding) -> usize {
    let starts = line_starts(text);
    let Some(&start) = starts.get(p.line as usize) else {
        return text.len();
    };
    let end = content_end(text, start);
    let wanted = p.character as usize;
    let mut counted = 0;
    for (i, c) in text[start..end].char_indices() {
        let u = units(c, encoding);
        if counted + u > wanted {
            return start + i;
        }
        counted += u;
    }
    end
}

fn naive_in_bounds(text: &str, p: Position, encoding: Encoding) -> bool {
    let starts = line_starts(text);
    let Some(&start) = starts.get(p.line as usize) else {
        return false;
    };
    let end = content_end(text, start);
    let length: usize = text[start..end].chars().map(|c| units(c, encoding)).sum();
    p.character as usize <= length
}

/// A fuzzed position folded into (a little past) the text's range, so that
/// most edits land inside the text.
fn fold(p: FuzzPosition, text: &str, encoding: Encoding) -> Position {
    if p.raw {
        let line = if p.line > u16::MAX - 8 {
            u32::MAX - u32::from(u16::MAX - p.line)
        } else {
            u32::from(p.line)
        };
        return Position::new(line, u32::from(p.character) * 4099);
    }
    let starts = line_starts(text);
    let line = usize::from(p.line) % (starts.len() + 1);
    let length = starts.get(line).map_or(0, |&s| {
        text[s..content_end(text, s)]
            .chars()
            .map(|c| units(c, encoding))
            .sum()
    });
    Position::new(
        line as u32,
        (usize::from(p.character) % (length + 3)) as u32,
    )
}

fn check_round_trips(rope: &ropey::Rope, text: &str) {
    // One sweep, counting lines and units as it goes. Each conversion
    // scans a rope chunk, so a long text is sampled: every boundary next to
    // a line break, and about 256 others.
    let bytes = text.as_bytes();
    let mut line = 0u32;
    let mut counted = [0u32; 3];
    let check = |byte: usize, line: u32, counted: &[u32; 3]| {
        let inside_crlf = byte > 0 && bytes.get(byte) == Some(&b'\n') && bytes[byte - 1] == b'\r';
        for (encoding, &character) in ALL.iter().zip(counted) {
            let p = position::to_position(rope, byte, *encoding);
            assert_eq!(
                p,
                Position::new(line, character),
                "byte {byte} in {encoding:?}"
            );
            if !inside_crlf {
                assert_eq!(
                    position::to_byte(rope, p, *encoding),
                    byte,
                    "round trip of byte {byte} in {encoding:?}"
                );
            }
        }
    };
    let stride = text.chars().count() / 256 + 1;
    let mut previous = ' ';
    for (n, (i, c)) in text.char_indices().enumerate() {
        let notable = |c: char| c == '\n' || c == '\r';
        if n % stride == 0 || notable(c) || notable(previous) {
            check(i, line, &counted);
        }
        previous = c;
        let breaks = c == '\n' || (c == '\r' && bytes.get(i + 1) != Some(&b'\n'));
        if breaks {
            line += 1;
            counted = [0; 3];
        } else {
            for (n, encoding) in counted.iter_mut().zip(ALL) {
                *n += units(c, encoding) as u32;
            }
        }
    }
    check(text.len(), line, &counted);
}

fuzz_target!(|input: Input| {
    let encoding = ALL[usize::from(input.encoding) % 3];
    let mut doc = Document::new(&input.initial, 0, copydesk::Syntax::PlainText);
    let mut expected = input.initial.clone();
    assert_eq!(doc.rope.to_string(), expected);

    let mut edits = input.edits.into_iter().peekable();
    let mut version = 0;
    while edits.peek().is_some() {
        // One didChange: this edit and the ones after it that do not start a new batch.
        let mut batch = vec![];
        while let Some(edit) = edits.next_if(|e| batch.is_empty() || !e.new_batch) {
            batch.push(edit);
        }
        // The reference applies each change to the text the previous one left.
        let mut changes = Vec::new();
        let mut problems = Vec::new();
        for edit in batch {
            if edit.whole {
                expected = edit.text.clone();
                changes.push(TextDocumentContentChangeEvent {
                    range: None,
                    range_length: None,
                    text: edit.text,
                });
                continue;
            }
            let range = Range::new(
                fold(edit.start, &expected, encoding),
                fold(edit.end, &expected, encoding),
            );
            let start = naive_offset(&expected, range.start, encoding);
            let end = naive_offset(&expected, range.end, encoding);
            if start > end {
                problems.push(Err(Rejected::Inverted(range)));
            } else {
                if !naive_in_bounds(&expected, range.start, encoding)
                    || !naive_in_bounds(&expected, range.end, encoding)
                {
                    problems.push(Ok(Adjusted::Clamped(range)));
                }
                expected.replace_range(start..end, &edit.text);
            }
            changes.push(TextDocumentContentChangeEvent {
                range: Some(range),
                range_length: None,
                text: edit.text,
            });
        }
        version += 1;
        let reported = doc.apply_changes(version, &changes, encoding);
        assert_eq!(reported, problems);
        let text = doc.rope.to_string();
        assert_eq!(text, expected);
        assert_eq!(doc.version, version);
    }
    check_round_trips(&doc.rope, &expected);
});
