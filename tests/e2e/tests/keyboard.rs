//! Keyboard only: the core journey with Tab, Shift+Tab, Enter and Space and nothing else, from
//! home to a checklist and back, then the Quick exit. At every stop focus is visible (an
//! indicator at least 2 px thick with at least 3:1 contrast against what is around it), and
//! after every screen change or closed confirm step focus is somewhere, never on `<body>`.

use std::process::Command;
use std::time::{Duration, Instant};

use harbour_e2e::{with_colour_js, Harbour, Options, PATIENCE};
use harbour_quick_exit::test_support::find_window_by_name;
use serde_json::Value;
use x11rb::protocol::xproto::{ConnectionExt as _, MapState};

const TAB: &str = "\u{E004}";
const SHIFT: &str = "\u{E008}";
const ENTER: &str = "\u{E007}";
const SPACE: &str = "\u{E00D}";

/// How many Tab presses a search for one control may take before the test calls it lost.
const MOST_TABS: usize = 120;

/// What the focused element looks like: where focus is, and its focus indicator's best
/// thickness and contrast (outline or box-shadow ring, against the nearest background).
const FOCUS_PROBE: &str = r#"
// Two frames first: the page may still scroll the focused element out from under the bar.
await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return {lost: true};
const bg = background(el);
const cs = getComputedStyle(el);
const rings = [];
if (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0) {
  rings.push({color: rgb(cs.outlineColor), width: parseFloat(cs.outlineWidth)});
}
const shadow = /(rgba?\([^)]*\))\s+(-?[\d.]+)px\s+(-?[\d.]+)px\s+(-?[\d.]+)px\s+(-?[\d.]+)px/g;
for (let m; (m = shadow.exec(cs.boxShadow || "")); ) {
  rings.push({color: rgb(m[1]), width: parseFloat(m[5])});
}
let best = 0, width = 0;
for (const ring of rings) {
  if (!ring.color || ring.color.a === 0 || ring.width < 2) continue;
  const r = ratio(ring.color, bg);
  if (r > best) { best = r; width = ring.width; }
}
// WCAG 2.4.11: not hidden entirely under the bar that stays at the top.
const bar = document.getElementById("top-bar");
const box = el.getBoundingClientRect();
const under = getComputedStyle(bar).position === "sticky" && !bar.contains(el)
  && box.bottom <= bar.getBoundingClientRect().bottom;
return {
  lost: false,
  under,
  tag: el.tagName.toLowerCase(),
  id: el.id,
  text: (el.getAttribute("aria-label") || el.textContent || "").trim().slice(0, 60),
  contrast: best,
  width,
  rings: `outline ${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}; shadow ${cs.boxShadow}; on rgb(${bg.r}, ${bg.g}, ${bg.b})`,
};
"#;

struct Keyboard<'a> {
    app: &'a Harbour,
    stops: usize,
}

impl Keyboard<'_> {
    fn focus(&self) -> Value {
        self.app
            .session
            .execute(&format!(
                "return (async () => {{ {} }})();",
                with_colour_js(FOCUS_PROBE)
            ))
            .unwrap()
    }

    /// Presses Tab (or Shift+Tab) once and checks the focus indicator where it lands.
    fn tab(&mut self, back: bool) {
        if back {
            self.app.session.press_keys(&[SHIFT, TAB]).unwrap();
        } else {
            self.app.session.press_keys(&[TAB]).unwrap();
        }
        let focus = self.focus();
        assert_eq!(focus["lost"], false, "focus went to <body> on Tab");
        assert_eq!(
            focus["under"], false,
            "focus hidden under the top bar: {focus}"
        );
        let contrast = focus["contrast"].as_f64().unwrap_or(0.0);
        let width = focus["width"].as_f64().unwrap_or(0.0);
        assert!(
            contrast >= 3.0 && width >= 2.0,
            "focus not visible enough on {focus}: {width} px at {contrast:.2}:1"
        );
        self.stops += 1;
    }

    /// Tabs (forwards or backwards) until `condition` (JavaScript, about `document.activeElement`
    /// as `el`) holds.
    fn tab_to(&mut self, condition: &str, back: bool) {
        let check = format!("const el = document.activeElement; return !!({condition});");
        for _ in 0..MOST_TABS {
            self.tab(back);
            if self.app.session.execute(&check).unwrap() == true {
                return;
            }
        }
        panic!("never reached `{condition}` with the keyboard");
    }

    fn press(&self, key: &str) {
        self.app.session.press_keys(&[key]).unwrap();
    }

    /// After a screen change: the view is `view` and focus is on its heading, not on `<body>`.
    fn landed_on(&self, view: &str) {
        self.app
            .wait_for_css(&format!("main[data-view='{view}']"))
            .unwrap();
        self.app
            .wait_until("document.activeElement === document.querySelector('main h1')")
            .unwrap_or_else(|e| panic!("focus not on {view}'s heading: {e} ({})", self.focus()));
    }
}

#[test]
fn the_core_journey_works_with_the_keyboard_alone_in_the_light_theme() {
    journey("keyboard-light", Vec::new());
}

#[test]
fn the_core_journey_works_with_the_keyboard_alone_in_the_dark_theme() {
    journey(
        "keyboard-dark",
        vec![("GTK_THEME".into(), "Adwaita:dark".into())],
    );
}

fn journey(name: &str, env: Vec<(String, String)>) {
    let dark = !env.is_empty();
    let app = Harbour::launch_with(
        name,
        Options {
            env,
            ..Options::default()
        },
    );
    assert_eq!(
        app.session
            .execute("return matchMedia('(prefers-color-scheme: dark)').matches;")
            .unwrap(),
        dark
    );
    let mut keys = Keyboard {
        app: &app,
        stops: 0,
    };
    app.session
        .execute("document.activeElement.blur(); return true;")
        .unwrap();

    // Quick exit first, then "Skip to content", which takes focus to the screen's heading.
    keys.tab(false);
    assert_eq!(keys.focus()["id"], "quick-exit");
    keys.tab(false);
    assert_eq!(keys.focus()["id"], "skip-link");
    app.screenshot("skip-link");
    keys.press(ENTER);
    keys.landed_on("home");

    // Home → "Someone is threatening..." → its first article → its checklist.
    keys.tab_to("el.closest('[data-route]')", false);
    keys.press(ENTER);
    keys.landed_on("route");
    keys.tab_to("el.closest('[data-article]')", false);
    keys.press(ENTER);
    keys.landed_on("article");
    keys.tab_to("el.closest('[data-checklist]')", false);
    keys.press(ENTER);
    keys.landed_on("checklist");

    // Tick two steps with Space.
    for _ in 0..2 {
        keys.tab_to(
            "el.matches(\"input[type='checkbox']:not(:checked)\")",
            false,
        );
        let before = app.text("#checklist-progress");
        keys.press(SPACE);
        app.wait_until(&format!(
            "document.getElementById('checklist-progress').textContent !== {before:?}"
        ))
        .unwrap();
    }
    let ticked = app
        .session
        .execute("return document.querySelectorAll(\".checklist__item input:checked\").length;")
        .unwrap();
    assert_eq!(ticked, 2);
    app.screenshot("ticked");

    // The confirm step: focus goes into it, and back to its button when it closes.
    keys.tab_to("el.id === 'reset-list'", false);
    keys.press(ENTER);
    app.wait_until("document.activeElement.id === 'cancel-reset'")
        .unwrap();
    keys.press(ENTER);
    app.wait_until("document.activeElement.id === 'reset-list'")
        .unwrap_or_else(|e| panic!("focus lost after the confirm step closed: {e}"));
    assert_eq!(
        ticked,
        app.session
            .execute("return document.querySelectorAll(\".checklist__item input:checked\").length;")
            .unwrap()
    );

    // Back up to the top bar: Settings, then Home.
    keys.tab_to("el.id === 'nav-settings'", true);
    keys.press(ENTER);
    keys.landed_on("settings");
    keys.tab_to("el.id === 'nav-home'", true);
    keys.press(ENTER);
    keys.landed_on("home");

    // And the Quick exit from there: Enter on the button hides the window. The key goes in
    // through XTest (WebDriver would wait on a window that has gone).
    keys.tab_to("el.id === 'quick-exit'", true);
    println!(
        "keyboard journey ({name}): {} focus stops checked",
        keys.stops
    );
    let conn = app.x11();
    let window = find_window_by_name(&conn, "Harbour", PATIENCE).expect("Harbour is on screen");
    let status = Command::new("xdotool")
        .args(["key", "--clearmodifiers", "Return"])
        .env("DISPLAY", app.display.name())
        .status()
        .expect("xdotool can be run");
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        let viewable = conn
            .get_window_attributes(window)
            .ok()
            .and_then(|c| c.reply().ok())
            .is_some_and(|a| a.map_state == MapState::VIEWABLE);
        if !viewable {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "Enter on Quick exit did not hide Harbour"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}
