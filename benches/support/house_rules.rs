//! A stylebook of many house rules for the benches: the mix a desk's style
//! files hold (word lists, substitutions, patterns, a few story-level rules),
//! over words some of which the bench documents use.

/// Words the bench documents use, so that some rules find something.
const COMMON: &[&str] = &[
    "riverfront",
    "developers",
    "residents",
    "petition",
    "council",
    "budget",
    "debate",
    "hearings",
    "construction",
    "treasurer",
    "ordinance",
    "midnight",
    "shortfall",
    "opponents",
];

/// A made-up word for rule `i`: most of a stylebook's terms are not in any
/// one story.
fn word(i: usize) -> String {
    const SYLLABLES: &[&str] = &[
        "ka", "lo", "mer", "tin", "sa", "vu", "rem", "do", "pix", "qua", "bel", "zon",
    ];
    let mut w = String::new();
    let mut n = i + 7;
    for _ in 0..3 {
        w.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
    }
    w.push_str(&format!("{}", i % 97));
    w.retain(|c| c.is_ascii_lowercase());
    format!("{w}{}", ["er", "ing", "ed", "ion", "ly", "ist"][i % 6])
}

/// The text of one style file holding `count` rules.
pub fn style_file(count: usize) -> String {
    let mut out = String::new();
    for i in 0..count {
        let term = if i % 100 == 0 {
            COMMON[(i / 100) % COMMON.len()].to_string()
        } else {
            word(i)
        };
        let other = word(i + 100_000);
        let body = match i % 10 {
            0..=3 => format!("kind = \"existence\"\ntokens = [\"{term}\", \"{other} {term}\"]\n"),
            4..=5 => format!("kind = \"substitution\"\nswap = {{ \"{term}\" = \"{other}\" }}\nsafe = true\n"),
            6 => format!("kind = \"existence\"\npattern = '\\b(?:pre|post|re){term}s?\\b'\n"),
            7 => format!("kind = \"substitution\"\npattern = '\\b{term}(s|ed)?\\b'\nreplacement = \"{other}$1\"\n"),
            8 => format!("kind = \"occurrence\"\ntokens = [\"{term}\"]\nmax = 2\nper = \"paragraph\"\n"),
            _ => format!("kind = \"consistency\"\nforms = [\"{term}\", \"{other}\"]\n"),
        };
        out.push_str(&format!("[[rule]]\nid = \"rule-{i}\"\n{body}\n"));
    }
    out
}
