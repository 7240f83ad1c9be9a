//! Vale's regular expressions in copydesk: building a rule's pattern the
//! way Vale builds it, telling literal tokens from regex ones, and saying
//! why a pattern that Go's regexp2 accepts does not compile in copydesk's
//! `regex` engine.

/// Characters that make a Vale token a regular expression rather than
/// literal text.
const META: &[char] = &[
    '\\', '.', '+', '*', '?', '(', ')', '|', '[', ']', '{', '}', '^', '$',
];

/// Whether a Vale token means only its own text.
pub(super) fn is_literal(token: &str) -> bool {
    !token.contains(META)
}

/// The pattern Vale builds from `tokens` and `raw`: the tokens joined by
/// `|`, word-bounded as `(?m)\b(?:…)\b` unless `nonword` (then `(…)`),
/// with `raw` concatenated before them (after them when `append`). Case
/// is left to the rule's `case`, not a `(?i)` flag.
pub(super) fn vale_pattern(
    tokens: &[String],
    raw: &[String],
    nonword: bool,
    append: bool,
) -> String {
    let joined = tokens.join("|");
    let tokens = if tokens.is_empty() {
        String::new()
    } else if nonword {
        format!("({joined})")
    } else {
        format!(r"(?m)\b(?:{joined})\b")
    };
    let raw = raw.concat();
    if append {
        tokens + &raw
    } else {
        raw + &tokens
    }
}

/// A Vale regex's word-bounded alternation for one `swap` or `either` key.
pub(super) fn bounded(regex: &str, nonword: bool) -> String {
    if nonword {
        format!("(?:{regex})")
    } else {
        format!(r"\b(?:{regex})\b")
    }
}

/// Why `pattern` cannot be a copydesk pattern, or `None` when it compiles.
pub(super) fn unsupported(pattern: &str) -> Option<String> {
    let error = regex::Regex::new(pattern).err()?;
    let construct = [
        ("(?=", "look-ahead `(?=…)`"),
        ("(?!", "negative look-ahead `(?!…)`"),
        ("(?<=", "look-behind `(?<=…)`"),
        ("(?<!", "negative look-behind `(?<!…)`"),
        ("(?>", "atomic group `(?>…)`"),
        ("\\k<", "backreference `\\k<…>`"),
    ]
    .into_iter()
    .find(|(needle, _)| pattern.contains(needle))
    .map(|(_, name)| name.to_string())
    .or_else(|| backreference(pattern).then(|| "backreference `\\N`".to_string()));
    Some(match construct {
        Some(name) => {
            format!("{name} is not supported by copydesk's linear-time regex engine")
        }
        None => {
            // The compiler's own words, on one line.
            let first = error.to_string();
            let reason = first
                .lines()
                .rev()
                .find(|l| l.starts_with("error:"))
                .unwrap_or("the pattern does not compile")
                .trim_start_matches("error:")
                .trim()
                .to_string();
            format!("the pattern does not compile in copydesk's regex engine: {reason}")
        }
    })
}

/// Whether `pattern` asks for two or more whitespace characters in a row
/// (`  `, ` {2,}`, `\s{2}`, `\s\s`…): copydesk matches house patterns
/// against text whose runs of whitespace are squeezed to one space, so
/// that part of the pattern never matches there.
pub(super) fn needs_whitespace_run(pattern: &str) -> bool {
    ["  ", " {", " +", "\\s{", "\\s\\s", "\\s+\\s", "\\s \\s"]
        .iter()
        .any(|needle| {
            pattern.match_indices(needle).any(|(at, found)| {
                // ` {`, `\s{` only with a count of two or more; ` +` only after a space.
                let rest = &pattern[at + found.len()..];
                match *needle {
                    " {" | "\\s{" => !rest.starts_with(['0', '1']),
                    " +" => pattern[..at].ends_with(' ') || pattern[..at].ends_with("\\s"),
                    _ => true,
                }
            })
        })
}

/// `\1`…`\9` outside a character class, not preceded by another backslash.
fn backreference(pattern: &str) -> bool {
    let bytes = pattern.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'\\' {
            if bytes[i + 1].is_ascii_digit() && bytes[i + 1] != b'0' {
                return true;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn literals_are_tokens_without_regex_characters() {
        assert!(is_literal("a number of"));
        assert!(is_literal("don't"));
        assert!(!is_literal("will wonders never cease?"));
        assert!(!is_literal(r"[\w]+ed"));
    }

    #[test]
    fn patterns_are_built_as_vale_builds_them() {
        assert_eq!(
            vale_pattern(&strings(&["a", "b"]), &[], false, false),
            r"(?m)\b(?:a|b)\b"
        );
        assert_eq!(vale_pattern(&strings(&["a"]), &[], true, false), "(a)");
        assert_eq!(
            vale_pattern(
                &strings(&["ed"]),
                &strings(&[r"\bwas\s", "x"]),
                false,
                false
            ),
            r"\bwas\sx(?m)\b(?:ed)\b"
        );
        assert_eq!(
            vale_pattern(&strings(&["ed"]), &strings(&["x"]), false, true),
            r"(?m)\b(?:ed)\bx"
        );
        assert_eq!(vale_pattern(&[], &strings(&["a", "b"]), false, false), "ab");
    }

    #[test]
    fn runs_of_whitespace_are_recognised() {
        assert!(needs_whitespace_run(r"[.?!] {2,}[A-Z]"));
        assert!(needs_whitespace_run(r"\.\s{2}\w"));
        assert!(needs_whitespace_run(r"a\s\sb"));
        assert!(needs_whitespace_run("a  b"));
        assert!(!needs_whitespace_run(r"[.?!][A-Z]"));
        assert!(!needs_whitespace_run(r"a\s?-\s?b"));
        assert!(!needs_whitespace_run(r"a {1,}b"));
        assert!(!needs_whitespace_run(r"\s+b"));
    }

    #[test]
    fn unsupported_constructs_are_named() {
        assert_eq!(unsupported(r"\bfoo\b"), None);
        let ahead = unsupported(r"foo(?=bar)").expect("look-ahead");
        assert!(
            ahead.starts_with("look-ahead `(?=…)` is not supported"),
            "{ahead}"
        );
        assert!(unsupported(r"(?<!x)y")
            .expect("behind")
            .contains("negative look-behind"));
        assert!(unsupported(r"(\w+) \1")
            .expect("backref")
            .contains("backreference"));
        let other = unsupported(r"(unclosed").expect("error");
        assert!(other.starts_with("the pattern does not compile"), "{other}");
        assert!(!other.contains('\n'));
    }
}
