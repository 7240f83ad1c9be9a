//! The word lists of `data/lexicon.toml`, parsed once.

use std::collections::HashSet as StdHashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

pub(crate) mod figure_classes;

#[derive(Deserialize)]
struct Raw {
    abbreviations: RawAbbreviations,
    attribution: RawAttribution,
    numbers: RawNumbers,
}

#[derive(Deserialize)]
struct RawAbbreviations {
    never_final: Vec<String>,
    maybe_final: Vec<String>,
    sentence_starters: Vec<String>,
}

#[derive(Deserialize)]
struct RawAttribution {
    verbs: Vec<String>,
    noun_like: Vec<String>,
    determiners: Vec<String>,
    passive_auxiliaries: Vec<String>,
    continuations: Vec<String>,
    actor_verbs: Vec<String>,
    institutions: Vec<String>,
    actor_skips: Vec<String>,
    weekdays: Vec<String>,
    person_roles: Vec<String>,
    subject_lead_ins: Vec<String>,
    speech_runs_on: Vec<String>,
    expert_groups: Vec<String>,
    back_references: Vec<String>,
    market_words: Vec<String>,
    market_indices: Vec<String>,
    reporting_verbs: Vec<String>,
    stance_words: Vec<String>,
    intent_only_verbs: Vec<String>,
    intent_markers: Vec<String>,
    aspect_verbs: Vec<String>,
    terms_nouns: Vec<String>,
    participle_links: Vec<String>,
    negations: Vec<String>,
    study_words: Vec<String>,
    source_subjects: Vec<String>,
    gerund_nouns: Vec<String>,
    clause_verbs: Vec<String>,
    clause_subject_breaks: Vec<String>,
    estimate_nouns: Vec<String>,
    forecast_verbs: Vec<String>,
    future_markers: Vec<String>,
    projection_words: Vec<String>,
    forecast_words: Vec<String>,
    story_source_verbs: Vec<String>,
    offering_words: Vec<String>,
    speech_verbs: Vec<String>,
    criterion_words: Vec<String>,
}

#[derive(Deserialize)]
struct RawNumbers {
    spelled: Vec<String>,
    scales: Vec<String>,
    currency_symbols: Vec<String>,
    currency_words: Vec<String>,
    percent_words: Vec<String>,
    units: Vec<String>,
    months: Vec<String>,
    labels: Vec<String>,
    age_or_duration: Vec<String>,
    street_words: Vec<String>,
    rate_denominators: Vec<String>,
    distance_words: Vec<String>,
    superlatives: Vec<String>,
    record_nouns: Vec<String>,
    ranking_scopes: Vec<String>,
    record_scopes: Vec<String>,
    result_units: Vec<String>,
    estimators: Vec<String>,
    crowd_nouns: Vec<String>,
    limit_lead_ins: Vec<String>,
    fixed_rate_nouns: Vec<String>,
    attendance_words: Vec<String>,
    market_commodities: Vec<String>,
    market_moves: Vec<String>,
    decision_nouns: Vec<String>,
    design_words: Vec<String>,
}

/// A hash for the lexicon's word sets, which are looked up many times for
/// every word of every keystroke; the keys are short, trusted strings from
/// our own data files. It reads a word in at most a few loads, where FNV-1a
/// goes a byte at a time, and mixes them by multiplying, as FxHash does.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, value: u64) {
        self.0 = self
            .0
            .wrapping_add(value)
            .wrapping_mul(0xf135_7aea_2e62_a9c5);
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        // The product's high bits are the well-mixed ones; the table indexes
        // by the low ones.
        self.0.rotate_left(26)
    }

    fn write(&mut self, bytes: &[u8]) {
        let n = bytes.len();
        let at = |i: usize, len: usize| {
            let mut buf = [0u8; 8];
            buf[..len].copy_from_slice(&bytes[i..i + len]);
            u64::from_le_bytes(buf)
        };
        let last = match n {
            0 => 0,
            1..=3 => {
                u64::from(bytes[0]) | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[n - 1]) << 16
            }
            // The first and the last four bytes, overlapping or not.
            4..=8 => at(0, 4) | at(n - 4, 4) << 32,
            _ => {
                let mut i = 0;
                while n - i > 8 {
                    self.add(at(i, 8));
                    i += 8;
                }
                at(n - 8, 8)
            }
        };
        // The length tells apart what the overlapping reads do not ("aa", "aaa").
        self.add(last);
        self.add(n as u64);
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }
}

/// FNV-1a, which can be carried on a byte at a time as text is read.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// One byte of FNV-1a.
fn fnv_step(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
}

/// FNV-1a of `bytes`.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |h, &b| fnv_step(h, b))
}

/// A set of hashes that may give false hits but never misses one: a bit
/// per value of a hash's top 14 bits.
#[derive(Default)]
struct HashFilter(Vec<u64>);

impl HashFilter {
    const WORDS: usize = 256;

    fn slot(hash: u64) -> (usize, u64) {
        let top = (hash >> 50) as usize;
        (top / 64, 1 << (top % 64))
    }

    /// Whether `hash` may be in the set (false: it certainly is not).
    fn may_hold(&self, hash: u64) -> bool {
        let (word, bit) = HashFilter::slot(hash);
        self.0.get(word).is_some_and(|w| w & bit != 0)
    }
}

impl FromIterator<u64> for HashFilter {
    fn from_iter<I: IntoIterator<Item = u64>>(hashes: I) -> HashFilter {
        let mut bits = vec![0u64; HashFilter::WORDS];
        for hash in hashes {
            let (word, bit) = HashFilter::slot(hash);
            bits[word] |= bit;
        }
        HashFilter(bits)
    }
}

/// A set of lowercase words with a fast hash.
pub(crate) type HashSet<T> = StdHashSet<T, BuildHasherDefault<WordHasher>>;

type HashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// Lowercase word sets used by sentence segmentation, attribution and figures.
pub(crate) struct Lexicon {
    pub never_final: HashSet<String>,
    pub maybe_final: HashSet<String>,
    pub sentence_starters: HashSet<String>,
    pub verbs: HashSet<String>,
    pub noun_like: HashSet<String>,
    pub determiners: HashSet<String>,
    pub passive_auxiliaries: HashSet<String>,
    /// Openings of a sentence that carries on with the data before it
    /// ("the figures", "overall"), as the data file gives them.
    continuations: HashSet<String>,
    /// The [`fnv`] hashes of every continuation and of each of their
    /// beginnings: a sentence's opening is hashed as it is read, up to where
    /// it can no longer be one.
    continuation_starts: HashFilter,
    /// The [`fnv`] hashes of the continuations: only their hits are looked up.
    continuation_ends: HashFilter,
    pub actor_verbs: HashSet<String>,
    pub institutions: HashSet<String>,
    pub actor_skips: HashSet<String>,
    pub weekdays: HashSet<String>,
    pub person_roles: HashSet<String>,
    /// Words before a sentence's subject that leave it the subject ("But today he …").
    pub subject_lead_ins: HashSet<String>,
    /// Words after a joint that carry a reported clause on ("but that …").
    pub speech_runs_on: HashSet<String>,
    /// Groups of experts a lede may speak for ("experts", "economists").
    pub expert_groups: HashSet<String>,
    /// Words that open a source the copy has introduced ("the couple", "they").
    pub back_references: HashSet<String>,
    pub market_words: HashSet<String>,
    /// Indices and indicators: anywhere before a figure in its sentence they
    /// make it a market report.
    pub market_indices: HashSet<String>,
    pub reporting_verbs: HashSet<String>,
    /// Words of stance that attribute the clause they introduce when "that"
    /// follows ("the growers are concerned that …").
    pub stance_words: HashSet<String>,
    /// Actor verbs that source only an intention ("will spend", "to pay").
    pub intent_only_verbs: HashSet<String>,
    /// Words before an intent-only verb that make it an intention.
    pub intent_markers: HashSet<String>,
    /// Verbs of aspect before an -ing verb the subject is doing.
    pub aspect_verbs: HashSet<String>,
    /// Nouns for an actor's own terms ("the bid by Perseverance").
    pub terms_nouns: HashSet<String>,
    /// Words before an -ing actor verb whose subject is the sentence's
    /// ("… is under review after posting a loss").
    pub participle_links: HashSet<String>,
    /// Words that negate a degree word a few words on ("Neither … is totally").
    pub negations: HashSet<String>,
    /// Nouns for research that a later sentence may name ("The study, by …").
    pub study_words: HashSet<String>,
    /// Subjects that "comes from" gives a source ("That figure comes from …").
    pub source_subjects: HashSet<String>,
    /// -ing speech verbs that are also nouns ("teaches writing").
    pub gerund_nouns: HashSet<String>,
    /// Finite verbs that open a reported clause after its subject ("the plea was").
    pub clause_verbs: HashSet<String>,
    /// Words that end a clause's subject before its verb ("who", "her", "few").
    pub clause_subject_breaks: HashSet<String>,
    /// Nouns for published numbers whose owner a name before them gives.
    pub estimate_nouns: HashSet<String>,
    /// Report verbs of a forecast, whose future the next paragraph may carry on.
    pub forecast_verbs: HashSet<String>,
    /// Words that put a sentence in a forecast's future.
    pub future_markers: HashSet<String>,
    /// Words that make a figure a projection or estimate in its sentence.
    pub projection_words: HashSet<String>,
    /// Words that report someone's forecast or estimate of a figure.
    pub forecast_words: HashSet<String>,
    /// Verbs whose named subject is a source for a story's figures.
    pub story_source_verbs: HashSet<String>,
    /// Words of the terms of a security or an offering: its issuer's terms.
    pub offering_words: HashSet<String>,
    /// Verbs of saying that give data only with figures in their sentence.
    pub speech_verbs: HashSet<String>,
    /// Words that make a figure in a relative clause a criterion.
    pub criterion_words: HashSet<String>,
    pub spelled: HashSet<String>,
    pub scales: HashSet<String>,
    pub currency_symbols: Vec<String>,
    pub currency_words: HashSet<String>,
    /// Percent words, possibly of two words ("per cent").
    pub percent_words: Vec<String>,
    pub units: HashSet<String>,
    pub months: HashSet<String>,
    pub labels: HashSet<String>,
    pub age_or_duration: Vec<String>,
    pub street_words: HashSet<String>,
    pub rate_denominators: HashSet<String>,
    pub distance_words: HashSet<String>,
    pub superlatives: HashSet<String>,
    pub record_nouns: HashSet<String>,
    pub ranking_scopes: HashSet<String>,
    pub record_scopes: HashSet<String>,
    /// Units of a competition's result ("seconds", "points").
    pub result_units: HashSet<String>,
    pub estimators: HashSet<String>,
    pub crowd_nouns: HashSet<String>,
    /// Verbs and phrases before "up to N" that make N a limit or a capacity.
    pub limit_lead_ins: HashSet<String>,
    /// Nouns of rates set by law or contract ("the payroll tax is 6 per cent").
    pub fixed_rate_nouns: HashSet<String>,
    /// Words that make an exact count an official attendance.
    pub attendance_words: HashSet<String>,
    /// Traded commodities, market data only in a sentence about trading.
    pub market_commodities: HashSet<String>,
    /// Words that make a sentence about trading.
    pub market_moves: HashSet<String>,
    /// Nouns whose size is what was decided ("a $12.5 million package").
    pub decision_nouns: HashSet<String>,
    /// Before "to", words that make a sentence's figures a design's
    /// specification ("is designed to supply 500 gigalitres").
    pub design_words: HashSet<String>,
    /// Which lists each listed word is in ([`Classes`]), so that a word is
    /// looked up once for all of them.
    table: WordTable,
    /// Whether every future marker is a single word as [`super::words`]
    /// splits text, so that only a paragraph's words need asking.
    pub future_markers_are_words: bool,
}

/// The lists a word can be looked up in all at once ([`Lexicon::classes`]):
/// the ones asked of nearly every word of a paragraph, each named after its
/// field of [`Lexicon`].
#[derive(Clone, Copy, Debug)]
pub(crate) enum List {
    Verbs,
    StanceWords,
    ActorVerbs,
    EstimateNouns,
    AspectVerbs,
    NounLike,
    Determiners,
    PassiveAuxiliaries,
    Institutions,
    PersonRoles,
    FutureMarkers,
    ForecastVerbs,
    StudyWords,
    ProjectionWords,
    ForecastWords,
    OfferingWords,
}

// The lists' bits must stay below the style family's.
const _: () = assert!((List::OfferingWords as u32) < Classes::STYLE);

/// The lists a word is in, a bit each: those of [`List`] in the low 16 bits,
/// the number and date classes (`word_classes::class_words`) in the next 16, the
/// figure scan's (`figures::class`) in the high half.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Classes(u64);

impl Classes {
    /// Where the style family's bits start.
    const STYLE: u32 = 16;

    /// Whether the word is in `list`.
    pub fn has(self, list: List) -> bool {
        self.0 & (1 << list as u64) != 0
    }

    /// The style family's class bits.
    pub fn style(self) -> u16 {
        (self.0 >> Classes::STYLE) as u16
    }

    /// The figure scan's class bits.
    pub fn figures(self) -> u32 {
        (self.0 >> 32) as u32
    }
}

/// Every listed word with its [`Classes`], as an open-addressed table probed
/// by a multiplicative hash of the word's first eight bytes (one load from
/// the text) and its length: every word of every paragraph is looked up
/// once, most are on no list, and they miss at the first empty slot without
/// a byte-by-byte hash. A probe reads the slots' tags first, a byte each:
/// the tags stay in the first-level cache on varied copy where the slots,
/// each holding a word and its bits and spread out so that a miss ends
/// quickly, would not, and a miss (most words) reads no slot at all.
struct WordTable {
    /// A byte of the hash of each slot's word, never 0; 0 marks an empty slot.
    tags: Vec<u8>,
    /// The words and their bits, read only where the tag is the word's.
    slots: Vec<WordSlot>,
    /// `slots.len() - 1`.
    mask: usize,
    /// The listed words longer than eight bytes, one after another: the
    /// rest of such a word is compared with its slot's `key` there.
    long: String,
}

#[derive(Clone, Copy, Default)]
struct WordSlot {
    head: u64,
    bits: u64,
    len: u32,
    /// Where the word starts in [`WordTable::long`], when longer than eight bytes.
    key: u32,
}

impl WordTable {
    /// Slots per word kept: mostly empty, so that a miss ends at once.
    const SPREAD: usize = 4;

    fn new(words: &HashMap<Box<str>, u64>) -> WordTable {
        let size = (words.len() * Self::SPREAD).next_power_of_two();
        let mut table = WordTable {
            tags: vec![0; size],
            slots: vec![WordSlot::default(); size],
            mask: size - 1,
            long: String::new(),
        };
        for (word, &bits) in words.iter().filter(|(w, _)| !w.is_empty()) {
            let (bytes, len) = (word.as_bytes(), word.len());
            let head = Self::head(bytes, 0..len);
            let (mut at, tag) = table.slot(head, len);
            while table.tags[at] != 0 {
                at = (at + 1) & table.mask;
            }
            table.tags[at] = tag;
            table.slots[at] = WordSlot {
                head,
                bits,
                len: len as u32,
                key: table.long.len() as u32,
            };
            if len > 8 {
                table.long.push_str(word);
            }
        }
        table
    }

    /// The first eight bytes of the word at `r` in `text`, zero-padded.
    #[inline]
    fn head(text: &[u8], r: Range<usize>) -> u64 {
        let len = r.len();
        let mut buf = [0u8; 8];
        if r.start + 8 <= text.len() {
            buf.copy_from_slice(&text[r.start..r.start + 8]);
            if len < 8 {
                return u64::from_le_bytes(buf) & ((1u64 << (8 * len)) - 1);
            }
        } else {
            let n = len.min(8);
            buf[..n].copy_from_slice(&text[r.start..r.start + n]);
        }
        u64::from_le_bytes(buf)
    }

    /// The first slot to probe for a word, and its tag: from other bits of
    /// the hash than the slot's, so that words in the same run of slots
    /// seldom share one.
    #[inline]
    fn slot(&self, head: u64, len: usize) -> (usize, u8) {
        let h = (head ^ len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        ((h >> 32) as usize & self.mask, (h >> 56) as u8 | 1)
    }

    /// The bits of the word at `r` in `text` (0 for a word on no list).
    #[inline(always)]
    fn get(&self, text: &[u8], r: Range<usize>) -> u64 {
        let len = r.len();
        let head = Self::head(text, r.clone());
        let (mut at, tag) = self.slot(head, len);
        loop {
            match self.tags.get(at) {
                Some(&t) if t == tag => {
                    let slot = &self.slots[at];
                    if slot.head == head
                        && slot.len as usize == len
                        && (len <= 8 || self.is_long_word(slot, &text[r.clone()]))
                    {
                        return slot.bits;
                    }
                }
                Some(0) | None => return 0,
                Some(_) => {}
            }
            at = (at + 1) & self.mask;
        }
    }

    /// Whether `word`, longer than eight bytes and with the slot's first
    /// eight, is the slot's word.
    fn is_long_word(&self, slot: &WordSlot, word: &[u8]) -> bool {
        let key = slot.key as usize;
        self.long.as_bytes().get(key..key + word.len()) == Some(word)
    }
}

fn set(words: Vec<String>) -> HashSet<String> {
    words.into_iter().map(|w| w.to_lowercase()).collect()
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    // Embedded at build time; its validity is checked by the test suite.
    let raw: Raw = toml::from_str(include_str!("../data/lexicon.toml"))
        .expect("embedded lexicon.toml is valid");
    let mut lex = Lexicon {
        never_final: set(raw.abbreviations.never_final),
        maybe_final: set(raw.abbreviations.maybe_final),
        sentence_starters: set(raw.abbreviations.sentence_starters),
        verbs: set(raw.attribution.verbs),
        noun_like: set(raw.attribution.noun_like),
        determiners: set(raw.attribution.determiners),
        passive_auxiliaries: set(raw.attribution.passive_auxiliaries),
        // Not lowercased: compared with lowercase text, an entry with a
        // capital matches nothing.
        continuation_starts: raw
            .attribution
            .continuations
            .iter()
            .flat_map(|c| (1..=c.len()).map(|end| fnv(&c.as_bytes()[..end])))
            .collect(),
        continuation_ends: raw
            .attribution
            .continuations
            .iter()
            .map(|c| fnv(c.as_bytes()))
            .collect(),
        continuations: raw.attribution.continuations.into_iter().collect(),
        actor_verbs: set(raw.attribution.actor_verbs),
        institutions: set(raw.attribution.institutions),
        actor_skips: set(raw.attribution.actor_skips),
        weekdays: set(raw.attribution.weekdays),
        person_roles: set(raw.attribution.person_roles),
        subject_lead_ins: set(raw.attribution.subject_lead_ins),
        speech_runs_on: set(raw.attribution.speech_runs_on),
        expert_groups: set(raw.attribution.expert_groups),
        back_references: set(raw.attribution.back_references),
        market_words: set(raw.attribution.market_words),
        market_indices: set(raw.attribution.market_indices),
        reporting_verbs: set(raw.attribution.reporting_verbs),
        stance_words: set(raw.attribution.stance_words),
        intent_only_verbs: set(raw.attribution.intent_only_verbs),
        intent_markers: set(raw.attribution.intent_markers),
        aspect_verbs: set(raw.attribution.aspect_verbs),
        terms_nouns: set(raw.attribution.terms_nouns),
        participle_links: set(raw.attribution.participle_links),
        negations: set(raw.attribution.negations),
        study_words: set(raw.attribution.study_words),
        source_subjects: set(raw.attribution.source_subjects),
        gerund_nouns: set(raw.attribution.gerund_nouns),
        clause_verbs: set(raw.attribution.clause_verbs),
        clause_subject_breaks: set(raw.attribution.clause_subject_breaks),
        estimate_nouns: set(raw.attribution.estimate_nouns),
        forecast_verbs: set(raw.attribution.forecast_verbs),
        future_markers: set(raw.attribution.future_markers),
        projection_words: set(raw.attribution.projection_words),
        forecast_words: set(raw.attribution.forecast_words),
        story_source_verbs: set(raw.attribution.story_source_verbs),
        offering_words: set(raw.attribution.offering_words),
        speech_verbs: set(raw.attribution.speech_verbs),
        criterion_words: set(raw.attribution.criterion_words),
        spelled: set(raw.numbers.spelled),
        scales: set(raw.numbers.scales),
        currency_symbols: raw.numbers.currency_symbols,
        currency_words: set(raw.numbers.currency_words),
        percent_words: raw.numbers.percent_words,
        units: set(raw.numbers.units),
        months: set(raw.numbers.months),
        labels: set(raw.numbers.labels),
        age_or_duration: raw.numbers.age_or_duration,
        street_words: set(raw.numbers.street_words),
        rate_denominators: set(raw.numbers.rate_denominators),
        distance_words: set(raw.numbers.distance_words),
        superlatives: set(raw.numbers.superlatives),
        record_nouns: set(raw.numbers.record_nouns),
        ranking_scopes: set(raw.numbers.ranking_scopes),
        record_scopes: set(raw.numbers.record_scopes),
        result_units: set(raw.numbers.result_units),
        estimators: set(raw.numbers.estimators),
        crowd_nouns: set(raw.numbers.crowd_nouns),
        limit_lead_ins: set(raw.numbers.limit_lead_ins),
        fixed_rate_nouns: set(raw.numbers.fixed_rate_nouns),
        attendance_words: set(raw.numbers.attendance_words),
        market_commodities: set(raw.numbers.market_commodities),
        market_moves: set(raw.numbers.market_moves),
        decision_nouns: set(raw.numbers.decision_nouns),
        design_words: set(raw.numbers.design_words),
        table: WordTable::new(&HashMap::default()),
        future_markers_are_words: false,
    };
    let mut classes: HashMap<Box<str>, u64> = HashMap::default();
    for (list, words) in lex.lists() {
        for word in words {
            *classes.entry(word.as_str().into()).or_default() |= 1 << list as u64;
        }
    }
    // As `Lower` reads a word longer than any listed word as "", such a word
    // is on none of the figure scan's lists.
    for (word, bits) in figure_classes::class_words(&lex) {
        if word.len() <= Lower::MAX {
            *classes.entry(word).or_default() |= u64::from(bits) << 32;
        }
    }
    // Number words, months and the like, which rules ask of every word.
    for (word, bits) in super::word_classes::class_words() {
        *classes.entry(word.into()).or_default() |= u64::from(bits) << Classes::STYLE;
    }
    lex.table = WordTable::new(&classes);
    lex.future_markers_are_words = lex
        .future_markers
        .iter()
        .all(|m| matches!(super::words::words(m)[..], [ref w] if *w == (0..m.len())));
    lex
});

/// The shared lexicon.
pub(crate) fn lexicon() -> &'static Lexicon {
    &LEXICON
}

impl Lexicon {
    /// Each list of [`List`] with its words.
    fn lists(&self) -> [(List, &HashSet<String>); 16] {
        [
            (List::Verbs, &self.verbs),
            (List::StanceWords, &self.stance_words),
            (List::ActorVerbs, &self.actor_verbs),
            (List::EstimateNouns, &self.estimate_nouns),
            (List::AspectVerbs, &self.aspect_verbs),
            (List::NounLike, &self.noun_like),
            (List::Determiners, &self.determiners),
            (List::PassiveAuxiliaries, &self.passive_auxiliaries),
            (List::Institutions, &self.institutions),
            (List::PersonRoles, &self.person_roles),
            (List::FutureMarkers, &self.future_markers),
            (List::ForecastVerbs, &self.forecast_verbs),
            (List::StudyWords, &self.study_words),
            (List::ProjectionWords, &self.projection_words),
            (List::ForecastWords, &self.forecast_words),
            (List::OfferingWords, &self.offering_words),
        ]
    }

    /// The lists that `word` (lowercase) is in.
    // Out of line: its callers ask it of the odd word (non-ASCII, or too
    // long for any list) beside the paragraph's classes, and the probe loop
    // inlined into them would keep them from being inlined where they are
    // asked of every word (`Paragraph::lower_classes`).
    #[inline(never)]
    pub fn classes(&self, word: &str) -> Classes {
        self.classes_at(word.as_bytes(), 0..word.len())
    }

    /// The lists that the word at `r` of `lower` (text in ASCII lowercase)
    /// is in: the first eight bytes are read in one load where the text
    /// goes on past them.
    #[inline]
    pub fn classes_at(&self, lower: &[u8], r: Range<usize>) -> Classes {
        Classes(self.table.get(lower, r))
    }

    /// Whether `lower` (text in ASCII lowercase) opens with one of the
    /// continuations, as a whole word or words ("the figures show", not
    /// "thereafter").
    pub fn opens_with_continuation(&self, lower: &str) -> bool {
        let bytes = lower.as_bytes();
        let mut hash = FNV_OFFSET;
        let mut end = 0;
        loop {
            // A continuation ends where the next character is not
            // alphanumeric: only there is a lookup needed.
            let ends = match bytes.get(end) {
                None => true,
                Some(b) if b.is_ascii() => !b.is_ascii_alphanumeric(),
                Some(_) => {
                    lower.is_char_boundary(end)
                        && !lower[end..].starts_with(|ch: char| ch.is_alphanumeric())
                }
            };
            if ends
                && self.continuation_ends.may_hold(hash)
                && self.continuations.contains(&lower[..end])
            {
                return true;
            }
            let Some(&b) = bytes.get(end) else {
                return false;
            };
            hash = fnv_step(hash, b);
            end += 1;
            if !self.continuation_starts.may_hold(hash) {
                return false;
            }
        }
    }
}

/// A word lowercased on the stack: list words are short, and lowercasing
/// every word of every keystroke must not allocate.
pub(crate) struct Lower {
    buf: [u8; 32],
    len: usize,
}

impl Lower {
    /// The longest word kept; longer ones lowercase to "".
    pub const MAX: usize = 32;

    /// `word` in ASCII lowercase; empty when longer than any listed word.
    pub fn new(word: &str) -> Lower {
        let mut buf = [0u8; Lower::MAX];
        let len = if word.len() <= buf.len() {
            word.len()
        } else {
            0
        };
        buf[..len].copy_from_slice(&word.as_bytes()[..len]);
        buf[..len].make_ascii_lowercase();
        Lower { buf, len }
    }

    /// A word already in ASCII lowercase as [`Lower::new`] would give it:
    /// the same, or empty when longer than any listed word.
    pub fn clip(lower: &str) -> &str {
        if lower.len() <= Lower::MAX {
            lower
        } else {
            ""
        }
    }
}

impl std::ops::Deref for Lower {
    type Target = str;
    fn deref(&self) -> &str {
        // ASCII lowercasing of whole UTF-8 text keeps it valid.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

impl PartialEq<&str> for Lower {
    fn eq(&self, other: &&str) -> bool {
        &**self == *other
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lexicon_parses() {
        let lex = super::lexicon();
        assert!(lex.verbs.contains("said"));
        assert!(lex.never_final.contains("mr"));
        assert!(lex.months.contains("sept"));
    }

    #[test]
    fn classes_are_the_lists() {
        let lex = super::lexicon();
        let lists = lex.lists();
        for (_, words) in lists {
            for word in words.iter().map(String::as_str).chain(["", "zebra", "The"]) {
                for (list, members) in lists {
                    assert_eq!(lex.classes(word).has(list), members.contains(word));
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn continuations_are_found_as_each_was_tried(
            text in "(the|The|figures|data|latest|that|se|s| |,|\\.|é|ßa|1|x|\\(){0,6}"
        ) {
            let lex = super::lexicon();
            let lower = text.to_ascii_lowercase();
            let plain = lex.continuations.iter().any(|c| {
                lower.starts_with(c.as_str())
                    && !lower[c.len()..].starts_with(|ch: char| ch.is_alphanumeric())
            });
            proptest::prop_assert_eq!(lex.opens_with_continuation(&lower), plain);
        }
    }
}
