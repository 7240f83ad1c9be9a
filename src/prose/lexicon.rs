//! The word lists of `data/lexicon.toml`, parsed once.

use std::collections::HashSet as StdHashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use serde::Deserialize;

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
    estimate_nouns: Vec<String>,
    forecast_verbs: Vec<String>,
    future_markers: Vec<String>,
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

/// FNV-1a: word lookups happen for every word of every keystroke, and the
/// keys are short, trusted strings from our own data files.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A set of lowercase words with a fast hash.
pub(crate) type HashSet<T> = StdHashSet<T, BuildHasherDefault<Fnv>>;

/// Lowercase word sets used by sentence segmentation, attribution and figures.
pub(crate) struct Lexicon {
    pub never_final: HashSet<String>,
    pub maybe_final: HashSet<String>,
    pub sentence_starters: HashSet<String>,
    pub verbs: HashSet<String>,
    pub noun_like: HashSet<String>,
    pub determiners: HashSet<String>,
    pub passive_auxiliaries: HashSet<String>,
    /// Multi-word continuations, lowercase, in order of the data file.
    pub continuations: Vec<String>,
    pub actor_verbs: HashSet<String>,
    pub institutions: HashSet<String>,
    pub actor_skips: HashSet<String>,
    pub weekdays: HashSet<String>,
    pub person_roles: HashSet<String>,
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
    /// Nouns for published numbers whose owner a name before them gives.
    pub estimate_nouns: HashSet<String>,
    /// Report verbs of a forecast, whose future the next paragraph may carry on.
    pub forecast_verbs: HashSet<String>,
    /// Words that put a sentence in a forecast's future.
    pub future_markers: HashSet<String>,
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
}

fn set(words: Vec<String>) -> HashSet<String> {
    words.into_iter().map(|w| w.to_lowercase()).collect()
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    // Embedded at build time; its validity is checked by the test suite.
    let raw: Raw =
        toml::from_str(include_str!("data/lexicon.toml")).expect("embedded lexicon.toml is valid");
    Lexicon {
        never_final: set(raw.abbreviations.never_final),
        maybe_final: set(raw.abbreviations.maybe_final),
        sentence_starters: set(raw.abbreviations.sentence_starters),
        verbs: set(raw.attribution.verbs),
        noun_like: set(raw.attribution.noun_like),
        determiners: set(raw.attribution.determiners),
        passive_auxiliaries: set(raw.attribution.passive_auxiliaries),
        continuations: raw.attribution.continuations,
        actor_verbs: set(raw.attribution.actor_verbs),
        institutions: set(raw.attribution.institutions),
        actor_skips: set(raw.attribution.actor_skips),
        weekdays: set(raw.attribution.weekdays),
        person_roles: set(raw.attribution.person_roles),
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
        estimate_nouns: set(raw.attribution.estimate_nouns),
        forecast_verbs: set(raw.attribution.forecast_verbs),
        future_markers: set(raw.attribution.future_markers),
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
        estimators: set(raw.numbers.estimators),
        crowd_nouns: set(raw.numbers.crowd_nouns),
        limit_lead_ins: set(raw.numbers.limit_lead_ins),
        fixed_rate_nouns: set(raw.numbers.fixed_rate_nouns),
        attendance_words: set(raw.numbers.attendance_words),
        market_commodities: set(raw.numbers.market_commodities),
        market_moves: set(raw.numbers.market_moves),
        decision_nouns: set(raw.numbers.decision_nouns),
        design_words: set(raw.numbers.design_words),
    }
});

/// The shared lexicon.
pub(crate) fn lexicon() -> &'static Lexicon {
    &LEXICON
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

/// Lowercases ASCII letters of `word` into `buf` (reused to avoid allocating per word).
pub(crate) fn lower_into<'b>(buf: &'b mut String, word: &str) -> &'b str {
    buf.clear();
    buf.push_str(word);
    buf.make_ascii_lowercase();
    buf.as_str()
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
}
