//! Reading the guide in the real app: home, routes, articles, Back and Home, reload, offline.

use harbour_e2e::Harbour;

const ALT: &str = "\u{E00A}";
const ARROW_LEFT: &str = "\u{E012}";
const HOME: &str = "\u{E011}";
const ENTER: &str = "\u{E007}";

fn wait_view(app: &Harbour, view: &str) {
    app.wait_for_css(&format!("main[data-view='{view}']"))
        .unwrap_or_else(|e| panic!("the {view} screen never showed: {e}"));
}

#[test]
fn the_window_opens_on_the_home_screen_with_every_route() {
    let app = Harbour::launch("home");
    assert_eq!(app.session.title().unwrap(), "Harbour");
    wait_view(&app, "home");
    assert_eq!(app.text("h1"), "What is happening?");
    let labels: Vec<String> = app
        .session
        .find_all(".card__label")
        .unwrap()
        .iter()
        .map(|e| e.text().unwrap())
        .collect();
    for expected in [
        "Someone is threatening to share a sexual image of me",
        "A fake (AI-made) sexual image of me is being shared",
        "I'm worried about a child",
        "I'm helping someone else",
        "I'm setting up a new device for a child",
    ] {
        assert!(
            labels.iter().any(|l| l == expected),
            "route `{expected}` missing from {labels:?}"
        );
    }
    app.screenshot("home");
}

#[test]
fn a_route_leads_to_an_article_with_summary_steps_and_sources() {
    let app = Harbour::launch("article");
    app.click("[data-route='threatened']");
    wait_view(&app, "route");
    assert_eq!(
        app.text("h1"),
        "Someone is threatening to share a sexual image of me"
    );
    app.click("[data-article='right-now']");
    wait_view(&app, "article");
    assert!(!app.text("h1").is_empty());
    assert!(!app.text(".article__summary").is_empty());
    assert!(app.text(".do-now").starts_with("Do this now"));
    let steps = app.session.find_all(".do-now li").unwrap();
    assert!(steps.len() >= 3, "a few steps to do now");
    let sources = app.session.find_all(".sources li").unwrap();
    assert!(!sources.is_empty(), "the sources are listed");
    assert!(app.text(".reviewed").starts_with("Last checked:"));
    app.screenshot("article");
}

#[test]
fn back_and_home_work_by_mouse() {
    let app = Harbour::launch("back-home-mouse");
    app.click("[data-route='fake-image']");
    wait_view(&app, "route");
    app.click("[data-article='fake-images']");
    wait_view(&app, "article");
    app.click("#nav-back");
    wait_view(&app, "route");
    assert_eq!(app.hash(), "#/route/fake-image");
    app.click("[data-article='fake-images']");
    wait_view(&app, "article");
    app.click("#nav-home");
    wait_view(&app, "home");
    assert_eq!(app.text("h1"), "What is happening?");
}

#[test]
fn back_and_home_work_by_keyboard() {
    let app = Harbour::launch("back-home-keys");
    // Put focus on a route as Tab would, then open it with the Enter key.
    app.session
        .execute("document.querySelector(\"[data-route='new-device']\").focus(); return true;")
        .unwrap();
    app.session.press_keys(&[ENTER]).unwrap();
    wait_view(&app, "route");
    let heading = app.session.active_element().unwrap();
    assert!(
        heading.same_as(&app.session.find("h1").unwrap()),
        "focus moves to the new screen's heading"
    );
    app.session
        .execute("document.querySelector('[data-article]').focus(); return true;")
        .unwrap();
    app.session.press_keys(&[ENTER]).unwrap();
    wait_view(&app, "article");
    app.session.press_keys(&[ALT, ARROW_LEFT]).unwrap();
    wait_view(&app, "route");
    app.session.press_keys(&[ALT, HOME]).unwrap();
    wait_view(&app, "home");
}

#[test]
fn a_reload_shows_the_same_article() {
    let app = Harbour::launch("reload");
    app.click("[data-route='threatened']");
    app.click("[data-article='reporting-and-removal']");
    wait_view(&app, "article");
    let title = app.text("h1");
    let hash = app.hash();
    app.session.refresh().unwrap();
    wait_view(&app, "article");
    assert_eq!(app.text("h1"), title);
    assert_eq!(app.hash(), hash);
}

#[test]
fn an_unknown_address_shows_a_calm_not_found_page() {
    let app = Harbour::launch("not-found");
    app.session
        .execute("location.hash = '#/article/no-such-article'; return true;")
        .unwrap();
    wait_view(&app, "not-found");
    assert_eq!(app.text("h1"), "We couldn't find that page");
    app.click("main a[href='#/']");
    wait_view(&app, "home");
}

#[test]
fn nothing_is_loaded_from_the_network() {
    let app = Harbour::launch("offline");
    app.click("[data-route='threatened']");
    app.click("[data-article='right-now']");
    wait_view(&app, "article");
    // Every resource the page loaded came from inside the app.
    let remote = app
        .session
        .execute(
            "return performance.getEntriesByType('resource').map(e => e.name)\
             .filter(n => !n.startsWith('tauri://') && !n.startsWith('ipc://') \
             && !n.startsWith('http://ipc.localhost'));",
        )
        .unwrap();
    assert_eq!(remote, serde_json::json!([]), "remote resources: {remote}");
    // And the page is not allowed to reach the network even if it tried.
    let outcome = app
        .session
        .execute("return fetch('https://example.org/').then(() => 'loaded', () => 'blocked');")
        .unwrap();
    assert_eq!(outcome, "blocked");
    // The Content Security Policy is in force: no eval, no inline script.
    let eval = app
        .session
        .execute("try { eval('1'); return 'allowed'; } catch (e) { return 'blocked'; }")
        .unwrap();
    assert_eq!(eval, "blocked", "eval must be refused by the CSP");
}
