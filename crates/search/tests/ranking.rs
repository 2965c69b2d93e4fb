//! What a frightened reader types, and what they must find near the top, over the real bundled
//! content. If an article is renamed or rewritten and one of these starts failing, either the
//! content lost words people use (add them to `src/synonyms.toml`) or the expectation is out
//! of date.

use std::sync::OnceLock;

use harbour_guide::Guide;
use harbour_search::{Context, Hit, HitKind, Index, Target};
use harbour_words::{Audience, Region};

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| Index::new(&Guide::bundled().expect("bundled guide loads")))
}

fn uk() -> Context {
    Context::default()
}

fn in_region(region: Region) -> Context {
    Context {
        audience: None,
        region,
    }
}

fn as_audience(audience: Audience) -> Context {
    Context {
        audience: Some(audience),
        region: Region::Uk,
    }
}

fn search(query: &str, context: &Context) -> Vec<Hit> {
    index().search(query, context, 50)
}

/// A readable list of the first hits, for failure messages.
fn describe(hits: &[Hit]) -> String {
    hits.iter()
        .take(6)
        .map(|h| format!("\n  {:.2} {:?}", h.score, h.target))
        .collect()
}

fn article_rank(hits: &[Hit], id: &str) -> Option<usize> {
    hits.iter()
        .position(|h| matches!(&h.target, Target::Article { id: a } if a == id))
}

/// Failures gathered over a whole test, so one run shows every query that went wrong.
#[derive(Default)]
struct Failures(Vec<String>);

impl Failures {
    /// One of `ids` is an article among the first `n` hits.
    fn article_in_top(&mut self, query: &str, context: &Context, ids: &[&str], n: usize) {
        let hits = search(query, context);
        if !ids
            .iter()
            .any(|id| article_rank(&hits, id).is_some_and(|rank| rank < n))
        {
            self.0.push(format!(
                "{query:?}: expected one of {ids:?} in the top {n}, got:{}",
                describe(&hits)
            ));
        }
    }

    fn helpline_first(&mut self, query: &str, context: &Context, region: Region, id: &str) {
        let hits = search(query, context);
        let expected = Target::Helpline {
            region,
            id: id.to_string(),
        };
        if hits.first().map(|h| &h.target) != Some(&expected) {
            self.0.push(format!(
                "{query:?}: expected {expected:?} first, got:{}",
                describe(&hits)
            ));
        }
    }

    #[track_caller]
    fn check(self) {
        assert!(self.0.is_empty(), "\n{}", self.0.join("\n"));
    }
}

#[test]
fn misspelt_queries_find_the_right_article() {
    let mut f = Failures::default();
    for query in ["sextorsion", "sextortoin", "sextrotion", "sexortion"] {
        f.article_in_top(query, &uk(), &["what-is-sextortion", "right-now"], 3);
    }
    for query in ["blakmail", "blackmial", "blackmale", "blakmailed"] {
        f.article_in_top(
            query,
            &uk(),
            &["what-is-sextortion", "right-now", "why-not-to-pay"],
            3,
        );
    }
    f.article_in_top("deepfak", &uk(), &["fake-images", "fake-images-law"], 3);
    f.article_in_top("hackd", &uk(), &["securing-accounts"], 3);
    f.article_in_top("pasword", &uk(), &["securing-accounts", "new-device"], 3);
    f.article_in_top("evidance", &uk(), &["keeping-evidence"], 3);
    f.check();
}

#[test]
fn words_being_typed_already_find_what_they_start() {
    let mut f = Failures::default();
    f.article_in_top("sext", &uk(), &["what-is-sextortion"], 3);
    f.article_in_top("sextor", &uk(), &["what-is-sextortion"], 3);
    f.article_in_top(
        "blackm",
        &uk(),
        &["what-is-sextortion", "why-not-to-pay"],
        3,
    );
    f.article_in_top("deepf", &uk(), &["fake-images", "fake-images-law"], 3);
    // Misspelt while still typing.
    f.article_in_top("sextorsi", &uk(), &["what-is-sextortion", "right-now"], 3);
    f.article_in_top(
        "blakm",
        &uk(),
        &["what-is-sextortion", "why-not-to-pay", "right-now"],
        3,
    );
    f.check();
}

#[test]
fn everyday_words_find_the_intended_content() {
    let mut f = Failures::default();
    f.article_in_top("blackmail", &uk(), &["what-is-sextortion", "right-now"], 3);
    f.article_in_top(
        "nudes",
        &uk(),
        &[
            "right-now",
            "what-is-sextortion",
            "keeping-evidence",
            "reporting-and-removal",
        ],
        3,
    );
    f.article_in_top("fake pics", &uk(), &["fake-images"], 3);
    f.article_in_top("deepfake", &uk(), &["fake-images"], 3);
    f.article_in_top("AI", &uk(), &["fake-images", "fake-images-law"], 3);
    f.article_in_top("hacked", &uk(), &["securing-accounts"], 3);
    f.article_in_top("take down", &uk(), &["reporting-and-removal"], 3);
    f.article_in_top("get it removed", &uk(), &["reporting-and-removal"], 3);
    f.article_in_top("they want money", &uk(), &["why-not-to-pay"], 3);
    f.article_in_top("i already paid", &uk(), &["why-not-to-pay"], 3);
    f.article_in_top("screenshots", &uk(), &["keeping-evidence"], 3);
    f.article_in_top("scared", &uk(), &["telling-someone-and-coping"], 3);
    f.article_in_top("quick exit", &uk(), &["what-harbour-cannot-hide"], 3);
    f.article_in_top(
        "someone checking my phone",
        &uk(),
        &["what-harbour-cannot-hide"],
        3,
    );
    f.article_in_top("new phone for my kid", &uk(), &["new-device"], 3);
    f.article_in_top(
        "report it on instagram",
        &uk(),
        &["reporting-to-platforms"],
        3,
    );
    f.article_in_top("teacher", &uk(), &["for-teachers-and-support-workers"], 3);
    f.article_in_top(
        "my friend is being blackmailed",
        &uk(),
        &["helping-someone"],
        3,
    );
    f.article_in_top("is it illegal", &uk(), &["fake-images-law"], 5);
    f.check();
}

#[test]
fn the_word_police_alone_finds_a_way_to_report() {
    let hits = search("police", &uk());
    assert!(
        hits.iter().take(3).any(|h| matches!(
            &h.target,
            Target::Article { id } if id == "reporting-to-police-uk"
        ) || matches!(
            &h.target,
            Target::Helpline {
                region: Region::Uk,
                ..
            }
        )),
        "{}",
        describe(&hits)
    );
}

#[test]
fn long_sentences_find_the_article_for_the_situation() {
    let mut f = Failures::default();
    f.article_in_top(
        "someone is threatening to share my nudes unless i pay them, what do i do",
        &uk(),
        &["right-now", "what-is-sextortion", "why-not-to-pay"],
        3,
    );
    f.article_in_top(
        "my son is being blackmailed",
        &as_audience(Audience::ParentCarer),
        &["for-parents-and-carers", "worried-about-a-child"],
        3,
    );
    f.article_in_top(
        "someone made a fake nude of me with an app",
        &uk(),
        &["fake-images"],
        3,
    );
    f.check();
}

#[test]
fn the_readers_region_comes_first_but_others_are_not_hidden() {
    let mut f = Failures::default();
    let ie = search("police", &in_region(Region::Ie));
    let uk_hits = search("police", &uk());
    let (ie_ie, ie_uk) = (
        article_rank(&ie, "reporting-to-police-ie"),
        article_rank(&ie, "reporting-to-police-uk"),
    );
    assert!(
        ie_ie.is_some() && ie_uk.is_some() && ie_ie < ie_uk,
        "region ie: {}",
        describe(&ie)
    );
    let (uk_ie, uk_uk) = (
        article_rank(&uk_hits, "reporting-to-police-ie"),
        article_rank(&uk_hits, "reporting-to-police-uk"),
    );
    assert!(
        uk_ie.is_some() && uk_uk.is_some() && uk_uk < uk_ie,
        "region uk: {}",
        describe(&uk_hits)
    );

    // Each region's own reporting article comes first among the five.
    for &region in Region::ALL {
        let hits = search("report to police", &in_region(region));
        let own = format!("reporting-to-police-{}", region.as_str());
        let own_rank = article_rank(&hits, &own).expect("own region's article found");
        for other in Region::ALL.iter().filter(|&&r| r != region) {
            let other = format!("reporting-to-police-{}", other.as_str());
            if let Some(rank) = article_rank(&hits, &other) {
                assert!(own_rank < rank, "{region:?}: {own} after {other}");
            }
        }
    }

    // Outside the UK, the few pages for the reader's own country come first.
    for region in [Region::Ie, Region::Us, Region::Ca, Region::Au] {
        let own = format!("reporting-to-police-{}", region.as_str());
        f.article_in_top("police", &in_region(region), &[&own], 3);
    }

    // Naming a place finds it wherever the reader is.
    f.article_in_top("gardai", &uk(), &["reporting-to-police-ie"], 3);
    f.article_in_top("police in canada", &uk(), &["reporting-to-police-ca"], 3);
    f.article_in_top("ireland", &uk(), &["reporting-to-police-ie"], 3);
    f.check();
}

#[test]
fn the_readers_audience_comes_first() {
    let parents = search("what should i do", &as_audience(Audience::ParentCarer));
    let teachers = search("what should i do", &as_audience(Audience::Professional));
    let parents_rank = article_rank(&parents, "for-parents-and-carers");
    let teachers_rank = article_rank(&teachers, "for-parents-and-carers");
    assert!(parents_rank.is_some() && teachers_rank.is_some());
    assert!(
        parents_rank < teachers_rank,
        "{}{}",
        describe(&parents),
        describe(&teachers)
    );

    let helping = "how do i help";
    let for_teachers = search(helping, &as_audience(Audience::Professional));
    let for_young = search(helping, &as_audience(Audience::YoungPerson));
    let rank = |hits: &[Hit]| article_rank(hits, "for-teachers-and-support-workers");
    assert!(rank(&for_teachers) < rank(&for_young) || rank(&for_young).is_none());
}

#[test]
fn helplines_are_found_by_name_and_number() {
    let mut f = Failures::default();
    f.helpline_first("childline", &uk(), Region::Uk, "childline");
    f.helpline_first("Childline", &uk(), Region::Uk, "childline");
    f.helpline_first("childlnie", &uk(), Region::Uk, "childline");
    f.helpline_first("0800 1111", &uk(), Region::Uk, "childline");
    f.helpline_first("08001111", &uk(), Region::Uk, "childline");
    f.helpline_first("0800 11", &uk(), Region::Uk, "childline");
    f.helpline_first("samaritans", &uk(), Region::Uk, "samaritans");
    f.helpline_first("116 123", &uk(), Region::Uk, "samaritans");
    f.helpline_first("shout", &uk(), Region::Uk, "shout");
    f.helpline_first("85258", &uk(), Region::Uk, "shout");
    f.helpline_first("ceop", &uk(), Region::Uk, "ceop");
    f.helpline_first(
        "childline",
        &in_region(Region::Ie),
        Region::Ie,
        "childline-ispcc",
    );
    f.helpline_first(
        "kids help phone",
        &in_region(Region::Ca),
        Region::Ca,
        "kids-help-phone",
    );

    // Another region's line with that name is still there, lower down.
    let hits = search("childline", &in_region(Region::Ie));
    assert!(hits.iter().any(|h| h.target
        == Target::Helpline {
            region: Region::Uk,
            id: "childline".into()
        }));
    f.check();
}

#[test]
fn asking_for_someone_to_talk_to_lists_helplines_first() {
    for query in [
        "phone number",
        "helpline",
        "talk to someone",
        "who can i call",
    ] {
        let hits = search(query, &uk());
        assert_eq!(
            hits.first().map(Hit::kind),
            Some(HitKind::Helpline),
            "{query:?}:{}",
            describe(&hits)
        );
    }
    let hits = search("suicidal", &uk());
    assert!(
        hits.iter().take(3).any(|h| matches!(
            &h.target,
            Target::Helpline { region: Region::Uk, id } if ["samaritans", "childline", "papyrus", "shout"].contains(&id.as_str())
        )),
        "{}",
        describe(&hits)
    );
}

#[test]
fn checklist_steps_are_found() {
    let hits = search("dont pay", &uk());
    assert!(
        hits.iter().take(5).any(|h| matches!(
            &h.target,
            Target::ChecklistItem { item_id, .. } if item_id == "dont-pay"
        )),
        "{}",
        describe(&hits)
    );
    let step = hits
        .iter()
        .find(|h| h.kind() == HitKind::ChecklistItem)
        .unwrap();
    assert!(step.within.is_some());
}

#[test]
fn every_hit_opens_something_that_exists() {
    let guide = Guide::bundled().unwrap();
    for query in ["a", "s", "police", "help", "0800", "nudes", "what do i do"] {
        for &region in Region::ALL {
            for hit in search(query, &in_region(region)) {
                match &hit.target {
                    Target::Article { id } => {
                        assert_eq!(guide.article(id).unwrap().title, hit.title);
                    }
                    Target::ChecklistItem {
                        checklist_id,
                        item_id,
                    } => {
                        let list = guide.checklist(checklist_id).unwrap();
                        assert!(list.items.iter().any(|i| &i.id == item_id));
                        assert_eq!(hit.within.as_deref(), Some(list.title.as_str()));
                    }
                    Target::Helpline { region, id } => {
                        assert!(guide.helplines(*region).iter().any(|h| &h.id == id));
                    }
                }
                assert!(!hit.snippet.is_empty());
                assert!(!hit.snippet.contains('<'), "{}", hit.snippet);
                assert!(hit.snippet.chars().count() <= 161, "{}", hit.snippet);
                assert!(hit.score.is_finite() && hit.score > 0.0);
            }
        }
    }
}

#[test]
fn snippets_show_the_sentence_that_matches() {
    let hits = search("hotline.ie", &in_region(Region::Ie));
    let article = hits
        .iter()
        .find(|h| h.kind() == HitKind::Article)
        .expect("an article mentions Hotline.ie");
    assert!(
        article.snippet.to_lowercase().contains("hotline"),
        "{}",
        article.snippet
    );

    let hits = search("0800 1111", &uk());
    assert!(hits[0].snippet.contains("0800 1111"), "{}", hits[0].snippet);
}

#[test]
fn results_are_sorted_and_limited() {
    let hits = index().search("picture", &uk(), 5);
    assert_eq!(hits.len(), 5);
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(index().search("picture", &uk(), 0).is_empty());
    let all = index().search("picture", &uk(), usize::MAX);
    assert!(all.len() > 5 && all.len() <= index().len());
}

#[test]
fn a_checklist_step_is_found_in_the_readers_own_wording_never_another_regions_number() {
    // A step such as "call 999 now" is worded per region; a reader in the US must find "call
    // 911", and never be offered the UK's (or any other region's) number in a result.
    let queries = [
        "call now",
        "danger",
        "hurting yourself",
        "emergency",
        "police",
        "999",
        "911",
        "000",
        "112",
    ];
    for &region in Region::ALL {
        let foreign: Vec<&str> = harbour_guide::EMERGENCY_NUMBERS
            .iter()
            .filter(|(_, regions)| !regions.contains(&region))
            .map(|(number, _)| *number)
            .collect();
        let mut steps_seen = 0;
        for query in queries {
            for hit in search(query, &in_region(region)) {
                if hit.target.kind() != HitKind::ChecklistItem {
                    continue;
                }
                steps_seen += 1;
                let shown = format!("{} {}", hit.title, hit.snippet);
                for number in &foreign {
                    let whole = shown
                        .split(|c: char| !c.is_ascii_digit())
                        .any(|part| part == *number);
                    assert!(
                        !whole,
                        "{region}: '{query}' offers a step with {number}: {shown}"
                    );
                }
            }
        }
        assert!(steps_seen > 0, "{region}: the queries find checklist steps");
    }
}
