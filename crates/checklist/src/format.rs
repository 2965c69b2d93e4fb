//! The saved file format, with a schema number so later versions can change it safely.
//!
//! The file is a tauri-plugin-store file: one JSON object whose top-level keys are store keys.
//! Schema 2 (current) uses two of them:
//!
//! ```json
//! {"schema": 2, "progress": {"first-steps": ["dont-pay", "keep-evidence"]}}
//! ```
//!
//! Schema 1 (the earlier shape, see [`crate::migrate`]) had no `schema` key:
//!
//! ```json
//! {"ticks": {"first-steps/dont-pay": true, "first-steps/keep-evidence": true}}
//! ```
//!
//! A file whose `schema` is higher than [`SCHEMA_VERSION`] was written by a newer Harbour: it is
//! never rewritten by this version (see [`crate::Outcome::KeptNewer`]).

use serde_json::{Map, Value};

use crate::error::{Damage, Error};
use crate::model::Progress;

/// The schema this version writes. Bump it (and add a step to `migrate.rs`) whenever the
/// shape changes, so older files are upgraded and newer ones are left alone.
pub const SCHEMA_VERSION: u64 = 2;

/// The oldest schema this version can still read.
pub const OLDEST_SCHEMA: u64 = 1;

/// Largest file accepted, in bytes (1 MiB). Harbour's own files are a few kilobytes; anything
/// bigger is not ours, and refusing it keeps a stray huge file from costing memory or time.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// Store key holding the schema number. The shell sets it with `store.set(KEY_SCHEMA, ..)`.
pub const KEY_SCHEMA: &str = "schema";

/// Store key holding the ticks (schema 2).
pub const KEY_PROGRESS: &str = "progress";

/// Store key holding the ticks in schema 1.
pub const KEY_TICKS_V1: &str = "ticks";

/// A UTF-8 byte order mark. Some editors (older Windows Notepad) add it to hand-edited files;
/// it is skipped rather than treated as damage.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The progress as a schema-2 JSON object. Each top-level entry is one store key: the shell
/// copies them into the store (`store.set(key, value)`) so the plugin writes exactly this shape.
pub fn encode(progress: &Progress) -> Value {
    let lists: Map<String, Value> = progress
        .lists()
        .iter()
        .map(|(list, items)| {
            let items = items.iter().cloned().map(Value::String).collect();
            (list.clone(), Value::Array(items))
        })
        .collect();
    let mut top = Map::new();
    top.insert(KEY_SCHEMA.to_owned(), Value::from(SCHEMA_VERSION));
    top.insert(KEY_PROGRESS.to_owned(), Value::Object(lists));
    Value::Object(top)
}

/// The progress as the bytes of a schema-2 file (pretty-printed like the store plugin's own
/// files, so a person who opens it sees something readable).
pub fn to_bytes(progress: &Progress) -> Result<Vec<u8>, Error> {
    let mut bytes =
        serde_json::to_vec_pretty(&encode(progress)).map_err(|e| Error::Encode(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Parses file bytes into JSON, naming the kind of damage when that fails. Never panics:
/// `serde_json` caps nesting depth, and the size is capped here first.
pub(crate) fn parse_bytes(bytes: &[u8]) -> Result<Value, Damage> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Damage::TooLarge {
            bytes: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
        });
    }
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    // A crash during a save often leaves a zero-length file, or one filled with zero bytes.
    if bytes.iter().all(|b| b.is_ascii_whitespace() || *b == 0) {
        return Err(Damage::Empty);
    }
    serde_json::from_slice::<Value>(bytes).map_err(|e| {
        if e.is_eof() {
            Damage::Truncated
        } else {
            Damage::NotJson {
                line: e.line(),
                column: e.column(),
            }
        }
    })
}

/// Reads the schema number of a top-level object: 1 when there is no `schema` key (files from
/// before it existed). Errors when it is not a usable number, or is newer than this version.
pub(crate) fn read_schema(top: &Map<String, Value>) -> Result<u64, Error> {
    let Some(raw) = top.get(KEY_SCHEMA) else {
        return Ok(1);
    };
    let schema = raw.as_u64().ok_or_else(|| {
        Error::Damaged(Damage::BadShape {
            what: "\"schema\" is not a whole number".to_owned(),
        })
    })?;
    if schema > SCHEMA_VERSION {
        return Err(Error::NewerSchema { found: schema });
    }
    if schema < OLDEST_SCHEMA {
        return Err(Error::Damaged(Damage::BadShape {
            what: format!("\"schema\" {schema} is not a version Harbour ever used"),
        }));
    }
    Ok(schema)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn encodes_schema_two() {
        let mut p = Progress::new();
        p.tick("first-steps", "keep-evidence").ok();
        p.tick("first-steps", "dont-pay").ok();
        assert_eq!(
            encode(&p),
            json!({"schema": 2, "progress": {"first-steps": ["dont-pay", "keep-evidence"]}})
        );
        let bytes = to_bytes(&p).ok();
        let back: Option<Value> = bytes.and_then(|b| serde_json::from_slice(&b).ok());
        assert_eq!(back, Some(encode(&p)));
    }

    #[test]
    fn classifies_damage() {
        assert_eq!(parse_bytes(b""), Err(Damage::Empty));
        assert_eq!(parse_bytes(b" \n\t"), Err(Damage::Empty));
        assert_eq!(parse_bytes(&[0u8; 4096]), Err(Damage::Empty));
        assert_eq!(
            parse_bytes(br#"{"schema": 2, "progress": {"a": ["b""#),
            Err(Damage::Truncated)
        );
        assert!(matches!(
            parse_bytes(b"{nope}"),
            Err(Damage::NotJson { line: 1, .. })
        ));
        assert!(matches!(
            parse_bytes(&vec![b' '; MAX_FILE_BYTES + 1]),
            Err(Damage::TooLarge { .. })
        ));
        assert_eq!(parse_bytes(b"\xEF\xBB\xBF{}"), Ok(json!({})));
    }

    #[test]
    fn deep_nesting_is_damage_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert!(parse_bytes(deep.as_bytes()).is_err());
        let closed = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(matches!(
            parse_bytes(closed.as_bytes()),
            Err(Damage::NotJson { .. })
        ));
    }

    #[test]
    fn reads_schema_numbers() {
        let obj = |v: Value| v.as_object().cloned().unwrap_or_default();
        assert!(matches!(read_schema(&obj(json!({}))), Ok(1)));
        assert!(matches!(read_schema(&obj(json!({"schema": 2}))), Ok(2)));
        assert!(matches!(read_schema(&obj(json!({"schema": 1}))), Ok(1)));
        assert!(matches!(
            read_schema(&obj(json!({"schema": 3}))),
            Err(Error::NewerSchema { found: 3 })
        ));
        for bad in [json!("2"), json!(2.5), json!(-1), json!(null), json!(0)] {
            assert!(matches!(
                read_schema(&obj(json!({ "schema": bad }))),
                Err(Error::Damaged(Damage::BadShape { .. }))
            ));
        }
    }
}
