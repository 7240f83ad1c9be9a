//! The prose model: what rules see of a document.
//!
//! A source is split into prose blocks ([`markup`]); each block is analysed
//! on its own into a [`Paragraph`]: words, sentences, quotations, attribution
//! cues and figures. Offsets in a paragraph are relative to its block.

pub mod attribution;
pub(crate) mod embedded;
pub mod figures;
pub(crate) mod lexicon;
pub mod markup;
pub mod months;
pub mod numbers;
pub mod quotations;
pub mod sentences;
pub mod word_classes;
pub mod word_list;
pub mod words;

use std::cell::RefCell;
use std::ops::Range;

pub use attribution::Cue;
pub use figures::{Figure, FigureKind};
pub use markup::{Block, BlockKind, Syntax};
pub use quotations::Quotation;

use lexicon::{lexicon, Classes, List, Lower};

/// How a paragraph's quotations connect to its neighbours', for quotations
/// that run over several paragraphs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QuoteLinks {
    /// The paragraph opens with a quotation mark; whether that quotation has a speaker.
    pub opening: Option<bool>,
    /// A quotation is still open at the end; whether it has a speaker.
    pub closing: Option<bool>,
    /// The opening quotation runs to the end of the paragraph.
    pub all_quote: bool,
    /// A quotation opening the next paragraph continues this one's speaker:
    /// the paragraph ends with an attributed quotation, names a speaker in its
    /// last sentence, or introduces one ("she said:").
    pub hands_on: bool,
    /// The last sentence has a source (for figures that carry on in the next paragraph).
    pub ends_sourced: bool,
    /// The paragraph ends with a lead-in ("Dodge reported the following breakdown:").
    pub introduces: bool,
    /// The paragraph is one sentence (wire copy), so a source that carries
    /// into it carries through it to the next.
    pub one_sentence: bool,
    /// Hashes of the words naming the source of the last sentence (0 for
    /// none): "The company says …" then "… has cost the company $24 million".
    pub ends_sources: [u32; 4],
    /// The kinds of figure in the last sentence, when it has a source: a run
    /// of the same data ("there is a 60 to 80 per cent chance … Elsewhere
    /// there is a 50 per cent chance", "… show the national flock is down
    /// five million … / … exports to Japan up 30 per cent").
    pub ends_kinds: u8,
    /// Which names and institutions the first sentence mentions (a Bloom
    /// filter of their hashes). Empty unless asked for: only
    /// [`QuoteLinks::covers_next`] reads it, for a one-sentence paragraph or a
    /// finding that may take its source from the paragraph before.
    pub opens_names: [u64; 4],
    /// The kinds of figure in the first sentence.
    pub opens_kinds: u8,
    /// The first sentence carries on with the data before it ("The figures
    /// show …", "Profits have been boosted …").
    pub opens_continuation: bool,
    /// The last sentence reports a forecast ("The outlook predicts …").
    pub ends_forecast: bool,
    /// The first sentence has figures, in the future a forecast describes
    /// ("… will only have a 30 to 40 per cent chance").
    pub opens_future: bool,
    /// The first sentence names a source: a speaker, or an institution as
    /// its subject ("The Queensland Department of Primary Industries has …").
    pub opens_named_source: bool,
    /// The first sentence has a source and carries on with the data before
    /// it ("The latest figures show …").
    pub opens_sourced_continuation: bool,
}

impl QuoteLinks {
    /// Whether this paragraph's ending sources the figures of the first
    /// sentence of `next`: a lead-in ("the following breakdown:"), or a
    /// sourced last sentence that `next` carries on from, by its opening
    /// ("The figures show …", when `continues`), by naming the same source,
    /// or by giving more figures after its own, or (after a forecast) by
    /// going on in its future tense.
    pub fn covers_next(&self, continues: bool, next: &QuoteLinks) -> bool {
        self.introduces
            || (self.ends_sourced
                && (continues
                    || (self.ends_forecast && next.opens_future && next.opens_kinds != 0)
                    // Figures after sourced figures: wire copy gives one
                    // source's data a paragraph at a time.
                    || (self.ends_kinds != 0 && next.opens_kinds != 0)
                    || self
                        .ends_sources
                        .iter()
                        .any(|&h| h != 0 && bloom_has(&next.opens_names, h))))
    }

    /// This paragraph's links with its last sentence counted as sourced by
    /// `source`, the links that carried a source into it: a source carried
    /// into a one-sentence paragraph carries through it, with its names and
    /// its kinds of figure ("AWB says profit is up 5 per cent to $86
    /// million." / "Profits have been boosted by …" / "The inquiry has cost
    /// almost $10 million.").
    pub fn sourced_through(&self, source: &QuoteLinks) -> QuoteLinks {
        // Its own names first, then the source's, in the free slots.
        let mut names = self.ends_sources;
        let mut free = names.iter_mut().filter(|h| **h == 0);
        for &h in source.ends_sources.iter().filter(|&&h| h != 0) {
            match free.next() {
                Some(slot) => *slot = h,
                None => break,
            }
        }
        QuoteLinks {
            ends_sourced: true,
            ends_kinds: self.ends_kinds | self.opens_kinds | source.ends_kinds,
            ends_sources: names,
            ..*self
        }
    }
}

/// A hash of a word in ASCII lowercase (its bytes in the paragraph's
/// lowercase copy), never 0 (0 marks an empty slot). Eight bytes at a time:
/// every name of every paragraph's first sentence is hashed.
fn word_hash(lower: &[u8]) -> u32 {
    const MIX: u64 = 0x9e37_79b9_7f4a_7c15;
    let step = |h: u64, chunk: &[u8]| {
        let mut buf = [0u8; 8];
        buf[..chunk.len()].copy_from_slice(chunk);
        (h ^ u64::from_le_bytes(buf))
            .wrapping_mul(MIX)
            .rotate_left(29)
    };
    let mut chunks = lower.chunks_exact(8);
    let mut h = (lower.len() as u64).wrapping_mul(MIX);
    for chunk in &mut chunks {
        h = step(h, chunk);
    }
    h = step(h, chunks.remainder());
    ((h >> 32) as u32).max(1)
}

/// The two bit positions of a hash in a 256-bit Bloom filter.
fn bloom_bits(h: u32) -> [usize; 2] {
    [(h & 0xff) as usize, ((h >> 8) & 0xff) as usize]
}

fn bloom_add(bloom: &mut [u64; 4], h: u32) {
    for bit in bloom_bits(h) {
        bloom[bit / 64] |= 1 << (bit % 64);
    }
}

fn bloom_has(bloom: &[u64; 4], h: u32) -> bool {
    bloom_bits(h)
        .iter()
        .all(|&bit| bloom[bit / 64] & (1 << (bit % 64)) != 0)
}

/// Whether the character at `at` (a character boundary) is a capital letter.
#[inline]
fn capital_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => text[at..].starts_with(char::is_uppercase),
    }
}

/// A bit per figure kind.
fn kind_bit(kind: FigureKind) -> u8 {
    1 << (kind as u8)
}

/// One analysed block of prose.
#[derive(Debug)]
pub struct Paragraph<'a> {
    /// The block text, non-prose blanked; offsets below index into it.
    pub text: &'a str,
    /// Heading, body paragraph, list item or table cell.
    pub kind: BlockKind,
    /// Word ranges.
    pub words: Vec<Range<usize>>,
    /// Sentence ranges, in order, not overlapping.
    pub sentences: Vec<Range<usize>>,
    /// Quotations, outer (depth 0) and nested (depth 1), in order of opening.
    pub quotations: Vec<Quotation>,
    /// Attribution cues outside quotations.
    pub cues: Vec<Cue>,
    /// Figures that may need a source.
    pub figures: Vec<Figure>,
    /// `text` in ASCII lowercase, byte for byte, so that word ranges index it:
    /// words are looked up in the lexicon many times over, and slicing this
    /// beats lowercasing (and re-validating) a copy of the word each time.
    lower: String,
    /// The lexicon lists each word is in (of its lowercase, whatever its
    /// length), looked up once per word for every question below.
    classes: Vec<Classes>,
    /// Indexes of the outer (depth 0) quotations, in order: they never
    /// overlap one another, so their ends are in order too.
    outer: Vec<usize>,
    /// The text with every run of whitespace squeezed to one space, so that
    /// phrases match across line breaks and blanked markup.
    squeezed: Squeezed,
    /// Phrase-list hits of the rules' shared automaton over the squeezed text
    /// (pattern, start, end), computed by the first rule that asks.
    pub(crate) phrase_hits: std::cell::OnceCell<Vec<(u32, u32, u32)>>,
    /// The classes of the words that have one (figure, number word, month),
    /// worked out once by the first rule that asks.
    word_classes: std::cell::OnceCell<Vec<word_classes::WordClass>>,
    /// [`Paragraph::sentence_continues`] of the first 64 sentences, as
    /// worked out (`continues`) and which of them are (`continues_known`):
    /// each figure asks it of its sentence and the ones around it.
    continues: std::cell::Cell<u64>,
    continues_known: std::cell::Cell<u64>,
}

/// The lists of the last paragraph analysed on a thread, emptied and kept for
/// the next one: a document has thousands of paragraphs, each needing the
/// same eight lists, and refilling them spares allocating, growing and
/// freeing every one for every paragraph.
#[derive(Default)]
struct Spare {
    words: Vec<Range<usize>>,
    sentences: Vec<Range<usize>>,
    quotations: Vec<Quotation>,
    cues: Vec<Cue>,
    figures: Vec<Figure>,
    lower: String,
    classes: Vec<Classes>,
    outer: Vec<usize>,
    squeezed: Squeezed,
    word_classes: Vec<word_classes::WordClass>,
}

thread_local! {
    static SPARE: RefCell<Spare> = RefCell::default();
}

/// Paragraphs longer than this leave no spare lists behind: a thread keeps
/// the room an ordinary paragraph needs, not what its longest one did.
const SPARE_LIMIT: usize = 16 * 1024;

impl Drop for Paragraph<'_> {
    fn drop(&mut self) {
        if self.text.len() <= SPARE_LIMIT {
            self.swap_spare();
        }
    }
}

impl Paragraph<'_> {
    /// Exchanges the paragraph's lists with the thread's spare ones. The
    /// lists move one by one: moving the whole [`Spare`] is a `memcpy` call,
    /// twice per paragraph.
    fn swap_spare(&mut self) {
        // A thread being torn down has no spare to keep; neither does one
        // that is analysing a paragraph while dropping another.
        let _ = SPARE.try_with(|slot| {
            if let Ok(mut slot) = slot.try_borrow_mut() {
                use std::mem::swap;
                swap(&mut slot.words, &mut self.words);
                swap(&mut slot.sentences, &mut self.sentences);
                swap(&mut slot.quotations, &mut self.quotations);
                swap(&mut slot.cues, &mut self.cues);
                swap(&mut slot.figures, &mut self.figures);
                swap(&mut slot.lower, &mut self.lower);
                swap(&mut slot.classes, &mut self.classes);
                swap(&mut slot.outer, &mut self.outer);
                swap(&mut slot.squeezed, &mut self.squeezed);
                // Worked out only when a rule asks; then handed back.
                if let Some(words) = self.word_classes.take() {
                    slot.word_classes = words;
                }
            }
        });
    }

    /// An empty list for [`Paragraph::word_classes`], with the room the last
    /// paragraph on this thread used.
    fn spare_word_classes() -> Vec<word_classes::WordClass> {
        let mut words = SPARE
            .try_with(|slot| {
                slot.try_borrow_mut()
                    .map(|mut slot| std::mem::take(&mut slot.word_classes))
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        words.clear();
        words
    }
}

/// A copy of a paragraph's text with whitespace runs squeezed to one space.
#[derive(Debug, Default)]
struct Squeezed {
    /// Empty when nothing needed squeezing (the paragraph text is used as is).
    text: String,
    /// Where bytes were dropped: (position in `text`, bytes dropped before it
    /// in all), in order. Sparse, so it costs nothing for tidy text.
    jumps: Vec<(u32, u32)>,
    squeezed: bool,
}

impl Squeezed {
    /// Squeezes `text`, into the room of the lists it had.
    fn fill(&mut self, text: &str) {
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
    fn original(&self, at: usize) -> usize {
        let i = self.jumps.partition_point(|&(p, _)| p as usize <= at);
        at + i.checked_sub(1).map_or(0, |i| self.jumps[i].1 as usize)
    }
}

impl<'a> Paragraph<'a> {
    /// Analyses one block of prose.
    pub fn analyse(text: &'a str, kind: BlockKind) -> Paragraph<'a> {
        Paragraph::analyse_with_verbs(text, kind, &std::collections::HashSet::new())
    }

    /// Analyses one block of prose, counting `extra_verbs` (lowercase) as
    /// speech or report verbs besides the lexicon's: a newsroom's own
    /// ("posted", "tweeted"), from its configuration.
    pub fn analyse_with_verbs(
        text: &'a str,
        kind: BlockKind,
        extra_verbs: &std::collections::HashSet<String>,
    ) -> Paragraph<'a> {
        let mut para = Paragraph {
            text,
            kind,
            words: Vec::new(),
            sentences: Vec::new(),
            quotations: Vec::new(),
            cues: Vec::new(),
            figures: Vec::new(),
            lower: String::new(),
            classes: Vec::new(),
            outer: Vec::new(),
            squeezed: Squeezed::default(),
            phrase_hits: std::cell::OnceCell::new(),
            word_classes: std::cell::OnceCell::new(),
            continues: std::cell::Cell::new(0),
            continues_known: std::cell::Cell::new(0),
        };
        // Each list is refilled from the last paragraph's on this thread.
        para.swap_spare();
        para.squeezed.fill(text);
        para.lower.clear();
        para.lower.push_str(text);
        para.lower.make_ascii_lowercase();
        words::words_into(text, &mut para.words);
        sentences::sentences_into(text, &para.lower, &mut para.sentences);
        let lex = lexicon();
        para.classes.clear();
        para.classes.extend(
            para.words
                .iter()
                .map(|w| lex.classes_at(para.lower.as_bytes(), w.clone())),
        );
        quotations::quotations_into(text, kind == BlockKind::Heading, &mut para.quotations);
        para.outer.clear();
        let quotations = &para.quotations;
        para.outer
            .extend((0..quotations.len()).filter(|&i| quotations[i].depth == 0));
        // Asked of each word's start in order: the outer quotations (in
        // order, not overlapping) are walked once, as `in_quotation` would
        // find them.
        let mut outer = para
            .outer
            .iter()
            .map(|&i| &para.quotations[i].span)
            .peekable();
        let in_quote = |at: usize| {
            while outer.next_if(|q| q.end <= at).is_some() {}
            outer.peek().is_some_and(|q| q.start <= at)
        };
        let mut cues = std::mem::take(&mut para.cues);
        attribution::cues_in(
            text,
            &para.lower,
            &para.words,
            &para.classes,
            extra_verbs,
            in_quote,
            |at| para.sentence_of(at),
            &mut cues,
        );
        para.cues = cues;
        // Found in word order, so already in sentence order; the lookups
        // below rely on it (a stable sort keeps the order within a sentence).
        para.cues.sort_by_key(|c| c.sentence);
        let mut figures = std::mem::take(&mut para.figures);
        figures::figures_in(text, &para.lower, &para.words, &para.classes, &mut figures);
        para.figures = figures;
        for q in 0..para.quotations.len() {
            let cue = para
                .speaker_cue(&para.quotations[q])
                .map(|c| c.source.clone());
            para.quotations[q].attributed =
                cue.is_some() || para.introduced_by_name(&para.quotations[q]);
            para.quotations[q].speaker = cue.flatten();
        }
        para
    }

    /// The text phrases are matched against (whitespace squeezed), and a
    /// function mapping a range of it back to the paragraph text.
    pub fn phrase_text(&self) -> (&str, impl Fn(Range<usize>) -> Range<usize> + '_) {
        let squeezed = &self.squeezed;
        let text = if squeezed.squeezed {
            squeezed.text.as_str()
        } else {
            self.text
        };
        let map = move |r: Range<usize>| {
            if !squeezed.squeezed {
                r
            } else if r.start < r.end {
                squeezed.original(r.start)..squeezed.original(r.end - 1) + 1
            } else {
                let at = squeezed.original(r.start);
                at..at
            }
        };
        (text, map)
    }

    /// Index of the sentence containing `offset` (the nearest before it when
    /// the offset falls between sentences).
    pub fn sentence_of(&self, offset: usize) -> usize {
        self.sentences
            .partition_point(|s| s.start <= offset)
            .saturating_sub(1)
    }

    /// The outer quotation that contains any byte of `span`.
    pub fn quotation_at(&self, span: Range<usize>) -> Option<&Quotation> {
        // The first outer quotation ending after the span starts, if it
        // starts before the span ends.
        let first = self
            .outer
            .partition_point(|&i| self.quotations[i].span.end <= span.start);
        self.outer
            .get(first)
            .map(|&i| &self.quotations[i])
            .filter(|q| q.span.start < span.end)
    }

    /// The cues of sentences `first..=last`.
    fn cues_of(&self, first: usize, last: usize) -> &[Cue] {
        let from = self.cues.partition_point(|c| c.sentence < first);
        let to = self.cues.partition_point(|c| c.sentence <= last);
        &self.cues[from..to.max(from)]
    }

    /// Whether any byte of `span` lies inside a direct quotation: words there
    /// belong to the speaker, not the writer.
    pub fn in_quotation(&self, span: Range<usize>) -> bool {
        self.quotation_at(span).is_some()
    }

    /// Whether sentence `index` carries its own attribution cue.
    pub fn sentence_attributed(&self, index: usize) -> bool {
        self.cues_of(index, index).iter().any(|c| !c.actor)
    }

    /// Whether sentence `index` has a source for its figures: a speech or
    /// report cue, or a named actor acting ("the council approved $4 million").
    pub fn sentence_sourced(&self, index: usize) -> bool {
        !self.cues_of(index, index).is_empty()
    }

    /// Whether an attribution in the same sentence owns the words at `span`:
    /// a cue before them ("aides said he was eager to …"), "according to"
    /// anywhere, or a cue after them that attributes the whole clause
    /// (", aides said."), not one whose subject the words describe
    /// ("The senator, desperate to win, announced …").
    pub fn span_attributed(&self, span: &Range<usize>) -> bool {
        self.attributed(span, true)
    }

    /// [`Paragraph::span_attributed`] for words that are an attribution
    /// themselves ("critics say"): a source before them ("Police say it is
    /// believed …") or after them (", police said.") owns them, but not a
    /// clause of its own after a conjunction (", and residents believe …").
    pub fn span_reported(&self, span: &Range<usize>) -> bool {
        self.attributed(span, false)
    }

    /// `joined`: whether a cue after the words may follow a conjunction.
    fn attributed(&self, span: &Range<usize>, joined: bool) -> bool {
        let sentence = self.sentence_of(span.start);
        self.cues_of(sentence, sentence)
            .iter()
            .filter(|c| !c.actor)
            // A cue inside the words themselves ("we believe") attributes nothing.
            .filter(|c| c.span.end <= span.start || c.span.start >= span.end)
            .any(|c| {
                if self.text[c.span.clone()].eq_ignore_ascii_case("according to") {
                    return true;
                }
                let verb = self.text[c.span.clone()].to_ascii_lowercase();
                let reporting = lexicon().reporting_verbs.contains(&verb);
                if c.span.start < span.start {
                    // The words must be in the clause a reporting verb governs
                    // ("says it is very concerned"), not in the object of an
                    // action ("announced its state-of-the-art center") or the next clause.
                    if !reporting {
                        return false;
                    }
                    let between = &self.text[c.span.end..span.start];
                    return ![", and ", ", but ", "; ", ", while "]
                        .iter()
                        .any(|joint| between.contains(joint));
                }
                let between = &self.text[span.end..c.span.start];
                between.rfind([',', '"', '”']).is_some_and(|p| {
                    // Past the mark, which may be more than one byte (”).
                    let after = p + between[p..].chars().next().map_or(1, char::len_utf8);
                    let subject = between[after..].split_whitespace();
                    let conjunction = subject.clone().next().is_some_and(|w| {
                        ["and", "but", "or", "while", "yet"]
                            .iter()
                            .any(|j| w.eq_ignore_ascii_case(j))
                    });
                    if conjunction && !joined {
                        return false;
                    }
                    let subject = subject.count();
                    (1..=5).contains(&subject)
                        || (subject == 0 && reporting && self.inverted_subject_after(c))
                })
            })
    }

    /// Whether a name or a determiner follows the cue: inverted attribution
    /// (", said Smith", ", said the mayor"), not ", insisted that …" nor a
    /// reported clause (", said the plea was a formality").
    fn inverted_subject_after(&self, cue: &Cue) -> bool {
        let next = self.word_index_at(cue.span.end);
        let opens = self.words.get(next).is_some_and(|w| {
            let word = &self.text[w.clone()];
            word.starts_with(char::is_uppercase)
                || matches!(word, "the" | "a" | "an" | "his" | "her" | "their")
        });
        opens && !self.clause_at(next)
    }

    /// Whether word `first` (a determiner or a name) opens a clause: one to
    /// three words of subject (or the name alone), then a finite verb ("the
    /// plea was", "Smith was"), with nothing but spaces between. A relative,
    /// a pronoun, a quantifier, a conjunction or a preposition ends the
    /// subject first ("a neighbour who had", "the home her family had",
    /// "a collection few galleries can"), and so does a capitalized word
    /// after a lowercase one, which starts a subject of its own ("the seat
    /// Labor had held"). The verb is lowercase: "said Will Hodgman" is a name.
    pub fn clause_at(&self, first: usize) -> bool {
        let lex = lexicon();
        let Some(start) = self.words.get(first) else {
            return false;
        };
        // A name is a subject by itself ("said Smith was wrong"); a
        // determiner needs a noun after it.
        let verb_from = if self.text[start.clone()].starts_with(char::is_uppercase) {
            first + 1
        } else {
            first + 2
        };
        let mut at = start.end;
        let mut lowercase_before = false;
        for (k, w) in self.words.iter().enumerate().skip(first + 1).take(4) {
            if self.text[at..w.start].contains(|c: char| !c.is_whitespace()) {
                return false;
            }
            let word = &self.text[w.clone()];
            let capital = word.starts_with(char::is_uppercase);
            if capital && lowercase_before {
                return false;
            }
            // The paragraph's lowercase copy, indexed as the text is.
            let lower = &self.lower[w.clone()];
            if !capital && k >= verb_from && lex.clause_verbs.contains(lower) {
                return true;
            }
            if lex.clause_subject_breaks.contains(lower) {
                return false;
            }
            lowercase_before |= !capital;
            at = w.end;
        }
        false
    }

    /// Whether the paragraph opens with "According to X," which covers all of it.
    pub fn opens_with_according_to(&self) -> bool {
        self.cues.first().is_some_and(|c| {
            c.sentence == 0
                && self.text[..c.span.start].trim().is_empty()
                && self.text[c.span.clone()].eq_ignore_ascii_case("according to")
        })
    }

    /// Whether sentence `index` continues the data of the sentence before it
    /// ("That was …", "The figures show …").
    pub fn sentence_continues(&self, index: usize) -> bool {
        if index >= 64 {
            return self.opens_with_continuation(index);
        }
        let bit = 1u64 << index;
        if self.continues_known.get() & bit == 0 {
            if self.opens_with_continuation(index) {
                self.continues.set(self.continues.get() | bit);
            }
            self.continues_known.set(self.continues_known.get() | bit);
        }
        self.continues.get() & bit != 0
    }

    /// [`Paragraph::sentence_continues`], worked out.
    fn opens_with_continuation(&self, index: usize) -> bool {
        let Some(sentence) = self.sentences.get(index) else {
            return false;
        };
        let trimmed = self.text[sentence.clone()].trim_start_matches(['"', '“', '(']);
        let mut from = sentence.end - trimmed.len();
        // "But that is just a small decline …": a conjunction still carries on.
        for conjunction in ["but ", "and ", "so "] {
            if self.lower[from..sentence.end].starts_with(conjunction) {
                from += conjunction.len();
            }
        }
        lexicon().opens_with_continuation(&self.lower[from..sentence.end])
    }

    /// Whether a claim in sentence `index` has a source in reach: a cue in the
    /// sentence, a paragraph opened by "According to", or a cue in the next
    /// sentence when that sentence carries on with the same data.
    pub fn claim_attributed(&self, index: usize) -> bool {
        self.sentence_sourced(index)
            || self.opens_with_according_to()
            || (self.sentence_sourced(index + 1) && self.sentence_continues(index + 1))
            || (index > 0 && self.sentence_sourced(index - 1) && self.sentence_continues(index))
    }

    /// Whether `figure` has a source in reach: [`Paragraph::claim_attributed`],
    /// or a sourced sentence just before that the figure's sentence carries
    /// on from, by naming its source again ("The company says …. The inquiry
    /// has cost the company $24 million") or by giving more of the same kind
    /// of figure ("The bureau says there is a 70 per cent chance …. Elsewhere
    /// there is a 50 per cent chance").
    pub fn figure_attributed(&self, figure: &Figure) -> bool {
        let index = self.sentence_of(figure.span.start);
        // An actor owns the figures of its own clause only: "Sudwolle
        // processes 200,000 bales a year - the equivalent of 10 per cent of
        // the clip" leaves the comparison after the dash to a source.
        let own = self.cues_of(index, index).iter().any(|c| {
            !c.actor || {
                let (from, to) = if c.span.start < figure.span.start {
                    (c.span.end, figure.span.start)
                } else {
                    (figure.span.end, c.span.start)
                };
                let between = &self.text[from..to.max(from)];
                !(between.contains([';', '—']) || between.contains(" - ") || between.contains("--"))
            }
        });
        if own
            || self.owned_by_subject(figure)
            || self.opens_with_according_to()
            || (self.sentence_sourced(index + 1) && self.sentence_continues(index + 1))
        {
            return true;
        }
        // A sourced sentence just before: the cheapest of the three tests first.
        let Some(before) = index.checked_sub(1) else {
            return false;
        };
        if !self.sentence_sourced(before) {
            return false;
        }
        if self.sentence_kinds(before) & kind_bit(figure.kind) != 0
            || self.sentence_continues(index)
        {
            return true;
        }
        let sources = self.source_hashes(before);
        sources.iter().any(|&h| h != 0) && {
            let mut bloom = [0u64; 4];
            self.add_names(index, &mut bloom);
            sources.iter().any(|&h| h != 0 && bloom_has(&bloom, h))
        }
    }

    /// Whether a possessive ties the figure to the named subject that opens
    /// its sentence: "Telstra has switched on its new $1 billion network" is
    /// the company's own investment.
    fn owned_by_subject(&self, figure: &Figure) -> bool {
        // Only what a subject owns: a sum ("its highest level" is a ranking).
        if figure.kind != FigureKind::Money {
            return false;
        }
        let at = self.word_index_at(figure.span.start);
        let sentence = &self.sentences[self.sentence_of(figure.span.start)];
        let first = self.word_index_at(sentence.start);
        let possessive = (1..=2)
            .map_while(|k| at.checked_sub(k))
            .take_while(|&i| i >= first)
            // In place: only ASCII letters lowercase to "its".
            .any(|i| self.text[self.words[i].clone()].eq_ignore_ascii_case("its"));
        // The subject is a name and nothing more ("Telstra has …", "Bega
        // Cheese will …"), not a description ("Cherry growers … their market").
        let lex = lexicon();
        let opener = self.words.get(first).map_or("", |w| &self.text[w.clone()]);
        let mut after = first;
        while self
            .words
            .get(after)
            .is_some_and(|w| self.text[w.clone()].starts_with(char::is_uppercase))
        {
            after += 1;
        }
        let verb_next = {
            let next = self.word_lower(after);
            lex.actor_skips.contains(&next) || lex.passive_auxiliaries.contains(&next)
        };
        possessive
            && verb_next
            && opener.starts_with(char::is_uppercase)
            && !lex.determiners.contains(&*Lower::new(opener))
            && !matches!(
                opener,
                "There" | "It" | "This" | "That" | "In" | "At" | "On"
            )
    }

    /// The kinds of figure in sentence `index`, as bits.
    fn sentence_kinds(&self, index: usize) -> u8 {
        let Some(sentence) = self.sentences.get(index) else {
            return 0;
        };
        self.figures
            .iter()
            .filter(|f| f.span.start >= sentence.start && f.span.start < sentence.end)
            .fold(0, |bits, f| bits | kind_bit(f.kind))
    }

    /// Hashes of the names and institutions in the sources of the cues of
    /// sentence `index` (up to four; 0 for an empty slot).
    fn source_hashes(&self, index: usize) -> [u32; 4] {
        let mut out = [0u32; 4];
        let mut n = 0;
        for cue in self.cues_of(index, index) {
            let source = self.subject_of(cue);
            for i in self.word_index_at(source.start)..self.word_index_at(source.end) {
                if n < out.len() && self.is_name(i) {
                    out[n] = word_hash(&self.lower.as_bytes()[self.words[i].clone()]);
                    n += 1;
                }
            }
        }
        out
    }

    /// Adds the names and institutions of sentence `index` to `bloom`.
    fn add_names(&self, index: usize, bloom: &mut [u64; 4]) {
        let Some(sentence) = self.sentences.get(index) else {
            return;
        };
        let first = self.word_index_at(sentence.start);
        let last = self.word_index_at(sentence.end);
        if first < last && self.is_name(first) {
            bloom_add(
                bloom,
                word_hash(&self.lower.as_bytes()[self.words[first].clone()]),
            );
        }
        // Only the first word can open the sentence: any other has that word
        // before it.
        let rest = (first + 1).min(last)..last;
        for (w, &class) in self.words[rest.clone()].iter().zip(&self.classes[rest]) {
            let class = if w.len() <= Lower::MAX {
                class
            } else {
                Classes::default()
            };
            if capital_at(self.text, w.start) || class.has(List::Institutions) {
                bloom_add(bloom, word_hash(&self.lower.as_bytes()[w.clone()]));
            }
        }
    }

    /// Whether word `i` names someone who could be a source: a capitalized
    /// word that does not merely open the sentence, or an institution noun.
    fn is_name(&self, i: usize) -> bool {
        (capital_at(self.text, self.words[i].start) && !self.starts_sentence(i))
            || self.lower_classes(i).has(List::Institutions)
    }

    /// The lexicon lists that [`Lower::new`] of word `i` is in: none when
    /// the word is longer than any listed word (`Lower::new` clips it to
    /// nothing, and no list holds the empty word).
    #[inline]
    pub(crate) fn lower_classes(&self, i: usize) -> Classes {
        if self.words[i].len() <= Lower::MAX {
            self.classes[i]
        } else {
            Classes::default()
        }
    }

    /// Whether [`Paragraph::word_lower`] of word `i` is in `list`.
    fn word_in(&self, i: usize, list: List) -> bool {
        match self.words.get(i) {
            // Unicode lowercasing is ASCII lowercasing on ASCII words.
            Some(w) if self.text[w.clone()].is_ascii() => self.classes[i].has(list),
            _ => lexicon().classes(&self.word_lower(i)).has(list),
        }
    }

    /// Whether a quotation's speaker is in reach: a cue in a sentence the
    /// quotation overlaps, or in the sentence just before or after it.
    /// Whether a named person introduces the quotation without a verb of
    /// saying: a lead-in ending in a colon ("Resident Joan Meyers had a simple
    /// request: "…""), or a short sentence just before it ("Coach Maria
    /// Okonkwo was blunt. "…"").
    fn introduced_by_name(&self, q: &Quotation) -> bool {
        let sentence = self.sentence_of(q.span.start);
        let own = &self.sentences[sentence];
        let lead_in = own.start..q.span.start;
        if self.text[lead_in.clone()].trim_end().ends_with(':') {
            // "DELEGATE: "…"", "TERRY REINHART: "…"": a transcript's speaker label.
            let label = self.text[lead_in.clone()].trim_end().trim_end_matches(':');
            let transcript = !label.is_empty()
                && label.split_whitespace().count() <= 4
                && label.chars().any(char::is_alphabetic)
                && !label.chars().any(char::is_lowercase);
            return transcript || self.names_a_person(&lead_in);
        }
        // "That was the estimate of Lara Dunn, who …" right after the quotation.
        let last = self.sentence_of(q.span.end.saturating_sub(1).max(q.span.start));
        if let Some(after) = self.sentences.get(last + 1) {
            let opening = self.text[after.clone()]
                .split_whitespace()
                .next()
                .unwrap_or("");
            if matches!(opening, "That" | "Those" | "These" | "So" | "This")
                && self.names_a_person(after)
            {
                return true;
            }
        }
        let Some(before) = sentence.checked_sub(1).map(|s| self.sentences[s].clone()) else {
            return false;
        };
        let short = self.text[before.clone()].split_whitespace().count() <= 8;
        let quotes_itself = self
            .quotations
            .iter()
            .any(|o| o.depth == 0 && o.span.start >= before.start && o.span.start < before.end);
        lead_in.is_empty() && short && !quotes_itself && self.names_a_person(&before)
    }

    fn speaker_cue(&self, q: &Quotation) -> Option<&Cue> {
        let first = self.sentence_of(q.span.start);
        let last = self.sentence_of(q.span.end.saturating_sub(1).max(q.span.start));
        let in_reach = |c: &&Cue| c.sentence + 1 >= first && c.sentence <= last + 1;
        // Prefer a cue in the quotation's own sentences, then one next to them.
        self.cues_of(first.saturating_sub(1), last + 1)
            .iter()
            .filter(|c| !c.actor)
            .filter(in_reach)
            .min_by_key(|c| (c.sentence < first || c.sentence > last, c.source.is_none()))
    }

    /// The lowercase text of word `i`.
    pub fn word_lower(&self, i: usize) -> String {
        self.words
            .get(i)
            .map(|r| self.text[r.clone()].to_lowercase())
            .unwrap_or_default()
    }

    /// Index of the first word that starts at or after `offset`.
    pub fn word_index_at(&self, offset: usize) -> usize {
        self.words.partition_point(|w| w.start < offset)
    }

    /// Whether word `i` opens its sentence (ignoring opening quotes and brackets).
    pub fn starts_sentence(&self, i: usize) -> bool {
        let Some(w) = self.words.get(i) else {
            return false;
        };
        let s = &self.sentences[self.sentence_of(w.start)];
        self.text[s.start..w.start]
            .chars()
            .all(|c| matches!(c, '"' | '“' | '‘' | '(' | '[' | '\'') || c.is_whitespace())
    }

    /// Whether the paragraph ends by introducing a quotation ("The mayor said:"),
    /// which then opens the next paragraph.
    pub fn introduces_quotation(&self) -> bool {
        // A transcript's lead-in may sit inside its speaker's own quotation
        // ("… The message from Dr Fisher though is that won't happen:"").
        let trimmed = self.text.trim_end().trim_end_matches(['"', '”']);
        // "Smith said:", and lead-ins that name the speaker without a verb of
        // saying ("Coach Maria Okonkwo had a simple request:").
        trimmed.ends_with(':')
            && self.sentences.len().checked_sub(1).is_some_and(|last| {
                self.sentence_attributed(last) || self.names_a_person(&self.sentences[last])
            })
    }

    /// How this paragraph's quotations and sources connect to its
    /// neighbours'. `carries` says whether any of its findings may take a
    /// source from the paragraph before: the names its first sentence holds
    /// are read only then, or when it is one sentence long.
    pub fn quote_links(&self, carries: bool) -> QuoteLinks {
        let opening = self.opening_quotation();
        let end = self.text.trim_end().len();
        let last = self.quotations.iter().rev().find(|q| q.depth == 0);
        // The last quotation has its speaker and runs into the last sentence
        // (`"We had 26 millimetres. One storm yesterday," one farmer said.`).
        let ends_with_speaker = last.is_some_and(|q| {
            q.attributed
                && self.sentence_of(q.span.end.saturating_sub(1).max(q.span.start)) + 1
                    >= self.sentences.len()
        });
        let last_sentence = self.sentences.len().checked_sub(1);
        // "Russell Creighton says drought has claimed another casualty." names
        // the speaker of the quotation that opens the next paragraph.
        let names_speaker = last_sentence.is_some_and(|s| {
            self.cues_of(s, s)
                .iter()
                .any(|c| !c.actor && self.names_a_person(&self.subject_of(c)))
        });
        // Each asked for twice below; worked out once.
        let opens_kinds = self.sentence_kinds(0);
        let opens_continuation = self.sentence_continues(0);
        let opens_named_source = self.names_source(0);
        let introduces = self.introduces_quotation();
        QuoteLinks {
            opening: opening.map(|q| q.attributed),
            closing: self.closing_open_quotation().map(|q| q.attributed),
            all_quote: opening.is_some_and(|q| q.span.end >= end.saturating_sub(1)),
            hands_on: ends_with_speaker || names_speaker || introduces,
            ends_sourced: last_sentence.is_some_and(|s| self.sentence_sourced(s)),
            introduces,
            one_sentence: self.sentences.len() == 1,
            ends_sources: last_sentence.map_or([0; 4], |s| self.source_hashes(s)),
            ends_kinds: last_sentence.map_or(0, |s| self.sentence_kinds(s)),
            opens_names: {
                let mut bloom = [0u64; 4];
                if carries || self.sentences.len() == 1 {
                    self.add_names(0, &mut bloom);
                }
                bloom
            },
            opens_kinds,
            opens_continuation,
            ends_forecast: last_sentence.is_some_and(|s| {
                self.cues_of(s, s).iter().any(|c| {
                    lexicon()
                        .forecast_verbs
                        .contains(Lower::clip(&self.lower[c.span.clone()]))
                })
            }),
            // Only an opening with figures is asked (`covers_next`).
            opens_future: opens_kinds != 0
                && self.sentences.first().is_some_and(|s| self.in_future(s)),
            opens_named_source,
            // "… down by 9 per cent." then "The Tractor and Machinery
            // Association is blaming the drought for a $150 million fall":
            // the source of the data, named one paragraph on (delayed attribution).
            opens_sourced_continuation: (self.sentence_sourced(0) && opens_continuation)
                || (opens_named_source && opens_kinds != 0),
        }
    }

    /// Whether a word of `sentence`, between spaces, puts it in a forecast's
    /// future ("will", "likely").
    fn in_future(&self, sentence: &Range<usize>) -> bool {
        if !lexicon().future_markers_are_words {
            return self.in_future_by_tokens(sentence);
        }
        // Each marker is one word: only a word that is a whole token can be one.
        let first = self.word_index_at(sentence.start);
        let last = self.word_index_at(sentence.end);
        (first..last).any(|i| {
            let w = &self.words[i];
            self.lower_classes(i).has(List::FutureMarkers)
                && (w.start == sentence.start
                    || self.text[..w.start].ends_with(char::is_whitespace))
                && (w.end == sentence.end || self.text[w.end..].starts_with(char::is_whitespace))
        })
    }

    /// [`Paragraph::in_future`] by splitting the sentence on whitespace.
    fn in_future_by_tokens(&self, sentence: &Range<usize>) -> bool {
        self.lower[sentence.clone()]
            .split_whitespace()
            .any(|w| lexicon().future_markers.contains(Lower::clip(w)))
    }

    /// Whether sentence `index` names a source: it opens with a study noun
    /// ("The study, by the University of Tartu, …"), a cue in it has a named
    /// subject ("Dr Ian Ploughman says"), or its subject is a named
    /// institution ("The Queensland Department of Primary Industries has
    /// investigated …", "CSIRO Livestock Industries … believe"). It answers
    /// a delayed-attribution lede ("New research has shown …").
    pub fn names_source(&self, index: usize) -> bool {
        let Some(sentence) = self.sentences.get(index) else {
            return false;
        };
        let first = self.word_index_at(sentence.start);
        let mut i = first;
        if self
            .words
            .get(i)
            .is_some_and(|w| self.text[w.clone()].eq_ignore_ascii_case("the"))
        {
            i += 1;
        }
        if i > first && self.word_in(i, List::StudyWords) {
            return true;
        }
        let capitalized = |k: usize| {
            self.words.get(k).is_some_and(|w| {
                w.start < sentence.end && self.text[w.clone()].starts_with(char::is_uppercase)
            })
        };
        // No allocation: only ASCII letters lowercase to these.
        let joint = |k: usize| {
            self.words.get(k).is_some_and(|w| {
                let word = &self.text[w.clone()];
                ["and", "of", "&"]
                    .iter()
                    .any(|j| word.eq_ignore_ascii_case(j))
            })
        };
        if capitalized(i) && (capitalized(i + 1) || (joint(i + 1) && capitalized(i + 2))) {
            return true;
        }
        self.cues_of(index, index).iter().any(|c| {
            !c.actor && {
                let subject = self.subject_of(c);
                // A capital that only opens the sentence names nobody
                // ("Research suggests …").
                self.names_a_person(&subject)
                    || (self.word_index_at(subject.start)..self.word_index_at(subject.end))
                        .filter(|&k| k != first)
                        .any(|k| self.text[self.words[k].clone()].starts_with(char::is_uppercase))
            }
        })
    }

    /// Who a cue's sentence says is speaking: the source phrase, or, when the
    /// verb follows a comma with no quotation before it ("Matt Waller, from
    /// Calypso Star Charters, reckons …"), the words that open the sentence.
    fn subject_of(&self, cue: &Cue) -> Range<usize> {
        let start = self.sentences[cue.sentence].start;
        let before = start..cue.span.start;
        let appositive = self.text[before.clone()].trim_end().ends_with(',')
            && !self.in_quotation(before.clone());
        match &cue.source {
            Some(source) if !appositive || source.start < cue.span.start => source.clone(),
            _ => before,
        }
    }

    /// Whether a source phrase names someone: a capitalized word that does not
    /// merely open the sentence ("Russell Creighton", "Mayor Ortiz"), or "he"/"she".
    /// "Sources say" and "Police said" name no one who could go on speaking.
    fn names_a_person(&self, source: &Range<usize>) -> bool {
        let first = self.word_index_at(source.start);
        let last = self.word_index_at(source.end);
        (first..last).any(|i| {
            let word = &self.text[self.words[i].clone()];
            (word.starts_with(char::is_uppercase) && !self.starts_sentence(i))
                || matches!(word, "he" | "she" | "He" | "She")
                || self.classes[i].has(List::PersonRoles)
        })
    }

    /// Whether the clause before `offset` is about market data the reporter
    /// reads off the exchange ("The S&P 500 fell 1.8 percent").
    pub fn market_data(&self, offset: usize) -> bool {
        // Every test below needs a word of the market, index or commodity
        // lists before the figure in its sentence, and each such word is a
        // substring there: most sentences have none, and one scan for all of
        // them rules the tests out.
        static NAMES: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
            std::sync::LazyLock::new(|| {
                let lex = lexicon();
                let names = lex.market_words.iter().chain(&lex.market_indices);
                aho_corasick::AhoCorasick::new(names.chain(&lex.market_commodities)).ok()
            });
        let sentence = &self.sentences[self.sentence_of(offset)];
        let lower = self.lower.as_str();
        if NAMES
            .as_ref()
            .is_some_and(|names| !names.is_match(&lower[sentence.start..offset]))
        {
            return false;
        }
        let clause_start = self.text[sentence.start..offset]
            .rfind([',', ';'])
            .map_or(sentence.start, |p| sentence.start + p);
        let lex = lexicon();
        // Words are split from the paragraph's lowercase copy (same bytes,
        // same whitespace, same letters and digits), so only trimming is left:
        // as `Lower::new` of the trimmed word, without the copy and UTF-8 check.
        fn clean(w: &str) -> &str {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
            if w.len() <= Lower::MAX {
                w
            } else {
                ""
            }
        }
        let clause = &lower[clause_start..offset];
        if clause
            .split_whitespace()
            .any(|w| lex.market_words.contains(clean(w)))
        {
            return true;
        }
        // "The eastern market indicator fell five cents …, with 47,000 bales
        // on offer": an index or indicator earlier in the sentence.
        if lower[sentence.start..clause_start]
            .split_whitespace()
            .any(|w| lex.market_indices.contains(clean(w)))
        {
            return true;
        }
        // "… with gold down 4 per cent, and silver 5 per cent", "Volume was
        // 1.23 million shares", "the wool market …, finishing the week 2.5
        // per cent lower": a commodity, a market or the volume before the
        // figure, in a sentence about trading.
        lower[sentence.start..offset]
            .split_whitespace()
            .any(|w| lex.market_commodities.contains(clean(w)))
            && lower[sentence.clone()]
                .split_whitespace()
                .any(|w| lex.market_moves.contains(clean(w)))
    }

    /// The first outer quotation that opens the paragraph, if one does.
    pub fn opening_quotation(&self) -> Option<&Quotation> {
        let first = self.text.find(|c: char| !c.is_whitespace())?;
        self.quotations
            .iter()
            .find(|q| q.depth == 0 && q.span.start == first)
    }

    /// The outer quotation still open at the end of the paragraph, if any.
    pub fn closing_open_quotation(&self) -> Option<&Quotation> {
        self.quotations
            .iter()
            .rev()
            .find(|q| q.depth == 0)
            .filter(|q| !q.closed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_with_its_speaker_after_it() {
        let p = Paragraph::analyse(
            "\"We will not back down,\" Mayor Jane Ortiz said. Other text.",
            BlockKind::Paragraph,
        );
        assert_eq!(p.quotations.len(), 1);
        assert!(p.quotations[0].attributed);
        assert_eq!(p.cues.len(), 1);
        let speaker = p.quotations[0].speaker.clone().map(|s| &p.text[s]);
        assert_eq!(speaker, Some("Mayor Jane Ortiz"));
    }

    #[test]
    fn a_quote_with_no_speaker_in_reach() {
        let p = Paragraph::analyse("The plan failed. \"We will not back down from this fight.\" It rained. Police said later.", BlockKind::Paragraph);
        assert!(!p.quotations[0].attributed);
    }

    #[test]
    fn figure_covered_by_next_sentence_that_continues_the_data() {
        let p = Paragraph::analyse(
            "Unemployment rose to 7.2 percent. The figures come from the bureau, officials said.",
            BlockKind::Paragraph,
        );
        assert!(p.claim_attributed(0));
        let q = Paragraph::analyse(
            "Unemployment rose to 7.2 percent. The mayor said she would resign.",
            BlockKind::Paragraph,
        );
        assert!(!q.claim_attributed(0));
    }

    #[test]
    fn squeezed_text_maps_back_to_the_paragraph() {
        let text = "Critics   say\n  the   plan\tfailed.";
        let p = Paragraph::analyse(text, BlockKind::Paragraph);
        let (squeezed, map) = p.phrase_text();
        assert_eq!(squeezed, "Critics say the plan failed.");
        for (word, _) in [("Critics say", 0), ("the plan", 0), ("failed.", 0)] {
            let at = squeezed.find(word).unwrap_or(0);
            let original = map(at..at + word.len());
            assert_eq!(
                text[original.clone()]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                word
            );
            assert!(!text[original].starts_with(' '));
        }
    }

    proptest::proptest! {
        #[test]
        fn future_markers_are_found_by_words_as_by_tokens(
            text in "(will|Will|likely|expected|would|won't|will,|\"will\"|x|é| |\n|\\. |\u{a0}){0,12}"
        ) {
            let p = Paragraph::analyse(&text, BlockKind::Paragraph);
            for s in &p.sentences {
                proptest::prop_assert_eq!(p.in_future(s), p.in_future_by_tokens(s));
            }
        }
    }

    #[test]
    fn according_to_opening_covers_the_paragraph() {
        let p = Paragraph::analyse(
            "According to the census, 3,000 people left. Another 4,000 arrived.",
            BlockKind::Paragraph,
        );
        assert!(p.opens_with_according_to());
        assert!(p.claim_attributed(1));
    }
}
