//! Settings an organisation (a school, a support service) fixes for everyone on a computer,
//! read from its policy file at start (`harbour-policy`: `/etc/harbour/policy.toml` on Linux, or
//! the file named by `HARBOUR_POLICY`). What the policy fixes is shown as "Set by your
//! organisation" and cannot be changed in the app; a broken policy never stops Harbour: the bad
//! parts fall back to safe defaults and the problems are listed in Settings and on stderr.

use harbour_guide::{Audience, Region};
use harbour_policy::{Loaded, OrgContact, Policy};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::settings::{AfterExit, EscapeScope, Settings};

/// The policy in force, and what was wrong with the file.
pub struct Organisation {
    policy: Policy,
    problems: Vec<String>,
}

/// Converts a policy value to the app's own type through its name (both use the same names).
fn same<T: DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}

impl Organisation {
    /// Reads the machine's policy (or `HARBOUR_POLICY`), and says on stderr what it set and
    /// what was wrong. Nothing the person does is ever written to stderr.
    pub fn load() -> Organisation {
        Organisation::from_loaded(harbour_policy::load_default(), true)
    }

    /// No policy at all.
    pub fn none() -> Organisation {
        Organisation {
            policy: Policy::default(),
            problems: Vec::new(),
        }
    }

    fn from_loaded(loaded: Loaded, report: bool) -> Organisation {
        let problems: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
        if report {
            for problem in &problems {
                eprintln!("Harbour policy: {problem}");
            }
            let keys = loaded.policy.managed_keys();
            if !keys.is_empty() {
                eprintln!(
                    "Harbour policy: {} sets {}",
                    loaded.path.display(),
                    keys.join(", ")
                );
            }
        }
        Organisation {
            policy: loaded.policy,
            problems,
        }
    }

    /// The person's settings with the organisation's applied on top. `audience_chosen` says
    /// whether the person picked an audience themselves (the policy's is only a starting point).
    pub fn apply(&self, mut settings: Settings, audience_chosen: bool) -> Settings {
        let p = &self.policy;
        if let Some(region) = p.region.and_then(|r| same::<Region>(r.as_str())) {
            settings.region = region;
        }
        if let Some(scope) = p.escape_scope.and_then(|s| same::<EscapeScope>(s.as_str())) {
            settings.escape_scope = scope;
        }
        if let Some(after) = p.after_exit.and_then(|a| same::<AfterExit>(a.as_str())) {
            settings.after_exit = after;
        }
        if p.forces_dont_save() {
            settings.dont_save = true;
        }
        if !audience_chosen {
            if let Some(audience) = p
                .default_audience
                .and_then(|a| same::<Audience>(a.as_str()))
            {
                settings.audience = Some(audience);
            }
        }
        settings
    }

    /// Whether the organisation fixes this setting (settings' own key names).
    pub fn fixes(&self, key: &str) -> bool {
        let p = &self.policy;
        match key {
            "region" => p.region.is_some(),
            "escape_scope" => p.escape_scope.is_some(),
            "after_exit" => p.after_exit.is_some(),
            "dont_save" => p.forces_dont_save(),
            _ => false,
        }
    }

    /// Everything writes nothing at all: the organisation forced "don't save anything".
    pub fn forbids_saving(&self) -> bool {
        self.policy.forces_dont_save()
    }

    /// What the settings screen shows about the organisation.
    pub fn view(&self) -> OrganisationView {
        OrganisationView {
            fixed: ["region", "escape_scope", "after_exit", "dont_save"]
                .into_iter()
                .filter(|k| self.fixes(k))
                .collect(),
            problems: self.problems.clone(),
            contact: self.policy.contact.clone(),
        }
    }

    /// The organisation's own contact, shown first wherever helplines appear.
    pub fn contact(&self) -> Option<&OrgContact> {
        self.policy.contact.as_ref()
    }
}

/// The organisation's part of the settings screen.
#[derive(Debug, Serialize)]
pub struct OrganisationView {
    /// Settings the organisation fixes.
    fixed: Vec<&'static str>,
    /// What was wrong with the policy file, in plain words with file and line.
    problems: Vec<String>,
    /// Who to talk to in the organisation.
    contact: Option<OrgContact>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn org(text: &str) -> Organisation {
        Organisation::from_loaded(harbour_policy::parse(Path::new("policy.toml"), text), false)
    }

    #[test]
    fn a_policy_overrides_what_it_sets_and_nothing_else() {
        let org = org("region = \"ie\"\ndont_save = true\n");
        let mine = Settings {
            after_exit: AfterExit::Close,
            ..Settings::default()
        };
        let applied = org.apply(mine, false);
        assert_eq!(applied.region, Region::Ie);
        assert!(applied.dont_save);
        assert_eq!(applied.after_exit, AfterExit::Close);
        assert!(org.fixes("region") && org.fixes("dont_save") && !org.fixes("after_exit"));
        assert!(org.forbids_saving());
    }

    #[test]
    fn the_default_audience_is_only_a_starting_point() {
        let org = org("default_audience = \"young-person\"\n");
        assert_eq!(
            org.apply(Settings::default(), false).audience,
            Some(Audience::YoungPerson)
        );
        let mine = Settings {
            audience: Some(Audience::ParentCarer),
            ..Settings::default()
        };
        assert_eq!(org.apply(mine, true).audience, Some(Audience::ParentCarer));
        assert!(!org.fixes("audience"));
    }

    #[test]
    fn a_broken_policy_applies_nothing_and_says_why() {
        let org = org("region = \n");
        assert_eq!(org.apply(Settings::default(), false), Settings::default());
        assert_eq!(org.view().problems.len(), 1);
    }
}
