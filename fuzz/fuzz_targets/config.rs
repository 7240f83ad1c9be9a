//! Arbitrary bytes as a copydesk.toml, as a cloned repository may hold.
//!
//! Reading a configuration must give a configuration or a `ConfigError`
//! whose span lies inside the file and whose message renders; a
//! configuration that is accepted must build linters that lint without
//! failing. No panic, no unbounded time (libFuzzer's `-timeout`) or memory
//! (`-rss_limit_mb`).

#![no_main]

use std::path::Path;

use copydesk::config::Config;
use copydesk::Syntax;
use libfuzzer_sys::fuzz_target;

const STORY: &str = "Critics say the legendary plan was very shocking, the mayor slammed.\n\n\"We will win,\" she posted. About 3,000 people came.\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("/newsroom/copydesk.toml");
    match Config::parse(text, path) {
        Err(e) => {
            if let Some(span) = &e.span {
                assert!(span.start <= span.end && span.end <= text.len(), "{e:?}");
            }
            assert!(!e.to_string().is_empty());
        }
        Ok(config) => {
            for file in [
                "/newsroom/story.md",
                "/newsroom/opinion/col.md",
                "/elsewhere/x.txt",
            ] {
                let linter = config.linter_for(Path::new(file));
                let report = linter.lint(STORY, Syntax::Markdown);
                assert!(report.failures.is_empty(), "{:?}", report.failures);
                for f in &report.findings {
                    assert!(STORY.get(f.span.clone()).is_some(), "{f:?}");
                }
            }
        }
    }
});
