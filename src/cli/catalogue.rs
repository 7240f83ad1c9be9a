//! `copydesk rules` and `copydesk explain`: the rule catalogue from the
//! documentation each rule carries.

use std::process::ExitCode;

use copydesk::rules;

use super::{exit, ListFormat};

/// Prints every rule.
pub(super) fn list(format: ListFormat) -> ExitCode {
    let text = match format {
        ListFormat::Text => {
            let width = rules::catalogue().map(|r| r.id.len()).max().unwrap_or(0);
            rules::catalogue()
                .map(|m| {
                    format!(
                        "{:width$}  {:7}  {}\n",
                        m.id,
                        m.severity.as_str(),
                        m.summary
                    )
                })
                .collect()
        }
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = rules::catalogue()
                .map(|m| {
                    serde_json::json!({
                        "id": m.id, "family": m.family(), "severity": m.severity, "summary": m.summary,
                        "convention": m.convention, "fix": m.fix.is_some(), "url": m.doc_url(),
                    })
                })
                .collect();
            format!("{}\n", serde_json::Value::Array(list))
        }
        ListFormat::Markdown => rule_docs_markdown(),
    };
    print!("{text}");
    ExitCode::from(exit::CLEAN)
}

/// Prints one rule's documentation.
pub(super) fn explain(id: &str) -> ExitCode {
    match rules::find(id) {
        Some(rule) => {
            print!("{}", rule.to_markdown());
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
