//! A phrase rule: its data file (the phrases, their conditions, the
//! message and fix) and the check that reports the phrases in the writer's voice.

use std::borrow::Cow;
use std::ops::Range;

use serde::Deserialize;

use super::fix::{deletion, match_case};
use super::list::PhraseList;
use crate::finding::{Finding, Fix};
use crate::prose::Paragraph;
use crate::rules::{Context, RuleMeta};

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
    /// Not flagged right before a name or a technical term, which the phrase
    /// introduces rather than judges: a word with a capital letter or a
    /// digit ("so-called ADRs", "the so-called 0/92 rule"), a hyphenated
    /// compound ("so-called non-bank banks"), a term in quotation marks
    /// ("the so-called 'apology' document"), or an explanation ("so-called
    /// because they …").
    #[serde(default)]
    pub not_before_term: bool,
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
    message: crate::rules::Template,
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
        PhraseRule::new(crate::rules::load(name, source))
    }

    /// Builds the matcher of a rule's parsed data.
    pub fn new(data: PhraseRuleData) -> PhraseRule {
        let list = PhraseList::new(data.phrases.iter().map(|p| p.phrase.as_str()));
        let lifts = PhraseList::new(data.unless_paragraph_contains.iter().map(String::as_str));
        let message = crate::rules::Template::new(&data.message, "{text}");
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
                || acronym(&entry.phrase, &para.text[span.clone()])
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
                .map_or(Cow::Borrowed(""), |p| crate::rules::word_lower(para, p))
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
        if entry.not_before_term {
            let next = para.word_index_at(span.end);
            let term = para.words.get(next).is_some_and(|w| {
                let word = &para.text[w.clone()];
                word.contains(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '-')
                    || word.eq_ignore_ascii_case("because")
            });
            let between = para
                .words
                .get(next)
                .map_or("", |w| para.text[span.end..w.start].trim());
            let quoted = matches!(between, "\"" | "“" | "'" | "‘");
            if same_sentence(next) && ((term && between.is_empty()) || quoted) {
                return false;
            }
        }
        if !entry.not_before.is_empty() {
            let last = para.word_index_at(span.end).saturating_sub(1);
            let next = crate::rules::word_lower(para, last + 1);
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

/// Whether `text`, a match of the lowercase `phrase`, writes one of its words
/// in capitals: another word that looks the same ("to US" is the country, not
/// "to us"; "CHARMING SHOPPES" is a name, not a judgement).
fn acronym(phrase: &str, text: &str) -> bool {
    !phrase.chars().any(char::is_uppercase)
        && text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()))
}
