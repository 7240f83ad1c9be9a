//! Placing each paragraph's findings in the document, and settling the
//! judgements that cross paragraphs with the story-level view of
//! [`crate::prose::discourse`].

use std::sync::Arc;

use super::analyse::{prefetch, ParagraphResult};
use super::{finding_order, LintReport, Linter};
use crate::finding::Finding;
use crate::prose::markup::Block;
use crate::prose::Story;
use crate::rules::house::stylebook::Mark;

/// A paragraph's result as [`Linter::assemble`] reads it: the lint's own,
/// or one it shares with a [`ParagraphCache`].
pub(super) trait ResultSlot {
    /// The result.
    fn result(&self) -> &ParagraphResult;
    /// The result, when nothing else holds it: its findings can be moved
    /// into the report instead of copied.
    fn owned(&mut self) -> Option<&mut ParagraphResult>;
}

impl ResultSlot for ParagraphResult {
    fn result(&self) -> &ParagraphResult {
        self
    }

    fn owned(&mut self) -> Option<&mut ParagraphResult> {
        Some(self)
    }
}

impl ResultSlot for Arc<ParagraphResult> {
    fn result(&self) -> &ParagraphResult {
        self
    }

    fn owned(&mut self) -> Option<&mut ParagraphResult> {
        Arc::get_mut(self)
    }
}

impl Linter {
    /// Places paragraph findings in the document and drops those that the
    /// paragraphs around them settle. A result held nowhere else gives up
    /// its findings; one the cache keeps is copied.
    pub(super) fn assemble(&self, blocks: &[Block], results: &mut [impl ResultSlot]) -> LintReport {
        let mut story = Story::new(results.len(), |i| results[i].result().links);
        // The rules of the findings asked once per story that stand in the
        // current section, and that section.
        let mut asked: Vec<&'static str> = Vec::new();
        let mut section = usize::MAX;
        let mut report = LintReport::default();
        // At its final size at once: a list grown as it fills moves the
        // findings already in it each time it grows.
        report
            .findings
            .reserve(results.iter().map(|r| r.result().findings.len()).sum());
        for (i, block) in blocks.iter().enumerate() {
            // A result the cache shares sits in memory of its own, and every
            // result's findings do: asked for ahead, they arrive while this
            // one is placed.
            if let Some(ahead) = results.get(i + 2) {
                prefetch(std::slice::from_ref(ahead.result()));
            }
            if let Some(next) = results.get(i + 1) {
                prefetch(&next.result().findings);
            }
            let place = story.enter(i, block.kind, block.quoted, |j| results[j].result().links);
            if place.section() != section {
                asked.clear();
                section = place.section();
            }
            let mut stands = |finding: &Finding| {
                if place.settles(&finding.reach) {
                    return false;
                }
                if finding.reach.once_per_story {
                    if asked.contains(&finding.rule) {
                        return false;
                    }
                    asked.push(finding.rule);
                }
                true
            };
            let placed = |mut f: Finding| {
                f.shift(block.start);
                if let Some(note) = place.out_of_reach_note(&f.reach) {
                    f.message.push(' ');
                    f.message.push_str(note);
                }
                f
            };
            match results[i].owned() {
                Some(owned) => report.findings.extend(
                    std::mem::take(&mut owned.findings)
                        .into_iter()
                        .filter(|f| stands(f))
                        .map(placed),
                ),
                None => report.findings.extend(
                    results[i]
                        .result()
                        .findings
                        .iter()
                        .filter(|f| stands(f))
                        .cloned()
                        .map(placed),
                ),
            }
            for failure in &results[i].result().failures {
                if !report.failures.contains(failure) {
                    report.failures.push(failure.clone());
                }
            }
        }
        if let Some(book) = &self.stylebook {
            // Matches of the stylebook's story-level rules, in story order,
            // read where the paragraphs keep them.
            let marks: Vec<(usize, &Mark)> = (blocks.iter().zip(results.iter()))
                .flat_map(|(block, r)| r.result().marks.iter().map(move |m| (block.start, m)))
                .collect();
            if !marks.is_empty() {
                report
                    .findings
                    .extend(book.judge(&marks, &self.style_severities));
            }
        }
        // Each paragraph's findings are sorted (stably) in `analyse`, and
        // blocks come in document order without overlapping, so the list is
        // already in order and a stable sort would leave it as it is. Should
        // blocks ever overlap, sorting the concatenation stably gives the
        // order a stable sort of the findings as the rules reported them would.
        if !report
            .findings
            .is_sorted_by(|a, b| finding_order(a, b) != std::cmp::Ordering::Greater)
        {
            report.findings.sort_by(finding_order);
        }
        report
    }
}
