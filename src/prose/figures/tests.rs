//! Tests of the figure scan.

use super::*;
use crate::prose::lexicon::figure_classes::class_words;
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

proptest::proptest! {
    #[test]
    fn a_figure_reads_as_parsed(number in "[0-9][0-9,.]{0,24}") {
        let parsed: Option<f64> = number.replace(',', "").parse().ok();
        proptest::prop_assert_eq!(figure_value(&number), parsed);
    }
}

/// What the table gives for `word`, alone and inside a longer text
/// (where its first eight bytes are read in one load).
fn table_classes(word: &str) -> [u32; 2] {
    let inside = format!("x {word} and more text");
    [
        lexicon().classes(word).figures(),
        lexicon()
            .classes_at(inside.as_bytes(), 2..2 + word.len())
            .figures(),
    ]
}

#[test]
fn the_class_table_has_every_list_word() {
    let classes = class_words(lexicon());
    assert!(!classes.contains_key(""));
    // Read as `Lower` reads it: too long for any list.
    assert_eq!(table_classes(&"thousand".repeat(5)), [0; 2]);
    assert_ne!(classes["two-thirds"] & class::FRACTION, 0);
    assert!(lexicon()
        .units
        .iter()
        .all(|w| classes[w.as_str()] & class::UNIT != 0));
    for (word, &bits) in &classes {
        assert_eq!(table_classes(word), [bits; 2], "{word}");
        // A word one letter shorter or longer is another word.
        for other in [&word[..word.len() - 1], &format!("{word}s")] {
            let bits = classes.get(other).copied().unwrap_or(0);
            assert_eq!(table_classes(other), [bits; 2], "{other}");
        }
    }
}

proptest::proptest! {
    #[test]
    fn the_class_table_is_the_map(word in "[a-z][a-z'-]{0,12}") {
        let bits = class_words(lexicon()).get(word.as_str()).copied().unwrap_or(0);
        proptest::prop_assert_eq!(table_classes(&word), [bits; 2]);
    }
}
