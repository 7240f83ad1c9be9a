//! Tables, listings and results blocks written as lines of text: wire
//! copy's earnings tables ("Shr 16 cts vs 22 cts" / "Net 1,415,000 vs
//! 955,000"), market listings and rate tables. Their figures are data read
//! off a report or a market, not claims made in sentences.

use super::{BlockKind, Paragraph};

/// The most words a line of a table or listing has.
const MOST_WORDS: usize = 24;

impl Paragraph<'_> {
    /// Whether the block is a line of data rather than a sentence: a table
    /// cell, or a short line of a label and figures with no verb of saying
    /// ("Net loss 9,883,000 vs loss 2,744,000", "Avg shrs 47.1 mln vs 41.2
    /// mln", "Nine mths") — figures set against each other with "vs", figures
    /// making up a third of its words with no sentence ending, or a label
    /// line of up to three words.
    pub fn is_data_line(&self) -> bool {
        *self.data_line.get_or_init(|| self.reads_as_data())
    }

    /// [`Paragraph::is_data_line`], worked out.
    fn reads_as_data(&self) -> bool {
        match self.kind {
            BlockKind::TableCell => return true,
            BlockKind::Heading => return false,
            _ => {}
        }
        let words = self.words.len();
        if words == 0 || words > MOST_WORDS || !self.cues.is_empty() {
            return false;
        }
        let text = self.text.trim_end();
        let sentence_end = text.ends_with(['.', '!', '?', '"', '”', ':']);
        if words <= 3 && !sentence_end && self.figures.is_empty() {
            return !text.contains(['"', '“', '”']);
        }
        let with_digits = self
            .words
            .iter()
            .filter(|w| self.text[(*w).clone()].bytes().any(|b| b.is_ascii_digit()))
            .count();
        if with_digits == 0 {
            return false;
        }
        let set_against = self
            .words
            .iter()
            .any(|w| matches!(&self.lower[w.clone()], "vs" | "vs."));
        set_against || (!sentence_end && with_digits * 3 >= words) || with_digits * 2 >= words
    }
}

impl Paragraph<'_> {
    /// Where a wire dateline that opens the block ends: "NEW YORK, Feb 26 -"
    /// or "SAN MATEO, Calif., March 2 -", a place and a date before a dash.
    pub fn dateline_end(&self) -> Option<usize> {
        let dash = self.text.get(..80.min(self.text.len()))?.find(" - ")?;
        let head = &self.lower[..dash];
        let dated = head
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| super::months::month_of(w).is_some());
        (dated && head.contains(',')).then_some(dash + 3)
    }
}

#[cfg(test)]
mod tests {
    use crate::prose::{BlockKind, Paragraph};

    fn data(text: &str) -> bool {
        Paragraph::analyse(text, BlockKind::Paragraph).is_data_line()
    }

    #[test]
    fn results_lines_and_labels_are_data() {
        assert!(data("Shr loss 1.60 dlrs vs loss 45 cts"));
        assert!(data("Net loss 9,883,000 vs loss 2,744,000"));
        assert!(data("Avg shrs 47.1 mln vs 41.2 mln"));
        assert!(data("Nine mths"));
        assert!(data("Wheat   2.55   2.40       IV     4.65"));
    }

    #[test]
    fn a_dateline_ends_at_its_dash() {
        let p = Paragraph::analyse(
            "NEW YORK, Feb 26 - Qtly div three cts vs three cts prior",
            BlockKind::Paragraph,
        );
        assert_eq!(p.dateline_end().map(|e| &p.text[e..e + 4]), Some("Qtly"));
        let q = Paragraph::analyse("Prices rose - sharply - in May.", BlockKind::Paragraph);
        assert_eq!(q.dateline_end(), None);
    }

    #[test]
    fn sentences_are_not_data() {
        assert!(!data(
            "Net income rose to 5.2 mln dlrs from 3.1 mln dlrs, the company said."
        ));
        assert!(!data("About 3,000 people attended the rally."));
        assert!(!data("Home prices rose 9.4 percent last year."));
        assert!(!data("\"Thank you.\""));
        assert!(!data("It rained."));
    }
}
