//! Finding things and fitting the reader: search as you type (misspelt too), the region
//! changing the helplines on an article, and the audience putting what fits first.

use harbour_e2e::Harbour;

const ENTER: &str = "\u{E007}";

#[test]
fn a_misspelt_search_finds_the_article_and_enter_opens_it() {
    let app = Harbour::launch("search");
    app.search_until_found("sextorsion");
    let titles = app
        .session
        .execute(
            "return [...document.querySelectorAll('.search__hit')].slice(0, 3)\
             .map(a => a.getAttribute('href'));",
        )
        .unwrap();
    let titles: Vec<String> = serde_json::from_value(titles).unwrap();
    assert!(
        titles
            .iter()
            .any(|h| h == "#/article/what-is-sextortion" || h == "#/article/right-now"),
        "top results: {titles:?}"
    );
    app.screenshot("results");
    app.session.press_keys(&[ENTER]).unwrap();
    app.wait_for_css("main[data-view='article']").unwrap();
    let value = app
        .session
        .execute("return document.getElementById('search').value;")
        .unwrap();
    assert_eq!(value, "", "the search text does not stay on screen");
}

#[test]
fn everyday_words_find_advice() {
    let app = Harbour::launch("search-everyday");
    for (query, expected) in [
        ("blackmail", "#/article/"),
        ("fake pics", "#/article/fake-images"),
        ("childline", "#/helplines"),
    ] {
        app.session
            .execute("const s = document.getElementById('search'); s.value = ''; return true;")
            .unwrap();
        app.wait_for_css("#search")
            .unwrap()
            .send_keys(query)
            .unwrap();
        app.wait_until(&format!(
            "[...document.querySelectorAll('.search__hit')].slice(0, 3)\
             .some(a => a.getAttribute('href').startsWith({expected:?}))"
        ))
        .unwrap_or_else(|e| panic!("`{query}` did not find {expected}: {e}"));
    }
}

#[test]
fn choosing_a_region_changes_the_helplines_on_an_article() {
    let app = Harbour::launch("region");
    app.session
        .execute("location.replace('#/article/telling-someone-and-coping'); return true;")
        .unwrap();
    app.wait_for_css(".helplines[data-region='uk']").unwrap();
    let uk = app.text(".helplines");
    assert!(uk.contains("Samaritans"), "{uk}");
    app.choose_setting("region-au");
    app.session
        .execute("location.replace('#/article/telling-someone-and-coping'); return true;")
        .unwrap();
    app.wait_for_css(".helplines[data-region='au']").unwrap();
    let au = app.text(".helplines");
    assert!(au.contains("Who can help in Australia"), "{au}");
    assert!(au.contains("Lifeline"), "{au}");
    assert!(!au.contains("Samaritans"), "no UK helplines left: {au}");
    app.session
        .execute("document.querySelector('.helplines').scrollIntoView(); return true;")
        .unwrap();
    app.screenshot("australia");
}

#[test]
fn the_audience_puts_what_fits_first_but_hides_nothing() {
    let app = Harbour::launch("audience");
    let order = |app: &Harbour| -> Vec<String> {
        serde_json::from_value(
            app.session
                .execute("return [...document.querySelectorAll('[data-route]')].map(a => a.dataset.route);")
                .unwrap(),
        )
        .unwrap()
    };
    app.wait_for_css("[data-route]").unwrap();
    let before = order(&app);
    assert_eq!(before[0], "threatened");
    app.choose_setting("audience-parent-carer");
    app.click("#nav-home");
    app.wait_for_css("main[data-view='home'] [data-route]")
        .unwrap();
    let after = order(&app);
    assert_ne!(
        after[0], "threatened",
        "a parent's situations come first: {after:?}"
    );
    let (mut a, mut b) = (before.clone(), after.clone());
    a.sort();
    b.sort();
    assert_eq!(a, b, "every route is still there");
}
