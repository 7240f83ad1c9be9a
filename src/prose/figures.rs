//! Figures that carry authority and need a source: percentages, money, large
//! counts, measurements, rates and rankings. Years, dates, times, ages,
//! ordinals, small everyday counts, labels ("Section 230"), addresses and
//! scores are recognised and left out.

use std::ops::Range;

use super::lexicon::{lexicon, Lexicon, Lower};

/// What sort of statistic a figure is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FigureKind {
    /// "7.2 percent", "60%", "five percentage points".
    Percentage,
    /// "$4.5 million", "six billion dollars", "€3,000".
    Money,
    /// "3,000 people", "2.3 million ballots".
    Count,
    /// "30 inches of snow", "400 tonnes".
    Measurement,
    /// "one in five", "3 per 1,000", "two-thirds".
    Rate,
    /// "the largest since 1989", "a record high".
    Ranking,
}

/// A figure in a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    /// From the currency sign or first digit to the last word of the figure.
    pub span: Range<usize>,
    /// What sort of figure it is.
    pub kind: FigureKind,
}

struct Scan<'t> {
    text: &'t str,
    /// `text` in ASCII lowercase, byte for byte (so word ranges index it too):
    /// a word is looked up a dozen times, and slicing this beats lowercasing
    /// (and re-validating as UTF-8) a copy each time.
    lower: &'t str,
    words: &'t [Range<usize>],
    lex: &'static Lexicon,
}

impl<'t> Scan<'t> {
    /// Word `i` in ASCII lowercase; empty past the end, and, as
    /// [`Lower::new`], when longer than any listed word.
    fn lower(&self, i: usize) -> &'t str {
        match self.words.get(i) {
            Some(r) if r.len() <= Lower::MAX => &self.lower[r.clone()],
            _ => "",
        }
    }

    /// Whether the text between word `p` and word `p + 1` holds any of the
    /// ASCII `marks`; as bytes, since an ASCII byte in UTF-8 is always that
    /// character, and a char-set `contains` costs more than the short gap.
    fn gap_has(&self, p: usize, marks: &[u8]) -> bool {
        self.text.as_bytes()[self.words[p].end..self.words[p + 1].start]
            .iter()
            .any(|b| marks.contains(b))
    }

    /// Whether only spaces separate word `i` and word `i + 1`.
    fn adjacent(&self, i: usize) -> bool {
        match (self.words.get(i), self.words.get(i + 1)) {
            (Some(a), Some(b)) => self.text[a.end..b.start]
                .chars()
                .all(|c| c == ' ' || c == '\u{a0}'),
            _ => false,
        }
    }

    fn is_number_word(&self, i: usize) -> bool {
        let w = self.lower(i);
        w.starts_with(|c: char| c.is_ascii_digit()) || (self.lex.spelled.contains(w) && w != "a")
    }

    /// Matches a phrase of lowercase words starting at word `i`; returns the index after it.
    fn phrase_at(&self, i: usize, phrase: &str) -> Option<usize> {
        let mut j = i;
        for part in phrase.split(' ') {
            if self.lower(j) != part || (j > i && !self.adjacent(j - 1)) {
                return None;
            }
            j += 1;
        }
        Some(j)
    }

    fn any_phrase_at(&self, i: usize, phrases: &[String]) -> Option<usize> {
        phrases.iter().find_map(|p| self.phrase_at(i, p))
    }

    fn currency_before(&self, at: usize) -> Option<usize> {
        let before = &self.text[..at];
        self.lex
            .currency_symbols
            .iter()
            .filter(|s| before.ends_with(s.as_str()))
            .map(|s| at - s.len())
            .min()
    }
}

/// Finds the figures of a paragraph.
pub fn figures(text: &str, words: &[Range<usize>]) -> Vec<Figure> {
    figures_in(text, &text.to_ascii_lowercase(), words)
}

/// [`figures`], given `text` in ASCII lowercase (the paragraph keeps one).
pub(crate) fn figures_in(text: &str, lower: &str, words: &[Range<usize>]) -> Vec<Figure> {
    let scan = Scan {
        text,
        lower,
        words,
        lex: lexicon(),
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // Most words are not figures: rule them out without allocating.
        let word = &text[words[i].clone()];
        if !word.starts_with(|c: char| c.is_ascii_digit()) {
            let lower = &scan.lower[words[i].clone()];
            let lex = scan.lex;
            // "a" counts only before a scale ("a million dollars").
            let article = lower == "a"
                && !words
                    .get(i + 1)
                    .is_some_and(|_| lex.scales.contains(scan.lower(i + 1)));
            if article
                || !(lex.spelled.contains(lower)
                    || lex.superlatives.contains(lower)
                    || lower == "record"
                    || lower == "all-time"
                    || is_fraction(lower))
            {
                i += 1;
                continue;
            }
        }
        if let Some((figure, next)) = number_at(&scan, i).or_else(|| ranking_at(&scan, i)) {
            out.push(figure);
            i = next;
        } else {
            i += 1;
        }
    }
    out
}

fn number_at(s: &Scan, i: usize) -> Option<(Figure, usize)> {
    let lex = s.lex;
    let word = &s.text[s.words[i].clone()];
    let lower = &s.lower[s.words[i].clone()];
    let digits = word.starts_with(|c: char| c.is_ascii_digit());
    if !digits {
        return spelled_at(s, i, lower);
    }
    let numeric_len = word
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(word.len());
    let (number, suffix) = lower.split_at(numeric_len);
    // Most numbers have no comma: parse them without a copy.
    let value: f64 = if number.contains(',') {
        number.replace(',', "").parse().ok()?
    } else {
        number.parse().ok()?
    };
    // "$90m" is money; "23m" alone is a grade or a length, not a statistic.
    let mut scaled = matches!(suffix, "m" | "bn" | "mn" | "b" | "k");
    if !suffix.is_empty() && (!scaled || s.currency_before(s.words[i].start).is_none()) {
        // Ordinals, decades, compounds ("84-year-old", "3-2", "12,000-seat").
        return None;
    }
    // "Attendance was 41,212", "blends 10 percent ethanol": a gate count and a recipe.
    if i >= 1 && matches!(s.lower(i - 1), "blends" | "blend" | "contains") {
        return None;
    }
    if i >= 2 && s.lower(i - 2) == "attendance" {
        return None;
    }
    if !not_a_statistic(s, i, value, number) {
        return None;
    }
    // "About 800 people attended": a crowd estimate is a statistic at any size.
    let crowd = i >= 1
        && lex.estimators.contains(s.lower(i - 1))
        && lex.crowd_nouns.contains(s.lower(i + 1))
        && s.adjacent(i);
    let prev = i.checked_sub(1).map_or("", |p| s.lower(p));
    if lex.labels.contains(prev) || lex.months.contains(prev) {
        return None;
    }
    let start = s.words[i].start;
    let currency = s.currency_before(start);
    let mut end = s.words[i].end;
    let after = &s.text[end..];
    if after.starts_with('%') {
        return Some((
            Figure {
                span: currency.unwrap_or(start)..end + 1,
                kind: FigureKind::Percentage,
            },
            i + 1,
        ));
    }
    if after.starts_with(':') || after.starts_with("a.m") || after.starts_with("p.m") {
        return None;
    }
    let mut j = i + 1;
    let next = s.lower(j);
    if lex.months.contains(next)
        || next == "am"
        || next == "pm"
        || next == "o'clock"
        || (next == "a" && s.text[s.words.get(j)?.end..].starts_with(".m"))
        || (next == "p" && s.text[s.words.get(j)?.end..].starts_with(".m"))
    {
        return None;
    }
    if let Some(k) = s.any_phrase_at(j, &lex.percent_words) {
        return Some((
            Figure {
                span: currency.unwrap_or(start)..s.words[k - 1].end,
                kind: FigureKind::Percentage,
            },
            k,
        ));
    }
    if lex.scales.contains(next) && s.adjacent(i) {
        scaled = true;
        end = s.words[j].end;
        j += 1;
    }
    let word_j = s.lower(j);
    let kind = if currency.is_some() || lex.currency_words.contains(s.lower(j)) {
        if lex.currency_words.contains(s.lower(j)) {
            end = s.words[j].end;
            j += 1;
        }
        // Prices, rewards and salaries are facts of the story; sums in the
        // millions are the statistics that need a source.
        // "sold for more than $1 million each": a price, a fact of the sale.
        let unit_price = matches!(s.lower(j), "each" | "apiece");
        (scaled || value >= 1_000_000.0)
            .then_some(FigureKind::Money)
            .filter(|_| !decision_follows(s, j) && !unit_price)
    } else if lex.units.contains(s.lower(j)) && s.adjacent(j - 1) {
        end = s.words[j].end;
        j += 1;
        // "900,000 square miles", "40 cubic metres": the unit takes the next word.
        if matches!(s.lower(j - 1), "square" | "cubic")
            && s.adjacent(j - 1)
            && s.words.get(j).is_some()
        {
            end = s.words[j].end;
            j += 1;
        }
        // "30 inches of snow", "400,000 tonnes": amounts, not descriptions ("6 feet tall").
        // "450 kilometres from Perth", "6 feet tall" describe; they are not counts.
        // "the 1,500 meters" is a race, not a measurement.
        let event = i > 0 && s.lower(i - 1) == "the" && s.lower(j) != "of";
        let describes = event || lex.distance_words.contains(s.lower(j));
        (!describes && (scaled || value >= 1000.0 || s.lower(j) == "of"))
            .then_some(FigureKind::Measurement)
    } else if (s.lower(j) == "per"
        && (lex.rate_denominators.contains(s.lower(j + 1)) || s.is_number_word(j + 1)))
        || (s.lower(j) == "in"
            && s.adjacent(j - 1)
            && s.adjacent(j)
            && is_denominator(s, j + 1, value))
    {
        end = s.words[j + 1].end;
        j += 2;
        Some(FigureKind::Rate)
    } else if scaled {
        Some(FigureKind::Count)
    } else if lex.age_or_duration.iter().any(|d| d == word_j)
        || lex.street_words.contains(s.lower(j))
    {
        None
    } else if !number.contains(',')
        && s.adjacent(i)
        && s.words
            .get(j)
            .is_some_and(|w| s.text[w.clone()].starts_with(char::is_uppercase))
    {
        // "7034 Coronado", "2433 McClellan": a street number.
        None
    } else {
        let year_like = !number.contains([',', '.']) && (1000.0..=2100.0).contains(&value);
        if crowd && (50.0..1000.0).contains(&value) && !year_like {
            return Some((
                Figure {
                    span: start..s.words[i + 1].end,
                    kind: FigureKind::Count,
                },
                i + 2,
            ));
        }
        (value >= 1000.0 && !year_like).then_some(FigureKind::Count)
    }?;
    Some((
        Figure {
            span: currency.unwrap_or(start)..end,
            kind,
        },
        j,
    ))
}

/// Whether a noun for a decision's own terms follows a sum at word `j`
/// within the same phrase ("a $12.5 million drought assistance package",
/// "$2 billion in extra funding"): the size of a package, grant or levy is
/// what was decided, not something anyone counted or estimated.
fn decision_follows(s: &Scan, j: usize) -> bool {
    // Past the rest of a list of sums ("$10 million, $13 million and $3
    // million in competition payments").
    let mut j = j;
    while j < s.words.len()
        && (s.is_number_word(j)
            || s.lex.scales.contains(s.lower(j))
            || matches!(s.lower(j), "and" | "or" | "to"))
        && s.text[s.words[j - 1].end..s.words[j].start]
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, ',' | '$'))
    {
        j += 1;
    }
    (j..j + 4)
        .take_while(|&k| {
            k < s.words.len()
                && (k == j || {
                    let gap = &s.text[s.words[k - 1].end..s.words[k].start];
                    !gap.contains(|c: char| !c.is_whitespace())
                })
        })
        .any(|k| s.lex.decision_nouns.contains(s.lower(k)))
}

/// Whether the number at word `i` may be a statistic, judging by the words
/// around it (false for limits, capacities, rates set by law, records,
/// official attendances and positions).
fn not_a_statistic(s: &Scan, i: usize, value: f64, number: &str) -> bool {
    let lex = s.lex;
    let before = |k: usize| i.checked_sub(k).map_or("", |p| s.lower(p));
    // "able to tip up to $1 million", "could store up to 40 tonnes": a limit
    // or a capacity, not something counted.
    if before(1) == "to" && before(2) == "up" {
        // Back over the clause: stop at the punctuation that opens it.
        for k in 3..10 {
            let Some(p) = i.checked_sub(k) else { break };
            if s.gap_has(p, b",;.") {
                break;
            }
            if lex.limit_lead_ins.contains(s.lower(p)) {
                return false;
            }
        }
    }
    // "Businesses which receive 70 per cent of their income from farms will
    // be eligible": a criterion, not a count.
    let relative = (1..6)
        .map_while(|k| i.checked_sub(k))
        .take_while(|&p| !s.gap_has(p, b".;"))
        .any(|p| matches!(s.lower(p), "which" | "who" | "that" | "whose"));
    if relative {
        let criterion = (i + 1..i + 16)
            .take_while(|&k| k < s.words.len() && !s.gap_has(k - 1, b".;"))
            .any(|k| lex.criterion_words.contains(s.lower(k)));
        if criterion {
            return false;
        }
    }
    // "the previous record of $2.5 million": a matter of record; "federal
    // grants of 750 million": the terms of a decision.
    if before(1) == "of" && (before(2) == "record" || lex.decision_nouns.contains(before(2))) {
        return false;
    }
    // "The dam is designed to … and will cover 7,500 hectares": a design's
    // specification, not something measured.
    for k in 1..25 {
        let Some(p) = i.checked_sub(k) else { break };
        if s.gap_has(p, b".;!?") {
            break;
        }
        // The cheap comparison first.
        if s.lower(p + 1) == "to" && lex.design_words.contains(s.lower(p)) {
            return false;
        }
    }
    // "At 12,000 feet, Fiedler signaled": a position, not an amount.
    if before(1) == "at" && lex.units.contains(s.lower(i + 1)) {
        return false;
    }
    // "a 2 per cent levy", "The payroll tax is now 6 per cent": a rate set
    // by law or contract.
    let percent_end = s.any_phrase_at(i + 1, &lex.percent_words);
    if let Some(k) = percent_end {
        if lex.fixed_rate_nouns.contains(s.lower(k)) {
            return false;
        }
        // "a levy of 2 per cent"; "The payroll tax is now 6 per cent -- 3
        // per cent on each worker": back over the clause to its verb.
        if before(1) == "of" && lex.fixed_rate_nouns.contains(before(2)) {
            return false;
        }
        for k in 1..12 {
            let Some(p) = i.checked_sub(k) else { break };
            if s.gap_has(p, b".;,") {
                break;
            }
            if matches!(before(k), "is" | "was" | "will" | "be" | "at")
                && (k + 1..k + 4).any(|b| lex.fixed_rate_nouns.contains(before(b)))
            {
                return false;
            }
        }
    }
    // "8,280 attend races", "a record crowd of 18,792": an exact count of a
    // crowd is the turnstile's figure, not an estimate.
    let exact = !number.contains('.')
        && value % 100.0 != 0.0
        && s.currency_before(s.words[i].start).is_none();
    let crowd_before = (1..6)
        .map_while(|k| i.checked_sub(k))
        .take_while(|&p| !s.gap_has(p, b".,;"))
        .any(|p| lex.attendance_words.contains(s.lower(p)));
    if exact
        && !lex.units.contains(s.lower(i + 1))
        && (lex.attendance_words.contains(s.lower(i + 1)) || crowd_before)
    {
        return false;
    }
    true
}

fn spelled_at(s: &Scan, i: usize, lower: &str) -> Option<(Figure, usize)> {
    let lex = s.lex;
    if is_fraction(lower) {
        // "two-thirds of donors" is a statistic; "a two-thirds majority" is a
        // rule, and so is "a levy of one-third of a cent per litre".
        let set_rate =
            i >= 2 && s.lower(i - 1) == "of" && lex.fixed_rate_nouns.contains(s.lower(i - 2));
        if s.lower(i + 1) != "of" || set_rate {
            return None;
        }
        return Some((
            Figure {
                span: s.words[i].clone(),
                kind: FigureKind::Rate,
            },
            i + 1,
        ));
    }
    if !lex.spelled.contains(lower) || !s.adjacent(i) {
        return None;
    }
    let start = s.words[i].start;
    let article = matches!(
        lower,
        "a" | "several" | "dozens" | "tens" | "hundreds" | "half"
    );
    if !article {
        if let Some(k) = s.any_phrase_at(i + 1, &lex.percent_words) {
            return Some((
                Figure {
                    span: start..s.words[k - 1].end,
                    kind: FigureKind::Percentage,
                },
                k,
            ));
        }
        if s.lower(i + 1) == "in" && s.adjacent(i + 1) && is_denominator(s, i + 2, 1.0) {
            return Some((
                Figure {
                    span: start..s.words[i + 2].end,
                    kind: FigureKind::Rate,
                },
                i + 3,
            ));
        }
    }
    let scale = s.lower(i + 1);
    if !lex.scales.contains(scale) || scale.len() < 4 {
        return None;
    }
    let currency = s.currency_before(start);
    let money_word = lex.currency_words.contains(s.lower(i + 2));
    if money_word || currency.is_some() {
        let end = if money_word {
            s.words[i + 2].end
        } else {
            s.words[i + 1].end
        };
        return Some((
            Figure {
                span: currency.unwrap_or(start)..end,
                kind: FigureKind::Money,
            },
            i + 2 + money_word as usize,
        ));
    }
    if article || scale == "thousand" {
        return None;
    }
    Some((
        Figure {
            span: start..s.words[i + 1].end,
            kind: FigureKind::Count,
        },
        i + 2,
    ))
}

/// Whether word `i` is the denominator of a rate "N in M": a number larger
/// than `numerator` and not a year ("58 in 1932" is a record, not a rate).
fn is_denominator(s: &Scan, i: usize, numerator: f64) -> bool {
    let word = s.lower(i);
    if !s.is_number_word(i) {
        return false;
    }
    match word.replace(',', "").parse::<f64>() {
        Ok(value) => value > numerator && !(word.len() == 4 && (1000.0..=2100.0).contains(&value)),
        Err(_) => true,
    }
}

fn is_fraction(word: &str) -> bool {
    let Some((n, d)) = word.split_once('-') else {
        return false;
    };
    ["one", "two", "three", "four", "five"].contains(&n)
        && [
            "half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths",
        ]
        .contains(&d)
}

fn ranking_at(s: &Scan, i: usize) -> Option<(Figure, usize)> {
    let lex = s.lex;
    let lower = s.lower(i);
    let start = s.words[i].start;
    // "a league record", "a world record".
    if lower == "record" && i > 0 && lex.record_scopes.contains(s.lower(i - 1)) && s.adjacent(i - 1)
    {
        return Some((
            Figure {
                span: s.words[i - 1].start..s.words[i].end,
                kind: FigureKind::Ranking,
            },
            i + 1,
        ));
    }
    if lower == "record" || lower == "all-time" {
        let next = s.lower(i + 1);
        if lex.record_nouns.contains(next) && s.adjacent(i) {
            return Some((
                Figure {
                    span: start..s.words[i + 1].end,
                    kind: FigureKind::Ranking,
                },
                i + 2,
            ));
        }
        return None;
    }
    if !lex.superlatives.contains(lower) {
        return None;
    }
    // "her best time since 2019" is a personal record, not a statistic.
    if i > 0 && matches!(s.lower(i - 1), "her" | "his" | "their" | "my" | "your") {
        return None;
    }
    // The anchor must come soon and in the same clause.
    for j in i + 1..(i + 6).min(s.words.len()) {
        if s.text[s.words[j - 1].end..s.words[j].start].contains(['.', ';', ',', '"', '“', '”'])
        {
            return None;
        }
        let w = s.lower(j);
        let anchor_end = match w {
            "since" if s.words.get(j + 1).is_some() => {
                let n = s.lower(j + 1);
                let dated = n.starts_with(|c: char| c.is_ascii_digit())
                    || lex.months.contains(n)
                    || n == "records";
                dated.then(|| s.words[j + 1].end)
            }
            "ever" => Some(s.words[j].end),
            "on" if s.lower(j + 1) == "record" => Some(s.words[j + 1].end),
            "in" if s.lower(j + 1) == "history" || s.lower(j + 1) == "decades" => {
                Some(s.words[j + 1].end)
            }
            // "the oldest tree in the county", "the largest in the club's history".
            "in" if (j + 1..(j + 4).min(s.words.len()))
                .any(|k| lex.ranking_scopes.contains(s.lower(k))) =>
            {
                (j + 1..(j + 4).min(s.words.len()))
                    .find(|&k| lex.ranking_scopes.contains(s.lower(k)))
                    .map(|k| s.words[k].end)
            }
            "outside" if s.words.get(j + 1).is_some() => Some(s.words[j + 1].end),
            "kind" if s.lower(j - 1) == "its" => Some(s.words[j].end),
            "in" if s.is_number_word(j + 1) && s.lower(j + 2).starts_with("year") => {
                Some(s.words[j + 2].end)
            }
            _ => None,
        };
        if let Some(end) = anchor_end {
            return Some((
                Figure {
                    span: start..end,
                    kind: FigureKind::Ranking,
                },
                j + 1,
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prose::words::words;

    fn found(t: &str) -> Vec<(&str, FigureKind)> {
        let ws = words(t);
        figures(t, &ws)
            .into_iter()
            .map(|f| (&t[f.span], f.kind))
            .collect()
    }

    #[test]
    fn statistics_are_figures() {
        use FigureKind::*;
        assert_eq!(
            found("Unemployment rose to 7.2 percent."),
            [("7.2 percent", Percentage)]
        );
        assert_eq!(
            found("Turnout was 60% and 2.3 million ballots were cast."),
            [("60%", Percentage), ("2.3 million", Count)]
        );
        assert_eq!(
            found("The deal is worth $4.5 million, or six billion dollars."),
            [("$4.5 million", Money), ("six billion dollars", Money)]
        );
        assert_eq!(
            found("About 3,000 people saw 30 inches of snow."),
            [("3,000", Count), ("30 inches", Measurement)]
        );
        assert_eq!(
            found("One in five voters and two-thirds of donors, 3 in 100."),
            [
                ("One in five", Rate),
                ("two-thirds", Rate),
                ("3 in 100", Rate)
            ]
        );
        assert_eq!(
            found("It was the largest drop since 1989."),
            [("largest drop since 1989", Ranking)]
        );
        assert_eq!(
            found("Prices hit a record high."),
            [("record high", Ranking)]
        );
    }

    #[test]
    fn everyday_numbers_are_not_figures() {
        for t in [
            "In 1932 she was born.",
            "The meeting is on March 3 at 9 a.m. and ends at 10:30.",
            "Smith, who died at 84, had three children.",
            "The 84-year-old won 3-2 in the 21st minute.",
            "Section 230 and Route 66 and No. 3.",
            "He lives at 1600 Pennsylvania Avenue and 12 Main St.",
            "It took 12 years and cost $25.",
            "The best player in the league.",
            "Parents are Mr. and Mrs. Ferris Gay, 7034 Coronado, and a $5,000 reward was offered.",
            "Foxx (58 in 1932) and Greenberg (58 in 1938) tried. In 1954. In 1960 they left.",
            "Both are 6 feet tall and weigh 200 pounds, short of a two-thirds majority.",
            "The 23m wool sold in trays of 12 per layer, 1,600 kilometres from Perth.",
            "She won the 10,000 meters, her best time since 2019. Attendance was 41,212.",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }
}
