//! The deployment templates in `deploy/` checked against what the code reads, so an IT admin
//! who ticks a box gets a setting Harbour understands:
//!
//! - `deploy/windows/Harbour.admx` and `en-US/Harbour.adml` (Group Policy, Intune): every
//!   policy writes under [`REGISTRY_KEY`], with value names, types and words taken from the
//!   crate's own [`registry_values`]; every value Harbour reads has a policy; every string and
//!   presentation the template refers to exists.
//! - `deploy/macos/Harbour.mobileconfig` (Jamf, Intune for Mac): its managed preferences for
//!   Harbour's bundle identifier, fed to the same code macOS uses, set every key without a
//!   problem.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use harbour_policy::managed::BUNDLE_ID;
use harbour_policy::registry::{registry_values, RegistryKind};
use harbour_policy::{
    from_plist, AfterExit, Audience, EscapeScope, OrgContact, Policy, Region, Source,
    MANAGED_PREFERENCES_PATH, MAX_TEXT_CHARS, POLICY_KEYS, REGISTRY_KEY,
};
use roxmltree::{Document, Node};

const ADMX: &str = include_str!("../../../deploy/windows/Harbour.admx");
const ADML: &str = include_str!("../../../deploy/windows/en-US/Harbour.adml");
const MOBILECONFIG: &[u8] = include_bytes!("../../../deploy/macos/Harbour.mobileconfig");

fn children<'a, 'i>(node: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children()
        .filter(move |child| child.has_tag_name(name))
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &'a str) -> Option<Node<'a, 'i>> {
    children(node, name).next()
}

fn descendants<'a, 'i>(node: Node<'a, 'i>, name: &'a str) -> Vec<Node<'a, 'i>> {
    node.descendants()
        .filter(|n| n.has_tag_name(name))
        .collect()
}

/// `$(string.Region)` → `Region`, for the given table (`string` or `presentation`).
fn reference<'a>(value: &'a str, table: &str) -> Option<&'a str> {
    value
        .strip_prefix(&format!("$({table}."))
        .and_then(|rest| rest.strip_suffix(')'))
}

/// What a registry value holds, as the template writes it or the crate reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Choice(Vec<String>),
    OnOff,
    Text,
}

impl From<RegistryKind> for Kind {
    fn from(kind: RegistryKind) -> Kind {
        match kind {
            RegistryKind::Choice(words) => {
                Kind::Choice(words.into_iter().map(str::to_string).collect())
            }
            RegistryKind::OnOff => Kind::OnOff,
            RegistryKind::Text => Kind::Text,
        }
    }
}

/// What the template writes for each registry value: its kind, and whether it is required.
fn template_values(admx: &Document) -> BTreeMap<String, (Kind, bool)> {
    let mut found = BTreeMap::new();
    for policy in descendants(admx.root_element(), "policy") {
        let name = policy.attribute("name").unwrap();
        assert_eq!(
            policy.attribute("key"),
            Some(REGISTRY_KEY),
            "policy {name}: every policy writes under the key Harbour reads"
        );
        assert_eq!(
            policy.attribute("class"),
            Some("Machine"),
            "policy {name}: Harbour reads HKLM only, so every policy is a computer policy"
        );
        let parent = child(policy, "parentCategory").and_then(|c| c.attribute("ref"));
        assert_eq!(
            parent,
            Some("Harbour"),
            "policy {name}: in the Harbour category"
        );
        if let Some(value_name) = policy.attribute("valueName") {
            let decimal = |tag| {
                child(policy, tag)
                    .and_then(|n| child(n, "decimal"))
                    .and_then(|d| d.attribute("value"))
            };
            assert_eq!(
                (decimal("enabledValue"), decimal("disabledValue")),
                (Some("1"), Some("0")),
                "policy {name}: an on/off policy writes REG_DWORD 1 and 0"
            );
            let old = found.insert(value_name.to_string(), (Kind::OnOff, false));
            assert!(old.is_none(), "{value_name} written twice");
        }
        for elements in children(policy, "elements") {
            for element in elements.children().filter(Node::is_element) {
                let value_name = element
                    .attribute("valueName")
                    .unwrap_or_else(|| panic!("policy {name}: an element without valueName"));
                let required = element.attribute("required") == Some("true");
                let kind = match element.tag_name().name() {
                    "enum" => Kind::Choice(
                        children(element, "item")
                            .map(|item| {
                                let value = child(item, "value").unwrap();
                                let text = child(value, "string").unwrap_or_else(|| {
                                    panic!("{value_name}: enum items are REG_SZ <string>s")
                                });
                                text.text().unwrap_or("").to_string()
                            })
                            .collect(),
                    ),
                    "text" => {
                        assert_eq!(
                            element.attribute("maxLength"),
                            Some(MAX_TEXT_CHARS.to_string().as_str()),
                            "{value_name}: text boxes stop at the length Harbour accepts"
                        );
                        assert_ne!(
                            element.attribute("expandable"),
                            Some("true"),
                            "{value_name}: Harbour reads REG_SZ, not REG_EXPAND_SZ"
                        );
                        Kind::Text
                    }
                    other => panic!("policy {name}: element <{other}> is not one Harbour reads"),
                };
                let old = found.insert(value_name.to_string(), (kind, required));
                assert!(old.is_none(), "{value_name} written twice");
            }
        }
    }
    found
}

#[test]
fn the_admx_writes_exactly_the_values_harbour_reads() {
    let admx = Document::parse(ADMX).expect("Harbour.admx is well-formed XML");
    let written = template_values(&admx);
    let read: BTreeMap<String, (Kind, bool)> = registry_values()
        .into_iter()
        .map(|spec| {
            // An enum's items are chosen from a list, so "required" means nothing for them;
            // for text boxes it must match what a contact needs.
            let required = match spec.kind {
                RegistryKind::Choice(_) => true,
                _ => spec.required,
            };
            (spec.name.to_string(), (spec.kind.into(), required))
        })
        .collect();
    assert_eq!(written, read);
    // Every key the crate reads has a policy (through its registry values).
    for key in POLICY_KEYS {
        assert!(
            registry_values()
                .iter()
                .any(|spec| spec.policy_key == *key && written.contains_key(spec.name)),
            "no policy in Harbour.admx sets `{key}`"
        );
    }
}

#[test]
fn every_string_and_presentation_the_admx_names_is_in_the_adml() {
    let admx = Document::parse(ADMX).unwrap();
    let adml = Document::parse(ADML).expect("Harbour.adml is well-formed XML");
    let table = |name: &'static str| -> BTreeMap<String, Node> {
        descendants(adml.root_element(), name)
            .into_iter()
            .map(|n| (n.attribute("id").unwrap().to_string(), n))
            .collect()
    };
    let strings = table("string");
    let presentations = table("presentation");
    assert!(strings
        .values()
        .all(|s| !s.text().unwrap_or("").trim().is_empty()));

    let mut used_strings = BTreeSet::new();
    for node in admx.descendants().filter(Node::is_element) {
        for attribute in node.attributes() {
            if let Some(id) = reference(attribute.value(), "string") {
                assert!(
                    strings.contains_key(id),
                    "string {id} is not in Harbour.adml"
                );
                used_strings.insert(id.to_string());
            }
        }
    }
    let unused: Vec<_> = strings
        .keys()
        .filter(|id| !used_strings.contains(*id))
        .collect();
    assert!(unused.is_empty(), "strings no policy uses: {unused:?}");

    for policy in descendants(admx.root_element(), "policy") {
        let name = policy.attribute("name").unwrap();
        for attr in ["displayName", "explainText"] {
            assert!(
                policy
                    .attribute(attr)
                    .and_then(|v| reference(v, "string"))
                    .is_some(),
                "policy {name}: {attr} comes from the ADML"
            );
        }
        let element_ids: BTreeSet<&str> = children(policy, "elements")
            .flat_map(|e| e.children().filter(Node::is_element))
            .map(|e| e.attribute("id").unwrap())
            .collect();
        match policy.attribute("presentation") {
            Some(value) => {
                let id = reference(value, "presentation").unwrap();
                let presentation = presentations
                    .get(id)
                    .unwrap_or_else(|| panic!("presentation {id} is not in Harbour.adml"));
                let shown: BTreeSet<&str> = presentation
                    .descendants()
                    .filter_map(|n| n.attribute("refId"))
                    .collect();
                assert_eq!(
                    shown, element_ids,
                    "policy {name}: every element has a control"
                );
            }
            None => assert!(
                element_ids.is_empty(),
                "policy {name}: elements need a presentation"
            ),
        }
    }
    // The ADML's revision satisfies the ADMX's requirement.
    let required = descendants(admx.root_element(), "resources")[0]
        .attribute("minRequiredRevision")
        .unwrap();
    assert_eq!(adml.root_element().attribute("revision"), Some(required));
}

/// The managed preferences for Harbour inside the profile, as macOS would write them to
/// `/Library/Managed Preferences/app.harbour.desktop.plist`.
fn managed_preferences(profile: &plist::Value) -> plist::Value {
    let top = profile.as_dictionary().expect("a profile is a dictionary");
    assert_eq!(
        top.get("PayloadType").and_then(|v| v.as_string()),
        Some("Configuration")
    );
    assert_eq!(
        top.get("PayloadScope").and_then(|v| v.as_string()),
        Some("System"),
        "installed for the whole computer, like a Windows machine policy"
    );
    let payloads = top["PayloadContent"].as_array().unwrap();
    assert_eq!(payloads.len(), 1);
    let payload = payloads[0].as_dictionary().unwrap();
    assert_eq!(
        payload["PayloadType"].as_string(),
        Some("com.apple.ManagedClient.preferences")
    );
    let mut identifiers = BTreeSet::new();
    for dict in [top, payload] {
        for key in ["PayloadIdentifier", "PayloadUUID", "PayloadDisplayName"] {
            let value = dict[key].as_string().unwrap();
            assert!(!value.is_empty());
            if key != "PayloadDisplayName" {
                assert!(identifiers.insert(value.to_string()), "{key} repeated");
            }
        }
        let uuid = dict["PayloadUUID"].as_string().unwrap();
        let groups: Vec<usize> = uuid.split('-').map(str::len).collect();
        assert_eq!(groups, vec![8, 4, 4, 4, 12], "{uuid} is a UUID");
        assert!(uuid.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
        assert_eq!(dict["PayloadVersion"].as_signed_integer(), Some(1));
    }
    let domains = payload["PayloadContent"].as_dictionary().unwrap();
    assert_eq!(domains.keys().collect::<Vec<_>>(), vec![BUNDLE_ID]);
    let forced = domains[BUNDLE_ID].as_dictionary().unwrap()["Forced"]
        .as_array()
        .unwrap();
    assert_eq!(forced.len(), 1);
    forced[0].as_dictionary().unwrap()["mcx_preference_settings"].clone()
}

#[test]
fn the_example_profile_sets_every_key_harbour_reads() {
    let profile = plist::Value::from_reader_xml(MOBILECONFIG).expect("a valid property list");
    let settings = managed_preferences(&profile);
    let mut bytes = Vec::new();
    settings.to_writer_xml(&mut bytes).unwrap();
    let path = Path::new(MANAGED_PREFERENCES_PATH);
    let loaded = from_plist(path, &bytes);
    let problems: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(
        loaded.policy,
        Policy {
            region: Some(Region::Uk),
            default_audience: Some(Audience::YoungPerson),
            dont_save: Some(true),
            escape_scope: Some(EscapeScope::AnyApp),
            after_exit: Some(AfterExit::StayHidden),
            contact: Some(OrgContact {
                name: "Ms Patel, Designated Safeguarding Lead".into(),
                how_to_reach:
                    "Room B12 (next to the library), or email safeguarding@example-academy.sch.uk"
                        .into(),
                hours: Some("Monday to Friday, 8:30 to 16:00, term time".into()),
            }),
        }
    );
    assert_eq!(loaded.policy.managed_keys(), POLICY_KEYS.to_vec());
    assert!(loaded
        .sources
        .values()
        .all(|source| *source == Source::ManagedPreferences(path.into())));

    // The binary form macOS may keep reads the same.
    let mut binary = Vec::new();
    settings.to_writer_binary(&mut binary).unwrap();
    assert_eq!(from_plist(path, &binary).policy, loaded.policy);
}
