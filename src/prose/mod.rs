//! The prose model: what rules see of a document.
//!
//! A source is split into prose blocks ([`markup`]); each block is analysed
//! on its own into a [`Paragraph`]: words, sentences, quotations, attribution
//! cues and figures. Offsets in a paragraph are relative to its block.

pub mod attribution;
pub mod figures;
pub(crate) mod lexicon;
pub mod markup;
pub mod quotations;
pub mod sentences;
pub mod words;

use std::ops::Range;

pub use attribution::Cue;
pub use figures::{Figure, FigureKind};
pub use markup::{Block, BlockKind, Syntax};
pub use quotations::Quotation;

use lexicon::lexicon;

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
    /// Indexes of the outer (depth 0) quotations, in order: they never
    /// overlap one another, so their ends are in order too.
    outer: Vec<usize>,
    /// The text with every run of whitespace squeezed to one space, so that
    /// phrases match across line breaks and blanked markup.
    squeezed: Squeezed,
    /// Phrase-list hits of the rules' shared automaton over the squeezed text
    /// (pattern, start, end), computed by the first rule that asks.
    pub(crate) phrase_hits: std::sync::OnceLock<Vec<(u32, u32, u32)>>,
    /// What the style rules ask of every word (figure, number word, month),
    /// worked out once by the first style rule that asks.
    pub(crate) style_words: std::sync::OnceLock<Vec<crate::rules::style::WordClass>>,
}

/// A copy of a paragraph's text with whitespace runs squeezed to one space.
#[derive(Debug)]
struct Squeezed {
    /// Empty when nothing needed squeezing (the paragraph text is used as is).
    text: String,
    /// Where bytes were dropped: (position in `text`, bytes dropped before it
    /// in all), in order. Sparse, so it costs nothing for tidy text.
    jumps: Vec<(u32, u32)>,
    squeezed: bool,
}

impl Squeezed {
    fn new(text: &str) -> Squeezed {
        let bytes = text.as_bytes();
        let needs = bytes.iter().any(|&b| b.is_ascii_whitespace() && b != b' ')
            || bytes.windows(2).any(|w| w[0] == b' ' && w[1] == b' ');
        if !needs {
            return Squeezed {
                text: String::new(),
                jumps: Vec::new(),
                squeezed: false,
            };
        }
        let mut out = Vec::with_capacity(text.len());
        let mut jumps = Vec::new();
        let mut dropped = 0u32;
        let mut prev_space = false;
        for &b in bytes {
            let space = b.is_ascii_whitespace();
            if space && prev_space {
                dropped += 1;
                continue;
            }
            if jumps.last().is_none_or(|&(_, d)| d != dropped) && dropped > 0 {
                jumps.push((out.len() as u32, dropped));
            }
            out.push(if space { b' ' } else { b });
            prev_space = space;
        }
        // Only ASCII whitespace was dropped or replaced, so this is valid UTF-8.
        Squeezed {
            text: String::from_utf8(out).unwrap_or_default(),
            jumps,
            squeezed: true,
        }
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
        let words = words::words(text);
        let sentences = sentences::sentences(text);
        let mut para = Paragraph {
            text,
            kind,
            words,
            sentences,
            quotations: quotations::quotations_in(text, kind == BlockKind::Heading),
            cues: Vec::new(),
            figures: Vec::new(),
            outer: Vec::new(),
            squeezed: Squeezed::new(text),
            phrase_hits: std::sync::OnceLock::new(),
            style_words: std::sync::OnceLock::new(),
        };
        para.outer = (0..para.quotations.len())
            .filter(|&i| para.quotations[i].depth == 0)
            .collect();
        para.cues = attribution::cues_with_verbs(
            text,
            &para.words,
            extra_verbs,
            |at| para.in_quotation(at..at + 1),
            |at| para.sentence_of(at),
        );
        // Found in word order, so already in sentence order; the lookups
        // below rely on it (a stable sort keeps the order within a sentence).
        para.cues.sort_by_key(|c| c.sentence);
        para.figures = figures::figures(text, &para.words);
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
                    let subject = between[after..].split_whitespace().count();
                    (1..=5).contains(&subject)
                        || (subject == 0 && reporting && self.inverted_subject_after(c))
                })
            })
    }

    /// Whether a name or a determiner follows the cue: inverted attribution
    /// (", said Smith", ", said the mayor"), not ", insisted that …".
    fn inverted_subject_after(&self, cue: &Cue) -> bool {
        let next = self.word_index_at(cue.span.end);
        self.words.get(next).is_some_and(|w| {
            let word = &self.text[w.clone()];
            word.starts_with(char::is_uppercase)
                || matches!(word, "the" | "a" | "an" | "his" | "her" | "their")
        })
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
        let Some(sentence) = self.sentences.get(index) else {
            return false;
        };
        let opening = self.text[sentence.clone()]
            .trim_start_matches(['"', '“', '('])
            .to_ascii_lowercase();
        lexicon().continuations.iter().any(|c| {
            opening.starts_with(c.as_str())
                && !opening[c.len()..].starts_with(|ch: char| ch.is_alphanumeric())
        })
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
            return self.names_a_person(&lead_in);
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
        let trimmed = self.text.trim_end();
        // "Smith said:", and lead-ins that name the speaker without a verb of
        // saying ("Coach Maria Okonkwo had a simple request:").
        trimmed.ends_with(':')
            && self.sentences.len().checked_sub(1).is_some_and(|last| {
                self.sentence_attributed(last) || self.names_a_person(&self.sentences[last])
            })
    }

    /// How this paragraph's quotations connect to its neighbours'.
    pub fn quote_links(&self) -> QuoteLinks {
        let opening = self.opening_quotation();
        let end = self.text.trim_end().len();
        let last = self.quotations.iter().rev().find(|q| q.depth == 0);
        let ends_with_speaker = last.is_some_and(|q| {
            q.attributed && self.sentence_of(q.span.start) + 1 >= self.sentences.len()
        });
        let last_sentence = self.sentences.len().checked_sub(1);
        // "Russell Creighton says drought has claimed another casualty." names
        // the speaker of the quotation that opens the next paragraph.
        let names_speaker = last_sentence.is_some_and(|s| {
            self.cues_of(s, s)
                .iter()
                .any(|c| !c.actor && c.source.as_ref().is_some_and(|r| self.names_a_person(r)))
        });
        QuoteLinks {
            opening: opening.map(|q| q.attributed),
            closing: self.closing_open_quotation().map(|q| q.attributed),
            all_quote: opening.is_some_and(|q| q.span.end >= end.saturating_sub(1)),
            hands_on: ends_with_speaker || names_speaker || self.introduces_quotation(),
            ends_sourced: last_sentence.is_some_and(|s| self.sentence_sourced(s)),
            introduces: self.introduces_quotation(),
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
                || lexicon().person_roles.contains(&word.to_ascii_lowercase())
        })
    }

    /// Whether the clause before `offset` is about market data the reporter
    /// reads off the exchange ("The S&P 500 fell 1.8 percent").
    pub fn market_data(&self, offset: usize) -> bool {
        let sentence = &self.sentences[self.sentence_of(offset)];
        let clause_start = self.text[sentence.start..offset]
            .rfind([',', ';'])
            .map_or(sentence.start, |p| sentence.start + p);
        let lex = lexicon();
        self.text[clause_start..offset].split_whitespace().any(|w| {
            lex.market_words.contains(
                &w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&')
                    .to_ascii_lowercase(),
            )
        })
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
