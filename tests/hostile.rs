//! Hostile input, one test per row of the README's reliability table: what
//! `copydesk check` does with each (a clear error or a correct lint), through
//! the binary. Then a cloned repository's copydesk.toml: it cannot run code,
//! read files outside the repository, reach the network, or take unbounded
//! time or memory.
//!
//! Nothing here is timed: how long each row takes, and that it grows
//! linearly, is measured by `benches/hostile.rs` (figures in
//! benches/README.md).

mod cli_support;

use std::path::Path;
use std::process::Output;

use cli_support::{run_in, temp_dir, text};

/// One finding of the compact format: (line, column, rule).
type Located = (usize, usize, String);

/// `copydesk check --format compact --quiet ARGS` in `dir`.
fn check(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["check", "--format", "compact", "--quiet"];
    all.extend_from_slice(args);
    run_in(dir, &all)
}

/// The findings of a compact report, without the path.
fn located(out: &Output) -> Vec<Located> {
    text(&out.stdout)
        .lines()
        .filter_map(|line| {
            // path:line:col: severity: message [rule]
            let rule = line.rsplit_once(" [")?.1.strip_suffix(']')?;
            let mut parts = line.splitn(4, ':');
            let (_path, l, c) = (parts.next()?, parts.next()?, parts.next()?);
            Some((l.parse().ok()?, c.parse().ok()?, rule.to_string()))
        })
        .collect()
}

fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, contents).expect("write");
}

fn status(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

/// A story with findings of every family, several lines and paragraphs.
fn story() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/draft.md"))
        .expect("examples/draft.md")
}

// ---------------------------------------------------------------- the rows

#[test]
fn empty_file_is_clean() {
    let dir = temp_dir();
    write(dir.path(), "empty.md", "");
    write(dir.path(), "empty.txt", "");
    let out = check(dir.path(), &["empty.md", "empty.txt"]);
    assert_eq!(status(&out), 0, "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
}

#[test]
fn only_whitespace_is_clean() {
    let dir = temp_dir();
    write(dir.path(), "blank.md", " \n\t\n   \r\n\u{a0}\u{2003}\n\n");
    write(dir.path(), "blank.txt", "\n\n\n \t \r\r\n");
    let out = check(dir.path(), &["blank.md", "blank.txt"]);
    assert_eq!(status(&out), 0, "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
}

/// Lints `copies` copies of `unit` as `name`.
fn lint_copies(dir: &Path, name: &str, unit: &str, copies: usize) -> Vec<Located> {
    write(dir, name, unit.repeat(copies));
    let out = check(dir, &[name]);
    assert!(status(&out) <= 1, "{}", text(&out.stderr));
    located(&out)
}

/// The findings of the last of `copies` copies of a unit `lines` lines long
/// (or, for a unit with no line break, `chars` characters long), placed as
/// if it were the first.
fn last_copy(found: &[Located], copies: usize, lines: usize, chars: usize) -> Vec<Located> {
    let (skip_lines, skip_chars) = if lines > 0 {
        ((copies - 1) * lines, 0)
    } else {
        (0, (copies - 1) * chars)
    };
    found
        .iter()
        .filter(|(l, c, _)| *l > skip_lines && *c > skip_chars)
        .map(|(l, c, r)| (l - skip_lines, c - skip_chars, r.clone()))
        .collect()
}

/// A big input made of `n` copies of `unit` is linted whole and placed
/// right: as many findings as copies predict (findings grow as a + b·n, the
/// first copy having no paragraph before it), and the last copy's findings
/// where the last copy is.
fn assert_copies_lint(dir: &Path, name: &str, unit: &str, n: usize) -> Vec<Located> {
    let lines = unit.matches('\n').count();
    let chars = unit.chars().count();
    let two = lint_copies(dir, name, unit, 2);
    let three = lint_copies(dir, name, unit, 3);
    assert!(three.len() > two.len());
    let big = lint_copies(dir, name, unit, n);
    assert_eq!(big.len(), two.len() + (n - 2) * (three.len() - two.len()));
    assert_eq!(
        last_copy(&big, n, lines, chars),
        last_copy(&three, 3, lines, chars)
    );
    big
}

#[test]
fn fifty_megabyte_file_is_linted_whole() {
    let dir = temp_dir();
    let unit = format!("{}\n", story());
    let n = 50_000_000 / unit.len() + 1;
    assert_copies_lint(dir.path(), "big.md", &unit, n);
    assert!(std::fs::metadata(dir.path().join("big.md")).map_or(0, |m| m.len()) >= 50_000_000);
}

#[test]
fn five_megabyte_single_line_is_linted_whole() {
    let dir = temp_dir();
    let unit = "Critics say the legendary plan was very shocking, and about 3,000 people came. \"We will win,\" she said. ";
    let n = 5_000_000 / unit.len() + 1;
    let got = assert_copies_lint(dir.path(), "line.md", unit, n);
    // Columns count characters all the way along the line.
    let (line, column, _) = &got[got.len() - 1];
    assert_eq!(*line, 1);
    assert!(*column > 4_900_000, "{column}");
}

#[test]
fn invalid_utf8_is_an_error_naming_the_offset_and_the_rest_is_linted() {
    let dir = temp_dir();
    write(
        dir.path(),
        "latin1.md",
        b"Caf\xe9 owners said it was shocking.\n",
    );
    write(dir.path(), "ok.md", "It was shocking.\n");
    let out = check(dir.path(), &["latin1.md", "ok.md"]);
    assert_eq!(status(&out), 2);
    let report = text(&out.stdout);
    assert!(
        report.contains("latin1.md:1:1: error: not valid UTF-8 (invalid byte at offset 3)"),
        "{report}"
    );
    assert!(report.contains("ok.md:1:8: warning:"), "{report}");
}

#[test]
fn nul_bytes_are_an_error_and_the_rest_is_linted() {
    let dir = temp_dir();
    write(dir.path(), "binary.md", b"It was\0shocking.\n");
    write(dir.path(), "ok.md", "It was shocking.\n");
    let out = check(dir.path(), &["binary.md", "ok.md"]);
    assert_eq!(status(&out), 2);
    let report = text(&out.stdout);
    assert!(
        report.contains("binary.md:1:1: error: contains NUL bytes"),
        "{report}"
    );
    assert!(report.contains("ok.md:1:8: warning:"), "{report}");
}

#[test]
fn utf8_bom_is_read_past_and_not_counted_as_a_column() {
    let dir = temp_dir();
    let story = story();
    write(dir.path(), "plain.md", &story);
    write(dir.path(), "bom.md", format!("\u{feff}{story}"));
    write(dir.path(), "plain.txt", "Critics say it was shocking.\n");
    write(
        dir.path(),
        "bom.txt",
        "\u{feff}Critics say it was shocking.\n",
    );
    for (plain, bom) in [("plain.md", "bom.md"), ("plain.txt", "bom.txt")] {
        let expected = located(&check(dir.path(), &[plain]));
        assert!(!expected.is_empty());
        assert_eq!(located(&check(dir.path(), &[bom])), expected, "{bom}");
    }
    assert_eq!(
        located(&check(dir.path(), &["bom.txt"]))[0],
        (1, 1, "attribution/weasel-attribution".to_string())
    );
}

#[test]
fn crlf_line_endings_lint_as_lf() {
    let dir = temp_dir();
    let story = story();
    for ext in ["md", "txt"] {
        write(dir.path(), &format!("lf.{ext}"), &story);
        write(
            dir.path(),
            &format!("crlf.{ext}"),
            story.replace('\n', "\r\n"),
        );
        let expected = located(&check(dir.path(), &[&format!("lf.{ext}")]));
        assert!(expected.len() > 10);
        assert_eq!(
            located(&check(dir.path(), &[&format!("crlf.{ext}")])),
            expected
        );
    }
}

#[test]
fn lone_cr_line_endings_lint_as_lf() {
    let dir = temp_dir();
    let story = story();
    for ext in ["md", "txt"] {
        write(dir.path(), &format!("lf.{ext}"), &story);
        write(dir.path(), &format!("cr.{ext}"), story.replace('\n', "\r"));
        let expected = located(&check(dir.path(), &[&format!("lf.{ext}")]));
        assert!(expected.len() > 10);
        // The same findings on the same lines: a lone CR ends a line.
        assert_eq!(
            located(&check(dir.path(), &[&format!("cr.{ext}")])),
            expected
        );
    }
}

#[test]
fn ten_thousand_nested_block_quotes() {
    let dir = temp_dir();
    write(
        dir.path(),
        "quotes.md",
        format!("{}It was shocking.\n", "> ".repeat(10_000)),
    );
    let out = check(dir.path(), &["quotes.md"]);
    assert_eq!(status(&out), 1, "{}", text(&out.stderr));
    assert_eq!(
        located(&out),
        [(1, 20_008, "editorializing/loaded-word".to_string())]
    );
}

#[test]
fn ten_thousand_nested_lists() {
    let dir = temp_dir();
    write(
        dir.path(),
        "lists.md",
        format!("{}It was shocking.\n", "- ".repeat(10_000)),
    );
    // And indented nesting, one level a line.
    let indented: String = (0..10_000)
        .map(|i| format!("{}- It was shocking.\n", "  ".repeat(i % 2_000)))
        .collect();
    write(dir.path(), "indented.md", indented);
    let out = check(dir.path(), &["lists.md"]);
    assert_eq!(status(&out), 1, "{}", text(&out.stderr));
    assert_eq!(
        located(&out),
        [(1, 20_008, "editorializing/loaded-word".to_string())]
    );
    let out = check(dir.path(), &["indented.md"]);
    assert_eq!(status(&out), 1, "{}", text(&out.stderr));
    assert_eq!(located(&out).len(), 10_000);
}

#[test]
fn pathological_emphasis_runs() {
    let dir = temp_dir();
    write(
        dir.path(),
        "runs.md",
        format!(
            "It was very shocking. {} Critics say so. {} It was shocking.\n\n{}It was shocking.\n",
            "*".repeat(100_000),
            "_".repeat(100_000),
            "*a **b ***c ****d ".repeat(30_000)
        ),
    );
    let out = check(dir.path(), &["runs.md"]);
    assert_eq!(status(&out), 1, "{}", text(&out.stderr));
    let rules: Vec<String> = located(&out).into_iter().map(|(_, _, r)| r).collect();
    assert_eq!(
        rules,
        [
            "editorializing/intensifier",
            "editorializing/loaded-word",
            "attribution/weasel-attribution",
            "editorializing/loaded-word",
            "editorializing/loaded-word"
        ]
    );
    // Emphasis that does close still reads as prose.
    write(
        dir.path(),
        "closed.md",
        "It was **very** *shocking*. ".repeat(20_000),
    );
    let out = check(dir.path(), &["closed.md"]);
    assert_eq!(located(&out).len(), 40_000);
}

#[test]
fn a_long_line_of_figures() {
    // Footnote references leave their numbers in the prose: 200,000 figures
    // on one line, each once looked back to the start of the line.
    let dir = temp_dir();
    write(
        dir.path(),
        "refs.md",
        format!("{}\nIt was shocking.\n", "[^1]".repeat(200_000)),
    );
    let out = check(dir.path(), &["refs.md"]);
    assert_eq!(status(&out), 1, "{}", text(&out.stderr));
    assert_eq!(
        located(&out),
        [(2, 8, "editorializing/loaded-word".to_string())]
    );
}

#[test]
fn unterminated_code_fence_is_code_to_the_end() {
    let dir = temp_dir();
    write(
        dir.path(),
        "fence.md",
        format!(
            "Critics say so.\n\n```\n{}",
            "It was shocking.\n\n".repeat(1_000)
        ),
    );
    let out = check(dir.path(), &["fence.md"]);
    assert_eq!(status(&out), 1, "{}", text(&out.stderr));
    assert_eq!(
        located(&out),
        [(1, 1, "attribution/weasel-attribution".to_string())]
    );
}

#[test]
fn a_quotation_that_never_closes_across_ten_thousand_paragraphs() {
    let dir = temp_dir();
    // The wire convention: each paragraph of a running quotation opens with
    // a quotation mark and none closes. No speaker anywhere: each paragraph
    // of the run is flagged (the three-word opener is too short to count as
    // a quotation that needs a speaker).
    let run = format!(
        "\"It was shocking.\n\n{}",
        "\"Critics say so, and 3,000 people came.\n\n".repeat(10_000)
    );
    write(dir.path(), "run.md", &run);
    let out = check(dir.path(), &["run.md"]);
    assert_eq!(status(&out), 1, "{}", text(&out.stderr));
    let got = located(&out);
    assert!(
        got.iter()
            .all(|(_, _, r)| r == "attribution/unattributed-quote"),
        "words inside the quotation are the speaker's: {:?}",
        &got[..got.len().min(5)]
    );
    assert_eq!(got.len(), 10_000);
    assert_eq!(got[0].0, 3);
    // With a speaker at the end, the whole run is attributed.
    write(
        dir.path(),
        "said.md",
        format!("{run}\"We will win,\" she said.\n"),
    );
    let out = check(dir.path(), &["said.md"]);
    assert_eq!(status(&out), 0, "{:?}", &located(&out)[..3]);
}

#[test]
fn a_config_with_ten_thousand_custom_phrases_is_refused_clearly() {
    let dir = temp_dir();
    let phrases: Vec<String> = (0..10_000).map(|i| format!("\"phrase {i}\"")).collect();
    write(
        dir.path(),
        "copydesk.toml",
        format!("[words]\naccept = [{}]\n", phrases.join(", ")),
    );
    write(dir.path(), "story.md", "It was shocking.\n");
    let out = check(dir.path(), &["story.md"]);
    assert_eq!(status(&out), 2);
    let report = text(&out.stdout);
    let column = "[words]\naccept = [".len() - "[words]\n".len()
        + phrases[..5_000].iter().map(|p| p.len() + 2).sum::<usize>()
        + 1;
    assert!(
        report.contains(&format!(
            "copydesk.toml:2:{column}: [words] lists 10000 phrases; at most 5000 are allowed"
        )),
        "{report}"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_a_linted_folder_is_not_followed() {
    let dir = temp_dir();
    let news = dir.path().join("news");
    write(&news, "a.md", "It was shocking.\n");
    write(&news, "sub/b.md", "Critics say so.\n");
    let link = |target: &str, at: &str| {
        std::os::unix::fs::symlink(target, news.join(at)).expect("symlink");
    };
    link("..", "sub/up"); // a loop back to the top
    link("../sub", "sub/again"); // a loop to itself
    link("x.md", "y.md"); // a loop of two links
    link("y.md", "x.md");
    link("/etc/passwd", "passwd.md"); // out of the folder
    let out = check(dir.path(), &["news"]);
    assert_eq!(status(&out), 1, "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert_eq!(
        report.lines().collect::<Vec<_>>(),
        [
            "news/a.md:1:8: warning: “shocking” tells the reader what to think; describe, don't judge. [editorializing/loaded-word]",
            "news/sub/b.md:1:1: warning: “Critics say” stands in for a source: name the critic, the expert, the study. [attribution/weasel-attribution]",
        ]
    );
    // Named on the command line, a loop is an error, not a hang.
    let out = check(dir.path(), &["news/x.md"]);
    assert_eq!(status(&out), 2);
    assert!(text(&out.stdout).contains("news/x.md:1:1: error:"));
}

// ------------------------------------------------- untrusted repositories

/// A cloned repository: a `.git` folder, a story, and `copydesk.toml`.
fn repository(config: &str) -> tempfile::TempDir {
    let dir = temp_dir();
    std::fs::create_dir_all(dir.path().join("repo/.git")).expect("mkdir");
    write(&dir.path().join("repo"), "copydesk.toml", config);
    write(&dir.path().join("repo"), "story.md", "It was shocking.\n");
    dir
}

fn check_repo(dir: &tempfile::TempDir) -> (i32, String) {
    let out = check(&dir.path().join("repo"), &["story.md"]);
    (status(&out), text(&out.stdout))
}

#[test]
fn a_repository_config_cannot_run_code() {
    let marker = temp_dir();
    let touch = marker.path().join("ran");
    for config in [
        format!("command = \"touch {}\"\n", touch.display()),
        format!("[hooks]\npre-check = \"touch {}\"\n", touch.display()),
        format!("[rules]\n\"$(touch {})\" = \"off\"\n", touch.display()),
        format!(
            "[words]\navoid = {{ \"`touch {}`\" = \"$(touch {})\" }}\n",
            touch.display(),
            touch.display()
        ),
    ] {
        let dir = repository(&config);
        let (code, report) = check_repo(&dir);
        assert!(!touch.exists(), "{config}");
        // Unknown keys and names are errors; a phrase is only a phrase.
        if config.contains("[words]") {
            assert_eq!(code, 1, "{config}: {report}");
        } else {
            assert_eq!(code, 2, "{config}: {report}");
            assert!(report.contains("copydesk.toml:"), "{report}");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_repository_config_cannot_read_outside_the_repository() {
    let dir = repository("");
    let secret = dir.path().join("secret.toml");
    std::fs::write(
        &secret,
        "[words]\navoid = { \"hunter2\" = \"the password\" }\n",
    )
    .expect("write");
    let config = dir.path().join("repo/copydesk.toml");
    std::fs::remove_file(&config).expect("rm");
    std::os::unix::fs::symlink(&secret, &config).expect("symlink");
    let (code, report) = check_repo(&dir);
    assert_eq!(code, 2, "{report}");
    assert!(report.contains("is a symbolic link to"), "{report}");
    assert!(!report.contains("hunter2"), "{report}");
    // A link inside the repository is fine.
    write(
        &dir.path().join("repo"),
        "desk/shared.toml",
        "[rules]\neditorializing = \"off\"\n",
    );
    std::fs::remove_file(&config).expect("rm");
    std::os::unix::fs::symlink(dir.path().join("repo/desk/shared.toml"), &config).expect("symlink");
    assert_eq!(check_repo(&dir), (0, String::new()));
    // Globs only match names; they read nothing, wherever they point.
    std::fs::remove_file(&config).expect("rm");
    std::fs::write(
        &config,
        "[[overrides]]\nfiles = [\"/etc/**\", \"../**\", \"../../**/*\"]\nrules = { editorializing = \"off\" }\n",
    )
    .expect("write");
    let (code, report) = check_repo(&dir);
    assert_eq!(code, 1, "{report}");
}

#[cfg(unix)]
#[test]
fn a_repository_config_that_is_a_device_or_a_pipe_is_not_read() {
    // /dev/zero would never end, and a named pipe would block for ever:
    // only a regular file is a configuration.
    let dir = repository("");
    let config = dir.path().join("repo/copydesk.toml");
    std::fs::remove_file(&config).expect("rm");
    std::os::unix::fs::symlink("/dev/zero", &config).expect("symlink");
    let (code, report) = check_repo(&dir);
    assert_eq!((code, report.lines().count()), (1, 1), "{report}");
    std::fs::remove_file(&config).expect("rm");
    let made = std::process::Command::new("mkfifo")
        .arg(&config)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let (code, report) = check_repo(&dir);
    assert_eq!((code, report.lines().count()), (1, 1), "{report}");
    // Named with --config (or reloaded by the language server when it
    // changes), a pipe or a device is refused, not opened.
    for config in [config.to_str().unwrap_or_default(), "/dev/zero"] {
        let out = check(&dir.path().join("repo"), &["--config", config, "story.md"]);
        assert_eq!(status(&out), 2, "{config}");
        assert!(
            text(&out.stderr).contains("not a regular file"),
            "{}",
            text(&out.stderr)
        );
    }
}

#[test]
fn copydesk_cannot_reach_the_network() {
    // No key of copydesk.toml names a URL to fetch...
    for config in [
        "extends = \"https://example.invalid/copydesk.toml\"\n",
        "[words]\nurl = \"https://example.invalid/words.txt\"\n",
        "\"$schema\" = \"https://example.invalid/schema.json\"\n",
    ] {
        let dir = repository(config);
        let (code, report) = check_repo(&dir);
        assert_eq!(code, 2, "{config}: {report}");
        assert!(report.contains("unknown field"), "{report}");
    }
    // ...and the binary does not even link the functions that open a socket
    // or resolve a name.
    let out = std::process::Command::new("nm")
        .args(["-D", "--undefined-only", cli_support::bin()])
        .output()
        .expect("nm (binutils) lists the binary's imports");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let imports = text(&out.stdout);
    assert!(
        imports.contains(" read"),
        "nm listed the imports: {imports}"
    );
    for network in [
        "socket",
        "connect",
        "getaddrinfo",
        "gethostbyname",
        "sendto",
        "sendmsg",
    ] {
        assert!(
            !imports.lines().any(|l| l
                .split_whitespace()
                .last()
                .is_some_and(|s| s.split('@').next() == Some(network))),
            "copydesk imports {network}"
        );
    }
}

#[test]
fn a_repository_config_has_bounded_size() {
    let long = "x".repeat(201);
    for (config, message) in [
        (
            format!("# {}\n", "x".repeat(2 << 20)),
            "at most 1024 KiB".to_string(),
        ),
        (
            format!("a = {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
            "recursion limit exceeded".to_string(),
        ),
        (
            format!("[words]\naccept = [\"{long}\"]\n"),
            "a phrase may be at most 200 characters long".to_string(),
        ),
        (
            format!(
                "[words]\nattribution-verbs = [{}]\n",
                vec!["\"posted\""; 501].join(",")
            ),
            "at most 500 attribution verbs are allowed".to_string(),
        ),
        (
            "[[overrides]]\nfiles = [\"a\"]\n".repeat(201),
            "at most 200 [[overrides]] are allowed".to_string(),
        ),
        (
            format!("[[overrides]]\nfiles = [\"{}\"]\n", "a".repeat(301)),
            "a glob may be at most 300 bytes long".to_string(),
        ),
        (
            format!(
                "[[overrides]]\nfiles = [{}]\n",
                vec!["\"a\""; 101].join(",")
            ),
            "at most 100 globs are allowed in one override".to_string(),
        ),
    ] {
        let dir = repository(&config);
        let (code, report) = check_repo(&dir);
        assert_eq!(code, 2, "{report}");
        assert!(report.contains(&message), "{message}: {report}");
    }
}

#[test]
fn a_repository_config_at_every_limit_still_lints() {
    // The most a config may ask for at once, in under 1 MiB: 5,000 phrases
    // of up to 200 characters, 500 verbs, overrides with complex globs.
    let avoid: Vec<String> = (0..2_000)
        .map(|i| {
            format!(
                "\"very shocking plan number {i} {}\" = \"no\"",
                "x".repeat(i % 150)
            )
        })
        .collect();
    let prefer: Vec<String> = (0..2_000)
        .map(|i| format!("\"regime {i}\" = \"government {i}\""))
        .collect();
    let accept: Vec<String> = (0..1_000)
        .map(|i| format!("\"Shocking Blue {i}\""))
        .collect();
    let verbs: Vec<String> = (0..500)
        .map(|i| {
            let word: String = format!("{i:03}")
                .chars()
                .map(|d| char::from(b'a' + d as u8 - b'0'))
                .collect();
            format!("\"posted{word}\"")
        })
        .collect();
    let glob = "{a,b,c,d}/**/*[a-z]?".repeat(12);
    let overrides: String = (0..100)
        .map(|i| {
            format!(
                "[[overrides]]\nfiles = [{}]\nrules = {{ style = \"off\" }}\n",
                (0..10)
                    .map(|j| format!("\"{glob}{i}{j}\""))
                    .collect::<Vec<_>>()
                    .join(",")
            )
        })
        .collect();
    let config = format!(
        "[words]\navoid = {{ {} }}\nprefer = {{ {} }}\naccept = [{}]\nattribution-verbs = [{}]\n\n{overrides}",
        avoid.join(", "),
        prefer.join(", "),
        accept.join(", "),
        verbs.join(", ")
    );
    assert!(config.len() < 1 << 20, "{}", config.len());
    let dir = repository(&config);
    write(
        &dir.path().join("repo"),
        "story.md",
        "The regime 7 was very shocking plan number 3 xxx, it was.\n",
    );
    let (code, report) = check_repo(&dir);
    assert_eq!(code, 1, "{report}");
    assert!(report.contains("[house/preferred-term]"), "{report}");
}
