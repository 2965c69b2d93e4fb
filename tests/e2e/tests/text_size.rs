//! Text size and reflow (WCAG 1.4.4, 1.4.10): Ctrl+Plus, Ctrl+Minus and Ctrl+0 change the text
//! size, Settings offers the same sizes, the choice is saved and comes back after a restart; at
//! 200% text and in the narrowest window nothing is cut off and nothing needs scrolling sideways.

use std::fs;
use std::process::Command;

use harbour_e2e::{data_dir, scratch_dir, Harbour, Options};

const CONTROL: &str = "\u{E009}";

/// The root font size in CSS px (16 is normal).
fn root_px(app: &Harbour) -> f64 {
    app.session
        .execute("return parseFloat(getComputedStyle(document.documentElement).fontSize);")
        .unwrap()
        .as_f64()
        .unwrap()
}

fn wait_root_px(app: &Harbour, px: f64) {
    app.wait_until(&format!(
        "parseFloat(getComputedStyle(document.documentElement).fontSize) === {px}"
    ))
    .unwrap_or_else(|e| panic!("root font size not {px}px but {}: {e}", root_px(app)));
}

fn ctrl(app: &Harbour, key: &str) {
    app.session.press_keys(&[CONTROL, key]).unwrap();
}

#[test]
fn ctrl_plus_minus_and_zero_and_settings_change_the_text_size_and_it_is_kept() {
    let home = scratch_dir("text-size");
    {
        let app = Harbour::launch_with(
            "text-size",
            Options {
                home: Some(home.clone()),
                ..Options::default()
            },
        );
        assert_eq!(root_px(&app), 16.0);
        ctrl(&app, "+");
        wait_root_px(&app, 20.0);
        for _ in 0..5 {
            ctrl(&app, "+");
        }
        wait_root_px(&app, 32.0);
        ctrl(&app, "-");
        wait_root_px(&app, 28.0);
        ctrl(&app, "0");
        wait_root_px(&app, 16.0);
        ctrl(&app, "=");
        wait_root_px(&app, 20.0);
        // Settings shows the size in force, and choosing another applies it at once.
        app.click("#nav-settings");
        app.wait_for_css("main[data-view='settings']").unwrap();
        let checked = app
            .session
            .execute("return document.getElementById('text_size-125').checked;")
            .unwrap();
        assert_eq!(checked, true, "Settings shows 125%");
        app.choose_setting("text_size-200");
        wait_root_px(&app, 32.0);
    }
    let saved: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(data_dir(&home).join("settings.json")).unwrap())
            .unwrap();
    assert_eq!(saved["text_size"], 200, "saved: {saved}");
    {
        let app = Harbour::launch_with(
            "text-size-2",
            Options {
                home: Some(home.clone()),
                ..Options::default()
            },
        );
        wait_root_px(&app, 32.0);
    }
    let _ = fs::remove_dir_all(home);
}

/// What sticks out of the window sideways on the screen now: the page scrolls sideways, or an
/// element (not a hidden or 1-pixel one) reaches past either edge.
fn sticking_out(app: &Harbour) -> Vec<String> {
    let found = app
        .session
        .execute(
            "const w = document.documentElement.clientWidth; const out = []; \
             if (document.documentElement.scrollWidth > w) \
               out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${w}`); \
             for (const e of document.querySelectorAll('body *')) { \
               if (e.closest('[hidden]')) continue; \
               const r = e.getBoundingClientRect(); \
               if (r.width <= 1 || r.height <= 1) continue; \
               if (r.right > w + 0.5 || r.left < -0.5) \
                 out.push(`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${e.className} \
                   [${Math.round(r.left)}, ${Math.round(r.right)}] of ${w}: \
                   ${(e.textContent || '').trim().slice(0, 40)}`); \
             } \
             return out.slice(0, 12);",
        )
        .unwrap();
    serde_json::from_value(found).unwrap()
}

fn go(app: &Harbour, hash: &str, view: &str) {
    app.session
        .execute(&format!(
            "if (location.hash !== {hash:?}) {{ \
               document.querySelector('main').dataset.view = 'loading'; location.hash = {hash:?}; }} \
             return true;"
        ))
        .unwrap();
    app.wait_until(&format!(
        "document.querySelector('main').dataset.view === {view:?}"
    ))
    .unwrap_or_else(|e| panic!("{hash} did not show {view}: {e}"));
}

/// Makes the window as narrow as it goes (xdotool asks for 320 px; the window's minimum size
/// decides) and returns the page's width in CSS px.
fn narrow_window(app: &Harbour, width: u32) -> f64 {
    let status = Command::new("xdotool")
        .args([
            "search",
            "--sync",
            "--onlyvisible",
            "--name",
            "^Harbour$",
            "windowsize",
            "%@",
            &width.to_string(),
            "700",
        ])
        .env("DISPLAY", app.display.name())
        .status()
        .expect("xdotool can be run");
    assert!(status.success(), "xdotool resized the window");
    std::thread::sleep(std::time::Duration::from_millis(300));
    app.session
        .execute("return document.documentElement.clientWidth;")
        .unwrap()
        .as_f64()
        .unwrap()
}

const SCREENS: &[(&str, &str)] = &[
    ("#/", "home"),
    ("#/route/threatened", "route"),
    ("#/article/telling-someone-and-coping", "article"),
    ("#/checklist/threatened", "checklist"),
    ("#/settings", "settings"),
    ("#/helplines", "helplines"),
    ("#/no-such-page", "not-found"),
];

fn check_screens(app: &Harbour, label: &str, problems: &mut Vec<String>) -> usize {
    for (hash, view) in SCREENS {
        go(app, hash, view);
        for thing in sticking_out(app) {
            problems.push(format!("{label}, {view}: {thing}"));
        }
    }
    // Search results open over the page.
    go(app, "#/", "home");
    app.search_until_found("helpline");
    for thing in sticking_out(app) {
        problems.push(format!("{label}, search results: {thing}"));
    }
    app.session
        .execute(
            "const s = document.getElementById('search'); s.value = ''; \
             s.dispatchEvent(new Event('input')); return true;",
        )
        .unwrap();
    SCREENS.len() + 1
}

#[test]
fn at_200_percent_text_and_in_the_narrowest_window_nothing_needs_sideways_scrolling() {
    let app = Harbour::launch("reflow");
    let mut problems = Vec::new();
    let mut checked = 0;

    // 200% text in the normal window.
    app.choose_setting("text_size-200");
    wait_root_px(&app, 32.0);
    checked += check_screens(&app, "200% text", &mut problems);
    go(&app, "#/article/telling-someone-and-coping", "article");
    app.screenshot("200-percent");

    // The narrowest window, at normal text and at 200%.
    let width = narrow_window(&app, 320);
    println!("narrowest window: {width} CSS px wide");
    assert!(
        width <= 320.0,
        "the window goes down to 320 CSS px (WCAG 1.4.10): {width}"
    );
    ctrl(&app, "0");
    wait_root_px(&app, 16.0);
    checked += check_screens(&app, &format!("{width} px wide"), &mut problems);
    go(&app, "#/checklist/threatened", "checklist");
    app.screenshot("narrow");
    go(&app, "#/settings", "settings");
    app.screenshot("narrow-settings");
    ctrl(&app, "+");
    ctrl(&app, "+");
    ctrl(&app, "+");
    ctrl(&app, "+");
    wait_root_px(&app, 32.0);
    checked += check_screens(
        &app,
        &format!("{width} px wide at 200% text"),
        &mut problems,
    );
    go(&app, "#/", "home");
    app.screenshot("narrow-200-percent");

    println!("reflow: {checked} screens checked");
    assert!(
        problems.is_empty(),
        "{} things stick out:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
