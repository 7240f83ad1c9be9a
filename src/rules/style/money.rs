//! `style/money`: "$6 billion", "5 cents", "$5".

use std::ops::Range;

use serde::Deserialize;

use super::{adjacent, is_digits, quoted, word, WordClass};
use crate::finding::{Finding, Fix};
use crate::prose::numbers::{cent_words, dollar_words, scale_value};
use crate::prose::Paragraph;
use crate::rules::{rule_data, Context, Rule, RuleMeta};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    rule: RuleMeta,
    message: String,
    cents_message: String,
}

rule_data!(DATA: Data = "money.toml");

/// Flags money written against AP style.
pub struct Money;

impl Rule for Money {
    fn meta(&self) -> &'static RuleMeta {
        &DATA.rule
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let para = cx.para;
        // The first word not yet part of a finding.
        let mut free = 0;
        for class in para.word_classes() {
            // Each finding below starts at a figure, a number word or "a".
            let i = class.index;
            if i < free
                || !(class.figure || class.number.is_some() || class.article)
                || !may_be_money(para, i)
            {
                continue;
            }
            let found = dollars_in_words(para, class)
                .or_else(|| dollar_sign_amount(para, class))
                .or_else(|| spelled_cents(para, class));
            let Some((span, fixed, cents, next)) = found else {
                continue;
            };
            free = next;
            if quoted(para, &span) {
                continue;
            }
            let template = if cents {
                &DATA.cents_message
            } else {
                &DATA.message
            };
            let message = crate::rules::fill(template, "{fixed}", &fixed);
            let title = ["Write “", &fixed, "”"].concat();
            out.push(
                DATA.rule
                    .finding(span.clone(), message)
                    .with_fix(Fix::replace(title, span, fixed, true)),
            );
        }
    }
}

/// Whether the amount at word `i` may be money at all: a dollar sign before
/// it, or a scale, dollar or cent word after it, as each of the forms below
/// needs. Most figures are neither, and are passed over at once: the word
/// table says what the next word is.
fn may_be_money(para: &Paragraph, i: usize) -> bool {
    para.text.as_bytes()[..para.words[i].start].ends_with(b"$")
        || para.class_bits(i + 1) & (super::bits::SCALE | super::bits::MONEY) != 0
}

/// The value of a word as a number: digits (the figure as written), a
/// number word, or "a"/"one" before a scale. Nothing is allocated here: this
/// runs for every figure and number word.
fn amount<'p>(para: &'p Paragraph, class: &WordClass) -> Option<(Option<&'p str>, Option<u64>)> {
    let i = class.index;
    if class.figure {
        return Some((Some(word(para, i)), None));
    }
    if class.article {
        // "a million dollars" is an amount; "a billion dollar fiasco" is casual.
        let plural = word(para, i + 2).eq_ignore_ascii_case("dollars");
        return scale_value(word(para, i + 1))
            .filter(|_| plural)
            .map(|_| (None, Some(1)));
    }
    class.number.map(|v| (None, Some(u64::from(v))))
}

/// "six billion dollars", "5 dollars", "$6 billion dollars" → "$6 billion", "$5".
fn dollars_in_words(
    para: &Paragraph,
    class: &WordClass,
) -> Option<(Range<usize>, String, bool, usize)> {
    // The cheap tests first: most words are no amount, and most amounts are
    // not followed by "dollars".
    let i = class.index;
    let (digits, spelled) = amount(para, class)?;
    let mut j = i + 1;
    let mut scale = None;
    if let Some(s) = scale_value(word(para, j)).filter(|_| adjacent(para, i)) {
        scale = Some((word(para, j).to_ascii_lowercase(), s));
        j += 1;
    }
    if !dollar_words().any(|d| word(para, j).eq_ignore_ascii_case(d))
        || !adjacent(para, j - 1)
        || para.starts_sentence(i)
    {
        return None;
    }
    let figure = match digits {
        Some(digits) => digits.to_string(),
        None => spelled.unwrap_or_default().to_string(),
    };
    let start = para.words[i].start;
    let sign = para.text[..start].ends_with('$');
    let figure = match (&scale, spelled) {
        // "six thousand dollars" → "$6,000".
        (Some((name, s)), Some(v)) if name == "thousand" => with_commas(v * s),
        (Some((name, _)), _) => format!("{figure} {name}"),
        (None, _) => figure,
    };
    let span = if sign { start - 1 } else { start }..para.words[j].end;
    Some((span, ["$", figure.as_str()].concat(), false, j + 1))
}

/// "$0.50" → "50 cents"; "$5.00" → "$5".
fn dollar_sign_amount(
    para: &Paragraph,
    class: &WordClass,
) -> Option<(Range<usize>, String, bool, usize)> {
    // "12.34" is a figure, and most words are not.
    if !class.figure {
        return None;
    }
    let i = class.index;
    let w = word(para, i);
    let start = para.words[i].start;
    if !para.text[..start].ends_with('$') || para.text[..start].ends_with("$$") {
        return None;
    }
    let (whole, cents) = w.split_once('.')?;
    if !is_digits(whole)
        || cents.len() != 2
        || !is_digits(cents)
        || scale_value(word(para, i + 1)).is_some()
    {
        return None;
    }
    let span = start - 1..para.words[i].end;
    if whole.trim_start_matches('0').is_empty() {
        let n: u64 = cents.parse().ok()?;
        (n > 0).then(|| (span, format!("{n} cents"), true, i + 1))
    } else if cents == "00" {
        Some((span, ["$", whole].concat(), false, i + 1))
    } else {
        None
    }
}

/// "fifty cents" → "50 cents".
fn spelled_cents(
    para: &Paragraph,
    class: &WordClass,
) -> Option<(Range<usize>, String, bool, usize)> {
    let i = class.index;
    let v = class.number.map(u64::from).filter(|v| *v < 100)?;
    let next = word(para, i + 1);
    if !cent_words().any(|c| next.eq_ignore_ascii_case(c))
        || !adjacent(para, i)
        || para.starts_sentence(i)
    {
        return None;
    }
    Some((
        para.words[i].start..para.words[i + 1].end,
        format!("{v} {}", if v == 1 { "cent" } else { "cents" }),
        true,
        i + 2,
    ))
}

fn with_commas(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{assert_clean, assert_flags, fixed};

    const ID: &str = "style/money";

    #[test]
    fn flags_money_in_words_cents_and_zero_cents() {
        assert_flags(
            ID,
            "It cost six billion dollars, then $6 billion dollars, $0.50, fifty cents and $5.00.",
            &[
                "six billion dollars",
                "$6 billion dollars",
                "$0.50",
                "fifty cents",
                "$5.00",
            ],
        );
        assert_eq!(
            fixed(ID, "The plan costs six billion dollars."),
            "The plan costs $6 billion."
        );
        assert_eq!(fixed(ID, "It costs 5 dollars."), "It costs $5.");
        assert_eq!(
            fixed(ID, "It costs six thousand dollars."),
            "It costs $6,000."
        );
        assert_eq!(fixed(ID, "He won a million dollars."), "He won $1 million.");
        assert_eq!(fixed(ID, "A stamp costs $0.05."), "A stamp costs 5 cents.");
        assert_eq!(fixed(ID, "A stamp costs $5.00."), "A stamp costs $5.");
    }

    #[test]
    fn ap_money_and_casual_uses_are_fine() {
        assert_clean(
            ID,
            "The plan costs $6 billion; a stamp costs 50 cents and 5 cents; $4.50 for lunch.",
        );
        assert_clean(
            ID,
            "Millions of dollars and hundreds of dollars were spent; the dollar fell.",
        );
        assert_clean(
            ID,
            "It was declared a billion dollar fiasco. It costs 1 cent.",
        );
        assert_clean(
            ID,
            "\"It cost six billion dollars,\" she said. Ten dollars was the fee.",
        );
    }
}
