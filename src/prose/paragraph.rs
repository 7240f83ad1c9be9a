//! One analysed block of prose: its words, sentences, quotations,
//! attribution cues and figures, and the questions every rule asks of them
//! (which sentence, which quotation, which word).

use std::ops::Range;

use super::lexicon::{lexicon, Classes, List, Lower};
use super::squeezed::Squeezed;
use super::{attribution, figures, quotations, sentences, word_classes, words};
use super::{BlockKind, Cue, Figure, Quotation};

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
    pub(super) lower: String,
    /// The lexicon lists each word is in (of its lowercase, whatever its
    /// length), looked up once per word for every question below.
    pub(super) classes: Vec<Classes>,
    /// Indexes of the outer (depth 0) quotations, in order: they never
    /// overlap one another, so their ends are in order too.
    pub(super) outer: Vec<usize>,
    /// The text with every run of whitespace squeezed to one space, so that
    /// phrases match across line breaks and blanked markup.
    pub(super) squeezed: Squeezed,
    /// The classes of the words that have one (figure, number word, month),
    /// worked out once by the first rule that asks.
    pub(super) word_classes: std::cell::OnceCell<Vec<word_classes::WordClass>>,
    /// [`Paragraph::sentence_continues`] of the first 64 sentences, as
    /// worked out (`continues`) and which of them are (`continues_known`):
    /// each figure asks it of its sentence and the ones around it.
    pub(super) continues: std::cell::Cell<u64>,
    pub(super) continues_known: std::cell::Cell<u64>,
    /// [`Paragraph::is_data_line`], once worked out: every figures rule and
    /// the paragraph's links ask it.
    pub(super) data_line: std::cell::OnceCell<bool>,
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
            word_classes: std::cell::OnceCell::new(),
            continues: std::cell::Cell::new(0),
            continues_known: std::cell::Cell::new(0),
            data_line: std::cell::OnceCell::new(),
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
    pub(super) fn cues_of(&self, first: usize, last: usize) -> &[Cue] {
        let from = self.cues.partition_point(|c| c.sentence < first);
        let to = self.cues.partition_point(|c| c.sentence <= last);
        &self.cues[from..to.max(from)]
    }

    /// Whether any byte of `span` lies inside a direct quotation: words there
    /// belong to the speaker, not the writer.
    pub fn in_quotation(&self, span: Range<usize>) -> bool {
        self.quotation_at(span).is_some()
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
    pub(super) fn word_in(&self, i: usize, list: List) -> bool {
        match self.words.get(i) {
            // Unicode lowercasing is ASCII lowercasing on ASCII words.
            Some(w) if self.text[w.clone()].is_ascii() => self.classes[i].has(list),
            _ => lexicon().classes(&self.word_lower(i)).has(list),
        }
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
}
