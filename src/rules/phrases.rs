//! Phrase-list rules: one engine for the rules whose judgement is a word list
//! with a few conditions (where in the sentence, what comes before or after),
//! so that each such rule is its data file plus a line of code.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::Deserialize;

use super::{Context, RuleMeta};
use crate::finding::{Finding, Fix};
use crate::prose::Paragraph;

/// Whole-word, ASCII-case-insensitive matching of a list of phrases.
///
/// All the lists of all the rules are matched together, in one pass of one
/// automaton over each paragraph ([`INDEX`]); a list then keeps its own hits.
/// Scanning once instead of once per rule is what keeps linting fast.
pub struct PhraseList {
    patterns: Vec<String>,
    /// For each pattern, the index of the entry it came from.
    owners: Vec<usize>,
    /// For lists not in the shared index (built outside a rule).
    own: OnceLock<Option<AhoCorasick>>,
    /// Where the list's patterns start in the shared index, if it is there:
    /// looked up once, not on each of the dozen calls per paragraph.
    base: OnceLock<Option<u32>>,
}

fn automaton(patterns: &[String], kind: MatchKind) -> Option<AhoCorasick> {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(kind)
        .kind(Some(AhoCorasickKind::DFA))
        .build(patterns)
        .ok()
}

/// Every rule's phrase lists in one index, matched in one pass over each paragraph.
struct Index {
    trie: Trie,
    /// Start of each list's patterns in the shared pattern space, keyed by the list's address.
    bases: Vec<(usize, u32)>,
}

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut patterns = Vec::new();
    let mut bases = Vec::new();
    for rule in super::all() {
        for list in rule.phrase_lists() {
            bases.push((list as *const PhraseList as usize, patterns.len() as u32));
            patterns.extend(list.patterns.iter().map(String::as_str));
        }
    }
    Index {
        trie: Trie::new(&patterns),
        bases,
    }
});

/// Whether `c` continues a word for [`whole_word`]: a letter, digit or hyphen.
fn inner(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// The phrases of every list in one byte trie, ASCII letters folded to
/// lowercase, walked from each place where a whole word may start.
///
/// A whole-word match starts where no letter, digit or hyphen comes before,
/// so the walks start only there (at the first letter of most words), and a
/// walk ends at the first byte no phrase continues with: two or three table
/// reads for most words. The same hits as an Aho-Corasick automaton's
/// overlapping search filtered by [`whole_word`], which read every byte of
/// every paragraph through a dense automaton (a test holds the two equal).
///
/// The trie is a double array: a state is its base, and the step from it on
/// a byte's column is the slot at base + column, which is the step's only
/// if its check byte is that column (no two states with children share a
/// base, so the column tells whose slot it is). A step is one dependent
/// load, as in a table with a row per state, but the 3,758 slots the rules'
/// phrases use (in a fixed array of 8,192, 32 KB) replace rows that took
/// 464 KB, which real copy, whose words vary, read from beyond the
/// first-level cache.
struct Trie {
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
const EMPTY: u32 = 0xff;
/// Marks a step into a state at which patterns end.
const ENDS: u32 = 1 << 8;
/// Marks a step into a state at which, or before which, patterns end: the
/// walk's first steps look at the flags of the last state they reach only.
const ENDED: u32 = 1 << 9;
/// Where a slot's base starts.
const BASE_SHIFT: u32 = 10;
/// How many slots a trie has room for: twice what the rules' phrases take.
const SLOTS: usize = 1 << 13;
/// How far past the first free slot a state may have to go before that
/// slot is given up on.
const SEARCH: usize = 32;
/// How many steps a walk takes without a branch before it asks whether it
/// is over: most end within four bytes.
const FIRST_STEPS: usize = 4;

impl Trie {
    fn new(patterns: &[&str]) -> Trie {
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
            // or every search would start from it (placing the rules' trie
            // took 20 million instructions).
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
    fn hits(&self, text: &str) -> Vec<(u32, u32, u32)> {
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
            // mispredicted twice a word.
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
fn stops(eight: u64) -> u64 {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const TOPS: u64 = ONES * 0x80;
    let folded = (eight & !TOPS) | (ONES * 0x20);
    let letters =
        (folded + ONES * (0x80 - u64::from(b'a'))) & !(folded + ONES * (0x7f - u64::from(b'z')));
    (eight | !letters) & TOPS
}

/// Where the next whole word may start after `i`: past the characters from
/// `i` on that continue a word, and past the one that ends it.
fn next_start(text: &str, mut i: usize) -> usize {
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
enum Inner {
    Yes,
    No,
    /// Part of a multi-byte character: decode it.
    Unknown,
}

static ASCII_INNER: [Inner; 256] = {
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

/// Whether `span` of `text` is a whole word (or words): no letter, digit or
/// hyphen touches it on either side.
pub(crate) fn whole_word(text: &str, span: &Range<usize>) -> bool {
    !text[..span.start].chars().next_back().is_some_and(inner)
        && !text[span.end..].chars().next().is_some_and(inner)
}

/// Keeps the leftmost-longest of overlapping hits, in text order.
pub(crate) fn leftmost_longest(mut hits: Vec<(usize, Range<usize>)>) -> Vec<(usize, Range<usize>)> {
    hits.sort_by(|a, b| a.1.start.cmp(&b.1.start).then(b.1.end.cmp(&a.1.end)));
    keep_leftmost_longest(&mut hits);
    hits
}

/// Keeps the leftmost-longest of hits sorted by start, longest first, in place.
fn keep_leftmost_longest(hits: &mut Vec<(usize, Range<usize>)>) {
    let mut end = None;
    hits.retain(|(_, r)| {
        let keep = end.is_none_or(|end| r.start >= end);
        if keep {
            end = Some(r.end);
        }
        keep
    });
}

impl PhraseList {
    /// A list; curly and straight apostrophes match each other.
    pub fn new<'p>(phrases: impl IntoIterator<Item = &'p str>) -> PhraseList {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (i, phrase) in phrases.into_iter().enumerate() {
            patterns.push(phrase.to_string());
            owners.push(i);
            if phrase.contains('\'') {
                patterns.push(phrase.replace('\'', "’"));
                owners.push(i);
            }
        }
        PhraseList {
            patterns,
            owners,
            own: OnceLock::new(),
            base: OnceLock::new(),
        }
    }

    /// Whole-word matches in a paragraph, across line breaks and blanked
    /// markup: (entry index, byte range in the paragraph text), in text order.
    #[inline(always)]
    pub fn find_in(&self, cx: &Context) -> Vec<(usize, Range<usize>)> {
        let para = cx.para;
        // Asked by every phrase rule of every paragraph, and most paragraphs
        // hold none of a list's phrases: that answer is found in the rule's
        // own code, without a call, and the rest out of line.
        let Some(base) = *self.base.get_or_init(|| self.base_in_index()) else {
            return self.find_in_own(para);
        };
        let hits = cx
            .phrase_hits
            .get_or_init(|| INDEX.trie.hits(para.phrase_text().0));
        // The hits are sorted by pattern: the list's are one run.
        let end = base + self.patterns.len() as u32;
        let from = hits.partition_point(|&(p, _, _)| p < base);
        match hits.get(from) {
            Some(&(p, _, _)) if p < end => self.entries(para, &hits[from..], base, end),
            _ => Vec::new(),
        }
    }

    /// Where the list's patterns start in the shared index, if it is there.
    #[cold]
    fn base_in_index(&self) -> Option<u32> {
        let key = self as *const PhraseList as usize;
        INDEX.bases.iter().find(|(k, _)| *k == key).map(|&(_, b)| b)
    }

    /// [`PhraseList::find_in`] for a list outside the shared index.
    #[cold]
    fn find_in_own(&self, para: &Paragraph) -> Vec<(usize, Range<usize>)> {
        let (text, map) = para.phrase_text();
        self.find(text)
            .into_iter()
            .map(|(i, r)| (i, map(r)))
            .collect()
    }

    /// The list's entries among `hits`, which start with its run of
    /// patterns `base..end`.
    #[inline(never)]
    fn entries(
        &self,
        para: &Paragraph,
        hits: &[(u32, u32, u32)],
        base: u32,
        end: u32,
    ) -> Vec<(usize, Range<usize>)> {
        let to = hits.partition_point(|&(p, _, _)| p < end);
        let (_, map) = para.phrase_text();
        // In text order, longest first, then in pattern order (as the
        // shared automaton reported them), in the one vector returned.
        let mut mine: Vec<(usize, Range<usize>)> = hits[..to]
            .iter()
            .map(|&(p, s, e)| ((p - base) as usize, s as usize..e as usize))
            .collect();
        mine.sort_unstable_by_key(|(p, r)| (r.start, std::cmp::Reverse(r.end), *p));
        keep_leftmost_longest(&mut mine);
        for (entry, range) in &mut mine {
            *entry = self.owners[*entry];
            *range = map(range.clone());
        }
        mine
    }

    /// Whole-word matches in `text`: (entry index, byte range), in text order.
    pub fn find(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        let own = self
            .own
            .get_or_init(|| automaton(&self.patterns, MatchKind::LeftmostLongest));
        own.iter()
            .flat_map(|m| m.find_iter(text))
            .filter(|m| whole_word(text, &m.range()))
            .map(|m| (self.owners[m.pattern().as_usize()], m.range()))
            .collect()
    }
}

/// Where in a sentence a listed word counts.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Position {
    /// Wherever it stands.
    #[default]
    Anywhere,
    /// As a comment on the whole sentence: opening it, set off by commas, or
    /// after an auxiliary verb ("was clearly"). "Smiled sadly" is not one.
    SentenceAdverb,
    /// Only set off from the sentence: "Naturally, …", ", naturally,". After
    /// a verb it is a manner adverb ("is naturally bare").
    Parenthetical,
    /// Before a noun, after a determiner or an adverb ("the celebrated author",
    /// not "they celebrated").
    Attributive,
}

/// One listed phrase and its conditions.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PhraseEntry {
    pub phrase: String,
    #[serde(default)]
    pub position: Position,
    /// The fix: a replacement, or "" to delete the phrase.
    #[serde(default)]
    pub replacement: Option<String>,
    /// Whether the fix may be applied unattended (default: the rule's `fix_safe`).
    #[serde(default)]
    pub safe: Option<bool>,
    /// Appended to the message.
    #[serde(default)]
    pub note: Option<String>,
    /// Not flagged right after one of these words.
    #[serde(default)]
    pub not_after: Vec<String>,
    /// Not flagged right before one of these words.
    #[serde(default)]
    pub not_before: Vec<String>,
}

/// What a phrase-list rule file holds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PhraseRuleData {
    pub rule: RuleMeta,
    /// The message, with `{text}` for the flagged words.
    pub message: String,
    /// Default safety of the fixes of this rule.
    #[serde(default)]
    pub fix_safe: bool,
    /// Not flagged in a sentence that has an attribution cue (analysis that
    /// someone owns is not the writer's voice).
    #[serde(default)]
    pub unless_attributed: bool,
    /// Not flagged in a paragraph that contains one of these phrases (for
    /// example the reason an anonymous source was granted anonymity).
    #[serde(default)]
    pub unless_paragraph_contains: Vec<String>,
    pub phrases: Vec<PhraseEntry>,
}

/// A phrase-list rule: its data and the matcher built from it.
pub(crate) struct PhraseRule {
    pub data: PhraseRuleData,
    list: PhraseList,
    lifts: PhraseList,
    /// `data.message`, cut at `{text}`.
    message: super::Template,
    /// For each entry, what a finding says of its phrase as listed and capitalized.
    spellings: Vec<[Spelling; 2]>,
}

/// What a finding on one spelling of a listed phrase says: its message, and
/// its fix's title and replacement. Worked out when a rule loads for the
/// phrase as listed and with its first letter capitalized, which between
/// them are nearly every hit, so that a finding borrows the fix's text
/// instead of building it.
pub(crate) struct Spelling {
    /// The flagged text.
    text: String,
    message: String,
    title: String,
    /// Empty where the fix is not a replacement.
    replacement: String,
}

impl Spelling {
    /// What `text` gets: `message`, and a fix titled `title` that puts
    /// in `replacement`.
    pub(crate) fn new(text: &str, message: String, title: String, replacement: String) -> Spelling {
        Spelling {
            text: text.to_string(),
            message,
            title,
            replacement,
        }
    }

    /// `phrase` as listed and capitalized, each with what `says` gives it.
    pub(crate) fn both(phrase: &str, says: impl Fn(&str) -> Spelling) -> [Spelling; 2] {
        [says(phrase), says(&match_case("A", phrase))]
    }

    /// The message, fix title and replacement for `text`: borrowed from
    /// the one of `spellings` it is, else from what `says` gives it.
    pub(crate) fn of(
        spellings: &'static [Spelling; 2],
        text: &str,
        says: impl FnOnce(&str) -> Spelling,
    ) -> (String, Cow<'static, str>, Cow<'static, str>) {
        match spellings.iter().find(|s| s.text == text) {
            Some(s) => (
                s.message.clone(),
                Cow::Borrowed(s.title.as_str()),
                Cow::Borrowed(s.replacement.as_str()),
            ),
            None => {
                let s = says(text);
                (s.message, Cow::Owned(s.title), Cow::Owned(s.replacement))
            }
        }
    }
}

const AUXILIARIES: &[&str] = &[
    "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "could", "should", "can", "may", "might", "must", "do", "does", "did", "it's", "that's", "not",
    "also",
];
const ATTRIBUTIVE_BEFORE: &[&str] = &[
    "a",
    "an",
    "the",
    "his",
    "her",
    "their",
    "its",
    "our",
    "this",
    "that",
    "most",
    "much",
    "widely",
    "highly",
    "internationally",
    "critically",
    "universally",
    "so",
    "very",
    "truly",
];

impl PhraseRule {
    /// Parses a rule file and builds its matcher.
    pub fn load(name: &str, source: &str) -> PhraseRule {
        PhraseRule::new(super::load(name, source))
    }

    /// Builds the matcher of a rule's parsed data.
    pub fn new(data: PhraseRuleData) -> PhraseRule {
        let list = PhraseList::new(data.phrases.iter().map(|p| p.phrase.as_str()));
        let lifts = PhraseList::new(data.unless_paragraph_contains.iter().map(String::as_str));
        let message = super::Template::new(&data.message, "{text}");
        let mut rule = PhraseRule {
            data,
            list,
            lifts,
            message,
            spellings: Vec::new(),
        };
        rule.spellings = rule
            .data
            .phrases
            .iter()
            .map(|entry| Spelling::both(&entry.phrase, |text| rule.says(entry, text)))
            .collect();
        rule
    }

    /// What a finding on `text`, a hit of `entry`, says.
    fn says(&self, entry: &PhraseEntry, text: &str) -> Spelling {
        let message = self.message.fill(text, entry.note.as_deref());
        let (title, replacement) = match entry.replacement.as_deref() {
            None => (String::new(), String::new()),
            Some("") => (["Delete “", text, "”"].concat(), String::new()),
            Some(replacement) => (
                ["Replace “", text, "” with “", replacement, "”"].concat(),
                match_case(text, replacement),
            ),
        };
        Spelling::new(text, message, title, replacement)
    }

    /// The lists this rule matches, for the shared index.
    pub fn lists(&'static self) -> Vec<&'static PhraseList> {
        vec![&self.list, &self.lifts]
    }

    /// Every listed phrase in the writer's voice in `para`, with `keep` as a
    /// last, rule-specific say.
    pub fn check(
        &'static self,
        cx: &Context,
        out: &mut Vec<Finding>,
        keep: impl Fn(&Paragraph, &Range<usize>) -> bool,
    ) {
        // Most paragraphs hold none of the rule's phrases: the rest is out
        // of line, so that asking costs little.
        let found = self.list.find_in(cx);
        if !found.is_empty() {
            self.report(cx, found, out, keep);
        }
    }

    /// The rule's message for a finding on `text` that no listed phrase made.
    pub fn message(&self, text: &str) -> String {
        self.message.fill(text, None)
    }

    /// Whether `para` says why its anonymous sources are anonymous (or
    /// whatever else the rule's `unless_paragraph_contains` lists).
    pub fn lifted(&self, cx: &Context) -> bool {
        !self.lifts.find_in(cx).is_empty()
    }

    /// [`PhraseRule::check`] for the phrases `found` in `para`.
    #[inline(never)]
    fn report(
        &'static self,
        cx: &Context,
        found: Vec<(usize, Range<usize>)>,
        out: &mut Vec<Finding>,
        keep: impl Fn(&Paragraph, &Range<usize>) -> bool,
    ) {
        let para = cx.para;
        let mut lifted = None;
        for (entry_index, span) in found {
            let entry = &self.data.phrases[entry_index];
            if para.in_quotation(span.clone())
                || !self.fits(para, entry, &span)
                || !keep(para, &span)
            {
                continue;
            }
            if self.data.unless_attributed && para.span_attributed(&span) {
                continue;
            }
            if *lifted.get_or_insert_with(|| self.lifted(cx)) {
                return;
            }
            let (message, title, replacement) = Spelling::of(
                &self.spellings[entry_index],
                &para.text[span.clone()],
                |text| self.says(entry, text),
            );
            let mut finding = self.data.rule.finding(span.clone(), message);
            if let Some(fixed) = &entry.replacement {
                let safe = entry.safe.unwrap_or(self.data.fix_safe);
                let fix = if fixed.is_empty() {
                    deletion(para, span, title, safe)
                } else {
                    Fix::replace(title, span, replacement, safe)
                };
                finding = finding.with_fix(fix);
            }
            out.push(finding);
        }
    }

    fn fits(&self, para: &Paragraph, entry: &PhraseEntry, span: &Range<usize>) -> bool {
        // The words around are looked at (and lowercased) only for the
        // entries whose conditions ask about them: most have none.
        let first = para.word_index_at(span.start);
        let prev = || {
            first
                .checked_sub(1)
                .map_or(Cow::Borrowed(""), |p| super::word_lower(para, p))
        };
        let same_sentence = |i: usize| {
            para.words
                .get(i)
                .is_some_and(|w| para.sentence_of(w.start) == para.sentence_of(span.start))
        };
        if !entry.not_after.is_empty() && first > 0 {
            let prev = prev();
            if entry.not_after.iter().any(|w| *w == prev) && same_sentence(first - 1) {
                return false;
            }
        }
        if !entry.not_before.is_empty() {
            let last = para.word_index_at(span.end).saturating_sub(1);
            let next = super::word_lower(para, last + 1);
            if entry.not_before.iter().any(|w| *w == next) && same_sentence(last + 1) {
                return false;
            }
        }
        match entry.position {
            Position::Anywhere => true,
            Position::SentenceAdverb | Position::Parenthetical => {
                let after = para.text[span.end..].trim_start_matches(' ');
                let before = para.text[..span.start].trim_end_matches(' ');
                let opens = para.starts_sentence(first)
                    && (entry.position == Position::SentenceAdverb || after.starts_with(','));
                opens
                    || (before.ends_with([',', '—', '('])
                        && after.starts_with([',', '—', ')', '.', '!', '?', ';']))
                    || (entry.position == Position::SentenceAdverb
                        && same_sentence(first.wrapping_sub(1))
                        && AUXILIARIES.contains(&&*prev()))
            }
            Position::Attributive => {
                first > 0 && same_sentence(first - 1) && ATTRIBUTIVE_BEFORE.contains(&&*prev())
            }
        }
    }
}

/// Declares a phrase-list rule: a unit struct, its data file, and the `Rule`
/// impl, with an optional extra condition `keep(para, span) -> bool`.
macro_rules! phrase_rule {
    ($(#[$doc:meta])* $name:ident = $file:literal $(, keep = $keep:expr)?) => {
        $(#[$doc])*
        pub struct $name;

        static DATA: std::sync::LazyLock<$crate::rules::phrases::PhraseRule> =
            std::sync::LazyLock::new(|| $crate::rules::phrases::PhraseRule::load($file, include_str!($file)));

        impl $crate::rules::Rule for $name {
            fn meta(&self) -> &'static $crate::rules::RuleMeta {
                &DATA.data.rule
            }
            fn phrase_lists(&self) -> Vec<&'static $crate::rules::phrases::PhraseList> {
                DATA.lists()
            }
            fn check(&self, cx: &$crate::rules::Context, out: &mut Vec<$crate::finding::Finding>) {
                #[allow(unused_variables)]
                let keep = |para: &$crate::prose::Paragraph, span: &std::ops::Range<usize>| true;
                $(let keep = $keep;)?
                DATA.check(cx, out, keep)
            }
        }
    };
}
pub(crate) use phrase_rule;

/// A fix titled `title` that deletes `span` with the space around it; a sentence adverb
/// that opens a sentence takes its comma along and the next word is capitalized.
pub(crate) fn deletion(
    para: &Paragraph,
    span: Range<usize>,
    title: Cow<'static, str>,
    safe: bool,
) -> Fix {
    let text = para.text;
    let first = para.word_index_at(span.start);
    let after = &text[span.end..];
    if para.starts_sentence(first) {
        let rest = after.trim_start_matches([',', ' ']);
        let end = text.len() - rest.len();
        if let Some(c) = rest.chars().next() {
            return Fix::replace(title, span.start..end + c.len_utf8(), uppercase(c), safe);
        }
    }
    let before = &text[..span.start];
    if before.ends_with(", ") && after.starts_with(',') {
        // ", ironically, cut" → " cut": both commas go, one space stays.
        return Fix::replace(title, span.start - 2..span.end + 1, "", safe);
    }
    if let Some(rest) = after.strip_prefix(',') {
        // "very, very cold": the word goes with its comma, or the fixes of a
        // repeated word leave "was, cold".
        let rest = rest.trim_start_matches(' ');
        return Fix::replace(title, span.start..text.len() - rest.len(), "", safe);
    }
    let trailing = after.len() - after.trim_start_matches(' ').len();
    if trailing > 0 {
        return Fix::replace(title, span.start..span.end + trailing, "", safe);
    }
    let leading = before.len() - before.trim_end_matches(' ').len();
    Fix::replace(title, span.start - leading..span.end, "", safe)
}

/// `c` in uppercase: borrowed for an ASCII letter, as most words start,
/// rather than a string allocated for one letter.
fn uppercase(c: char) -> Cow<'static, str> {
    const CAPITALS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    if c.is_ascii_alphabetic() {
        let at = usize::from(c.to_ascii_uppercase() as u8 - b'A');
        Cow::Borrowed(&CAPITALS[at..at + 1])
    } else {
        Cow::Owned(c.to_uppercase().collect())
    }
}

/// Gives `replacement` the capitalization of `original`'s first letter.
pub(crate) fn match_case(original: &str, replacement: &str) -> String {
    let upper = original.chars().next().is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match chars.next() {
        Some(c) if upper => c.to_uppercase().chain(chars).collect(),
        _ => replacement.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_case_insensitive_and_apostrophes() {
        let list = PhraseList::new(["very", "it's said"]);
        let text = "Every VERY thing, it’s said, is very-ish.";
        let found: Vec<&str> = list.find(text).into_iter().map(|(_, r)| &text[r]).collect();
        assert_eq!(found, ["VERY", "it’s said"]);
    }

    /// The shared automaton's overlapping search filtered by [`whole_word`],
    /// which [`Trie::hits`] replaced.
    fn automaton_hits(matcher: &AhoCorasick, text: &str) -> Vec<(u32, u32, u32)> {
        let mut hits: Vec<_> = matcher
            .find_overlapping_iter(text)
            .filter(|h| whole_word(text, &h.range()))
            .map(|h| (h.pattern().as_u32(), h.start() as u32, h.end() as u32))
            .collect();
        hits.sort_unstable();
        hits
    }

    fn overlapping(patterns: &[&str]) -> AhoCorasick {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(patterns)
            .unwrap()
    }

    /// Every phrase of every rule, in the shared index's order.
    static PATTERNS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
        crate::rules::all()
            .iter()
            .flat_map(|rule| rule.phrase_lists())
            .flat_map(|list| list.patterns.iter().map(String::as_str))
            .collect()
    });

    static MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| overlapping(&PATTERNS));

    proptest::proptest! {
        #[test]
        fn the_trie_finds_what_the_automaton_found(
            patterns in proptest::collection::vec("[aAbB1é’' -]{1,5}", 1..10),
            text in "[aAbB1éÉ’' ,.-]{0,50}",
        ) {
            let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(
                Trie::new(&patterns).hits(&text),
                automaton_hits(&overlapping(&patterns), &text)
            );
        }

        #[test]
        fn the_trie_finds_the_rules_phrases_as_the_automaton_did(
            parts in proptest::collection::vec((0usize..100_000, "[ ,.\"“”’'(-]{0,2}", 0u8..3), 0..12),
        ) {
            // The rules' own phrases, whole, cut short or run together,
            // in any case, between marks.
            let mut text = String::new();
            for (pick, gap, form) in parts {
                let phrase = PATTERNS[pick % PATTERNS.len()];
                match form {
                    0 => text.push_str(phrase),
                    1 => text.push_str(&phrase.to_ascii_uppercase()),
                    _ => {
                        let mut cut = phrase.len() / 2;
                        while !phrase.is_char_boundary(cut) {
                            cut -= 1;
                        }
                        text.push_str(&phrase[..cut]);
                    }
                }
                text.push_str(&gap);
            }
            proptest::prop_assert_eq!(INDEX.trie.hits(&text), automaton_hits(&MATCHER, &text));
        }
    }

    #[test]
    fn stops_are_the_bytes_that_are_not_ascii_letters() {
        for b in 0..=u8::MAX {
            for at in 0..8 {
                let mut eight = [b'a'; 8];
                eight[at] = b;
                let expected = if b.is_ascii_alphabetic() {
                    0
                } else {
                    0x80 << (8 * at)
                };
                assert_eq!(
                    stops(u64::from_le_bytes(eight)),
                    expected,
                    "byte {b:#04x} at {at}"
                );
            }
        }
    }

    #[test]
    fn no_phrase_is_empty() {
        // The automaton reported an empty phrase everywhere; the trie never does.
        assert!(PATTERNS.iter().all(|p| !p.is_empty()));
    }

    #[test]
    fn uppercase_is_the_letter_capitalized() {
        for c in ['a', 'z', 'A', 'é', 'ß', '1', '“'] {
            assert_eq!(uppercase(c), c.to_uppercase().collect::<String>());
        }
    }

    #[test]
    fn case_is_kept() {
        assert_eq!(match_case("Claimed", "said"), "Said");
        assert_eq!(match_case("claimed", "said"), "said");
    }
}
