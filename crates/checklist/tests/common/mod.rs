//! Helpers shared by the integration tests: a throw-away folder and
//! a small guide's worth of checklists.

#![allow(dead_code)]

use std::fs;
use std::path::Path;

use harbour_checklist::{Known, Progress};

/// A fresh empty folder under the system temp folder, removed when dropped (the `tempfile`
/// crate, as every test folder in Harbour's crates).
pub fn temp_dir(tag: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("harbour-checklist-{tag}-"))
        .tempdir()
        .expect("create temp dir")
}

/// The checklists of a small guide.
pub fn known() -> Known {
    Known::new()
        .with_list(
            "first-steps",
            ["dont-pay", "stop-replying", "keep-evidence", "block-report"],
        )
        .with_list("tell-someone", ["trusted-adult", "school", "police-101"])
        .with_list("take-it-down", ["report-platform", "hash-image"])
}

/// A typical saved state: a few ticks in two lists.
pub fn sample() -> Progress {
    let mut p = Progress::new();
    for (list, item) in [
        ("first-steps", "dont-pay"),
        ("first-steps", "keep-evidence"),
        ("tell-someone", "trusted-adult"),
    ] {
        p.tick(list, item).expect("valid ids");
    }
    p
}

/// Sorted names of every entry in `dir`.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Names in `dir` that start with `prefix`.
pub fn names_starting(dir: &Path, prefix: &str) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|n| n.starts_with(prefix))
        .collect()
}
