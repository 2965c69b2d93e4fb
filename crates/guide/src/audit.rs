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

use crate::date::Date;
use crate::error::{ContentError, Problem};
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
        errors
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
        for list in &self.checklists {
            let file = self
                .extras
                .checklist_paths
                .get(&list.id)
                .cloned()
                .unwrap_or_else(|| format!("content/checklists/{}.toml", list.id));
            let mut add = |text: &str| texts.push((file.clone(), text.to_string()));
            add(&list.title);
            add(&list.for_whom);
            for item in &list.items {
                add(&item.text);
                add(&item.why);
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
        for route in &self.routes {
            let file = self.extras.routes_path.clone();
            texts.push((file.clone(), route.label.clone()));
            texts.push((file, route.hint.clone()));
        }
        texts
    }
}
