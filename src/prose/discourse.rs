//! Judgement across paragraphs, the story-level view of a document.
//!
//! Each paragraph is analysed on its own (so that a keystroke re-analyses
//! only the paragraph it touched), and says in its [`Links`] how its ends
//! connect to its neighbours: a quotation still open, a speaker named for
//! the next quotation, a source whose figures carry on. A claim a rule
//! judges in one paragraph says in its [`Reach`] what of the neighbours
//! could settle it. [`Story`] walks the paragraphs in order with their links
//! and answers, for each paragraph, which reaches its neighbours settle
//! ([`Place::settles`]): a quotation that runs over several paragraphs and
//! has a speaker along its length, figures sourced by the paragraph before,
//! a claim answered by the next, words a lead-in gives to a source.

use super::lexicon::{lexicon, List, Lower};
use super::names::bloom_has;
use super::{BlockKind, Paragraph};

/// How a paragraph's quotations and sources connect to its neighbours'.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Links {
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
    /// The paragraph is a transcript's turn, opening with its speaker's
    /// label: its words are the speaker's.
    pub transcript_turn: bool,
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
    /// [`Links::covers_next`] reads it, for a one-sentence paragraph or a
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
    /// The block is a heading: a topic break, and a story's headline.
    pub heading: bool,
    /// The block is a line of a table, listing or results block
    /// ([`Paragraph::is_data_line`]).
    pub data_line: bool,
    /// The paragraph names a source of data for the story's figures: a verb
    /// of reporting whose subject is named ("the Commerce Department
    /// reported"), or of saying in a sentence with figures ("XYZ Corp said
    /// its net income rose 18 pct"), or "according to" a name.
    pub names_source: bool,
    /// The paragraph names a speaker with no data of their own ("Finance
    /// Minister Dilson Funaro said the suspension would stay"): the story's
    /// source for the figures that follow, not for those before.
    pub names_speaker: bool,
    /// The block names a company or institution that owns the data of the
    /// story (a headline "XYZ CORP <XYZ> 4TH QTR NET", or a named source).
    pub names_owner: bool,
}

impl Links {
    /// Whether this paragraph's ending sources the figures of the first
    /// sentence of `next`: a lead-in ("the following breakdown:"), or a
    /// sourced last sentence that `next` carries on from, by its opening
    /// ("The figures show …", when `continues`), by naming the same source,
    /// or by giving more figures after its own, or (after a forecast) by
    /// going on in its future tense.
    pub fn covers_next(&self, continues: bool, next: &Links) -> bool {
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

    /// Whether this paragraph ends with a source's forecast that the first
    /// sentence of `next` carries on in its future tense.
    pub fn forecast_covers(&self, next: &Links) -> bool {
        self.introduces
            || (self.ends_sourced
                && self.ends_forecast
                && next.opens_future
                && next.opens_kinds != 0)
    }

    /// This paragraph's links with its last sentence counted as sourced by
    /// `source`, the links that carried a source into it: a source carried
    /// into a one-sentence paragraph carries through it, with its names and
    /// its kinds of figure ("AWB says profit is up 5 per cent to $86
    /// million." / "Profits have been boosted by …" / "The inquiry has cost
    /// almost $10 million.").
    pub fn sourced_through(&self, source: &Links) -> Links {
        // Its own names first, then the source's, in the free slots.
        let mut names = self.ends_sources;
        let mut free = names.iter_mut().filter(|h| **h == 0);
        for &h in source.ends_sources.iter().filter(|&&h| h != 0) {
            match free.next() {
                Some(slot) => *slot = h,
                None => break,
            }
        }
        Links {
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
    pub fn links(&self, carries: bool) -> Links {
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
        // "Dr Bruce Kefford from the Department of Primary Industries is
        // confident of the trial's success." introduces the speaker of the
        // quotation that opens the next paragraph, as a person opening the
        // last sentence does in wire and broadcast copy.
        // So does a source the copy has already introduced ("the couple say
        // their hair is like cashmere"), but not "Sources say" or "Critics say".
        let names_speaker = last_sentence.is_some_and(|s| {
            self.cues_of(s, s).iter().any(|c| {
                !c.actor
                    && (self.names_a_person(&self.subject_of(c))
                        || c.source.as_ref().is_some_and(|r| self.refers_back(r)))
            }) || self.opens_with_person(s)
        });
        // Each asked for twice below; worked out once.
        let opens_kinds = self.sentence_kinds(0);
        let opens_continuation = self.sentence_continues(0);
        let opens_named_source = self.names_source(0);
        let introduces = self.introduces_quotation();
        let (names_source, speaker_source) = if self.kind == BlockKind::Heading {
            (self.headline_names_source(), false)
        } else {
            self.names_story_source()
        };
        Links {
            opening: opening.map(|q| q.attributed),
            closing: self.closing_open_quotation().map(|q| q.attributed),
            all_quote: opening.is_some_and(|q| q.span.end >= end.saturating_sub(1)),
            hands_on: ends_with_speaker || names_speaker || introduces,
            ends_sourced: last_sentence.is_some_and(|s| self.sentence_sourced(s)),
            introduces,
            transcript_turn: self.opens_with_speaker_label(),
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
            heading: self.kind == BlockKind::Heading,
            data_line: self.is_data_line(),
            names_source,
            names_speaker: speaker_source,
            names_owner: names_source
                || speaker_source
                || (self.kind == BlockKind::Heading && self.names_owner()),
        }
    }

    /// Whether sentence `index` opens with a person as its subject: "He" or
    /// "She", or a name of two capitalized words ("Fiona Eastwell and her
    /// family …", "Dr Bruce Kefford from …") that is not an institution.
    /// Whether the words at `source` point back to someone the copy has
    /// introduced: a definite description or a pronoun ("the couple", "they").
    fn refers_back(&self, source: &std::ops::Range<usize>) -> bool {
        // Past a conjunction the source may begin with ("and the couple").
        let mut first = self.word_index_at(source.start);
        let end = self.word_index_at(source.end);
        while first + 1 < end && lexicon().subject_lead_ins.contains(&self.word_lower(first)) {
            first += 1;
        }
        first < end && lexicon().back_references.contains(&self.word_lower(first))
    }

    fn opens_with_person(&self, index: usize) -> bool {
        let mut first = self.word_index_at(self.sentences[index].start);
        // "But today he …": the subject after a conjunction or a time.
        let end = self.word_index_at(self.sentences[index].end);
        for _ in 0..2 {
            if first + 1 < end && lexicon().subject_lead_ins.contains(&self.word_lower(first)) {
                first += 1;
            }
        }
        let word = |k: usize| {
            self.words
                .get(first + k)
                .map_or("", |w| &self.text[w.clone()])
        };
        let name = |k: usize| {
            word(k).starts_with(char::is_uppercase)
                && !self.lower_classes(first + k).has(List::Institutions)
                && !self.lower_classes(first + k).has(List::Determiners)
        };
        // "He", "she", and "He's" or "She’d" as one word.
        let pronoun = word(0)
            .split(['\'', '’'])
            .next()
            .is_some_and(|w| matches!(w, "He" | "She" | "he" | "she"));
        pronoun || (name(0) && name(1))
    }

    /// Whether a verb of saying or reporting here has a named subject, or
    /// "according to" a name, and gives data: figures in its sentence, or a
    /// verb of reporting data ("reported", "showed"). A source the story's
    /// figures may rest on; "Dealer Ann Rowe says buyers are nervous" is not.
    /// (a source of data, a speaker only): see [`Links::names_source`] and
    /// [`Links::names_speaker`].
    fn names_story_source(&self) -> (bool, bool) {
        let lex = lexicon();
        let (mut data, mut speaker) = (false, false);
        for c in &self.cues {
            let verb = &self.lower[c.span.clone()];
            if c.actor || !lex.story_source_verbs.contains(verb) {
                continue;
            }
            let subject = self.subject_of(c);
            if !(self.word_index_at(subject.start)..self.word_index_at(subject.end))
                .any(|i| self.is_name(i))
            {
                continue;
            }
            if self.sentence_kinds(c.sentence) != 0 || !lex.speech_verbs.contains(verb) {
                data = true;
            } else {
                speaker = true;
            }
        }
        (data, speaker)
    }

    /// Whether a wire headline names the source of the story's data: a name
    /// and a verb or noun of reporting ("FIRS ESTIMATES EC SUGAR OUTPUT",
    /// "U.S. EMBASSY SAYS BRAZIL COFFEE CROP TO FALL", "USDA REPORT SHOWS").
    fn headline_names_source(&self) -> bool {
        let lex = lexicon();
        self.names_owner()
            && self
                .lower
                .split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| lex.story_source_verbs.contains(w) || lex.estimate_nouns.contains(w))
    }

    /// Whether a headline names a company or institution: a ticker
    /// ("<XYZ>"), an institution word ("INC", "BANK", "DEPARTMENT"), or a
    /// name of two capitalized words running together, as wire headlines
    /// name the company whose results or dividend follow ("WILFRED
    /// AMERICAN EDUCATIONAL REGULAR DIV").
    fn names_owner(&self) -> bool {
        let capital = |i: usize| self.text[self.words[i].clone()].starts_with(char::is_uppercase);
        self.text.contains('<')
            || (0..self.words.len()).any(|i| self.lower_classes(i).has(List::Institutions))
            || (1..self.words.len()).any(|i| capital(i - 1) && capital(i))
    }
}

/// What of the paragraphs around a claim could settle it: set by the rule
/// that judges the claim, read by [`Place::settles`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reach {
    /// The claim is about a quotation that may continue into a neighbouring
    /// paragraph: settled when the multi-paragraph quotation has a speaker
    /// somewhere along its length.
    pub quote_chain: Option<ChainEnd>,
    /// The claim is a figure in a paragraph's first sentence: settled when
    /// the paragraph before sources it.
    pub carried_from_previous: Option<Carry>,
    /// The claim is in a paragraph's last sentence: settled when the next
    /// paragraph's opening answers it.
    pub answered_by_next: Option<Answer>,
    /// The claim judges the writer's own voice: settled (it is not the
    /// writer's) inside a block quote that a lead-in gives to a source.
    pub writers_voice: bool,
    /// The claim is a figure that a source the story names may cover: wire
    /// copy attributes once, and the figures that follow (or come before a
    /// delayed attribution) inherit it. Settled when another paragraph of
    /// its section of the story names a source of data
    /// ([`Links::names_source`]), an earlier one names a speaker
    /// ([`Links::names_speaker`]), or the section is a named owner's table
    /// and its notes.
    pub story_source: bool,
    /// The claim is a forecast or estimate someone made ("is forecast at"):
    /// only a source of data the story names covers it, not a speaker or a
    /// table's owner.
    pub forecast: bool,
    /// The claim is about a table or listing with no source: settled when
    /// the line is not the block's first, when a lead-in introduces it, or
    /// when its section of the story names a source or the company whose
    /// data it is.
    pub data_head: bool,
    /// The claim is asked once per story: a later mention of the same thing
    /// ("the sources said" after "sources close to the deal said") is not
    /// raised again. The linter keeps the first that stands in each section
    /// of the story ([`Place::section`]).
    pub once_per_story: bool,
    /// Said of the claim when it stands though its section names a source
    /// of data: why that source was judged out of its reach.
    pub out_of_reach: Option<&'static str>,
}

/// What in the next paragraph's first sentence answers a claim at the end
/// of a paragraph (wire copy runs one sentence to a paragraph).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// It names the source ("New research has shown …" then "The Queensland
    /// Department of Primary Industries has investigated …").
    Named,
    /// It carries on with the same data and has a source ("… its lowest
    /// level in 10 years." then "The latest figures show …").
    Continues,
}

/// How a figure in a paragraph's first sentence may take its source from the
/// paragraph before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Carry {
    /// The sentence carries on with the previous paragraph's data ("The
    /// figures show …"): a source in that paragraph's last sentence covers it.
    Continues,
    /// Only a lead-in covers it ("… reported the following breakdown:").
    LeadIn,
    /// The sentence projects ("will", "expected"): only a source's forecast
    /// carries on into it ("The outlook predicts a dry spring." / "Much of
    /// the state will only have a 30 to 40 per cent chance …").
    Forecast,
}

/// Which end of a paragraph a quotation claim sits at, for multi-paragraph quotations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChainEnd {
    /// The quotation opens the paragraph (it may continue one from before).
    Opening,
    /// The quotation is still open when the paragraph ends.
    Closing,
    /// One quotation spans the paragraph from its start to its end.
    Both,
}

/// A walk over a story's paragraphs in order, each with its [`Links`]. The
/// links are read through a function (`links(i)`), so that the caller keeps
/// them where they are.
pub struct Story {
    /// For each paragraph, whether its opening and its closing quotation
    /// belong to an attributed quotation that runs over several paragraphs.
    chains: Vec<(bool, bool)>,
    /// The links that carried a source into each paragraph walked so far.
    carried: Vec<Option<Links>>,
    /// The last paragraph walked that is not a list item, and the last one
    /// not in a block quote: kept as the walk goes, so that a long list or
    /// run of block quotes is not walked back over for each paragraph.
    outside_list: Option<usize>,
    unquoted: Option<usize>,
    /// For each paragraph, its section of the story ([`Section`]).
    sections: Vec<Section>,
}

/// What a section of a story (a headline or heading and the blocks up to
/// the next one) establishes for the figures in it.
#[derive(Clone, Copy, Debug, Default)]
struct Section {
    /// The index of the section's first block.
    start: usize,
    /// How many paragraphs name a source of data ([`Links::names_source`]).
    sources: u32,
    /// The first paragraph that names a speaker ([`Links::names_speaker`]),
    /// or `usize::MAX`.
    first_speaker: usize,
    /// A block names a source or the company or institution whose data the
    /// section gives ([`Links::names_owner`]).
    owned: bool,
    /// A block is a line of a table or listing: with an owner, the section
    /// is that owner's report (a company's results and their notes).
    data: bool,
}

/// One paragraph's place in the story: what its neighbours settle.
#[derive(Clone, Copy, Debug)]
pub struct Place {
    chain: (bool, bool),
    links: Links,
    previous: Option<Links>,
    next: Option<Links>,
    /// The paragraph is a block quote after a lead-in that names its source
    /// ("The ministry said in a statement:"): the source's words, as a
    /// quotation is.
    quoting: bool,
    section: Section,
    /// The paragraph's index in the story.
    index: usize,
    /// The block before is a line of the same table or listing.
    after_data_line: bool,
}

impl Story {
    /// A walk over `len` paragraphs whose links `links(i)` gives.
    pub fn new(len: usize, links: impl Fn(usize) -> Links) -> Story {
        Story {
            chains: quote_chains(len, &links),
            carried: vec![None; len],
            outside_list: None,
            unquoted: None,
            sections: sections(len, &links),
        }
    }

    /// The place of paragraph `i`, of `kind`, in a block quote or not. The
    /// paragraphs are entered in order, each once.
    pub fn enter(
        &mut self,
        i: usize,
        kind: BlockKind,
        quoted: bool,
        links: impl Fn(usize) -> Links,
    ) -> Place {
        let own = links(i);
        let next = (i + 1 < self.chains.len()).then(|| links(i + 1));
        // A list takes its lead-in from the paragraph before the list.
        let previous = if kind == BlockKind::ListItem {
            self.outside_list
        } else {
            i.checked_sub(1)
        };
        // A source that carries into a one-sentence paragraph carries on
        // through it (wire copy: "The bureau says …" then a paragraph per region).
        let previous = previous.map(|p| match &self.carried[p] {
            Some(source) => links(p).sourced_through(source),
            None => links(p),
        });
        self.carried[i] =
            previous.filter(|p| own.one_sentence && p.covers_next(own.opens_continuation, &own));
        let quoting = own.transcript_turn
            || (quoted
                && self.unquoted.is_some_and(|p| {
                    let before = links(p);
                    before.introduces || before.hands_on
                }));
        if kind != BlockKind::ListItem {
            self.outside_list = Some(i);
        }
        if !quoted {
            self.unquoted = Some(i);
        }
        Place {
            chain: self.chains[i],
            links: own,
            previous,
            next,
            quoting,
            section: self.sections[i],
            index: i,
            after_data_line: i > 0 && own.data_line && links(i - 1).data_line,
        }
    }
}

impl Place {
    /// What to add to the message of a claim of this reach that stands: why
    /// a source of data the section names does not cover it.
    pub fn out_of_reach_note(&self, reach: &Reach) -> Option<&'static str> {
        reach
            .out_of_reach
            .filter(|_| self.section.sources > u32::from(self.links.names_source))
    }

    /// The section of the story the paragraph is in, by its first block.
    pub fn section(&self) -> usize {
        self.section.start
    }

    /// Whether the neighbours settle a claim of this reach, so that it no
    /// longer stands.
    pub fn settles(&self, reach: &Reach) -> bool {
        if (self.quoting && reach.writers_voice)
            // Another paragraph's source: within its own paragraph, a figure
            // is sourced sentence by sentence.
            || (reach.story_source
                && (self.section.sources > u32::from(self.links.names_source)
                    || (!reach.forecast
                        && (self.section.first_speaker < self.index
                            || (self.section.owned && self.section.data)))))
            || (reach.data_head
                && (self.after_data_line
                    || self.section.owned
                    // A lead-in ("The fire service's annual report lists:").
                    || self.previous.is_some_and(|p| p.introduces)))
        {
            return true;
        }
        (match reach.quote_chain {
            Some(ChainEnd::Opening) => self.chain.0,
            Some(ChainEnd::Closing) => self.chain.1,
            Some(ChainEnd::Both) => self.chain.0 || self.chain.1,
            None => false,
        }) || match (reach.carried_from_previous, &self.previous) {
            (Some(Carry::Forecast), Some(p)) => p.forecast_covers(&self.links),
            (Some(carry), Some(p)) => p.covers_next(carry == Carry::Continues, &self.links),
            _ => false,
        } || match (reach.answered_by_next, &self.next) {
            (Some(Answer::Named), Some(next)) => next.opens_named_source,
            (Some(Answer::Continues), Some(next)) => next.opens_sourced_continuation,
            _ => false,
        }
    }
}

/// For each paragraph, what its section of the story establishes. A section
/// starts at a heading (a run of headings is one start) and ends before the
/// next; copy with no headings is one section.
fn sections(len: usize, links: &impl Fn(usize) -> Links) -> Vec<Section> {
    let mut out = vec![Section::default(); len];
    let mut start = 0;
    let mut previous_heading = false;
    for i in 0..=len {
        let own = (i < len).then(|| links(i));
        let opens = own.is_some_and(|l| l.heading && !previous_heading);
        if (opens && i > start) || i == len {
            let mut section = Section {
                start,
                first_speaker: usize::MAX,
                ..Section::default()
            };
            for j in start..i {
                let l = links(j);
                if l.names_speaker {
                    section.first_speaker = section.first_speaker.min(j);
                }
                section.sources += u32::from(l.names_source);
                section.owned |= l.names_owner;
                section.data |= l.data_line;
            }
            out[start..i].fill(section);
            start = i;
        }
        previous_heading = own.is_some_and(|l| l.heading);
    }
    out
}

/// For each paragraph, whether its opening and its closing quotation belong to
/// a quotation that runs over several paragraphs and has a speaker somewhere
/// along its length. A run starts at a paragraph that ends inside a quotation,
/// ends with an attributed one (the same speaker goes on in the next
/// paragraph, as wire copy writes it) or introduces one ("she said:"); it takes
/// in each following paragraph that opens with a quotation mark, and goes on
/// past one only while that paragraph is all quotation.
fn quote_chains(len: usize, links: &impl Fn(usize) -> Links) -> Vec<(bool, bool)> {
    let mut out = vec![(false, false); len];
    let mut i = 0;
    while i < len {
        let start = links(i);
        let opens_next = |j: usize| j + 1 < len && links(j + 1).opening.is_some();
        if !(start.closing.is_some() || start.hands_on) || !opens_next(i) {
            i += 1;
            continue;
        }
        let mut last = i + 1;
        while links(last).all_quote && opens_next(last) {
            last += 1;
        }
        let attributed = start.hands_on
            || start.closing == Some(true)
            || (i + 1..=last).any(|m| links(m).opening == Some(true));
        out[i].1 = attributed;
        for entry in &mut out[i + 1..last] {
            *entry = (attributed, attributed);
        }
        out[last].0 = attributed;
        i = last;
    }
    out
}
