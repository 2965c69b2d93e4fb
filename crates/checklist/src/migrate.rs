//! Upgrades older schemas to the current one, so that ticks saved by an earlier Harbour survive
//! an update.
//!
//! Schema 1 (no `schema` key, or `"schema": 1`) kept one flag per item under `ticks`, keyed by
//! `"<list-id>/<item-id>"`:
//!
//! ```json
//! {"ticks": {"first-steps/dont-pay": true, "first-steps/keep-evidence": false}}
//! ```
//!
//! `true` means ticked; `false` means not ticked (so it is dropped without comment). A store file
//! with no entries at all (`{}`) is read as schema 1 with nothing ticked: that is what the store
//! plugin writes after everything was cleared. Schema 2 is described in [`crate::format`].

use serde_json::{Map, Value};

use crate::error::Error;
use crate::format::{KEY_SCHEMA, KEY_TICKS_V1};
use crate::model::{is_valid_id, Progress};
use crate::report::{bad_shape, pointer, Collector, Reason};

/// Reads a schema-1 object into progress, entry by entry. Errors only when the object has keys
/// but no `ticks` object, since then it is not a checklist file at all.
pub(crate) fn v1_to_progress(
    top: &Map<String, Value>,
    c: &mut Collector,
) -> Result<Progress, Error> {
    let ticks = match top.get(KEY_TICKS_V1) {
        Some(Value::Object(ticks)) => ticks,
        Some(_) => return Err(bad_shape("\"ticks\" is not an object")),
        None if top.keys().all(|k| k == KEY_SCHEMA) => return Ok(Progress::new()),
        None => return Err(bad_shape("there is no \"progress\" or \"ticks\" entry")),
    };
    for key in top.keys() {
        if key != KEY_SCHEMA && key != KEY_TICKS_V1 {
            c.ignore(pointer(&[key]), Reason::UnknownKey);
        }
    }
    let mut progress = Progress::new();
    for (key, flag) in ticks {
        let at = || pointer(&[KEY_TICKS_V1, key]);
        let Value::Bool(ticked) = *flag else {
            c.ignore(
                at(),
                Reason::WrongType {
                    expected: "true or false",
                },
            );
            continue;
        };
        let Some((list, item)) = key.split_once('/') else {
            c.ignore(at(), Reason::InvalidId);
            continue;
        };
        // An unticked entry is still checked, so a bad key is reported either way. An item id
        // with another '/' in it is not a valid id.
        if !(is_valid_id(list) && is_valid_id(item)) {
            c.ignore(at(), Reason::InvalidId);
        } else if ticked {
            // Both ids were just checked, so this cannot fail.
            let _ = progress.tick(list, item);
        }
    }
    Ok(progress)
}

#[cfg(test)]
mod tests {
    use crate::{decode, Known};

    #[test]
    fn migrates_flags_to_lists() {
        let v1 = r#"{"ticks": {
            "first-steps/dont-pay": true,
            "first-steps/keep-evidence": true,
            "first-steps/stop-replying": false,
            "report/tell-someone": true,
            "report/bad/extra": true,
            "no-slash": true,
            "report/maybe": "yes"
        }}"#;
        let known = Known::new()
            .with_list(
                "first-steps",
                ["dont-pay", "keep-evidence", "stop-replying"],
            )
            .with_list("report", ["tell-someone", "maybe"]);
        let Ok(d) = decode(v1, &known) else {
            panic!("schema 1 should decode")
        };
        assert_eq!(d.schema, 1);
        assert_eq!(
            crate::encode(&d.progress),
            serde_json::json!({"schema": 2, "progress": {
                "first-steps": ["dont-pay", "keep-evidence"],
                "report": ["tell-someone"]
            }})
        );
        let at: Vec<&str> = d.ignored.iter().map(|i| i.at.as_str()).collect();
        assert_eq!(
            at,
            [
                "/ticks/no-slash",
                "/ticks/report~1bad~1extra",
                "/ticks/report~1maybe"
            ]
        );
    }

    #[test]
    fn empty_store_file_is_nothing_ticked() {
        let Ok(d) = decode("{}", &Known::new()) else {
            panic!("{{}} should decode")
        };
        assert!(d.progress.is_empty());
        assert!(decode(r#"{"something": 1}"#, &Known::new()).is_err());
        assert!(decode(r#"{"ticks": []}"#, &Known::new()).is_err());
    }
}
