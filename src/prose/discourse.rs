//! Judgement across paragraphs: how a paragraph's quotations and sources
//! connect to its neighbours' ([`Links`]).

use super::lexicon::{lexicon, Lower};
use super::names::bloom_has;
use super::Paragraph;

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

impl<'a> Paragraph<'a> {
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
}
