//! Word lists with a quick test for words that cannot be on them: most
//! words of a paragraph are on no list, and two table reads say so before
//! any comparison.

/// The (length, first letter, last letter) and (length, first letter,
/// middle letter) combinations of a list of words, ignoring ASCII case: a
/// word whose combinations are not among them is none of the words. Most
/// words are ruled out by two table reads, before any comparison (the number
/// and month words are looked for in every word). The middle letter tells
/// "Story" from "sixty" and "these" from "three".
pub struct Shapes {
    /// For each length, for each first letter, the last letters and the
    /// middle letters as bits; any byte but an ASCII letter counts as a 27th
    /// letter.
    masks: Vec<[(u32, u32); 27]>,
}

impl Shapes {
    /// The shapes of `words`.
    pub fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> Shapes {
        let mut shapes = Shapes { masks: Vec::new() };
        for w in words {
            let (first, middle, last) = letters(w.as_bytes());
            if shapes.masks.len() <= w.len() {
                shapes.masks.resize(w.len() + 1, [(0, 0); 27]);
            }
            let (lasts, middles) = &mut shapes.masks[w.len()][first];
            *lasts |= 1 << last;
            *middles |= 1 << middle;
        }
        shapes
    }

    /// Whether `word` may be one of the words (ignoring ASCII case).
    pub fn may_be(&self, word: &[u8]) -> bool {
        let (first, middle, last) = letters(word);
        self.masks.get(word.len()).is_some_and(|m| {
            let (lasts, middles) = m[first];
            lasts >> last & middles >> middle & 1 != 0
        })
    }
}

/// A list of words from a rule's data, with their shapes: a word of no
/// listed shape (most words) is ruled out by two table reads, before the
/// list is compared word by word.
#[derive(serde::Deserialize)]
#[serde(from = "Vec<String>")]
pub struct WordList {
    words: Vec<String>,
    shapes: Shapes,
}

impl From<Vec<String>> for WordList {
    fn from(words: Vec<String>) -> WordList {
        WordList {
            shapes: Shapes::new(words.iter().map(String::as_str)),
            words,
        }
    }
}

impl WordList {
    /// Whether `word` is on the list, exactly as listed.
    pub fn contains(&self, word: &str) -> bool {
        self.shapes.may_be(word.as_bytes()) && self.words.iter().any(|w| w == word)
    }

    /// Where `word` is on the list, ignoring ASCII case.
    pub fn position_ignoring_ascii_case(&self, word: &str) -> Option<usize> {
        if !self.shapes.may_be(word.as_bytes()) {
            return None;
        }
        self.words.iter().position(|w| w.eq_ignore_ascii_case(word))
    }

    /// The words, as listed.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }
}

/// The letter index of every byte: 0 to 25 for an ASCII letter of either
/// case, 26 for any other byte. One load per byte: shapes are asked of most
/// words of every paragraph.
static LETTER_INDEX: [u8; 256] = {
    let mut index = [26; 256];
    let mut b = 0;
    while b < 256 {
        let lower = (b as u8).to_ascii_lowercase();
        if lower.is_ascii_lowercase() {
            index[b] = lower - b'a';
        }
        b += 1;
    }
    index
};

/// The first, middle and last bytes of `w` as letter indexes: 0 to 25 for
/// an ASCII letter of either case, 26 for any other byte (and for "").
fn letters(bytes: &[u8]) -> (usize, usize, usize) {
    let letter = |i: usize| {
        bytes
            .get(i)
            .map_or(26, |&b| usize::from(LETTER_INDEX[usize::from(b)]))
    };
    (
        letter(0),
        letter(bytes.len() / 2),
        letter(bytes.len().wrapping_sub(1)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn shapes_rule_out_only_other_words(
            list in proptest::collection::vec("[a-zA-Z'’-]{0,6}", 1..8),
            pick in 0usize..8,
            upper in proptest::collection::vec(proptest::bool::ANY, 6),
            other in "[a-zA-Z'’-]{0,6}",
        ) {
            let shapes = Shapes::new(list.iter().map(String::as_str));
            let listed: String = list[pick % list.len()]
                .chars()
                .zip(upper.iter().chain(std::iter::repeat(&false)))
                .map(|(c, &u)| if u { c.to_ascii_uppercase() } else { c })
                .collect();
            proptest::prop_assert!(shapes.may_be(listed.as_bytes()));
            if !shapes.may_be(other.as_bytes()) {
                proptest::prop_assert!(!list.iter().any(|l| l.eq_ignore_ascii_case(&other)));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn word_lists_contain_what_a_search_finds(
            list in proptest::collection::vec("[a-zA-Z'’/-]{0,6}", 0..8),
            pick in 0usize..8,
            other in "[a-zA-Z'’/-]{0,6}",
        ) {
            let words = WordList::from(list.clone());
            for w in list.get(pick).into_iter().chain([&other]) {
                proptest::prop_assert_eq!(words.contains(w), list.contains(w));
                let upper = w.to_ascii_uppercase();
                proptest::prop_assert_eq!(
                    words.position_ignoring_ascii_case(&upper),
                    list.iter().position(|l| l.eq_ignore_ascii_case(&upper))
                );
            }
        }
    }
}
