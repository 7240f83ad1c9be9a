//! A progress bar on standard error while many files are linted.
//!
//! Hand-rolled rather than indicatif: one line redrawn in place, from
//! several threads, is thirty lines, and the bar must never reach a pipe,
//! a log file or a machine-readable report, which is decided before it is
//! made (see [`wanted`]).

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::output::Format;

/// Below this many files linting is over before a bar could tell anything.
pub(super) const MIN_FILES: usize = 20;

/// How often the bar is redrawn at most: drawing on every file would cost
/// more than linting a short story.
const REDRAW: Duration = Duration::from_millis(80);

const WIDTH: usize = 30;

/// Whether to show a bar: many files, a person's format, not `--quiet`, and
/// standard error on a terminal that can redraw a line.
pub(super) fn wanted(files: usize, format: Format, quiet: bool) -> bool {
    files >= MIN_FILES
        && !format.is_machine()
        && !quiet
        && std::io::stderr().is_terminal()
        // `TERM=dumb` terminals cannot erase a line.
        && std::env::var_os("TERM").as_deref() != Some(std::ffi::OsStr::new("dumb"))
}

/// Counts finished files and redraws the bar; a no-op when disabled.
pub(super) struct Progress {
    total: usize,
    done: AtomicUsize,
    /// When the bar was last drawn; `None` when the bar is off.
    drawn: Option<Mutex<Instant>>,
}

impl Progress {
    /// A bar over `total` files, drawn at once when `enabled`.
    pub(super) fn new(total: usize, enabled: bool) -> Progress {
        let progress = Progress {
            total,
            done: AtomicUsize::new(0),
            drawn: enabled.then(|| Mutex::new(Instant::now())),
        };
        progress.draw(0);
        progress
    }

    /// One more file is done.
    pub(super) fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let Some(drawn) = &self.drawn else { return };
        // A thread that finds the bar being drawn skips: the next tick redraws.
        let Ok(mut last) = drawn.try_lock() else {
            return;
        };
        if last.elapsed() >= REDRAW || done == self.total {
            *last = Instant::now();
            self.draw(done);
        }
    }

    /// Erases the bar, so that what follows starts on a clean line.
    pub(super) fn finish(&self) {
        if self.drawn.is_some() {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }

    fn draw(&self, done: usize) {
        if self.drawn.is_none() {
            return;
        }
        let line = bar(done, self.total);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
    }
}

/// `[#########---------------------] 120/400 files`.
fn bar(done: usize, total: usize) -> String {
    let filled = (done * WIDTH)
        .checked_div(total)
        .unwrap_or(WIDTH)
        .min(WIDTH);
    format!(
        "[{}{}] {done}/{total} files",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_fills_in_proportion() {
        assert_eq!(bar(0, 40), format!("[{}] 0/40 files", "-".repeat(30)));
        assert_eq!(
            bar(20, 40),
            format!("[{}{}] 20/40 files", "#".repeat(15), "-".repeat(15))
        );
        assert_eq!(bar(40, 40), format!("[{}] 40/40 files", "#".repeat(30)));
    }

    #[test]
    fn machine_formats_and_few_files_get_no_bar() {
        assert!(!wanted(1000, Format::Sarif, false));
        assert!(!wanted(1000, Format::Github, false));
        assert!(!wanted(1000, Format::Compact, true));
        assert!(!wanted(MIN_FILES - 1, Format::Compact, false));
    }
}
