//! Settings an organisation (a school, a support service) fixes for everyone on a computer,
//! from its policy (`harbour-policy`). What the policy fixes is shown as "Set by your
//! organisation" and cannot be changed in the app; a broken policy never stops Harbour: the bad
//! parts fall back to safe defaults and the problems are listed in Settings and on stderr.
//! Each fixed setting carries where it came from (Group Policy, a configuration profile, the
//! policy file), so the screen can say "Set by your organisation (Group Policy)".

use std::collections::{BTreeMap, HashMap};

use harbour_policy::{Loaded, OrgContact, Policy};
use serde::Serialize;

use crate::model::{Key, Settings};

/// The policy in force, and what was wrong with the file.
#[derive(Debug, Clone, Default)]
pub struct Organisation {
    policy: Policy,
    problems: Vec<String>,
    /// Where each setting the policy holds came from, as the screen names it.
    sources: HashMap<Key, String>,
}

impl Organisation {
    /// The organisation described by a loaded policy file, with its problems in plain words.
    pub fn from_loaded(loaded: &Loaded) -> Organisation {
        let sources = loaded
            .sources
            .iter()
            .filter_map(|(key, source)| Some((setting_key(key)?, source.label().to_string())))
            .collect();
        Organisation {
            policy: loaded.policy.clone(),
            problems: loaded.problems.iter().map(ToString::to_string).collect(),
            sources,
        }
    }

    /// The person's settings with the organisation's applied on top. `audience_chosen` says
    /// whether the person picked an audience themselves (the policy's is only a starting point,
    /// because a pupil's parent or a member of staff may be the one reading).
    pub fn apply(&self, mut settings: Settings, audience_chosen: bool) -> Settings {
        let p = &self.policy;
        if let Some(region) = p.region {
            settings.region = region;
        }
        if let Some(scope) = p.escape_scope {
            settings.escape_scope = scope;
        }
        if let Some(after) = p.after_exit {
            settings.after_exit = after;
        }
        if p.forces_dont_save() {
            settings.dont_save = true;
        }
        if !audience_chosen {
            if let Some(audience) = p.default_audience {
                settings.audience = Some(audience);
            }
        }
        settings
    }

    /// Whether the organisation fixes this setting, so the person cannot change it.
    pub fn fixes(&self, key: Key) -> bool {
        let p = &self.policy;
        match key {
            Key::Region => p.region.is_some(),
            Key::EscapeScope => p.escape_scope.is_some(),
            Key::AfterExit => p.after_exit.is_some(),
            Key::DontSave => p.forces_dont_save(),
            Key::Audience | Key::IntroDone | Key::TextSize | Key::DesktopShortcut => false,
        }
    }

    /// Nothing at all may be written: the organisation forced "don't save anything".
    pub fn forbids_saving(&self) -> bool {
        self.policy.forces_dont_save()
    }

    /// The organisation's own contact, shown first wherever helplines appear.
    pub fn contact(&self) -> Option<&OrgContact> {
        self.policy.contact.as_ref()
    }

    /// What was wrong with the policy file, one plain line each with file and line.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// What the settings screen shows about the organisation.
    pub fn view(&self) -> OrganisationView {
        let fixed: Vec<Key> = Key::ALL.into_iter().filter(|k| self.fixes(*k)).collect();
        let sources = fixed
            .iter()
            .filter_map(|key| Some((key.as_str(), self.sources.get(key)?.clone())))
            .collect();
        OrganisationView {
            fixed,
            problems: self.problems.clone(),
            contact: self.policy.contact.clone(),
            sources,
        }
    }
}

/// The setting a policy key fixes, for the keys that fix one (`default_audience` is only a
/// starting point and `contact` is not a setting).
fn setting_key(policy_key: &str) -> Option<Key> {
    match policy_key {
        "region" => Some(Key::Region),
        "escape_scope" => Some(Key::EscapeScope),
        "after_exit" => Some(Key::AfterExit),
        "dont_save" => Some(Key::DontSave),
        _ => None,
    }
}

/// The organisation's part of the settings screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrganisationView {
    /// Settings the organisation fixes, by their keys.
    pub fixed: Vec<Key>,
    /// What was wrong with the policy file, in plain words with file and line.
    pub problems: Vec<String>,
    /// Who to talk to in the organisation.
    pub contact: Option<OrgContact>,
    /// Where each setting in `fixed` came from, by its key's name (as in `fixed`): "Group
    /// Policy" (the Windows registry, from Group Policy or Intune), "configuration profile"
    /// (macOS managed preferences) or "policy file", for "Set by your organisation (Group
    /// Policy)".
    pub sources: BTreeMap<&'static str, String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use harbour_words::{AfterExit, Audience, Region};
    use std::path::Path;

    fn org(text: &str) -> Organisation {
        Organisation::from_loaded(&harbour_policy::parse(Path::new("policy.toml"), text))
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
        assert!(org.fixes(Key::Region) && org.fixes(Key::DontSave));
        assert!(!org.fixes(Key::AfterExit));
        assert!(org.forbids_saving());
        assert_eq!(org.view().fixed, vec![Key::DontSave, Key::Region]);
        assert_eq!(
            org.view().sources,
            BTreeMap::from([
                ("dont_save", "policy file".to_string()),
                ("region", "policy file".to_string())
            ])
        );
    }

    #[test]
    fn each_fixed_setting_says_where_it_came_from() {
        use harbour_policy::{from_registry_values, RegistryValue};
        let file = harbour_policy::parse(
            Path::new("policy.toml"),
            "region = \"uk\"\nafter_exit = \"close\"\ndont_save = false\n",
        );
        let registry = from_registry_values([
            ("region".to_string(), RegistryValue::Text("ie".into())),
            (
                "default_audience".to_string(),
                RegistryValue::Text("adult".into()),
            ),
        ]);
        let org = Organisation::from_loaded(&registry.over(file));
        let view = org.view();
        assert_eq!(view.fixed, vec![Key::AfterExit, Key::Region]);
        assert_eq!(
            view.sources,
            BTreeMap::from([
                ("after_exit", "policy file".to_string()),
                ("region", "Group Policy".to_string())
            ]),
            "dont_save = false fixes nothing, so it has no source on the screen"
        );
        let json = serde_json::to_value(&view).unwrap();
        assert_eq!(json["sources"]["region"], "Group Policy");
    }

    #[test]
    fn every_policy_value_reaches_the_settings_unchanged() {
        // The policy and the settings share their value types (harbour-words), so every value
        // a policy can name is applied as itself: no translation that could drift.
        for &region in Region::ALL {
            let org = org(&format!("region = \"{region}\"\n"));
            assert_eq!(org.apply(Settings::default(), false).region, region);
        }
        for &scope in harbour_words::EscapeScope::ALL {
            let org = org(&format!("escape_scope = \"{scope}\"\n"));
            assert_eq!(org.apply(Settings::default(), false).escape_scope, scope);
        }
        for &after in AfterExit::ALL {
            let org = org(&format!("after_exit = \"{after}\"\n"));
            assert_eq!(org.apply(Settings::default(), false).after_exit, after);
        }
        for &audience in Audience::ALL {
            let org = org(&format!("default_audience = \"{audience}\"\n"));
            assert_eq!(
                org.apply(Settings::default(), false).audience,
                Some(audience)
            );
        }
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
        assert!(!org.fixes(Key::Audience));
    }

    #[test]
    fn a_broken_policy_applies_nothing_and_says_why() {
        let org = org("region = \n");
        assert_eq!(org.apply(Settings::default(), false), Settings::default());
        assert_eq!(org.view().problems.len(), 1);
        assert_eq!(org.problems().len(), 1);
    }
}
