//! The content checks: the real bundled guide must load, and each kind of broken file must be
//! reported with its file name and the problem, never accepted and never a panic.

use harbour_guide::{ContentError, ContentFile, Guide, LookupError, Problem};

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
do_now = ["Don't pay."]
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
    assert_eq!(a.do_now, vec!["Don't pay."]);
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
