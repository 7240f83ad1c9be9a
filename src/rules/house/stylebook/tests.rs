//! Each kind of house rule, in pairs: copy it flags and close copy it must not.

use std::sync::Arc;

use super::{RuleSpec, Stylebook};
use crate::{LintOptions, Linter, Syntax};

#[derive(serde::Deserialize)]
struct File {
    rule: Vec<RuleSpec>,
}

/// (rule, flagged text, message) of each finding of the house rules in
/// `style` over `text`.
fn flagged(style: &str, text: &str) -> Vec<(String, String, String)> {
    let file: File = match toml::from_str(style) {
        Ok(file) => file,
        Err(e) => panic!("{e}"),
    };
    let book = match Stylebook::new(file.rule) {
        Ok(book) => book,
        Err((i, e)) => panic!("rule {i}: {e:?}"),
    };
    let linter = Linter::new(LintOptions::only("")).with_stylebook(Arc::new(book));
    let mut options = LintOptions::only("");
    options.levels.remove("house");
    let linter =
        Linter::new(options).with_stylebook(Arc::clone(linter.stylebook().expect("rules")));
    linter
        .lint(text, Syntax::Markdown)
        .findings
        .into_iter()
        .map(|f| (f.rule.to_string(), text[f.span].to_string(), f.message))
        .collect()
}

fn texts(found: &[(String, String, String)]) -> Vec<&str> {
    found.iter().map(|f| f.1.as_str()).collect()
}

const EXISTENCE: &str = r#"
[[rule]]
id = "unique"
kind = "existence"
pattern = '\b(?:very|quite|most) (unique)\b'
message = "“$1” admits no degrees: drop “$0”."

[[rule]]
id = "jargon"
kind = "existence"
tokens = ["stakeholders", "going forward"]
"#;

#[test]
fn existence_flags_tokens_and_patterns_with_captures_in_the_message() {
    let found = flagged(
        EXISTENCE,
        "A very unique plan for stakeholders, going forward.",
    );
    assert_eq!(
        texts(&found),
        ["very unique", "stakeholders", "going forward"]
    );
    assert_eq!(found[0].0, "house/unique");
    assert_eq!(
        found[0].2,
        "“unique” admits no degrees: drop “very unique”."
    );
}

#[test]
fn existence_leaves_quotations_attributed_speech_and_parts_of_words() {
    let text =
        "\"It is very unique,\" she said. He said stakeholders were upset. Stakeholdership grew.";
    assert!(
        flagged(EXISTENCE, text).is_empty(),
        "{:?}",
        flagged(EXISTENCE, text)
    );
    let anywhere = EXISTENCE.replace(
        "kind = \"existence\"\npattern",
        "kind = \"existence\"\nvoice = \"anywhere\"\npattern",
    );
    assert_eq!(texts(&flagged(&anywhere, text)), ["very unique"]);
}

const SUBSTITUTION: &str = r#"
[[rule]]
id = "kyiv"
kind = "substitution"
swap = { "Kiev" = "Kyiv" }
safe = true

[[rule]]
id = "toward"
kind = "substitution"
pattern = '\b(to|after|back)wards\b'
replacement = "${1}ward"
"#;

#[test]
fn substitution_offers_the_replacement_with_captures() {
    let text = "Troops moved towards Kiev.";
    let linter_findings = flagged(SUBSTITUTION, text);
    assert_eq!(texts(&linter_findings), ["towards", "Kiev"]);
    assert_eq!(linter_findings[0].2, "Write “toward”, not “towards”.");
    assert_eq!(linter_findings[1].2, "Write “Kyiv”, not “Kiev”.");
}

#[test]
fn substitution_leaves_the_right_form_and_other_cases() {
    // "kiev" in lowercase is not the capitalized swap term (smart case).
    assert!(flagged(
        SUBSTITUTION,
        "Troops moved toward Kyiv and the kiev-style dish."
    )
    .is_empty());
}

const OCCURRENCE: &str = r#"
[[rule]]
id = "exclaim"
kind = "occurrence"
tokens = ["!"]
max = 1
per = "story"

[[rule]]
id = "commas"
kind = "occurrence"
tokens = [","]
max = 3
per = "sentence"

[[rule]]
id = "said-verbs"
kind = "occurrence"
tokens = ["claimed", "stated", "declared", "asserted"]
max = 2
per = "story"
distinct = true
"#;

#[test]
fn occurrence_flags_what_is_beyond_the_limit() {
    let text = "Wow! It rained.\n\nIt stopped! A, b, c, d, e and f. He claimed it, she stated it, they claimed it, I declared it.";
    let found = flagged(OCCURRENCE, text);
    let rules: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        rules,
        ["house/exclaim", "house/commas", "house/said-verbs"],
        "{found:?}"
    );
    assert_eq!(found[2].1, "declared");
}

#[test]
fn occurrence_within_the_limit_is_fine() {
    let text = "Wow! It rained.\n\nA, b, c and d. He claimed it. A, b, c and e. She stated it and he claimed it.";
    assert!(
        flagged(OCCURRENCE, text).is_empty(),
        "{:?}",
        flagged(OCCURRENCE, text)
    );
}

const CONSISTENCY: &str = r#"
[[rule]]
id = "percent"
kind = "consistency"
forms = ["percent", "%"]
"#;

#[test]
fn consistency_flags_the_form_the_story_did_not_use_first() {
    let found = flagged(
        CONSISTENCY,
        "Sales rose 5 percent.\n\nCosts rose 4% and wages 2 percent.",
    );
    assert_eq!(texts(&found), ["%"]);
    assert!(found[0].2.contains("“percent”"), "{}", found[0].2);
}

#[test]
fn consistency_leaves_one_form_and_quoted_forms() {
    let text = "Sales rose 5%.\n\nCosts rose 4%. \"It was 3 percent,\" she said.";
    assert!(flagged(CONSISTENCY, text).is_empty());
}

const FIRST_REFERENCE: &str = r#"
[[rule]]
id = "agencies"
kind = "first-reference"
abbreviations = { NTSB = "National Transportation Safety Board" }

[[rule]]
id = "courtesy"
kind = "first-reference"
titles = ["Mr.", "Ms.", "Dr."]

[[rule]]
id = "acronyms"
kind = "first-reference"
pattern = '\b[A-Z]{3,5}\b'
defined-by = '\(([A-Z]{3,5})\)'
exceptions = ["NTSB", "AP"]
"#;

#[test]
fn first_reference_flags_short_forms_before_the_full_one() {
    let text = "The NTSB came. Mr. Smith spoke.\n\nThe National Transportation Safety Board and Jane Jones left. The WHO and the NTSB met. Jones said no.";
    let found = flagged(FIRST_REFERENCE, text);
    assert_eq!(texts(&found), ["NTSB", "Mr. Smith", "WHO"], "{found:?}");
}

#[test]
fn first_reference_after_the_full_name_is_fine() {
    let text = "The National Transportation Safety Board and Dr. Ann Smith came. The NTSB and Dr. Smith spoke. The World Health Organization (WHO) met; the WHO agreed.";
    assert!(
        flagged(FIRST_REFERENCE, text).is_empty(),
        "{:?}",
        flagged(FIRST_REFERENCE, text)
    );
}

#[test]
fn a_surname_speaking_before_the_full_name_further_down_is_flagged() {
    let found = flagged(
        FIRST_REFERENCE,
        "Jones said the vote failed.\n\nCouncillor Mary Jones voted no.",
    );
    assert_eq!(texts(&found), ["Jones said"]);
    assert!(flagged(
        FIRST_REFERENCE,
        "Police said the vote failed. Jones said so too."
    )
    .is_empty());
}

const PARTS: &str = r#"
[[rule]]
id = "headline-only"
kind = "existence"
tokens = ["slams"]
in = ["headline"]

[[rule]]
id = "caption-credit"
kind = "existence"
tokens = ["Photo"]
in = ["caption"]
"#;

#[test]
fn a_rule_reads_only_the_parts_it_names() {
    let text = "# Mayor slams plan\n\nThe mayor slams the plan. Photo by staff.\n\n![The mayor](mayor.jpg) Photo by staff.\n";
    let found = flagged(PARTS, text);
    assert_eq!(texts(&found), ["slams", "Photo"]);
    assert_eq!(found[0].0, "house/headline-only");
    assert!(text.find("slams").is_some_and(|i| i < 20));
}

#[test]
fn duplicate_ids_are_refused() {
    let style = "[[rule]]\nid = \"a\"\nkind = \"existence\"\ntokens = [\"x\"]\n\n[[rule]]\nid = \"a\"\nkind = \"existence\"\ntokens = [\"y\"]\n";
    let file: File = toml::from_str(style).expect("valid TOML");
    let error = Stylebook::new(file.rule).expect_err("duplicate");
    assert_eq!(error.0, 1);
    assert_eq!(error.1.key, "id");
}
