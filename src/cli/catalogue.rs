//! `copydesk rules` and `copydesk explain`: the rule catalogue from the
//! documentation each rule carries, and the desk's own rules from the style
//! files of the configuration that governs the current folder.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use copydesk::config::{Config, Resolver};
use copydesk::rules;
use copydesk::rules::house::stylebook::Stylebook;

use super::{exit, ListFormat};

/// The stylebook of the configuration governing the current folder; a
/// configuration that cannot be read is reported and listed without.
fn stylebook() -> Option<Arc<Stylebook>> {
    let config: Arc<Config> = match Resolver::new().config_for(Path::new(".")) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("warning: {e}");
            return None;
        }
    };
    config.styles().map(|s| Arc::clone(&s.book))
}

/// A house rule's one-line summary: its message, or its kind.
fn house_summary(book: &Stylebook, id: &str) -> String {
    let Some(spec) = book.spec(id) else {
        return String::new();
    };
    let first_line = |t: &str| t.trim().lines().next().unwrap_or("").to_string();
    match (&spec.explanation, &spec.message) {
        (Some(explanation), _) => first_line(explanation),
        (None, Some(message)) => first_line(message),
        (None, None) => format!(
            "A house {} rule of the desk's stylebook",
            spec.kind.as_str()
        ),
    }
}

/// Prints every rule.
pub(super) fn list(format: ListFormat) -> ExitCode {
    let book = stylebook();
    let house: Vec<(&str, copydesk::Severity)> = book.iter().flat_map(|b| b.defaults()).collect();
    let text = match format {
        ListFormat::Text => {
            let rows: Vec<(&str, &str, String)> = rules::catalogue()
                .map(|m| (m.id.as_str(), m.severity.as_str(), m.summary.clone()))
                .chain(house.iter().map(|&(id, severity)| {
                    (
                        id,
                        severity.as_str(),
                        book.as_deref()
                            .map(|b| house_summary(b, id))
                            .unwrap_or_default(),
                    )
                }))
                .collect();
            let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
            rows.iter()
                .map(|(id, severity, summary)| format!("{id:width$}  {severity:7}  {summary}\n"))
                .collect()
        }
        ListFormat::Json => {
            let mut list: Vec<serde_json::Value> = rules::catalogue()
                .map(|m| {
                    serde_json::json!({
                        "id": m.id, "family": m.family(), "severity": m.severity, "summary": m.summary,
                        "convention": m.convention, "fix": m.fix.is_some(), "url": m.doc_url(),
                    })
                })
                .collect();
            for &(id, severity) in &house {
                let Some(book) = book.as_deref() else {
                    continue;
                };
                let spec = book.spec(id);
                list.push(serde_json::json!({
                    "id": id, "family": "house", "severity": severity, "summary": house_summary(book, id),
                    "convention": "The desk's stylebook", "kind": spec.map(|s| s.kind.as_str()),
                    "fix": spec.is_some_and(|s| s.kind == rules::house::stylebook::Kind::Substitution),
                    "url": spec.and_then(|s| s.link.clone()),
                }));
            }
            format!("{}\n", serde_json::Value::Array(list))
        }
        ListFormat::Markdown => {
            let mut md = rule_docs_markdown();
            if let Some(book) = book.as_deref().filter(|b| !b.is_empty()) {
                md.push_str("## The desk's stylebook\n\n");
                for (id, _) in book.defaults() {
                    md.push_str(&book.to_markdown(id).unwrap_or_default());
                    md.push('\n');
                }
            }
            md
        }
    };
    print!("{text}");
    ExitCode::from(exit::CLEAN)
}

/// Prints one rule's documentation.
pub(super) fn explain(id: &str) -> ExitCode {
    let house = || stylebook().and_then(|b| b.to_markdown(id));
    match rules::find(id).map(|r| r.to_markdown()).or_else(house) {
        Some(markdown) => {
            print!("{markdown}");
            ExitCode::from(exit::CLEAN)
        }
        None => {
            eprintln!("error: no rule named `{id}`");
            let close: Vec<&str> = rules::catalogue()
                .map(|r| r.id.as_str())
                .filter(|candidate| candidate.contains(id) || id.contains(rules_name(candidate)))
                .collect();
            if !close.is_empty() {
                eprintln!("  did you mean: {}", close.join(", "));
            }
            eprintln!("  `copydesk rules` lists every rule");
            ExitCode::from(exit::ERROR)
        }
    }
}

fn rules_name(id: &str) -> &str {
    id.split_once('/').map_or(id, |(_, n)| n)
}

/// The catalogue table of the README, kept current by a test.
#[cfg(test)]
fn catalogue_markdown() -> String {
    let mut md = String::from("| Rule | Default | What it flags | Fix |\n|---|---|---|---|\n");
    for m in rules::catalogue() {
        let fix = match &m.fix {
            Some(_) => "yes",
            None => "—",
        };
        md.push_str(&format!(
            "| [`{}`](docs/rules.md#{}) | {} | {} | {} |\n",
            m.id,
            m.id.replace('/', "").to_lowercase(),
            m.severity,
            m.summary,
            fix
        ));
    }
    md
}

/// Every rule's documentation: `docs/rules.md` and `copydesk rules --format markdown`.
fn rule_docs_markdown() -> String {
    let mut md = String::from("# copydesk rules\n\nGenerated from the rule data files (`src/rules/<family>/<rule>.toml`); `copydesk explain RULE` prints the same text.\n\n");
    for family in rules::families() {
        md.push_str(&format!("## {family}\n\n"));
        for rule in rules::catalogue().filter(|r| r.family() == family) {
            md.push_str(&rule.to_markdown());
            md.push('\n');
        }
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `docs/rules.md` and the README's catalogue table are generated from the
    /// rules; this test fails when they drift (`UPDATE_DOCS=1 cargo test` rewrites them).
    #[test]
    fn docs_are_current() {
        let root = env!("CARGO_MANIFEST_DIR");
        let docs_path = format!("{root}/docs/rules.md");
        let readme_path = format!("{root}/README.md");
        let docs = rule_docs_markdown();
        let readme = std::fs::read_to_string(&readme_path).unwrap_or_default();
        let (begin, end) = ("<!-- catalogue:begin -->\n", "<!-- catalogue:end -->");
        let table_start = readme.find(begin).map(|i| i + begin.len());
        let table_end = readme.find(end);
        let updated_readme = match (table_start, table_end) {
            (Some(s), Some(e)) if s <= e => {
                format!("{}{}{}", &readme[..s], catalogue_markdown(), &readme[e..])
            }
            _ => readme.clone(),
        };
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::create_dir_all(format!("{root}/docs")).ok();
            std::fs::write(&docs_path, &docs).ok();
            std::fs::write(&readme_path, &updated_readme).ok();
        }
        assert_eq!(
            std::fs::read_to_string(&docs_path).unwrap_or_default(),
            docs,
            "docs/rules.md is stale: UPDATE_DOCS=1 cargo test"
        );
        assert!(
            table_start.is_some() && table_end.is_some(),
            "README.md lacks the catalogue markers"
        );
        let current = std::fs::read_to_string(&readme_path).unwrap_or_default();
        assert_eq!(
            current, updated_readme,
            "README catalogue is stale: UPDATE_DOCS=1 cargo test"
        );
    }
}
