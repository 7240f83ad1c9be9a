//! Analysed paragraphs kept from one lint of a document to the next, so
//! that an edit re-analyses only the paragraphs it touched.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::analyse::{ParagraphResult, PARALLEL_MISSES};
use super::reextract::Extraction;
use super::{suppressions, LintReport, Linter};
use crate::prose::markup::Block;
use crate::prose::Syntax;

/// Analysed paragraphs from earlier lints, keyed by content, so that an edit
/// re-analyses only the paragraphs it touched. Entries not used by the
/// latest lint are dropped, so the cache never outgrows the document.
#[derive(Default)]
pub struct ParagraphCache {
    linter: u64,
    entries: HashMap<u64, Arc<ParagraphResult>>,
    /// Paragraphs analysed (not taken from the cache) by the latest lint.
    pub misses: usize,
    /// The document as last linted, so that the next lint re-extracts only
    /// the part an edit touched.
    extraction: Extraction,
    /// The keys and results of its blocks, in order.
    keys: Vec<u64>,
    results: Vec<Arc<ParagraphResult>>,
}

impl ParagraphCache {
    /// The text of the latest lint.
    pub fn text(&self) -> &str {
        self.extraction.source()
    }
}

impl Linter {
    /// Lints a document, reusing the analysis of unchanged paragraphs.
    pub fn lint_cached(
        &self,
        source: &str,
        syntax: Syntax,
        cache: &mut ParagraphCache,
    ) -> LintReport {
        self.lint_filled(syntax, cache, |buffer| buffer.push_str(source))
    }

    /// Lints the text that `fill` writes into the cache's buffer, reusing the
    /// analysis of unchanged paragraphs. For a document kept in another form
    /// (an editor's rope), this copies it once instead of twice; the text is
    /// [`ParagraphCache::text`] afterwards.
    pub fn lint_filled(
        &self,
        syntax: Syntax,
        cache: &mut ParagraphCache,
        fill: impl FnOnce(&mut String),
    ) -> LintReport {
        let ParagraphCache {
            linter,
            entries,
            misses,
            extraction,
            keys,
            results,
        } = cache;
        if *linter != self.fingerprint {
            entries.clear();
            keys.clear();
            results.clear();
            *linter = self.fingerprint;
        }
        let previous_blocks = extraction.extracted.blocks.len();
        let splice = extraction.update(syntax, fill);
        let source = extraction.source();
        let blocks = &extraction.extracted.blocks;
        // The blocks to look up: those re-extracted, or all of them when the
        // previous results do not line up with the previous blocks.
        let (window, replaced) = match splice {
            Some(s) if keys.len() == previous_blocks => {
                (s.kept_before..s.new_after, s.kept_before..s.old_after)
            }
            _ => (0..blocks.len(), 0..keys.len()),
        };
        let window_keys: Vec<u64> = blocks[window.clone()].iter().map(block_key).collect();
        let missing: Vec<usize> = (0..window_keys.len())
            .filter(|&i| !entries.contains_key(&window_keys[i]))
            .collect();
        *misses = missing.len();
        let analysed = self.analyse_all(blocks, missing.iter().map(|&i| window.start + i));
        entries.extend(
            missing
                .iter()
                .zip(analysed)
                .map(|(&i, result)| (window_keys[i], Arc::new(result))),
        );
        let window_results: Vec<Arc<ParagraphResult>> = window_keys
            .iter()
            .map(|key| entries.get(key).map(Arc::clone).unwrap_or_default())
            .collect();
        keys.splice(replaced.clone(), window_keys);
        results.splice(replaced, window_results);
        // Entries no block uses any more are dropped now and then, so the
        // cache never grows far beyond the document.
        if entries.len() > 2 * keys.len() + PARALLEL_MISSES {
            *entries = keys.iter().copied().zip(results.iter().cloned()).collect();
        }
        let mut report = self.assemble(blocks, results);
        suppressions::apply(
            source,
            &extraction.extracted.comments,
            &mut report.findings,
            self.unknown_directive,
        );
        report
    }
}

fn block_key(block: &Block) -> u64 {
    let mut hasher = DefaultHasher::new();
    block.kind.hash(&mut hasher);
    block.quoted.hash(&mut hasher);
    block.text.hash(&mut hasher);
    hasher.finish()
}
