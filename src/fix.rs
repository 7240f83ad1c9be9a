//! Applying fixes to text.

use crate::finding::{Edit, Finding};

/// Applies `edits` to `source`. Edits are applied in source order; one that
/// overlaps an earlier one, or falls outside the text or off a character
/// boundary, is skipped.
pub fn apply<'e>(source: &str, edits: impl IntoIterator<Item = &'e Edit>) -> String {
    let mut edits: Vec<&Edit> = edits.into_iter().collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for edit in edits {
        let valid = edit.span.start >= at
            && edit.span.start <= edit.span.end
            && source.is_char_boundary(edit.span.start)
            && source.is_char_boundary(edit.span.end);
        if !valid {
            continue;
        }
        out.push_str(&source[at..edit.span.start]);
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(&source[at..]);
    out
}

/// The edits of the first safe fix of each finding that do not collide with
/// one another, in source order: what "fix all" applies.
pub fn safe_edits(findings: &[Finding]) -> Vec<Edit> {
    let mut chosen: Vec<Edit> = Vec::new();
    let mut fixes: Vec<&crate::finding::Fix> = findings
        .iter()
        .filter_map(|f| f.fixes.iter().find(|x| x.safe))
        .collect();
    fixes.sort_by_key(|f| f.edits.first().map(|e| e.span.start));
    for fix in fixes {
        let collides = fix.edits.iter().any(|e| {
            chosen.iter().any(|c| {
                e.span.start < c.span.end.max(c.span.start + 1)
                    && c.span.start < e.span.end.max(e.span.start + 1)
            })
        });
        if !collides {
            chosen.extend(fix.edits.iter().cloned());
        }
    }
    chosen.sort_by_key(|e| e.span.start);
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: usize, end: usize, r: &str) -> Edit {
        Edit {
            span: start..end,
            replacement: r.to_string().into(),
        }
    }

    #[test]
    fn applies_in_order_and_skips_overlaps() {
        let src = "abcdef";
        assert_eq!(
            apply(src, &[edit(4, 5, "E"), edit(0, 1, "A"), edit(0, 2, "X")]),
            "AbcdEf"
        );
        assert_eq!(apply(src, &[edit(6, 6, "!")]), "abcdef!");
        assert_eq!(apply(src, &[edit(3, 99, "!")]), "abcdef");
    }
}
