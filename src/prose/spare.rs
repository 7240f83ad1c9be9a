//! The lists of the last paragraph analysed on a thread, kept for the next.

use std::cell::RefCell;
use std::ops::Range;

use super::lexicon::Classes;
use super::squeezed::Squeezed;
use super::word_classes::WordClass;
use super::{Cue, Figure, Paragraph, Quotation};

/// The lists of the last paragraph analysed on a thread, emptied and kept for
/// the next one: a document has thousands of paragraphs, each needing the
/// same eight lists, and refilling them spares allocating, growing and
/// freeing every one for every paragraph.
#[derive(Default)]
struct Spare {
    words: Vec<Range<usize>>,
    sentences: Vec<Range<usize>>,
    quotations: Vec<Quotation>,
    cues: Vec<Cue>,
    figures: Vec<Figure>,
    lower: String,
    classes: Vec<Classes>,
    outer: Vec<usize>,
    squeezed: Squeezed,
    word_classes: Vec<WordClass>,
}

thread_local! {
    static SPARE: RefCell<Spare> = RefCell::default();
}

/// Paragraphs longer than this leave no spare lists behind: a thread keeps
/// the room an ordinary paragraph needs, not what its longest one did.
const SPARE_LIMIT: usize = 16 * 1024;

impl Drop for Paragraph<'_> {
    fn drop(&mut self) {
        if self.text.len() <= SPARE_LIMIT {
            self.swap_spare();
        }
    }
}

impl Paragraph<'_> {
    /// Exchanges the paragraph's lists with the thread's spare ones. The
    /// lists move one by one: moving the whole [`Spare`] is a `memcpy` call,
    /// twice per paragraph.
    pub(super) fn swap_spare(&mut self) {
        // A thread being torn down has no spare to keep; neither does one
        // that is analysing a paragraph while dropping another.
        let _ = SPARE.try_with(|slot| {
            if let Ok(mut slot) = slot.try_borrow_mut() {
                use std::mem::swap;
                swap(&mut slot.words, &mut self.words);
                swap(&mut slot.sentences, &mut self.sentences);
                swap(&mut slot.quotations, &mut self.quotations);
                swap(&mut slot.cues, &mut self.cues);
                swap(&mut slot.figures, &mut self.figures);
                swap(&mut slot.lower, &mut self.lower);
                swap(&mut slot.classes, &mut self.classes);
                swap(&mut slot.outer, &mut self.outer);
                swap(&mut slot.squeezed, &mut self.squeezed);
                // Worked out only when a rule asks; then handed back.
                if let Some(words) = self.word_classes.take() {
                    slot.word_classes = words;
                }
            }
        });
    }

    /// An empty list for [`Paragraph::word_classes`], with the room the last
    /// paragraph on this thread used.
    pub(super) fn spare_word_classes() -> Vec<WordClass> {
        let mut words = SPARE
            .try_with(|slot| {
                slot.try_borrow_mut()
                    .map(|mut slot| std::mem::take(&mut slot.word_classes))
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        words.clear();
        words
    }
}
