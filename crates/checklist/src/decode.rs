//! Lenient reading of saved progress: keep every tick that still makes sense, set aside the rest
//! one entry at a time, and say what was set aside.
//!
//! A person may hand-edit the file, a content update may rename a step, and a save may be cut
//! short. Only the last makes the file unusable as a whole (see [`Damage`]); everything else costs
//! at most the entries concerned, never the whole file.

use serde_json::{Map, Value};

use crate::error::{Damage, Error};
use crate::format::{parse_bytes, read_schema, KEY_PROGRESS, KEY_SCHEMA};
use crate::migrate;
use crate::model::{is_valid_id, Known, Progress};
use crate::report::{bad_shape, pointer, Collector};
pub use crate::report::{Ignored, Reason, MAX_IGNORED_REPORTED};

/// What can be decoded: raw file bytes, or JSON already parsed (e.g. the store's entries as one
/// object). Build it with `.into()` from `&[u8]`, `&str`, `&Vec<u8>` or `&serde_json::Value`.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    /// The bytes of a file. Checked for size first, then parsed.
    Bytes(&'a [u8]),
    /// A parsed JSON value; it must be an object of store keys.
    Value(&'a Value),
}

impl<'a> From<&'a [u8]> for Input<'a> {
    fn from(bytes: &'a [u8]) -> Self {
        Input::Bytes(bytes)
    }
}

impl<'a, const N: usize> From<&'a [u8; N]> for Input<'a> {
    fn from(bytes: &'a [u8; N]) -> Self {
        Input::Bytes(bytes)
    }
}

impl<'a> From<&'a Vec<u8>> for Input<'a> {
    fn from(bytes: &'a Vec<u8>) -> Self {
        Input::Bytes(bytes)
    }
}

impl<'a> From<&'a str> for Input<'a> {
    fn from(text: &'a str) -> Self {
        Input::Bytes(text.as_bytes())
    }
}

impl<'a> From<&'a String> for Input<'a> {
    fn from(text: &'a String) -> Self {
        Input::Bytes(text.as_bytes())
    }
}

impl<'a> From<&'a Value> for Input<'a> {
    fn from(value: &'a Value) -> Self {
        Input::Value(value)
    }
}

/// The result of a successful decode: the usable ticks, and what was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// Every tick that is well-formed and (for [`decode`]) still in the guide.
    pub progress: Progress,
    /// The entries left out, in file order, at most [`MAX_IGNORED_REPORTED`] of them.
    pub ignored: Vec<Ignored>,
    /// How many more entries were left out beyond those listed in `ignored`.
    pub more_ignored: usize,
    /// The schema the input was written in (1 or 2). Below [`crate::SCHEMA_VERSION`] means the
    /// data was migrated while decoding.
    pub schema: u64,
}

impl Decoded {
    /// How many entries were left out in all.
    pub fn ignored_total(&self) -> usize {
        self.ignored.len() + self.more_ignored
    }
}

/// Decodes saved progress against what the content knows.
///
/// Returns `Err` only when the input cannot be used as a whole: [`Error::Damaged`] (not JSON,
/// not an object, wrong overall shape, too large...) or [`Error::NewerSchema`]. Otherwise every
/// entry is judged on its own: unknown keys, wrong types, invalid ids and ticks the guide no
/// longer has are left out and listed in [`Decoded::ignored`]; the rest is kept. Schema 1 is
/// migrated on the way. Never panics, whatever the input.
pub fn decode<'a>(input: impl Into<Input<'a>>, known: &Known) -> Result<Decoded, Error> {
    let decoded = decode_unfiltered(input.into())?;
    let mut collector = Collector {
        ignored: decoded.ignored,
        more: decoded.more_ignored,
    };
    let progress = keep_known(&decoded.progress, known, &mut collector);
    Ok(Decoded {
        progress,
        ignored: collector.ignored,
        more_ignored: collector.more,
        schema: decoded.schema,
    })
}

/// Decodes without matching against the content: keeps every well-formed tick. Used when a file
/// is rewritten (migration, restoring last-good), so that a tick for a step missing from this
/// version of the guide is not lost from disk by the rewrite.
pub(crate) fn decode_unfiltered(input: Input<'_>) -> Result<Decoded, Error> {
    let parsed;
    let value = match input {
        Input::Bytes(bytes) => {
            parsed = parse_bytes(bytes).map_err(Error::Damaged)?;
            &parsed
        }
        Input::Value(value) => value,
    };
    let top = value.as_object().ok_or(Error::Damaged(Damage::NotObject))?;
    let schema = read_schema(top)?;
    let mut collector = Collector::default();
    let progress = if schema == 1 {
        migrate::v1_to_progress(top, &mut collector)?
    } else {
        v2_to_progress(top, &mut collector)?
    };
    Ok(Decoded {
        progress,
        ignored: collector.ignored,
        more_ignored: collector.more,
        schema,
    })
}

/// Reads a schema-2 object, entry by entry.
fn v2_to_progress(top: &Map<String, Value>, c: &mut Collector) -> Result<Progress, Error> {
    for key in top.keys() {
        if key != KEY_SCHEMA && key != KEY_PROGRESS {
            c.ignore(pointer(&[key]), Reason::UnknownKey);
        }
    }
    let lists = match top.get(KEY_PROGRESS) {
        Some(Value::Object(lists)) => lists,
        Some(_) => return Err(bad_shape("\"progress\" is not an object")),
        None => return Err(bad_shape("there is no \"progress\" entry")),
    };
    let mut progress = Progress::new();
    for (list, items) in lists {
        if !is_valid_id(list) {
            c.ignore(pointer(&[KEY_PROGRESS, list]), Reason::InvalidId);
            continue;
        }
        let Value::Array(items) = items else {
            c.ignore(
                pointer(&[KEY_PROGRESS, list]),
                Reason::WrongType {
                    expected: "a list of step ids",
                },
            );
            continue;
        };
        for (index, item) in items.iter().enumerate() {
            let reason = match item {
                Value::String(id) => match progress.tick(list, id) {
                    Ok(_) => continue,
                    Err(_) => Reason::InvalidId,
                },
                _ => Reason::WrongType {
                    expected: "a step id in quotes",
                },
            };
            c.ignore(pointer(&[KEY_PROGRESS, list, &index.to_string()]), reason);
        }
    }
    Ok(progress)
}

/// Keeps only the ticks the content still has, reporting each one dropped.
pub(crate) fn keep_known(progress: &Progress, known: &Known, c: &mut Collector) -> Progress {
    let mut kept = Progress::new();
    for (list, items) in progress.lists() {
        for item in items {
            if known.contains(list, item) {
                // Ids were validated when `progress` was built, so this cannot fail.
                let _ = kept.tick(list, item);
            } else {
                c.ignore(format!("{list}/{item}"), Reason::NotInGuide);
            }
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn known() -> Known {
        Known::new()
            .with_list(
                "first-steps",
                ["dont-pay", "keep-evidence", "stop-replying"],
            )
            .with_list("report", ["tell-someone"])
    }

    #[test]
    fn reads_a_clean_file() {
        let d = decode(
            r#"{"schema":2,"progress":{"first-steps":["dont-pay"],"report":["tell-someone"]}}"#,
            &known(),
        );
        let d = d.ok();
        assert_eq!(d.as_ref().map(|d| d.progress.total()), Some(2));
        assert_eq!(d.as_ref().map(|d| d.ignored.len()), Some(0));
        assert_eq!(d.map(|d| d.schema), Some(2));
    }

    #[test]
    fn ignores_item_by_item_and_keeps_the_rest() {
        let v = json!({
            "schema": 2,
            "theme": "dark",
            "progress": {
                "first-steps": ["dont-pay", 7, "Bad Id", "gone-step", null, "keep-evidence"],
                "report": "tell-someone",
                "Not/A/List": ["x"],
                "old-list": ["a"]
            }
        });
        let Ok(d) = decode(&v, &known()) else {
            panic!("should decode")
        };
        assert!(d.progress.is_ticked("first-steps", "dont-pay"));
        assert!(d.progress.is_ticked("first-steps", "keep-evidence"));
        assert_eq!(d.progress.total(), 2);
        let found: Vec<String> = d.ignored.iter().map(ToString::to_string).collect();
        assert_eq!(
            found,
            [
                "/theme: not something Harbour saves",
                "/progress/Not~1A~1List: not a valid id",
                "/progress/first-steps/1: expected a step id in quotes",
                "/progress/first-steps/2: not a valid id",
                "/progress/first-steps/4: expected a step id in quotes",
                "/progress/report: expected a list of step ids",
                "first-steps/gone-step: this step is no longer in the guide",
                "old-list/a: this step is no longer in the guide",
            ]
        );
    }

    #[test]
    fn whole_file_problems_are_errors() {
        let k = known();
        let damaged = |input: &str| matches!(decode(input, &k), Err(Error::Damaged(_)));
        assert!(damaged(""));
        assert!(damaged("[1,2]"));
        assert!(damaged("\"text\""));
        assert!(damaged(r#"{"schema":2}"#));
        assert!(damaged(r#"{"schema":2,"progress":[]}"#));
        assert!(damaged(r#"{"schema":"2","progress":{}}"#));
        assert!(matches!(
            decode(r#"{"schema":3,"progress":{}}"#, &k),
            Err(Error::NewerSchema { found: 3 })
        ));
    }

    #[test]
    fn reports_are_capped() {
        let junk: Vec<Value> = (0..1000).map(Value::from).collect();
        let v = json!({"schema": 2, "progress": {"first-steps": junk}});
        let Ok(d) = decode(&v, &known()) else {
            panic!("should decode")
        };
        assert_eq!(d.ignored.len(), MAX_IGNORED_REPORTED);
        assert_eq!(d.ignored_total(), 1000);
    }

    #[test]
    fn long_keys_are_shortened_in_reports() {
        let key = "K".repeat(100_000);
        let v = json!({"schema": 2, "progress": {}, key: 1});
        let Ok(d) = decode(&v, &known()) else {
            panic!("should decode")
        };
        assert!(d.ignored[0].at.len() < 200);
    }
}
