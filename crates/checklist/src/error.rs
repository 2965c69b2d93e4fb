//! Everything that can go wrong, in words a developer can log and the shell can act on.
//!
//! Kept in one hand-written enum (no error crate) so the library has no dependency beyond serde,
//! and so every failure is a value the shell must look at rather than a panic.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// Why a saved file could not be used at all. Each of these makes [`crate::check_before_load`]
/// move the file aside (never delete it) rather than let the store plugin start empty and later
/// write over it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    /// The file has no content (zero bytes, or only spaces): typical of a save cut short.
    Empty,
    /// The file is bigger than [`crate::MAX_FILE_BYTES`]. Harbour's own files are a few
    /// kilobytes, so this is not ours to parse, and reading it would cost memory for nothing.
    TooLarge {
        /// The size found, in bytes.
        bytes: u64,
    },
    /// The JSON stops in the middle: typical of a crash or power cut while saving.
    Truncated,
    /// The bytes are not JSON (random bytes, another program's file, a bad hand edit).
    NotJson {
        /// 1-based line of the first problem.
        line: usize,
        /// 1-based column of the first problem.
        column: usize,
    },
    /// Valid JSON, but not an object (`[...]`, a number, a string...), so not a store file.
    NotObject,
    /// An object, but not one of Harbour's checklist shapes: `schema` is not a whole number,
    /// `progress`/`ticks` is missing or of the wrong type. Individual entries of the wrong type
    /// are not damage: they are only ignored (see [`crate::Ignored`]).
    BadShape {
        /// What was wrong, in plain words.
        what: String,
    },
}

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Damage::Empty => f.write_str("the file is empty"),
            Damage::TooLarge { bytes } => write!(
                f,
                "the file is too large ({bytes} bytes; the limit is {} bytes)",
                crate::MAX_FILE_BYTES
            ),
            Damage::Truncated => f.write_str("the file stops part-way through"),
            Damage::NotJson { line, column } => {
                write!(
                    f,
                    "the file is not valid JSON (line {line}, column {column})"
                )
            }
            Damage::NotObject => f.write_str("the file does not hold a JSON object"),
            Damage::BadShape { what } => write!(f, "the file is not a checklist file: {what}"),
        }
    }
}

/// The one error type of this crate.
#[derive(Debug)]
pub enum Error {
    /// A list or item id is not a short slug (a-z, 0-9, '-', at most 64 characters). Refused so
    /// that what is saved always matches what the content can name, and stays small.
    InvalidId {
        /// The id refused, shortened if it was long.
        id: String,
    },
    /// The data cannot be used at all (see [`Damage`]).
    Damaged(Damage),
    /// The data was written by a newer Harbour with a schema this version does not know. It must
    /// be kept as it is, so that the newer version can still read it.
    NewerSchema {
        /// The schema number found.
        found: u64,
    },
    /// A file operation failed.
    Io {
        /// What was being done, e.g. "read", "rename".
        action: &'static str,
        /// The file or folder concerned.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// No free name was found to set a damaged file aside under. Harbour never overwrites an
    /// earlier copy, so it stops rather than pick a taken name.
    NoFreeName {
        /// The first name that was tried.
        tried: PathBuf,
    },
    /// Turning progress into JSON failed. Not expected to happen; reported rather than hidden.
    Encode(String),
}

impl Error {
    /// Builds an [`Error::Io`]: a small helper so that every file error names what was being
    /// done and to which path.
    pub(crate) fn io(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidId { id } => write!(
                f,
                "\"{id}\" is not a valid id (use a-z, 0-9 and '-', at most 64 characters)"
            ),
            Error::Damaged(damage) => write!(f, "saved checklist data is unusable: {damage}"),
            Error::NewerSchema { found } => write!(
                f,
                "saved checklist data uses schema {found}, newer than this version knows ({})",
                crate::SCHEMA_VERSION
            ),
            Error::Io {
                action,
                path,
                source,
            } => write!(f, "could not {action} {}: {source}", path.display()),
            Error::NoFreeName { tried } => write!(
                f,
                "could not find a free name to keep a copy beside {}",
                tried.display()
            ),
            Error::Encode(message) => write!(f, "could not write checklist data: {message}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_plain_and_name_the_file() {
        let e = Error::io(
            "read",
            "/x/checklist.json",
            io::Error::new(io::ErrorKind::PermissionDenied, "denied"),
        );
        assert_eq!(e.to_string(), "could not read /x/checklist.json: denied");
        assert!(std::error::Error::source(&e).is_some());
        let e = Error::Damaged(Damage::Truncated);
        assert_eq!(
            e.to_string(),
            "saved checklist data is unusable: the file stops part-way through"
        );
        assert!(Error::NewerSchema { found: 9 }
            .to_string()
            .contains("schema 9"));
    }
}
