//! `style/time`: "9 a.m.", "10:30 p.m.", "noon", "midnight".

use std::ops::Range;

use serde::Deserialize;

use super::{quoted, word};
use crate::finding::{Finding, Fix};
use crate::prose::Paragraph;
use crate::rules::{rule_data, Context, Rule, RuleMeta};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    rule: RuleMeta,
    message: String,
}

rule_data!(DATA: Data = "times.toml");

/// Flags times written against AP style.
pub struct Times;

impl Rule for Times {
    fn meta(&self) -> &'static RuleMeta {
        &DATA.rule
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let para = cx.para;
        // The first word not yet part of a finding.
        let mut free = 0;
        for class in para.word_classes() {
            // A time starts with its hour: read off the word classes.
            let i = class.index;
            if i < free || !class.leading_digit {
                continue;
            }
            let Some((span, fixed, next)) = time_at(para, i) else {
                continue;
            };
            free = next;
            if para.text[span.clone()] == fixed || quoted(para, &span) {
                continue;
            }
            let title = ["Write “", &fixed, "”"].concat();
            out.push(
                DATA.rule
                    .finding(
                        span.clone(),
                        crate::rules::fill(&DATA.message, "{fixed}", &fixed),
                    )
                    .with_fix(Fix::replace(title, span, fixed, true)),
            );
        }
    }
}

/// A time starting at word `i`, which starts with a digit: its span, AP's
/// form, and the word after it.
fn time_at(para: &Paragraph, i: usize) -> Option<(Range<usize>, String, usize)> {
    let w = word(para, i);
    let hour_len = digits_len(w);
    // Most figures have more than two digits ("2024", "3,000"): ruled out
    // before parsing.
    if hour_len > 2 {
        return None;
    }
    let hour: u32 = w[..hour_len]
        .parse()
        .ok()
        .filter(|h| (1..=12).contains(h))?;
    let start = para.words[i].start;
    if para.text.as_bytes()[..start]
        .last()
        .is_some_and(|b| matches!(b, b'$' | b':' | b'.' | b',' | b'#'))
    {
        return None;
    }
    let mut last = i;
    let mut minutes = None;
    // "10:30": the minutes are the next word, after a colon.
    let glued = &w[hour_len..];
    if glued.is_empty() && para.text[para.words[i].end..].starts_with(':') {
        let m = word(para, i + 1);
        let m_len = digits_len(m);
        if m_len != 2 || para.words.get(i + 1).map(|r| r.start) != Some(para.words[i].end + 1) {
            return None;
        }
        minutes = Some(m[..2].to_string());
        last = i + 1;
    }
    // What follows the figures: a glued "am"/"pm" ("9am", "9:30PM") or the
    // text after the last word.
    let tail_word = word(para, last);
    let glued_tail = &tail_word[digits_len(tail_word)..];
    let (meridiem, end) = if !glued_tail.is_empty() {
        let m = meridiem(glued_tail)?;
        let end = para.words[last].end;
        (m, end + usize::from(para.text[end..].starts_with('.')))
    } else {
        let after = para.words[last].end;
        match meridiem_after(&para.text[after..]) {
            Some((m, len)) => (m, after + len),
            None => return noon_or_midnight(para, i, hour, minutes.as_deref(), last),
        }
    };
    let next = para.word_index_at(end);
    let fixed = match (hour, minutes.as_deref(), meridiem) {
        (12, None | Some("00"), 'p') => "noon".to_string(),
        (12, None | Some("00"), 'a') => "midnight".to_string(),
        (h, None | Some("00"), m) => format!("{h} {m}.m."),
        (h, Some(mm), m) => format!("{h}:{mm} {m}.m."),
    };
    let mut span = start..end;
    // "9 AM." at the end of a sentence: the new "a.m." carries the period.
    if fixed.ends_with('.')
        && !para.text[..span.end].ends_with('.')
        && para.text[span.end..].starts_with('.')
    {
        span.end += 1;
    }
    // "noon." keeps the sentence's period.
    if !fixed.ends_with('.')
        && para.text[..span.end].ends_with(".m.")
        && sentence_ends_at(para, span.end)
    {
        span.end -= 1;
    }
    Some((span, fixed, next))
}

/// The length of the ASCII digits `w` starts with.
fn digits_len(w: &str) -> usize {
    w.bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(w.len())
}

/// "am", "PM", "a.m", "A.M." glued to a figure: its letters, periods and
/// spaces aside, are "am" or "pm" in either case.
fn meridiem(s: &str) -> Option<char> {
    let mut letters = s.bytes().filter(|b| !matches!(b, b'.' | b' '));
    let m = match letters.next()?.to_ascii_lowercase() {
        b'a' => 'a',
        b'p' => 'p',
        _ => return None,
    };
    let rest = (letters.next(), letters.next());
    matches!(rest, (Some(b'm' | b'M'), None)).then_some(m)
}

/// " a.m.", " AM", " p. m" after a figure: the meridiem and the length taken.
fn meridiem_after(text: &str) -> Option<(char, usize)> {
    let bytes = text.as_bytes();
    let mut k = 0;
    if bytes.first() == Some(&b' ') {
        k += 1;
    }
    let m = match bytes.get(k).map(u8::to_ascii_lowercase) {
        Some(b'a') => 'a',
        Some(b'p') => 'p',
        _ => return None,
    };
    k += 1;
    if bytes.get(k) == Some(&b'.') {
        k += 1;
    }
    if bytes.get(k) == Some(&b' ') && bytes.get(k - 1) == Some(&b'.') {
        k += 1;
    }
    if bytes.get(k).map(u8::to_ascii_lowercase) != Some(b'm') {
        return None;
    }
    k += 1;
    if bytes.get(k) == Some(&b'.') {
        k += 1;
    }
    if bytes.get(k).is_some_and(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    Some((m, k))
}

/// "12 noon" → "noon", "12 midnight" → "midnight".
fn noon_or_midnight(
    para: &Paragraph,
    i: usize,
    hour: u32,
    minutes: Option<&str>,
    last: usize,
) -> Option<(Range<usize>, String, usize)> {
    if hour != 12 || !matches!(minutes, None | Some("00")) {
        return None;
    }
    let next = word(para, last + 1);
    let name = ["noon", "midnight"]
        .into_iter()
        .find(|name| next.eq_ignore_ascii_case(name))?;
    if !super::adjacent(para, last) {
        return None;
    }
    Some((
        para.words[i].start..para.words[last + 1].end,
        name.to_string(),
        last + 2,
    ))
}

fn sentence_ends_at(para: &Paragraph, end: usize) -> bool {
    let rest = para.text[end..].trim_start();
    rest.is_empty() || rest.starts_with(|c: char| c.is_uppercase() || c == '"' || c == '”')
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{assert_clean, assert_flags, fixed};

    const ID: &str = "style/time";

    proptest::proptest! {
        #[test]
        fn meridiem_is_the_letters_without_periods_and_spaces(s in "[aApPmMx. é]{0,5}") {
            let letters = s.to_ascii_lowercase().replace(['.', ' '], "");
            let plain = match letters.as_str() {
                "am" => Some('a'),
                "pm" => Some('p'),
                _ => None,
            };
            proptest::prop_assert_eq!(super::meridiem(&s), plain);
        }
    }

    #[test]
    fn flags_times_in_other_forms() {
        assert_flags(
            ID,
            "At 7AM, 9 am, 10:30PM, 8:00 p.m., 6 A.M. and 12 p.m. and 12 noon, rain.",
            &[
                "7AM",
                "9 am",
                "10:30PM",
                "8:00 p.m.",
                "6 A.M.",
                "12 p.m.",
                "12 noon",
            ],
        );
        assert_eq!(fixed(ID, "Polls open at 7AM."), "Polls open at 7 a.m.");
        assert_eq!(
            fixed(ID, "Polls open at 7 AM. They close late."),
            "Polls open at 7 a.m. They close late."
        );
        assert_eq!(
            fixed(ID, "Polls close at 8:00 p.m. on Tuesday."),
            "Polls close at 8 p.m. on Tuesday."
        );
        assert_eq!(
            fixed(ID, "The count starts at 12 p.m. Nobody came."),
            "The count starts at noon. Nobody came."
        );
        assert_eq!(
            fixed(ID, "It ends at 12:00 a.m. on Friday."),
            "It ends at midnight on Friday."
        );
        assert_eq!(fixed(ID, "It ends at 10:30pm."), "It ends at 10:30 p.m.");
    }

    #[test]
    fn ap_times_and_other_numbers_are_fine() {
        assert_clean(ID, "Polls open at 7 a.m. and close at 10:30 p.m.; the count starts at noon. Route 9 a month ago.");
        assert_clean(
            ID,
            "At 9 a.m. Tuesday, 3 amendments passed. \"Meet me at 9am,\" she said.",
        );
    }
}
