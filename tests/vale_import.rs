//! `copydesk import vale`, end to end: the real binary on a real public Vale
//! style (write-good, `tests/fixtures/vale/write-good/`), and the imported
//! rules checked against the spans Vale's own test suite says they flag.

mod cli_support;

use std::fs;
use std::path::{Path, PathBuf};

use cli_support::{json_report, run_in, text};

/// The fixture: a StylesPath holding the `write-good` style folder.
fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vale/write-good")
}

/// Runs `copydesk import vale DIR --out OUT [extra]` in `cwd`: status and stderr.
fn import(cwd: &Path, dir: &Path, out: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let (dir, out) = (dir.to_string_lossy(), out.to_string_lossy());
    let mut args = vec!["import", "vale", &*dir, "--out", &*out];
    args.extend_from_slice(extra);
    let output = run_in(cwd, &args);
    (output.status.code(), text(&output.stderr))
}

/// The `[[rule]]` tables of a written style file.
fn rules(path: &Path) -> Vec<toml::Table> {
    let written = fs::read_to_string(path).expect("the style file was written");
    let parsed: toml::Table = toml::from_str(&written).expect("the style file is TOML");
    parsed
        .get("rule")
        .and_then(|r| r.as_array())
        .map(|rules| {
            rules
                .iter()
                .map(|r| r.as_table().expect("a rule is a table").clone())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn write_good_imports_seven_of_eight_rules_and_says_why_not_the_eighth() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("styles");
    let (code, stderr) = import(tmp.path(), &fixture().join("write-good"), &out, &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("write-good: 7 of 8 rules translated (7 copydesk rules), 1 not translated"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Illusions.yml:1: not translated: copydesk has no `repetition` rule kind"),
        "{stderr}"
    );
    assert_eq!(stderr.matches("not translated:").count(), 1, "{stderr}");

    let path = out.join("write-good.toml");
    let written = fs::read_to_string(&path).expect("written");
    assert!(written.starts_with("# House style imported from the Vale style `write-good`.\n"));
    assert!(
        written.contains("\n# write-good/Weasel.yml\n[[rule]]\n"),
        "{written}"
    );
    let rules = rules(&path);
    let mut ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        [
            "write-good.cliches",
            "write-good.e-prime",
            "write-good.passive",
            "write-good.so",
            "write-good.there-is",
            "write-good.too-wordy",
            "write-good.weasel",
        ]
    );
    for rule in &rules {
        let id = rule["id"].as_str().unwrap_or_default();
        for key in ["kind", "level", "voice", "case", "message", "explanation"] {
            assert!(rule.contains_key(key), "{id} lacks `{key}`");
        }
        assert_eq!(rule["kind"].as_str(), Some("existence"), "{id}");
        assert_eq!(rule["voice"].as_str(), Some("anywhere"), "{id}");
        // Exactly one matcher, and a pattern the engine's regex crate runs.
        assert!(
            rule.contains_key("tokens") != rule.contains_key("pattern"),
            "{id}"
        );
        if let Some(pattern) = rule.get("pattern").and_then(|p| p.as_str()) {
            regex::Regex::new(pattern).unwrap_or_else(|e| panic!("{id}: {e}"));
        }
    }
    let by_id = |id: &str| {
        rules
            .iter()
            .find(|r| r["id"].as_str() == Some(id))
            .expect(id)
    };
    // Plain word lists stay word lists; regex tokens become Vale's pattern.
    assert!(by_id("write-good.weasel")["tokens"]
        .as_array()
        .is_some_and(|t| t.iter().any(|t| t.as_str() == Some("very"))));
    assert!(
        by_id("write-good.cliches").contains_key("pattern"),
        "`cease?` is a regex"
    );
    assert_eq!(by_id("write-good.e-prime")["level"].as_str(), Some("info"));
    assert_eq!(
        by_id("write-good.there-is")["case"].as_str(),
        Some("sensitive")
    );
    assert_eq!(
        by_id("write-good.weasel")["case"].as_str(),
        Some("insensitive")
    );
}

#[test]
fn an_import_never_overwrites_without_force() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("styles");
    let style = fixture().join("write-good");
    assert_eq!(import(tmp.path(), &style, &out, &[]).0, Some(0));
    let path = out.join("write-good.toml");
    fs::write(&path, "# the desk's edits\n").expect("edit");
    let (code, stderr) = import(tmp.path(), &style, &out, &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("already exists (--force overwrites it)"),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(&path).expect("kept"),
        "# the desk's edits\n"
    );
    assert_eq!(import(tmp.path(), &style, &out, &["--force"]).0, Some(0));
    assert_eq!(rules(&path).len(), 7);
}

#[test]
fn a_styles_path_gives_a_file_per_style_and_reports_each_bad_rule() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let styles = tmp.path().join("StylesPath");
    let desk = styles.join("Desk");
    fs::create_dir_all(&desk).expect("mkdir");
    fs::create_dir_all(styles.join("config/vocabularies")).expect("mkdir");
    fs::write(
        desk.join("Broken.yml"),
        "extends: existence\ntokens: [a, b\n",
    )
    .expect("write");
    fs::write(
        desk.join("Ahead.yml"),
        "extends: existence\nmessage: '%s'\nraw:\n  - 'Mr(?=\\.)'\n",
    )
    .expect("write");
    fs::write(
        desk.join("Terms.yml"),
        "extends: substitution\nmessage: Use '%s' rather than '%s'.\nlevel: error\n\
         ignorecase: true\naction:\n  name: replace\nswap:\n  utilize: use\n  'e-?mail': email\n",
    )
    .expect("write");
    fs::write(desk.join("Huge.yml"), vec![b'#'; (1 << 20) + 1]).expect("write");
    let outside = tmp.path().join("outside.yml");
    fs::write(&outside, "extends: existence\ntokens: [secret]\n").expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, desk.join("Link.yml")).expect("symlink");

    let out = tmp.path().join("styles");
    let (code, stderr) = import(tmp.path(), &styles, &out, &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("Desk: 1 of 4 rules translated (2 copydesk rules), 3 not translated"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Ahead.yml:3: not translated: look-ahead `(?=…)` is not supported"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Broken.yml:3: not translated: not valid YAML"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Huge.yml:1: not translated: larger than 1024 KiB"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Terms.yml:5: key `action` of `substitution` ignored"),
        "{stderr}"
    );
    #[cfg(unix)]
    assert!(
        stderr.contains("Link.yml: skipped: a symbolic link"),
        "{stderr}"
    );
    assert!(!stderr.contains("secret"));
    let written = rules(&out.join("desk.toml"));
    let ids: Vec<&str> = written.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, ["desk.terms-1", "desk.terms-2"]);
    assert_eq!(written[0]["swap"]["utilize"].as_str(), Some("use"));
    assert_eq!(written[1]["pattern"].as_str(), Some(r"\b(?:e-?mail)\b"));
    assert_eq!(
        written[1]["message"].as_str(),
        Some("Use '${replacement}' rather than '$0'.")
    );
    // The whole fixture is a StylesPath too: its `expected/` holds no rules.
    let (code, stderr) = import(tmp.path(), &fixture(), &tmp.path().join("again"), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(tmp.path().join("again/write-good.toml").is_file());
}

#[test]
fn a_missing_or_ruleless_folder_is_an_error() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("styles");
    let (code, stderr) = import(tmp.path(), &tmp.path().join("nowhere"), &out, &[]);
    assert_eq!(code, Some(2));
    assert!(stderr.starts_with("error: cannot read"), "{stderr}");
    let (code, stderr) = import(tmp.path(), tmp.path(), &out, &[]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("no Vale rules (*.yml)"), "{stderr}");
    assert!(!out.exists(), "nothing is written on an error");
}

/// One alert of Vale's expected output: `test.md:LINE:COLUMN:Style.Rule:message`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Alert {
    rule: String,
    line: u64,
    column: u64,
}

/// The scenarios of a cucumber `rules.feature`: the fixture each tests and
/// the alerts Vale must print for its `test.md`.
fn scenarios(feature: &str) -> Vec<(String, Vec<Alert>)> {
    let mut out: Vec<(String, Vec<Alert>)> = Vec::new();
    for line in feature.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("When I test \"") {
            out.push((rest.trim_end_matches('"').to_string(), Vec::new()));
        } else if let Some(rest) = line.strip_prefix("test.md:") {
            let mut parts = rest.splitn(4, ':');
            let (Some(l), Some(c), Some(rule)) = (parts.next(), parts.next(), parts.next()) else {
                panic!("unreadable alert {line}");
            };
            let alert = Alert {
                rule: rule.to_string(),
                line: l.parse().expect("line"),
                column: c.parse().expect("column"),
            };
            out.last_mut()
                .expect("an alert inside a scenario")
                .1
                .push(alert);
        }
    }
    out
}

/// Checks each Vale test text with the imported rules and compares the
/// imported rule's findings (`house/<id>`, line, column) with Vale's alerts.
///
#[test]
fn imported_rules_flag_the_spans_vales_tests_expect() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("styles");
    let (code, stderr) = import(tmp.path(), &fixture().join("write-good"), &out, &[]);
    assert_eq!(code, Some(0), "{stderr}");
    // Vale rule name -> copydesk id, from each rule's explanation.
    let ids: Vec<(String, String)> = rules(&out.join("write-good.toml"))
        .iter()
        .filter_map(|r| {
            let explanation = r["explanation"].as_str()?;
            let name = explanation.split("rule `").nth(1)?.split('`').next()?;
            Some((
                format!("write-good.{name}"),
                format!("house/{}", r["id"].as_str()?),
            ))
        })
        .collect();
    // One configuration above the test texts' folders, whose styles folder
    // is the import's output: style folders must be inside the repository.
    fs::write(tmp.path().join("copydesk.toml"), "styles = \"styles\"\n").expect("write");
    let feature = fs::read_to_string(fixture().join("expected/rules.feature")).expect("feature");
    let (mut expected_total, mut agreed, mut extra, mut compared) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for (name, alerts) in scenarios(&feature) {
        let text = fixture().join("expected").join(&name).join("test.md");
        let Ok(story) = fs::read_to_string(&text) else {
            continue; // Vale's test text for this rule is not in the fixture.
        };
        let translated: Vec<&Alert> = alerts
            .iter()
            .filter(|a| ids.iter().any(|(vale, _)| *vale == a.rule))
            .collect();
        if translated.is_empty() {
            continue; // An untranslated rule (Illusions): nothing to compare.
        }
        compared += 1;
        let dir = tmp.path().join(&name);
        fs::create_dir_all(&dir).expect("mkdir");
        fs::write(dir.join("test.md"), story).expect("write");
        let report = json_report(&dir, &["test.md"]);
        assert_eq!(
            report["errors"].as_array().map(Vec::len),
            Some(0),
            "{report}"
        );
        // Only the rule under test is on in Vale's run of this text.
        let ours: Vec<(String, u64, u64)> = report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter_map(|f| {
                let rule = f["rule"].as_str()?;
                let vale = ids.iter().find(|(_, id)| id == rule)?;
                let (line, column) = (f["line"].as_u64()?, f["column"].as_u64()?);
                translated
                    .iter()
                    .any(|a| a.rule == vale.0)
                    .then(|| (vale.0.clone(), line, column))
            })
            .collect();
        for alert in &translated {
            expected_total += 1;
            if ours.contains(&(alert.rule.clone(), alert.line, alert.column)) {
                agreed += 1;
            } else {
                misses.push(format!("{name}: Vale flags {alert:?}, copydesk does not"));
            }
        }
        for (rule, line, column) in &ours {
            let matched = translated
                .iter()
                .any(|a| a.rule == *rule && a.line == *line && a.column == *column);
            if !matched {
                extra += 1;
                misses.push(format!(
                    "{name}: copydesk flags {rule} at {line}:{column}, Vale does not"
                ));
            }
        }
    }
    println!(
        "span agreement: {agreed} of {expected_total} Vale alerts of translated rules found, \
         {extra} extra findings, over {compared} test texts"
    );
    assert!(compared >= 2, "too few test texts compared: {compared}");
    assert!(
        agreed == expected_total && extra == 0,
        "{agreed}/{expected_total} agreed, {extra} extra:\n{}",
        misses.join("\n")
    );
}
