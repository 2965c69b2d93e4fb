//! Helplines and reporting services, one file per region (`content/helplines/<region>.toml`).
//!
//! A number here is what a frightened person will dial, so each entry is copied exactly from the
//! fact sheet, names who says so, and is checked: required fields filled, kinds from a fixed set,
//! at least one way to reach it, and a phone field that really is one phone number. The order in
//! the file is kept (most important first) because the UI shows entries in that order.

use serde::{Deserialize, Serialize};

use harbour_words::{is_slug, is_web_address, Region};

use crate::error::Problem;
use crate::kind::HelplineKind;
use crate::phone;

/// One helpline or service, as shown to the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Helpline {
    /// Stable id, unique within its region's file.
    pub id: String,
    /// Its name, as the service calls itself.
    pub name: String,
    /// The number to call, exactly as the fact sheet writes it.
    #[serde(default)]
    pub phone: Option<String>,
    /// How to text it, e.g. "Text SHOUT to 85258".
    #[serde(default)]
    pub text: Option<String>,
    /// Its web address, shown as copyable text (Harbour never opens it).
    #[serde(default)]
    pub web: Option<String>,
    /// When it is open, and whether it is free.
    #[serde(default)]
    pub hours: Option<String>,
    /// Who it is for by age, e.g. "Under 19".
    #[serde(default)]
    pub ages: Option<String>,
    /// What it is for, in plain words.
    pub purpose: String,
    /// What kinds of help it gives; decides which articles list it.
    pub kinds: Vec<HelplineKind>,
    /// Who says these details are right, as the fact sheet names them.
    pub source: String,
    /// The source's web address, when the fact sheet gives one.
    #[serde(default)]
    pub source_url: Option<String>,
}

impl Helpline {
    /// Every field a reader sees, labelled, as one piece of text. The do-not-publish check reads
    /// an entry as one sentence, so "Papyrus" and "text" in different fields still meet.
    pub(crate) fn reader_text(&self) -> String {
        let mut parts = vec![self.name.clone()];
        let labelled = [
            ("phone", &self.phone),
            ("text", &self.text),
            ("web", &self.web),
            ("hours", &self.hours),
            ("ages", &self.ages),
        ];
        for (label, value) in labelled {
            if let Some(value) = value {
                parts.push(format!("{label} {value}"));
            }
        }
        parts.push(self.purpose.clone());
        parts.join("; ")
    }
}

/// A helplines file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HelplinesFile {
    pub region: Region,
    #[serde(default)]
    pub helplines: Vec<Helpline>,
}

/// Parses and checks one helplines file. Empty optional fields (`text = ""`) become `None`.
pub(crate) fn parse(text: &str, file_stem: &str) -> Result<HelplinesFile, Vec<Problem>> {
    let mut file: HelplinesFile =
        toml::from_str(text).map_err(|e| vec![Problem::MalformedFile(e.message().to_string())])?;
    for helpline in &mut file.helplines {
        for field in [
            &mut helpline.phone,
            &mut helpline.text,
            &mut helpline.web,
            &mut helpline.hours,
            &mut helpline.ages,
            &mut helpline.source_url,
        ] {
            if field.as_deref().is_some_and(|v| v.trim().is_empty()) {
                *field = None;
            }
        }
    }
    let problems = check(&file, file_stem);
    if problems.is_empty() {
        Ok(file)
    } else {
        Err(problems)
    }
}

fn check(file: &HelplinesFile, file_stem: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    if file.region.as_str() != file_stem {
        problems.push(Problem::WrongRegion {
            region: file.region.as_str().to_string(),
            file_stem: file_stem.to_string(),
        });
    }
    if file.helplines.is_empty() {
        problems.push(Problem::EmptyField("helplines"));
    }
    let mut seen = std::collections::BTreeSet::new();
    for h in &file.helplines {
        let entry = if h.id.is_empty() {
            h.name.clone()
        } else {
            h.id.clone()
        };
        let empty = |field| Problem::EmptyEntryField {
            entry: entry.clone(),
            field,
        };
        if !is_slug(&h.id) {
            problems.push(Problem::BadId(format!(
                "helpline id `{}` may only use a-z, 0-9 and '-'",
                h.id
            )));
        } else if !seen.insert(h.id.as_str()) {
            problems.push(Problem::DuplicateEntry(h.id.clone()));
        }
        for (field, value) in [
            ("name", &h.name),
            ("purpose", &h.purpose),
            ("source", &h.source),
        ] {
            if value.trim().is_empty() {
                problems.push(empty(field));
            }
        }
        if h.kinds.is_empty() {
            problems.push(empty("kinds"));
        }
        if h.phone.is_none() && h.text.is_none() && h.web.is_none() {
            problems.push(Problem::BadEntry {
                entry: entry.clone(),
                why: "it has no `phone`, `text` or `web`: a reader needs a way to reach it".into(),
            });
        }
        if let Some(number) = &h.phone {
            let found = phone::find(number);
            let whole = matches!(found.as_slice(), [one] if one.written == number.trim());
            if !whole {
                problems.push(Problem::BadEntry {
                    entry: entry.clone(),
                    why: format!(
                        "`phone = \"{number}\"` must be exactly one phone number (put words in `purpose` or `hours`)"
                    ),
                });
            }
        }
        if let Some(text) = &h.text {
            if phone::find(text).is_empty() {
                problems.push(Problem::BadEntry {
                    entry: entry.clone(),
                    why: format!("`text = \"{text}\"` has no number to text"),
                });
            }
        }
        if let Some(web) = &h.web {
            if !is_address(web) {
                problems.push(Problem::BadEntry {
                    entry: entry.clone(),
                    why: format!("`web = \"{web}\"` is not a web address like `childline.org.uk`"),
                });
            }
        }
        if let Some(url) = &h.source_url {
            if !is_web_address(url) {
                problems.push(Problem::BadEntry {
                    entry: entry.clone(),
                    why: format!("`source_url = \"{url}\"` needs an http(s) address"),
                });
            }
        }
    }
    problems
}

/// A web address a person can type: no spaces, a dot, and no scheme other than http(s).
fn is_address(web: &str) -> bool {
    let rest = web
        .strip_prefix("https://")
        .or_else(|| web.strip_prefix("http://"))
        .unwrap_or(web);
    !rest.is_empty()
        && !rest.contains("://")
        && !rest.contains(':')
        && rest.contains('.')
        && !rest.starts_with('.')
        && !rest.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
region = "uk"
[[helplines]]
id = "childline"
name = "Childline"
phone = "0800 1111"
text = ""
web = "childline.org.uk"
hours = "24 hours, free"
ages = "Under 19"
purpose = "Talk to someone about anything."
kinds = ["crisis", "young-people"]
source = "NSPCC"
source_url = "https://www.nspcc.org.uk/"
"#;

    #[test]
    fn a_good_file_parses_and_empty_optionals_become_none() {
        let file = parse(GOOD, "uk").unwrap();
        assert_eq!(file.region, Region::Uk);
        let h = &file.helplines[0];
        assert_eq!(h.phone.as_deref(), Some("0800 1111"));
        assert_eq!(h.text, None);
        assert_eq!(
            h.kinds,
            vec![HelplineKind::Crisis, HelplineKind::YoungPeople]
        );
    }

    #[test]
    fn the_region_must_match_the_file_name() {
        let problems = parse(GOOD, "ie").unwrap_err();
        assert!(
            matches!(problems[..], [Problem::WrongRegion { .. }]),
            "{problems:?}"
        );
    }

    #[test]
    fn unknown_kinds_and_keys_are_malformed() {
        let bad = GOOD.replace("\"crisis\"", "\"chat\"");
        assert!(matches!(
            parse(&bad, "uk").unwrap_err()[..],
            [Problem::MalformedFile(_)]
        ));
        let bad = GOOD.replace("hours =", "colour = \"red\"\nhours =");
        assert!(matches!(
            parse(&bad, "uk").unwrap_err()[..],
            [Problem::MalformedFile(_)]
        ));
    }

    #[test]
    fn required_fields_are_checked() {
        let bad = GOOD
            .replace("Talk to someone about anything.", " ")
            .replace("\"NSPCC\"", "\"\"")
            .replace("[\"crisis\", \"young-people\"]", "[]");
        let problems = parse(&bad, "uk").unwrap_err();
        for field in ["purpose", "source", "kinds"] {
            assert!(
                problems.contains(&Problem::EmptyEntryField {
                    entry: "childline".into(),
                    field
                }),
                "{field}: {problems:?}"
            );
        }
    }

    #[test]
    fn ids_are_unique_in_a_region() {
        let twice = format!("{GOOD}{}", &GOOD[GOOD.find("[[helplines]]").unwrap()..]);
        assert_eq!(
            parse(&twice, "uk").unwrap_err(),
            vec![Problem::DuplicateEntry("childline".into())]
        );
    }

    #[test]
    fn phone_fields_hold_one_number_and_an_entry_can_be_reached() {
        let words = GOOD.replace("\"0800 1111\"", "\"0800 1111 (free)\"");
        assert!(matches!(
            parse(&words, "uk").unwrap_err()[..],
            [Problem::BadEntry { .. }]
        ));
        let two = GOOD.replace("\"0800 1111\"", "\"112 or 999\"");
        assert!(matches!(
            parse(&two, "uk").unwrap_err()[..],
            [Problem::BadEntry { .. }]
        ));
        let none = GOOD
            .replace("phone = \"0800 1111\"", "")
            .replace("web = \"childline.org.uk\"", "");
        assert!(matches!(
            parse(&none, "uk").unwrap_err()[..],
            [Problem::BadEntry { .. }]
        ));
        let script = GOOD.replace("childline.org.uk", "javascript:alert(1)");
        assert!(matches!(
            parse(&script, "uk").unwrap_err()[..],
            [Problem::BadEntry { .. }]
        ));
    }

    #[test]
    fn reader_text_labels_each_field() {
        let file = parse(GOOD, "uk").unwrap();
        assert_eq!(
            file.helplines[0].reader_text(),
            "Childline; phone 0800 1111; web childline.org.uk; hours 24 hours, free; ages Under 19; Talk to someone about anything."
        );
    }
}
