//! Atomic writes leave nothing behind, and "Delete everything Harbour saved" removes every file
//! this crate can create, and nothing else.

mod common;

use std::fs;

use common::{known, names, sample, temp_dir};
use harbour_checklist::{
    atomic_write, check_before_load, decode, delete_all, files_written, last_good_path, main_path,
    write_last_good, Error, Outcome, FILE_PATTERNS,
};

#[test]
fn atomic_write_replaces_and_leaves_no_temp_files() {
    let dir = temp_dir("atomic");
    let path = dir.path().join("checklist.json");
    for round in 0..20 {
        let text = format!("round {round}");
        atomic_write(&path, text.as_bytes()).expect("write");
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
        assert_eq!(names(dir.path()), ["checklist.json"]);
    }
}

#[test]
fn atomic_write_into_a_missing_folder_fails_cleanly() {
    let dir = temp_dir("atomic-missing");
    let path = dir.path().join("no-such-folder").join("checklist.json");
    let result = atomic_write(&path, b"x");
    assert!(matches!(result, Err(Error::Io { .. })), "{result:?}");
    assert!(names(dir.path()).is_empty());
}

#[test]
fn atomic_write_over_a_folder_fails_and_removes_its_temp_file() {
    let dir = temp_dir("atomic-folder");
    let path = dir.path().join("checklist.json");
    fs::create_dir(&path).unwrap();
    fs::write(path.join("inside"), b"keep").unwrap();
    assert!(atomic_write(&path, b"x").is_err());
    assert_eq!(names(dir.path()), ["checklist.json"]);
    assert_eq!(fs::read(path.join("inside")).unwrap(), b"keep");
}

#[cfg(unix)]
#[test]
fn written_files_are_private_to_the_owner() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("mode");
    let path = last_good_path(dir.path());
    write_last_good(&path, &sample()).unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn write_last_good_round_trips() {
    let dir = temp_dir("lg");
    let path = last_good_path(dir.path());
    write_last_good(&path, &sample()).unwrap();
    let decoded = decode(&fs::read(&path).unwrap(), &known()).unwrap();
    assert_eq!(decoded.progress, sample());
    assert!(decoded.ignored.is_empty());
}

#[test]
fn delete_all_removes_every_file_this_crate_created_and_nothing_else() {
    let dir = temp_dir("delete");
    let (main, last_good) = (main_path(dir.path()), last_good_path(dir.path()));
    let other = dir.path().join("settings.json");
    fs::write(&other, b"{}").unwrap();

    // Create one of every kind of file: damaged and newer copies of both files...
    write_last_good(&last_good, &sample()).unwrap();
    fs::write(&main, b"{broken").unwrap();
    check_before_load(&main, &last_good, &known()).unwrap();
    fs::write(&main, br#"{"schema": 99}"#).unwrap();
    let checked = check_before_load(&main, &last_good, &known()).unwrap();
    assert!(matches!(checked.outcome, Outcome::KeptNewer { .. }));
    fs::write(&main, b"").unwrap();
    fs::write(&last_good, b"").unwrap();
    check_before_load(&main, &last_good, &known()).unwrap();
    fs::write(&last_good, br#"{"schema": 7}"#).unwrap();
    write_last_good(&main, &sample()).unwrap();
    check_before_load(&main, &last_good, &known()).unwrap();
    // ...and the temporary files a crash in the middle of a write would leave behind.
    fs::write(dir.path().join(".checklist.json.tmp-999-0"), b"half").unwrap();
    fs::write(dir.path().join(".checklist.last-good.json.tmp-999-1"), b"").unwrap();

    let all = names(dir.path());
    for prefix in [
        "checklist.json",
        "checklist.last-good.json",
        "checklist.damaged-",
        "checklist.newer-",
        "checklist.last-good.damaged-",
        "checklist.last-good.newer-",
        ".checklist.json.tmp-",
        ".checklist.last-good.json.tmp-",
    ] {
        assert!(
            all.iter().any(|n| n.starts_with(prefix)),
            "no {prefix} in {all:?}"
        );
    }
    // Every pattern is present (two damaged copies of the main file, as step 3 added one).
    assert_eq!(all.len(), 1 + FILE_PATTERNS.len() + 1, "{all:?}");

    let listed = files_written(dir.path()).unwrap();
    assert_eq!(
        listed.len(),
        all.len() - 1,
        "everything but settings.json: {listed:?}"
    );
    let deleted = delete_all(dir.path()).unwrap();
    assert_eq!(deleted, listed);
    assert_eq!(names(dir.path()), ["settings.json"]);
    assert!(files_written(dir.path()).unwrap().is_empty());
    assert_eq!(
        delete_all(dir.path()).unwrap(),
        Vec::<std::path::PathBuf>::new()
    );
}

#[test]
fn delete_all_on_a_missing_folder_is_fine() {
    let dir = temp_dir("delete-missing");
    let gone = dir.path().join("never-created");
    assert!(delete_all(&gone).unwrap().is_empty());
}
