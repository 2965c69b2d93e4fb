//! Every way the store file can be damaged or odd, run through `check_before_load` on real
//! files: the damaged file must be kept (moved aside, byte for byte), the last-good copy must
//! come back when there is one, and odd-but-readable files must lose only the odd entries.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{known, names, names_starting, sample, temp_dir};
use harbour_checklist::{
    check_before_load, last_good_path, main_path, to_bytes, write_last_good, Checked, Damage,
    Error, Outcome, Progress, Reason, MAX_FILE_BYTES,
};

/// Writes `bad` as the store file beside a good last-good copy of [`sample`], runs the check,
/// and checks the recovery. Returns the damage found.
fn recovers_with_backup(bad: &[u8]) -> Damage {
    let dir = temp_dir("damage");
    let (main, last_good) = (main_path(dir.path()), last_good_path(dir.path()));
    write_last_good(&last_good, &sample()).expect("write last-good");
    fs::write(&main, bad).expect("write main");

    let checked = check_before_load(&main, &last_good, &known()).expect("check");
    let Outcome::Recovered {
        moved_to,
        damage,
        restored_from_last_good,
    } = checked.outcome.clone()
    else {
        panic!("expected Recovered, got {:?}", checked.outcome)
    };
    assert!(restored_from_last_good);
    assert_eq!(checked.progress, sample());
    assert_damaged_copy(&moved_to, dir.path(), bad);
    // The store file now holds exactly the last-good state, ready for the plugin.
    assert_eq!(
        fs::read(&main).expect("read main"),
        to_bytes(&sample()).unwrap()
    );
    assert_eq!(
        fs::read(&last_good).expect("read lg"),
        to_bytes(&sample()).unwrap()
    );
    let message = checked.message().expect("a message for the person");
    assert!(message.contains("backup"), "{message}");
    assert!(message.contains("Nothing was deleted"), "{message}");
    damage
}

/// Same damage, but with no last-good copy: the file is still kept, and the lists start empty.
fn recovers_without_backup(bad: &[u8]) -> Damage {
    let dir = temp_dir("damage-nobackup");
    let (main, last_good) = (main_path(dir.path()), last_good_path(dir.path()));
    fs::write(&main, bad).expect("write main");

    let checked = check_before_load(&main, &last_good, &known()).expect("check");
    let Outcome::Recovered {
        moved_to,
        damage,
        restored_from_last_good,
    } = checked.outcome.clone()
    else {
        panic!("expected Recovered, got {:?}", checked.outcome)
    };
    assert!(!restored_from_last_good);
    assert!(checked.progress.is_empty());
    assert!(
        !main.exists(),
        "the plugin must start from no file, not a bad one"
    );
    assert_damaged_copy(&moved_to, dir.path(), bad);
    assert!(checked.message().is_some());
    damage
}

fn assert_damaged_copy(moved_to: &Path, dir: &Path, bad: &[u8]) {
    assert_eq!(moved_to.parent(), Some(dir));
    let name = moved_to.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("checklist.damaged-") && name.ends_with(".json"),
        "{name}"
    );
    assert_eq!(fs::read(moved_to).expect("damaged copy kept"), bad);
}

fn both(bad: &[u8]) -> Damage {
    let with = recovers_with_backup(bad);
    let without = recovers_without_backup(bad);
    assert_eq!(with, without);
    with
}

#[test]
fn empty_file() {
    assert_eq!(both(b""), Damage::Empty);
    assert_eq!(both(b"\n  \n"), Damage::Empty);
    assert_eq!(both(&[0u8; 512]), Damage::Empty);
}

#[test]
fn truncated_mid_json() {
    let good = to_bytes(&sample()).unwrap();
    for cut in [1, good.len() / 3, good.len() / 2, good.len() - 3] {
        assert_eq!(both(&good[..cut]), Damage::Truncated, "cut at {cut}");
    }
}

#[test]
fn random_bytes() {
    // A fixed pseudo-random sequence, so the test is repeatable.
    let mut x: u32 = 0x1234_5678;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect();
    assert!(matches!(both(&bytes), Damage::NotJson { .. }));
    assert!(matches!(
        both(b"\xff\xfe\x00garbage"),
        Damage::NotJson { .. }
    ));
}

#[test]
fn valid_json_but_not_an_object() {
    for bad in [&b"[1, 2, 3]"[..], b"\"checklist\"", b"42", b"null", b"true"] {
        assert_eq!(both(bad), Damage::NotObject);
    }
}

#[test]
fn wrong_overall_shape() {
    for bad in [
        &br#"{"schema": 2}"#[..],
        br#"{"schema": 2, "progress": ["dont-pay"]}"#,
        br#"{"schema": "2", "progress": {}}"#,
        br#"{"schema": 0, "progress": {}}"#,
        br#"{"ticks": "all"}"#,
        br#"{"something-else": true}"#,
    ] {
        assert!(matches!(both(bad), Damage::BadShape { .. }));
    }
}

#[test]
fn huge_file() {
    let mut big = to_bytes(&sample()).unwrap();
    big.resize(MAX_FILE_BYTES + 1, b' ');
    assert_eq!(
        both(&big),
        Damage::TooLarge {
            bytes: (MAX_FILE_BYTES + 1) as u64
        }
    );
}

#[test]
fn deep_nesting() {
    let deep = format!(
        "{{\"schema\":2,\"progress\":{}{}}}",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    assert!(matches!(both(deep.as_bytes()), Damage::NotJson { .. }));
}

#[test]
fn future_schema_is_kept_aside_untouched() {
    let newer = br#"{"schema": 3, "progress": {"first-steps": {"dont-pay": "2027-01-01"}}}"#;
    for with_backup in [true, false] {
        let dir = temp_dir("newer");
        let (main, last_good) = (main_path(dir.path()), last_good_path(dir.path()));
        if with_backup {
            write_last_good(&last_good, &sample()).unwrap();
        }
        fs::write(&main, newer).unwrap();
        let checked = check_before_load(&main, &last_good, &known()).expect("check");
        let Outcome::KeptNewer {
            moved_to,
            found_schema,
            restored_from_last_good,
        } = checked.outcome.clone()
        else {
            panic!("expected KeptNewer, got {:?}", checked.outcome)
        };
        assert_eq!(found_schema, 3);
        assert_eq!(restored_from_last_good, with_backup);
        assert_eq!(fs::read(&moved_to).unwrap(), newer);
        assert!(moved_to
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("checklist.newer-"));
        if with_backup {
            assert_eq!(checked.progress, sample());
            assert_eq!(fs::read(&main).unwrap(), to_bytes(&sample()).unwrap());
        } else {
            assert!(checked.progress.is_empty());
            assert!(!main.exists());
        }
        assert!(checked.message().unwrap().contains("newer version"));
    }
}

/// Runs the check on a readable-but-odd file: it must be left exactly as it was.
fn loads_leniently(contents: &str) -> Checked {
    let dir = temp_dir("lenient");
    let (main, last_good) = (main_path(dir.path()), last_good_path(dir.path()));
    fs::write(&main, contents).unwrap();
    let checked = check_before_load(&main, &last_good, &known()).expect("check");
    assert_eq!(
        checked.outcome,
        Outcome::Loaded {
            migrated_from: None
        }
    );
    assert_eq!(
        fs::read_to_string(&main).unwrap(),
        contents,
        "left as it was"
    );
    assert!(names_starting(dir.path(), "checklist.damaged").is_empty());
    checked
}

#[test]
fn wrong_types_are_ignored_one_by_one() {
    let checked = loads_leniently(
        r#"{"schema": 2, "progress": {
            "first-steps": ["dont-pay", 12, {"x": 1}, "keep-evidence", ["nested"]],
            "tell-someone": "trusted-adult",
            "take-it-down": null
        }}"#,
    );
    let mut expected = Progress::new();
    expected.tick("first-steps", "dont-pay").unwrap();
    expected.tick("first-steps", "keep-evidence").unwrap();
    assert_eq!(checked.progress, expected);
    assert_eq!(checked.ignored.len(), 5);
    assert!(checked
        .ignored
        .iter()
        .all(|i| matches!(i.reason, Reason::WrongType { .. })));
    assert!(checked.message().is_some());
}

#[test]
fn unknown_keys_are_ignored() {
    let checked = loads_leniently(
        r#"{"schema": 2, "theme": "dark", "note": {"a": 1},
            "progress": {"first-steps": ["dont-pay"]}}"#,
    );
    assert_eq!(checked.progress.total(), 1);
    let at: Vec<&str> = checked.ignored.iter().map(|i| i.at.as_str()).collect();
    assert_eq!(at, ["/note", "/theme"]);
    assert!(checked
        .ignored
        .iter()
        .all(|i| i.reason == Reason::UnknownKey));
}

#[test]
fn ids_no_longer_in_the_guide_are_ignored() {
    let checked = loads_leniently(
        r#"{"schema": 2, "progress": {
            "first-steps": ["dont-pay", "renamed-step"],
            "removed-list": ["a", "b"],
            "tell-someone": ["Bad Id!", "school"]
        }}"#,
    );
    let mut expected = Progress::new();
    expected.tick("first-steps", "dont-pay").unwrap();
    expected.tick("tell-someone", "school").unwrap();
    assert_eq!(checked.progress, expected);
    let found: Vec<String> = checked.ignored.iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "/progress/tell-someone/0: not a valid id",
            "first-steps/renamed-step: this step is no longer in the guide",
            "removed-list/a: this step is no longer in the guide",
            "removed-list/b: this step is no longer in the guide",
        ]
    );
}

#[test]
fn missing_main_is_restored_from_last_good() {
    let dir = temp_dir("restore");
    let (main, last_good) = (main_path(dir.path()), last_good_path(dir.path()));
    write_last_good(&last_good, &sample()).unwrap();
    let checked = check_before_load(&main, &last_good, &known()).unwrap();
    assert_eq!(checked.outcome, Outcome::Restored);
    assert_eq!(checked.progress, sample());
    assert_eq!(fs::read(&main).unwrap(), to_bytes(&sample()).unwrap());
    assert!(checked.message().unwrap().contains("backup"));
}

#[test]
fn nothing_saved_is_a_fresh_start_and_creates_nothing() {
    let dir = temp_dir("fresh");
    let (main, last_good) = (main_path(dir.path()), last_good_path(dir.path()));
    let checked = check_before_load(&main, &last_good, &known()).unwrap();
    assert_eq!(checked.outcome, Outcome::Fresh);
    assert!(checked.progress.is_empty());
    assert_eq!(checked.message(), None);
    assert!(names(dir.path()).is_empty());
}

#[test]
fn a_good_main_without_last_good_gets_one() {
    let dir = temp_dir("seed");
    let (main, last_good) = (main_path(dir.path()), last_good_path(dir.path()));
    fs::write(&main, to_bytes(&sample()).unwrap()).unwrap();
    let checked = check_before_load(&main, &last_good, &known()).unwrap();
    assert_eq!(checked.message(), None);
    assert_eq!(fs::read(&last_good).unwrap(), to_bytes(&sample()).unwrap());
}

#[test]
fn a_good_last_good_is_never_overwritten_by_the_check() {
    let dir = temp_dir("keep-lg");
    let (main, last_good) = (main_path(dir.path()), last_good_path(dir.path()));
    let mut newer = sample();
    newer.tick("take-it-down", "hash-image").unwrap();
    fs::write(&main, to_bytes(&newer).unwrap()).unwrap();
    write_last_good(&last_good, &sample()).unwrap();
    let checked = check_before_load(&main, &last_good, &known()).unwrap();
    assert_eq!(checked.progress, newer);
    assert_eq!(fs::read(&last_good).unwrap(), to_bytes(&sample()).unwrap());
}

#[test]
fn earlier_damaged_copies_are_never_overwritten() {
    let dir = temp_dir("twice");
    let (main, last_good) = (main_path(dir.path()), last_good_path(dir.path()));
    write_last_good(&last_good, &sample()).unwrap();
    let mut kept: Vec<PathBuf> = Vec::new();
    for round in 0..4 {
        let bad = format!("damaged round {round}");
        fs::write(&main, &bad).unwrap();
        let checked = check_before_load(&main, &last_good, &known()).unwrap();
        let Outcome::Recovered { moved_to, .. } = checked.outcome else {
            panic!("expected Recovered")
        };
        assert!(!kept.contains(&moved_to));
        kept.push(moved_to);
    }
    // Same second, so later ones get -1, -2...; every round's bytes are still there.
    for (round, path) in kept.iter().enumerate() {
        assert_eq!(
            fs::read_to_string(path).unwrap(),
            format!("damaged round {round}")
        );
    }
    assert_eq!(names_starting(dir.path(), "checklist.damaged-").len(), 4);
}

#[test]
fn damaged_last_good_is_kept_aside_too() {
    let dir = temp_dir("both-bad");
    let (main, last_good) = (main_path(dir.path()), last_good_path(dir.path()));
    fs::write(&main, b"{\"schema\": 2, \"progr").unwrap();
    fs::write(&last_good, b"").unwrap();
    let checked = check_before_load(&main, &last_good, &known()).unwrap();
    assert!(matches!(
        checked.outcome,
        Outcome::Recovered {
            restored_from_last_good: false,
            ..
        }
    ));
    let (lg_moved, why) = checked.last_good_set_aside.clone().expect("set aside");
    assert_eq!(why.to_string(), "the file is empty");
    assert!(lg_moved
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("checklist.last-good.damaged-"));
    assert!(!main.exists() && !last_good.exists());
    assert_eq!(names(dir.path()).len(), 2);
}

#[test]
fn unreadable_backup_with_no_main_is_explained() {
    let dir = temp_dir("lg-only-bad");
    let (main, last_good) = (main_path(dir.path()), last_good_path(dir.path()));
    fs::write(&last_good, b"[]").unwrap();
    let checked = check_before_load(&main, &last_good, &known()).unwrap();
    assert_eq!(checked.outcome, Outcome::Fresh);
    assert!(checked.message().unwrap().contains("backup copy"));
}

#[test]
fn a_folder_in_the_way_is_an_error_not_damage() {
    let dir = temp_dir("folder");
    let (main, last_good) = (main_path(dir.path()), last_good_path(dir.path()));
    fs::create_dir(&main).unwrap();
    let result = check_before_load(&main, &last_good, &known());
    assert!(matches!(result, Err(Error::Io { .. })), "{result:?}");
    assert!(main.is_dir(), "nothing was moved or deleted");
}
