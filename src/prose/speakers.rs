//! Who speaks a quotation: a cue in reach, a named lead-in, a transcript's
//! speaker label; and the quotations that open or stay open at a
//! paragraph's ends.

use super::{Cue, Paragraph, Quotation};

impl<'a> Paragraph<'a> {
    /// Whether a quotation's speaker is in reach: a cue in a sentence the
    /// quotation overlaps, or in the sentence just before or after it.
    /// Whether a named person introduces the quotation without a verb of
    /// saying: a lead-in ending in a colon ("Resident Joan Meyers had a simple
    /// request: "…""), or a short sentence just before it ("Coach Maria
    /// Okonkwo was blunt. "…"").
    pub(super) fn introduced_by_name(&self, q: &Quotation) -> bool {
        let sentence = self.sentence_of(q.span.start);
        let own = &self.sentences[sentence];
        let lead_in = own.start..q.span.start;
        if self.text[lead_in.clone()].trim_end().ends_with(':') {
            // "DELEGATE: "…"", "TERRY REINHART: "…"": a transcript's speaker label.
            let label = self.text[lead_in.clone()].trim_end().trim_end_matches(':');
            return is_speaker_label(label) || self.names_a_person(&lead_in);
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

    pub(super) fn speaker_cue(&self, q: &Quotation) -> Option<&Cue> {
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

    /// Whether the paragraph is a turn of a transcript: it opens with its
    /// speaker's label ("ALICE PLACE: Well, the feeling has changed …"), so
    /// its words are that speaker's, not the writer's.
    pub fn opens_with_speaker_label(&self) -> bool {
        // A label is short: only the paragraph's opening is looked at.
        let text = self.text.trim_start();
        text.bytes()
            .take(41)
            .position(|b| b == b':')
            .is_some_and(|colon| is_speaker_label(&text[..colon]))
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

/// Whether `label` is a transcript's speaker label: a few words in capitals
/// ("DELEGATE", "TERRY REINHART", "MOS").
fn is_speaker_label(label: &str) -> bool {
    !label.is_empty()
        && label.split_whitespace().count() <= 4
        && label.chars().any(char::is_alphabetic)
        && !label.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prose::BlockKind;

    #[test]
    fn a_transcripts_turn_opens_with_its_speakers_label() {
        let turn = Paragraph::analyse(
            "ALICE PLACE: Well, I think the feeling has changed.",
            BlockKind::Paragraph,
        );
        assert!(turn.opens_with_speaker_label());
        let prose = Paragraph::analyse(
            "Alice Place: the feeling has changed, she said.",
            BlockKind::Paragraph,
        );
        assert!(!prose.opens_with_speaker_label());
        let late = Paragraph::analyse(
            "The council met on Tuesday and heard from the clerk, who said THE PLAN: no.",
            BlockKind::Paragraph,
        );
        assert!(!late.opens_with_speaker_label());
    }

    #[test]
    fn a_quote_with_no_speaker_in_reach() {
        let p = Paragraph::analyse("The plan failed. \"We will not back down from this fight.\" It rained. Police said later.", BlockKind::Paragraph);
        assert!(!p.quotations[0].attributed);
    }
}
