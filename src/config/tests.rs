//! copydesk.toml: reading, checking, overrides, errors, limits, the schema
//! and the starter file.

use std::path::Path;

use super::*;
use crate::{Severity, Syntax};

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::parse(text, Path::new("/news/copydesk.toml"))
}

/// The error for `text`, as "line:column: message".
fn error(text: &str) -> String {
    match parse(text) {
        Ok(_) => panic!("accepted: {text}"),
        Err(e) => format!("{}:{}: {}", e.line, e.column, e.message),
    }
}

fn rules_found(config: &Config, file: &str, text: &str) -> Vec<(&'static str, Severity)> {
    rules_of(&config.linter_for(Path::new(file)), text)
}

/// The rules and severities of `linter`'s findings on `text`.
fn rules_of(linter: &Linter, text: &str) -> Vec<(&'static str, Severity)> {
    linter
        .lint(text, Syntax::Markdown)
        .findings
        .iter()
        .map(|f| (f.rule, f.severity))
        .collect()
}

#[test]
fn levels_for_families_and_rules() {
    let config = parse("[rules]\nediorializing_typo_guard = \"off\"\n").err();
    assert!(config.is_some());
    let config = parse("[rules]\neditorializing = \"error\"\n\"editorializing/intensifier\" = \"off\"\nattribution = \"off\"\n").expect("valid");
    assert_eq!(
        rules_found(
            &config,
            "/news/a.md",
            "It was very shocking. Critics say so."
        ),
        [("editorializing/loaded-word", Severity::Error)]
    );
}

#[test]
fn overrides_by_glob_later_ones_win_and_families_beat_earlier_rule_entries() {
    let text = r#"
[rules]
"editorializing/loaded-word" = "error"

[[overrides]]
files = ["opinion/**", "*.column.md"]
rules = { editorializing = "off" }

[[overrides]]
files = ["opinion/letters/**"]
rules = { "editorializing/loaded-word" = "hint" }
"#;
    let config = parse(text).expect("valid");
    let shocking = "It was shocking.";
    assert_eq!(
        rules_found(&config, "/news/metro/a.md", shocking),
        [("editorializing/loaded-word", Severity::Error)]
    );
    assert_eq!(rules_found(&config, "/news/opinion/a.md", shocking), []);
    assert_eq!(
        rules_found(&config, "/news/metro/mayor.column.md", shocking),
        []
    );
    assert_eq!(
        rules_found(&config, "/news/opinion/letters/a.md", shocking),
        [("editorializing/loaded-word", Severity::Hint)]
    );
    // `*` does not cross folders; the globs are relative to the config's folder.
    let config =
        parse("[[overrides]]\nfiles = [\"opinion/*.md\"]\nrules = { editorializing = \"off\" }\n")
            .expect("valid");
    assert_eq!(
        rules_found(&config, "/news/opinion/deep/a.md", shocking).len(),
        1
    );
    assert_eq!(
        rules_found(&config, "/elsewhere/opinion/a.md", shocking).len(),
        1
    );
    assert_eq!(
        rules_found(&config, "/news/opinion/a.md", shocking).len(),
        0
    );
}

#[test]
fn rule_options_in_the_rule_table() {
    let config =
        parse("[rules]\n\"figures/unsourced-count\" = { level = \"info\", min-count = 5000 }\n")
            .expect("valid");
    let found = rules_found(
        &config,
        "/news/a.md",
        "About 1,200 students came, and 7,500 cars.",
    );
    assert_eq!(found, [("figures/unsourced-count", Severity::Info)]);
    assert_eq!(
        config
            .rule_options_for(Path::new("/news/a.md"))
            .get("figures/unsourced-count", "min-count"),
        Some(5000)
    );
}

#[test]
fn the_newsrooms_words() {
    let text = r#"
[rules]
editorializing = "off"

[words]
attribution-verbs = ["tweeted"]
accept = ["Shocking Blue"]
avoid = { "slammed" = "Say what was said." }

[words.prefer]
"pro-life" = "anti-abortion"
"Kiev" = { use = "Kyiv", note = "AP style.", safe = false }
"#;
    let config = parse(text).expect("valid");
    let story = "The mayor slammed pro-life groups in Kiev. The band Shocking Blue played.";
    let found: Vec<&str> = rules_found(&config, "/news/a.md", story)
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    assert_eq!(
        found,
        [
            "house/avoid-term",
            "house/preferred-term",
            "house/preferred-term"
        ]
    );
    let linter = config.linter_for(Path::new("/news/a.md"));
    let report = linter.lint(story, Syntax::Markdown);
    let fixed = crate::fix::apply(story, &crate::fix::safe_edits(&report.findings));
    assert_eq!(
        fixed,
        "The mayor slammed anti-abortion groups in Kiev. The band Shocking Blue played."
    );
    // An extra verb attributes the figure.
    assert_eq!(
        rules_found(
            &config,
            "/news/a.md",
            "About 3,000 people came, the police tweeted."
        ),
        []
    );
    assert_eq!(
        rules_found(
            &Config::default(),
            "/news/a.md",
            "About 3,000 people came, the police tweeted."
        )
        .len(),
        1
    );
}

#[test]
fn errors_say_where_and_what() {
    // Bad TOML.
    assert_eq!(
        error("[rules\n"),
        "1:7: invalid table header\nexpected `.`, `]`"
    );
    // Unknown keys, at every level.
    assert!(error("colour = \"blue\"\n")
        .starts_with("1:1: unknown field `colour`, expected one of `rules`, `words`, `overrides`"));
    assert!(error("[words]\nban = []\n").starts_with("2:1: unknown field `ban`"));
    assert!(error("[[overrides]]\nfiles = [\"a\"]\nrule = {}\n")
        .starts_with("3:1: unknown field `rule`"));
    let e = error("[words.prefer]\n\"a\" = { use = \"b\", safe = \"no\" }\n");
    assert!(
        e.starts_with("2:27: invalid type: string \"no\", expected a boolean"),
        "{e}"
    );
    // Wrong types.
    assert!(
        error("[words]\naccept = \"Shocking Blue\"\n")
            .starts_with("2:10: invalid type: string \"Shocking Blue\", expected a sequence"),
        "{}",
        error("[words]\naccept = \"Shocking Blue\"\n")
    );
    assert_eq!(
        error("[rules]\nstyle = 3\n"),
        "2:9: `style` must be a level (off, hint, info, warning, error) or a table, not integer"
    );
    // Unknown rules, families and levels, with the closest name.
    assert_eq!(
        error("[rules]\neditorialising = \"off\"\n"),
        "2:1: unknown rule or family `editorialising`; did you mean `editorializing`?"
    );
    assert_eq!(error("[rules]\n\"figures/unsourced-percent\" = \"off\"\n"), "2:1: unknown rule or family `figures/unsourced-percent`; did you mean `figures/unsourced-percentage`?");
    assert_eq!(
        error("[rules]\nxyzzy = \"off\"\n"),
        "2:1: unknown rule or family `xyzzy`; `copydesk rules` lists them"
    );
    assert_eq!(error("[rules]\nstyle = \"warn\"\n"), "2:9: unknown level `warn`; use off, hint, info, warning or error (did you mean `warning`?)");
    assert_eq!(
        error("[[overrides]]\nfiles = [\"a/**\"]\nrules = { nope = \"off\" }\n"),
        "3:11: unknown rule or family `nope`; `copydesk rules` lists them"
    );
    // Options.
    assert_eq!(
        error("[rules]\n\"figures/unsourced-count\" = { min = 5 }\n"),
        "2:29: `figures/unsourced-count` has no option `min`; it has min-count"
    );
    assert_eq!(
        error("[rules]\n\"figures/unsourced-count\" = { min-count = 5 }\n"),
        "2:29: `min-count` of `figures/unsourced-count` must be from 1000 to 1000000000000, not 5"
    );
    assert_eq!(
        error("[rules]\n\"figures/unsourced-count\" = { min-count = \"5\" }\n"),
        "2:29: `min-count` of `figures/unsourced-count` must be a whole number, not string"
    );
    assert_eq!(
        error("[rules]\nfigures = { min-count = 5000 }\n"),
        "2:11: `min-count`: a family takes only a level; options belong to a rule"
    );
    // Globs and words.
    assert_eq!(
        error("[[overrides]]\nfiles = [\"a/[b\"]\n"),
        "2:10: invalid glob `a/[b`: unclosed character class; missing ']'"
    );
    assert_eq!(
        error("[[overrides]]\nfiles = []\n"),
        "2:9: `files` needs at least one glob"
    );
    assert_eq!(
        error("[words]\nattribution-verbs = [\"posted on\"]\n"),
        "2:22: `posted on` is not a single word; attribution verbs are words such as \"posted\""
    );
    assert_eq!(
        error("[words]\naccept = [\" \"]\n"),
        "2:11: an empty phrase would match nothing"
    );
}

#[test]
fn the_error_names_the_file() {
    let e = Config::parse(
        "[rules]\nstyle = \"loud\"\n",
        Path::new("desk/copydesk.toml"),
    )
    .expect_err("bad level");
    assert!(
        e.to_string()
            .starts_with("desk/copydesk.toml:2:9: unknown level `loud`"),
        "{e}"
    );
    let missing = Config::load(Path::new("/no/such/copydesk.toml")).expect_err("missing");
    assert_eq!(missing.to_string(), "/no/such/copydesk.toml: no such file");
}

#[test]
fn limits_stop_oversized_configurations() {
    let many: String = (0..=limits::MAX_PHRASES)
        .map(|i| format!("\"term{i}\" = \"x\"\n"))
        .collect();
    let e = error(&format!("[words.prefer]\n{many}"));
    assert!(
        e.contains(&format!("at most {} are allowed", limits::MAX_PHRASES)),
        "{e}"
    );
    let long = "x".repeat(limits::MAX_PHRASE_CHARS + 1);
    assert!(error(&format!("[words]\naccept = [\"{long}\"]\n")).contains("at most 200 characters"));
    let big = format!("# {}\n", "x".repeat(limits::MAX_FILE_BYTES));
    assert_eq!(parse(&big).expect_err("too big").message, limits::too_big());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("copydesk.toml");
    std::fs::write(&path, &big).expect("write");
    assert_eq!(
        Config::load(&path).expect_err("too big").message,
        limits::too_big()
    );
    let globs: String = (0..=limits::MAX_GLOBS)
        .map(|i| format!("\"g{i}\","))
        .collect();
    assert!(error(&format!("[[overrides]]\nfiles = [{globs}]\n")).contains("at most 100 globs"));
}

#[test]
fn resolver_discovers_per_folder_and_honours_an_explicit_file() {
    let root = tempfile::tempdir().expect("tempdir");
    let r = root.path();
    std::fs::create_dir_all(r.join(".git")).expect("mkdir");
    std::fs::create_dir_all(r.join("opinion")).expect("mkdir");
    std::fs::write(
        r.join("copydesk.toml"),
        "[rules]\neditorializing = \"error\"\n",
    )
    .expect("write");
    std::fs::write(
        r.join("opinion/.copydesk.toml"),
        "[rules]\neditorializing = \"off\"\n",
    )
    .expect("write");
    let resolver = Resolver::new();
    let shocking = |linter: Arc<Linter>| {
        linter
            .lint("It was shocking.", Syntax::Markdown)
            .findings
            .iter()
            .map(|f| f.severity)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        resolver.linter_for(&r.join("news.md")).map(shocking),
        Ok(vec![Severity::Error])
    );
    assert_eq!(
        resolver.linter_for(&r.join("opinion/col.md")).map(shocking),
        Ok(vec![])
    );
    let explicit = Resolver::with_config(&r.join("copydesk.toml")).expect("valid");
    assert_eq!(
        explicit.linter_for(&r.join("opinion/col.md")).map(shocking),
        Ok(vec![Severity::Error])
    );
    // A broken file is reported for the files it governs, and a fixed one is read again after clear().
    std::fs::write(
        r.join("opinion/.copydesk.toml"),
        "[rules]\neditorializing = \"loud\"\n",
    )
    .expect("write");
    assert!(
        resolver.linter_for(&r.join("opinion/col.md")).is_ok(),
        "cached until cleared"
    );
    resolver.clear();
    let e = resolver
        .config_for(&r.join("opinion/col.md"))
        .expect_err("broken");
    assert_eq!((e.line, e.column), (2, 18));
    assert!(resolver.linter_for(&r.join("news.md")).is_ok());
}

#[test]
fn linters_are_shared_between_files_with_the_same_overrides() {
    let config =
        parse("[[overrides]]\nfiles = [\"opinion/**\"]\nrules = { editorializing = \"off\" }\n")
            .expect("valid");
    let a = config.linter_for(Path::new("/news/a.md"));
    let b = config.linter_for(Path::new("/news/b.md"));
    let c = config.linter_for(Path::new("/news/opinion/c.md"));
    assert!(Arc::ptr_eq(&a, &b));
    assert!(!Arc::ptr_eq(&a, &c));
    let d = config.linter_for(Path::new("/news/opinion/d.md"));
    assert!(Arc::ptr_eq(&c, &d));
}

/// What a front end sets on top of the file's levels, such as `--ignore`.
fn ignore_intensifier(mut options: LintOptions) -> LintOptions {
    options
        .levels
        .insert("editorializing/intensifier".into(), Level::Off);
    options
}

#[test]
fn a_front_ends_levels_make_a_linter_of_their_own() {
    let config = parse("[rules]\n\"editorializing/intensifier\" = \"error\"\n").expect("valid");
    let text = "It was very shocking.";
    let plain = config.linter_for(Path::new("/news/a.md"));
    let ignoring = config.linter(Path::new("/news/a.md"), ignore_intensifier);
    assert!(!Arc::ptr_eq(&plain, &ignoring));
    let rules = |linter: &Linter| rules_of(linter, text);
    assert!(rules(&plain).contains(&("editorializing/intensifier", Severity::Error)));
    assert!(!rules(&ignoring)
        .iter()
        .any(|(rule, _)| *rule == "editorializing/intensifier"));
    // The same adjustment for another file with the same overrides: the same linter.
    let again = config.linter(Path::new("/news/b.md"), ignore_intensifier);
    assert!(Arc::ptr_eq(&ignoring, &again));
    assert!(Arc::ptr_eq(
        &plain,
        &config.linter_for(Path::new("/news/b.md"))
    ));
}

#[test]
fn no_file_gives_the_built_in_defaults() {
    let text = "It was very shocking. Critics say the plan failed.";
    let findings = |linter: &Linter| -> Vec<(&'static str, Severity, std::ops::Range<usize>)> {
        linter
            .lint(text, Syntax::Markdown)
            .findings
            .iter()
            .map(|f| (f.rule, f.severity, f.span.clone()))
            .collect()
    };
    let defaults = Config::default().linter_for(Path::new("story.md"));
    let built_in = Linter::new(LintOptions::default());
    assert!(!findings(&built_in).is_empty());
    assert_eq!(findings(&defaults), findings(&built_in));
}

/// The starter with its example lines uncommented: every key it documents
/// but `styles`, whose folder the styles tests make.
fn uncommented_starter() -> String {
    starter()
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(rest)
                if rest.starts_with('[')
                    || rest.starts_with('"')
                    || rest.split_once(" = ").is_some_and(|(k, _)| {
                        k != "styles" && k.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                    }) =>
            {
                rest
            }
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_starter_file_parses_as_is_and_uncommented() {
    assert_eq!(
        parse(starter()).map(|c| c.lint_options_for(Path::new("/news/a.md"))),
        Ok(LintOptions::default()).map_err(|e: ConfigError| e)
    );
    let full = uncommented_starter();
    let config = parse(&full).unwrap_or_else(|e| panic!("{e}\n{full}"));
    assert!(!config.words().is_empty());
    assert_eq!(config.overrides.len(), 2);
    assert!(config
        .lint_options_for(Path::new("/news/a.md"))
        .levels
        .contains_key("style"));
}

#[test]
fn the_shipped_schemas_are_current() {
    for (name, generated) in [
        ("copydesk.schema.json", schema::json_schema_text()),
        ("copydesk-style.schema.json", schema::style_schema_text()),
    ] {
        let path = format!("{}/schema/{name}", env!("CARGO_MANIFEST_DIR"));
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(&path, &generated).ok();
        }
        let shipped = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            shipped, generated,
            "schema/{name} is stale: UPDATE_DOCS=1 cargo test"
        );
    }
}

#[test]
fn the_style_schema_and_the_rule_model_accept_the_same_keys() {
    let probe = "id = \"a\"\nkind = \"existence\"\nprobe-key-not-in-model = 1\n";
    let message = match toml::from_str::<crate::rules::house::stylebook::RuleSpec>(probe) {
        Ok(_) => panic!("the probe key was accepted"),
        Err(e) => e.message().to_string(),
    };
    let mut model: Vec<String> = (message.split("expected one of ").nth(1).unwrap_or(""))
        .split([',', ' '])
        .filter(|k| *k != "or")
        .map(|k| k.trim_matches('`').to_string())
        .filter(|k| !k.is_empty())
        .collect();
    model.sort();
    let schema = schema::style_schema();
    assert_eq!(
        model,
        schema_keys(&schema, "/properties/rule/items/properties")
    );
}

/// The keys a table of the model accepts, read from serde's own "unknown
/// field … expected one of" message for a probe key.
fn model_keys(prefix: &str) -> Vec<String> {
    let text = format!("{prefix}\nprobe-key-not-in-model = 1\n");
    let message = parse(&text).expect_err("probe").message;
    let list = message
        .split("expected one of ")
        .nth(1)
        .or_else(|| message.split("expected ").nth(1))
        .unwrap_or("");
    list.split([',', ' '])
        .filter(|k| *k != "or")
        .map(|k| k.trim_matches('`').to_string())
        .filter(|k| !k.is_empty())
        .collect()
}

fn schema_keys(schema: &serde_json::Value, pointer: &str) -> Vec<String> {
    let mut keys: Vec<String> = schema
        .pointer(pointer)
        .and_then(|v| v.as_object())
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    keys.sort();
    keys
}

#[test]
fn the_schema_and_the_model_accept_the_same_keys() {
    let schema = schema::json_schema();
    for (prefix, pointer) in [
        ("", "/properties"),
        ("[words]", "/properties/words/properties"),
        (
            "[[overrides]]\nfiles = [\"a\"]",
            "/properties/overrides/items/properties",
        ),
    ] {
        let mut model = model_keys(prefix);
        model.sort();
        assert_eq!(model, schema_keys(&schema, pointer), "keys of `{prefix}`");
    }
    // Every rule and family, and every option, is a key of the rules table.
    let rules = schema_keys(&schema, "/properties/rules/properties");
    for rule in known::rules() {
        assert!(
            rules.contains(&rule.id),
            "{} missing from the schema",
            rule.id
        );
    }
    let options: Vec<(&str, &str)> = known::rules()
        .flat_map(|m| {
            m.options
                .iter()
                .map(move |o| (m.id.as_str(), o.name.as_str()))
        })
        .collect();
    assert_eq!(options.len(), 3, "{options:?}");
    for (rule, name) in options {
        let pointer = format!(
            "/properties/rules/properties/{}/anyOf/1/properties/{name}",
            rule.replace('/', "~1"),
        );
        assert!(schema.pointer(&pointer).is_some(), "{pointer}");
    }
}

fn validate(instance_toml: &str) -> Result<(), String> {
    let instance: serde_json::Value = toml::from_str::<toml::Value>(instance_toml)
        .map_err(|e| e.to_string())
        .and_then(|v| serde_json::to_value(v).map_err(|e| e.to_string()))?;
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource(schema::SCHEMA_URL, schema::json_schema())
        .map_err(|e| e.to_string())?;
    let index = compiler
        .compile(schema::SCHEMA_URL, &mut schemas)
        .map_err(|e| format!("{e:#}"))?;
    schemas
        .validate(&instance, index)
        .map_err(|e| format!("{e:#}"))
}

#[test]
fn a_real_validator_agrees_with_the_model() {
    assert_eq!(validate(starter()), Ok(()));
    assert_eq!(validate(&uncommented_starter()), Ok(()));
    for bad in [
        "colour = 1",
        "[rules]\neditorialising = \"off\"",
        "[rules]\nstyle = \"warn\"",
        "[rules]\n\"figures/unsourced-count\" = { min = 5 }",
        "[rules]\n\"figures/unsourced-count\" = { min-count = 5 }",
        "[words]\naccept = \"x\"",
        "[words.prefer]\n\"a\" = { safe = true }",
        "[[overrides]]\nrules = {}",
    ] {
        assert!(validate(bad).is_err(), "schema accepts: {bad}");
        assert!(parse(bad).is_err(), "model accepts: {bad}");
    }
}
