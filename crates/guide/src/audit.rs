//! The editorial content checks, run by `cargo test -p harbour-guide` on the bundled content.
//!
//! Loading already refuses content that is broken (see [`Guide::from_content`]); these checks
//! look for content that is *wrong for a reader*: a phone number nobody checked against the fact
//! sheet, advice nobody has re-read in a year, a young-person article in long words and long
//! sentences, a fact the fact sheet says must not be published. They depend on today's date and
//! on thresholds, so they belong in the test suite (blocking a release) and never in the app
//! (where failing would hide all the advice from someone who needs it).
//!
//! Article fields every article must have (a source, a summary, an audience, a region, a real
//! review date) and internal links are already enforced when loading.

use std::collections::BTreeSet;

use harbour_words::{Audience, Region};

use crate::article::Article;
use crate::date::Date;
use crate::error::{ContentError, Problem};
use crate::kind::{HelplineKind, PageKind};
use crate::{phone, readability, Guide};

/// How long a review lasts. After this many months an article must be checked against its
/// sources again: helplines change numbers and hours, laws come into force, tools are renamed.
pub const REVIEW_VALID_MONTHS: u32 = 12;

/// The lowest Flesch reading ease allowed for an article whose audiences include young people,
/// measured on the body with Markdown stripped (see [`crate::readability`]).
///
/// 60 is the bottom of "plain English" on Flesch's scale (easily understood by 13- to
/// 15-year-olds); 70 and above is "fairly easy" (ages 12–13). Harbour aims at a frightened
/// 12-year-old, so articles should sit well above 60; the check fails only below it, because
/// some words these articles need ("evidence", "verification", "Internet Watch Foundation")
/// cost points no rewording can win back.
pub const MIN_READING_EASE_YOUNG_PERSON: f64 = 60.0;

/// How many of a do-now page's first steps (its `do_now`, or a do-now checklist's items) must
/// include who to call now: the region's emergency number or one of its crisis lines.
pub const CRISIS_STEPS: usize = 3;

/// Each emergency number and the only regions whose readers may be shown it (shared/reference/
/// facts.md: UK 999; Ireland 112 or 999; USA and Canada 911; Australia 000). A wrong one sends a
/// frightened reader nowhere.
pub const EMERGENCY_NUMBERS: &[(&str, &[Region])] = &[
    ("999", &[Region::Uk, Region::Ie]),
    ("112", &[Region::Ie]),
    ("911", &[Region::Us, Region::Ca]),
    ("000", &[Region::Au]),
];

/// Names services no longer have, and what to say instead. Matched case-insensitively in every
/// text a reader sees.
pub const RETIRED_NAMES: &[(&str, &str)] = &[(
    "Action Fraud",
    "\"Report Fraud\" (it replaced Action Fraud on 4 December 2025)",
)];

/// Words that start a step about blocking, and about keeping evidence (matched on the start of
/// each word, lower-cased: "blocked", "screenshots", "saving").
const BLOCK_WORDS: &[&str] = &["block"];
const EVIDENCE_WORDS: &[&str] = &["screenshot", "evidence", "save", "saving"];

impl Guide {
    /// Runs every content check for `today` (use [`Date::today`]) and returns every problem,
    /// each naming its file.
    pub fn audit(&self, today: Date) -> Vec<ContentError> {
        let mut errors = Vec::new();
        self.check_files_present(&mut errors);
        self.check_phone_numbers(&mut errors);
        self.check_reviews(today, &mut errors);
        self.check_readability(&mut errors);
        self.check_do_not_publish(&mut errors);
        self.check_contacts(&mut errors);
        self.check_region_numbers(&mut errors);
        self.check_routes_start_with_do_now(&mut errors);
        self.check_crisis_help_first(&mut errors);
        self.check_evidence_before_blocking(&mut errors);
        self.check_retired_names(&mut errors);
        errors
    }

    /// Every phone number shown to readers in a region is in that region's helplines, and no
    /// region is shown another's emergency number. Unknown numbers are left to
    /// [`Guide::check_phone_numbers`].
    fn check_region_numbers(&self, errors: &mut Vec<ContentError>) {
        let anywhere = self.phone_keys(None, &[]);
        let mut reported = BTreeSet::new();
        for &region in Region::ALL {
            let here = self.phone_keys(Some(region), &[]);
            for (file, text) in self.region_texts(region) {
                for number in phone::find(&text) {
                    if !reported.insert((file.clone(), region, number.key.clone())) {
                        continue;
                    }
                    let emergency = EMERGENCY_NUMBERS
                        .iter()
                        .find(|(n, _)| phone::key(n) == number.key);
                    if let Some((_, regions)) = emergency {
                        if !regions.contains(&region) {
                            errors.push(ContentError {
                                file: file.clone(),
                                problem: Problem::WrongEmergencyNumber {
                                    number: number.written.clone(),
                                    region,
                                },
                            });
                        }
                    }
                    if anywhere.contains(&number.key) && !here.contains(&number.key) {
                        errors.push(ContentError {
                            file: file.clone(),
                            problem: Problem::PhoneNumberNotInRegion {
                                number: number.written,
                                region,
                            },
                        });
                    }
                }
            }
        }
    }

    /// Every route (unless it says `do_now_first = false`) starts with a do-now page in every
    /// region, whoever reads it.
    fn check_routes_start_with_do_now(&self, errors: &mut Vec<ContentError>) {
        for route in self.routes.iter().filter(|r| r.do_now_first) {
            for &region in Region::ALL {
                let Ok(articles) = self.route_for(&route.id, region, None) else {
                    continue;
                };
                let first = articles.here.first();
                if first.is_some_and(|a| a.kind == PageKind::DoNow) {
                    continue;
                }
                errors.push(ContentError {
                    file: self.extras.routes_path.clone(),
                    problem: Problem::RouteStartsWithoutDoNow {
                        route: route.id.clone(),
                        region,
                        first: first.map(|a| a.id.clone()),
                    },
                });
            }
        }
    }

    /// The first [`CRISIS_STEPS`] steps of every do-now article (in each of its regions) and
    /// every do-now checklist (in every region) give the region's emergency number or one of
    /// its crisis lines.
    fn check_crisis_help_first(&self, errors: &mut Vec<ContentError>) {
        let crisis_kinds = [HelplineKind::Emergency, HelplineKind::Crisis];
        for article in self.articles.values() {
            if article.kind != PageKind::DoNow {
                continue;
            }
            for &region in &article.regions {
                let keys = self.phone_keys(Some(region), &crisis_kinds);
                let first = article.do_now.iter().take(CRISIS_STEPS);
                if !first
                    .flat_map(|s| phone::find(s))
                    .any(|n| keys.contains(&n.key))
                {
                    errors.push(ContentError {
                        file: self.article_path(&article.id),
                        problem: Problem::NoCrisisHelpFirst {
                            region,
                            steps: CRISIS_STEPS,
                        },
                    });
                }
            }
        }
        for list in &self.checklists {
            if list.kind != PageKind::DoNow {
                continue;
            }
            for &region in Region::ALL {
                let keys = self.phone_keys(Some(region), &crisis_kinds);
                let local = list.for_region(region);
                let first = local.items.iter().take(CRISIS_STEPS);
                let found = first
                    .flat_map(|i| [&i.text, &i.why])
                    .flat_map(|s| phone::find(s))
                    .any(|n| keys.contains(&n.key));
                if !found {
                    errors.push(ContentError {
                        file: self.checklist_path(&list.id),
                        problem: Problem::NoCrisisHelpFirst {
                            region,
                            steps: CRISIS_STEPS,
                        },
                    });
                }
            }
        }
    }

    /// In every list of steps (an article's `do_now`, a list in its body, a checklist in each
    /// region), nothing says to block before something says to keep evidence.
    fn check_evidence_before_blocking(&self, errors: &mut Vec<ContentError>) {
        let mut report = |file: String, list: String, step: &str| {
            let problem = Problem::BlockBeforeEvidence {
                list,
                step: step.to_string(),
            };
            let error = ContentError { file, problem };
            if !errors.contains(&error) {
                errors.push(error);
            }
        };
        for article in self.articles.values() {
            let file = self.article_path(&article.id);
            if let Some(i) = block_before_evidence(&article.do_now) {
                report(file.clone(), "do_now".into(), &article.do_now[i]);
            }
            let lists = self.extras.article_lists.get(&article.id);
            for list in lists.into_iter().flatten() {
                if let Some(i) = block_before_evidence(list) {
                    report(file.clone(), "a list in the body".into(), &list[i]);
                }
            }
        }
        for list in &self.checklists {
            for &region in Region::ALL {
                let steps: Vec<String> = list
                    .for_region(region)
                    .items
                    .iter()
                    .map(|i| format!("{} {}", i.text, i.why))
                    .collect();
                if let Some(i) = block_before_evidence(&steps) {
                    report(
                        self.checklist_path(&list.id),
                        format!("the steps (in `{}`)", region.as_str()),
                        &steps[i],
                    );
                }
            }
        }
    }

    /// No text names a service by a name it no longer has ([`RETIRED_NAMES`]).
    fn check_retired_names(&self, errors: &mut Vec<ContentError>) {
        let mut reported = BTreeSet::new();
        for (file, text) in self.reader_texts() {
            let lower = text.to_lowercase();
            for (name, instead) in RETIRED_NAMES {
                if lower.contains(&name.to_lowercase()) && reported.insert((file.clone(), *name)) {
                    errors.push(ContentError {
                        file: file.clone(),
                        problem: Problem::RetiredName {
                            name: (*name).to_string(),
                            instead: (*instead).to_string(),
                        },
                    });
                }
            }
        }
    }

    /// The keys of the phone and text numbers of the helplines of `region` (every region when
    /// `None`), only of these `kinds` unless it is empty.
    fn phone_keys(&self, region: Option<Region>, kinds: &[HelplineKind]) -> BTreeSet<String> {
        self.helplines
            .iter()
            .filter(|(r, _)| region.is_none_or(|want| **r == want))
            .flat_map(|(_, list)| list)
            .filter(|h| kinds.is_empty() || h.kinds.iter().any(|k| kinds.contains(k)))
            .flat_map(|h| [&h.phone, &h.text])
            .flatten()
            .flat_map(|field| phone::find(field))
            .map(|number| number.key)
            .collect()
    }

    fn checklist_path(&self, id: &str) -> String {
        self.extras
            .checklist_paths
            .get(id)
            .cloned()
            .unwrap_or_else(|| format!("content/checklists/{id}.toml"))
    }

    /// Every piece of text a reader in `region` can be shown as advice for them: the articles
    /// written for that region, every checklist as that region sees it, its helplines and the
    /// home routes.
    fn region_texts(&self, region: Region) -> Vec<(String, String)> {
        let mut texts = Vec::new();
        for article in self.articles.values() {
            if !article.regions.contains(&region) {
                continue;
            }
            self.article_texts(article, &mut texts);
        }
        for list in &self.checklists {
            let file = self.checklist_path(&list.id);
            let local = list.for_region(region);
            let mut add = |text: &str| texts.push((file.clone(), text.to_string()));
            add(&local.title);
            add(&local.for_whom);
            for item in &local.items {
                add(&item.text);
                add(&item.why);
            }
        }
        if let Some(file) = self.extras.helpline_paths.get(&region) {
            for helpline in self.helplines(region) {
                texts.push((file.clone(), helpline.reader_text()));
            }
        }
        self.route_texts(&mut texts);
        texts
    }

    /// Every region has its helplines, and the do-not-publish list exists.
    fn check_files_present(&self, errors: &mut Vec<ContentError>) {
        for &region in Region::ALL {
            if self.helplines(region).is_empty() {
                errors.push(ContentError {
                    file: format!("content/helplines/{}.toml", region.as_str()),
                    problem: Problem::MissingFile,
                });
            }
        }
        if self.extras.do_not_publish.is_none() {
            errors.push(ContentError {
                file: "content/do-not-publish.toml".into(),
                problem: Problem::MissingFile,
            });
        }
    }

    /// Every phone number in text a reader sees is one from the helplines files.
    fn check_phone_numbers(&self, errors: &mut Vec<ContentError>) {
        let known: BTreeSet<String> = self
            .helplines
            .values()
            .flatten()
            .flat_map(|h| [&h.phone, &h.text])
            .flatten()
            .flat_map(|field| phone::find(field))
            .map(|number| number.key)
            .collect();
        let mut reported = BTreeSet::new();
        for (file, text) in self.reader_texts() {
            for number in phone::find(&text) {
                if !known.contains(&number.key) && reported.insert((file.clone(), number.key)) {
                    errors.push(ContentError {
                        file: file.clone(),
                        problem: Problem::UnknownPhoneNumber(number.written),
                    });
                }
            }
        }
    }

    /// Every article was reviewed within [`REVIEW_VALID_MONTHS`], and not in the future (a day of
    /// slack allows for time zones).
    fn check_reviews(&self, today: Date, errors: &mut Vec<ContentError>) {
        let oldest = today.months_earlier(REVIEW_VALID_MONTHS);
        let latest = Date::from_days_since_epoch(today.days_since_epoch() + 1);
        for article in self.articles.values() {
            let Some(reviewed) = Date::parse(&article.reviewed) else {
                continue; // a bad date is already refused when loading
            };
            let problem = if reviewed < oldest {
                Problem::StaleReview {
                    reviewed: article.reviewed.clone(),
                    oldest_allowed: oldest.to_string(),
                }
            } else if reviewed > latest {
                Problem::FutureReview {
                    reviewed: article.reviewed.clone(),
                    today: today.to_string(),
                }
            } else {
                continue;
            };
            errors.push(ContentError {
                file: self.article_path(&article.id),
                problem,
            });
        }
    }

    /// Young-person articles reach [`MIN_READING_EASE_YOUNG_PERSON`].
    fn check_readability(&self, errors: &mut Vec<ContentError>) {
        let min_tenths = (MIN_READING_EASE_YOUNG_PERSON * 10.0).round() as i64;
        for article in self.articles.values() {
            if !article.audiences.contains(&Audience::YoungPerson) {
                continue;
            }
            let Some(text) = self.extras.article_text(&article.id) else {
                continue;
            };
            let score = readability::flesch_reading_ease(text);
            // A body without words cannot be read at all: report it as the lowest score.
            let score_tenths = score.map_or(i64::MIN / 2, |s| (s * 10.0).floor() as i64);
            if score_tenths < min_tenths {
                errors.push(ContentError {
                    file: self.article_path(&article.id),
                    problem: Problem::HardToRead {
                        score_tenths,
                        min_tenths,
                    },
                });
            }
        }
    }

    /// Nothing a reader sees says what `content/do-not-publish.toml` forbids.
    fn check_do_not_publish(&self, errors: &mut Vec<ContentError>) {
        let Some((_, rules)) = &self.extras.do_not_publish else {
            return; // reported by check_files_present
        };
        for (file, text) in self.reader_texts() {
            for breach in rules.check(&text) {
                errors.push(ContentError {
                    file: file.clone(),
                    problem: Problem::DoNotPublish {
                        why: breach.why,
                        excerpt: breach.excerpt,
                    },
                });
            }
        }
    }

    /// Every kind of contact an article asks for exists in each of its regions.
    fn check_contacts(&self, errors: &mut Vec<ContentError>) {
        for article in self.articles.values() {
            for &region in &article.regions {
                for &kind in &article.contacts {
                    if self.helplines_of_kinds(region, &[kind]).is_empty() {
                        errors.push(ContentError {
                            file: self.article_path(&article.id),
                            problem: Problem::ContactsUnavailable { kind, region },
                        });
                    }
                }
            }
        }
    }

    fn article_path(&self, id: &str) -> String {
        self.extras
            .article_paths
            .get(id)
            .cloned()
            .unwrap_or_else(|| format!("content/articles/{id}.md"))
    }

    /// Every piece of text a reader can see, with the file it comes from. Each piece is its own
    /// unit: a sentence never runs from one piece into the next.
    fn reader_texts(&self) -> Vec<(String, String)> {
        let mut texts = Vec::new();
        for article in self.articles.values() {
            self.article_texts(article, &mut texts);
        }
        for list in &self.checklists {
            let file = self.checklist_path(&list.id);
            let mut add = |text: &str| texts.push((file.clone(), text.to_string()));
            add(&list.title);
            add(&list.for_whom);
            for item in &list.items {
                add(&item.text);
                add(&item.why);
                for variant in item.regions.values() {
                    variant.text.iter().chain(&variant.why).for_each(|t| add(t));
                }
            }
        }
        for (region, helplines) in &self.helplines {
            let file = self
                .extras
                .helpline_paths
                .get(region)
                .cloned()
                .unwrap_or_else(|| format!("content/helplines/{}.toml", region.as_str()));
            for helpline in helplines {
                texts.push((file.clone(), helpline.reader_text()));
                texts.push((file.clone(), helpline.source.clone()));
            }
        }
        self.route_texts(&mut texts);
        texts
    }

    /// An article's text a reader sees (title, summary, steps, sources, body), with its file.
    fn article_texts(&self, article: &Article, texts: &mut Vec<(String, String)>) {
        let file = self.article_path(&article.id);
        let mut add = |text: &str| texts.push((file.clone(), text.to_string()));
        add(&article.title);
        add(&article.summary);
        article.do_now.iter().for_each(|s| add(s));
        for source in &article.sources {
            add(&source.title);
            add(&source.used_for);
        }
        if let Some(body) = self.extras.article_text(&article.id) {
            add(body);
        }
    }

    /// The home routes' labels and hints, with their file.
    fn route_texts(&self, texts: &mut Vec<(String, String)>) {
        let file = &self.extras.routes_path;
        for route in &self.routes {
            texts.push((file.clone(), route.label.clone()));
            texts.push((file.clone(), route.hint.clone()));
        }
    }
}

/// The index of the step that first says to block, if that comes before the first mention of
/// keeping evidence (a screenshot, evidence, saving). Within one step, word order decides. A
/// list that never mentions evidence, or never blocking, is fine.
fn block_before_evidence(steps: &[String]) -> Option<usize> {
    let first = |words: &[&str]| {
        steps.iter().enumerate().find_map(|(i, step)| {
            step.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .position(|w| {
                    let w = w.to_lowercase();
                    words.iter().any(|start| w.starts_with(start))
                })
                .map(|at| (i, at))
        })
    };
    match (first(BLOCK_WORDS), first(EVIDENCE_WORDS)) {
        (Some(block), Some(evidence)) if block < evidence => Some(block.0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn blocking_may_follow_evidence_but_not_lead_it() {
        let good = steps(&["Don't pay.", "Take screenshots.", "Then block them."]);
        assert_eq!(block_before_evidence(&good), None);
        let bad = steps(&["Don't pay.", "Block them.", "Save the evidence."]);
        assert_eq!(block_before_evidence(&bad), Some(1));
        let same_step = steps(&["Stop replying and block them, then take screenshots."]);
        assert_eq!(block_before_evidence(&same_step), Some(0));
        let ordered = steps(&["Take screenshots, then block them."]);
        assert_eq!(block_before_evidence(&ordered), None);
        let no_evidence = steps(&["Block unknown accounts.", "Use strong passwords."]);
        assert_eq!(block_before_evidence(&no_evidence), None);
        let blocked = steps(&["If you BLOCKED them already, that is OK.", "Saving: later."]);
        assert_eq!(block_before_evidence(&blocked), Some(0));
    }
}
