//! Data files compiled into the binary: word lists and tables that belong
//! beside the code that reads them, not in string literals.

use serde::de::DeserializeOwned;

/// Parses an embedded TOML data file. The files are compiled in, and the
/// test suite loads every one, so a failure here is a build defect.
pub(crate) fn load<T: DeserializeOwned>(name: &str, source: &str) -> T {
    match toml::from_str(source) {
        Ok(data) => data,
        Err(e) => panic!("data file {name} is invalid: {e}"),
    }
}

/// Declares a static parsed on first use from a TOML file beside the module.
macro_rules! embedded_data {
    ($vis:vis $name:ident : $ty:ty = $file:literal) => {
        $vis static $name: std::sync::LazyLock<$ty> = std::sync::LazyLock::new(|| {
            $crate::prose::embedded::load($file, include_str!($file))
        });
    };
}
pub(crate) use embedded_data;
