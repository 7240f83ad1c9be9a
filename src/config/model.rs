//! The shape of copydesk.toml as serde reads it. Every table denies unknown
//! keys, so a typo is an error with its position rather than a setting that
//! silently does nothing. Names are kept with their spans so that the
//! checks serde cannot make (rule names, levels, limits) point at the right
//! place too.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

/// A name or value with its byte range in the file.
pub(crate) type S<T> = Spanned<T>;

/// The whole file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawConfig {
    /// Levels (and options) of families and rules.
    #[serde(default)]
    pub rules: BTreeMap<S<String>, S<toml::Value>>,
    /// The newsroom's own words.
    #[serde(default)]
    pub words: RawWords,
    /// Settings for files matching globs.
    #[serde(default)]
    pub overrides: Vec<S<RawOverride>>,
    /// The folder of the desk's style files.
    #[serde(default)]
    pub styles: Option<S<String>>,
}

/// `[words]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawWords {
    /// Term → the message the writer sees ("" for the default).
    #[serde(default)]
    pub avoid: BTreeMap<S<String>, S<String>>,
    /// Term → the desk's replacement.
    #[serde(default)]
    pub prefer: BTreeMap<S<String>, S<RawPreferred>>,
    /// Phrases no rule flags.
    #[serde(default)]
    pub accept: Vec<S<String>>,
    /// Extra speech and report verbs.
    #[serde(default)]
    pub attribution_verbs: Vec<S<String>>,
}

/// `[[overrides]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawOverride {
    /// Globs relative to the configuration file's folder.
    pub files: S<Vec<S<String>>>,
    /// Levels and options for those files.
    #[serde(default)]
    pub rules: BTreeMap<S<String>, S<toml::Value>>,
}

/// A preferred term: `"pro-life" = "anti-abortion"`, or a table with more.
#[derive(Debug)]
pub(crate) struct RawPreferred {
    pub replacement: String,
    pub safe: bool,
    pub note: Option<String>,
}

/// The table form of a preferred term.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PreferredTable {
    #[serde(rename = "use")]
    replacement: String,
    #[serde(default = "yes")]
    safe: bool,
    #[serde(default)]
    note: Option<String>,
}

fn yes() -> bool {
    true
}

impl<'de> Deserialize<'de> for RawPreferred {
    // By hand rather than `#[serde(untagged)]`, whose errors say only "did
    // not match any variant" and which loses the table's own field errors.
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<RawPreferred, D::Error> {
        struct Preferred;
        impl<'de> Visitor<'de> for Preferred {
            type Value = RawPreferred;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("the replacement as a string, or a table with `use` and optionally `safe` and `note`")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<RawPreferred, E> {
                Ok(RawPreferred {
                    replacement: s.to_string(),
                    safe: true,
                    note: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawPreferred, A::Error> {
                let t = PreferredTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawPreferred {
                    replacement: t.replacement,
                    safe: t.safe,
                    note: t.note,
                })
            }
        }
        deserializer.deserialize_any(Preferred)
    }
}
