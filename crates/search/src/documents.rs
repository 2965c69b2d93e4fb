//! What can be found: every article, checklist step and helpline of a [`Guide`], with the text
//! of each of its fields and what is needed to show it as a hit. This is the only module that
//! reads the guide; ranking and the index see only [`DocSource`]s and [`Doc`]s.

use harbour_guide::{Article, ChecklistItem, Guide, HelplineKind};
use harbour_words::{Audience, Region};

use crate::hit::Target;
use crate::terms::TermId;
use crate::text::{html_to_text, sentences};

/// The parts of a result, each with its own weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    /// Article title, checklist step, helpline name.
    Title = 0,
    /// Article topics; a helpline's kinds ("crisis", "police").
    Topics,
    /// Article summary, a step's "why", a helpline's purpose.
    Summary,
    /// Article "do this now" steps; a step's checklist title and who it is for.
    Steps,
    /// A helpline's phone number, text number, web address, hours and ages.
    Contact,
    /// Article body.
    Body,
    /// Region names, so "ireland" finds that region's helplines and articles.
    Meta,
}

/// How many fields there are, for arrays indexed by [`Field`].
pub(crate) const FIELDS: usize = 7;

/// Region names, so "ireland" or "canada" find that region's helplines and articles.
fn region_words(region: Region) -> &'static str {
    match region {
        Region::Uk => "uk united kingdom",
        Region::Ie => "ireland",
        Region::Us => "usa united states",
        Region::Ca => "canada",
        Region::Au => "australia",
    }
}

/// A searchable thing, and what is needed to show it as a hit.
#[derive(Debug)]
pub(crate) struct Doc {
    /// What the hit opens.
    pub(crate) target: Target,
    /// The hit's title.
    pub(crate) title: String,
    /// For a checklist step, its checklist's title.
    pub(crate) within: Option<String>,
    /// Empty means every region.
    pub(crate) regions: Vec<Region>,
    /// Empty means every audience.
    pub(crate) audiences: Vec<Audience>,
    /// Sentences a snippet can be chosen from, with their terms (sorted, no repeats). The terms
    /// are left empty here and filled in when the index is built.
    pub(crate) sentences: Vec<(String, Vec<TermId>)>,
    /// The snippet when no sentence contains a matched word.
    pub(crate) fallback: String,
    /// A region's own wording of a checklist step (its number, its services): found only by
    /// readers in [`Doc::regions`], never shown elsewhere, where it would give a number that
    /// does not work.
    pub(crate) only_in_regions: bool,
}

/// A document being built: the text of each field.
pub(crate) struct DocSource {
    /// The document, as it will be shown.
    pub(crate) doc: Doc,
    /// The text of each of its fields, to be split into words and weighed.
    pub(crate) fields: Vec<(Field, String)>,
}

/// Every searchable thing in the guide, with the text of each field.
pub(crate) fn collect(guide: &Guide) -> Vec<DocSource> {
    let mut out = Vec::new();
    for article in guide.articles() {
        let body = html_to_text(&article.body_html);
        let mut sents = Vec::new();
        sents.extend(sentences(&article.summary));
        for step in &article.do_now {
            sents.extend(sentences(step));
        }
        sents.extend(sentences(&body));
        let regions = every_or(&article.regions, Region::ALL);
        let mut fields = vec![
            (Field::Title, article.title.clone()),
            (Field::Topics, article.topics.join(" ; ")),
            (Field::Summary, article.summary.clone()),
            (Field::Steps, article.do_now.join(" ; ")),
            (Field::Body, body),
        ];
        if !regions.is_empty() {
            let names: Vec<&str> = regions.iter().map(|&r| region_words(r)).collect();
            fields.push((Field::Meta, names.join(" ")));
        }
        out.push(DocSource {
            doc: Doc {
                target: Target::Article {
                    id: article.id.clone(),
                },
                title: article.title.clone(),
                within: None,
                regions,
                audiences: every_or(&article.audiences, &ALL_AUDIENCES),
                sentences: sents.into_iter().map(|s| (s, Vec::new())).collect(),
                fallback: article.summary.clone(),
                only_in_regions: false,
            },
            fields,
        });
    }

    for list in guide.checklists() {
        // A list fits whoever and wherever any of the articles its steps link to fits: a list
        // whose every article is UK-only says "call 101", and ranks lower elsewhere.
        let linked: Vec<&Article> = list
            .items
            .iter()
            .filter_map(|i| guide.article(&i.article).ok())
            .collect();
        let regions = union(&linked, |a| &a.regions, Region::ALL);
        let audiences = union(&linked, |a| &a.audiences, &ALL_AUDIENCES);
        for item in &list.items {
            // A step worded differently for some regions is one document per wording, each
            // found only where it applies.
            let wordings = wordings(item);
            let regional = wordings.len() > 1;
            for (wording, wording_regions) in wordings {
                out.push(DocSource {
                    doc: Doc {
                        target: Target::ChecklistItem {
                            checklist_id: list.id.clone(),
                            item_id: item.id.clone(),
                        },
                        title: wording.text.clone(),
                        within: Some(list.title.clone()),
                        regions: if regional {
                            wording_regions
                        } else {
                            regions.clone()
                        },
                        audiences: audiences.clone(),
                        sentences: Vec::new(),
                        fallback: wording.why.clone(),
                        only_in_regions: regional,
                    },
                    fields: vec![
                        (Field::Title, wording.text.clone()),
                        (Field::Summary, wording.why.clone()),
                        (Field::Steps, format!("{} ; {}", list.title, list.for_whom)),
                    ],
                });
            }
        }
    }

    for &region in Region::ALL {
        for helpline in guide.helplines(region) {
            let mut contact = Vec::new();
            let mut shown = Vec::new();
            if let Some(phone) = &helpline.phone {
                contact.push(phone.clone());
                // "0800 1111" can also be typed "08001111".
                contact.push(phone.chars().filter(char::is_ascii_digit).collect());
                shown.push(format!("Call {phone}"));
            }
            if let Some(text) = &helpline.text {
                contact.push(text.clone());
                shown.push(text.clone());
            }
            if let Some(web) = &helpline.web {
                contact.push(web.clone());
                shown.push(web.clone());
            }
            for extra in [&helpline.hours, &helpline.ages].into_iter().flatten() {
                contact.push(extra.clone());
            }
            let kinds: Vec<&str> = helpline.kinds.iter().map(|k| kind_words(*k)).collect();
            let how = shown.join(" · ");
            let fallback = if how.is_empty() {
                helpline.purpose.clone()
            } else {
                format!("{how}. {}", helpline.purpose)
            };
            out.push(DocSource {
                doc: Doc {
                    target: Target::Helpline {
                        region,
                        id: helpline.id.clone(),
                    },
                    title: helpline.name.clone(),
                    within: None,
                    regions: vec![region],
                    audiences: helpline_audiences(&helpline.kinds),
                    sentences: Vec::new(),
                    fallback,
                    only_in_regions: false,
                },
                fields: vec![
                    (Field::Title, helpline.name.clone()),
                    (Field::Topics, format!("helpline {}", kinds.join(" "))),
                    (Field::Summary, helpline.purpose.clone()),
                    (Field::Contact, contact.join(" ; ")),
                    (Field::Meta, region_words(region).to_string()),
                ],
            });
        }
    }
    out
}

const ALL_AUDIENCES: [Audience; 4] = [
    Audience::YoungPerson,
    Audience::Adult,
    Audience::ParentCarer,
    Audience::Professional,
];

/// Everything any of `articles` lists in one field, or empty (meaning "all") when that is all.
/// A checklist step's distinct wordings, each with the regions that read it, in region order.
fn wordings(item: &ChecklistItem) -> Vec<(ChecklistItem, Vec<Region>)> {
    let mut found: Vec<(ChecklistItem, Vec<Region>)> = Vec::new();
    for &region in Region::ALL {
        let wording = item.for_region(region);
        match found
            .iter_mut()
            .find(|(w, _)| w.text == wording.text && w.why == wording.why)
        {
            Some((_, regions)) => regions.push(region),
            None => found.push((wording, vec![region])),
        }
    }
    found
}

fn union<T: Copy + PartialEq>(
    articles: &[&Article],
    of: fn(&Article) -> &[T],
    all: &[T],
) -> Vec<T> {
    let mut found = Vec::new();
    for x in articles.iter().flat_map(|a| of(a)) {
        if !found.contains(x) {
            found.push(*x);
        }
    }
    every_or(&found, all)
}

/// The list, or empty (meaning "all") when it names every one of `all`.
fn every_or<T: Copy + PartialEq>(list: &[T], all: &[T]) -> Vec<T> {
    if all.iter().all(|x| list.contains(x)) {
        Vec::new()
    } else {
        list.to_vec()
    }
}

/// Words for a helpline's kinds, as a reader would say them.
fn kind_words(kind: HelplineKind) -> &'static str {
    match kind {
        HelplineKind::Emergency => "emergency",
        HelplineKind::Police => "police",
        HelplineKind::Report => "report",
        HelplineKind::Removal => "removal take down",
        HelplineKind::Crisis => "crisis talk",
        HelplineKind::YoungPeople => "young people",
        HelplineKind::Adults => "adults",
        HelplineKind::Fraud => "fraud",
    }
}

/// Who a helpline is for: a young people's line suits young people and the adults helping them;
/// an adults' line, adults and professionals; anything else, everyone.
fn helpline_audiences(kinds: &[HelplineKind]) -> Vec<Audience> {
    let young = kinds.contains(&HelplineKind::YoungPeople);
    let adults = kinds.contains(&HelplineKind::Adults);
    match (young, adults) {
        (true, false) => vec![
            Audience::YoungPerson,
            Audience::ParentCarer,
            Audience::Professional,
        ],
        (false, true) => vec![Audience::Adult, Audience::Professional],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_of_everything_means_everyone() {
        assert!(every_or(Region::ALL, Region::ALL).is_empty());
        assert_eq!(every_or(&[Region::Uk], Region::ALL), [Region::Uk]);
        assert!(helpline_audiences(&[HelplineKind::Crisis]).is_empty());
        assert!(!helpline_audiences(&[HelplineKind::YoungPeople]).contains(&Audience::Adult));
        assert!(!helpline_audiences(&[HelplineKind::Adults]).contains(&Audience::YoungPerson));
    }
}
