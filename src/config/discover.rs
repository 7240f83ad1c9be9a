//! Finding the copydesk.toml that governs a file.

use std::path::{Path, PathBuf};

use super::ConfigError;

/// The names a configuration file may have, in the order they are looked
/// for in each folder.
pub const FILE_NAMES: [&str; 2] = ["copydesk.toml", ".copydesk.toml"];

/// The configuration file for `start` (a file or a folder): the nearest
/// `copydesk.toml` or `.copydesk.toml` in its folder or a folder above,
/// stopping at the root of the repository (a folder holding `.git`) or of
/// the filesystem. Only the nearest file counts; files further up are not
/// merged into it.
///
/// A folder holding both names is an error: which one wins would otherwise
/// be a silent surprise. So is a file that is a symbolic link to somewhere
/// outside the repository (outside a repository: outside its own folder),
/// so that a cloned repository cannot make copydesk read other files.
pub fn discover(start: &Path) -> Result<Option<PathBuf>, ConfigError> {
    let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    let mut dir = if start.is_dir() {
        Some(start.as_path())
    } else {
        start.parent()
    };
    while let Some(d) = dir {
        let found: Vec<PathBuf> = FILE_NAMES
            .iter()
            .map(|n| d.join(n))
            .filter(|p| p.is_file())
            .collect();
        match found.as_slice() {
            [one] => return inside_repository(one, d).map(Some),
            [first, ..] => {
                let message = format!(
                    "both {} and {} are in this folder; keep one",
                    FILE_NAMES[0], FILE_NAMES[1]
                );
                return Err(ConfigError::file(first, message));
            }
            [] => {}
        }
        if d.join(".git").exists() {
            return Ok(None);
        }
        dir = d.parent();
    }
    Ok(None)
}

/// `path`, found in `folder`, unless it is a symbolic link that leads out
/// of the repository holding `folder` (or out of `folder` when it is in no
/// repository).
pub(super) fn inside_repository(path: &Path, folder: &Path) -> Result<PathBuf, ConfigError> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(path.to_path_buf());
    }
    let root = folder
        .ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(folder);
    let target = std::fs::canonicalize(path)
        .map_err(|e| ConfigError::file(path, format!("cannot follow the symbolic link: {e}")))?;
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    if target.starts_with(&root) {
        Ok(path.to_path_buf())
    } else {
        Err(ConfigError::file(
            path,
            format!(
                "is a symbolic link to {}, outside {}; copydesk reads no configuration from outside the repository",
                target.display(),
                root.display()
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, "").expect("write");
    }

    #[test]
    fn nearest_file_wins_and_dot_name_counts() {
        let root = tempfile::tempdir().expect("tempdir");
        let r = root.path();
        std::fs::create_dir_all(r.join(".git")).expect("mkdir");
        touch(&r.join("copydesk.toml"));
        touch(&r.join("metro/.copydesk.toml"));
        touch(&r.join("metro/courts/story.md"));
        touch(&r.join("sports/story.md"));
        assert_eq!(
            discover(&r.join("metro/courts/story.md")).ok().flatten(),
            Some(r.join("metro/.copydesk.toml"))
        );
        assert_eq!(
            discover(&r.join("sports/story.md")).ok().flatten(),
            Some(r.join("copydesk.toml"))
        );
        assert_eq!(
            discover(&r.join("sports")).ok().flatten(),
            Some(r.join("copydesk.toml"))
        );
        // A file that does not exist yet (an unsaved editor buffer) still has a folder.
        assert_eq!(
            discover(&r.join("sports/new.md")).ok().flatten(),
            Some(r.join("copydesk.toml"))
        );
    }

    #[test]
    fn the_search_stops_at_the_repository_root() {
        let outer = tempfile::tempdir().expect("tempdir");
        touch(&outer.path().join("copydesk.toml"));
        let repo = outer.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).expect("mkdir");
        touch(&repo.join("a/story.md"));
        assert_eq!(discover(&repo.join("a/story.md")).ok().flatten(), None);
        // Without the .git folder the search goes on up.
        std::fs::remove_dir_all(repo.join(".git")).expect("rm");
        assert_eq!(
            discover(&repo.join("a/story.md")).ok().flatten(),
            Some(outer.path().join("copydesk.toml"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_may_point_inside_the_repository_but_not_out_of_it() {
        let outer = tempfile::tempdir().expect("tempdir");
        let repo = outer.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).expect("mkdir");
        touch(&repo.join("shared/desk.toml"));
        touch(&repo.join("metro/story.md"));
        std::os::unix::fs::symlink(
            repo.join("shared/desk.toml"),
            repo.join("metro/copydesk.toml"),
        )
        .expect("symlink");
        assert_eq!(
            discover(&repo.join("metro/story.md")).ok().flatten(),
            Some(repo.join("metro/copydesk.toml"))
        );
        touch(&outer.path().join("secret.toml"));
        touch(&repo.join("sports/story.md"));
        std::os::unix::fs::symlink(
            outer.path().join("secret.toml"),
            repo.join("sports/copydesk.toml"),
        )
        .expect("symlink");
        let error = discover(&repo.join("sports/story.md")).expect_err("refused");
        assert!(error.message.contains("outside"), "{error}");
    }

    #[test]
    fn both_names_in_one_folder_is_an_error() {
        let root = tempfile::tempdir().expect("tempdir");
        touch(&root.path().join("copydesk.toml"));
        touch(&root.path().join(".copydesk.toml"));
        let error = discover(&root.path().join("story.md")).expect_err("ambiguous");
        assert!(
            error
                .message
                .contains("both copydesk.toml and .copydesk.toml"),
            "{error}"
        );
    }
}
