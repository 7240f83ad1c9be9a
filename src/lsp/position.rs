//! LSP positions ⇄ byte offsets.
//!
//! The library speaks byte offsets; the protocol speaks (line, character)
//! with the character counted in the negotiated encoding. Every conversion
//! goes through the document's [`Rope`], whose indexes make each one
//! O(log n) instead of a rescan of the text from the start.
//!
//! Lines end at `\n`, `\r\n` or `\r`, as the protocol says. This relies on
//! ropey being built without its `unicode_lines` feature (see Cargo.toml):
//! with it, a form feed or U+2028 in the copy would start a new line for us
//! but not for the editor.
//!
//! Positions from the client are clamped, never trusted: a line past the
//! end means the end of the text, a character past the end of its line means
//! the end of that line, and a character that falls inside a multi-unit
//! character (half a surrogate pair, the middle of a UTF-8 sequence) means
//! the start of that character.

use ropey::Rope;
use tower_lsp::lsp_types::{Position, PositionEncodingKind, Range};

/// How the `character` of a position is counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units: the protocol's default, and what JavaScript editors count.
    #[default]
    Utf16,
    /// Unicode scalar values.
    Utf32,
}

impl Encoding {
    /// The encoding a protocol name stands for, if copydesk supports it.
    pub fn from_kind(kind: &PositionEncodingKind) -> Option<Encoding> {
        match kind.as_str() {
            "utf-8" => Some(Encoding::Utf8),
            "utf-16" => Some(Encoding::Utf16),
            "utf-32" => Some(Encoding::Utf32),
            _ => None,
        }
    }

    /// The protocol name of the encoding.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }
}

/// The byte offset `position` stands for, clamped into the text.
pub fn to_byte(rope: &Rope, position: Position, encoding: Encoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let start = rope.line_to_byte(line);
    let end = content_end(rope, line);
    let wanted = position.character as usize;
    match encoding {
        Encoding::Utf8 => {
            let byte = start.saturating_add(wanted).min(end);
            // Round down to the start of the character the byte belongs to.
            rope.char_to_byte(rope.byte_to_char(byte))
        }
        Encoding::Utf16 => {
            let first = rope.char_to_utf16_cu(rope.byte_to_char(start));
            let last = rope.char_to_utf16_cu(rope.byte_to_char(end));
            let unit = first.saturating_add(wanted).min(last);
            // `utf16_cu_to_char` maps the second half of a pair to its character.
            rope.char_to_byte(rope.utf16_cu_to_char(unit))
        }
        Encoding::Utf32 => {
            let first = rope.byte_to_char(start);
            let last = rope.byte_to_char(end);
            rope.char_to_byte(first.saturating_add(wanted).min(last))
        }
    }
}

/// The position of byte offset `byte` (clamped to the text, rounded down to
/// a character boundary).
pub fn to_position(rope: &Rope, byte: usize, encoding: Encoding) -> Position {
    let char_idx = rope.byte_to_char(byte.min(rope.len_bytes()));
    let line = rope.char_to_line(char_idx);
    let line_char = rope.line_to_char(line);
    let character = match encoding {
        Encoding::Utf8 => rope.char_to_byte(char_idx) - rope.line_to_byte(line),
        Encoding::Utf16 => rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(line_char),
        Encoding::Utf32 => char_idx - line_char,
    };
    Position::new(saturate(line), saturate(character))
}

/// The protocol range of a byte range.
pub fn to_range(rope: &Rope, span: &std::ops::Range<usize>, encoding: Encoding) -> Range {
    Range::new(
        to_position(rope, span.start, encoding),
        to_position(rope, span.end, encoding),
    )
}

/// The byte range of a protocol range, or `None` when it is inverted (its
/// end before its start once both are clamped).
pub fn to_span(rope: &Rope, range: Range, encoding: Encoding) -> Option<std::ops::Range<usize>> {
    let start = to_byte(rope, range.start, encoding);
    let end = to_byte(rope, range.end, encoding);
    (start <= end).then_some(start..end)
}

/// Whether `position` lies inside the text as the protocol counts it (its
/// line exists and its character is within that line).
pub fn in_bounds(rope: &Rope, position: Position, encoding: Encoding) -> bool {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return false;
    }
    let start = rope.line_to_byte(line);
    let end = content_end(rope, line);
    let length = match encoding {
        Encoding::Utf8 => end - start,
        Encoding::Utf16 => {
            rope.char_to_utf16_cu(rope.byte_to_char(end))
                - rope.char_to_utf16_cu(rope.byte_to_char(start))
        }
        Encoding::Utf32 => rope.byte_to_char(end) - rope.byte_to_char(start),
    };
    position.character as usize <= length
}

/// Byte offset of the end of `line`'s content, before its line ending.
fn content_end(rope: &Rope, line: usize) -> usize {
    let start = rope.line_to_byte(line);
    let mut end = rope.line_to_byte(line + 1);
    if end > start && rope.byte(end - 1) == b'\n' {
        end -= 1;
    }
    if end > start && rope.byte(end - 1) == b'\r' {
        end -= 1;
    }
    end
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Past this many bytes, [`Sweep`] jumps through the rope instead of scanning.
const JUMP: usize = 64 * 1024;

/// Converts many byte offsets of one text, in ascending order, in a single
/// pass: from one offset to the next it scans only the bytes between them
/// (line breaks found with memchr), and over long gaps it jumps through the
/// rope in O(log n). Converting the thousands of findings of a long
/// document this way costs a fraction of a rope lookup per position, and
/// never more than one pass over the text.
#[derive(Clone, Copy)]
pub struct Sweep<'t> {
    text: &'t str,
    rope: &'t Rope,
    encoding: Encoding,
    /// Where the sweep is, and its line, line start and column there.
    at: usize,
    line: usize,
    line_start: usize,
    column: usize,
}

impl<'t> Sweep<'t> {
    /// A sweep from the start of `text`, which must be `rope`'s text.
    pub fn new(text: &'t str, rope: &'t Rope, encoding: Encoding) -> Sweep<'t> {
        Sweep {
            text,
            rope,
            encoding,
            at: 0,
            line: 0,
            line_start: 0,
            column: 0,
        }
    }

    /// The range of a span whose start is at or after the previous span's start.
    /// (An earlier one is still converted right, through the rope.)
    pub fn range(&mut self, span: &std::ops::Range<usize>) -> Range {
        let start = self.position(span.start);
        // The end from a copy, so that the next span's start, which may lie
        // before this end, still finds the sweep behind it.
        let end = {
            let mut probe = *self;
            probe.position(span.end)
        };
        Range::new(start, end)
    }

    /// The position of `byte` (clamped, rounded down to a character boundary).
    pub fn position(&mut self, byte: usize) -> Position {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        if byte < self.at || byte - self.at > JUMP {
            let position = to_position(self.rope, byte, self.encoding);
            if byte >= self.at {
                self.line = position.line as usize;
                self.line_start = self.rope.line_to_byte(self.line);
                self.at = byte;
                self.column = position.character as usize;
            }
            return position;
        }
        let bytes = self.text.as_bytes();
        let mut moved_line = false;
        for i in memchr::memchr2_iter(b'\n', b'\r', &bytes[self.at..byte]).map(|i| i + self.at) {
            // "\r\n" is one break, counted at its "\n".
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                continue;
            }
            self.line += 1;
            self.line_start = i + 1;
            moved_line = true;
        }
        let from = if moved_line { self.line_start } else { self.at };
        let counted = units(&bytes[from..byte], self.encoding);
        self.column = if moved_line {
            counted
        } else {
            self.column + counted
        };
        self.at = byte;
        Position::new(saturate(self.line), saturate(self.column))
    }
}

/// The length of whole characters `bytes` in `encoding` units.
fn units(bytes: &[u8], encoding: Encoding) -> usize {
    match encoding {
        Encoding::Utf8 => bytes.len(),
        // One per leading byte; a four-byte character is two UTF-16 units.
        Encoding::Utf16 => bytes
            .iter()
            .map(|&b| usize::from((b & 0xC0) != 0x80) + usize::from(b >= 0xF0))
            .sum(),
        Encoding::Utf32 => bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count(),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The naive reference: split the string into lines the protocol's way
    /// and count units character by character.
    fn naive_position(text: &str, byte: usize, encoding: Encoding) -> Position {
        let mut line = 0;
        let mut line_start = 0;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < byte {
            match bytes[i] {
                b'\n' => {
                    line += 1;
                    line_start = i + 1;
                }
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => {
                    line += 1;
                    line_start = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        let before = &text[line_start..byte];
        let character = match encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
            Encoding::Utf32 => before.chars().count(),
        };
        Position::new(line as u32, character as u32)
    }

    fn units(c: char, encoding: Encoding) -> usize {
        match encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }

    const ALL: [Encoding; 3] = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32];

    #[test]
    fn accented_quotes_cjk_and_emoji() {
        let text = "Café “naïve”\r\n東京 😀 x\rlast";
        let rope = Rope::from_str(text);
        let x = text.find('x').unwrap_or(0);
        assert_eq!(to_position(&rope, x, Encoding::Utf8), Position::new(1, 12));
        assert_eq!(to_position(&rope, x, Encoding::Utf16), Position::new(1, 6));
        assert_eq!(to_position(&rope, x, Encoding::Utf32), Position::new(1, 5));
        let quote = text.find('”').unwrap_or(0);
        assert_eq!(
            to_position(&rope, quote, Encoding::Utf16),
            Position::new(0, 11)
        );
        assert_eq!(
            to_position(&rope, quote, Encoding::Utf8),
            Position::new(0, 15)
        );
        let last = text.find("last").unwrap_or(0);
        assert_eq!(
            to_position(&rope, last, Encoding::Utf16),
            Position::new(2, 0)
        );
        for encoding in ALL {
            assert_eq!(to_byte(&rope, to_position(&rope, x, encoding), encoding), x);
        }
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "ab\r\ncd\n";
        let rope = Rope::from_str(text);
        for encoding in ALL {
            // Past the end of a line: the end of its content, before "\r\n".
            assert_eq!(to_byte(&rope, Position::new(0, 99), encoding), 2);
            // Past the last line: the end of the text.
            assert_eq!(to_byte(&rope, Position::new(9, 0), encoding), text.len());
            assert_eq!(
                to_byte(&rope, Position::new(u32::MAX, u32::MAX), encoding),
                text.len()
            );
            assert!(!in_bounds(&rope, Position::new(0, 3), encoding));
            assert!(in_bounds(&rope, Position::new(2, 0), encoding));
        }
        assert_eq!(
            to_position(&rope, 999, Encoding::Utf16),
            Position::new(2, 0)
        );
    }

    #[test]
    fn a_sweep_jumps_long_gaps_and_goes_back_when_asked() {
        let mut text = String::from("é\r\n");
        text.push_str(&"line of copy 😀\n".repeat(20_000));
        let rope = Rope::from_str(&text);
        let mut sweep = Sweep::new(&text, &rope, Encoding::Utf16);
        let far = text.len() - 5;
        assert_eq!(
            sweep.position(far),
            to_position(&rope, far, Encoding::Utf16)
        );
        assert_eq!(
            sweep.position(far + 2),
            to_position(&rope, far + 2, Encoding::Utf16)
        );
        // Behind the sweep: through the rope, and the sweep stays where it was.
        assert_eq!(sweep.position(2), Position::new(0, 1));
        assert_eq!(
            sweep.position(far + 3),
            to_position(&rope, far + 3, Encoding::Utf16)
        );
    }

    #[test]
    fn positions_inside_a_character_round_down() {
        let text = "a😀b";
        let rope = Rope::from_str(text);
        // Between the two halves of the surrogate pair.
        assert_eq!(to_byte(&rope, Position::new(0, 2), Encoding::Utf16), 1);
        assert_eq!(to_byte(&rope, Position::new(0, 3), Encoding::Utf16), 5);
        // Inside the four UTF-8 bytes.
        assert_eq!(to_byte(&rope, Position::new(0, 3), Encoding::Utf8), 1);
        // A byte offset inside the emoji.
        assert_eq!(to_position(&rope, 3, Encoding::Utf16), Position::new(0, 1));
    }

    #[test]
    fn inverted_ranges_are_refused() {
        let rope = Rope::from_str("abc");
        let range = Range::new(Position::new(0, 2), Position::new(0, 1));
        assert_eq!(to_span(&rope, range, Encoding::Utf16), None);
        let range = Range::new(Position::new(0, 1), Position::new(0, 2));
        assert_eq!(to_span(&rope, range, Encoding::Utf16), Some(1..2));
    }

    #[test]
    fn line_breaks_are_only_the_protocols() {
        // Form feed, vertical tab, NEL and the Unicode separators are not line
        // breaks in the protocol, so they must not be for us either.
        let text = "a\u{c}b\u{b}c\u{85}d\u{2028}e\u{2029}f";
        let rope = Rope::from_str(text);
        assert_eq!(rope.len_lines(), 1);
        let f = text.find('f').unwrap_or(0);
        assert_eq!(to_position(&rope, f, Encoding::Utf32), Position::new(0, 10));
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "Z",
            " ",
            "é",
            "“",
            "”",
            "東",
            "京",
            "😀",
            "👩‍👩‍👧",
            "\n",
            "\r\n",
            "\r",
            "\u{c}",
            "\u{2028}",
            "\0",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn a_sweep_agrees_with_the_rope(text in text_strategy(), picks in prop::collection::vec(any::<prop::sample::Index>(), 0..20), lengths in prop::collection::vec(0usize..12, 20)) {
            let rope = Rope::from_str(&text);
            let mut starts: Vec<usize> = picks.iter().map(|p| p.index(text.len() + 1)).collect();
            starts.sort_unstable();
            for encoding in ALL {
                let mut sweep = Sweep::new(&text, &rope, encoding);
                for (start, len) in starts.iter().zip(&lengths) {
                    let span = *start..(start + len).min(text.len());
                    let floor = |mut b: usize| { while !text.is_char_boundary(b) { b -= 1; } b };
                    let expected = Range::new(to_position(&rope, floor(span.start), encoding), to_position(&rope, floor(span.end), encoding));
                    prop_assert_eq!(sweep.range(&span), expected);
                }
            }
        }

        #[test]
        fn byte_to_position_matches_the_naive_reference(text in text_strategy(), pick in any::<prop::sample::Index>()) {
            let rope = Rope::from_str(&text);
            let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let byte = boundaries[pick.index(boundaries.len())];
            for encoding in ALL {
                let expected = naive_position(&text, byte, encoding);
                prop_assert_eq!(to_position(&rope, byte, encoding), expected);
                // A CR of a CRLF is not a place the protocol can name, every
                // other boundary must come back to itself.
                let inside_crlf = text.as_bytes().get(byte) == Some(&b'\n') && byte > 0 && text.as_bytes()[byte - 1] == b'\r';
                if !inside_crlf {
                    prop_assert_eq!(to_byte(&rope, expected, encoding), byte);
                }
            }
        }

        #[test]
        fn any_position_maps_to_a_boundary_without_panicking(text in text_strategy(), line in 0u32..12, character in 0u32..80) {
            let rope = Rope::from_str(&text);
            for encoding in ALL {
                let byte = to_byte(&rope, Position::new(line, character), encoding);
                prop_assert!(text.is_char_boundary(byte));
                // Clamping never moves past the end of the line it names.
                let back = to_position(&rope, byte, encoding);
                prop_assert!(back.line <= line);
                if back.line == line {
                    prop_assert!(back.character <= character);
                }
            }
        }

        #[test]
        fn character_counts_follow_the_encoding(text in text_strategy()) {
            let rope = Rope::from_str(&text);
            let first_line: &str = text.split(['\n', '\r']).next().unwrap_or("");
            for encoding in ALL {
                let length: usize = first_line.chars().map(|c| units(c, encoding)).sum();
                prop_assert_eq!(to_position(&rope, first_line.len(), encoding), Position::new(0, length as u32));
            }
        }
    }
}
