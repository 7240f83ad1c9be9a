//! Byte offsets to 1-based lines and character columns, for output formats.

/// Columns are counted from a mark at least this often (in bytes) along a
/// long line, so that placing many findings on one huge line stays linear.
const MARK_EVERY: usize = 16 * 1024;

/// The UTF-8 byte-order mark.
const BOM: &str = "\u{feff}";

/// The start offsets of the lines of a text.
pub struct LineIndex {
    starts: Vec<usize>,
    /// Along lines longer than [`MARK_EVERY`]: (byte offset, 0-based column
    /// in characters), in order.
    marks: Vec<(usize, usize)>,
}

impl LineIndex {
    /// Indexes `text`. Lines end at `\n`, `\r\n` or a lone `\r`, as editors
    /// and the language server protocol count them (a `\r` before `\n`
    /// belongs to the line).
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                .map(|i| i + 1),
        );
        let mut marks = Vec::new();
        let ends = starts.iter().skip(1).copied().chain([text.len()]);
        for (&start, end) in starts.iter().zip(ends) {
            let (mut at, mut column) = (start, 0);
            while end - at > MARK_EVERY {
                let mut next = at + MARK_EVERY;
                while !text.is_char_boundary(next) {
                    next -= 1;
                }
                column += text[at..next].chars().count();
                marks.push((next, column));
                at = next;
            }
        }
        LineIndex { starts, marks }
    }

    /// 0-based line and the byte offset at which it starts.
    pub fn line_of(&self, offset: usize) -> (usize, usize) {
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        (line, self.starts[line])
    }

    /// 1-based line and 1-based column counted in characters.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let (line, start) = self.line_of(offset);
        // Count from the last mark on this line before the offset, if any.
        let (from, before) = self.marks[..self.marks.partition_point(|&(at, _)| at <= offset)]
            .last()
            .copied()
            .filter(|&(at, _)| at > start)
            .unwrap_or((start, 0));
        let mut col = before
            + text
                .get(from..offset)
                .map_or(offset - from, |s| s.chars().count());
        // A byte-order mark is not a character an editor shows or counts.
        if start == 0 && offset >= BOM.len() && text.starts_with(BOM) {
            col -= 1;
        }
        (line + 1, col + 1)
    }

    /// The text of 0-based `line`, without its line ending.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let start = self.starts.get(line).copied().unwrap_or(text.len());
        let end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        text.get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_character_columns() {
        let t = "ab\r\nçé x\nlast";
        let idx = LineIndex::new(t);
        assert_eq!(idx.line_col(t, 0), (1, 1));
        assert_eq!(idx.line_col(t, t.find('x').unwrap_or(0)), (2, 4));
        assert_eq!(idx.line_col(t, t.len()), (3, 5));
        assert_eq!(idx.line_text(t, 0), "ab");
        assert_eq!(idx.line_text(t, 2), "last");
    }

    #[test]
    fn a_byte_order_mark_takes_no_column() {
        let t = "\u{feff}ab\ncd";
        let idx = LineIndex::new(t);
        assert_eq!(idx.line_col(t, 3), (1, 1));
        assert_eq!(idx.line_col(t, 4), (1, 2));
        assert_eq!(idx.line_col(t, t.len()), (2, 3));
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let t = "ab\rcd\r\nef\n\rg";
        let idx = LineIndex::new(t);
        assert_eq!(idx.line_col(t, t.find('c').unwrap_or(0)), (2, 1));
        assert_eq!(idx.line_col(t, t.find('e').unwrap_or(0)), (3, 1));
        assert_eq!(idx.line_col(t, t.find('g').unwrap_or(0)), (5, 1));
        assert_eq!(idx.line_text(t, 1), "cd");
        assert_eq!(idx.line_text(t, 3), "");
    }

    #[test]
    fn columns_along_a_long_line_count_characters() {
        // Multi-byte characters straddle the marks.
        let t = format!("x\n{}", "é😀a".repeat(3 * MARK_EVERY));
        let idx = LineIndex::new(&t);
        assert!(!idx.marks.is_empty());
        for (n, (i, _)) in t.char_indices().enumerate().step_by(997) {
            let expected = if i < 2 { (1, i + 1) } else { (2, n - 2 + 1) };
            assert_eq!(idx.line_col(&t, i), expected, "offset {i}");
        }
        assert_eq!(idx.line_col(&t, t.len()).1, 9 * MARK_EVERY + 1);
    }
}
