//! Property tests: whatever bytes or JSON end up in the files, nothing panics, nothing saved is
//! lost, and a valid state always survives a round trip.

mod common;

use std::fs;

use common::temp_dir;
use harbour_checklist::{
    check_before_load, decode, encode, last_good_path, main_path, to_bytes, write_last_good, Known,
    Outcome, Progress, MAX_FILE_BYTES, SCHEMA_VERSION,
};
use proptest::prelude::*;
use serde_json::{Map, Number, Value};

/// Valid ids, mostly from a tiny alphabet so that saved ids and the content's ids often match.
fn id() -> impl Strategy<Value = String> {
    prop_oneof![3 => "[a-c]{1,2}", 1 => "[a-z0-9-]{1,12}"]
}

/// Keys that hit every branch of the decoder: our own keys, valid ids, `list/item` pairs, and
/// anything at all.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("schema".to_owned()),
        Just("progress".to_owned()),
        Just("ticks".to_owned()),
        id(),
        (id(), id()).prop_map(|(a, b)| format!("{a}/{b}")),
        any::<String>(),
        "[a-z]{60,70}",
    ]
}

/// Any JSON value, nested a few levels.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| Number::from_f64(f).map(Value::Number)),
        any::<String>().prop_map(Value::String),
        id().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..8)
                .prop_map(|entries| Value::Object(entries.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Values shaped like a store file (schema 1 or 2, or a stray schema), with random entries:
/// these reach the entry-by-entry code far more often than fully random JSON.
fn store_like() -> impl Strategy<Value = Value> {
    let schema = prop_oneof![
        2 => Just(None),
        1 => Just(Some(Value::from(1))),
        4 => Just(Some(Value::from(2))),
        1 => json().prop_map(Some),
    ];
    let list = prop_oneof![
        4 => prop::collection::vec(
            prop_oneof![4 => id().prop_map(Value::String), 1 => json()],
            0..6
        )
        .prop_map(Value::Array),
        1 => json(),
    ];
    let list_key = prop_oneof![4 => id(), 1 => key()];
    let tick_key = prop_oneof![4 => (id(), id()).prop_map(|(a, b)| format!("{a}/{b}")), 1 => key()];
    let progress = prop::collection::vec((list_key, list), 0..6)
        .prop_map(|e| Value::Object(e.into_iter().collect()));
    let ticks = prop::collection::vec(
        (
            tick_key,
            prop_oneof![any::<bool>().prop_map(Value::Bool), json()],
        ),
        0..6,
    )
    .prop_map(|e| Value::Object(e.into_iter().collect()));
    let extra = prop::collection::vec((key(), json()), 0..3);
    (schema, progress, ticks, extra, any::<u8>()).prop_map(
        |(schema, progress, ticks, extra, pick)| {
            let mut top: Map<String, Value> = extra.into_iter().collect();
            if let Some(schema) = schema {
                top.insert("schema".into(), schema);
            }
            if pick % 3 != 0 {
                top.insert("progress".into(), progress);
            }
            if pick % 3 != 1 {
                top.insert("ticks".into(), ticks);
            }
            Value::Object(top)
        },
    )
}

/// File contents: a good save, random bytes, or a JSON value written out.
fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        progress().prop_map(|p| to_bytes(&p).unwrap()),
        prop::collection::vec(any::<u8>(), 0..512),
        json().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        store_like().prop_map(|v| serde_json::to_vec_pretty(&v).unwrap()),
    ]
}

/// A valid saved state.
fn progress() -> impl Strategy<Value = Progress> {
    prop::collection::btree_map(id(), prop::collection::btree_set(id(), 1..6), 0..6).prop_map(
        |lists| {
            let mut p = Progress::new();
            for (list, items) in lists {
                for item in items {
                    p.tick(&list, &item).unwrap();
                }
            }
            p
        },
    )
}

/// Content that knows every list and item of `p`, and a little more.
fn known_for(p: &Progress) -> Known {
    let mut known: Known = p
        .lists()
        .iter()
        .map(|(l, items)| (l, items.clone()))
        .collect();
    known.insert_list("extra-list", ["extra-item"]);
    known
}

/// [`known_for`], plus every list and item id of the tiny alphabet [`id`] mostly draws from,
/// so that random saved ticks are often ones the guide has.
fn wide_known(p: &Progress) -> Known {
    let letters = ["a", "b", "c"];
    let mut tiny: Vec<String> = letters.iter().map(|x| x.to_string()).collect();
    for x in letters {
        for y in letters {
            tiny.push(format!("{x}{y}"));
        }
    }
    let mut known = known_for(p);
    for list in &tiny {
        known.insert_list(list, tiny.iter().cloned());
    }
    known
}

/// Ways the store file gets damaged after a good save of `good` (its bytes). Each one makes the
/// file unusable as a whole.
fn corrupt(good: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    // Any prefix that stops before the final '}' is incomplete JSON (or blank).
    let last_brace = good.iter().rposition(|b| *b == b'}').unwrap_or(0);
    let truncated = {
        let good = good.clone();
        (0..=last_brace.saturating_sub(1)).prop_map(move |cut| good[..cut].to_vec())
    };
    let garbage = prop::collection::vec(any::<u8>(), 0..256).prop_map(|mut bytes| {
        bytes.insert(0, 0xFF); // never valid UTF-8, so never valid JSON
        bytes
    });
    let not_object = json()
        .prop_filter("not an object", |v| !v.is_object())
        .prop_map(|v| serde_json::to_vec(&v).unwrap());
    let bad_progress = json()
        .prop_filter("not an object", |v| !v.is_object())
        .prop_map(|p| {
            serde_json::to_vec(&serde_json::json!({"schema": 2, "progress": p})).unwrap()
        });
    let newer = ((SCHEMA_VERSION + 1).., json()).prop_map(|(schema, p)| {
        serde_json::to_vec(&serde_json::json!({"schema": schema, "progress": p})).unwrap()
    });
    let huge = {
        let good = good.clone();
        (1usize..64).prop_map(move |extra| {
            let mut big = good.clone();
            big.resize(MAX_FILE_BYTES + extra, b' ');
            big
        })
    };
    prop_oneof![
        4 => truncated,
        4 => garbage,
        2 => not_object,
        2 => bad_progress,
        2 => newer,
        1 => huge,
    ]
}

proptest! {
    #[test]
    fn decode_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = decode(&bytes, &Known::new());
    }

    #[test]
    fn decode_never_panics_on_json(
        value in prop_oneof![1 => json(), 3 => store_like()],
        p in progress(),
    ) {
        let known = wide_known(&p);
        let from_value = decode(&value, &known);
        // Decoding the same JSON as bytes gives the same answer.
        let bytes = serde_json::to_vec(&value).unwrap();
        let from_bytes = decode(&bytes, &known);
        match (from_value, from_bytes) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(&a, &b);
                // Whatever was kept only uses content the guide has.
                for (list, items) in a.progress.lists() {
                    for item in items {
                        prop_assert!(known.contains(list, item));
                    }
                }
                prop_assert!(a.ignored.len() <= harbour_checklist::MAX_IGNORED_REPORTED);
            }
            (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
            (a, b) => prop_assert!(false, "value gave {:?}, bytes gave {:?}", a, b),
        }
    }

    #[test]
    fn valid_progress_round_trips(p in progress()) {
        let known = known_for(&p);
        let decoded = decode(&to_bytes(&p).unwrap(), &known).unwrap();
        prop_assert_eq!(&decoded.progress, &p);
        prop_assert!(decoded.ignored.is_empty());
        prop_assert_eq!(decoded.schema, SCHEMA_VERSION);
        let decoded = decode(&encode(&p), &known).unwrap();
        prop_assert_eq!(&decoded.progress, &p);
    }
}

proptest! {
    // These touch the disk (with fsyncs), so fewer cases.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn check_never_panics_and_never_deletes(
        main_bytes in prop::option::of(file_bytes()),
        lg_bytes in prop::option::of(file_bytes()),
        p in progress(),
    ) {
        let dir = temp_dir("prop-check");
        let (main, last_good) = (main_path(dir.path()), last_good_path(dir.path()));
        if let Some(bytes) = &main_bytes {
            fs::write(&main, bytes).unwrap();
        }
        if let Some(bytes) = &lg_bytes {
            fs::write(&last_good, bytes).unwrap();
        }
        let known = wide_known(&p);
        let checked = check_before_load(&main, &last_good, &known).unwrap();

        // What was in the store file is still on disk, byte for byte, unless it was readable
        // and only migrated.
        match (&checked.outcome, &main_bytes) {
            (Outcome::Recovered { moved_to, .. } | Outcome::KeptNewer { moved_to, .. }, Some(b)) => {
                prop_assert_eq!(&fs::read(moved_to).unwrap(), b);
            }
            (Outcome::Loaded { migrated_from: None }, Some(b)) => {
                prop_assert_eq!(&fs::read(&main).unwrap(), b);
            }
            (Outcome::Loaded { migrated_from: Some(_) }, Some(_)) => {}
            (Outcome::Fresh | Outcome::Restored, None) => {}
            (outcome, b) => prop_assert!(false, "{:?} with main {:?}", outcome, b.is_some()),
        }
        // Likewise an unreadable last-good copy.
        if let Some((moved_to, _)) = &checked.last_good_set_aside {
            prop_assert_eq!(&fs::read(moved_to).unwrap(), lg_bytes.as_ref().unwrap());
        }
        // Afterwards the plugin finds either no file or a readable schema-2 file, and the
        // shell is told the same ticks that file holds.
        if main.exists() {
            let on_disk = decode(&fs::read(&main).unwrap(), &known).unwrap();
            prop_assert_eq!(&on_disk.progress, &checked.progress);
            prop_assert_eq!(on_disk.schema, SCHEMA_VERSION);
        } else {
            prop_assert!(checked.progress.is_empty());
        }
        if last_good.exists() {
            prop_assert!(decode(&fs::read(&last_good).unwrap(), &known).is_ok());
        }
    }

    #[test]
    fn never_lose_saved_data(
        (state, bad) in progress().prop_flat_map(|p| {
            let good = to_bytes(&p).unwrap();
            (Just(p), corrupt(good))
        })
    ) {
        let dir = temp_dir("prop-lose");
        let (main, last_good) = (main_path(dir.path()), last_good_path(dir.path()));
        // A save, as the plugin does it, then the last-good copy, as the shell asks for it.
        fs::write(&main, to_bytes(&state).unwrap()).unwrap();
        write_last_good(&last_good, &state).unwrap();
        // Then the store file is damaged (crash mid-save, bad hand edit, newer version...).
        fs::write(&main, &bad).unwrap();

        let checked = check_before_load(&main, &last_good, &known_for(&state)).unwrap();
        let moved_to = match &checked.outcome {
            Outcome::Recovered { moved_to, restored_from_last_good: true, .. }
            | Outcome::KeptNewer { moved_to, restored_from_last_good: true, .. } => moved_to.clone(),
            other => return Err(TestCaseError::fail(format!("unexpected {other:?}"))),
        };
        // Recovery yields exactly the last-good state...
        prop_assert_eq!(&checked.progress, &state);
        prop_assert!(checked.ignored.is_empty());
        prop_assert_eq!(fs::read(&main).unwrap(), to_bytes(&state).unwrap());
        prop_assert_eq!(fs::read(&last_good).unwrap(), to_bytes(&state).unwrap());
        // ...and the damaged file still exists beside it.
        prop_assert_eq!(moved_to.parent(), Some(dir.path()));
        prop_assert_eq!(fs::read(&moved_to).unwrap(), bad);
    }
}
