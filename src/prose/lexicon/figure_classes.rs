//! The figure scan's word classes ([`crate::prose::figures`]): which of the
//! lexicon's number lists each word is on, as bits kept in the lexicon's
//! word table beside its own lists' bits.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::{HashSet, Lexicon, WordHasher};

/// The lists a word is on, as bits: the figure scan asks a dozen questions
/// of the words around every number, and one lookup per word answers them all.
pub(crate) mod class {
    pub const SPELLED: u32 = 1 << 0;
    pub const SCALE: u32 = 1 << 1;
    pub const SUPERLATIVE: u32 = 1 << 2;
    pub const ESTIMATOR: u32 = 1 << 3;
    pub const CROWD: u32 = 1 << 4;
    pub const LABEL: u32 = 1 << 5;
    pub const MONTH: u32 = 1 << 6;
    pub const CURRENCY: u32 = 1 << 7;
    pub const UNIT: u32 = 1 << 8;
    pub const DISTANCE: u32 = 1 << 9;
    pub const RATE_DENOMINATOR: u32 = 1 << 10;
    pub const AGE_OR_DURATION: u32 = 1 << 11;
    pub const STREET: u32 = 1 << 12;
    pub const DECISION: u32 = 1 << 13;
    pub const LIMIT_LEAD_IN: u32 = 1 << 14;
    pub const CRITERION: u32 = 1 << 15;
    pub const DESIGN: u32 = 1 << 16;
    pub const FIXED_RATE: u32 = 1 << 17;
    pub const ATTENDANCE: u32 = 1 << 18;
    pub const RECORD_SCOPE: u32 = 1 << 19;
    pub const RECORD_NOUN: u32 = 1 << 20;
    pub const RANKING_SCOPE: u32 = 1 << 21;
    /// The first word of a percent phrase ("per" of "per cent").
    pub const PERCENT_HEAD: u32 = 1 << 22;
    /// A fraction ("two-thirds"): [`super::FRACTION_PARTS`].
    pub const FRACTION: u32 = 1 << 23;
    /// "record" or "all-time", which may open a ranking.
    pub const RECORD: u32 = 1 << 24;
    /// A unit of a competition's result ("seconds", "points").
    pub const RESULT_UNIT: u32 = 1 << 25;
    /// A relative pronoun: [`super::RELATIVES`].
    pub const RELATIVE: u32 = 1 << 25;
    /// Starts with an ASCII digit (set by the scan, not from a list).
    pub const DIGIT: u32 = 1 << 26;
    /// What may open a figure: a number, a number word, a fraction, a
    /// superlative, "record".
    pub const OPENS: u32 = DIGIT | SPELLED | SUPERLATIVE | RECORD | FRACTION;
}

/// Numerators and denominators of a spelled fraction ("two-thirds").
const FRACTION_PARTS: ([&str; 5], [&str; 9]) = (
    ["one", "two", "three", "four", "five"],
    [
        "half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths",
    ],
);

/// Words that open a relative clause ("Businesses which receive …").
const RELATIVES: [&str; 4] = ["which", "who", "that", "whose"];

/// Every word on a list the scan asks about, with the bits of [`class`] for
/// the lists it is on: the lexicon keeps them with its own lists' in one
/// table ([`Lexicon::classes_at`]), so that a word is looked up once.
pub(crate) fn class_words(lex: &Lexicon) -> HashMap<Box<str>, u32, BuildHasherDefault<WordHasher>> {
    use class::*;
    let lists: [(&HashSet<String>, u32); 22] = [
        (&lex.spelled, SPELLED),
        (&lex.scales, SCALE),
        (&lex.superlatives, SUPERLATIVE),
        (&lex.estimators, ESTIMATOR),
        (&lex.crowd_nouns, CROWD),
        (&lex.labels, LABEL),
        (&lex.months, MONTH),
        (&lex.currency_words, CURRENCY),
        (&lex.units, UNIT),
        (&lex.distance_words, DISTANCE),
        (&lex.rate_denominators, RATE_DENOMINATOR),
        (&lex.street_words, STREET),
        (&lex.decision_nouns, DECISION),
        (&lex.limit_lead_ins, LIMIT_LEAD_IN),
        (&lex.criterion_words, CRITERION),
        (&lex.design_words, DESIGN),
        (&lex.fixed_rate_nouns, FIXED_RATE),
        (&lex.attendance_words, ATTENDANCE),
        (&lex.record_scopes, RECORD_SCOPE),
        (&lex.result_units, RESULT_UNIT),
        (&lex.record_nouns, RECORD_NOUN),
        (&lex.ranking_scopes, RANKING_SCOPE),
    ];
    let mut classes: HashMap<Box<str>, u32, BuildHasherDefault<WordHasher>> = HashMap::default();
    let mut add = |word: &str, bit: u32| *classes.entry(word.into()).or_default() |= bit;
    for (list, bit) in lists {
        list.iter().for_each(|w| add(w, bit));
    }
    lex.age_or_duration
        .iter()
        .for_each(|w| add(w, AGE_OR_DURATION));
    for phrase in &lex.percent_words {
        add(phrase.split(' ').next().unwrap_or_default(), PERCENT_HEAD);
    }
    let (numerators, denominators) = FRACTION_PARTS;
    for n in numerators {
        denominators
            .iter()
            .for_each(|d| add(&format!("{n}-{d}"), FRACTION));
    }
    add("record", RECORD);
    add("all-time", RECORD);
    RELATIVES.iter().for_each(|w| add(w, RELATIVE));
    classes
}
