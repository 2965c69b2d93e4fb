//! Helpers shared by the integration tests: a throw-away folder (std only, no extra crate) and
//! a small guide's worth of checklists.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use harbour_checklist::{Known, Progress};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A fresh empty folder under the system temp folder, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> Self {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "harbour-checklist-{tag}-{}-{nanos}-{n}",
            std::process::id()
        ));
        fs::create_dir_all(&path).expect("create temp dir");
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
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
