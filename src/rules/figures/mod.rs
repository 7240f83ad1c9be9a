//! `figures/…`: numbers need a source.
//!
//! The prose model finds the figures ([`crate::prose::figures`]); each rule
//! here reports the kinds it owns when no attribution is in reach.

mod unsourced_count;
mod unsourced_data;
mod unsourced_money;
mod unsourced_percentage;
mod unsourced_ranking;

use serde::Deserialize;

use super::{Rule, RuleMeta};
use crate::finding::{Finding, Fix};
use crate::prose::discourse::{Answer, Carry};
use crate::prose::{BlockKind, FigureKind, Paragraph};

/// The rules of the family, in catalogue order.
pub(crate) static RULES: &[&dyn Rule] = &[
    &unsourced_percentage::UnsourcedPercentage,
    &unsourced_money::UnsourcedMoney,
    &unsourced_count::UnsourcedCount,
    &unsourced_ranking::UnsourcedRanking,
    &unsourced_data::UnsourcedData,
];

/// What the figures rules say of a figure no story source covers.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Reach {
    out_of_reach: String,
}

crate::rules::rule_data!(REACH: Reach = "reach.toml");

/// What a figures rule file holds.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FigureRuleData {
    pub rule: RuleMeta,
    /// With `{text}` for the figure.
    pub message: String,
}

/// Declares a figures rule: a unit struct reporting the given kinds of figure.
macro_rules! figure_rule {
    ($(#[$doc:meta])* $name:ident = $file:literal, [$($kind:ident),+]) => {
        $(#[$doc])*
        pub struct $name;

        $crate::rules::rule_data!(DATA: $crate::rules::figures::FigureRuleData = $file);

        impl $crate::rules::Rule for $name {
            fn meta(&self) -> &'static $crate::rules::RuleMeta {
                &DATA.rule
            }
            fn check(&self, cx: &$crate::rules::Context, out: &mut Vec<$crate::finding::Finding>) {
                use $crate::prose::FigureKind::*;
                $crate::rules::figures::check_figures(&DATA, &[$($kind),+], cx.para, out)
            }
        }
    };
}
use figure_rule;

/// Reports the figures of `kinds` in `para` that have no source in reach.
pub(crate) fn check_figures(
    data: &'static FigureRuleData,
    kinds: &[FigureKind],
    para: &Paragraph,
    out: &mut Vec<Finding>,
) {
    // Headlines summarise a story whose body carries the attribution.
    // Tables and listings are data: `figures/unsourced-data` asks for their
    // source once, at their head.
    if para.kind == BlockKind::Heading || para.is_data_line() {
        return;
    }
    for figure in para.figures.iter().filter(|f| kinds.contains(&f.kind)) {
        // Attribution first: most figures in sourced copy have it, and the
        // market test splits the sentence into words several times over.
        if para.in_quotation(figure.span.clone())
            || para.figure_attributed(figure)
            || para.market_data(figure.span.start)
            || para.offering_terms(figure.span.start)
        {
            continue;
        }
        let text = &para.text[figure.span.clone()];
        let at = clause_end(para, figure.span.end);
        let sentence = para.sentence_of(figure.span.start);
        let mut finding = data.rule.finding(
            figure.span.clone(),
            crate::rules::fill(&data.message, "{text}", text),
        );
        // Wire copy runs one sentence to a paragraph: a first sentence that
        // carries on with the data may take its source from the paragraph before.
        let hedged = para.projects(sentence);
        let forecast = para.forecasts(sentence);
        let projects = hedged || forecast;
        finding.reach.carried_from_previous = (sentence == 0).then(|| {
            if projects {
                Carry::Forecast
            } else if para.sentence_continues(0) {
                Carry::Continues
            } else {
                Carry::LeadIn
            }
        });
        // "… its lowest level in 10 years." then "The latest figures show …".
        if sentence + 1 == para.sentences.len() {
            finding.reach.answered_by_next = Some(Answer::Continues);
        }
        // A source the story names covers the figures it reports, wherever
        // in the story: wire copy attributes once. A forecast ("is forecast
        // at") only when that source gives data; not a ranking or a figure
        // hedged in the writer's voice ("likely"), which need their own.
        finding.reach.story_source = figure.kind != FigureKind::Ranking && !hedged;
        if !finding.reach.story_source {
            finding.reach.out_of_reach = Some(REACH.out_of_reach.as_str());
        }
        finding.reach.forecast = forecast;
        out.push(finding.with_fix(Fix::replace(
            "Add “, according to [source]”",
            at..at,
            ", according to [source]",
            false,
        )));
    }
}

/// Where ", according to …" goes: before the comma, semicolon, dash or
/// sentence end that closes the clause holding the figure.
fn clause_end(para: &Paragraph, from: usize) -> usize {
    let sentence = &para.sentences[para.sentence_of(from)];
    let end = sentence.end.max(from);
    let rest = &para.text[from..end];
    let stop = rest.find([',', ';', '—', ':', '(']).map(|p| from + p);
    stop.unwrap_or_else(|| {
        let trimmed = para.text[from..end].trim_end_matches(['.', '!', '?', '"', '”', ')', ' ']);
        from + trimmed.len()
    })
}
