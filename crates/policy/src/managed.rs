//! macOS: the organisation's settings from a configuration profile (Jamf, Intune, Apple School
//! Manager, Mosyle), which macOS installs as managed preferences for Harbour's bundle identifier
//! at `/Library/Managed Preferences/app.harbour.desktop.plist`, a file only the system writes.
//!
//! The keys are the policy file's: `region`, `default_audience`, `dont_save` (a boolean),
//! `escape_scope`, `after_exit`, and `contact`, a dictionary with `name`, `how_to_reach` and
//! `hours`. Keys starting with `Payload` (a profile's own bookkeeping) are skipped. The parsing
//! ([`from_plist`]) is plain Rust, tested on every platform; only the choice of path
//! ([`read_managed_preferences`]) is macOS-only. `deploy/macos/Harbour.mobileconfig` is an
//! example profile that sets every key.

use std::path::{Path, PathBuf};

use harbour_words::{AfterExit, Audience, EscapeScope, Region};
use plist::{Dictionary, Value};

use crate::check::{self, CONTACT_KEYS, POLICY_KEYS, RETIRED_EXTERNAL_LINKS};
use crate::source::Source;
use crate::{Loaded, OrgContact, Policy, PolicyProblem, ProblemKind};

/// Harbour's bundle identifier (`identifier` in `src-tauri/tauri.conf.json`): the preference
/// domain a configuration profile's payload names.
pub const BUNDLE_ID: &str = "app.harbour.desktop";

/// Where macOS puts the managed preferences for [`BUNDLE_ID`] that apply to every user.
pub const MANAGED_PREFERENCES_PATH: &str = "/Library/Managed Preferences/app.harbour.desktop.plist";

/// Checks a property list of managed preferences (XML or binary). `path` names it in problems.
/// Never fails: a file that is not a property list, or not a dictionary, applies nothing and is
/// one problem; each bad key is left out with a problem and the rest applies.
pub fn from_plist(path: &Path, bytes: &[u8]) -> Loaded {
    let mut reader = Reader {
        path,
        problems: Vec::new(),
    };
    let policy = match Value::from_reader(std::io::Cursor::new(bytes)) {
        Ok(Value::Dictionary(entries)) => reader.policy(&entries),
        Ok(_) => {
            reader.problem(ProblemKind::NotPlist {
                message: "it is not a dictionary of settings".into(),
            });
            Policy::default()
        }
        Err(error) => {
            reader.problem(ProblemKind::NotPlist {
                message: error.to_string(),
            });
            Policy::default()
        }
    };
    Loaded {
        path: path.to_path_buf(),
        found: true,
        sources: Loaded::sources_for(&policy, &Source::ManagedPreferences(path.to_path_buf())),
        policy,
        problems: reader.problems,
    }
}

/// Reads managed preferences from `path` with the policy file's limits (size, not writable by
/// everyone). `None` when there is no file.
pub fn load_managed_preferences(path: &Path) -> Option<Loaded> {
    match crate::read_limited(path) {
        Ok(Some(bytes)) => Some(from_plist(path, &bytes)),
        Ok(None) => None,
        Err(kind) => Some(Loaded::whole_file_problem(path, kind)),
    }
}

/// macOS: the managed preferences at [`MANAGED_PREFERENCES_PATH`], if a profile installed them.
#[cfg(target_os = "macos")]
pub fn read_managed_preferences() -> Option<Loaded> {
    load_managed_preferences(Path::new(MANAGED_PREFERENCES_PATH))
}

/// Not macOS: there are no managed preferences.
#[cfg(not(target_os = "macos"))]
pub fn read_managed_preferences() -> Option<Loaded> {
    None
}

struct Reader<'a> {
    path: &'a Path,
    problems: Vec<PolicyProblem>,
}

impl Reader<'_> {
    fn problem(&mut self, kind: ProblemKind) {
        self.problems.push(PolicyProblem {
            path: self.path.to_path_buf(),
            line: None,
            column: None,
            kind,
        });
    }

    fn policy(&mut self, entries: &Dictionary) -> Policy {
        let mut policy = Policy::default();
        for (key, value) in entries {
            match key.as_str() {
                "region" => policy.region = self.choice(key, value, Region::ALL, Region::from_name),
                "default_audience" => {
                    policy.default_audience =
                        self.choice(key, value, Audience::ALL, Audience::from_name)
                }
                "escape_scope" => {
                    policy.escape_scope =
                        self.choice(key, value, EscapeScope::ALL, EscapeScope::from_name)
                }
                "after_exit" => {
                    policy.after_exit =
                        self.choice(key, value, AfterExit::ALL, AfterExit::from_name)
                }
                "dont_save" => policy.dont_save = self.boolean(key, value),
                "contact" => policy.contact = self.contact(value),
                RETIRED_EXTERNAL_LINKS => self.problem(ProblemKind::Retired { key: key.clone() }),
                payload if payload.starts_with("Payload") => {}
                other => {
                    let suggestion = check::suggest(other, POLICY_KEYS).map(str::to_string);
                    self.problem(ProblemKind::UnknownKey {
                        key: other.to_string(),
                        suggestion,
                    })
                }
            }
        }
        policy
    }

    fn choice<T: Copy + std::fmt::Display>(
        &mut self,
        key: &str,
        value: &Value,
        all: &[T],
        from_name: fn(&str) -> Option<T>,
    ) -> Option<T> {
        check::choice(key, value.as_string(), all, from_name, "as a <string>")
            .map_err(|kind| self.problem(kind))
            .ok()
    }

    fn boolean(&mut self, key: &str, value: &Value) -> Option<bool> {
        match value {
            Value::Boolean(on) => Some(*on),
            other => {
                self.problem(ProblemKind::WrongType {
                    key: key.to_string(),
                    expected: "<true/> or <false/>",
                    found: kind_of(other),
                });
                None
            }
        }
    }

    fn contact(&mut self, value: &Value) -> Option<OrgContact> {
        let Value::Dictionary(entries) = value else {
            self.problem(ProblemKind::WrongType {
                key: "contact".into(),
                expected: "a <dict> with name, how_to_reach and hours",
                found: kind_of(value),
            });
            return None;
        };
        let (mut name, mut how_to_reach, mut hours) = (None, None, None);
        for (inner, inner_value) in entries {
            let shown = format!("contact.{inner}");
            match inner.as_str() {
                "name" => name = self.text(&shown, inner_value),
                "how_to_reach" => how_to_reach = self.text(&shown, inner_value),
                "hours" => hours = self.text(&shown, inner_value),
                other => {
                    let suggestion =
                        check::suggest(other, CONTACT_KEYS).map(|key| format!("contact.{key}"));
                    self.problem(ProblemKind::UnknownKey {
                        key: shown,
                        suggestion,
                    })
                }
            }
        }
        match (name, how_to_reach) {
            (Some(name), Some(how_to_reach)) => Some(OrgContact {
                name,
                how_to_reach,
                hours,
            }),
            _ => {
                self.problem(ProblemKind::IncompleteContact);
                None
            }
        }
    }

    fn text(&mut self, key: &str, value: &Value) -> Option<String> {
        let Some(raw) = value.as_string() else {
            self.problem(ProblemKind::WrongType {
                key: key.to_string(),
                expected: "text (a <string>)",
                found: kind_of(value),
            });
            return None;
        };
        check::text(key, raw)
            .map_err(|kind| self.problem(kind))
            .ok()
    }
}

/// What kind of property-list value this is, in words for a message.
fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::String(_) => "text (<string>)",
        Value::Integer(_) | Value::Real(_) => "a number",
        Value::Boolean(_) => "<true/> or <false/>",
        Value::Dictionary(_) => "a <dict>",
        Value::Array(_) => "an <array>",
        Value::Data(_) => "<data>",
        Value::Date(_) => "a <date>",
        _ => "another kind of value",
    }
}

/// The managed preferences' place, for the documentation and the check example on any system.
pub fn managed_preferences_path() -> PathBuf {
    PathBuf::from(MANAGED_PREFERENCES_PATH)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plist(body: &str) -> Loaded {
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\"><dict>{body}</dict></plist>"
        );
        from_plist(Path::new(MANAGED_PREFERENCES_PATH), xml.as_bytes())
    }

    fn messages(loaded: &Loaded) -> Vec<String> {
        loaded.problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn every_key_applies() {
        let loaded = plist(
            "<key>region</key><string>au</string>\
             <key>default_audience</key><string>adult</string>\
             <key>dont_save</key><true/>\
             <key>escape_scope</key><string>in-front</string>\
             <key>after_exit</key><string>close</string>\
             <key>PayloadUUID</key><string>x</string>\
             <key>contact</key><dict><key>name</key><string>Ms Patel</string>\
             <key>how_to_reach</key><string>Room B12</string></dict>",
        );
        assert_eq!(messages(&loaded), Vec::<String>::new());
        assert_eq!(loaded.policy.region, Some(Region::Au));
        assert!(loaded.policy.forces_dont_save());
        assert_eq!(loaded.policy.contact.as_ref().unwrap().hours, None);
        assert_eq!(loaded.policy.managed_keys().len(), 6);
        assert_eq!(
            loaded.sources.get("region"),
            Some(&Source::ManagedPreferences(MANAGED_PREFERENCES_PATH.into()))
        );
    }

    #[test]
    fn bad_keys_are_left_out_and_the_rest_applies() {
        let loaded = plist(
            "<key>dont_save</key><string>yes</string>\
             <key>region</key><string>gb</string>\
             <key>escape_scope</key><string>any-app</string>\
             <key>regoin</key><string>uk</string>",
        );
        assert_eq!(
            messages(&loaded),
            vec![
                "/Library/Managed Preferences/app.harbour.desktop.plist: `dont_save` must be <true/> or <false/>, not text (<string>); ignored",
                "/Library/Managed Preferences/app.harbour.desktop.plist: `region` must be one of uk, ie, us, ca, au (use uk for anywhere in the United Kingdom); ignored",
                "/Library/Managed Preferences/app.harbour.desktop.plist: unknown key `regoin` (did you mean `region`?); ignored",
            ]
        );
        assert_eq!(loaded.policy.managed_keys(), vec!["escape_scope"]);
    }

    #[test]
    fn not_a_property_list_applies_nothing() {
        let loaded = from_plist(Path::new("x.plist"), b"region = \"uk\"");
        assert!(loaded.policy.is_empty());
        assert_eq!(loaded.problems.len(), 1);
        assert!(loaded.problems[0].kind.ignores_whole_file());
    }

    #[test]
    fn reads_a_file_and_no_file_is_no_policy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.harbour.desktop.plist");
        assert_eq!(load_managed_preferences(&path), None);
        std::fs::write(
            &path,
            "<?xml version=\"1.0\"?><plist version=\"1.0\"><dict>\
             <key>after_exit</key><string>close</string></dict></plist>",
        )
        .unwrap();
        let loaded = load_managed_preferences(&path).unwrap();
        assert_eq!(loaded.policy.after_exit, Some(AfterExit::Close));
        assert_eq!(
            loaded.sources["after_exit"],
            Source::ManagedPreferences(path)
        );
    }
}
