//! Checklists: short lists of steps a person can tick off (`content/checklists/<id>.toml`).
//!
//! When someone is panicking, a list of small steps is easier to follow than an article. Each
//! step says why it matters and links to the article that explains it, so the list never has to
//! carry the detail (or the sources) itself. Progress is saved by the `harbour-checklist` crate
//! under the list and item ids, which is why both must be stable slugs.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use harbour_words::{is_slug, Region};

use crate::error::Problem;
use crate::kind::PageKind;

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
    /// `do-now` for a list of what to do right now (its first steps must give the region's
    /// emergency number or 24-hour line); the default is a plain list of steps.
    #[serde(default)]
    pub kind: PageKind,
    /// The steps, in the order to do them.
    #[serde(default)]
    pub items: Vec<ChecklistItem>,
}

impl Checklist {
    /// The list as a reader in `region` sees it: each step's text, why and article taken from
    /// its variant for that region where it has one. Ids and order stay the same, so saved ticks
    /// still match; the variants themselves are left out.
    pub fn for_region(&self, region: Region) -> Checklist {
        Checklist {
            items: self
                .items
                .iter()
                .map(|item| item.for_region(region))
                .collect(),
            ..self.clone()
        }
    }
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
    /// Per-region variants (`[items.regions.us]`): where a region has one, its fields replace
    /// the step's own for readers there. Steps that give a number or a service need one for
    /// every region where the default text would be wrong.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub regions: BTreeMap<Region, ItemVariant>,
}

/// A step's text for one region. Each field is optional: what it leaves out stays as the step
/// has it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemVariant {
    /// The step, for readers in this region.
    #[serde(default)]
    pub text: Option<String>,
    /// Why it matters, for readers in this region.
    #[serde(default)]
    pub why: Option<String>,
    /// The article that explains it for readers in this region.
    #[serde(default)]
    pub article: Option<String>,
}

impl ChecklistItem {
    /// The step as a reader in `region` sees it (see [`Checklist::for_region`]).
    pub fn for_region(&self, region: Region) -> ChecklistItem {
        let variant = self.regions.get(&region);
        let pick = |own: &String, field: Option<&Option<String>>| {
            field.and_then(Option::as_ref).unwrap_or(own).clone()
        };
        ChecklistItem {
            id: self.id.clone(),
            text: pick(&self.text, variant.map(|v| &v.text)),
            why: pick(&self.why, variant.map(|v| &v.why)),
            article: pick(&self.article, variant.map(|v| &v.article)),
            regions: BTreeMap::new(),
        }
    }

    /// Every article the step links to, in any region.
    pub(crate) fn articles(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.article.as_str())
            .chain(self.regions.values().filter_map(|v| v.article.as_deref()))
    }
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
        for (region, variant) in &item.regions {
            let fields = [
                ("text", &variant.text),
                ("why", &variant.why),
                ("article", &variant.article),
            ];
            if fields.iter().all(|(_, v)| v.is_none()) {
                problems.push(Problem::BadEntry {
                    entry: item.id.clone(),
                    why: format!(
                        "`[items.regions.{}]` changes nothing: give it `text`, `why` or `article`",
                        region.as_str()
                    ),
                });
            }
            for (field, value) in fields {
                if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
                    problems.push(Problem::EmptyEntryField {
                        entry: format!("{} ({})", item.id, region.as_str()),
                        field,
                    });
                }
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
    fn a_step_can_have_its_own_text_in_a_region() {
        let text = list(3).replacen(
            "article = \"right-now\"\n",
            "article = \"right-now\"\n[items.regions.us]\ntext = \"Call 911.\"\narticle = \"right-now-us\"\n",
            1,
        );
        let parsed = parse(&text, "threatened").unwrap();
        let us = parsed.for_region(Region::Us);
        assert_eq!(us.items[0].text, "Call 911.");
        assert_eq!(us.items[0].why, "Because.");
        assert_eq!(us.items[0].article, "right-now-us");
        assert!(us.items[0].regions.is_empty());
        let uk = parsed.for_region(Region::Uk);
        assert_eq!(uk.items[0].text, "Do 0");
        let ids = |l: &Checklist| l.items.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&us), ids(&uk), "saved ticks match in every region");
        assert_eq!(
            parsed.items[0].articles().collect::<Vec<_>>(),
            ["right-now", "right-now-us"]
        );
    }

    #[test]
    fn empty_or_useless_region_variants_are_reported() {
        let empty = list(3).replacen(
            "article = \"right-now\"\n",
            "article = \"right-now\"\n[items.regions.au]\n[items.regions.ca]\ntext = \" \"\n",
            1,
        );
        let problems = parse(&empty, "threatened").unwrap_err();
        assert!(
            problems
                .iter()
                .any(|p| matches!(p, Problem::BadEntry { entry, .. } if entry == "step-0")),
            "{problems:?}"
        );
        assert!(problems.contains(&Problem::EmptyEntryField {
            entry: "step-0 (ca)".into(),
            field: "text"
        }));
        let unknown = list(3).replacen(
            "article = \"right-now\"\n",
            "article = \"right-now\"\n[items.regions.fr]\ntext = \"x\"\n",
            1,
        );
        assert!(matches!(
            parse(&unknown, "threatened").unwrap_err()[..],
            [Problem::MalformedFile(_)]
        ));
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
