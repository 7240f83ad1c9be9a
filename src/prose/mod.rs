//! The prose model: what rules see of a document.
//!
//! A source is split into prose blocks ([`markup`]); each block is analysed
//! on its own into a [`Paragraph`]: words, sentences, quotations, attribution
//! cues and figures. Offsets in a paragraph are relative to its block.

pub mod attribution;
pub mod discourse;
pub(crate) mod embedded;
pub mod figures;
pub(crate) mod lexicon;
pub mod markup;
pub mod months;
mod names;
pub mod numbers;
mod paragraph;
pub mod quotations;
pub mod sentences;
mod sourcing;
mod spare;
mod speakers;
mod squeezed;
mod tables;
pub mod word_classes;
pub mod word_list;
pub mod words;

pub use attribution::Cue;
pub use discourse::{Links, Reach, Story};
pub use figures::{Figure, FigureKind};
pub use markup::{Block, BlockKind, Syntax};
pub use paragraph::Paragraph;
pub use quotations::Quotation;
