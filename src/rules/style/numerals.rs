//! `style/numerals`: one through nine spelled out, figures for 10 and up,
//! figures for ages and dimensions.

use std::borrow::Cow;

use serde::Deserialize;

use super::{adjacent, phrase_at, quoted, same_sentence, word};
use crate::finding::{Finding, Fix};
use crate::prose::numbers::{age_word, spelled};
use crate::prose::word_list::{Shapes, WordList};
use crate::prose::{BlockKind, Paragraph};
use crate::rules::{rule_data, Context, Rule, RuleMeta};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    rule: RuleMeta,
    spell_out: String,
    use_figures: String,
    use_figures_for: String,
    use_figures_scale: String,
    labels: WordList,
    units: WordList,
    figure_words: WordList,
    not_before: WordList,
    age_phrases: Vec<String>,
    idioms: Vec<String>,
}

rule_data!(DATA: Data = "numerals.toml");

/// Flags numbers written against AP's numeral style.
pub struct Numerals;

impl Rule for Numerals {
    fn meta(&self) -> &'static RuleMeta {
        &DATA.rule
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let para = cx.para;
        // Headlines use figures throughout; tables are data.
        if matches!(para.kind, BlockKind::Heading | BlockKind::TableCell) {
            return;
        }
        for class in para.word_classes() {
            // Figures and number words only: the others are ruled out by
            // their class, without looking at the text again.
            let i = class.index;
            let finding = if class.digits {
                small_figure(para, i, word(para, i))
            } else if class.number.is_some() || class.age {
                spelled_number(para, i, word(para, i), class)
            } else {
                None
            };
            let span = para.words[i].clone();
            if let Some((message, replacement, target)) = finding {
                let target = target.unwrap_or_else(|| span.clone());
                if quoted(para, &target) {
                    continue;
                }
                let title = ["Write “", &replacement, "”"].concat();
                out.push(
                    DATA.rule
                        .finding(target.clone(), message)
                        .with_fix(Fix::replace(title, target, replacement, false)),
                );
            }
        }
    }
}

/// Word `i` lowercase.
fn lower<'p>(para: &'p Paragraph, i: usize) -> Cow<'p, str> {
    crate::rules::lowercase(word(para, i))
}

/// Whether `parts` joined by single spaces start with `prefix`, without
/// joining them.
fn joined_starts_with(parts: &[&str], prefix: &str) -> bool {
    let mut rest = prefix.as_bytes();
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            match rest.split_first() {
                None => return true,
                Some((b' ', after)) => rest = after,
                Some(_) => return false,
            }
        }
        let n = part.len().min(rest.len());
        if part.as_bytes()[..n] != rest[..n] {
            return false;
        }
        rest = &rest[n..];
    }
    rest.is_empty()
}

/// The shapes of the age phrases' first words ("years"): the word after a
/// number rules most phrases out at once.
static AGE_STARTS: std::sync::LazyLock<Shapes> = std::sync::LazyLock::new(|| {
    Shapes::new(
        DATA.age_phrases
            .iter()
            .map(|p| p.split(' ').next().unwrap_or("")),
    )
});

/// Whether an age phrase ("years old") starts at word `i`.
fn age_at(para: &Paragraph, i: usize) -> bool {
    AGE_STARTS.may_be(word(para, i).as_bytes())
        && DATA.age_phrases.iter().any(|p| phrase_at(para, i, p))
}

/// Whether a unit, age or other exception follows word `i`.
fn exception_follows(para: &Paragraph, i: usize) -> bool {
    let next = lower(para, i + 1);
    let glued = &para.text[para.words[i].end..];
    // Times: "a.m." is two words to the tokenizer, so look at the text.
    let time = glued
        .trim_start_matches(' ')
        .get(..3)
        .is_some_and(|t| ["a.m", "p.m"].iter().any(|m| t.eq_ignore_ascii_case(m)));
    glued.starts_with('%')
        || time
        || (adjacent(para, i) && (DATA.units.contains(&next) || DATA.figure_words.contains(&next)))
        || age_at(para, i + 1)
}

/// "3 people" → "three people", unless an AP exception applies.
fn small_figure(
    para: &Paragraph,
    i: usize,
    w: &str,
) -> Option<(String, String, Option<std::ops::Range<usize>>)> {
    let value: u64 = w.parse().ok()?;
    let word_text = spelled(value)?;
    let span = &para.words[i];
    let before = para.text[..span.start].chars().next_back().unwrap_or(' ');
    let after = para.text[span.end..].chars().next().unwrap_or(' ');
    // Money, hashtags, fractions, times, decimals, list numbers: not a count.
    if matches!(
        before,
        '$' | '£' | '€' | '¥' | '#' | '/' | '.' | ':' | '-' | '–' | '+' | '(' | '\'' | '’'
    ) {
        return None;
    }
    if matches!(after, '/' | ':' | '%' | ')' | '-' | '–' | '.' | '×')
        // A figure that ends a line ("… for example: 1.") is usually a list number.
        && !(after == '.' && para.text[span.end + 1..].starts_with(' '))
    {
        return None;
    }
    // A numbered line ("3. Next step") in plain text: only whitespace
    // between the start of the line and the figure. (Looking back over the
    // whitespace only, not for the line start: a long line of figures
    // would make that quadratic.)
    let indent = para.text[..span.start]
        .trim_end_matches(|c: char| c.is_whitespace() && c != '\n' && c != '\r');
    if (indent.is_empty() || indent.ends_with(['\n', '\r'])) && matches!(after, '.' | ')') {
        return None;
    }
    if exception_follows(para, i) {
        return None;
    }
    let prev = if i > 0 && same_sentence(para, i - 1, i) {
        lower(para, i - 1)
    } else {
        Cow::Borrowed("")
    };
    if DATA.labels.contains(&prev) || crate::prose::months::is_month(&prev) {
        return None;
    }
    // A name ("Apollo 9") or a proper noun after ("3 Doors Down", "5 Main St.").
    let capitalized = |k: usize| word(para, k).starts_with(|c: char| c.is_uppercase());
    if (i > 0
        && capitalized(i - 1)
        && same_sentence(para, i - 1, i)
        && !para.starts_sentence(i - 1))
        || (capitalized(i + 1) && same_sentence(para, i, i + 1))
    {
        return None;
    }
    // Ages in apposition ("Smith, 5, said") and figures near other figures
    // (scores, votes, ratios, ranges).
    if para.text[..span.start].ends_with(", ") && matches!(after, ',' | ';') {
        return None;
    }
    let digits_near = (i.saturating_sub(2)..=i + 2)
        .filter(|&k| k != i && same_sentence(para, k, i))
        .any(|k| word(para, k).starts_with(|c: char| c.is_ascii_digit()));
    if digits_near {
        return None;
    }
    let replacement = if para.starts_sentence(i) {
        super::super::phrases::match_case("X", word_text)
    } else {
        word_text.to_string()
    };
    Some((
        crate::rules::fill(&DATA.spell_out, "{word}", &replacement),
        replacement,
        None,
    ))
}

/// "twelve people" → "12 people"; "five-year-old" → "5-year-old"; "six feet" → "6 feet".
/// `class` is the class of word `i`, `w`, a number word or an age.
fn spelled_number(
    para: &Paragraph,
    i: usize,
    w: &str,
    class: &super::WordClass,
) -> Option<(String, String, Option<std::ops::Range<usize>>)> {
    let span = para.words[i].clone();
    // An age written as one hyphenated word: "five-year-old".
    if class.age && !para.starts_sentence(i) {
        if let Some((value, rest)) = age_word(w) {
            let target = span.start..span.start + (w.len() - rest.len() - 1);
            let figure = value.to_string();
            return Some((
                crate::rules::fill(
                    &DATA.use_figures_for,
                    "{figure}",
                    &format!("{figure}-{rest}"),
                ),
                figure,
                Some(target),
            ));
        }
    }
    let value = u64::from(class.number?);
    // Sentence openers are spelled out; capitalized words mid-sentence are names.
    if para.starts_sentence(i) || w.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let rest = [lower(para, i), lower(para, i + 1), lower(para, i + 2)];
    let rest = [&*rest[0], &*rest[1], &*rest[2]];
    if DATA
        .idioms
        .iter()
        .any(|idiom| joined_starts_with(&rest, idiom))
    {
        return None;
    }
    let next = lower(para, i + 1);
    if DATA.not_before.contains(&next) {
        return None;
    }
    // Percentages and money have rules of their own.
    if [
        "percent", "per", "pct", "dollars", "dollar", "cents", "cent",
    ]
    .contains(&&*next)
        || (crate::prose::numbers::scale_value(&next).is_some()
            && ["dollars", "dollar"].contains(&&*lower(para, i + 2)))
    {
        return None;
    }
    let figure = value.to_string();
    if value >= 10 {
        return Some((
            crate::rules::fill(&DATA.use_figures, "{figure}", &figure),
            figure,
            None,
        ));
    }
    // Built only for the few that are flagged.
    let with_next = |figure: &str| [figure, " ", word(para, i + 1)].concat();
    if adjacent(para, i)
        && crate::prose::numbers::scale_value(&next).is_some_and(|s| s >= 1_000_000)
    {
        let message = crate::rules::fill(&DATA.use_figures_scale, "{figure}", &with_next(&figure));
        return Some((message, figure, None));
    }
    let measure = adjacent(para, i) && DATA.units.contains(&next);
    let age = age_at(para, i + 1);
    (measure || age).then(|| {
        let message = crate::rules::fill(&DATA.use_figures_for, "{figure}", &with_next(&figure));
        (message, figure, None)
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{assert_clean, assert_flags, fixed};

    const ID: &str = "style/numerals";

    #[test]
    fn flags_small_figures_large_words_and_spelled_ages() {
        assert_flags(
            ID,
            "The council has 7 members and twelve committees.",
            &["7", "twelve"],
        );
        assert_flags(
            ID,
            "A five-year-old ran six feet. The child is four years old.",
            &["five", "six", "four"],
        );
        assert_eq!(fixed(ID, "It took 3 days."), "It took three days.");
        assert_eq!(fixed(ID, "3 people were hurt."), "Three people were hurt.");
        assert_eq!(
            fixed(ID, "There were twenty-five arrests."),
            "There were 25 arrests."
        );
        assert_eq!(
            fixed(ID, "The five-year-old boy ran."),
            "The 5-year-old boy ran."
        );
        assert_eq!(
            fixed(ID, "It fell below three million."),
            "It fell below 3 million."
        );
    }

    proptest::proptest! {
        #[test]
        fn joined_starts_with_is_join_and_starts_with(
            parts in proptest::collection::vec("[ab ]{0,3}", 3),
            prefix in "[ab ]{0,7}",
        ) {
            let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(
                super::joined_starts_with(&parts, &prefix),
                parts.join(" ").starts_with(&prefix)
            );
        }
    }

    #[test]
    fn aps_exceptions_are_fine() {
        for text in [
            "She is 7 years old, and her 5-year-old brother is 4 feet tall.",
            "Smith, 5, said the tax rose 3% to $4 at 9 a.m. on Jan. 5 and at 3:30.",
            "It was No. 3 on Route 9 in Section 5, on page 2, aged 6.",
            "The Apollo 9 crew saw 3 Doors Down at 5 Main St.",
            "The vote was 5 to 4, and the score 7 to 3, in 2 of 10 cases.",
            "Twelve people came. Three children and 12 adults stayed.",
            "\"We saw 3 of them,\" she said.",
            "It weighed 3 pounds and rose 2 percent, 1.5 million.",
            "The fire broke out at 2 a.m. and ended before 7 P.M.; the margin of error is 3 points.",
            "It was limited to 2 per cent. He made four points. For example: 1.\nThe next one.",
            "The twenty-five thousandth visitor and twenty-five thousand more.",
            "The Ten Commandments and forty winks.",
        ] {
            assert_clean(ID, text);
        }
        assert_clean(ID, "# 3 hurt in crash\n\n| 3 | 4 |\n|---|---|\n| 5 | 6 |\n");
    }

    #[test]
    fn basis_points_recipes_and_sports_statistics_take_figures() {
        assert_clean(ID, "The bank raised its rate by 5 basis points.");
        assert_clean(ID, "Add 2 cups of flour and 3 tablespoons of sugar.");
        assert_clean(ID, "She scored 3 goals and had 4 assists.");
        assert_flags(ID, "She has 3 children.", &["3"]);
    }
}
