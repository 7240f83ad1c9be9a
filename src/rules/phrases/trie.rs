//! A byte trie of every rule's phrases, walked from each place in a
//! paragraph where a whole word may start.

use std::ops::Range;

/// Whether `c` continues a word for [`whole_word`]: a letter, digit or hyphen.
pub(super) fn inner(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// The phrases of every list in one byte trie, ASCII letters folded to
/// lowercase, walked from each place where a whole word may start.
///
/// A whole-word match starts where no letter, digit or hyphen comes before,
/// so the walks start only there (at the first letter of most words), and a
/// walk ends at the first byte no phrase continues with: two or three table
/// reads for most words. The same hits as an Aho-Corasick automaton's
/// overlapping search filtered by [`whole_word`] (a test holds the two
/// equal), without reading every byte of every paragraph through a dense
/// automaton as that search does.
///
/// The trie is a double array: a state is its base, and the step from it on
/// a byte's column is the slot at base + column, which is the step's only
/// if its check byte is that column (no two states with children share a
/// base, so the column tells whose slot it is). A step is one dependent
/// load, as in a table with a row per state, but the states share one small
/// fixed array of [`SLOTS`], which real copy, whose words vary, reads from
/// the first-level cache, where a row per state would not fit.
pub(super) struct Trie {
    /// The column of each byte, ASCII letters folded to lowercase; 0 for a
    /// byte that is in no phrase.
    columns: [u8; 256],
    /// The root's base.
    root: usize,
    /// The step from the root on each byte; 0 for none.
    first: [u32; 256],
    /// The base of the states without children, which no step leaves, and
    /// where a walk goes when a byte has no step.
    dead: usize,
    /// The step into each state: its check byte (the column it is reached
    /// by; [`EMPTY`] in a slot no step uses), the [`ENDS`] and [`ENDED`]
    /// flags, and its base above [`BASE_SHIFT`]. Of a fixed size, so that
    /// a slot's index is masked to it rather than checked against it;
    /// longer than any base plus any column.
    slots: Box<[u32; SLOTS]>,
    /// The patterns that end at the state stepped into by slot `t`:
    /// `ends[first_end[t]..first_end[t + 1]]`, in pattern order.
    first_end: Vec<u32>,
    ends: Vec<u32>,
}

/// The check byte of a slot that no step uses: no column is this large (a
/// column is given to each distinct lowercase byte, of which there are at
/// most 230).
pub(super) const EMPTY: u32 = 0xff;
/// Marks a step into a state at which patterns end.
pub(super) const ENDS: u32 = 1 << 8;
/// Marks a step into a state at which, or before which, patterns end: the
/// walk's first steps look at the flags of the last state they reach only.
pub(super) const ENDED: u32 = 1 << 9;
/// Where a slot's base starts.
pub(super) const BASE_SHIFT: u32 = 10;
/// How many slots a trie has room for: the rules' phrases with room to
/// spare (`Trie::new` asserts that they fit).
pub(super) const SLOTS: usize = 1 << 13;
/// How far past the first free slot a state may have to go before that
/// slot is given up on.
pub(super) const SEARCH: usize = 32;
/// How many steps a walk takes without a branch before it asks whether it
/// is over: most end within four bytes.
pub(super) const FIRST_STEPS: usize = 4;

impl Trie {
    pub(super) fn new(patterns: &[&str]) -> Trie {
        let mut columns = [0u8; 256];
        let mut width = 1;
        for b in patterns.iter().flat_map(|p| p.bytes()) {
            let b = b.to_ascii_lowercase();
            if columns[usize::from(b)] == 0 {
                columns[usize::from(b)] = width as u8;
                width += 1;
            }
        }
        for b in b'A'..=b'Z' {
            columns[usize::from(b)] = columns[usize::from(b.to_ascii_lowercase())];
        }
        // The trie with states in the order they are made: the steps out of
        // each state, (column, state).
        let mut children: Vec<Vec<(u8, usize)>> = vec![Vec::new()];
        let mut ending: Vec<Vec<u32>> = vec![Vec::new()];
        for (id, pattern) in patterns.iter().enumerate() {
            let mut state = 0;
            for b in pattern.bytes() {
                let column = columns[usize::from(b)];
                state = match children[state].iter().find(|&&(c, _)| c == column) {
                    Some(&(_, to)) => to,
                    None => {
                        let to = ending.len();
                        children[state].push((column, to));
                        children.push(Vec::new());
                        ending.push(Vec::new());
                        to
                    }
                };
            }
            ending[state].push(id as u32);
        }
        // Bases, breadth first, so that the states most walks reach (the
        // shallow ones) share a few cache lines: each state with children
        // takes the lowest base not taken whose slots for them are free.
        let mut base = vec![0; ending.len()];
        let mut taken = Vec::<bool>::new();
        let mut used = Vec::<bool>::new();
        let mut first_free = 0;
        let mut order = std::collections::VecDeque::from([0]);
        let mut leaves = Vec::new();
        while let Some(state) = order.pop_front() {
            let steps = &children[state];
            order.extend(steps.iter().map(|&(_, to)| to));
            let Some(lowest) = steps.iter().map(|&(c, _)| usize::from(c)).min() else {
                leaves.push(state);
                continue;
            };
            let free = |slot: usize| !used.get(slot).is_some_and(|&u| u);
            while !free(first_free) {
                first_free += 1;
            }
            let mut b = first_free.saturating_sub(lowest);
            while taken.get(b).is_some_and(|&t| t)
                || !steps.iter().all(|&(c, _)| free(b + usize::from(c)))
            {
                b += 1;
            }
            // A free slot that state after state cannot fill is left empty,
            // or every later state's search would start from it and step
            // over the same taken slots again.
            if b > first_free + SEARCH {
                first_free += 1;
            }
            if taken.len() <= b {
                taken.resize(b + 1, false);
            }
            taken[b] = true;
            for &(c, _) in steps {
                let slot = b + usize::from(c);
                if used.len() <= slot {
                    used.resize(slot + 1, false);
                }
                used[slot] = true;
            }
            base[state] = b;
        }
        // The states without children share a base that no other state has:
        // no slot's check byte answers a step from it.
        let dead = taken.len();
        for leaf in leaves {
            base[leaf] = dead;
        }
        assert!(dead + width <= SLOTS, "the phrase trie outgrew its slots");
        let mut slots = Box::new([EMPTY; SLOTS]);
        let mut first_end = vec![0u32; dead + width + 1];
        // Parents come before their children in the order the states were made.
        let mut ended = vec![false; ending.len()];
        for (state, steps) in children.iter().enumerate() {
            for &(column, to) in steps {
                let slot = base[state] + usize::from(column);
                ended[to] = ended[state] || !ending[to].is_empty();
                let flags = match (ending[to].is_empty(), ended[to]) {
                    (false, _) => ENDS | ENDED,
                    (true, true) => ENDED,
                    (true, false) => 0,
                };
                slots[slot] = u32::from(column) | flags | (base[to] as u32) << BASE_SHIFT;
                first_end[slot + 1] = ending[to].len() as u32;
            }
        }
        let mut first = [0; 256];
        for (b, step) in first.iter_mut().enumerate() {
            let column = columns[b];
            let to = slots[base[0] + usize::from(column)];
            if to as u8 == column {
                *step = to;
            }
        }
        // Counts into starts.
        for t in 1..first_end.len() {
            first_end[t] += first_end[t - 1];
        }
        let mut ends = vec![0u32; first_end[dead + width] as usize];
        for (state, steps) in children.iter().enumerate() {
            for &(column, to) in steps {
                let slot = base[state] + usize::from(column);
                ends[first_end[slot] as usize..first_end[slot + 1] as usize]
                    .copy_from_slice(&ending[to]);
            }
        }
        Trie {
            columns,
            root: base[0],
            first,
            dead,
            slots,
            first_end,
            ends,
        }
    }

    /// Every whole-word match in `text`: (pattern, start, end), sorted.
    pub(super) fn hits(&self, text: &str) -> Vec<(u32, u32, u32)> {
        let bytes = text.as_bytes();
        let mut hits = Vec::new();
        let mut i = 0;
        // `i` is always where a whole word may start: at the start, or after
        // a character that does not continue a word.
        while i < bytes.len() {
            // Where eight bytes are left, the walk's first steps and the
            // search for the word's end read them from one load, and neither
            // branches on what it finds: where a walk ends and a word ends
            // are as varied as the words, and a loop that stopped at each
            // would mispredict twice a word.
            let Some(&eight) = bytes.get(i..).and_then(|rest| rest.first_chunk::<8>()) else {
                self.walk(text, i, self.root, i, &mut hits);
                i = next_start(text, i);
                continue;
            };
            let eight = u64::from_le_bytes(eight);
            // Most words open some phrase, but spaces, marks and figures do
            // not: a table says so at once.
            let first = self.first[usize::from(eight as u8)];
            if first != 0 {
                if let Some((base, from)) = self.walk_on(first, eight) {
                    self.walk(text, i, base, i + from, &mut hits);
                }
            }
            i = match stops(eight) {
                0 => next_start(text, i + 8),
                stops => {
                    let at = i + (stops.trailing_zeros() / 8) as usize;
                    match ASCII_INNER[usize::from(bytes[at])] {
                        Inner::No => at + 1,
                        Inner::Yes | Inner::Unknown => next_start(text, at),
                    }
                }
            };
        }
        // By pattern, so that each list's hits are one run.
        hits.sort_unstable();
        hits
    }

    /// The first [`FIRST_STEPS`] steps of the walk from the first of
    /// `eight` bytes of text (in order, from the lowest), whose step from
    /// the root is `first`. Where [`Trie::walk`] is to go on from, if it
    /// is to: the state and how many bytes in, the root and none if a
    /// pattern ended on the way (for the walk to report it).
    #[inline(always)]
    fn walk_on(&self, first: u32, eight: u64) -> Option<(usize, usize)> {
        let (slots, columns) = (&self.slots, &self.columns);
        let (mut base, mut last) = ((first >> BASE_SHIFT) as usize, first);
        for step in 1..FIRST_STEPS {
            let column = columns[usize::from((eight >> (8 * step)) as u8)];
            let to = slots[(base + usize::from(column)) % SLOTS];
            (base, last) = if to as u8 == column {
                ((to >> BASE_SHIFT) as usize, to)
            } else {
                (self.dead, last)
            };
        }
        if last & ENDED != 0 {
            Some((self.root, 0))
        } else if base != self.dead {
            Some((base, FIRST_STEPS))
        } else {
            None
        }
    }

    /// Reports the matches that start at `start` and end a whole word, the
    /// walk from there being at the state of `base` at `from`.
    fn walk(
        &self,
        text: &str,
        start: usize,
        mut base: usize,
        from: usize,
        hits: &mut Vec<(u32, u32, u32)>,
    ) {
        // A plain index loop with the rare match out of line.
        let (bytes, slots, columns) = (text.as_bytes(), &self.slots, &self.columns);
        let mut end = from;
        while let Some(&b) = bytes.get(end) {
            let column = columns[usize::from(b)];
            let slot = (base + usize::from(column)) % SLOTS;
            let to = slots[slot];
            if to as u8 != column {
                break;
            }
            base = (to >> BASE_SHIFT) as usize;
            end += 1;
            if to & ENDS != 0 {
                self.matched(text, start..end, slot, hits);
            }
        }
    }

    /// Reports the patterns that end at the state stepped into by `slot` when
    /// `span` ends a whole word.
    #[inline(never)]
    fn matched(
        &self,
        text: &str,
        span: Range<usize>,
        slot: usize,
        hits: &mut Vec<(u32, u32, u32)>,
    ) {
        if text[span.end..].chars().next().is_some_and(inner) {
            return;
        }
        let (from, to) = (self.first_end[slot], self.first_end[slot + 1]);
        for &pattern in &self.ends[from as usize..to as usize] {
            hits.push((pattern, span.start as u32, span.end as u32));
        }
    }
}

/// The bytes of `eight` (eight bytes of text, in order from the lowest)
/// that may end a word, by their top bit: all but the ASCII letters (digits
/// and hyphens, which continue a word, are rarer than a test for them costs).
/// Eight bytes at a time, without a branch (SWAR): setting bit 5 of an ASCII
/// byte folds capitals to lowercase and takes no other byte into a..z, and
/// for a byte `x` below 128, `x + (128 - b'a')` has its top bit set when
/// `x >= b'a'`, and `x + (127 - b'z')` when `x > b'z'`, neither carrying
/// into the next byte.
pub(super) fn stops(eight: u64) -> u64 {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const TOPS: u64 = ONES * 0x80;
    let folded = (eight & !TOPS) | (ONES * 0x20);
    let letters =
        (folded + ONES * (0x80 - u64::from(b'a'))) & !(folded + ONES * (0x7f - u64::from(b'z')));
    (eight | !letters) & TOPS
}

/// Where the next whole word may start after `i`: past the characters from
/// `i` on that continue a word, and past the one that ends it.
pub(super) fn next_start(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    // ASCII is told apart by a table read per byte.
    while let Some(&b) = bytes.get(i) {
        match ASCII_INNER[usize::from(b)] {
            Inner::Yes => i += 1,
            Inner::No => return i + 1,
            Inner::Unknown => {
                let c = text[i..].chars().next().unwrap_or(' ');
                i += c.len_utf8();
                if !inner(c) {
                    return i;
                }
            }
        }
    }
    i + 1
}

/// Whether a byte continues a word, for the bytes that say so on their own.
#[derive(Clone, Copy)]
pub(super) enum Inner {
    Yes,
    No,
    /// Part of a multi-byte character: decode it.
    Unknown,
}

pub(super) static ASCII_INNER: [Inner; 256] = {
    let mut table = [Inner::Unknown; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() || c == b'-' {
            Inner::Yes
        } else {
            Inner::No
        };
        b += 1;
    }
    table
};
