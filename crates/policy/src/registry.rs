//! Windows: the organisation's settings in `HKLM\SOFTWARE\Policies\Harbour`, where Group Policy
//! and Intune (with the ADMX template in `deploy/windows/`) write them and ordinary users
//! cannot.
//!
//! One value per setting, named after the policy file's keys: `region`, `default_audience`,
//! `escape_scope`, `after_exit` as REG_SZ words, `dont_save` as a REG_DWORD 0 or 1, and the
//! contact as three REG_SZ values `contact_name`, `contact_how_to_reach`, `contact_hours` (the
//! registry has no nested tables; a subkey would need a second policy location in the template
//! for no gain). Names are matched without regard to case, as Windows does.
//!
//! Checking the values ([`from_registry_values`]) is plain Rust, tested on every platform; only
//! reading the key ([`read_registry`]) is Windows-only. As with the file, a value of the wrong
//! type or an unknown value is left out with a message, and everything else applies.

use std::path::PathBuf;

use harbour_words::{AfterExit, Audience, EscapeScope, Region};

use crate::check::{self, RETIRED_EXTERNAL_LINKS};
use crate::source::{Source, REGISTRY_PATH};
use crate::{Loaded, OrgContact, Policy, PolicyProblem, ProblemKind};

/// The registry hive Harbour reads, as Windows tools name it (`reg query HKLM\...`).
pub const REGISTRY_HIVE: &str = "HKLM";

/// A registry value as Harbour sees it: the types a template writes, and every other type by
/// name so a message can say what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistryValue {
    /// REG_SZ: a word (`uk`) or text (a contact's name).
    Text(String),
    /// REG_DWORD: on/off as 1/0.
    Number(u32),
    /// Any other type, by its registry name (`REG_MULTI_SZ`, `REG_BINARY`, `REG_QWORD`,
    /// `REG_EXPAND_SZ`), or a REG_SZ that is not valid text. Always a problem.
    Other(&'static str),
}

impl RegistryValue {
    /// The value's type in registry words, for messages.
    fn kind(&self) -> &'static str {
        match self {
            RegistryValue::Text(_) => "text (REG_SZ)",
            RegistryValue::Number(_) => "a number (REG_DWORD)",
            RegistryValue::Other(kind) => kind,
        }
    }
}

/// What type of data a registry value must hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistryKind {
    /// REG_SZ, one of these words exactly (the template's enum items).
    Choice(Vec<&'static str>),
    /// REG_DWORD, 1 for on and 0 for off (the template's boolean).
    OnOff,
    /// REG_SZ free text, up to [`crate::MAX_TEXT_CHARS`] characters (the template's text box).
    Text,
}

/// One value Harbour reads from [`crate::REGISTRY_KEY`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryValueSpec {
    /// The value's name in the registry (`region`, `contact_name`).
    pub name: &'static str,
    /// The policy key it sets ([`crate::POLICY_KEYS`]): `contact` for the three contact values.
    pub policy_key: &'static str,
    /// What it must hold.
    pub kind: RegistryKind,
    /// Whether a contact needs it (`contact_name` and `contact_how_to_reach`).
    pub required: bool,
}

/// Every value Harbour reads from the registry, in the order the template lists them. The ADMX
/// test checks the template against this list, so the two cannot drift.
pub fn registry_values() -> Vec<RegistryValueSpec> {
    fn words<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> RegistryKind {
        RegistryKind::Choice(all.iter().copied().map(as_str).collect())
    }
    let spec = |name, policy_key, kind, required| RegistryValueSpec {
        name,
        policy_key,
        kind,
        required,
    };
    vec![
        spec(
            "region",
            "region",
            words(Region::ALL, Region::as_str),
            false,
        ),
        spec(
            "default_audience",
            "default_audience",
            words(Audience::ALL, Audience::as_str),
            false,
        ),
        spec("dont_save", "dont_save", RegistryKind::OnOff, false),
        spec(
            "escape_scope",
            "escape_scope",
            words(EscapeScope::ALL, EscapeScope::as_str),
            false,
        ),
        spec(
            "after_exit",
            "after_exit",
            words(AfterExit::ALL, AfterExit::as_str),
            false,
        ),
        spec("contact_name", "contact", RegistryKind::Text, true),
        spec("contact_how_to_reach", "contact", RegistryKind::Text, true),
        spec("contact_hours", "contact", RegistryKind::Text, false),
    ]
}

/// Checks the values found under [`crate::REGISTRY_KEY`] (name and value, in any order). Never
/// fails: each bad value is left out with a problem naming it, and the rest applies. The returned
/// [`Loaded`] has `found: true` and names [`REGISTRY_PATH`] as its path.
pub fn from_registry_values(values: impl IntoIterator<Item = (String, RegistryValue)>) -> Loaded {
    let mut reader = Reader::default();
    let mut policy = Policy::default();
    let (mut name, mut how_to_reach, mut hours) = (None, None, None);
    let mut any_contact = false;
    for (value_name, value) in values {
        // Registry names ignore case (`Region` is `region`). The key's unnamed default value
        // is not one of Harbour's; `reg add` without /v leaves it empty.
        let lower = value_name.trim().to_ascii_lowercase();
        match lower.as_str() {
            "" => {}
            "region" => {
                policy.region = reader.choice(&lower, &value, Region::ALL, Region::from_name)
            }
            "default_audience" => {
                policy.default_audience =
                    reader.choice(&lower, &value, Audience::ALL, Audience::from_name)
            }
            "escape_scope" => {
                policy.escape_scope =
                    reader.choice(&lower, &value, EscapeScope::ALL, EscapeScope::from_name)
            }
            "after_exit" => {
                policy.after_exit =
                    reader.choice(&lower, &value, AfterExit::ALL, AfterExit::from_name)
            }
            "dont_save" => policy.dont_save = reader.on_off(&lower, &value),
            "contact_name" => {
                any_contact = true;
                name = reader.text(&lower, &value);
            }
            "contact_how_to_reach" => {
                any_contact = true;
                how_to_reach = reader.text(&lower, &value);
            }
            "contact_hours" => {
                any_contact = true;
                hours = reader.text(&lower, &value);
            }
            RETIRED_EXTERNAL_LINKS => reader.problem(ProblemKind::Retired { key: value_name }),
            _ => {
                let known: Vec<&str> = registry_values().iter().map(|spec| spec.name).collect();
                let suggestion = check::suggest(&lower, &known).map(str::to_string);
                reader.problem(ProblemKind::UnknownKey {
                    key: value_name,
                    suggestion,
                });
            }
        }
    }
    if any_contact {
        match (name, how_to_reach) {
            (Some(name), Some(how_to_reach)) => {
                policy.contact = Some(OrgContact {
                    name,
                    how_to_reach,
                    hours,
                })
            }
            _ => reader.problem(ProblemKind::IncompleteRegistryContact),
        }
    }
    let path = PathBuf::from(REGISTRY_PATH);
    Loaded {
        sources: Loaded::sources_for(&policy, &Source::Registry),
        path,
        found: true,
        policy,
        problems: reader.problems,
    }
}

#[derive(Default)]
struct Reader {
    problems: Vec<PolicyProblem>,
}

impl Reader {
    fn problem(&mut self, kind: ProblemKind) {
        self.problems.push(PolicyProblem {
            path: PathBuf::from(REGISTRY_PATH),
            line: None,
            column: None,
            kind,
        });
    }

    fn choice<T: Copy + std::fmt::Display>(
        &mut self,
        key: &str,
        value: &RegistryValue,
        all: &[T],
        from_name: fn(&str) -> Option<T>,
    ) -> Option<T> {
        let text = match value {
            RegistryValue::Text(text) => Some(text.as_str()),
            _ => None,
        };
        check::choice(key, text, all, from_name, "as a REG_SZ text value")
            .map_err(|kind| self.problem(kind))
            .ok()
    }

    fn on_off(&mut self, key: &str, value: &RegistryValue) -> Option<bool> {
        match value {
            RegistryValue::Number(0) => Some(false),
            RegistryValue::Number(1) => Some(true),
            RegistryValue::Number(_) => {
                self.problem(ProblemKind::BadValue {
                    key: key.to_string(),
                    allowed: "1, 0".into(),
                    hint: Some("1 turns it on for everyone; 0 leaves it to each person"),
                });
                None
            }
            other => {
                self.problem(ProblemKind::WrongType {
                    key: key.to_string(),
                    expected: "a REG_DWORD of 1 or 0",
                    found: other.kind(),
                });
                None
            }
        }
    }

    fn text(&mut self, key: &str, value: &RegistryValue) -> Option<String> {
        let RegistryValue::Text(raw) = value else {
            self.problem(ProblemKind::WrongType {
                key: key.to_string(),
                expected: "text (REG_SZ)",
                found: value.kind(),
            });
            return None;
        };
        check::text(key, raw)
            .map_err(|kind| self.problem(kind))
            .ok()
    }
}

/// Reads [`REGISTRY_PATH`]. `None` when the key does not exist (no Group Policy for Harbour,
/// the usual case); otherwise what [`from_registry_values`] makes of its values, or one problem
/// if the key cannot be read.
#[cfg(windows)]
pub fn read_registry() -> Option<Loaded> {
    use windows_registry::{Type, LOCAL_MACHINE};

    // HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND): the key is not there.
    const NOT_FOUND: i32 = 0x8007_0002_u32 as i32;
    let unreadable = |reason: String| {
        let mut loaded = from_registry_values(Vec::new());
        loaded.problems.push(PolicyProblem {
            path: PathBuf::from(REGISTRY_PATH),
            line: None,
            column: None,
            kind: ProblemKind::Unreadable { reason },
        });
        loaded
    };
    let key = match LOCAL_MACHINE.open(crate::source::REGISTRY_KEY) {
        Ok(key) => key,
        Err(error) if error.code().0 == NOT_FOUND => return None,
        Err(error) => return Some(unreadable(error.message())),
    };
    let values = match key.values() {
        Ok(values) => values,
        Err(error) => return Some(unreadable(error.message())),
    };
    let typed = values.map(|(name, value)| {
        let typed = match value.ty() {
            Type::String => String::try_from(value)
                .map(RegistryValue::Text)
                .unwrap_or(RegistryValue::Other("REG_SZ that is not valid text")),
            Type::U32 => u32::try_from(value)
                .map(RegistryValue::Number)
                .unwrap_or(RegistryValue::Other("a damaged REG_DWORD")),
            Type::U64 => RegistryValue::Other("a REG_QWORD"),
            Type::ExpandString => RegistryValue::Other("a REG_EXPAND_SZ"),
            Type::MultiString => RegistryValue::Other("a REG_MULTI_SZ"),
            Type::Bytes => RegistryValue::Other("a REG_BINARY"),
            Type::Other(_) => RegistryValue::Other("another registry type"),
        };
        (name, typed)
    });
    Some(from_registry_values(typed.collect::<Vec<_>>()))
}

/// Not Windows: there is no registry, so no registry policy.
#[cfg(not(windows))]
pub fn read_registry() -> Option<Loaded> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(name: &str, value: &str) -> (String, RegistryValue) {
        (name.into(), RegistryValue::Text(value.into()))
    }

    fn messages(loaded: &Loaded) -> Vec<String> {
        loaded.problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn every_value_applies() {
        let loaded = from_registry_values([
            text("region", "ie"),
            text("Default_Audience", "young-person"),
            ("dont_save".into(), RegistryValue::Number(1)),
            text("escape_scope", "in-front"),
            text("after_exit", "close"),
            text("contact_name", "Ms Patel"),
            text("contact_how_to_reach", "Room B12"),
            text("contact_hours", "Mornings"),
        ]);
        assert_eq!(messages(&loaded), Vec::<String>::new());
        assert_eq!(loaded.policy.region, Some(Region::Ie));
        assert_eq!(loaded.policy.default_audience, Some(Audience::YoungPerson));
        assert!(loaded.policy.forces_dont_save());
        assert_eq!(loaded.policy.escape_scope, Some(EscapeScope::InFront));
        assert_eq!(loaded.policy.after_exit, Some(AfterExit::Close));
        assert_eq!(
            loaded.policy.contact,
            Some(OrgContact {
                name: "Ms Patel".into(),
                how_to_reach: "Room B12".into(),
                hours: Some("Mornings".into()),
            })
        );
        assert_eq!(loaded.sources.len(), 6);
        assert!(loaded.sources.values().all(|s| *s == Source::Registry));
    }

    #[test]
    fn a_wrong_type_or_unknown_value_is_left_out_and_the_rest_applies() {
        let loaded = from_registry_values([
            text("dont_save", "1"),
            ("region".into(), RegistryValue::Number(1)),
            text("escape_scope", "any-app"),
            text("regoin", "uk"),
            ("after_exit".into(), RegistryValue::Other("a REG_MULTI_SZ")),
            ("dont_save".into(), RegistryValue::Number(2)),
        ]);
        assert_eq!(
            messages(&loaded),
            vec![
                r"HKLM\SOFTWARE\Policies\Harbour: `dont_save` must be a REG_DWORD of 1 or 0, not text (REG_SZ); ignored",
                r"HKLM\SOFTWARE\Policies\Harbour: `region` must be one of uk, ie, us, ca, au (as a REG_SZ text value); ignored",
                r"HKLM\SOFTWARE\Policies\Harbour: unknown key `regoin` (did you mean `region`?); ignored",
                r"HKLM\SOFTWARE\Policies\Harbour: `after_exit` must be one of stay-hidden, close (as a REG_SZ text value); ignored",
                r"HKLM\SOFTWARE\Policies\Harbour: `dont_save` must be one of 1, 0 (1 turns it on for everyone; 0 leaves it to each person); ignored",
            ]
        );
        assert_eq!(loaded.policy.escape_scope, Some(EscapeScope::AnyApp));
        assert_eq!(loaded.policy.managed_keys(), vec!["escape_scope"]);
    }

    #[test]
    fn a_contact_needs_a_name_and_a_way_to_reach_them() {
        let loaded = from_registry_values([text("contact_name", "Ms Patel")]);
        assert_eq!(loaded.policy.contact, None);
        assert_eq!(
            messages(&loaded),
            vec![
                r"HKLM\SOFTWARE\Policies\Harbour: `contact_name` and `contact_how_to_reach` are both needed for the contact to be shown; ignored"
            ]
        );
        let long = "x".repeat(crate::MAX_TEXT_CHARS + 1);
        let loaded = from_registry_values([
            text("contact_name", "Ms Patel"),
            text("contact_how_to_reach", "Room B12"),
            text("contact_hours", &long),
        ]);
        assert_eq!(loaded.policy.contact.unwrap().hours, None);
        assert_eq!(loaded.problems.len(), 1);
    }

    #[test]
    fn no_values_is_no_policy() {
        let loaded = from_registry_values(Vec::new());
        assert!(loaded.policy.is_empty() && loaded.problems.is_empty());
        assert!(loaded.sources.is_empty());
    }

    #[test]
    fn every_policy_key_has_a_registry_value() {
        let specs = registry_values();
        for key in crate::POLICY_KEYS {
            assert!(specs.iter().any(|spec| spec.policy_key == *key), "{key}");
        }
    }
}
