//! Schema 1 to schema 2: ticks saved by an earlier Harbour survive the update, in memory and on
//! disk, including ticks for steps this version of the guide no longer has.

mod common;

use std::fs;

use common::{known, temp_dir};
use harbour_checklist::{
    check_before_load, decode, encode, last_good_path, main_path, Known, Outcome, Reason,
};
use serde_json::{json, Value};

const V1: &str = r#"{
  "ticks": {
    "first-steps/dont-pay": true,
    "first-steps/stop-replying": false,
    "first-steps/keep-evidence": true,
    "tell-someone/school": true,
    "old-list/old-step": true
  }
}"#;

#[test]
fn decode_migrates_schema_1() {
    let decoded = decode(V1, &known()).expect("schema 1 decodes");
    assert_eq!(decoded.schema, 1);
    assert_eq!(
        encode(&decoded.progress),
        json!({"schema": 2, "progress": {
            "first-steps": ["dont-pay", "keep-evidence"],
            "tell-someone": ["school"]
        }})
    );
    assert_eq!(decoded.ignored.len(), 1);
    assert_eq!(decoded.ignored[0].at, "old-list/old-step");
    assert_eq!(decoded.ignored[0].reason, Reason::NotInGuide);
}

#[test]
fn explicit_schema_1_is_the_same() {
    let mut value: Value = serde_json::from_str(V1).unwrap();
    value["schema"] = json!(1);
    let a = decode(V1, &known()).unwrap();
    let b = decode(&value, &known()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn check_rewrites_the_file_in_schema_2_keeping_every_tick() {
    let dir = temp_dir("migrate");
    let (main, last_good) = (main_path(dir.path()), last_good_path(dir.path()));
    fs::write(&main, V1).unwrap();

    let checked = check_before_load(&main, &last_good, &known()).unwrap();
    assert_eq!(
        checked.outcome,
        Outcome::Loaded {
            migrated_from: Some(1)
        }
    );
    assert_eq!(checked.progress.total(), 3);
    assert!(checked.message().is_some(), "one tick is not shown");

    // On disk, nothing well-formed was dropped: the old step's tick is still saved, so a
    // later guide that has that step again would show it.
    let on_disk: Value = serde_json::from_slice(&fs::read(&main).unwrap()).unwrap();
    let expected = json!({"schema": 2, "progress": {
        "first-steps": ["dont-pay", "keep-evidence"],
        "old-list": ["old-step"],
        "tell-someone": ["school"]
    }});
    assert_eq!(on_disk, expected);
    // And a last-good copy now exists too.
    let lg: Value = serde_json::from_slice(&fs::read(&last_good).unwrap()).unwrap();
    assert_eq!(lg, expected);

    // The second start finds schema 2 and leaves it alone.
    let again = check_before_load(&main, &last_good, &known()).unwrap();
    assert_eq!(
        again.outcome,
        Outcome::Loaded {
            migrated_from: None
        }
    );
    assert_eq!(again.progress, checked.progress);
}

#[test]
fn an_old_last_good_is_migrated_when_restored() {
    let dir = temp_dir("migrate-lg");
    let (main, last_good) = (main_path(dir.path()), last_good_path(dir.path()));
    fs::write(&last_good, V1).unwrap();
    let everything = Known::new()
        .with_list("first-steps", ["dont-pay", "keep-evidence"])
        .with_list("tell-someone", ["school"])
        .with_list("old-list", ["old-step"]);
    let checked = check_before_load(&main, &last_good, &everything).unwrap();
    assert_eq!(checked.outcome, Outcome::Restored);
    assert_eq!(checked.progress.total(), 4);
    let on_disk: Value = serde_json::from_slice(&fs::read(&main).unwrap()).unwrap();
    assert_eq!(on_disk["schema"], json!(2));
}
