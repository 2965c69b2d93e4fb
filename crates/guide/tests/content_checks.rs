//! The content checks: the real bundled guide must load, and each kind of broken file must be
//! reported with its file name and the problem, never accepted and never a panic.

use harbour_guide::{
    ContentError, ContentFile, ContentFiles, Date, Guide, HelplineKind, LookupError, PageKind,
    Problem, CRISIS_STEPS, MIN_READING_EASE_YOUNG_PERSON,
};
use harbour_words::{Audience, Region};

const ROUTES: &str = r#"
[[routes]]
id = "threatened"
label = "Someone is threatening to share a sexual image of me"
articles = ["a"]
"#;

fn article(id: &str, extra_body: &str) -> String {
    format!(
        r#"+++
id = "{id}"
title = "Title {id}"
summary = "What this helps with."
do_now = ["Don't pay.", "In danger now? Call 999."]
kind = "do-now"
audiences = ["young-person"]
regions = ["uk"]
reviewed = "2026-11-25"

[[sources]]
title = "National Crime Agency"
url = "https://www.nationalcrimeagency.gov.uk/"
+++

## Heading

Body text. {extra_body}
"#
    )
}

fn load(files: &[(&str, &str)]) -> Result<Guide, Vec<ContentError>> {
    let files: Vec<ContentFile> = files
        .iter()
        .map(|&(path, text)| ContentFile { path, text })
        .collect();
    Guide::from_files(
        &files,
        Some(ContentFile {
            path: "content/routes.toml",
            text: ROUTES,
        }),
    )
    .map_err(|e| e.0)
}

/// Loads one broken article beside a good one and returns the problems reported for it.
fn problems_for(text: &str) -> Vec<Problem> {
    let good = article("a", "");
    let errors = load(&[
        ("content/articles/a.md", &good),
        ("content/articles/b.md", text),
    ])
    .expect_err("the broken file must be rejected");
    assert!(
        errors.iter().all(|e| e.file == "content/articles/b.md"),
        "every error names the broken file: {errors:?}"
    );
    errors.into_iter().map(|e| e.problem).collect()
}

#[test]
fn bundled_guide_loads_without_problems() {
    let guide = Guide::bundled().unwrap_or_else(|e| panic!("{e}"));
    assert!(guide.articles().count() >= 4, "at least four articles ship");
    assert!(
        guide.routes().len() >= 5,
        "the home screen has its five routes"
    );
    for route in guide.routes() {
        for id in &route.articles {
            assert!(guide.article(id).is_ok(), "route {} → {id}", route.id);
        }
    }
}

#[test]
fn bundled_checklists_and_helplines_load() {
    let guide = Guide::bundled().unwrap_or_else(|e| panic!("{e}"));
    for id in [
        "threatened",
        "fake-image",
        "securing-accounts",
        "new-device",
        "supporting-someone",
    ] {
        let list = guide.checklist(id).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            (5..=9).contains(&list.items.len()),
            "{id} has 5 to 9 steps, not {}",
            list.items.len()
        );
    }
    for route in [
        "threatened",
        "fake-image",
        "worried-about-child",
        "helping-someone",
        "new-device",
    ] {
        assert!(
            !guide.checklists_for_route(route).is_empty(),
            "route {route} offers a checklist"
        );
    }
    for &region in Region::ALL {
        let helplines = guide.helplines(region);
        assert!(
            helplines
                .first()
                .is_some_and(|h| h.kinds.contains(&HelplineKind::Emergency)),
            "{region:?} lists its emergency number first"
        );
    }
}

/// The content checks on the real content: phone numbers, review dates, readability, facts
/// that must not be published, helplines for every region and every `contacts` kind.
#[test]
fn bundled_content_passes_the_content_checks() {
    let guide = Guide::bundled().unwrap_or_else(|e| panic!("{e}"));
    let errors = guide.audit(Date::today());
    let listed: String = errors.iter().map(|e| format!("- {e}\n")).collect();
    assert!(errors.is_empty(), "{} problem(s):\n{listed}", errors.len());
}

/// Prints each young-person article's score (`cargo test -- --nocapture` to see them), so an
/// editor knows how close to the threshold an article is before it fails.
#[test]
fn young_person_articles_report_their_reading_ease() {
    let guide = Guide::bundled().unwrap_or_else(|e| panic!("{e}"));
    for article in guide.articles() {
        let score = guide.reading_ease(&article.id).unwrap();
        let young = article.audiences.contains(&Audience::YoungPerson);
        println!(
            "reading ease {:>5.1}  {}{}",
            score.unwrap_or(f64::NAN),
            article.id,
            if young { "  (young-person)" } else { "" }
        );
    }
    println!("threshold for young-person articles: {MIN_READING_EASE_YOUNG_PERSON}");
}

#[test]
fn bundled_articles_render_their_bodies() {
    let guide = Guide::bundled().unwrap_or_else(|e| panic!("{e}"));
    for article in guide.articles() {
        assert!(
            article.body_html.contains("<p>"),
            "{} has a body",
            article.id
        );
        assert!(
            !article.sources.is_empty(),
            "{} names its sources",
            article.id
        );
    }
}

#[test]
fn a_good_article_loads_and_renders() {
    let text = article("a", "See [b](article:b).");
    let b = article("b", "");
    let guide = load(&[
        ("content/articles/a.md", &text),
        ("content/articles/b.md", &b),
    ])
    .unwrap();
    let a = guide.article("a").unwrap();
    assert_eq!(a.title, "Title a");
    assert_eq!(a.do_now, vec!["Don't pay.", "In danger now? Call 999."]);
    assert_eq!(a.kind, PageKind::DoNow);
    assert!(a.body_html.contains(r##"href="#/article/b""##));
}

#[test]
fn missing_front_matter_is_reported() {
    assert_eq!(
        problems_for("Just a body"),
        vec![Problem::MissingFrontMatter]
    );
}

#[test]
fn malformed_front_matter_is_reported() {
    let broken = article("b", "").replace("title = \"Title b\"", "title = Title b");
    assert!(matches!(
        problems_for(&broken)[..],
        [Problem::MalformedFrontMatter(_)]
    ));
}

#[test]
fn unknown_front_matter_keys_are_reported() {
    let broken = article("b", "").replace("reviewed =", "colour = \"red\"\nreviewed =");
    match &problems_for(&broken)[..] {
        [Problem::MalformedFrontMatter(why)] => assert!(why.contains("colour"), "{why}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_missing_required_field_is_reported() {
    let broken = article("b", "").replace("summary = \"What this helps with.\"\n", "");
    match &problems_for(&broken)[..] {
        [Problem::MalformedFrontMatter(why)] => assert!(why.contains("summary"), "{why}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn empty_required_fields_are_reported() {
    let broken = article("b", "")
        .replace("Title b", " ")
        .replace("audiences = [\"young-person\"]", "audiences = []");
    let problems = problems_for(&broken);
    assert!(
        problems.contains(&Problem::EmptyField("title")),
        "{problems:?}"
    );
    assert!(
        problems.contains(&Problem::EmptyField("audiences")),
        "{problems:?}"
    );
}

#[test]
fn a_repeated_id_is_reported() {
    let good = article("a", "");
    let errors = load(&[
        ("content/articles/a.md", &good),
        ("content/articles/a.md", &good),
    ])
    .unwrap_err();
    assert!(errors
        .iter()
        .any(|e| e.problem == Problem::DuplicateId("a".into())));
}

#[test]
fn an_id_that_differs_from_the_file_name_is_reported() {
    let problems = problems_for(&article("c", ""));
    assert!(matches!(problems[..], [Problem::BadId(_)]), "{problems:?}");
}

#[test]
fn a_link_to_a_missing_article_is_reported() {
    assert_eq!(
        problems_for(&article("b", "[gone](article:gone)")),
        vec![Problem::UnknownArticleLink("gone".into())]
    );
}

#[test]
fn an_article_without_sources_is_reported() {
    let text = article("b", "");
    let without = text.split("[[sources]]").next().unwrap().to_string() + "+++\nBody\n";
    assert_eq!(problems_for(&without), vec![Problem::NoSources]);
}

#[test]
fn a_source_without_a_web_address_is_reported() {
    let broken = article("b", "").replace("https://www.nationalcrimeagency.gov.uk/", "nca");
    assert!(matches!(problems_for(&broken)[..], [Problem::BadSource(_)]));
}

#[test]
fn raw_html_in_markdown_is_reported() {
    let problems = problems_for(&article("b", "<b>bold</b>"));
    assert!(matches!(problems[0], Problem::RawHtml(_)), "{problems:?}");
}

#[test]
fn an_impossible_review_date_is_reported() {
    let broken = article("b", "").replace("2026-11-25", "2026-02-30");
    assert_eq!(
        problems_for(&broken),
        vec![Problem::BadDate("2026-02-30".into())]
    );
}

#[test]
fn unknown_audiences_are_reported() {
    let broken = article("b", "").replace("young-person", "teenager");
    assert!(matches!(
        problems_for(&broken)[..],
        [Problem::MalformedFrontMatter(_)]
    ));
}

#[test]
fn routes_naming_missing_articles_are_reported() {
    let good = article("a", "");
    let routes = "[[routes]]\nid = \"x\"\nlabel = \"X\"\narticles = [\"nope\"]\n";
    let errors = Guide::from_files(
        &[ContentFile {
            path: "content/articles/a.md",
            text: &good,
        }],
        Some(ContentFile {
            path: "content/routes.toml",
            text: routes,
        }),
    )
    .unwrap_err()
    .0;
    assert_eq!(errors[0].file, "content/routes.toml");
    assert!(errors[0].to_string().contains("nope"), "{}", errors[0]);
}

#[test]
fn a_missing_routes_file_is_reported() {
    let good = article("a", "");
    let errors = Guide::from_files(
        &[ContentFile {
            path: "content/articles/a.md",
            text: &good,
        }],
        None,
    )
    .unwrap_err();
    assert!(
        errors.to_string().contains("content/routes.toml"),
        "{errors}"
    );
}

#[test]
fn error_messages_name_the_file_and_the_problem() {
    let errors =
        load(&[("content/articles/a.md", &article("a", "[x](article:gone)"))]).unwrap_err();
    assert_eq!(
        errors[0].to_string(),
        "content/articles/a.md: link to `article:gone`, but no article has that id"
    );
}

#[test]
fn unknown_ids_are_errors_not_panics() {
    let guide = load(&[("content/articles/a.md", &article("a", ""))]).unwrap();
    assert_eq!(
        guide.article("nope"),
        Err(LookupError::UnknownArticle("nope".into()))
    );
    let huge = "x".repeat(1_000_000);
    let message = guide.article(&huge).unwrap_err().to_string();
    assert!(message.len() < 100, "a huge id is not echoed back in full");
    assert!(guide.route("nope").is_err());
}

// ---------------------------------------------------------------------------------------------
// Checklists, helplines, contacts and the content checks.

const UK: &str = r#"
region = "uk"
[[helplines]]
id = "police-emergency"
name = "Police (emergency)"
phone = "999"
purpose = "Call if you are in danger right now."
kinds = ["emergency", "police"]
source = "NCA"

[[helplines]]
id = "police-non-emergency"
name = "Police"
phone = "101"
purpose = "Report a crime."
kinds = ["police"]
source = "NCA"

[[helplines]]
id = "childline"
name = "Childline"
phone = "0800 1111"
purpose = "Talk to someone."
kinds = ["crisis", "young-people"]
source = "NSPCC"

[[helplines]]
id = "shout"
name = "Shout"
text = "Text SHOUT to 85258"
purpose = "Support by text."
kinds = ["crisis"]
source = "Shout"
"#;

/// A minimal helplines file for a region other than the UK: its emergency numbers only.
fn region_file(code: &str, emergency: &[&str]) -> String {
    let mut text = format!("region = \"{code}\"\n");
    for (i, number) in emergency.iter().enumerate() {
        text.push_str(&format!(
            "[[helplines]]\nid = \"emergency-{i}\"\nname = \"Emergency\"\nphone = \"{number}\"\npurpose = \"Danger now.\"\nkinds = [\"emergency\"]\nsource = \"Fact sheet\"\n"
        ));
    }
    text
}

/// The regions other than the UK in the fixture, with their emergency numbers.
const OTHER_REGIONS: &[(&str, &[&str])] = &[
    ("ie", &["112", "999"]),
    ("us", &["911"]),
    ("ca", &["911"]),
    ("au", &["000"]),
];

/// The fixture's home route: the UK's do-now page `a`, then one do-now page per other region.
const FIXTURE_ROUTES: &str = r#"
[[routes]]
id = "threatened"
label = "Someone is threatening to share a sexual image of me"
articles = ["a", "a-ie", "a-us", "a-ca", "a-au"]
"#;

/// A do-now page for one region other than the UK, for adults (so readability stays out of it).
fn regional_article(code: &str, emergency: &str) -> String {
    article(&format!("a-{code}"), "")
        .replace("[\"young-person\"]", "[\"adult\"]")
        .replace("[\"uk\"]", &format!("[\"{code}\"]"))
        .replace("Call 999.", &format!("Call {emergency}."))
}

const DO_NOT_PUBLISH: &str = r#"
[[phrase]]
text = "HOPELINE247 text"
why = "Papyrus text number unconfirmed"

[[sentence]]
about = ["Papyrus", "HOPELINE247"]
must_not_mention = ["text"]
why = "Papyrus text number unconfirmed"

[[sentence]]
about = ["66E", "Data (Use and Access) Act"]
ignore = ["Data (Use and Access) Act 2025"]
must_not_mention = ["years", "prison", "fine"]
any_date = true
why = "creation offence date and penalty unconfirmed"
"#;

fn checklist(id: &str, routes: &str, article: &str, extra_why: &str) -> String {
    let mut text =
        format!("id = \"{id}\"\ntitle = \"Title\"\nfor_whom = \"For you.\"\nroutes = {routes}\n");
    for step in ["one", "two", "three"] {
        text.push_str(&format!(
            "[[items]]\nid = \"{step}\"\ntext = \"Do {step}.\"\nwhy = \"Because. {extra_why}\"\narticle = \"{article}\"\n"
        ));
    }
    text
}

/// Content a test can vary: articles, checklists, UK helplines (other regions are fixed).
struct Fixture {
    articles: Vec<(String, String)>,
    checklists: Vec<(String, String)>,
    uk: String,
    routes: String,
    do_not_publish: Option<String>,
}

impl Fixture {
    fn new() -> Self {
        let mut articles = vec![("content/articles/a.md".to_string(), article("a", ""))];
        for (code, numbers) in OTHER_REGIONS {
            articles.push((
                format!("content/articles/a-{code}.md"),
                regional_article(code, numbers[0]),
            ));
        }
        Fixture {
            articles,
            checklists: vec![(
                "content/checklists/steps.toml".into(),
                checklist("steps", "[\"threatened\"]", "a", ""),
            )],
            uk: UK.into(),
            routes: FIXTURE_ROUTES.into(),
            do_not_publish: Some(DO_NOT_PUBLISH.into()),
        }
    }

    fn with_article(mut self, id: &str, text: String) -> Self {
        self.articles
            .retain(|(path, _)| !path.ends_with(&format!("/{id}.md")));
        self.articles
            .push((format!("content/articles/{id}.md"), text));
        self
    }

    fn with_checklist(mut self, id: &str, text: String) -> Self {
        self.checklists
            .push((format!("content/checklists/{id}.toml"), text));
        self
    }

    fn load(&self) -> Result<Guide, Vec<ContentError>> {
        fn files(list: &[(String, String)]) -> Vec<ContentFile<'_>> {
            list.iter()
                .map(|(path, text)| ContentFile { path, text })
                .collect()
        }
        let others: Vec<(String, String)> = OTHER_REGIONS
            .iter()
            .map(|(code, numbers)| {
                (
                    format!("content/helplines/{code}.toml"),
                    region_file(code, numbers),
                )
            })
            .chain([("content/helplines/uk.toml".to_string(), self.uk.clone())])
            .collect();
        let articles = files(&self.articles);
        let checklists = files(&self.checklists);
        let helplines = files(&others);
        Guide::from_content(ContentFiles {
            articles: &articles,
            routes: Some(ContentFile {
                path: "content/routes.toml",
                text: &self.routes,
            }),
            checklists: &checklists,
            helplines: &helplines,
            do_not_publish: self.do_not_publish.as_deref().map(|text| ContentFile {
                path: "content/do-not-publish.toml",
                text,
            }),
        })
        .map_err(|e| e.0)
    }

    /// Loads (which must succeed) and runs the content checks as of 2026-11-25.
    fn audit(&self) -> Vec<ContentError> {
        let guide = self.load().unwrap_or_else(|e| panic!("{e:?}"));
        guide.audit(Date::parse("2026-11-25").unwrap())
    }
}

#[test]
fn a_good_fixture_passes_every_content_check() {
    assert_eq!(Fixture::new().audit(), vec![]);
}

#[test]
fn checklists_can_be_looked_up_by_id_route_and_article() {
    let guide = Fixture::new()
        .with_article("b", article("b", ""))
        .with_checklist("other", checklist("other", "[]", "b", ""))
        .load()
        .unwrap();
    assert_eq!(guide.checklists().len(), 2);
    assert_eq!(guide.checklist("steps").unwrap().items[0].id, "one");
    let ids = |lists: Vec<&harbour_guide::Checklist>| -> Vec<String> {
        lists.into_iter().map(|l| l.id.clone()).collect()
    };
    assert_eq!(ids(guide.checklists_for_route("threatened")), vec!["steps"]);
    assert_eq!(
        ids(guide.checklists_for_route("nope")),
        Vec::<String>::new()
    );
    assert_eq!(ids(guide.checklists_for_article("b")), vec!["other"]);
    assert_eq!(ids(guide.checklists_for_article("a")), vec!["steps"]);
}

#[test]
fn unknown_checklists_are_errors_with_a_short_echo() {
    let guide = Fixture::new().load().unwrap();
    assert_eq!(
        guide.checklist("nope"),
        Err(LookupError::UnknownChecklist("nope".into()))
    );
    let message = guide
        .checklist(&"y".repeat(100_000))
        .unwrap_err()
        .to_string();
    assert!(message.len() < 100, "{message}");
}

#[test]
fn checklist_items_must_link_to_existing_articles_and_routes() {
    let errors = Fixture::new()
        .with_checklist("bad", checklist("bad", "[\"nowhere\"]", "gone", ""))
        .load()
        .unwrap_err();
    assert!(
        errors
            .iter()
            .all(|e| e.file == "content/checklists/bad.toml"),
        "{errors:?}"
    );
    assert!(errors.contains(&ContentError {
        file: "content/checklists/bad.toml".into(),
        problem: Problem::UnknownChecklistRoute("nowhere".into()),
    }));
    assert!(errors.iter().any(|e| matches!(
        &e.problem,
        Problem::UnknownChecklistArticle { item, article } if item == "one" && article == "gone"
    )));
}

#[test]
fn a_broken_checklist_file_is_reported_by_name() {
    let errors = Fixture::new()
        .with_checklist("bad", "id = \"bad\"\ntitle = 3\n".into())
        .load()
        .unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].file, "content/checklists/bad.toml");
    assert!(matches!(errors[0].problem, Problem::MalformedFile(_)));
}

#[test]
fn helplines_keep_their_file_order_and_missing_regions_are_empty() {
    let guide = Fixture::new().load().unwrap();
    let ids: Vec<&str> = guide
        .helplines(Region::Uk)
        .iter()
        .map(|h| h.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "police-emergency",
            "police-non-emergency",
            "childline",
            "shout"
        ]
    );
    let crisis: Vec<&str> = guide
        .helplines_of_kinds(Region::Uk, &[HelplineKind::Crisis])
        .iter()
        .map(|h| h.id.as_str())
        .collect();
    assert_eq!(crisis, ["childline", "shout"]);

    let only_articles = Guide::from_files(
        &[ContentFile {
            path: "content/articles/a.md",
            text: &article("a", ""),
        }],
        Some(ContentFile {
            path: "content/routes.toml",
            text: ROUTES,
        }),
    )
    .unwrap();
    assert!(only_articles.helplines(Region::Uk).is_empty());
}

#[test]
fn a_helplines_file_for_the_wrong_region_is_reported() {
    let mut fixture = Fixture::new();
    fixture.uk = fixture.uk.replace("region = \"uk\"", "region = \"ie\"");
    let errors = fixture.load().unwrap_err();
    assert!(
        errors.iter().any(|e| e.file == "content/helplines/uk.toml"
            && matches!(e.problem, Problem::WrongRegion { .. })),
        "{errors:?}"
    );
}

#[test]
fn articles_name_their_contacts_and_get_them_for_a_region() {
    let text = article("a", "").replace(
        "reviewed =",
        "contacts = [\"emergency\", \"crisis\"]\nreviewed =",
    );
    let guide = Fixture::new().with_article("a", text).load().unwrap();
    assert_eq!(
        guide.article("a").unwrap().contacts,
        vec![HelplineKind::Emergency, HelplineKind::Crisis]
    );
    let ids: Vec<&str> = guide
        .contacts_for_article("a", Region::Uk)
        .unwrap()
        .iter()
        .map(|h| h.id.as_str())
        .collect();
    assert_eq!(ids, ["police-emergency", "childline", "shout"]);
    assert!(guide.contacts_for_article("nope", Region::Uk).is_err());
}

#[test]
fn unknown_contact_kinds_are_reported() {
    let text = article("b", "").replace("reviewed =", "contacts = [\"pizza\"]\nreviewed =");
    match &problems_for(&text)[..] {
        [Problem::MalformedFrontMatter(why)] => assert!(why.contains("pizza"), "{why}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn public_types_serialize_for_the_ui() {
    let guide = Fixture::new().load().unwrap();
    let list = serde_json::to_value(guide.checklist("steps").unwrap()).unwrap();
    assert_eq!(list["items"][0]["article"], "a");
    assert_eq!(list["routes"][0], "threatened");
    let helpline = serde_json::to_value(&guide.helplines(Region::Uk)[2]).unwrap();
    assert_eq!(helpline["phone"], "0800 1111");
    assert_eq!(helpline["kinds"][1], "young-people");
    assert_eq!(helpline["text"], serde_json::Value::Null);
    let article = serde_json::to_value(guide.article("a").unwrap()).unwrap();
    assert_eq!(article["contacts"], serde_json::json!([]));
}

// The content checks (audit), one bad input each.

/// An article for adults, so a short test body is not also judged on readability.
fn adult_article(id: &str, body: &str) -> String {
    article(id, body).replace("[\"young-person\"]", "[\"adult\"]")
}

#[test]
fn a_phone_number_not_in_the_helplines_is_reported() {
    let errors = Fixture::new()
        .with_article(
            "a",
            adult_article("a", "Call Childline on 0800 1112 or 999, or text 85258."),
        )
        .audit();
    assert_eq!(
        errors,
        vec![ContentError {
            file: "content/articles/a.md".into(),
            problem: Problem::UnknownPhoneNumber("0800 1112".into()),
        }]
    );
    // Written with hyphens, a known number still matches.
    assert_eq!(
        Fixture::new()
            .with_article("a", adult_article("a", "Call 0800-1111, 101 or 999."))
            .audit(),
        vec![]
    );
}

#[test]
fn a_phone_number_in_a_checklist_is_checked_too() {
    let errors = Fixture::new()
        .with_checklist("x", checklist("x", "[]", "a", "Call 116 123."))
        .audit();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].file, "content/checklists/x.toml");
    assert_eq!(
        errors[0].problem,
        Problem::UnknownPhoneNumber("116 123".into())
    );
}

#[test]
fn dates_ages_and_counts_are_not_taken_for_phone_numbers() {
    let body = "Since 31 January 2024, in 2023, 91% of 26,718 reports were boys aged 14 to 18. \
                Platforms act within 48 hours, Monday to Friday 10am-4pm, 24/7. Under s.188 and \
                ss.66B-66D, Outcome 21 applies to 16-17 year olds, and more than 100 people.";
    assert_eq!(
        Fixture::new()
            .with_article("a", adult_article("a", body))
            .audit(),
        vec![]
    );
}

#[test]
fn an_old_review_is_reported() {
    let old = article("a", "").replace("2026-11-25", "2025-11-24");
    let errors = Fixture::new().with_article("a", old).audit();
    assert_eq!(
        errors,
        vec![ContentError {
            file: "content/articles/a.md".into(),
            problem: Problem::StaleReview {
                reviewed: "2025-11-24".into(),
                oldest_allowed: "2025-11-25".into(),
            },
        }]
    );
    // Exactly twelve months ago is still fine.
    let edge = article("a", "").replace("2026-11-25", "2025-11-25");
    assert_eq!(Fixture::new().with_article("a", edge).audit(), vec![]);
}

#[test]
fn a_review_date_in_the_future_is_reported() {
    let future = article("a", "").replace("2026-11-25", "2062-11-25");
    let errors = Fixture::new().with_article("a", future).audit();
    assert!(
        matches!(
            &errors[..],
            [ContentError {
                problem: Problem::FutureReview { .. },
                ..
            }]
        ),
        "{errors:?}"
    );
}

#[test]
fn a_hard_young_person_article_is_reported_but_not_an_adult_one() {
    let hard = "Notwithstanding the aforementioned considerations, organisations administering \
                intimate imagery notification mechanisms frequently necessitate comprehensive \
                documentation substantiating identification.";
    let errors = Fixture::new().with_article("a", article("a", hard)).audit();
    match &errors[..] {
        [ContentError {
            file,
            problem:
                Problem::HardToRead {
                    score_tenths,
                    min_tenths,
                },
        }] => {
            assert_eq!(file, "content/articles/a.md");
            assert!(score_tenths < min_tenths);
            assert_eq!(*min_tenths, 600);
        }
        other => panic!("{other:?}"),
    }
    let for_adults = article("a", hard).replace("[\"young-person\"]", "[\"adult\"]");
    assert_eq!(Fixture::new().with_article("a", for_adults).audit(), vec![]);
}

#[test]
fn facts_marked_do_not_publish_are_reported_wherever_they_appear() {
    let body = "The Data (Use and Access) Act 2025 offence can mean up to 2 years in prison.";
    let errors = Fixture::new()
        .with_article("a", adult_article("a", body))
        .audit();
    assert!(
        matches!(
            &errors[..],
            [ContentError {
                problem: Problem::DoNotPublish { .. },
                ..
            }]
        ),
        "{errors:?}"
    );
    // Naming the Act with its own year is fine.
    let named = "A newer law, the Data (Use and Access) Act 2025, added an offence.";
    assert_eq!(
        Fixture::new()
            .with_article("a", adult_article("a", named))
            .audit(),
        vec![]
    );

    // In a helpline entry, "text" in one field and "Papyrus" in another still meet.
    let mut fixture = Fixture::new();
    fixture.uk.push_str(
        "[[helplines]]\nid = \"papyrus\"\nname = \"Papyrus HOPELINE247\"\nphone = \"0800 068 4141\"\ntext = \"07000 000000\"\npurpose = \"Under 35.\"\nkinds = [\"crisis\"]\nsource = \"Papyrus\"\n",
    );
    let errors = fixture.audit();
    assert!(
        errors.iter().any(|e| e.file == "content/helplines/uk.toml"
            && matches!(e.problem, Problem::DoNotPublish { .. })),
        "{errors:?}"
    );

    // And in a checklist.
    let errors = Fixture::new()
        .with_checklist(
            "x",
            checklist("x", "[]", "a", "Or use the HOPELINE247 text line."),
        )
        .audit();
    assert!(
        errors.iter().all(|e| e.file == "content/checklists/x.toml"),
        "{errors:?}"
    );
    assert!(!errors.is_empty());
}

#[test]
fn missing_region_files_and_do_not_publish_list_are_reported() {
    let mut fixture = Fixture::new();
    fixture.do_not_publish = None;
    let errors = fixture.audit();
    assert_eq!(
        errors,
        vec![ContentError {
            file: "content/do-not-publish.toml".into(),
            problem: Problem::MissingFile,
        }]
    );

    let guide = Guide::from_files(
        &[ContentFile {
            path: "content/articles/a.md",
            text: &article("a", ""),
        }],
        Some(ContentFile {
            path: "content/routes.toml",
            text: ROUTES,
        }),
    )
    .unwrap();
    let files: Vec<String> = guide
        .audit(Date::parse("2026-11-25").unwrap())
        .into_iter()
        .map(|e| e.file)
        .collect();
    assert!(
        files.contains(&"content/helplines/ie.toml".to_string()),
        "{files:?}"
    );
}

#[test]
fn contacts_a_region_cannot_give_are_reported() {
    let text = article("a", "")
        .replace("regions = [\"uk\"]", "regions = [\"uk\", \"ie\"]")
        .replace("reviewed =", "contacts = [\"crisis\"]\nreviewed =");
    let errors = Fixture::new().with_article("a", text).audit();
    assert_eq!(
        errors,
        vec![ContentError {
            file: "content/articles/a.md".into(),
            problem: Problem::ContactsUnavailable {
                kind: HelplineKind::Crisis,
                region: Region::Ie,
            },
        }]
    );
}

#[test]
fn an_article_without_summary_or_region_is_refused_when_loading() {
    let broken = article("b", "")
        .replace("What this helps with.", "")
        .replace("regions = [\"uk\"]", "regions = []");
    let problems = problems_for(&broken);
    assert!(
        problems.contains(&Problem::EmptyField("summary")),
        "{problems:?}"
    );
    assert!(
        problems.contains(&Problem::EmptyField("regions")),
        "{problems:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Right for every region: numbers, do-now pages first, crisis help early, evidence before
// blocking, no retired names. Each check is fed content that breaks it.

/// The fixture's problems with their files, for `contains` assertions.
fn has(errors: &[ContentError], file: &str, problem: Problem) -> bool {
    errors.contains(&ContentError {
        file: file.into(),
        problem,
    })
}

#[test]
fn another_regions_emergency_number_is_reported() {
    let us = regional_article("us", "911").replace("Body text.", "Or call 999.");
    let errors = Fixture::new().with_article("a-us", us).audit();
    assert!(
        has(
            &errors,
            "content/articles/a-us.md",
            Problem::WrongEmergencyNumber {
                number: "999".into(),
                region: Region::Us
            }
        ),
        "{errors:?}"
    );
    // Ireland may say 999 as well as 112; the UK may not say 112.
    let ie = regional_article("ie", "112").replace("Body text.", "Or call 999.");
    assert_eq!(Fixture::new().with_article("a-ie", ie).audit(), vec![]);
    let uk = article("a", "").replace("Body text.", "Or call 112.");
    let errors = Fixture::new().with_article("a", uk).audit();
    assert!(
        has(
            &errors,
            "content/articles/a.md",
            Problem::WrongEmergencyNumber {
                number: "112".into(),
                region: Region::Uk
            }
        ),
        "{errors:?}"
    );
}

#[test]
fn a_number_from_another_regions_helplines_is_reported() {
    let au = regional_article("au", "000").replace("Body text.", "Call Childline on 0800 1111.");
    let errors = Fixture::new().with_article("a-au", au).audit();
    assert_eq!(
        errors,
        vec![ContentError {
            file: "content/articles/a-au.md".into(),
            problem: Problem::PhoneNumberNotInRegion {
                number: "0800 1111".into(),
                region: Region::Au
            },
        }]
    );
}

/// A checklist whose first step has per-region text; `variants` is TOML for `[items.regions.*]`.
fn checklist_with_variants(id: &str, kind: &str, first_text: &str, variants: &str) -> String {
    let mut text = format!(
        "id = \"{id}\"\ntitle = \"Title\"\nfor_whom = \"For you.\"\nroutes = [\"threatened\"]\n{kind}\n\
         [[items]]\nid = \"one\"\ntext = \"{first_text}\"\nwhy = \"Because.\"\narticle = \"a\"\n{variants}\n"
    );
    for step in ["two", "three"] {
        text.push_str(&format!(
            "[[items]]\nid = \"{step}\"\ntext = \"Do {step}.\"\nwhy = \"Because.\"\narticle = \"a\"\n"
        ));
    }
    text
}

#[test]
fn checklist_steps_are_checked_in_every_region_with_their_variants() {
    // The step's own text goes to every region without a variant: 999 is wrong in three.
    let list = checklist_with_variants("x", "", "Call 999.", "");
    let errors = Fixture::new().with_checklist("x", list).audit();
    let wrong: Vec<Region> = errors
        .iter()
        .filter(|e| e.file == "content/checklists/x.toml")
        .filter_map(|e| match e.problem {
            Problem::WrongEmergencyNumber { region, .. } => Some(region),
            _ => None,
        })
        .collect();
    assert_eq!(wrong, [Region::Us, Region::Ca, Region::Au]);

    // With a variant for each of them it is right everywhere.
    let variants =
        "[items.regions.us]\ntext = \"Call 911.\"\n[items.regions.ca]\ntext = \"Call 911.\"\n\
                    [items.regions.au]\ntext = \"Call 000.\"\narticle = \"a-au\"\n";
    let list = checklist_with_variants("x", "", "Call 999.", variants);
    let fixture = Fixture::new().with_checklist("x", list);
    assert_eq!(fixture.audit(), vec![]);

    // A variant is checked too: a UK number in the US text.
    let bad = variants.replace(
        "Call 911.\"\n[items.regions.ca]",
        "Call 0800 1111.\"\n[items.regions.ca]",
    );
    let list = checklist_with_variants("x", "", "Call 999.", &bad);
    let errors = Fixture::new().with_checklist("x", list).audit();
    assert!(
        has(
            &errors,
            "content/checklists/x.toml",
            Problem::PhoneNumberNotInRegion {
                number: "0800 1111".into(),
                region: Region::Us
            }
        ),
        "{errors:?}"
    );
}

#[test]
fn checklist_for_gives_a_regions_text_with_the_same_ids() {
    let variants =
        "[items.regions.au]\ntext = \"Call 000.\"\nwhy = \"Triple Zero.\"\narticle = \"a-au\"\n";
    let list = checklist_with_variants("x", "", "Call 999.", variants);
    let guide = Fixture::new().with_checklist("x", list).load().unwrap();
    let au = guide.checklist_for("x", Region::Au).unwrap();
    let uk = guide.checklist_for("x", Region::Uk).unwrap();
    assert_eq!(au.items[0].text, "Call 000.");
    assert_eq!(au.items[0].why, "Triple Zero.");
    assert_eq!(au.items[0].article, "a-au");
    assert_eq!(uk.items[0].text, "Call 999.");
    assert_eq!(uk.items[0].article, "a");
    let ids = |l: &harbour_guide::Checklist| -> Vec<String> {
        l.items.iter().map(|i| i.id.clone()).collect()
    };
    assert_eq!(ids(&au), ids(&uk));
    assert_eq!(au.id, "x");
    // The plain lookup still has the variants, and an article reached only through a variant
    // still offers the list.
    assert_eq!(guide.checklist("x").unwrap().items[0].regions.len(), 1);
    assert!(guide
        .checklists_for_article("a-au")
        .iter()
        .any(|l| l.id == "x"));
    assert_eq!(
        guide.checklist_for("nope", Region::Uk),
        Err(LookupError::UnknownChecklist("nope".into()))
    );
    // A variant linking to no article is refused when loading.
    let list = checklist_with_variants("y", "", "Go.", "[items.regions.us]\narticle = \"gone\"\n");
    let errors = Fixture::new().with_checklist("y", list).load().unwrap_err();
    assert!(errors.iter().any(|e| e.file == "content/checklists/y.toml"
        && matches!(&e.problem, Problem::UnknownChecklistArticle { article, .. } if article == "gone")));
}

#[test]
fn a_route_that_does_not_start_with_a_do_now_page_is_reported() {
    // Australia's page is not marked do-now.
    let plain = regional_article("au", "000").replace("kind = \"do-now\"\n", "");
    let errors = Fixture::new().with_article("a-au", plain).audit();
    assert_eq!(
        errors,
        vec![ContentError {
            file: "content/routes.toml".into(),
            problem: Problem::RouteStartsWithoutDoNow {
                route: "threatened".into(),
                region: Region::Au,
                first: Some("a-au".into()),
            },
        }]
    );
    // Canada has no page on the route at all.
    let mut fixture = Fixture::new();
    fixture.routes = FIXTURE_ROUTES.replace(", \"a-ca\"", "");
    let errors = fixture.audit();
    assert!(
        has(
            &errors,
            "content/routes.toml",
            Problem::RouteStartsWithoutDoNow {
                route: "threatened".into(),
                region: Region::Ca,
                first: None,
            }
        ),
        "{errors:?}"
    );
    // A route for planning ahead may opt out.
    fixture.routes = fixture
        .routes
        .replace("articles =", "do_now_first = false\narticles =");
    assert_eq!(fixture.audit(), vec![]);
}

#[test]
fn the_do_now_page_leads_a_route_whoever_reads_it() {
    let mut fixture = Fixture::new().with_article(
        "b",
        adult_article("b", "").replace("kind = \"do-now\"\n", ""),
    );
    fixture.routes = FIXTURE_ROUTES.replace("[\"a\",", "[\"b\", \"a\",");
    let guide = fixture.load().unwrap();
    for audience in [None, Some(Audience::Adult), Some(Audience::YoungPerson)] {
        let uk = guide.route_for("threatened", Region::Uk, audience).unwrap();
        assert_eq!(uk.here[0].id, "a", "{audience:?}");
    }
}

#[test]
fn crisis_help_missing_from_the_first_steps_is_reported() {
    let late = regional_article("us", "911").replace(
        "do_now = [\"Don't pay.\", \"In danger now? Call 911.\"]",
        "do_now = [\"Don't pay.\", \"Save it.\", \"Tell someone.\", \"In danger now? Call 911.\"]",
    );
    let errors = Fixture::new().with_article("a-us", late).audit();
    assert_eq!(
        errors,
        vec![ContentError {
            file: "content/articles/a-us.md".into(),
            problem: Problem::NoCrisisHelpFirst {
                region: Region::Us,
                steps: CRISIS_STEPS
            },
        }]
    );

    // A crisis line (not only the emergency number) counts.
    let shout = article("a", "").replace("In danger now? Call 999.", "Text SHOUT to 85258.");
    assert_eq!(Fixture::new().with_article("a", shout).audit(), vec![]);

    // A do-now checklist needs it in every region; a plain list does not.
    let list = checklist_with_variants("x", "kind = \"do-now\"", "Don't pay.", "");
    let errors = Fixture::new().with_checklist("x", list).audit();
    let regions: Vec<Region> = errors
        .iter()
        .filter(|e| e.file == "content/checklists/x.toml")
        .filter_map(|e| match e.problem {
            Problem::NoCrisisHelpFirst { region, .. } => Some(region),
            _ => None,
        })
        .collect();
    assert_eq!(regions, Region::ALL);
    let variants = "[items.regions.uk]\nwhy = \"In danger? Call 999.\"\n[items.regions.ie]\nwhy = \"Call 112.\"\n\
                    [items.regions.us]\nwhy = \"Call 911.\"\n[items.regions.ca]\nwhy = \"Call 911.\"\n\
                    [items.regions.au]\nwhy = \"Call 000.\"\n";
    let list = checklist_with_variants("x", "kind = \"do-now\"", "Don't pay.", variants);
    assert_eq!(Fixture::new().with_checklist("x", list).audit(), vec![]);
}

#[test]
fn blocking_before_evidence_is_reported_in_every_kind_of_list() {
    // In "do this now".
    let text = article("a", "").replace(
        "do_now = [\"Don't pay.\", \"In danger now? Call 999.\"]",
        "do_now = [\"In danger now? Call 999.\", \"Block them.\", \"Take screenshots.\"]",
    );
    let errors = Fixture::new().with_article("a", text).audit();
    assert_eq!(
        errors,
        vec![ContentError {
            file: "content/articles/a.md".into(),
            problem: Problem::BlockBeforeEvidence {
                list: "do_now".into(),
                step: "Block them.".into()
            },
        }]
    );

    // In a list in the body.
    let body = "\n\n- Stop replying and block them.\n- Keep the evidence.\n";
    let errors = Fixture::new()
        .with_article("a", adult_article("a", body))
        .audit();
    assert_eq!(
        errors,
        vec![ContentError {
            file: "content/articles/a.md".into(),
            problem: Problem::BlockBeforeEvidence {
                list: "a list in the body".into(),
                step: "Stop replying and block them.".into()
            },
        }]
    );
    // Evidence first is right.
    let body = "\n\n- Take screenshots.\n- Then block them.\n";
    assert_eq!(
        Fixture::new()
            .with_article("a", adult_article("a", body))
            .audit(),
        vec![]
    );

    // In a checklist, as one region sees it.
    let list = checklist_with_variants(
        "x",
        "",
        "Don't pay.",
        "[items.regions.ca]\ntext = \"Block them.\"\n",
    )
    .replace("text = \"Do two.\"", "text = \"Save the evidence.\"");
    let errors = Fixture::new().with_checklist("x", list).audit();
    assert_eq!(
        errors,
        vec![ContentError {
            file: "content/checklists/x.toml".into(),
            problem: Problem::BlockBeforeEvidence {
                list: "the steps (in `ca`)".into(),
                step: "Block them. Because.".into()
            },
        }]
    );
}

#[test]
fn the_retired_name_action_fraud_is_reported_anywhere() {
    let body = "You can also tell action fraud.";
    let errors = Fixture::new()
        .with_article("a", adult_article("a", body))
        .audit();
    assert!(
        matches!(&errors[..], [ContentError { file, problem: Problem::RetiredName { name, .. } }]
            if file == "content/articles/a.md" && name == "Action Fraud"),
        "{errors:?}"
    );
    let mut fixture = Fixture::new();
    fixture.uk.push_str(
        "[[helplines]]\nid = \"fraud\"\nname = \"Action Fraud\"\nweb = \"reportfraud.police.uk\"\npurpose = \"Fraud.\"\nkinds = [\"fraud\"]\nsource = \"Police\"\n",
    );
    let errors = fixture.audit();
    assert!(
        errors.iter().any(|e| e.file == "content/helplines/uk.toml"
            && matches!(e.problem, Problem::RetiredName { .. })),
        "{errors:?}"
    );
}

#[test]
fn emergency_contacts_are_a_regions_emergency_and_crisis_lines_in_file_order() {
    let guide = Fixture::new().load().unwrap();
    let ids = |region| -> Vec<String> {
        guide
            .emergency_contacts(region)
            .iter()
            .map(|h| h.id.clone())
            .collect()
    };
    assert_eq!(ids(Region::Uk), ["police-emergency", "childline", "shout"]);
    assert_eq!(ids(Region::Ie), ["emergency-0", "emergency-1"]);
    let phones: Vec<Option<&str>> = guide
        .emergency_contacts(Region::Au)
        .iter()
        .map(|h| h.phone.as_deref())
        .collect();
    assert_eq!(phones, [Some("000")]);
}

/// The shipped content, region by region: each route starts with a do-now page, and its
/// emergency contacts come first.
#[test]
fn bundled_content_gives_every_region_its_own_first_steps() {
    let guide = Guide::bundled().unwrap_or_else(|e| panic!("{e}"));
    for &region in Region::ALL {
        let first = guide.emergency_contacts(region);
        assert!(
            first
                .first()
                .is_some_and(|h| h.kinds.contains(&HelplineKind::Emergency)),
            "{region:?}"
        );
        let threatened = guide.route_for("threatened", region, None).unwrap();
        assert_eq!(threatened.here[0].kind, PageKind::DoNow, "{region:?}");
        let list = guide.checklist_for("threatened", region).unwrap();
        assert_eq!(
            list.items.len(),
            guide.checklist("threatened").unwrap().items.len()
        );
    }
}
