//! Figures that carry authority and need a source: percentages, money, large
//! counts, measurements, rates and rankings. Years, dates, times, ages,
//! ordinals, small everyday counts, labels ("Section 230"), addresses and
//! scores are recognised and left out.

use std::ops::Range;
use std::sync::LazyLock;

use super::lexicon::figure_classes::class;
use super::lexicon::{lexicon, Classes, Lexicon, Lower};

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

/// What the scan looks words up in, derived once from the lexicon.
struct Tables {
    /// The percent phrases, split into words.
    percent: Vec<Vec<&'static str>>,
    /// The last bytes of the currency symbols: most figures have no sign
    /// before them, and one byte tells.
    currency_ends: [bool; 256],
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let lex = lexicon();
    let mut currency_ends = [false; 256];
    for symbol in &lex.currency_symbols {
        if let Some(&last) = symbol.as_bytes().last() {
            currency_ends[usize::from(last)] = true;
        }
    }
    Tables {
        percent: lex
            .percent_words
            .iter()
            .map(|p| p.split(' ').collect())
            .collect(),
        currency_ends,
    }
});

struct Scan<'t> {
    text: &'t str,
    /// `text` in ASCII lowercase, byte for byte (so word ranges index it too):
    /// a word is looked up a dozen times, and slicing this beats lowercasing
    /// (and re-validating as UTF-8) a copy each time.
    lower: &'t str,
    words: &'t [Range<usize>],
    lex: &'static Lexicon,
    tables: &'static Tables,
    /// The [`class`] bits of every word.
    classes: Vec<u32>,
    /// The bits of all the words together: a question about a list none of
    /// the paragraph's words is on has its answer without a look.
    any: u32,
}

impl<'t> Scan<'t> {
    /// Whether a competition's result stands within a dozen words of word
    /// `i`: a unit of one ("points", "seconds", "the 600-yard run") or a
    /// clock time ("4:05.2", "1.10.1").
    fn near_a_result(&self, i: usize) -> bool {
        let around = i.saturating_sub(12)..(i + 13).min(self.words.len());
        let unit = |k: usize| {
            self.is(k, class::RESULT_UNIT)
                || self.lower(k).rsplit_once('-').is_some_and(|(_, unit)| {
                    // "600-yard": the singular of a listed unit, found without allocating.
                    (self.lex.result_units.iter()).any(|u| u.strip_suffix('s') == Some(unit))
                })
        };
        let clock = |w: &[u8]| {
            w[0].is_ascii_digit()
                && ((w[1] == b':' && w[2].is_ascii_digit())
                    || (w[1] == b'.'
                        && w[2].is_ascii_digit()
                        && w[3].is_ascii_digit()
                        && w[4] == b'.'))
        };
        around.clone().any(unit)
            || self.text.as_bytes()[self.words[around.start].start..self.words[around.end - 1].end]
                .windows(5)
                .any(clock)
    }

    fn new(
        text: &'t str,
        lower: &'t str,
        words: &'t [Range<usize>],
        word_classes: &[Classes],
    ) -> Scan<'t> {
        let tables = &*TABLES;
        let bytes = lower.as_bytes();
        let mut any = 0;
        let mut classes = vec![0; words.len()];
        for ((bits, r), c) in classes.iter_mut().zip(words).zip(word_classes) {
            // Digits are the same in the lowercase copy.
            let digit = if bytes[r.start].is_ascii_digit() {
                class::DIGIT
            } else {
                0
            };
            *bits = c.figures() | digit;
            any |= *bits;
        }
        Scan {
            text,
            lower,
            words,
            lex: lexicon(),
            tables,
            classes,
            any,
        }
    }

    /// Whether word `i` is on any of the lists `bits` stand for (no word is
    /// past the end).
    fn is(&self, i: usize, bits: u32) -> bool {
        self.classes.get(i).is_some_and(|&c| c & bits != 0)
    }

    /// Whether any word of the paragraph is on any of the lists `bits` stand for.
    fn has(&self, bits: u32) -> bool {
        self.any & bits != 0
    }

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
        w.starts_with(|c: char| c.is_ascii_digit()) || (self.is(i, class::SPELLED) && w != "a")
    }

    /// Matches a percent phrase ("per cent") starting at word `i`; returns
    /// the index after it.
    fn percent_at(&self, i: usize) -> Option<usize> {
        if !self.is(i, class::PERCENT_HEAD) {
            return None;
        }
        self.tables.percent.iter().find_map(|phrase| {
            let mut j = i;
            for part in phrase {
                if self.lower(j) != *part || (j > i && !self.adjacent(j - 1)) {
                    return None;
                }
                j += 1;
            }
            Some(j)
        })
    }

    fn currency_before(&self, at: usize) -> Option<usize> {
        if at == 0 || !self.tables.currency_ends[usize::from(self.text.as_bytes()[at - 1])] {
            return None;
        }
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
    let lower = text.to_ascii_lowercase();
    let lex = lexicon();
    let classes: Vec<Classes> = words
        .iter()
        .map(|w| lex.classes_at(lower.as_bytes(), w.clone()))
        .collect();
    let mut out = Vec::new();
    figures_in(text, &lower, words, &classes, &mut out);
    out
}

/// [`figures`], given `text` in ASCII lowercase and the [`Classes`] of its
/// words (the paragraph keeps both), into `out` (emptied first).
pub(crate) fn figures_in(
    text: &str,
    lower: &str,
    words: &[Range<usize>],
    classes: &[Classes],
    out: &mut Vec<Figure>,
) {
    out.clear();
    let scan = Scan::new(text, lower, words, classes);
    if !scan.has(class::OPENS) {
        return;
    }
    let mut i = 0;
    while i < words.len() {
        // Most words are not figures: rule them out by their class.
        let bits = scan.classes[i];
        if bits & class::OPENS == 0 {
            i += 1;
            continue;
        }
        // "a" counts only before a scale ("a million dollars").
        let r = &words[i];
        if bits & class::DIGIT == 0
            && r.len() == 1
            && lower.as_bytes()[r.start] == b'a'
            && !scan.is(i + 1, class::SCALE)
        {
            i += 1;
            continue;
        }
        if let Some((figure, next)) = number_at(&scan, i).or_else(|| ranking_at(&scan, i)) {
            out.push(figure);
            i = next;
        } else {
            i += 1;
        }
    }
}

fn number_at(s: &Scan, i: usize) -> Option<(Figure, usize)> {
    let word = &s.text[s.words[i].clone()];
    let lower = &s.lower[s.words[i].clone()];
    if !s.is(i, class::DIGIT) {
        return spelled_at(s, i, lower);
    }
    // As bytes: the first byte of any other character is none of these.
    let numeric_len = word
        .bytes()
        .position(|b| !(b.is_ascii_digit() || b == b',' || b == b'.'))
        .unwrap_or(word.len());
    let (number, suffix) = lower.split_at(numeric_len);
    let value = figure_value(number)?;
    // "$90m" is money; "23m" alone is a grade or a length, not a statistic.
    let mut scaled = matches!(suffix, "m" | "bn" | "mn" | "b" | "k");
    // "15-20 mln dlrs", "10-15 pct": a range of an amount is read whole; a
    // pair of numbers with nothing after them is a score or a compound.
    let range = suffix.len() > 1
        && suffix.starts_with('-')
        && suffix[1..]
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        && (s.is(i + 1, class::SCALE | class::CURRENCY | class::UNIT)
            || s.percent_at(i + 1).is_some());
    if !suffix.is_empty() && !range && (!scaled || s.currency_before(s.words[i].start).is_none()) {
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
    let crowd =
        i >= 1 && s.is(i - 1, class::ESTIMATOR) && s.is(i + 1, class::CROWD) && s.adjacent(i);
    if i >= 1 && s.is(i - 1, class::LABEL | class::MONTH) {
        return None;
    }
    let start = whole_number_start(s.text, s.words[i].start);
    let currency = s.currency_before(start);
    let mut end = s.words[i].end;
    let after = &s.text[end..];
    if after.starts_with('%') {
        return Some((
            Figure {
                span: currency.unwrap_or_else(|| range_start(s, i).unwrap_or(start))..end + 1,
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
    if s.is(j, class::MONTH)
        || next == "am"
        || next == "pm"
        || next == "o'clock"
        || (next == "a" && s.text[s.words.get(j)?.end..].starts_with(".m"))
        || (next == "p" && s.text[s.words.get(j)?.end..].starts_with(".m"))
    {
        return None;
    }
    if let Some(k) = s.percent_at(j) {
        return Some((
            Figure {
                span: currency.unwrap_or_else(|| range_start(s, i).unwrap_or(start))
                    ..s.words[k - 1].end,
                kind: FigureKind::Percentage,
            },
            k,
        ));
    }
    if s.is(j, class::SCALE) && s.adjacent(i) {
        scaled = true;
        end = s.words[j].end;
        j += 1;
    }
    let kind = if currency.is_some() || s.is(j, class::CURRENCY) {
        if s.is(j, class::CURRENCY) {
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
    } else if s.is(j, class::UNIT) && s.adjacent(j - 1) {
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
        let describes = event || s.is(j, class::DISTANCE);
        (!describes && (scaled || value >= 1000.0 || s.lower(j) == "of"))
            .then_some(FigureKind::Measurement)
    } else if (s.lower(j) == "per"
        && (s.is(j + 1, class::RATE_DENOMINATOR) || s.is_number_word(j + 1)))
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
    } else if s.is(j, class::AGE_OR_DURATION | class::STREET) {
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
            span: currency.unwrap_or_else(|| range_start(s, i).unwrap_or(start))..end,
            kind,
        },
        j,
    ))
}

/// Where a range ending at word `i` starts, when its first number is two
/// words before: "two to seven pct", "between 34.1 and 41.5 pct".
fn range_start(s: &Scan, i: usize) -> Option<usize> {
    let joint = s.lower(i.checked_sub(1)?);
    let first = i.checked_sub(2)?;
    let between = first
        .checked_sub(1)
        .is_some_and(|b| s.lower(b) == "between");
    ((joint == "to" || (joint == "and" && between)) && s.is(first, class::DIGIT | class::SPELLED))
        .then(|| whole_number_start(s.text, s.words[first].start))
}

/// Where the number whose last part starts at `at` starts: a fraction is
/// read whole, with its whole part ("8 3/4%", "6-1/8 pct", "101-3/4"), and so
/// is a dealer's quote of two rates ("3.85/95 pct": 3.85 to 3.95).
fn whole_number_start(text: &str, at: usize) -> usize {
    let digits_before = |end: usize| {
        end - text[..end]
            .bytes()
            .rev()
            .take_while(u8::is_ascii_digit)
            .count()
    };
    let Some(slash) = at.checked_sub(1).filter(|&p| text.as_bytes()[p] == b'/') else {
        return at;
    };
    let numerator = digits_before(slash);
    if numerator == slash {
        return at;
    }
    match numerator.checked_sub(1).map(|p| (p, text.as_bytes()[p])) {
        Some((p, b'-' | b' ' | b'.')) if digits_before(p) < p => digits_before(p),
        _ => numerator,
    }
}

/// The value of a figure of digits, commas and points ("3,000", "7.2"):
/// what `str::parse` gives with the commas taken out, `None` where that fails.
fn figure_value(number: &str) -> Option<f64> {
    // Up to 15 digits the digits are exact in an `f64`, and so is a power of
    // ten up to 10^22: one division then rounds as parsing does. Most
    // figures are short, and this needs no copy without the commas.
    const POWERS: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let (mut mantissa, mut digits, mut decimals, mut point) = (0u64, 0usize, 0usize, false);
    for &b in number.as_bytes() {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                digits += 1;
                decimals += usize::from(point);
                if digits > 15 {
                    return number.replace(',', "").parse().ok();
                }
            }
            b'.' if !point => point = true,
            b',' => {}
            _ => return None,
        }
    }
    Some(mantissa as f64 / POWERS[decimals])
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
            || s.is(j, class::SCALE)
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
        .any(|k| s.is(k, class::DECISION))
}

/// Whether the number at word `i` may be a statistic, judging by the words
/// around it (false for limits, capacities, rates set by law, records,
/// official attendances and positions).
fn not_a_statistic(s: &Scan, i: usize, value: f64, number: &str) -> bool {
    let before = |k: usize| i.checked_sub(k).map_or("", |p| s.lower(p));
    let before_is = |k: usize, bits: u32| i.checked_sub(k).is_some_and(|p| s.is(p, bits));
    // Each test below looks for a word of one list; a paragraph with no word
    // of that list skips the test.
    // "able to tip up to $1 million", "could store up to 40 tonnes": a limit
    // or a capacity, not something counted.
    if s.has(class::LIMIT_LEAD_IN) && before(1) == "to" && before(2) == "up" {
        // Back over the clause: stop at the punctuation that opens it.
        for k in 3..10 {
            let Some(p) = i.checked_sub(k) else { break };
            if s.gap_has(p, b",;.") {
                break;
            }
            if s.is(p, class::LIMIT_LEAD_IN) {
                return false;
            }
        }
    }
    // "Businesses which receive 70 per cent of their income from farms will
    // be eligible": a criterion, not a count.
    if s.has(class::CRITERION) && s.has(class::RELATIVE) {
        let relative = (1..6)
            .map_while(|k| i.checked_sub(k))
            .take_while(|&p| !s.gap_has(p, b".;"))
            .any(|p| s.is(p, class::RELATIVE));
        if relative {
            let criterion = (i + 1..i + 16)
                .take_while(|&k| k < s.words.len() && !s.gap_has(k - 1, b".;"))
                .any(|k| s.is(k, class::CRITERION));
            if criterion {
                return false;
            }
        }
    }
    // "the previous record of $2.5 million": a matter of record; "federal
    // grants of 750 million": the terms of a decision.
    if before(1) == "of" && (before(2) == "record" || before_is(2, class::DECISION)) {
        return false;
    }
    // "The dam is designed to … and will cover 7,500 hectares": a design's
    // specification, not something measured.
    if s.has(class::DESIGN) {
        for k in 1..25 {
            let Some(p) = i.checked_sub(k) else { break };
            if s.gap_has(p, b".;!?") {
                break;
            }
            if s.is(p, class::DESIGN) && s.lower(p + 1) == "to" {
                return false;
            }
        }
    }
    // "At 12,000 feet, Fiedler signaled": a position, not an amount.
    if before(1) == "at" && s.is(i + 1, class::UNIT) {
        return false;
    }
    // "a 2 per cent levy", "The payroll tax is now 6 per cent": a rate set
    // by law or contract.
    if s.has(class::FIXED_RATE) {
        if let Some(k) = s.percent_at(i + 1) {
            if s.is(k, class::FIXED_RATE) {
                return false;
            }
            // "a levy of 2 per cent"; "The payroll tax is now 6 per cent -- 3
            // per cent on each worker": back over the clause to its verb.
            if before(1) == "of" && before_is(2, class::FIXED_RATE) {
                return false;
            }
            for k in 1..12 {
                let Some(p) = i.checked_sub(k) else { break };
                if s.gap_has(p, b".;,") {
                    break;
                }
                if matches!(before(k), "is" | "was" | "will" | "be" | "at")
                    && (k + 1..k + 4).any(|b| before_is(b, class::FIXED_RATE))
                {
                    return false;
                }
            }
        }
    }
    // "8,280 attend races", "a record crowd of 18,792": an exact count of a
    // crowd is the turnstile's figure, not an estimate.
    if s.has(class::ATTENDANCE)
        && !number.contains('.')
        && value % 100.0 != 0.0
        && s.currency_before(s.words[i].start).is_none()
        && !s.is(i + 1, class::UNIT)
        && (s.is(i + 1, class::ATTENDANCE)
            || (1..6)
                .map_while(|k| i.checked_sub(k))
                .take_while(|&p| !s.gap_has(p, b".,;"))
                .any(|p| s.is(p, class::ATTENDANCE)))
    {
        return false;
    }
    true
}

fn spelled_at(s: &Scan, i: usize, lower: &str) -> Option<(Figure, usize)> {
    if s.is(i, class::FRACTION) {
        // "two-thirds of donors" is a statistic; "a two-thirds majority" is a
        // rule, and so is "a levy of one-third of a cent per litre".
        let set_rate = i >= 2 && s.lower(i - 1) == "of" && s.is(i - 2, class::FIXED_RATE);
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
    if !s.is(i, class::SPELLED) || !s.adjacent(i) {
        return None;
    }
    let start = range_start(s, i).unwrap_or(s.words[i].start);
    let article = matches!(
        lower,
        "a" | "several" | "dozens" | "tens" | "hundreds" | "half"
    );
    if !article {
        if let Some(k) = s.percent_at(i + 1) {
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
    if !s.is(i + 1, class::SCALE) || scale.len() < 4 {
        return None;
    }
    let currency = s.currency_before(start);
    let money_word = s.is(i + 2, class::CURRENCY);
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

fn ranking_at(s: &Scan, i: usize) -> Option<(Figure, usize)> {
    let lower = s.lower(i);
    let start = s.words[i].start;
    // "a league record", "a world record".
    if lower == "record" && i > 0 && s.is(i - 1, class::RECORD_SCOPE) && s.adjacent(i - 1) {
        if s.near_a_result(i) {
            return None;
        }
        return Some((
            Figure {
                span: s.words[i - 1].start..s.words[i].end,
                kind: FigureKind::Ranking,
            },
            i + 1,
        ));
    }
    if lower == "record" || lower == "all-time" {
        if s.is(i + 1, class::RECORD_NOUN) && s.adjacent(i) {
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
    if !s.is(i, class::SUPERLATIVE) {
        return None;
    }
    // "her best time since 2019" is a personal record, not a statistic, and
    // "the most points ever" one of the record book.
    if i > 0 && matches!(s.lower(i - 1), "her" | "his" | "their" | "my" | "your")
        || s.near_a_result(i)
    {
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
                    || s.is(j + 1, class::MONTH)
                    || n == "records";
                dated.then(|| s.words[j + 1].end)
            }
            "ever" => Some(s.words[j].end),
            "on" if s.lower(j + 1) == "record" => Some(s.words[j + 1].end),
            "in" if s.lower(j + 1) == "history" || s.lower(j + 1) == "decades" => {
                Some(s.words[j + 1].end)
            }
            // "the oldest tree in the county", "the largest in the club's history".
            "in" if (j + 1..(j + 4).min(s.words.len())).any(|k| s.is(k, class::RANKING_SCOPE)) => {
                (j + 1..(j + 4).min(s.words.len()))
                    .find(|&k| s.is(k, class::RANKING_SCOPE))
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
mod tests;
