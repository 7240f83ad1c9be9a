//! Escaping copy for the page. Everything that comes from a story, a path, a
//! message or a rule goes through here: `<`, `>`, `&`, `"` and `'` become
//! character references in text and attributes alike, so no copy can open
//! an element, close the one it is in (`</textarea>`, `</script>`) or leave
//! an attribute. Characters that are invisible or that reorder the line
//! (ESC and other controls, bidi overrides such as U+202E, noncharacters,
//! a byte-order mark) are shown by their code point instead, as a proof
//! should show them, so that copy cannot make the page say something other
//! than what the file holds.

use std::fmt;

/// Copy as element content: hidden characters become a visible `U+XXXX`
/// tag.
pub(super) struct Text<'t>(pub &'t str);

/// Copy as an attribute value (between double quotes): hidden characters
/// become the text `U+XXXX`, since an attribute cannot hold markup.
pub(super) struct Attr<'t>(pub &'t str);

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        escape(self.0, f, |c, f| {
            write!(
                f,
                "<span class=\"cc\" title=\"hidden character\">U+{:04X}</span>",
                u32::from(c)
            )
        })
    }
}

impl fmt::Display for Attr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        escape(self.0, f, |c, f| write!(f, "U+{:04X}", u32::from(c)))
    }
}

/// Writes `text` with the five markup characters as references and each
/// hidden character through `hidden`. Runs of plain characters are written
/// in one piece: a 10 MB story is written at memcpy speed, not per char.
fn escape(
    text: &str,
    f: &mut fmt::Formatter<'_>,
    hidden: impl Fn(char, &mut fmt::Formatter<'_>) -> fmt::Result,
) -> fmt::Result {
    let mut plain = 0;
    for (at, c) in text.char_indices() {
        let reference = match c {
            '<' => "&lt;",
            '>' => "&gt;",
            '&' => "&amp;",
            '"' => "&quot;",
            '\'' => "&#39;",
            c if is_hidden(c) => "",
            _ => continue,
        };
        f.write_str(&text[plain..at])?;
        if reference.is_empty() {
            hidden(c, f)?;
        } else {
            f.write_str(reference)?;
        }
        plain = at + c.len_utf8();
    }
    f.write_str(&text[plain..])
}

/// Characters a reader cannot see but that change what the page shows:
/// controls other than tab and line breaks (NUL among them, which HTML
/// would turn into U+FFFD), C1 controls, the bidi embeddings, overrides and
/// isolates (the "Trojan Source" characters), the byte-order mark and
/// noncharacters.
pub(super) fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' | '\u{feff}' | '\u{fdd0}'..='\u{fdef}')
        || (u32::from(c) & 0xfffe) == 0xfffe
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_references_in_text_and_attributes() {
        let copy = r#"<script>alert('x')</script> & "quoted" </textarea>"#;
        let expected = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; \
                        &quot;quoted&quot; &lt;/textarea&gt;";
        assert_eq!(Text(copy).to_string(), expected);
        assert_eq!(Attr(copy).to_string(), expected);
    }

    #[test]
    fn plain_copy_is_unchanged() {
        let copy = "Café owners said “it’s fine” — 60% of them.\n\tjavascript:void(0)";
        assert_eq!(Text(copy).to_string(), copy);
        assert_eq!(Attr(copy).to_string(), copy);
    }

    #[test]
    fn hidden_characters_are_shown_by_code_point() {
        let copy = "a\u{202e}b\u{0}c\u{feff}";
        assert_eq!(Attr(copy).to_string(), "aU+202EbU+0000cU+FEFF");
        let text = Text(copy).to_string();
        assert!(text.starts_with("a<span class=\"cc\" title=\"hidden character\">U+202E</span>b"));
        assert!(!text.contains(['\u{202e}', '\u{0}', '\u{feff}']), "{text}");
        // Line breaks, tabs and ordinary non-ASCII letters are not hidden.
        for c in ['\n', '\r', '\t', 'é', '“', '\u{200d}'] {
            assert!(!is_hidden(c), "{c:?}");
        }
        for c in ['\u{7}', '\u{85}', '\u{2067}', '\u{fffe}', '\u{1ffff}'] {
            assert!(is_hidden(c), "{c:?}");
        }
    }
}
