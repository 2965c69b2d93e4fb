//! What decoding leaves out, and why: the report shared by decoding and migration, which both
//! sit above this file, so neither has to reach into the other.

use std::fmt;

use crate::error::{Damage, Error};
use crate::model::shorten;

/// At most this many ignored entries are listed one by one (the rest are only counted in
/// [`crate::Decoded::more_ignored`]), so a file of a million junk entries costs no more memory than
/// its own size.
pub const MAX_IGNORED_REPORTED: usize = 100;

/// Why one entry was ignored. Worded for a log or a "details" panel, not as an alarm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A key Harbour does not use (perhaps from a hand edit).
    UnknownKey,
    /// A value of the wrong kind where something else was expected.
    WrongType {
        /// What was expected there, in plain words.
        expected: &'static str,
    },
    /// A list or item id that is not a valid slug (see [`crate::is_valid_id`]).
    InvalidId,
    /// A tick for a checklist or step that the guide no longer has.
    NotInGuide,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::UnknownKey => f.write_str("not something Harbour saves"),
            Reason::WrongType { expected } => write!(f, "expected {expected}"),
            Reason::InvalidId => f.write_str("not a valid id"),
            Reason::NotInGuide => f.write_str("this step is no longer in the guide"),
        }
    }
}

/// One entry that was left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignored {
    /// Where it was. For problems with the file's shape, a JSON Pointer into the file such as
    /// `/progress/first-steps/2` (long keys shortened). For ticks the guide no longer has,
    /// `list-id/item-id`.
    pub at: String,
    /// Why it was left out.
    pub reason: Reason,
}

impl fmt::Display for Ignored {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.reason)
    }
}

/// Collects ignored entries up to the reporting cap.
#[derive(Debug, Default)]
pub(crate) struct Collector {
    pub(crate) ignored: Vec<Ignored>,
    pub(crate) more: usize,
}

impl Collector {
    /// Records one ignored entry.
    pub(crate) fn ignore(&mut self, at: String, reason: Reason) {
        if self.ignored.len() < MAX_IGNORED_REPORTED {
            self.ignored.push(Ignored { at, reason });
        } else {
            self.more += 1;
        }
    }
}

/// Builds a JSON Pointer from path segments, escaping `~` and `/` and shortening long keys.
pub(crate) fn pointer(segments: &[&str]) -> String {
    let mut out = String::new();
    for segment in segments {
        out.push('/');
        out.push_str(&shorten(segment).replace('~', "~0").replace('/', "~1"));
    }
    out
}

/// Shorthand for an overall-shape error.
pub(crate) fn bad_shape(what: &str) -> Error {
    Error::Damaged(Damage::BadShape {
        what: what.to_owned(),
    })
}
