//! The quick exit in the real app with real X key events (XTest): Escape from every state,
//! the grab released after hiding, the button, coming back, closing completely, settings.

use std::time::Duration;

use harbour_e2e::on_screen::{
    assert_hidden, harbour_window, is_viewable, taskbar, wait_for, HIDE_PATIENCE,
};
use harbour_e2e::{grab_escape_elsewhere, Harbour, Options, PATIENCE};
use harbour_quick_exit::test_support::{press_escape, TestWindow};
use x11rb::protocol::xproto::{ConnectionExt as _, Window};
use x11rb::rust_connection::RustConnection;

/// Whether `inner` is `outer` or inside it (GTK gives focus to a small child of its window).
fn is_inside(conn: &RustConnection, mut inner: Window, outer: Window) -> bool {
    for _ in 0..16 {
        if inner == outer {
            return true;
        }
        match conn.query_tree(inner).ok().and_then(|c| c.reply().ok()) {
            Some(tree) if tree.parent != 0 && tree.parent != tree.root => inner = tree.parent,
            _ => return false,
        }
    }
    false
}

fn open_article(app: &Harbour) {
    app.click("[data-route='threatened']");
    app.click("[data-article='right-now']");
    app.wait_for_css("main[data-view='article']").unwrap();
}

#[test]
fn escape_hides_harbour_when_it_has_focus() {
    let app = Harbour::launch("qe-focused");
    let conn = app.x11();
    let window = harbour_window(&conn);
    assert!(
        taskbar(&conn).contains(&window),
        "shown in the taskbar at first"
    );
    press_escape(&conn).unwrap();
    assert_hidden(&conn, window);
}

#[test]
fn escape_hides_harbour_from_another_app_and_then_works_there_again() {
    let app = Harbour::launch("qe-unfocused");
    let conn = app.x11();
    let window = harbour_window(&conn);
    let other = TestWindow::create(&conn, "Another app").unwrap();
    other.focus().unwrap();
    press_escape(&conn).unwrap();
    assert_hidden(&conn, window);
    assert!(
        !other
            .escape_press_within(Duration::from_millis(300))
            .unwrap(),
        "while Harbour held Escape, the other app did not get it"
    );
    // Harbour is hidden: the grab is gone, so Escape belongs to the other app again.
    other.focus().unwrap();
    press_escape(&conn).unwrap();
    assert!(
        other.escape_press_within(Duration::from_secs(2)).unwrap(),
        "Escape reaches the other app once Harbour is hidden"
    );
}

#[test]
fn escape_hides_harbour_when_minimised() {
    let app = Harbour::launch("qe-minimised");
    let conn = app.x11();
    let window = harbour_window(&conn);
    let status = std::process::Command::new("xdotool")
        .args(["windowminimize", &window.to_string()])
        .env("DISPLAY", app.display.name())
        .status()
        .expect("xdotool runs");
    assert!(status.success());
    wait_for("the window is minimised", PATIENCE, || {
        !is_viewable(&conn, window)
    });
    assert!(
        taskbar(&conn).contains(&window),
        "a minimised window is still in the taskbar"
    );
    press_escape(&conn).unwrap();
    wait_for(
        "Harbour's window has left the taskbar",
        HIDE_PATIENCE,
        || !taskbar(&conn).contains(&window),
    );
}

#[test]
fn escape_hides_harbour_while_the_page_is_busy() {
    let app = Harbour::launch("qe-busy");
    let conn = app.x11();
    let window = harbour_window(&conn);
    // Keep the page's main thread busy for 6 seconds, starting once WebDriver has its answer,
    // and note when (same machine, same clock as this test).
    app.session
        .execute(
            "setTimeout(() => { const from = Date.now(); window.__busy = [from, from + 6000]; \
             while (Date.now() < from + 6000) {} }, 300); return true;",
        )
        .unwrap();
    std::thread::sleep(Duration::from_millis(800));
    press_escape(&conn).unwrap();
    assert_hidden(&conn, window);
    let hidden_at = now_ms();
    // This answer only comes once the page is free again.
    let busy = app.session.execute("return window.__busy;").unwrap();
    let (from, until) = (busy[0].as_f64().unwrap(), busy[1].as_f64().unwrap());
    assert!(
        from < hidden_at && hidden_at < until,
        "hidden at {hidden_at} while the page was busy from {from} to {until}"
    );
}

fn now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
        * 1000.0
}

#[test]
fn with_only_in_front_escape_stays_with_other_apps() {
    let app = Harbour::launch("qe-in-front");
    app.choose_setting("escape_scope-in-front");
    let conn = app.x11();
    let window = harbour_window(&conn);
    let other = TestWindow::create(&conn, "Another app").unwrap();
    other.focus().unwrap();
    press_escape(&conn).unwrap();
    assert!(
        other.escape_press_within(Duration::from_secs(2)).unwrap(),
        "the other app gets Escape"
    );
    assert!(is_viewable(&conn, window), "Harbour stays on screen");
    // In front, Escape still hides it: click into Harbour, as a person would, then press it.
    app.click_with_mouse("#nav-home");
    wait_for("Harbour has the focus", PATIENCE, || {
        conn.get_input_focus()
            .ok()
            .and_then(|c| c.reply().ok())
            .is_some_and(|f| is_inside(&conn, f.focus, window))
    });
    press_escape(&conn).unwrap();
    assert_hidden(&conn, window);
}

#[test]
fn the_button_hides_and_a_relaunch_brings_back_the_same_window_on_home() {
    let app = Harbour::launch("qe-button");
    let conn = app.x11();
    let window = harbour_window(&conn);
    open_article(&app);
    let pids = app.app_pids();
    assert_eq!(pids.len(), 1, "one Harbour process: {pids:?}");
    app.click_with_mouse("#quick-exit");
    assert_hidden(&conn, window);

    assert!(app.relaunch(), "the second launch hands over and exits");
    wait_for("the window is back", PATIENCE, || {
        is_viewable(&conn, window)
    });
    assert_eq!(app.app_pids(), pids, "still the same single process");
    assert_eq!(
        harbour_window(&conn),
        window,
        "the same window, not a second one"
    );
    app.wait_for_css("main[data-view='home']").unwrap();
    assert_eq!(app.hash(), "#/");
    assert!(
        app.session.find(".article").is_err(),
        "no article left on screen"
    );
    // Back has nothing to return to: the trail was forgotten.
    app.click("#nav-back");
    app.wait_for_css("main[data-view='home']").unwrap();
    app.screenshot("back-on-home");
}

#[test]
fn close_completely_leaves_no_harbour_process() {
    let app = Harbour::launch("qe-close");
    app.choose_setting("after_exit-close");
    let conn = app.x11();
    harbour_window(&conn);
    assert_eq!(app.app_pids().len(), 1);
    press_escape(&conn).unwrap();
    wait_for("Harbour has quit", PATIENCE, || app.app_pids().is_empty());
}

#[test]
fn settings_survive_a_restart() {
    let home = harbour_e2e::scratch_dir("qe-settings-home");
    {
        let app = Harbour::launch_with(
            "qe-settings-1",
            Options {
                home: Some(home.clone()),
                ..Options::default()
            },
        );
        app.choose_setting("escape_scope-in-front");
        app.choose_setting("after_exit-close");
    }
    let app = Harbour::launch_with(
        "qe-settings-2",
        Options {
            home: Some(home.clone()),
            ..Options::default()
        },
    );
    app.click("#nav-settings");
    app.wait_for_css("main[data-view='settings']").unwrap();
    let checked = app
        .session
        .execute("return [...document.querySelectorAll('input:checked')].map(i => i.id).sort();")
        .unwrap();
    let checked: Vec<String> = serde_json::from_value(checked).unwrap();
    assert!(
        checked.contains(&"after_exit-close".to_string())
            && checked.contains(&"escape_scope-in-front".to_string()),
        "{checked:?}"
    );
    drop(app);
    let _ = std::fs::remove_dir_all(home);
}

#[test]
fn when_another_app_holds_escape_harbour_still_starts_and_says_so() {
    // Harbour lets go of Escape ("only in front"), another client takes it for the whole
    // screen, then Harbour is asked to take it again: it must carry on and say why it can't.
    let app = Harbour::launch("qe-taken");
    let conn = app.x11();
    let window = harbour_window(&conn);
    app.choose_setting("escape_scope-in-front");
    grab_escape_elsewhere(&conn);
    app.choose_setting("escape_scope-any-app");
    let status = app.text("#quick-exit-status");
    assert!(
        status.contains("Another app is already using the Escape key"),
        "the person is told: {status}"
    );
    app.screenshot("escape-taken");
    // The button still works.
    app.click_with_mouse("#quick-exit");
    assert_hidden(&conn, window);
}

#[test]
fn first_run_explains_the_quick_exit_and_lets_you_practise_once() {
    let home = harbour_e2e::scratch_dir("qe-intro-home");
    let app = Harbour::launch_with(
        "qe-intro",
        Options {
            home: Some(home.clone()),
            first_run: true,
            ..Options::default()
        },
    );
    app.wait_for_css("main[data-view='intro']").unwrap();
    assert_eq!(app.text("h1"), "Before you start: the quick exit");
    app.screenshot("intro");
    let conn = app.x11();
    let window = harbour_window(&conn);
    press_escape(&conn).unwrap();
    assert_hidden(&conn, window);
    assert!(app.relaunch());
    wait_for("the window is back", PATIENCE, || {
        is_viewable(&conn, window)
    });
    app.wait_for_css("main[data-view='home']").unwrap();
    app.wait_until("!document.getElementById('notice').hidden")
        .unwrap();
    assert_eq!(
        app.text("#notice"),
        "You did it. That is how the quick exit works."
    );
    drop(app);
    // Never shown again.
    let app = Harbour::launch_with(
        "qe-intro-again",
        Options {
            home: Some(home.clone()),
            first_run: true,
            ..Options::default()
        },
    );
    app.wait_for_css("main[data-view='home']").unwrap();
    drop(app);
    let _ = std::fs::remove_dir_all(home);
}

#[test]
fn the_quick_exit_button_comes_first_and_says_what_it_is() {
    let app = Harbour::launch("qe-a11y");
    app.session
        .execute("document.activeElement.blur(); return true;")
        .unwrap();
    app.session.press_keys(&["\u{E004}"]).unwrap(); // Tab
    let first = app.session.active_element().unwrap();
    assert_eq!(
        first.attribute("id").unwrap().as_deref(),
        Some("quick-exit")
    );
    let label = first.attribute("aria-label").unwrap().unwrap_or_default();
    assert!(label.contains("Emergency exit"), "{label}");
    assert!(label.contains("Escape"), "{label}");
    // WCAG 2.5.3: the name starts with what the button shows, so "click Quick exit" finds it.
    assert!(label.starts_with("Quick exit Esc"), "{label}");
    // Next comes "Skip to content", out of sight until it has focus.
    app.session.press_keys(&["\u{E004}"]).unwrap(); // Tab
    let skip = app.session.active_element().unwrap();
    assert_eq!(skip.attribute("id").unwrap().as_deref(), Some("skip-link"));
    let width = app
        .session
        .execute("return document.activeElement.getBoundingClientRect().width;")
        .unwrap();
    assert!(
        width.as_f64().unwrap_or(0.0) > 24.0,
        "visible on focus: {width}"
    );
    app.session.press_keys(&["\u{E007}"]).unwrap(); // Enter
    app.wait_until("document.activeElement === document.querySelector('main h1')")
        .unwrap();
    assert_eq!(app.hash(), "", "the skip link leaves the address alone");
}
