//! Sourcing within a paragraph: whether a sentence, a span or a figure has a
//! source in reach (a cue in the sentence, "according to", a sourced
//! sentence that the next carries on from), who a cue's sentence says is
//! speaking, and whether a figure is market data read off the exchange.

use std::ops::Range;

use super::lexicon::{lexicon, Classes, List, Lower};
use super::names::{bloom_add, bloom_has, word_hash};
use super::{Cue, Figure, FigureKind, Paragraph};

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

impl<'a> Paragraph<'a> {
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

    /// Whether the words at `span` are a source's, reported: attributed
    /// ([`Paragraph::span_attributed`]) and not part of an attribution
    /// themselves, whose verb and speaker are the writer's words ("Jones
    /// claimed", "the NTSB said").
    pub fn span_in_reported_speech(&self, span: &Range<usize>) -> bool {
        let words = self.text[span.clone()].to_lowercase();
        if lexicon().verbs.contains(&words) || lexicon().reporting_verbs.contains(&words) {
            return false;
        }
        let sentence = self.sentence_of(span.start);
        let overlaps = |r: &Range<usize>| r.start < span.end && span.start < r.end;
        // A speaker after the verb is the writer's only where the sentence
        // or clause ends with them ("…, said Smith."): in "said stakeholders
        // agreed" the words after the verb are the reported clause.
        let speaker = |c: &Cue, s: &Range<usize>| {
            s.start < c.span.start
                || self.text[s.end..]
                    .trim_start()
                    .chars()
                    .next()
                    .is_none_or(|ch| matches!(ch, ',' | '.' | ';' | ':'))
        };
        let in_cue = self.cues_of(sentence, sentence).iter().any(|c| {
            overlaps(&c.span)
                || c.source
                    .as_ref()
                    .is_some_and(|s| overlaps(s) && speaker(c, s))
        });
        !in_cue && self.span_attributed(span)
    }

    /// `joined`: whether a cue after the words may follow a conjunction.
    pub(super) fn attributed(&self, span: &Range<usize>, joined: bool) -> bool {
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
                    // A joint starts a clause of the writer's own unless the
                    // reported speech runs on through it ("said that …, but
                    // that it will …", "says it has halted the harvest, and
                    // could have …").
                    let between = &self.text[c.span.end..span.start];
                    return ![", and ", ", but ", "; ", ", while "].iter().any(|joint| {
                        between.match_indices(joint).any(|(at, _)| {
                            let next = between[at + joint.len()..]
                                .split(|ch: char| !ch.is_alphanumeric())
                                .next()
                                .unwrap_or("")
                                .to_ascii_lowercase();
                            !lexicon().speech_runs_on.contains(&next)
                        })
                    });
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
    pub(super) fn inverted_subject_after(&self, cue: &Cue) -> bool {
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
    pub(super) fn opens_with_continuation(&self, index: usize) -> bool {
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
    pub(super) fn owned_by_subject(&self, figure: &Figure) -> bool {
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
    pub(super) fn sentence_kinds(&self, index: usize) -> u8 {
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
    pub(super) fn source_hashes(&self, index: usize) -> [u32; 4] {
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
    pub(super) fn add_names(&self, index: usize, bloom: &mut [u64; 4]) {
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
    pub(super) fn is_name(&self, i: usize) -> bool {
        (capital_at(self.text, self.words[i].start) && !self.starts_sentence(i))
            || self.lower_classes(i).has(List::Institutions)
    }

    /// Whether sentence `index` hedges its figures in the writer's voice
    /// ("likely", "could", "a record"): they need a source of their own.
    pub fn projects(&self, index: usize) -> bool {
        self.sentence_has(index, List::ProjectionWords)
    }

    /// Whether sentence `index` reports someone's forecast or estimate
    /// ("is forecast at", "expected to total", "estimated").
    pub fn forecasts(&self, index: usize) -> bool {
        self.sentence_has(index, List::ForecastWords)
    }

    /// Whether a word of sentence `index` is on `list`.
    fn sentence_has(&self, index: usize, list: List) -> bool {
        let Some(sentence) = self.sentences.get(index) else {
            return false;
        };
        // The lists hold ASCII words, whose classes the paragraph looked up.
        let words = self.word_index_at(sentence.start)..self.word_index_at(sentence.end);
        self.classes[words.clone()]
            .iter()
            .zip(&self.words[words])
            .any(|(class, w)| w.len() <= Lower::MAX && class.has(list))
    }

    /// Whether a word of `sentence`, between spaces, puts it in a forecast's
    /// future ("will", "likely").
    pub(super) fn in_future(&self, sentence: &Range<usize>) -> bool {
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
    pub(super) fn in_future_by_tokens(&self, sentence: &Range<usize>) -> bool {
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
    pub(super) fn subject_of(&self, cue: &Cue) -> Range<usize> {
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
    pub(super) fn names_a_person(&self, source: &Range<usize>) -> bool {
        let first = self.word_index_at(source.start);
        let last = self.word_index_at(source.end);
        (first..last).any(|i| {
            let word = &self.text[self.words[i].clone()];
            (word.starts_with(char::is_uppercase) && !self.starts_sentence(i))
                || matches!(word, "he" | "she" | "He" | "She")
                || self.classes[i].has(List::PersonRoles)
        })
    }

    /// Whether the sentence at `offset` states the terms of a security or an
    /// offering ("The issue is priced at 101-3/4 pct", "fees comprise 1-1/4
    /// pct selling concession"): its figures are the issuer's own terms.
    pub fn offering_terms(&self, offset: usize) -> bool {
        self.sentence_has(self.sentence_of(offset), List::OfferingWords)
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prose::BlockKind;

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
