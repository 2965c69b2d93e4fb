//! What can be wrong with a policy (a file, registry values, managed preferences), said plainly.

use std::fmt;
use std::path::PathBuf;

use crate::{MAX_FILE_BYTES, MAX_TEXT_CHARS};

/// One thing wrong with a policy file, and what Harbour did about it.
///
/// Why a value and not an error: a policy problem must never stop Harbour from opening (someone
/// in danger needs the guide more than the school needs its settings), so problems are collected
/// and reported while everything valid still applies. `Display` gives one plain line naming the
/// file and line, for stderr (where IT staff look) and for the settings screen:
///
/// `/etc/harbour/policy.toml line 3: `region` must be one of uk, ie, us, ca, au; ignored`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyProblem {
    /// Where the policy is, so the message says what to fix: the policy file or the managed
    /// preferences' path, or the registry key ([`crate::REGISTRY_PATH`]).
    pub path: PathBuf,
    /// The 1-based line the problem is on, when it is on one line.
    pub line: Option<usize>,
    /// The 1-based column (in characters), given only for TOML syntax errors, where the exact
    /// place matters.
    pub column: Option<usize>,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// What is wrong with a policy file. Matched by the shell only if it wants to word things
/// differently; the `Display` of [`PolicyProblem`] is meant to be shown as is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The file exists but could not be read (permissions, a folder in its place, I/O error).
    /// Nothing in it applies.
    Unreadable {
        /// The operating system's reason, in its words.
        reason: String,
    },
    /// The file, or the folder holding it, can be changed by every user of the computer (Unix
    /// permissions), so it is not trusted: anyone could have put their own "contact" in it.
    /// Nothing in it applies.
    WritableByEveryone,
    /// The file is larger than [`MAX_FILE_BYTES`]: a policy is a dozen lines, so this is the
    /// wrong file; it is not parsed, so nothing in it applies.
    TooLarge {
        /// How many bytes it has (at least), as far as Harbour read.
        bytes: u64,
    },
    /// The file is not text in UTF-8 (or UTF-16 with a byte order mark). Nothing in it applies.
    NotText,
    /// The file is not valid TOML. Nothing in it applies: a half-understood policy could apply
    /// the wrong half.
    Malformed {
        /// The TOML parser's description of the error.
        message: String,
    },
    /// A key Harbour does not know (a typo, or a key from a newer version). Ignored.
    UnknownKey {
        /// The key as written (`contact.email` for keys inside `[contact]`).
        key: String,
        /// A known key it is probably a misspelling of.
        suggestion: Option<String>,
    },
    /// A key with a value of the wrong kind (text where true/false is needed). Ignored.
    WrongType {
        /// The key (`contact.name` for keys inside `[contact]`).
        key: String,
        /// What the key needs, in words (`true or false`).
        expected: &'static str,
        /// What was found, in words (`text`).
        found: &'static str,
    },
    /// A key that older versions of Harbour read and this one does not need (`external_links`:
    /// Harbour never opens web pages at all). Ignored; the line can be removed.
    Retired {
        /// The key as written.
        key: String,
    },
    /// A key whose value is not one of those allowed. Ignored.
    BadValue {
        /// The key.
        key: String,
        /// The allowed values, comma separated.
        allowed: String,
        /// A short hint when the mistake is a common one (`gb` for the UK).
        hint: Option<&'static str>,
    },
    /// Text in `[contact]` longer than [`MAX_TEXT_CHARS`] characters. Ignored: it would not fit
    /// on the settings screen, and a policy should not be able to fill the person's screen.
    TooLong {
        /// The key (`contact.name`).
        key: String,
        /// Its length in characters.
        chars: usize,
    },
    /// Text in `[contact]` that is empty or only spaces. Ignored.
    EmptyText {
        /// The key (`contact.hours`).
        key: String,
    },
    /// Text in `[contact]` with control characters (other than line breaks and tabs), which
    /// could garble or disguise what the screen shows. Ignored.
    ControlCharacter {
        /// The key.
        key: String,
    },
    /// `[contact]` lacks a usable `name` or `how_to_reach`, so the whole contact is ignored:
    /// a contact without a name or a way to reach them helps no one.
    IncompleteContact,
    /// Managed preferences that are not a property list (or not a dictionary). Nothing in them
    /// applies.
    NotPlist {
        /// The property-list parser's description of the error.
        message: String,
    },
    /// The registry has a contact value but lacks a usable `contact_name` or
    /// `contact_how_to_reach`, so the whole contact is ignored (as [`Self::IncompleteContact`]).
    IncompleteRegistryContact,
}

impl ProblemKind {
    /// True when the whole file was set aside (unreadable, too large, not text, not TOML), so
    /// that no organisation setting applies at all.
    pub fn ignores_whole_file(&self) -> bool {
        matches!(
            self,
            ProblemKind::Unreadable { .. }
                | ProblemKind::WritableByEveryone
                | ProblemKind::TooLarge { .. }
                | ProblemKind::NotText
                | ProblemKind::Malformed { .. }
                | ProblemKind::NotPlist { .. }
        )
    }
}

const NOTHING_APPLIED: &str = "no organisation settings were applied";

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::Unreadable { reason } => {
                write!(f, "could not be read ({reason}); {NOTHING_APPLIED}")
            }
            ProblemKind::WritableByEveryone => write!(
                f,
                "can be changed by every user of this computer, so it is not trusted; \
                 {NOTHING_APPLIED} (make it and its folder writable only by administrators)"
            ),
            ProblemKind::TooLarge { bytes } => write!(
                f,
                "is {bytes} bytes, more than the {MAX_FILE_BYTES} (64 KiB) a policy file may be; \
                 not read, so {NOTHING_APPLIED}"
            ),
            ProblemKind::NotText => {
                write!(f, "is not UTF-8 text (save it as UTF-8); {NOTHING_APPLIED}")
            }
            ProblemKind::Malformed { message } => {
                write!(f, "is not valid TOML ({message}); {NOTHING_APPLIED}")
            }
            ProblemKind::UnknownKey { key, suggestion } => {
                write!(f, "unknown key `{key}`")?;
                if let Some(known) = suggestion {
                    write!(f, " (did you mean `{known}`?)")?;
                }
                f.write_str("; ignored")
            }
            ProblemKind::Retired { key } => write!(
                f,
                "`{key}` is no longer needed: Harbour never opens web pages, whatever it says; \
                 it can be removed"
            ),
            ProblemKind::WrongType {
                key,
                expected,
                found,
            } => write!(f, "`{key}` must be {expected}, not {found}; ignored"),
            ProblemKind::BadValue { key, allowed, hint } => {
                write!(f, "`{key}` must be one of {allowed}")?;
                if let Some(hint) = hint {
                    write!(f, " ({hint})")?;
                }
                f.write_str("; ignored")
            }
            ProblemKind::TooLong { key, chars } => write!(
                f,
                "`{key}` is {chars} characters long, more than {MAX_TEXT_CHARS}; ignored"
            ),
            ProblemKind::EmptyText { key } => write!(f, "`{key}` is empty; ignored"),
            ProblemKind::ControlCharacter { key } => {
                write!(f, "`{key}` contains a control character; ignored")
            }
            ProblemKind::IncompleteContact => {
                f.write_str("`contact` needs both `name` and `how_to_reach` to be shown; ignored")
            }
            ProblemKind::NotPlist { message } => write!(
                f,
                "is not a valid property list ({message}); {NOTHING_APPLIED}"
            ),
            ProblemKind::IncompleteRegistryContact => f.write_str(
                "`contact_name` and `contact_how_to_reach` are both needed for the contact to be \
                 shown; ignored",
            ),
        }
    }
}

impl PolicyProblem {
    /// The message without the file and line, for a screen that already names the file.
    pub fn message(&self) -> String {
        self.kind.to_string()
    }
}

impl fmt::Display for PolicyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, " line {line}, column {column}")?,
            (Some(line), None) => write!(f, " line {line}")?,
            _ => {}
        }
        write!(f, ": {}", self.kind)
    }
}

impl std::error::Error for PolicyProblem {}
