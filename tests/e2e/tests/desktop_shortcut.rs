//! The Wayland step in the real window: Harbour believes it runs in a Wayland session
//! (`WAYLAND_DISPLAY` and `XDG_SESSION_TYPE` set, while GTK still draws on Xvfb with
//! `GDK_BACKEND=x11`), and its session bus is a private one holding a fake GlobalShortcuts
//! portal (`harbour_quick_exit::test_support::fake_portal`, the real D-Bus protocol).
//!
//! What this proves: the app picks the portal backend from the session, never asks the desktop
//! unprompted, offers the step in Settings and the introduction, shows the key the desktop
//! actually bound, hides when the desktop reports the key, closes the session when hidden,
//! binds again on the next show without asking, and says plainly when the desktop said no or
//! has no portal. What it cannot prove: GNOME's or KDE's real dialog and key handling.

use harbour_e2e::on_screen::{assert_hidden, harbour_window, is_viewable, wait_for};
use harbour_e2e::{data_dir, pretend_wayland_env, Harbour, Options, PATIENCE};
use harbour_quick_exit::test_support::fake_portal::{Answer, Desktop, FakePortal, PrivateBus};

/// Harbour in a pretend Wayland session whose session bus is `bus`.
fn launch_on_wayland(name: &str, bus: &PrivateBus, first_run: bool) -> Harbour {
    Harbour::launch_with(
        name,
        Options {
            env: pretend_wayland_env(&bus.address),
            first_run,
            ..Options::default()
        },
    )
}

fn private_bus(test: &str) -> Option<PrivateBus> {
    PrivateBus::start(test)
}

fn open_settings(app: &Harbour) {
    app.click("#nav-settings");
    app.wait_for_css("main[data-view='settings']").unwrap();
}

/// Scrolls Settings to its Quick exit part, so a screenshot shows what the person reads there.
fn screenshot_quick_exit_part(app: &Harbour, label: &str) {
    app.session
        .execute(
            "document.getElementById('quick-exit-status')\
             .scrollIntoView({ block: 'start' }); window.scrollBy(0, -90);",
        )
        .unwrap();
    app.screenshot(label);
}

fn saved_settings(app: &Harbour) -> serde_json::Value {
    let file = data_dir(&app.home).join("settings.json");
    serde_json::from_str(&std::fs::read_to_string(file).unwrap_or_default())
        .unwrap_or(serde_json::Value::Null)
}

#[test]
fn asking_the_desktop_binds_its_key_which_hides_harbour_from_any_app() {
    let Some(bus) = private_bus("wayland-bound") else {
        return;
    };
    let portal = FakePortal::start(&bus, Desktop::Portal(Answer::Approve("Ctrl+Alt+H")));
    let app = launch_on_wayland("wayland-bound", &bus, false);
    let conn = app.x11();
    let window = harbour_window(&conn);

    open_settings(&app);
    let status = app.text("#quick-exit-status");
    assert!(
        status.contains("only if you allow it") && status.contains("only hides Harbour while"),
        "offered, and no claim before the person asks: {status}"
    );
    assert!(
        portal.created().is_empty(),
        "Harbour must not ask the desktop (a dialog) before the person does"
    );
    screenshot_quick_exit_part(&app, "wayland-settings-offered");

    app.click("#settings-ask-desktop");
    app.wait_until(
        "document.getElementById('quick-exit-status').textContent\
         .includes('Pressing Ctrl+Alt+H hides Harbour straight away')",
    )
    .unwrap();
    let step = app.text("#settings-desktop-shortcut-text");
    assert!(
        step.contains("press Ctrl+Alt+H"),
        "the key the desktop bound: {step}"
    );
    screenshot_quick_exit_part(&app, "wayland-settings-bound");
    let bind = portal.binds().pop().expect("a bind");
    assert_eq!(bind.shortcuts.len(), 1, "{bind:?}");
    assert_eq!(bind.shortcuts[0].2.as_deref(), Some("Escape"), "{bind:?}");
    assert_eq!(saved_settings(&app)["desktop_shortcut"], true);

    // The person presses the bound key in another app: the desktop tells Harbour, which hides
    // and closes the session, so no key is held while Harbour is hidden.
    let session = portal.created().pop().expect("a session");
    portal.activate(&session, "quick-exit");
    assert_hidden(&conn, window);
    wait_for("the session is closed after hiding", PATIENCE, || {
        portal.closed().contains(&session)
    });

    // Back again: bound again without the person asking (their saved yes).
    assert!(app.relaunch());
    wait_for("the window is back", PATIENCE, || {
        is_viewable(&conn, window)
    });
    wait_for("a new session is bound on show", PATIENCE, || {
        portal.created().len() == 2
    });
    let again = portal.created().pop().expect("a second session");
    wait_for(
        "the key is bound again in the new session",
        PATIENCE,
        || portal.binds().iter().any(|bind| bind.session == again),
    );
    app.wait_for_css("main[data-view='home']").unwrap();
    // Settings reads the key's status each time it opens: it says the key is held again.
    wait_for("Settings says the key is held again", PATIENCE, || {
        app.click("#nav-home");
        app.wait_for_css("main[data-view='home']").unwrap();
        open_settings(&app);
        app.text("#quick-exit-status")
            .contains("Pressing Ctrl+Alt+H hides Harbour straight away")
    });
    portal.activate(&again, "quick-exit");
    assert_hidden(&conn, window);
}

#[test]
fn a_refusal_is_said_plainly_and_nothing_is_claimed_or_saved() {
    let Some(bus) = private_bus("wayland-refused") else {
        return;
    };
    let _portal = FakePortal::start(&bus, Desktop::Portal(Answer::Refuse));
    let app = launch_on_wayland("wayland-refused", &bus, false);
    open_settings(&app);
    app.click("#settings-ask-desktop");
    app.wait_until(
        "document.getElementById('settings-desktop-shortcut-text').textContent\
         .includes('did not allow')",
    )
    .unwrap();
    let status = app.text("#quick-exit-status");
    assert!(
        status.contains("did not allow") && !status.contains("even while you use another app"),
        "{status}"
    );
    assert!(app
        .session
        .execute("return !document.getElementById('settings-ask-desktop').hidden;")
        .unwrap()
        .as_bool()
        .unwrap_or(false));
    screenshot_quick_exit_part(&app, "wayland-settings-refused");
    assert_ne!(saved_settings(&app)["desktop_shortcut"], true);
}

#[test]
fn without_a_portal_settings_says_so_and_offers_nothing() {
    let Some(bus) = private_bus("wayland-missing") else {
        return;
    };
    let app = launch_on_wayland("wayland-missing", &bus, false);
    open_settings(&app);
    app.wait_until(
        "document.getElementById('quick-exit-status').textContent\
         .includes('does not let apps set keys that work everywhere')",
    )
    .unwrap_or_else(|_| panic!("status: {}", app.text("#quick-exit-status")));
    assert!(app
        .session
        .execute("return document.getElementById('settings-ask-desktop') === null;")
        .unwrap()
        .as_bool()
        .unwrap_or(false));
    assert!(app
        .session
        .execute("return document.getElementById('escape_scope-any-app').disabled;")
        .unwrap()
        .as_bool()
        .unwrap_or(false));
    screenshot_quick_exit_part(&app, "wayland-settings-missing");

    // The article the introduction links to says where Escape only works inside Harbour.
    app.click("#nav-home");
    app.session
        .execute("location.hash = '#/article/what-harbour-cannot-hide'; return true;")
        .unwrap();
    app.wait_for_css("main[data-view='article']").unwrap();
    let text = app.text("main");
    for said in [
        "runs as administrator",
        "Wayland",
        "another app already uses Escape",
    ] {
        assert!(text.contains(said), "the article says {said:?}");
    }
    app.session
        .execute(
            "[...document.querySelectorAll('h2')].find(h => h.textContent.includes('only works'))\
             .scrollIntoView({ block: 'start' }); window.scrollBy(0, -90);",
        )
        .unwrap();
    app.screenshot("article-where-escape-only-works-inside");
}

#[test]
fn the_introduction_offers_the_step_and_then_names_the_bound_key() {
    let Some(bus) = private_bus("wayland-intro") else {
        return;
    };
    let _portal = FakePortal::start(&bus, Desktop::Portal(Answer::Approve("Escape")));
    let app = launch_on_wayland("wayland-intro", &bus, true);
    app.wait_for_css("main[data-view='intro']").unwrap();
    let lead = app.text(".intro .lead");
    assert!(lead.contains("while Harbour is in front"), "{lead}");
    app.screenshot("wayland-intro-offered");
    app.click("#intro-ask-desktop");
    app.wait_until(
        "document.querySelector('.intro .lead').textContent\
         .includes('even if you are using another app')",
    )
    .unwrap();
    app.screenshot("wayland-intro-bound");
}
