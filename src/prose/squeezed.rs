//! A paragraph's text with runs of whitespace squeezed to one space, and
//! the way back to the paragraph's offsets.

/// A copy of a paragraph's text with whitespace runs squeezed to one space.
#[derive(Debug, Default)]
pub(super) struct Squeezed {
    /// Empty when nothing needed squeezing (the paragraph text is used as is).
    pub(super) text: String,
    /// Where bytes were dropped: (position in `text`, bytes dropped before it
    /// in all), in order. Sparse, so it costs nothing for tidy text.
    jumps: Vec<(u32, u32)>,
    pub(super) squeezed: bool,
}

impl Squeezed {
    /// Squeezes `text`, into the room of the lists it had.
    pub(super) fn fill(&mut self, text: &str) {
        let bytes = text.as_bytes();
        // ASCII whitespace other than a space (`is_ascii_whitespace`), or
        // two spaces in a row; searched for with SIMD, as most text has none.
        static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
            std::sync::LazyLock::new(|| memchr::memmem::Finder::new("  "));
        self.squeezed = memchr::memchr3(b'\t', b'\n', b'\r', bytes).is_some()
            || memchr::memchr(0x0c, bytes).is_some()
            || DOUBLE_SPACE.find(bytes).is_some();
        self.text.clear();
        self.jumps.clear();
        if !self.squeezed {
            return;
        }
        let mut dropped = 0u32;
        let mut prev_space = false;
        // Only ASCII whitespace is dropped or replaced, a byte for a byte, so
        // the text stays UTF-8 as it is built.
        let mut from = 0;
        for (at, &b) in bytes.iter().enumerate() {
            let space = b.is_ascii_whitespace();
            if space && prev_space {
                self.text.push_str(&text[from..at]);
                from = at + 1;
                dropped += 1;
                continue;
            }
            if space && b != b' ' {
                self.text.push_str(&text[from..at]);
                self.text.push(' ');
                from = at + 1;
            }
            if dropped > 0 && self.jumps.last().is_none_or(|&(_, d)| d != dropped) {
                let position = (self.text.len() + at - from) as u32;
                self.jumps.push((position, dropped));
            }
            prev_space = space;
        }
        self.text.push_str(&text[from..]);
    }

    /// The paragraph offset of squeezed offset `at`.
    pub(super) fn original(&self, at: usize) -> usize {
        let i = self.jumps.partition_point(|&(p, _)| p as usize <= at);
        at + i.checked_sub(1).map_or(0, |i| self.jumps[i].1 as usize)
    }
}
