//! Analysing one paragraph: the prose model, then every rule over it, with
//! a rule that panics isolated from the others.

use std::panic::{catch_unwind, AssertUnwindSafe};

use rayon::prelude::*;

use super::{finding_order, Linter, RuleFailure};
use crate::finding::Finding;
use crate::prose::markup::Block;
use crate::prose::{Links, Paragraph};
use crate::rules::house::stylebook::{Mark, Stylebook};
use crate::rules::Context;

/// What the linter keeps of one analysed paragraph.
#[derive(Debug, Default)]
pub(super) struct ParagraphResult {
    /// Findings with offsets relative to the paragraph.
    pub findings: Vec<Finding>,
    pub failures: Vec<RuleFailure>,
    /// How the paragraph's quotations and sources connect to its neighbours'.
    pub links: Links,
    /// Matches of the stylebook's story-level rules, for the story to judge.
    pub marks: Vec<Mark>,
}

/// How many paragraphs must need analysis before it is spread over threads.
pub(super) const PARALLEL_MISSES: usize = 64;

impl Linter {
    /// Analyses the blocks at `indexes`, in order. A keystroke misses one
    /// paragraph; opening a document misses them all, and then the
    /// paragraphs are analysed on every core.
    pub(super) fn analyse_all(
        &self,
        blocks: &[Block],
        indexes: impl ExactSizeIterator<Item = usize>,
    ) -> Vec<ParagraphResult> {
        let indexes: Vec<usize> = indexes.collect();
        let analyse = |found: &mut Vec<Finding>, &i: &usize| self.analyse(&blocks[i], found);
        // With one thread there is nothing to spread: analysing in place
        // spares the hand-over, and the findings are then freed by the
        // thread that allocated them, which the allocator does fastest.
        if indexes.len() >= PARALLEL_MISSES && rayon::current_num_threads() > 1 {
            indexes.par_iter().map_init(Vec::new, analyse).collect()
        } else {
            let mut found = Vec::new();
            (indexes.iter().enumerate())
                .map(|(k, i)| {
                    // The next block's text is not in the cache (a document's
                    // blocks are all extracted first): asked for now, it
                    // arrives while this one is analysed.
                    if let Some(&next) = indexes.get(k + 1) {
                        prefetch(blocks[next].text.as_bytes());
                    }
                    analyse(&mut found, i)
                })
                .collect()
        }
    }

    /// Analyses one block. The rules push onto `found`, a list kept from
    /// paragraph to paragraph, and the result gets a copy of exactly the
    /// findings' size.
    fn analyse(&self, block: &Block, found: &mut Vec<Finding>) -> ParagraphResult {
        let mut result = ParagraphResult::default();
        let no_verbs = Default::default();
        let verbs = self
            .house
            .as_ref()
            .map_or(&no_verbs, |h| h.attribution_verbs());
        let para =
            match catch_unwind(|| Paragraph::analyse_with_verbs(&block.text, block.kind, verbs)) {
                Ok(para) => para,
                Err(panic) => {
                    result.failures.push(RuleFailure {
                        rule: "prose",
                        message: panic_message(&panic),
                    });
                    return result;
                }
            };
        let cx = Context::new(&para, self.house.as_deref());
        found.clear();
        for running in &self.rules {
            let before = found.len();
            match catch_unwind(AssertUnwindSafe(|| running.rule.check(&cx, found))) {
                Ok(()) => {
                    if !running.thresholds.is_empty() {
                        // Dropped in place, keeping the order of the rest.
                        let mut kept = before;
                        for i in before..found.len() {
                            let text = para.text.get(found[i].span.clone()).unwrap_or("");
                            if running
                                .thresholds
                                .iter()
                                .all(|(measure, threshold)| measure.reaches(text, *threshold))
                            {
                                found.swap(kept, i);
                                kept += 1;
                            }
                        }
                        found.truncate(kept);
                    }
                    for finding in &mut found[before..] {
                        finding.severity = running.severity;
                        finding.reach.writers_voice = running.writers_voice;
                    }
                }
                Err(panic) => {
                    found.truncate(before);
                    result.failures.push(RuleFailure {
                        rule: running.rule.meta().id.as_str(),
                        message: panic_message(&panic),
                    })
                }
            }
        }
        if let Some(book) = &self.stylebook {
            let (before, marks) = (found.len(), &mut result.marks);
            let checked = catch_unwind(AssertUnwindSafe(|| {
                book.check(&para, &self.style_severities, found, marks)
            }));
            if let Err(panic) = checked {
                found.truncate(before);
                result.marks.clear();
                result.failures.push(RuleFailure {
                    rule: Stylebook::FAMILY,
                    message: panic_message(&panic),
                });
            }
        }
        if let Some(words) = &self.house {
            words.drop_accepted(&para, found);
        }
        // Sorted here, where the list is short (and cached with the result),
        // so that `assemble` need not sort the whole document's findings.
        found.sort_by(finding_order);
        let carries = found
            .iter()
            .any(|f| f.reach.carried_from_previous.is_some());
        result.links = para.links(carries);
        // Moved, not taken: `found` keeps its room for the next paragraph.
        result.findings = Vec::with_capacity(found.len());
        result.findings.append(found);
        result
    }
}

/// Asks the processor to bring the first bytes of `items` into its cache,
/// without waiting for them.
#[inline]
pub(super) fn prefetch<T>(items: &[T]) {
    let bytes = std::mem::size_of_val(items).min(256);
    #[cfg(target_arch = "x86_64")]
    for line in (0..bytes).step_by(64) {
        // SAFETY: a prefetch is only a hint: it reads nothing into the
        // program and never faults, whatever the address.
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                items.as_ptr().cast::<i8>().wrapping_add(line),
            )
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = bytes;
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}
