//! The check the shell runs before tauri-plugin-store opens the file.
//!
//! The plugin, on a file it cannot parse, silently starts empty and overwrites the file at the
//! next save. So before it loads, this module makes sure the store file is either absent or
//! readable: an unusable file is moved aside (never deleted, never overwritten) and replaced by
//! the last-good copy when there is one. The result says what happened, in words the shell can
//! show a frightened person without alarming them further.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::decode::{decode_unfiltered, keep_known, Decoded, Input};
use crate::error::{Damage, Error};
use crate::files::{atomic_write, read_capped, set_aside, Contents, ASIDE_DAMAGED, ASIDE_NEWER};
use crate::format::{to_bytes, SCHEMA_VERSION};
use crate::model::{Known, Progress};
use crate::report::{Collector, Ignored};

/// Why a file could not be used and was set aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    /// It is damaged (see [`Damage`]).
    Damaged(Damage),
    /// A newer Harbour wrote it, with this schema number.
    NewerSchema(u64),
}

impl fmt::Display for Unusable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unusable::Damaged(damage) => damage.fmt(f),
            Unusable::NewerSchema(found) => write!(
                f,
                "it was written by a newer version of Harbour (schema {found}; this version knows {SCHEMA_VERSION})"
            ),
        }
    }
}

/// What [`check_before_load`] found and did with the store file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing was saved yet (no store file, no last-good copy): a first start.
    Fresh,
    /// The store file is fine and was left for the plugin to load.
    Loaded {
        /// `Some(old)` when it was in an older schema and has been rewritten (atomically) in
        /// the current one, so the plugin and the shell only ever see the current shape.
        migrated_from: Option<u64>,
    },
    /// The store file was missing but the last-good copy was fine, so it was copied back.
    Restored,
    /// The store file could not be read. It was moved to `moved_to`, and replaced by the
    /// last-good copy if `restored_from_last_good`; otherwise the checklists start empty.
    Recovered {
        /// Where the unreadable file now is (same folder).
        moved_to: PathBuf,
        /// What was wrong with it, for logs.
        damage: Damage,
        /// Whether the last-good copy replaced it.
        restored_from_last_good: bool,
    },
    /// The store file was written by a newer Harbour. This version must not rewrite it, so it
    /// was moved to `moved_to` (where the newer version's data stays intact), and the last-good
    /// copy was used if it was readable.
    KeptNewer {
        /// Where the newer file now is (same folder).
        moved_to: PathBuf,
        /// Its schema number.
        found_schema: u64,
        /// Whether the last-good copy replaced it.
        restored_from_last_good: bool,
    },
}

/// The full result of [`check_before_load`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// What happened to the store file.
    pub outcome: Outcome,
    /// The ticks to show: what is now in the store file, less anything the guide no longer has.
    pub progress: Progress,
    /// Entries left out of `progress` (see [`crate::decode`]), at most
    /// [`crate::MAX_IGNORED_REPORTED`].
    pub ignored: Vec<Ignored>,
    /// How many more were left out beyond `ignored`.
    pub more_ignored: usize,
    /// Set when the last-good copy itself could not be read: it was moved here (so that the
    /// next [`crate::write_last_good`] cannot overwrite it) with the reason. For logs; the
    /// person's current ticks are unaffected.
    pub last_good_set_aside: Option<(PathBuf, Unusable)>,
}

impl Checked {
    /// A calm, plain message for the person when something happened that they should know
    /// about, or `None` when there is nothing to say. It never blames them and always says
    /// that nothing was deleted when a file was moved aside.
    pub fn message(&self) -> Option<String> {
        const BACKUP: &str = "Your ticks were brought back from Harbour's backup copy. \
             The very last change you made may be missing.";
        let kept = |path: &Path| {
            format!(
                "Nothing was deleted: the old file was kept here: {}",
                path.display()
            )
        };
        match &self.outcome {
            Outcome::Fresh if self.last_good_set_aside.is_some() => {
                let path = self.last_good_set_aside.as_ref().map(|(p, _)| kept(p));
                Some(format!(
                    "Harbour could not read its backup copy of your saved ticks, so your \
                     checklists start again from the top. {}",
                    path.unwrap_or_default()
                ))
            }
            Outcome::Fresh | Outcome::Loaded { .. } => (self.ignored.len() + self.more_ignored > 0)
                .then(|| {
                    "Some saved ticks are not shown, because those steps are no longer in \
                     this guide or could not be read."
                        .to_owned()
                }),
            Outcome::Restored => Some(
                "Harbour's file of saved ticks was missing, so your ticks were brought back \
                 from Harbour's backup copy."
                    .to_owned(),
            ),
            Outcome::Recovered {
                moved_to,
                restored_from_last_good,
                ..
            } => {
                let what = "Harbour could not read its file of saved ticks. This can happen \
                     if the computer stopped while saving.";
                let then = if *restored_from_last_good {
                    BACKUP
                } else {
                    "There was no backup copy, so your checklists start again from the top."
                };
                Some(format!("{what} {then} {}", kept(moved_to)))
            }
            Outcome::KeptNewer {
                moved_to,
                restored_from_last_good,
                ..
            } => {
                let what = "Your ticks were saved by a newer version of Harbour, which this \
                     version cannot read.";
                let then = if *restored_from_last_good {
                    "The ticks shown here come from an older backup copy."
                } else {
                    "Your checklists here start again from the top."
                };
                Some(format!("{what} {then} {}", kept(moved_to)))
            }
        }
    }
}

/// What a saved file turned out to be.
enum State {
    Missing,
    Usable(Decoded),
    Unusable(Unusable),
}

/// Reads and judges one saved file, without matching against the content.
fn inspect(path: &Path) -> Result<State, Error> {
    let bytes = match read_capped(path)? {
        Contents::Missing => return Ok(State::Missing),
        Contents::TooLarge(bytes) => {
            return Ok(State::Unusable(Unusable::Damaged(Damage::TooLarge {
                bytes,
            })))
        }
        Contents::Bytes(bytes) => bytes,
    };
    match decode_unfiltered(Input::Bytes(&bytes)) {
        Ok(decoded) => Ok(State::Usable(decoded)),
        Err(Error::Damaged(damage)) => Ok(State::Unusable(Unusable::Damaged(damage))),
        Err(Error::NewerSchema { found }) => Ok(State::Unusable(Unusable::NewerSchema(found))),
        Err(other) => Err(other),
    }
}

/// Moves an unusable file aside under a name that says why.
fn set_aside_for(path: &Path, why: &Unusable) -> Result<PathBuf, Error> {
    let kind = match why {
        Unusable::Damaged(_) => ASIDE_DAMAGED,
        Unusable::NewerSchema(_) => ASIDE_NEWER,
    };
    set_aside(path, kind)
}

/// Checks the store file at `main` before tauri-plugin-store loads it, and recovers it if
/// needed, so that the plugin never sees (and so never overwrites) a file it cannot read.
///
/// - `main` missing, no usable last-good: [`Outcome::Fresh`].
/// - `main` missing, last-good usable: last-good is copied to `main` (atomically):
///   [`Outcome::Restored`].
/// - `main` readable: [`Outcome::Loaded`]; an older schema is rewritten in the current one.
/// - `main` empty, truncated, not JSON, not an object, of the wrong shape or over
///   [`crate::MAX_FILE_BYTES`]: moved to `checklist.damaged-<unix-seconds>[-n].json`, then
///   replaced by last-good if usable: [`Outcome::Recovered`].
/// - `main` from a newer schema: moved to `checklist.newer-<unix-seconds>[-n].json`, then
///   replaced by last-good if usable: [`Outcome::KeptNewer`].
///
/// A last-good copy that cannot be read is moved aside the same way (see
/// [`Checked::last_good_set_aside`]), and when `main` is readable but there is no usable
/// last-good, one is written from it, so a backup exists from the first start on.
///
/// Files rewritten here keep every well-formed tick, even for steps this version of the guide
/// lacks; only [`Checked::progress`] is matched against `known`.
///
/// Returns `Err` only when a file cannot be opened, moved or written (permissions, full disk,
/// a folder in the way). The shell should then not let the store save over `main` this session.
pub fn check_before_load(main: &Path, last_good: &Path, known: &Known) -> Result<Checked, Error> {
    let main_state = inspect(main)?;

    let mut last_good_set_aside = None;
    let backup = match inspect(last_good)? {
        State::Usable(decoded) => Some(decoded),
        State::Missing => None,
        State::Unusable(why) => {
            let moved_to = set_aside_for(last_good, &why)?;
            last_good_set_aside = Some((moved_to, why));
            None
        }
    };

    let (outcome, decoded) = match main_state {
        State::Usable(decoded) => {
            let migrated_from = (decoded.schema < SCHEMA_VERSION).then_some(decoded.schema);
            if migrated_from.is_some() {
                atomic_write(main, &to_bytes(&decoded.progress)?)?;
            }
            if backup.is_none() {
                atomic_write(last_good, &to_bytes(&decoded.progress)?)?;
            }
            (Outcome::Loaded { migrated_from }, decoded)
        }
        State::Missing => match backup {
            Some(decoded) => {
                atomic_write(main, &to_bytes(&decoded.progress)?)?;
                (Outcome::Restored, decoded)
            }
            None => (Outcome::Fresh, empty()),
        },
        State::Unusable(why) => {
            let moved_to = set_aside_for(main, &why)?;
            let restored_from_last_good = backup.is_some();
            let decoded = match backup {
                Some(decoded) => {
                    atomic_write(main, &to_bytes(&decoded.progress)?)?;
                    decoded
                }
                None => empty(),
            };
            let outcome = match why {
                Unusable::Damaged(damage) => Outcome::Recovered {
                    moved_to,
                    damage,
                    restored_from_last_good,
                },
                Unusable::NewerSchema(found_schema) => Outcome::KeptNewer {
                    moved_to,
                    found_schema,
                    restored_from_last_good,
                },
            };
            (outcome, decoded)
        }
    };

    let mut collector = Collector {
        ignored: decoded.ignored,
        more: decoded.more_ignored,
    };
    let progress = keep_known(&decoded.progress, known, &mut collector);
    Ok(Checked {
        outcome,
        progress,
        ignored: collector.ignored,
        more_ignored: collector.more,
        last_good_set_aside,
    })
}

/// Nothing ticked, nothing ignored.
fn empty() -> Decoded {
    Decoded {
        progress: Progress::new(),
        ignored: Vec::new(),
        more_ignored: 0,
        schema: SCHEMA_VERSION,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(outcome: Outcome) -> Checked {
        Checked {
            outcome,
            progress: Progress::new(),
            ignored: Vec::new(),
            more_ignored: 0,
            last_good_set_aside: None,
        }
    }

    #[test]
    fn quiet_when_all_is_well() {
        assert_eq!(checked(Outcome::Fresh).message(), None);
        let loaded = Outcome::Loaded {
            migrated_from: Some(1),
        };
        assert_eq!(checked(loaded).message(), None);
    }

    #[test]
    fn says_what_happened_and_where_the_file_is() {
        let path = PathBuf::from("/data/checklist.damaged-1.json");
        for restored in [true, false] {
            let message = checked(Outcome::Recovered {
                moved_to: path.clone(),
                damage: Damage::Truncated,
                restored_from_last_good: restored,
            })
            .message()
            .unwrap_or_default();
            assert!(
                message.contains("/data/checklist.damaged-1.json"),
                "{message}"
            );
            assert!(message.contains("Nothing was deleted"), "{message}");
            assert_eq!(message.contains("backup copy."), restored, "{message}");
        }
        let newer = checked(Outcome::KeptNewer {
            moved_to: path,
            found_schema: 3,
            restored_from_last_good: false,
        });
        assert!(newer.message().is_some_and(|m| m.contains("newer version")));
        assert_eq!(
            Unusable::NewerSchema(3).to_string(),
            "it was written by a newer version of Harbour (schema 3; this version knows 2)"
        );
    }

    #[test]
    fn mentions_ticks_left_out() {
        let mut c = checked(Outcome::Loaded {
            migrated_from: None,
        });
        c.more_ignored = 1;
        assert!(c.message().is_some_and(|m| m.contains("not shown")));
    }
}
