//! Checklists: short lists of steps a person can tick off (`content/checklists/<id>.toml`).
//!
//! When someone is panicking, a list of small steps is easier to follow than an article. Each
//! step says why it matters and links to the article that explains it, so the list never has to
//! carry the detail (or the sources) itself. Progress is saved by the `harbour-checklist` crate
//! under the list and item ids, which is why both must be stable slugs.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use harbour_words::is_slug;

use crate::error::Problem;

/// Fewer steps than this is not a checklist; say it in the article instead.
pub const MIN_ITEMS: usize = 3;

/// One checklist, as shown to the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    /// Stable id, equal to the file name; saved progress is keyed by it.
    pub id: String,
    /// The situation, in the reader's words.
    pub title: String,
    /// One sentence saying who the list is for, so a reader knows they are in the right place.
    pub for_whom: String,
    /// Home routes (`content/routes.toml`) that offer this list. May be empty for a list that is
    /// reached only from the articles its items link to.
    #[serde(default)]
    pub routes: Vec<String>,
    /// The steps, in the order to do them.
    #[serde(default)]
    pub items: Vec<ChecklistItem>,
}

/// One step of a checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    /// Stable id, unique in its list; saved ticks are keyed by it.
    pub id: String,
    /// The step, short and in the imperative ("Don't pay them anything").
    pub text: String,
    /// Why it matters, in a sentence or two.
    pub why: String,
    /// The article that explains it.
    pub article: String,
}

/// Parses and checks one checklist on its own. Links to articles and routes are checked once
/// the whole guide is loaded.
pub(crate) fn parse(text: &str, file_stem: &str) -> Result<Checklist, Vec<Problem>> {
    let list: Checklist =
        toml::from_str(text).map_err(|e| vec![Problem::MalformedFile(e.message().to_string())])?;
    let problems = check(&list, file_stem);
    if problems.is_empty() {
        Ok(list)
    } else {
        Err(problems)
    }
}

fn check(list: &Checklist, file_stem: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    if !is_slug(&list.id) {
        problems.push(Problem::BadId(format!(
            "`{}` may only use a-z, 0-9 and '-'",
            list.id
        )));
    } else if list.id != file_stem {
        problems.push(Problem::BadId(format!(
            "`{}` does not match the file name `{file_stem}.toml`",
            list.id
        )));
    }
    for (field, value) in [("title", &list.title), ("for_whom", &list.for_whom)] {
        if value.trim().is_empty() {
            problems.push(Problem::EmptyField(field));
        }
    }
    if list.items.len() < MIN_ITEMS {
        problems.push(Problem::TooFewItems {
            found: list.items.len(),
            min: MIN_ITEMS,
        });
    }
    let mut seen = BTreeSet::new();
    for item in &list.items {
        if !is_slug(&item.id) {
            problems.push(Problem::BadId(format!(
                "item id `{}` may only use a-z, 0-9 and '-'",
                item.id
            )));
        } else if !seen.insert(item.id.as_str()) {
            problems.push(Problem::DuplicateEntry(item.id.clone()));
        }
        for (field, value) in [
            ("text", &item.text),
            ("why", &item.why),
            ("article", &item.article),
        ] {
            if value.trim().is_empty() {
                problems.push(Problem::EmptyEntryField {
                    entry: item.id.clone(),
                    field,
                });
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: usize) -> String {
        let mut text = String::from(
            "id = \"threatened\"\ntitle = \"T\"\nfor_whom = \"For you.\"\nroutes = [\"threatened\"]\n",
        );
        for i in 0..items {
            text.push_str(&format!(
                "[[items]]\nid = \"step-{i}\"\ntext = \"Do {i}\"\nwhy = \"Because.\"\narticle = \"right-now\"\n"
            ));
        }
        text
    }

    #[test]
    fn a_good_list_parses() {
        let parsed = parse(&list(3), "threatened").unwrap();
        assert_eq!(parsed.items.len(), 3);
        assert_eq!(parsed.items[2].id, "step-2");
    }

    #[test]
    fn the_id_must_match_the_file_name() {
        assert!(matches!(
            parse(&list(3), "other").unwrap_err()[..],
            [Problem::BadId(_)]
        ));
    }

    #[test]
    fn too_few_items_are_reported() {
        assert_eq!(
            parse(&list(2), "threatened").unwrap_err(),
            vec![Problem::TooFewItems { found: 2, min: 3 }]
        );
    }

    #[test]
    fn item_ids_must_be_unique_slugs() {
        let twice = list(3).replace("step-1", "step-0");
        assert_eq!(
            parse(&twice, "threatened").unwrap_err(),
            vec![Problem::DuplicateEntry("step-0".into())]
        );
        let spaced = list(3).replace("step-1", "Step 1");
        assert!(matches!(
            parse(&spaced, "threatened").unwrap_err()[..],
            [Problem::BadId(_)]
        ));
    }

    #[test]
    fn empty_fields_are_reported() {
        let empty = list(3)
            .replace("for_whom = \"For you.\"", "for_whom = \"\"")
            .replacen("why = \"Because.\"", "why = \" \"", 1);
        let problems = parse(&empty, "threatened").unwrap_err();
        assert!(
            problems.contains(&Problem::EmptyField("for_whom")),
            "{problems:?}"
        );
        assert!(
            problems.contains(&Problem::EmptyEntryField {
                entry: "step-0".into(),
                field: "why"
            }),
            "{problems:?}"
        );
    }

    #[test]
    fn unknown_keys_are_malformed() {
        let extra = list(3).replace("title =", "colour = \"red\"\ntitle =");
        assert!(matches!(
            parse(&extra, "threatened").unwrap_err()[..],
            [Problem::MalformedFile(_)]
        ));
    }
}
