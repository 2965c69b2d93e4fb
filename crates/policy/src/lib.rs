//! Harbour's managed settings: what an organisation fixes once for every user of a computer.
//!
//! Schools and support services put Harbour on many computers and need the same choices on
//! all of them (the UK's helplines, advice worded for young people, nothing saved on shared
//! PCs, their own safeguarding lead as a contact) without visiting each account. They set them
//! the way their IT already works, and Harbour reads all of them at start with
//! [`load_default`], showing each as "set by your organisation" with where it came from
//! ([`Source`]):
//!
//! - Windows: `HKLM\SOFTWARE\Policies\Harbour`, written by Group Policy or Intune from the
//!   ADMX template in `deploy/windows/` ([`registry`]);
//! - macOS: the managed preferences a configuration profile installs ([`managed`]);
//! - anywhere: a small TOML file in the standard machine-wide place ([`policy_path`], read by
//!   [`load`]), the only way on Linux and the simplest for a handful of computers.
//!
//! **Which wins**: where the registry or managed preferences and the file set the same key, the
//! registry or managed preferences win, key by key, as browsers' policies do: they are what the
//! organisation's central tools enforce and report on, while a file on one machine is more
//! likely left over from a trial or an older set-up. The contact counts as one key (its fields
//! never mix across places). One exception makes the result never less private: `dont_save`
//! turned on anywhere stays on, because `false` forces nothing anyway.
//!
//! The rule throughout: **a policy can never stop Harbour from opening.** The person using
//! Harbour may be in danger right now and did not write the file. So [`load`] never fails: a
//! missing file is no policy, a broken file is no policy plus a [`PolicyProblem`], and a file
//! with some bad keys keeps its good ones. Every problem names the file and line so IT staff
//! can fix it from the message alone.
//!
//! The file is a convenience for administrators, not a lock: anyone who can set the
//! [`POLICY_ENV_VAR`] variable or run a copy of Harbour from elsewhere can avoid it. Harbour's
//! privacy does not depend on it.
//!
//! At start, the shell does something like:
//!
//! ```no_run
//! let loaded = harbour_policy::load_default();
//! for problem in &loaded.problems {
//!     // One plain line each, naming the file and line, for IT staff.
//!     eprintln!("Harbour policy: {problem}");
//! }
//! if loaded.policy.forces_dont_save() {
//!     // keep everything in memory only, and lock the setting
//! }
//! ```
//!
//! This crate knows nothing of Tauri or of Harbour's content; its value types ([`Region`],
//! [`Audience`], [`EscapeScope`], [`AfterExit`]) are Harbour's shared words (`harbour-words`),
//! the same types the settings and the guide use.

mod check;
pub mod managed;
mod parse;
mod problem;
pub mod registry;
mod source;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use check::{CONTACT_KEYS, POLICY_KEYS};
pub use harbour_words::{AfterExit, Audience, EscapeScope, Region};
pub use managed::{from_plist, MANAGED_PREFERENCES_PATH};
pub use parse::parse;
pub use problem::{PolicyProblem, ProblemKind};
pub use registry::{from_registry_values, RegistryValue};
pub use source::Source;
pub use source::{REGISTRY_KEY, REGISTRY_PATH};

/// The environment variable that points Harbour at another policy file. It exists so tests
/// (Harbour's own and an IT department's trial run) can use a policy without writing to a
/// system folder. An empty value counts as unset.
pub const POLICY_ENV_VAR: &str = "HARBOUR_POLICY";

/// Files larger than this (64 KiB) are not parsed: a real policy is a few hundred bytes, so a
/// bigger file is the wrong file, and reading it must not slow Harbour's start.
pub const MAX_FILE_BYTES: u64 = 64 * 1024;

/// Longest text allowed in `[contact]`, in characters: enough for a name, a room and a phone
/// extension, short enough that a policy cannot fill the person's screen.
pub const MAX_TEXT_CHARS: usize = 200;

/// The settings an organisation chose. Every field is `None` unless the policy file set it
/// validly; `None` means "the person's own setting, or Harbour's default, applies".
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Policy {
    /// Which country's helplines and reporting routes to show (`region`). Fixed by the
    /// organisation: a school knows which country it is in.
    pub region: Option<Region>,
    /// Who the advice is worded for at first (`default_audience`). A starting point only: the
    /// person can still choose another audience, because a pupil's parent or a member of staff
    /// may be the one reading.
    pub default_audience: Option<Audience>,
    /// `dont_save = true` forces "don't save anything on this computer" on, and the person
    /// cannot turn it off: on a shared PC nothing one pupil reads or ticks may be left for the
    /// next. `false` forces nothing (it is the same as leaving the key out), so a person can
    /// always choose to save nothing: a policy can only make Harbour save less. Use
    /// [`Policy::forces_dont_save`].
    pub dont_save: Option<bool>,
    /// Where Escape hides Harbour from (`escape_scope`), fixed by the organisation.
    pub escape_scope: Option<EscapeScope>,
    /// What a quick exit does after hiding (`after_exit`), fixed by the organisation.
    pub after_exit: Option<AfterExit>,
    /// Someone in the organisation a person can talk to (`[contact]`), such as a school's
    /// safeguarding lead: a familiar, nearby person is often the first help someone accepts.
    pub contact: Option<OrgContact>,
}

/// A person or team in the organisation, shown alongside the helplines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgContact {
    /// Who to talk to (`name`), e.g. "Ms Patel, Designated Safeguarding Lead". Required.
    pub name: String,
    /// How to reach them (`how_to_reach`), e.g. "Room B12, or email safeguarding@school.example".
    /// Required. May span lines.
    pub how_to_reach: String,
    /// When they are available (`hours`), e.g. "Mon-Fri 8:30-16:00, term time". Optional.
    pub hours: Option<String>,
}

impl Policy {
    /// True when the policy sets nothing (no file, an empty file, or nothing valid in it).
    pub fn is_empty(&self) -> bool {
        self == &Policy::default()
    }

    /// Whether "don't save anything" is forced on. Only `true` forces it: a policy can make
    /// Harbour save less, never more.
    pub fn forces_dont_save(&self) -> bool {
        self.dont_save == Some(true)
    }

    /// The policy keys that are in effect, in the file's vocabulary, so the settings screen can
    /// mark each one "set by your organisation" and stderr can list them.
    pub fn managed_keys(&self) -> Vec<&'static str> {
        self.keys(self.forces_dont_save())
    }

    /// Every key the policy has a value for, `dont_save = false` included.
    fn set_keys(&self) -> Vec<&'static str> {
        self.keys(self.dont_save.is_some())
    }

    fn keys(&self, dont_save: bool) -> Vec<&'static str> {
        let set = [
            self.region.is_some(),
            self.default_audience.is_some(),
            dont_save,
            self.escape_scope.is_some(),
            self.after_exit.is_some(),
            self.contact.is_some(),
        ];
        POLICY_KEYS
            .iter()
            .zip(set)
            .filter_map(|(key, set)| set.then_some(*key))
            .collect()
    }
}

/// The outcome of reading the policy: always a usable policy, plus what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// The policy file that was looked at, to name it on the settings screen (for a registry or
    /// managed-preferences policy on its own, the key or the plist).
    pub path: PathBuf,
    /// Whether a policy was there at all (a file, registry values or managed preferences), so
    /// the settings screen can tell "no policy" from "a policy that set nothing valid".
    pub found: bool,
    /// Everything valid in it.
    pub policy: Policy,
    /// Everything wrong with it, in the order of the file's lines (the registry's or managed
    /// preferences' first when merged). Each `Display`s as one line.
    pub problems: Vec<PolicyProblem>,
    /// Where each key set in [`Loaded::policy`] came from, by its name in [`POLICY_KEYS`]
    /// (`dont_save` only when it is in the policy, `true` or `false`).
    pub sources: BTreeMap<&'static str, Source>,
}

impl Loaded {
    fn nothing(path: &Path, found: bool) -> Loaded {
        Loaded {
            path: path.to_path_buf(),
            found,
            policy: Policy::default(),
            problems: Vec::new(),
            sources: BTreeMap::new(),
        }
    }

    /// Every key `policy` sets, marked as coming from `source`.
    pub(crate) fn sources_for(policy: &Policy, source: &Source) -> BTreeMap<&'static str, Source> {
        policy
            .set_keys()
            .into_iter()
            .map(|key| (key, source.clone()))
            .collect()
    }

    /// This policy (from the registry or managed preferences) laid over `lower` (the policy
    /// file), key by key: a key this one sets wins, a key only `lower` sets still applies, and
    /// `dont_save` on in either stays on. Problems of both are kept, this one's first.
    pub fn over(self, lower: Loaded) -> Loaded {
        let mut policy = lower.policy;
        let mut sources = lower.sources;
        let high = self.policy;
        let mut take = |key: &'static str, set: bool| {
            if set {
                if let Some(source) = self.sources.get(key) {
                    sources.insert(key, source.clone());
                }
            }
            set
        };
        if take("region", high.region.is_some()) {
            policy.region = high.region;
        }
        if take("default_audience", high.default_audience.is_some()) {
            policy.default_audience = high.default_audience;
        }
        if take("escape_scope", high.escape_scope.is_some()) {
            policy.escape_scope = high.escape_scope;
        }
        if take("after_exit", high.after_exit.is_some()) {
            policy.after_exit = high.after_exit;
        }
        if take("contact", high.contact.is_some()) {
            policy.contact = high.contact;
        }
        // Saving less always wins: `false` forces nothing, so it never undoes a `true`.
        if take(
            "dont_save",
            high.dont_save.is_some() && !policy.forces_dont_save(),
        ) {
            policy.dont_save = high.dont_save;
        }
        let mut problems = self.problems;
        problems.extend(lower.problems);
        Loaded {
            path: lower.path,
            found: self.found || lower.found,
            policy,
            problems,
            sources,
        }
    }

    pub(crate) fn whole_file_problem(path: &Path, kind: ProblemKind) -> Loaded {
        let mut loaded = Loaded::nothing(path, true);
        loaded.problems.push(PolicyProblem {
            path: path.to_path_buf(),
            line: None,
            column: None,
            kind,
        });
        loaded
    }
}

/// Where the policy file is: the path in [`POLICY_ENV_VAR`] if it is set and not empty,
/// otherwise the standard machine-wide place, which only administrators can write to:
///
/// - Linux and other Unix: `/etc/harbour/policy.toml`
/// - Windows: `%ProgramData%\Harbour\policy.toml` (normally `C:\ProgramData\Harbour\policy.toml`)
/// - macOS: `/Library/Application Support/Harbour/policy.toml`
pub fn policy_path() -> PathBuf {
    policy_path_from(|name| std::env::var_os(name))
}

/// [`policy_path`] with the environment passed in, so it can be tested without changing the
/// process environment (which other threads may be reading).
pub fn policy_path_from(env: impl Fn(&str) -> Option<OsString>) -> PathBuf {
    match env(POLICY_ENV_VAR) {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => system_policy_path(&env),
    }
}

#[cfg(windows)]
fn system_policy_path(env: &impl Fn(&str) -> Option<OsString>) -> PathBuf {
    // %ProgramData% is set on every Windows since Vista. Reading the variable rather than
    // asking the shell (SHGetKnownFolderPath) keeps this crate free of Windows bindings; the
    // fallback is the default location. Unverified on real Windows: checked by reading only.
    let base = env("ProgramData")
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(r"C:\ProgramData"));
    base.join("Harbour").join("policy.toml")
}

#[cfg(target_os = "macos")]
fn system_policy_path(_env: &impl Fn(&str) -> Option<OsString>) -> PathBuf {
    PathBuf::from("/Library/Application Support/Harbour/policy.toml")
}

#[cfg(not(any(windows, target_os = "macos")))]
fn system_policy_path(_env: &impl Fn(&str) -> Option<OsString>) -> PathBuf {
    PathBuf::from("/etc/harbour/policy.toml")
}

/// Reads everything the organisation set for this computer: the policy file at
/// [`policy_path`] (see [`load`]), with the Windows registry ([`registry::read_registry`]) or
/// macOS managed preferences ([`managed::read_managed_preferences`]) laid over it key by key
/// ([`Loaded::over`]). [`POLICY_ENV_VAR`] replaces only the file. Never fails.
pub fn load_default() -> Loaded {
    let file = load(&policy_path());
    [
        registry::read_registry(),
        managed::read_managed_preferences(),
    ]
    .into_iter()
    .flatten()
    .fold(file, |lower, higher| higher.over(lower))
}

/// Reads and checks a policy file. Never fails and never panics, because Harbour must open
/// whatever is in the file:
///
/// - no file: an empty policy and no problems (most computers have none);
/// - a file that cannot be read, is over [`MAX_FILE_BYTES`], is not text, or is not valid TOML:
///   an empty policy and one problem;
/// - otherwise every valid key applies, and each bad one is left out with a problem naming it
///   and its line.
pub fn load(path: &Path) -> Loaded {
    let bytes = match read_limited(path) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Loaded::nothing(path, false),
        Err(kind) => return Loaded::whole_file_problem(path, kind),
    };
    match decode_text(&bytes) {
        Some(text) => parse(path, &text),
        None => Loaded::whole_file_problem(path, ProblemKind::NotText),
    }
}

/// Reads at most one byte more than the limit, so a huge or endless file (a device, a
/// mistakenly copied log) cannot stall start-up. `Ok(None)` means there is no file.
pub(crate) fn read_limited(path: &Path) -> Result<Option<Vec<u8>>, ProblemKind> {
    let unreadable = |error: io::Error| {
        let reason = if error.kind() == io::ErrorKind::PermissionDenied {
            "permission denied: every user must be able to read it".to_string()
        } else {
            error.to_string()
        };
        ProblemKind::Unreadable { reason }
    };
    let file = match File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(unreadable(error)),
    };
    let metadata = file.metadata().map_err(unreadable)?;
    if metadata.is_dir() {
        return Err(ProblemKind::Unreadable {
            reason: "it is a folder, not a file".into(),
        });
    }
    check_not_writable_by_everyone(path, &metadata)?;
    if metadata.len() > MAX_FILE_BYTES {
        return Err(ProblemKind::TooLarge {
            bytes: metadata.len(),
        });
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ProblemKind::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    Ok(Some(bytes))
}

/// A policy that any user can change is not the organisation's: on a shared computer a pupil,
/// or someone abusing them, could put their own "contact" in front of everyone. So a file, or a
/// folder holding it, that everyone may write to is refused whole. (A folder with the sticky bit,
/// like `/tmp`, only lets people replace their own files, so it passes.) Windows has no such
/// mode bits; there the folder's permissions are set when deploying (docs/deploying.md).
#[cfg(unix)]
fn check_not_writable_by_everyone(
    path: &Path,
    metadata: &std::fs::Metadata,
) -> Result<(), ProblemKind> {
    use std::os::unix::fs::PermissionsExt;
    const OTHERS_WRITE: u32 = 0o002;
    const STICKY: u32 = 0o1000;
    let file_open = metadata.permissions().mode() & OTHERS_WRITE != 0;
    let folder_open = path
        .parent()
        .map(|parent| {
            if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            }
        })
        .and_then(|parent| std::fs::metadata(parent).ok())
        .map(|folder| {
            let mode = folder.permissions().mode();
            mode & OTHERS_WRITE != 0 && mode & STICKY == 0
        })
        .unwrap_or(false);
    if file_open || folder_open {
        Err(ProblemKind::WritableByEveryone)
    } else {
        Ok(())
    }
}

#[cfg(not(unix))]
fn check_not_writable_by_everyone(
    _path: &Path,
    _metadata: &std::fs::Metadata,
) -> Result<(), ProblemKind> {
    Ok(())
}

/// UTF-8 (with or without a byte order mark, which the TOML parser skips), or UTF-16 with a
/// byte order mark: Windows PowerShell 5's `Out-File` and `>` write UTF-16 by default, and an
/// administrator should not lose their policy to that.
fn decode_text(bytes: &[u8]) -> Option<String> {
    let utf16 = |rest: &[u8], unit: fn([u8; 2]) -> u16| -> Option<String> {
        if !rest.len().is_multiple_of(2) {
            return None;
        }
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|pair| unit([pair[0], pair[1]]))
            .collect();
        String::from_utf16(&units).ok()
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => String::from_utf8(bytes.to_vec()).ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_with_and_without_bom_and_utf16_with_bom() {
        assert_eq!(decode_text(b"region = \"uk\"").unwrap(), "region = \"uk\"");
        assert_eq!(decode_text(b"\xEF\xBB\xBFa").unwrap(), "\u{FEFF}a");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("a = 1".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode_text(&le).unwrap(), "a = 1");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("a = 1".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode_text(&be).unwrap(), "a = 1");
        assert_eq!(decode_text(b"\xFF\xFEa"), None);
        assert_eq!(decode_text(b"region = \"\xC0\""), None);
    }

    #[test]
    fn the_environment_variable_comes_first() {
        let path = policy_path_from(|name| {
            (name == POLICY_ENV_VAR).then(|| OsString::from("/tmp/test-policy.toml"))
        });
        assert_eq!(path, PathBuf::from("/tmp/test-policy.toml"));
    }

    #[test]
    fn an_empty_or_missing_variable_means_the_system_place() {
        let empty = policy_path_from(|name| (name == POLICY_ENV_VAR).then(OsString::new));
        let unset = policy_path_from(|_| None);
        assert_eq!(empty, unset);
        #[cfg(all(unix, not(target_os = "macos")))]
        assert_eq!(unset, PathBuf::from("/etc/harbour/policy.toml"));
        #[cfg(target_os = "macos")]
        assert_eq!(
            unset,
            PathBuf::from("/Library/Application Support/Harbour/policy.toml")
        );
        #[cfg(windows)]
        assert_eq!(unset, PathBuf::from(r"C:\ProgramData\Harbour\policy.toml"));
    }

    #[cfg(windows)]
    #[test]
    fn windows_uses_program_data() {
        let path =
            policy_path_from(|name| (name == "ProgramData").then(|| OsString::from(r"D:\PD")));
        assert_eq!(path, PathBuf::from(r"D:\PD\Harbour\policy.toml"));
    }

    #[test]
    fn managed_keys_lists_what_is_in_force() {
        let mut policy = Policy::default();
        assert!(policy.is_empty());
        assert!(policy.managed_keys().is_empty());
        policy.dont_save = Some(false);
        assert!(!policy.forces_dont_save());
        assert!(policy.managed_keys().is_empty(), "false forces nothing");
        policy.dont_save = Some(true);
        policy.region = Some(Region::Ie);
        assert_eq!(policy.managed_keys(), vec!["region", "dont_save"]);
    }

    #[test]
    fn the_registry_wins_key_by_key_and_saving_less_always_wins() {
        let file = parse(
            Path::new("/etc/harbour/policy.toml"),
            "region = \"uk\"\ndont_save = true\nafter_exit = \"close\"\n\
             [contact]\nname = \"File\"\nhow_to_reach = \"B12\"\n",
        );
        let registry = from_registry_values([
            ("region".to_string(), RegistryValue::Text("ie".into())),
            ("dont_save".to_string(), RegistryValue::Number(0)),
            (
                "contact_name".to_string(),
                RegistryValue::Text("Reg".into()),
            ),
            (
                "contact_how_to_reach".to_string(),
                RegistryValue::Text("C1".into()),
            ),
            ("bogus".to_string(), RegistryValue::Number(3)),
        ]);
        let merged = registry.over(file);
        assert_eq!(merged.policy.region, Some(Region::Ie));
        assert_eq!(merged.policy.after_exit, Some(AfterExit::Close));
        assert!(merged.policy.forces_dont_save(), "false never undoes true");
        let contact = merged.policy.contact.as_ref().unwrap();
        assert_eq!(
            (contact.name.as_str(), contact.hours.as_ref()),
            ("Reg", None)
        );
        let file_source = Source::File("/etc/harbour/policy.toml".into());
        assert_eq!(merged.sources["region"], Source::Registry);
        assert_eq!(merged.sources["contact"], Source::Registry);
        assert_eq!(merged.sources["after_exit"], file_source);
        assert_eq!(merged.sources["dont_save"], file_source);
        assert_eq!(merged.path, PathBuf::from("/etc/harbour/policy.toml"));
        assert_eq!(merged.problems.len(), 1, "{:?}", merged.problems);

        let nothing = Loaded::nothing(Path::new("/etc/harbour/policy.toml"), false);
        let only_registry =
            from_registry_values([("dont_save".to_string(), RegistryValue::Number(1))])
                .over(nothing);
        assert!(only_registry.found && only_registry.policy.forces_dont_save());
        assert_eq!(only_registry.sources["dont_save"], Source::Registry);
    }
}
