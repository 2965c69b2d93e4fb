//! File operations that cannot lose a person's saved ticks: atomic writes, moving unusable files
//! aside under a fresh name (never deleting or overwriting them), and finding every file this
//! crate may have created so "Delete everything Harbour saved" really does.
//!
//! Standard library only. On unix, files are created readable by their owner only, and the
//! folder is synced after a rename so the new name survives a power cut.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::error::Error;
use crate::format::{to_bytes, MAX_FILE_BYTES};
use crate::model::Progress;

/// Name of the store file the shell gives to tauri-plugin-store, in the app data folder.
pub const MAIN_FILE_NAME: &str = "checklist.json";

/// Name of the last-good copy, written by [`write_last_good`] after every successful save.
pub const LAST_GOOD_FILE_NAME: &str = "checklist.last-good.json";

/// Every name this crate can create in the app data folder, for the privacy notes and for
/// [`delete_all`]. `<unix-seconds>` is when the file was set aside; `-n` is added only when that
/// name was taken; `<pid>-<n>` make temporary names unique (they exist only during a write, or
/// after a crash in the middle of one).
pub const FILE_PATTERNS: &[&str] = &[
    "checklist.json",
    "checklist.last-good.json",
    "checklist.damaged-<unix-seconds>[-n].json",
    "checklist.newer-<unix-seconds>[-n].json",
    "checklist.last-good.damaged-<unix-seconds>[-n].json",
    "checklist.last-good.newer-<unix-seconds>[-n].json",
    ".checklist.json.tmp-<pid>-<n>",
    ".checklist.last-good.json.tmp-<pid>-<n>",
];

/// The two file names whose copies this crate may create (set-aside and temporary copies are
/// named after these).
const BASE_NAMES: [&str; 2] = [MAIN_FILE_NAME, LAST_GOOD_FILE_NAME];

/// Kinds of set-aside copy, used in their names.
const ASIDE_KINDS: [&str; 2] = [ASIDE_DAMAGED, ASIDE_NEWER];

/// Name part of a copy set aside because it could not be read.
pub const ASIDE_DAMAGED: &str = "damaged";

/// Name part of a copy set aside because a newer Harbour wrote it.
pub const ASIDE_NEWER: &str = "newer";

/// How many `-n` suffixes are tried before giving up on finding a free set-aside name.
const MAX_NAME_TRIES: u32 = 1000;

/// Counter that makes temporary names unique within this process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Where the store file lives in `dir` (the app data folder). Use it, rather than another name,
/// so that [`files_written`] and [`delete_all`] find it.
pub fn main_path(dir: &Path) -> PathBuf {
    dir.join(MAIN_FILE_NAME)
}

/// Where the last-good copy lives in `dir`.
pub fn last_good_path(dir: &Path) -> PathBuf {
    dir.join(LAST_GOOD_FILE_NAME)
}

/// Replaces `path` with `bytes` so that, whatever happens (crash, power cut, full disk), the
/// file holds either all of its old content or all of the new one, never a mix or nothing.
///
/// Writes a temporary file in the same folder (so the rename stays on one file system), flushes
/// it to disk, renames it over `path`, then (on unix) syncs the folder so the rename itself is
/// durable. On failure the temporary file is removed and `path` is untouched.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = parent_dir(path);
    let name = path.file_name().ok_or_else(|| {
        Error::io(
            "write",
            path,
            io::Error::new(io::ErrorKind::InvalidInput, "the path has no file name"),
        )
    })?;
    let (temp, file) = create_temp(dir, &name.to_string_lossy())?;
    if let Err(e) = fill_and_rename(file, bytes, &temp, path) {
        // Best effort: the error that matters is the one returned.
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    sync_dir(dir);
    Ok(())
}

/// Writes the last-good copy of `progress`, atomically. The shell calls it after every
/// successful save of the store, so a later damaged store file can be replaced by this copy.
pub fn write_last_good(last_good: &Path, progress: &Progress) -> Result<(), Error> {
    atomic_write(last_good, &to_bytes(progress)?)
}

/// Lists the files in `dir` that this crate may have created (see [`FILE_PATTERNS`]), sorted.
/// Other files are never listed. A missing folder has none.
pub fn files_written(dir: &Path) -> io::Result<Vec<PathBuf>> {
    copies_in(dir, &BASE_NAMES)
}

/// Lists the files in `dir` named after any of `base_names` the way this file layer names
/// them: the file itself, its copies set aside by [`set_aside`] and its temporary files from
/// [`atomic_write`]. Sorted; nothing else is listed. Every file Harbour saves (the ticks here,
/// the settings in `harbour-settings`) is written through this layer, so this finds them all.
pub fn copies_in(dir: &Path, base_names: &[&str]) -> io::Result<Vec<PathBuf>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry?;
        if entry
            .file_name()
            .to_str()
            .is_some_and(|name| is_copy_of(name, base_names))
        {
            found.push(entry.path());
        }
    }
    found.sort();
    Ok(found)
}

/// Deletes every file [`files_written`] lists, for "Delete everything Harbour saved". Returns
/// the files deleted. Tries every file even if one fails, then returns the first error. Leaves
/// the folder itself and any other file in it alone.
pub fn delete_all(dir: &Path) -> io::Result<Vec<PathBuf>> {
    delete_copies(dir, &BASE_NAMES)
}

/// Deletes every file [`copies_in`] lists for these base names. Returns the files deleted; tries
/// every file even if one fails, then returns the first error.
pub fn delete_copies(dir: &Path, base_names: &[&str]) -> io::Result<Vec<PathBuf>> {
    let mut deleted = Vec::new();
    let mut first_error = None;
    for path in copies_in(dir, base_names)? {
        match fs::remove_file(&path) {
            Ok(()) => deleted.push(path),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    sync_dir(dir);
    match first_error {
        Some(e) => Err(e),
        None => Ok(deleted),
    }
}

/// Whether `name` matches one of [`FILE_PATTERNS`]. Strict, so that deleting "everything
/// Harbour saved" can never remove a file Harbour did not create.
pub fn is_file_written_by_this_crate(name: &str) -> bool {
    is_copy_of(name, &BASE_NAMES)
}

/// Whether `name` is one of `base_names` (each `<stem>.json`), a copy of one set aside
/// (`<stem>.<damaged|newer>-<unix-seconds>[-n].json`) or a temporary file of one
/// (`.<base>.tmp-<pid>-<n>`). Strict, for the same reason as [`is_file_written_by_this_crate`].
pub fn is_copy_of(name: &str, base_names: &[&str]) -> bool {
    if base_names.contains(&name) {
        return true;
    }
    for &base in base_names {
        let stem = base.trim_end_matches(".json");
        for kind in ASIDE_KINDS {
            let rest = name
                .strip_prefix(stem)
                .and_then(|r| r.strip_prefix('.'))
                .and_then(|r| r.strip_prefix(kind))
                .and_then(|r| r.strip_prefix('-'))
                .and_then(|r| r.strip_suffix(".json"));
            if rest.is_some_and(is_number_with_optional_suffix) {
                return true;
            }
        }
        let temp_rest = name
            .strip_prefix('.')
            .and_then(|r| r.strip_prefix(base))
            .and_then(|r| r.strip_prefix(".tmp-"));
        if temp_rest.is_some_and(is_number_with_optional_suffix) {
            return true;
        }
    }
    false
}

/// `123` or `123-4`: the variable part of set-aside and temporary names.
fn is_number_with_optional_suffix(text: &str) -> bool {
    let is_number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match text.split_once('-') {
        None => is_number(text),
        Some((a, b)) => is_number(a) && is_number(b),
    }
}

/// Moves `path` aside to `<stem>.<kind>-<unix-seconds>[-n].json` in the same folder and returns
/// the new path. Never overwrites: a hard link claims the new name only if it is free, and the
/// old name is removed after. Where hard links are not supported (some USB-stick file systems)
/// it falls back to a rename after checking that the name is free.
pub fn set_aside(path: &Path, kind: &str) -> Result<PathBuf, Error> {
    let dir = parent_dir(path);
    let stem = path
        .file_stem()
        .map_or_else(|| "checklist".into(), |s| s.to_string_lossy());
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let first = dir.join(format!("{stem}.{kind}-{seconds}.json"));
    for n in 0..MAX_NAME_TRIES {
        let target = if n == 0 {
            first.clone()
        } else {
            dir.join(format!("{stem}.{kind}-{seconds}-{n}.json"))
        };
        match move_without_overwrite(path, &target) {
            Ok(()) => {
                sync_dir(dir);
                return Ok(target);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io("move aside", path, e)),
        }
    }
    Err(Error::NoFreeName { tried: first })
}

/// Moves `from` to `to`, failing with `AlreadyExists` rather than replace anything at `to`.
fn move_without_overwrite(from: &Path, to: &Path) -> io::Result<()> {
    match fs::hard_link(from, to) {
        Ok(()) => fs::remove_file(from),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(e),
        Err(_) => {
            if fs::symlink_metadata(to).is_ok() {
                return Err(io::ErrorKind::AlreadyExists.into());
            }
            fs::rename(from, to)
        }
    }
}

/// What reading a saved file found, before any parsing.
#[derive(Debug)]
pub enum Contents {
    /// No file at that path.
    Missing,
    /// Bigger than [`MAX_FILE_BYTES`]; not read.
    TooLarge(u64),
    /// The whole file.
    Bytes(Vec<u8>),
}

/// Reads a saved file, but never more than [`MAX_FILE_BYTES`] + 1 bytes of it, so a huge file
/// costs no memory. A folder where the file should be is an error, not damage: it cannot be
/// a file that was being saved.
pub fn read_capped(path: &Path) -> Result<Contents, Error> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Contents::Missing),
        Err(e) => return Err(Error::io("open", path, e)),
    };
    let meta = file.metadata().map_err(|e| Error::io("read", path, e))?;
    if meta.is_dir() {
        return Err(Error::io(
            "read",
            path,
            io::Error::new(io::ErrorKind::InvalidInput, "it is a folder, not a file"),
        ));
    }
    let cap = u64::try_from(MAX_FILE_BYTES).unwrap_or(u64::MAX);
    if meta.len() > cap {
        return Ok(Contents::TooLarge(meta.len()));
    }
    let mut bytes = Vec::new();
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("read", path, e))?;
    if bytes.len() > MAX_FILE_BYTES {
        // It grew while being read.
        return Ok(Contents::TooLarge(
            u64::try_from(bytes.len()).unwrap_or(u64::MAX),
        ));
    }
    Ok(Contents::Bytes(bytes))
}

/// The folder holding `path` (`.` for a bare file name).
fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Creates a new, empty temporary file next to the target, with a name no one else holds.
fn create_temp(dir: &Path, target_name: &str) -> Result<(PathBuf, File), Error> {
    let pid = std::process::id();
    let mut last_error = None;
    for _ in 0..MAX_NAME_TRIES {
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{target_name}.tmp-{pid}-{n}"));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            // Only the person's own account can read their ticks.
            options.mode(0o600);
        }
        match options.open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last_error = Some(e),
            Err(e) => return Err(Error::io("create a temporary file in", dir, e)),
        }
    }
    let e = last_error.unwrap_or_else(|| io::ErrorKind::AlreadyExists.into());
    Err(Error::io("create a temporary file in", dir, e))
}

/// Writes and flushes the temporary file, then renames it over the target.
fn fill_and_rename(mut file: File, bytes: &[u8], temp: &Path, target: &Path) -> Result<(), Error> {
    file.write_all(bytes)
        .map_err(|e| Error::io("write", temp, e))?;
    file.sync_all().map_err(|e| Error::io("flush", temp, e))?;
    drop(file);
    fs::rename(temp, target).map_err(|e| Error::io("replace", target, e))
}

/// Makes a rename or removal in `dir` durable (unix). Best effort: by then the change itself
/// has happened, and some file systems refuse to sync a folder; failing the whole operation
/// would only make the caller think the data was not written.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    {
        if let Ok(handle) = File::open(dir) {
            let _ = handle.sync_all();
        }
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_only_its_own_names() {
        for yes in [
            "checklist.json",
            "checklist.last-good.json",
            "checklist.damaged-1764100000.json",
            "checklist.damaged-1764100000-3.json",
            "checklist.newer-1764100000.json",
            "checklist.last-good.damaged-1764100000.json",
            "checklist.last-good.newer-1764100000-12.json",
            ".checklist.json.tmp-4242-0",
            ".checklist.last-good.json.tmp-4242-17",
        ] {
            assert!(is_file_written_by_this_crate(yes), "{yes}");
        }
        for no in [
            "settings.json",
            "checklist.json.bak",
            "checklist.damaged-.json",
            "checklist.damaged-12a.json",
            "checklist.damaged-1-2-3.json",
            "checklist.damaged-1.json.txt",
            "checklist.other-1.json",
            ".checklist.json.tmp-",
            ".checklist.json.tmp-1-x",
            "mychecklist.json",
            "checklist.last-good.json.tmp-1-2",
        ] {
            assert!(!is_file_written_by_this_crate(no), "{no}");
        }
    }

    #[test]
    fn every_pattern_is_recognised() {
        for pattern in FILE_PATTERNS {
            let example = pattern
                .replace("<unix-seconds>[-n]", "1764100000-1")
                .replace("<pid>-<n>", "77-3");
            assert!(is_file_written_by_this_crate(&example), "{example}");
        }
    }

    #[test]
    fn parent_of_bare_name_is_current_folder() {
        assert_eq!(parent_dir(Path::new("checklist.json")), Path::new("."));
        assert_eq!(parent_dir(Path::new("/a/b.json")), Path::new("/a"));
    }
}
