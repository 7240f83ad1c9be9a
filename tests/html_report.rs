//! `copydesk check --format html` in a real browser: the real binary writes
//! the report of a newsroom folder (the labelled corpus's passages, the
//! sample draft, a clean story, a file that is not UTF-8, a missing one and
//! a story made of injection attempts), and `tests/html/report.mjs` drives
//! it in headless Chromium with playwright-core: a mark per JSON finding,
//! the note on hover and on keyboard focus, the filters and the URL
//! fragment, search, the clean and unreadable files, nothing run from the
//! copy and no CSP violation, the CSP enforced, print.
//!
//! `.ci/editors-setup` installs Chromium and playwright-core (in
//! editors/vscode/node_modules); a missing one fails the test. The
//! screenshot lands in target/editor-tests/html/ (`scripts/screenshot html`
//! copies it to docs/images/).

mod editor_common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use editor_common::*;

/// A story that tries everything copy could try on a web page. Each line has
/// a finding, so the story is drawn with its text.
const INJECTION: &str = "# Critics say <script>window.pwned=1;alert(1)</script> shocks council\n\n\
Critics say the <img src=x onerror=alert(2)> plan is very bad. </textarea><script>alert(3)</script>\n\n\
Officials claimed that [a link](javascript:alert(4)) and <a href=\"javascript:alert(5)\">this</a> were fine.\n\n\
> \"It's </style><style>body{display:none}</style> & &amp; fine,\" the mayor insisted.\n\n\
Critics say abc\u{202e}fed\u{202c} and an ESC \u{1b} here <!-- x --> ]]> <svg onload=alert(6)> {{7*7}} ${alert(8)}\n";

/// What the page must show as text, exactly as the story has it.
const LITERAL: &[&str] = &[
    "<script>window.pwned=1;alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "</textarea><script>alert(3)</script>",
    "[a link](javascript:alert(4))",
    "<a href=\"javascript:alert(5)\">this</a>",
    "</style><style>body{display:none}</style> & &amp; fine",
    "<!-- x --> ]]> <svg onload=alert(6)> {{7*7}} ${alert(8)}",
    // A file name is copy too.
    "<b onclick=alert(9)>.md",
];

/// The newsroom: returns the arguments to `copydesk check`.
fn newsroom(dir: &Path) -> Vec<String> {
    let stories = dir.join("stories");
    std::fs::create_dir_all(&stories).expect("mkdir");
    for folder in ["tests/corpus/passages", "examples"] {
        for entry in std::fs::read_dir(repo().join(folder)).expect("read_dir") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "md") {
                std::fs::copy(&path, stories.join(path.file_name().expect("name"))).expect("copy");
            }
        }
    }
    std::fs::write(stories.join("injection.md"), INJECTION).expect("write");
    std::fs::write(
        stories.join("<b onclick=alert(9)>.md"),
        "Critics say it failed.\n",
    )
    .expect("write");
    std::fs::write(stories.join("latin1.md"), b"Caf\xe9 owners said so.\n").expect("write");
    vec!["stories".into(), "missing.md".into()]
}

/// `copydesk check --format FORMAT --fail-on never ARGS` in `dir`: standard
/// output, once the exit status is `status` (2 when a file could not be read).
fn check(dir: &Path, format: &str, args: &[String], status: i32) -> Vec<u8> {
    let out = Command::new(copydesk_bin())
        .args(["check", "--fail-on", "never", "--format", format])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run copydesk");
    assert_eq!(
        out.status.code(),
        Some(status),
        "{format}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The escaping and the page's own structure, without a browser.
#[test]
fn the_page_is_self_contained_and_shows_copy_as_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let args = newsroom(dir.path());
    let page = String::from_utf8(check(dir.path(), "html", &args, 2)).expect("UTF-8");
    assert!(page.starts_with("<!DOCTYPE html>"), "{}", &page[..200]);
    assert_eq!(page.matches("<script").count(), 1);
    assert_eq!(page.matches("<style").count(), 1);
    for raw in [
        "<img",
        "<svg onload",
        "</textarea",
        "<b onclick",
        "javascript:alert(5)\"",
    ] {
        assert!(
            !page.contains(raw),
            "the copy's {raw} reached the page as markup"
        );
    }
    assert!(page.contains("&lt;script&gt;window.pwned=1;alert(1)&lt;/script&gt;"));
    assert!(page.contains("&lt;b onclick=alert(9)&gt;.md"));
    assert!(
        !page.contains(['\u{202e}', '\u{1b}']),
        "hidden characters reach the page"
    );
    // Nothing to fetch: no URL outside the page but the stories' own text.
    let csp = page
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a CSP meta element");
    assert!(csp.starts_with("default-src 'none';"), "{csp}");
    assert!(!csp.contains("unsafe"), "{csp}");
    for attribute in ["src=\"", "href=\"http", "url(", "@import", "<link"] {
        assert!(
            !page.contains(attribute),
            "the page refers out: {attribute}"
        );
    }
}

/// Past 2,000 findings a story's marks stop, and past 20,000 the page's;
/// the rest are counted by rule under their story, not dropped silently,
/// and the summary counts them all.
#[test]
fn findings_past_the_caps_are_counted_under_their_story() {
    let dir = tempfile::tempdir().expect("tempdir");
    let story = "It was very cold.\n\n".repeat(2100);
    let args: Vec<String> = (0..11).map(|i| format!("long{i:02}.md")).collect();
    for name in &args {
        std::fs::write(dir.path().join(name), &story).expect("write");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&check(dir.path(), "json", &args, 0)).expect("JSON");
    let total = json["findings"].as_array().expect("findings").len();
    assert_eq!(total, 11 * 2100);
    let page = String::from_utf8(check(dir.path(), "html", &args, 0)).expect("UTF-8");
    assert_eq!(page.matches("<mark id=\"f").count(), 20_000);
    // Ten stories marked up to the story cap, the eleventh past the page's.
    for (rest, stories) in [(100, 10), (2100, 1)] {
        let note = format!("<strong>{rest} more findings not marked</strong>");
        assert_eq!(page.matches(&note).count(), stories, "{note}");
        let by_rule = format!("): {rest} <code>editorializing/intensifier</code>");
        assert_eq!(page.matches(&by_rule).count(), stories, "{by_rule}");
    }
    assert_eq!(page.matches("<ul class=\"notes\"").count(), 10);
    assert!(page.contains(&format!("<strong>{total} findings</strong>")));
}

#[test]
fn html_report_in_a_real_browser() {
    require_on_path("node", "Node.js 20 or later");
    let chromium = require(
        &PathBuf::from("/usr/bin/chromium"),
        "Chromium (apt-get install chromium)",
    );
    let playwright = require(
        &repo().join("editors/vscode/node_modules/playwright-core"),
        "playwright-core (npm ci in editors/vscode)",
    );
    let artifacts = artifacts_dir("html");
    let dir = tempfile::tempdir().expect("tempdir");
    let args = newsroom(dir.path());
    let report = artifacts.join("report.html");
    let expected = artifacts.join("findings.json");
    std::fs::write(&report, check(dir.path(), "html", &args, 2)).expect("write report");
    std::fs::write(&expected, check(dir.path(), "json", &args, 2)).expect("write JSON");
    let screenshot = artifacts.join("html-report.png");

    let outcome = run(
        Command::new("node")
            .arg(repo().join("tests/html/report.mjs"))
            .arg("--report")
            .arg(&report)
            .arg("--expected")
            .arg(&expected)
            .arg("--chromium")
            .arg(&chromium)
            .arg("--playwright")
            .arg(&playwright)
            .arg("--literal")
            .arg(serde_json::to_string(LITERAL).expect("JSON"))
            .arg("--search")
            .arg("percent")
            .arg("--screenshot")
            .arg(&screenshot),
        Duration::from_secs(300),
    );
    assert_checks_and_picture(&outcome, "html-report", 34, &artifacts, &screenshot);
    eprintln!("{}", outcome.stdout);
}
