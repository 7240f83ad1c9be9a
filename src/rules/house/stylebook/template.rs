//! Filling in a house rule's message or replacement: `$0` is the matched
//! text, `$1`… and `${name}` its groups, `$$` a dollar sign. A group that
//! did not match, or that the rule has not, is left empty, as the `regex`
//! crate does.

/// `template` with its references replaced by what `group` gives for each
/// group number or name.
pub(super) fn expand<'t>(template: &str, group: impl Fn(&str) -> Option<&'t str>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push('$');
            rest = tail;
        } else if let Some(close) = after.strip_prefix('{').and_then(|b| b.find('}')) {
            out.push_str(group(&after[1..close + 1]).unwrap_or(""));
            rest = &after[close + 2..];
        } else {
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                out.push('$');
            } else {
                out.push_str(group(&after[..digits]).unwrap_or(""));
            }
            rest = &after[digits..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::expand;

    fn groups(name: &str) -> Option<&'static str> {
        match name {
            "0" => Some("Kiev"),
            "1" => Some("Ki"),
            "replacement" => Some("Kyiv"),
            _ => None,
        }
    }

    #[test]
    fn numbers_names_and_dollars() {
        assert_eq!(
            expand("Write “${replacement}”, not “$0” ($1, $9, $$5, $).", groups),
            "Write “Kyiv”, not “Kiev” (Ki, , $5, $)."
        );
    }

    #[test]
    fn text_without_references_is_kept() {
        assert_eq!(
            expand("No dollars here; {0} stays.", groups),
            "No dollars here; {0} stays."
        );
    }
}
