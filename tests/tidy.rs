//! The architecture's invariants, checked against the source tree, so that
//! `docs/architecture.md` stays true (its "Invariants in one list").

use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("readable source folder") {
            let path = entry.expect("folder entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Every folder under `dir`, recursively.
fn folders(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("readable source folder") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            out.extend(folders(&path));
            out.push(path);
        }
    }
    out
}

fn src(relative: &str) -> PathBuf {
    Path::new(ROOT).join("src").join(relative)
}

fn name(path: &Path) -> String {
    path.strip_prefix(ROOT)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// A file's code outside its tests, without comments: a test module
/// (`#[cfg(test)]` to the end of the file) and files of tests are left out.
fn code(path: &Path) -> String {
    let text = fs::read_to_string(path).expect("readable source file");
    let file = path.file_name().and_then(|f| f.to_str()).unwrap_or("");
    if file == "tests.rs" || file == "test_support.rs" {
        return String::new();
    }
    let before_tests = text.split("#[cfg(test)]").next().unwrap_or("");
    before_tests
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The places in `folder`'s code that use a path into one of `layers`.
fn imports_of(folder: &Path, layers: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    let files = if folder.is_dir() {
        rust_files(folder)
    } else {
        vec![folder.to_path_buf()]
    };
    for file in files {
        for (n, line) in code(&file).lines().enumerate() {
            for layer in layers {
                let uses = [
                    format!("crate::{layer}::"),
                    format!("crate::{layer};"),
                    format!("crate::{{{layer}"),
                    format!("crate::{layer},"),
                ];
                if uses.iter().any(|u| line.contains(u.as_str())) {
                    found.push(format!("{}:{}: {}", name(&file), n + 1, line.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn prose_imports_nothing_above_it() {
    let found = imports_of(
        &src("prose"),
        &["rules", "lint", "config", "finding", "fix", "cli", "lsp"],
    );
    assert!(
        found.is_empty(),
        "prose imports upwards:\n{}",
        found.join("\n")
    );
}

#[test]
fn a_finding_knows_no_rule() {
    let found = imports_of(&src("finding.rs"), &["rules", "lint", "config"]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn rules_know_nothing_of_running_them() {
    let found = imports_of(&src("rules"), &["lint", "config", "cli", "lsp"]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_linter_knows_nothing_of_configuration_files() {
    let found = imports_of(&src("lint"), &["config", "cli", "lsp"]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_engine_names_no_rule() {
    // Every family folder under src/rules is a family name.
    let families: Vec<String> = fs::read_dir(src("rules"))
        .expect("rules folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir() && p.file_name().is_some_and(|f| f != "phrases"))
        .filter_map(|p| p.file_name().and_then(|f| f.to_str()).map(String::from))
        .collect();
    assert!(families.len() >= 5, "{families:?}");
    let mut found = Vec::new();
    for folder in ["lint", "config"] {
        for file in rust_files(&src(folder)) {
            for (n, line) in code(&file).lines().enumerate() {
                for family in &families {
                    if line.contains(&format!("\"{family}\""))
                        || line.contains(&format!("\"{family}/"))
                    {
                        found.push(format!("{}:{}: {}", name(&file), n + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "rule names in the engine:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_source_file_is_over_800_lines() {
    let long: Vec<String> = rust_files(&src(""))
        .into_iter()
        .filter_map(|f| {
            let lines = fs::read_to_string(&f).ok()?.lines().count();
            (lines > 800).then(|| format!("{}: {lines} lines", name(&f)))
        })
        .collect();
    assert!(long.is_empty(), "{}", long.join("\n"));
}

#[test]
fn the_architecture_document_names_every_folder_and_file() {
    let doc = fs::read_to_string(Path::new(ROOT).join("docs/architecture.md"))
        .expect("docs/architecture.md");
    let mut missing = Vec::new();
    for folder in folders(&src("")) {
        let last = folder.file_name().and_then(|f| f.to_str()).unwrap_or("");
        // A rule family's folder is named as "family/".
        if !doc.contains(&format!("{last}/")) {
            missing.push(name(&folder));
        }
    }
    // The files of the layers' own folders (not each rule's file: rules are
    // found by family and named in their data files).
    for folder in ["", "prose", "rules", "lint", "config", "cli", "lsp"] {
        for entry in fs::read_dir(src(folder)).expect("source folder") {
            let path = entry.expect("entry").path();
            let file = path.file_name().and_then(|f| f.to_str()).unwrap_or("");
            if path.is_file() && file.ends_with(".rs") && file != "mod.rs" && !doc.contains(file) {
                missing.push(name(&path));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "docs/architecture.md does not name: {}",
        missing.join(", ")
    );
}
