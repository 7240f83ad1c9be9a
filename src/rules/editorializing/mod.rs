//! `editorializing/…`: the writer's opinion leaking into news copy.

mod cliche;
mod contentious_label;
mod doubt_casting;
mod intensifier;
mod loaded_word;
mod mind_reading;
mod opinion_voice;
mod puffery;
mod said_synonym;

use super::Rule;

/// The rules of the family, in catalogue order.
pub(crate) static RULES: &[&dyn Rule] = &[
    &said_synonym::SaidSynonym,
    &loaded_word::LoadedWord,
    &puffery::Puffery,
    &intensifier::Intensifier,
    &mind_reading::MindReading,
    &opinion_voice::OpinionVoice,
    &doubt_casting::DoubtCasting,
    &cliche::Cliche,
    &contentious_label::ContentiousLabel,
];
