//! Running the rules over a document: severities from configuration,
//! paragraph-by-paragraph analysis with a content-keyed cache, the few
//! judgements that cross paragraphs, and isolation of a rule that panics.
//! A configuration adds the newsroom's own words ([`HouseWords`]) and rule
//! options ([`RuleOptions`]); inline directives ([`crate::suppressions`])
//! are applied last.

mod reextract;
mod rule_options;

pub use rule_options::{specs as rule_option_specs, OptionSpec, RuleOptions};

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use rayon::prelude::*;

use reextract::Extraction;

use crate::finding::{Answer, Carry, ChainEnd, Finding, Severity};
use crate::prose::markup::{Block, BlockKind};
use crate::prose::{Paragraph, QuoteLinks, Syntax};
use crate::rules::directive::unknown::DATA as UNKNOWN_DIRECTIVE;
use crate::rules::house::{self, HouseWords};
use crate::rules::{self, Rule, RuleMeta};

/// Whether a rule or family runs, and how loudly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Not run at all.
    Off,
    /// Run, with findings at this severity.
    On(Severity),
}

impl Level {
    /// Parses `off`, `hint`, `info`, `warning` or `error`.
    pub fn parse(name: &str) -> Option<Level> {
        if name == "off" {
            Some(Level::Off)
        } else {
            Severity::parse(name).map(Level::On)
        }
    }
}

/// Which rules run and at what severity. A rule's own entry wins over its
/// family's; with neither, the rule runs at its default severity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LintOptions {
    /// Keyed by rule id (`family/name`) or family name.
    pub levels: BTreeMap<String, Level>,
}

impl LintOptions {
    /// Only `rule` runs, at its default severity.
    pub fn only(rule: &str) -> LintOptions {
        let mut levels: BTreeMap<String, Level> = rules::families()
            .into_iter()
            .map(|f| (f.to_string(), Level::Off))
            .collect();
        if let Some(r) = rules::find(rule) {
            levels.insert(rule.to_string(), Level::On(r.meta().severity));
        }
        LintOptions { levels }
    }

    /// The effective severity of a rule, or `None` when it is off.
    pub fn severity_of(&self, rule: &RuleMeta) -> Option<Severity> {
        let level = self
            .levels
            .get(&rule.id)
            .or_else(|| self.levels.get(rule.family()))
            .copied()
            .unwrap_or(Level::On(rule.severity));
        match level {
            Level::Off => None,
            Level::On(severity) => Some(severity),
        }
    }
}

/// A rule that panicked on some paragraph; its other findings still stand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleFailure {
    /// The rule id, or `prose` when the analysis itself failed.
    pub rule: &'static str,
    /// The panic message.
    pub message: String,
}

/// What a lint produced.
#[derive(Clone, Debug, Default)]
pub struct LintReport {
    /// Findings in source order.
    pub findings: Vec<Finding>,
    /// Rules that failed on this document.
    pub failures: Vec<RuleFailure>,
}

/// What the linter keeps of one analysed paragraph.
#[derive(Debug, Default)]
struct ParagraphResult {
    /// Findings with offsets relative to the paragraph.
    findings: Vec<Finding>,
    failures: Vec<RuleFailure>,
    /// How the paragraph's quotations connect to its neighbours'.
    links: QuoteLinks,
}

/// A paragraph's result as [`Linter::assemble`] reads it: the lint's own,
/// or one it shares with a [`ParagraphCache`].
trait ResultSlot {
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

/// The rules of a configuration, ready to run.
pub struct Linter {
    rules: Vec<(&'static dyn Rule, Severity)>,
    /// Severities of `house/avoid-term` and `house/preferred-term`, when on.
    house_levels: [Option<Severity>; 2],
    /// The newsroom's words, when a configuration gives some.
    house: Option<Arc<HouseWords>>,
    /// Thresholds raised by configuration.
    rule_options: RuleOptions,
    /// Severity of `directive/unknown`, when on.
    unknown_directive: Option<Severity>,
    fingerprint: u64,
}

impl Linter {
    /// A linter running the rules `options` enables.
    pub fn new(options: LintOptions) -> Linter {
        let rules: Vec<(&'static dyn Rule, Severity)> = rules::all()
            .iter()
            .filter_map(|r| options.severity_of(r.meta()).map(|s| (*r, s)))
            .collect();
        let mut house_metas = house::metas();
        let house_levels =
            [(); 2].map(|()| house_metas.next().and_then(|m| options.severity_of(m)));
        let mut linter = Linter {
            rules,
            house_levels,
            house: None,
            rule_options: RuleOptions::default(),
            unknown_directive: options.severity_of(&UNKNOWN_DIRECTIVE.rule),
            fingerprint: 0,
        };
        linter.fingerprint = linter.fingerprint();
        linter
    }

    /// The same linter with the newsroom's own words: terms to avoid and
    /// preferred terms (the `house/…` rules), the accept list, and extra
    /// attribution verbs.
    pub fn with_house(mut self, words: Arc<HouseWords>) -> Linter {
        self.house = (!words.is_empty()).then_some(words);
        self.fingerprint = self.fingerprint();
        self
    }

    /// The same linter with rule options (raised thresholds).
    pub fn with_rule_options(mut self, options: RuleOptions) -> Linter {
        self.rule_options = options;
        self.fingerprint = self.fingerprint();
        self
    }

    /// Everything a cached paragraph result depends on.
    fn fingerprint(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        for (rule, severity) in &self.rules {
            rule.meta().id.hash(&mut hasher);
            severity.hash(&mut hasher);
        }
        self.house_levels.hash(&mut hasher);
        self.house
            .as_ref()
            .map(|h| h.fingerprint())
            .hash(&mut hasher);
        self.rule_options.hash(&mut hasher);
        hasher.finish()
    }

    /// Lints a whole document.
    pub fn lint(&self, source: &str, syntax: Syntax) -> LintReport {
        // Nothing is kept for a later lint, so the results are this call's
        // alone and `assemble` moves their findings into the report.
        let extracted = crate::prose::markup::extract(source, syntax);
        let mut results = self.analyse_all(&extracted.blocks, 0..extracted.blocks.len());
        let mut report = self.assemble(&extracted.blocks, &mut results);
        crate::suppressions::apply(
            source,
            &extracted.comments,
            &mut report.findings,
            self.unknown_directive,
        );
        report
    }

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
        crate::suppressions::apply(
            source,
            &extraction.extracted.comments,
            &mut report.findings,
            self.unknown_directive,
        );
        report
    }

    /// Analyses the blocks at `indexes`, in order. A keystroke misses one
    /// paragraph; opening a document misses them all, and then the
    /// paragraphs are analysed on every core.
    fn analyse_all(
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
    /// findings' size: none at all for most paragraphs, where a list per
    /// paragraph was allocated, then shrunk or freed.
    fn analyse(&self, block: &Block, found: &mut Vec<Finding>) -> ParagraphResult {
        let mut result = ParagraphResult {
            findings: Vec::new(),
            failures: Vec::new(),
            links: QuoteLinks::default(),
        };
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
        found.clear();
        for (rule, severity) in &self.rules {
            let before = found.len();
            match catch_unwind(AssertUnwindSafe(|| rule.check(&para, found))) {
                Ok(()) => {
                    for finding in &mut found[before..] {
                        finding.severity = *severity;
                    }
                }
                Err(panic) => {
                    found.truncate(before);
                    result.failures.push(RuleFailure {
                        rule: rule.meta().id.as_str(),
                        message: panic_message(&panic),
                    })
                }
            }
        }
        self.rule_options.filter(&para, found);
        if let Some(words) = &self.house {
            let [avoid, prefer] = self.house_levels;
            let mut house = Vec::new();
            match catch_unwind(AssertUnwindSafe(|| {
                words.check(&para, avoid.is_some(), prefer.is_some(), &mut house)
            })) {
                Ok(()) => found.extend(house.into_iter().map(|mut f| {
                    f.severity = if f.rule == "house/avoid-term" {
                        avoid
                    } else {
                        prefer
                    }
                    .unwrap_or(f.severity);
                    f
                })),
                Err(panic) => result.failures.push(RuleFailure {
                    rule: "house",
                    message: panic_message(&panic),
                }),
            }
            words.drop_accepted(&para, found);
        }
        // Sorted here, where the list is short (and cached with the result),
        // so that `assemble` need not sort the whole document's findings.
        found.sort_by(finding_order);
        let carries = found.iter().any(|f| f.carried_from_previous.is_some());
        result.links = para.quote_links(carries);
        // Moved, not taken: `found` keeps its room for the next paragraph.
        result.findings = Vec::with_capacity(found.len());
        result.findings.append(found);
        result
    }

    /// Places paragraph findings in the document and settles the judgements
    /// that cross paragraphs. A result held nowhere else gives up its
    /// findings; one the cache keeps is copied.
    fn assemble(&self, blocks: &[Block], results: &mut [impl ResultSlot]) -> LintReport {
        let attributed_chains = quote_chains(results);
        let mut report = LintReport::default();
        // At its final size at once: growing a list of a hundred thousand
        // findings moved each of them several times.
        report
            .findings
            .reserve(results.iter().map(|r| r.result().findings.len()).sum());
        // A source that carries into a one-sentence paragraph carries on
        // through it (wire copy: "The bureau says …" then a paragraph per region).
        let mut carried: Vec<Option<QuoteLinks>> = vec![None; blocks.len()];
        // The last block before the current one that is not a list item, and
        // that is not in a block quote: kept as the loop goes, so that a long
        // list or run of block quotes is not walked back over for each block.
        let mut outside_list: Option<usize> = None;
        let mut unquoted: Option<usize> = None;
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
            let links = results[i].result().links;
            let next = results.get(i + 1).map(|r| r.result().links);
            // A list takes its lead-in from the paragraph before the list.
            let previous = if block.kind == BlockKind::ListItem {
                outside_list
            } else {
                i.checked_sub(1)
            };
            let previous = previous.map(|p| match &carried[p] {
                Some(source) => results[p].result().links.sourced_through(source),
                None => results[p].result().links,
            });
            carried[i] = previous
                .filter(|p| links.one_sentence && p.covers_next(links.opens_continuation, &links));
            // A block quote after a lead-in that names its source ("The
            // ministry said in a statement:") is the source's words, as a
            // quotation is: what it says is theirs to say.
            let quoting = block.quoted
                && unquoted.is_some_and(|p| {
                    results[p].result().links.introduces || results[p].result().links.hands_on
                });
            if block.kind != BlockKind::ListItem {
                outside_list = Some(i);
            }
            if !block.quoted {
                unquoted = Some(i);
            }
            let stands = |finding: &Finding| {
                if quoting && QUOTED_FAMILIES.iter().any(|f| finding.rule.starts_with(f)) {
                    return false;
                }
                let covered = match finding.quote_chain {
                    Some(ChainEnd::Opening) => attributed_chains[i].0,
                    Some(ChainEnd::Closing) => attributed_chains[i].1,
                    Some(ChainEnd::Both) => attributed_chains[i].0 || attributed_chains[i].1,
                    None => false,
                } || match (finding.carried_from_previous, &previous) {
                    (Some(carry), Some(p)) => p.covers_next(carry == Carry::Continues, &links),
                    _ => false,
                } || match (finding.answered_by_next, &next) {
                    (Some(Answer::Named), Some(next)) => next.opens_named_source,
                    (Some(Answer::Continues), Some(next)) => next.opens_sourced_continuation,
                    _ => false,
                };
                !covered
            };
            let placed = |mut f: Finding| {
                f.shift(block.start);
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
        // Each paragraph's findings are sorted (stably) in `analyse`, and
        // blocks come in document order without overlapping, so the list is
        // already in order and a stable sort would leave it as it is. Should
        // blocks ever overlap, sorting the concatenation stably still gives
        // what sorting the unsorted findings gave: equal findings keep their
        // order within a paragraph and across paragraphs.
        if !report
            .findings
            .is_sorted_by(|a, b| finding_order(a, b) != std::cmp::Ordering::Greater)
        {
            report.findings.sort_by(finding_order);
        }
        report
    }
}

/// The order of a report's findings: by span, then rule.
fn finding_order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    a.span
        .start
        .cmp(&b.span.start)
        .then(a.span.end.cmp(&b.span.end))
        .then(a.rule.cmp(b.rule))
}

/// For each paragraph, whether its opening and its closing quotation belong to
/// a quotation that runs over several paragraphs and has a speaker somewhere
/// along its length. A run starts at a paragraph that ends inside a quotation,
/// ends with an attributed one (the same speaker goes on in the next
/// paragraph, as wire copy writes it) or introduces one ("she said:"); it takes
/// in each following paragraph that opens with a quotation mark, and goes on
/// past one only while that paragraph is all quotation.
fn quote_chains(results: &[impl ResultSlot]) -> Vec<(bool, bool)> {
    let mut out = vec![(false, false); results.len()];
    let mut i = 0;
    while i < results.len() {
        let start = &results[i].result().links;
        let opens_next = |j: usize| {
            results
                .get(j + 1)
                .is_some_and(|next| next.result().links.opening.is_some())
        };
        if !(start.closing.is_some() || start.hands_on) || !opens_next(i) {
            i += 1;
            continue;
        }
        let mut last = i + 1;
        while results[last].result().links.all_quote && opens_next(last) {
            last += 1;
        }
        let attributed = start.hands_on
            || start.closing == Some(true)
            || (i + 1..=last).any(|m| results[m].result().links.opening == Some(true));
        out[i].1 = attributed;
        for entry in &mut out[i + 1..last] {
            *entry = (attributed, attributed);
        }
        out[last].0 = attributed;
        i = last;
    }
    out
}
/// The rule families whose findings inside a quotation belong to the speaker.
const QUOTED_FAMILIES: [&str; 3] = ["attribution/", "editorializing/", "figures/"];

/// How many paragraphs must need analysis before it is spread over threads.
const PARALLEL_MISSES: usize = 64;

/// Asks the processor to bring the first bytes of `items` into its cache,
/// without waiting for them.
#[inline]
fn prefetch<T>(items: &[T]) {
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

fn block_key(block: &Block) -> u64 {
    let mut hasher = DefaultHasher::new();
    block.kind.hash(&mut hasher);
    block.quoted.hash(&mut hasher);
    block.text.hash(&mut hasher);
    hasher.finish()
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_follow_rule_then_family_then_default() {
        let mut options = LintOptions::default();
        options
            .levels
            .insert("editorializing".into(), Level::On(Severity::Error));
        options
            .levels
            .insert("editorializing/intensifier".into(), Level::Off);
        let report =
            Linter::new(options).lint("It was very shocking. Critics say so.", Syntax::PlainText);
        let got: Vec<(&str, Severity)> = report
            .findings
            .iter()
            .map(|f| (f.rule, f.severity))
            .collect();
        assert_eq!(
            got,
            [
                ("editorializing/loaded-word", Severity::Error),
                ("attribution/weasel-attribution", Severity::Warning)
            ]
        );
    }

    #[test]
    fn offsets_map_through_markdown_and_multibyte_text() {
        let src = "# Über\n\n> Café **owners**, *naïvely* — it’s shocking.\n";
        let report = Linter::new(LintOptions::default()).lint(src, Syntax::Markdown);
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == "editorializing/loaded-word")
            .expect("flagged");
        assert_eq!(&src[f.span.clone()], "shocking");
    }

    #[test]
    fn a_block_quote_after_a_lead_in_is_the_sources_words() {
        let rules = |text: &str| -> Vec<&'static str> {
            Linter::new(LintOptions::default())
                .lint(text, Syntax::Markdown)
                .findings
                .iter()
                .map(|f| f.rule)
                .collect()
        };
        let quote = "> The government regrets the tragic loss and will pay $3 million.\n";
        let introduced = format!("The ministry said in a statement on Friday:\n\n{quote}");
        assert_eq!(rules(&introduced), Vec::<&str>::new());
        // After a paragraph that introduces nobody, the words are the writer's.
        let bare = format!("The vote was on Friday.\n\n{quote}");
        let found = rules(&bare);
        assert!(found.contains(&"editorializing/loaded-word"), "{found:?}");
        assert!(found.contains(&"figures/unsourced-money"), "{found:?}");
    }

    #[test]
    fn cache_reanalyses_only_changed_paragraphs() {
        let linter = Linter::new(LintOptions::default());
        let mut cache = ParagraphCache::default();
        let a = "First is shocking.\n\nSecond.\n\nThird.\n";
        let full = linter.lint_cached(a, Syntax::Markdown, &mut cache);
        assert_eq!(cache.misses, 3);
        let b = "First is shocking.\n\nSecond, very.\n\nThird.\n";
        let incremental = linter.lint_cached(b, Syntax::Markdown, &mut cache);
        assert_eq!(cache.misses, 1);
        assert_eq!(
            incremental.findings,
            linter.lint(b, Syntax::Markdown).findings
        );
        assert_eq!(full.findings.len() + 1, incremental.findings.len());
    }
}
