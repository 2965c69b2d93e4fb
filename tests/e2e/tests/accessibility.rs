//! WCAG 2.2 AA, audited in the real window: axe-core (pinned in tools/package.json, installed by
//! `npm ci --prefix tools`) injected through WebDriver into Harbour's own webview, run on every
//! screen and state a person can meet, in the light and the dark theme. Zero violations.
//!
//! Rules disabled here, and why, are listed in docs/accessibility.md (none today).

use std::fs;
use std::path::Path;

use harbour_e2e::{
    grab_escape_elsewhere, home_with_damaged_checklist, policy_env, pretend_wayland_env,
    scratch_dir, with_colour_js, workspace_root, Harbour, Options, SCHOOL_POLICY,
};
use harbour_quick_exit::test_support::fake_portal::{Answer, Desktop, FakePortal, PrivateBus};
use serde_json::Value;

/// The axe tags that make up WCAG 2.2 A and AA (2.0, 2.1 and 2.2's new AA rules), plus axe's
/// best practices.
const TAGS: &[&str] = &[
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    "best-practice",
];

/// Rules switched off, each with its reason in docs/accessibility.md. Empty: nothing is.
const DISABLED: &[&str] = &[];

/// One audit run: which states were audited and what axe found on each.
#[derive(Default)]
struct Audit {
    theme: &'static str,
    states: Vec<String>,
    rules: Vec<String>,
    violations: Vec<String>,
}

impl Audit {
    fn new(theme: &'static str) -> Audit {
        Audit {
            theme,
            ..Audit::default()
        }
    }

    /// Runs axe on what is on screen now and records it under `state`.
    fn check(&mut self, app: &Harbour, state: &str) {
        inject_axe(app);
        if self.rules.is_empty() {
            axe_finds_a_planted_violation(app);
            let rules = app
                .session
                .execute(&format!(
                    "return axe.getRules({tags}).map(r => r.ruleId);",
                    tags = serde_json::json!(TAGS)
                ))
                .unwrap();
            self.rules = serde_json::from_value::<Vec<String>>(rules)
                .unwrap()
                .into_iter()
                .filter(|r| !DISABLED.contains(&r.as_str()))
                .collect();
        }
        let disabled: serde_json::Map<String, Value> = DISABLED
            .iter()
            .map(|r| (r.to_string(), serde_json::json!({ "enabled": false })))
            .collect();
        let options = serde_json::json!({
            "runOnly": { "type": "tag", "values": TAGS },
            "rules": disabled,
            "resultTypes": ["violations"],
        });
        let found = app
            .session
            .execute(&format!(
                "return axe.run(document, {options}).then(r => r.violations.map(v => \
                   `${{v.id}} (${{v.impact}}): ${{v.help}}\\n` + v.nodes.map(n => \
                   `    at ${{n.target.join(' ')}}: ${{(n.failureSummary || '').replace(/\\s+/g, ' ')}}`\
                   ).join('\\n')));"
            ))
            .unwrap_or_else(|e| panic!("axe did not run on {state}: {e}"));
        let mut found: Vec<String> = serde_json::from_value(found).unwrap();
        let beyond: Vec<String> =
            serde_json::from_value(app.session.execute(&with_colour_js(BEYOND_AXE)).unwrap())
                .unwrap();
        found.extend(beyond);
        for violation in found {
            self.violations
                .push(format!("[{} theme] {state}: {violation}", self.theme));
        }
        self.states.push(state.to_string());
    }

    fn finish(self) {
        println!(
            "axe-core audit, {} theme: {} screens and states audited, {} rules run ({})",
            self.theme,
            self.states.len(),
            self.rules.len(),
            TAGS.join(", ")
        );
        println!("states: {}", self.states.join("; "));
        println!("rules: {}", self.rules.join(" "));
        assert!(
            self.violations.is_empty(),
            "{} accessibility violations:\n{}",
            self.violations.len(),
            self.violations.join("\n")
        );
    }
}

/// What axe does not check, on the same screens: every control at least 24 by 24 CSS px (WCAG
/// 2.5.8, inline links in text excepted) and the Quick exit far larger; checkbox and radio edges
/// at least 3:1 against what is around them (1.4.11); nothing moving (no transition or
/// animation: 2.3.3, and prefers-reduced-motion has nothing to stop); `lang` on the page (3.1.1).
/// Run with [`with_colour_js`], which adds the contrast helpers it calls.
const BEYOND_AXE: &str = r##"
const out = [];
function name(el) {
  return `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} "${(el.textContent || el.value || "").trim().slice(0, 30)}"`;
}
if (!/^en\b/.test(document.documentElement.lang)) out.push(`lang is "${document.documentElement.lang}"`);
for (const el of document.querySelectorAll("button, input, select, textarea, a[href], summary")) {
  if (el.closest("[hidden]") || el.type === "hidden") continue;
  const r = el.getBoundingClientRect();
  if (r.width <= 1 && r.height <= 1) continue; // out of sight until focused (the skip link)
  const cs = getComputedStyle(el);
  const inline = el.tagName === "A" && cs.display === "inline";
  if (!inline && (r.width < 24 || r.height < 24)) {
    out.push(`target-size: ${name(el)} is ${r.width.toFixed(1)} x ${r.height.toFixed(1)} px`);
  }
  if ((el.type === "checkbox" || el.type === "radio") && !el.disabled) {
    const edge = rgb(cs.borderTopColor);
    const width = parseFloat(cs.borderTopWidth);
    const contrast = edge ? ratio(edge, background(el)) : 0;
    if (cs.appearance !== "none" && cs.webkitAppearance !== "none") out.push(`${name(el)} is drawn by the system theme`);
    if (width < 1 || contrast < 3) out.push(`non-text contrast: ${name(el)} edge ${width}px at ${contrast.toFixed(2)}:1`);
  }
}
const exit = document.getElementById("quick-exit").getBoundingClientRect();
if (exit.height < 44 || exit.width < 120) out.push(`Quick exit is only ${exit.width} x ${exit.height} px`);
for (const el of document.querySelectorAll("*")) {
  const cs = getComputedStyle(el);
  const moving = cs.transitionDuration.split(",").some((d) => parseFloat(d) > 0)
    || (cs.animationName && cs.animationName !== "none");
  if (moving) out.push(`motion: ${name(el)} has a transition or animation`);
}
return out.slice(0, 20);
"##;

/// axe-core's own source, from the pinned npm package in tools/.
fn axe_source() -> String {
    let path = workspace_root().join("tools/node_modules/axe-core/axe.min.js");
    fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "axe-core is missing at {} (run `npm ci --prefix tools`): {e}",
            path.display()
        )
    })
}

/// Puts axe into the page (again after a reload; once is enough otherwise).
fn inject_axe(app: &Harbour) {
    let present = app
        .session
        .execute("return typeof window.axe === 'object';");
    if present.ok().and_then(|v| v.as_bool()) == Some(true) {
        return;
    }
    let script = format!(
        "{source}\n;if (typeof axe === 'object' && !window.axe) window.axe = axe; \
         return typeof window.axe;",
        source = axe_source()
    );
    let kind = app.session.execute(&script).unwrap();
    assert_eq!(kind, "object", "axe-core loaded in the page");
}

/// A zero from axe means something only if axe can fail here: an image without a text
/// alternative, planted for a moment, must be reported.
fn axe_finds_a_planted_violation(app: &Harbour) {
    let found = app
        .session
        .execute(
            "const img = document.createElement('img'); img.id = 'axe-canary'; \
             document.querySelector('main').append(img); \
             return axe.run(document, {runOnly: {type: 'rule', values: ['image-alt']}}) \
             .then(r => { img.remove(); return r.violations.map(v => v.id); });",
        )
        .unwrap();
    assert_eq!(
        found,
        serde_json::json!(["image-alt"]),
        "axe reports what it finds"
    );
    // And the checks beyond axe: a tiny button must be reported.
    app.session
        .execute(
            "const b = document.createElement('button'); b.id = 'tiny-canary'; \
             b.textContent = 'x'; b.style.width = '12px'; b.style.height = '12px'; \
             b.style.padding = '0'; b.style.fontSize = '6px'; \
             document.querySelector('main').append(b); return true;",
        )
        .unwrap();
    let found: Vec<String> =
        serde_json::from_value(app.session.execute(&with_colour_js(BEYOND_AXE)).unwrap()).unwrap();
    app.session
        .execute("document.getElementById('tiny-canary').remove(); return true;")
        .unwrap();
    assert!(
        found
            .iter()
            .any(|f| f.contains("target-size") && f.contains("tiny-canary")),
        "the target size check reports a tiny button: {found:?}"
    );
}

/// Goes to `hash` as a link would, and waits for the view `view` to be drawn.
fn go(app: &Harbour, hash: &str, view: &str) {
    app.session
        .execute(&format!(
            "document.querySelector('main').dataset.view = 'loading'; location.hash = {hash:?}; \
             return true;"
        ))
        .unwrap();
    app.wait_until(&format!(
        "document.querySelector('main').dataset.view === {view:?}"
    ))
    .unwrap_or_else(|e| panic!("{hash} did not show {view}: {e}"));
}

fn launch(name: &str, home: &Path, dark: bool, env: Vec<(String, String)>, first: bool) -> Harbour {
    let mut env = env;
    if dark {
        env.push(("GTK_THEME".into(), "Adwaita:dark".into()));
    }
    let app = Harbour::launch_with(
        name,
        Options {
            env,
            home: Some(home.to_path_buf()),
            first_run: first,
            ..Options::default()
        },
    );
    let is_dark = app
        .session
        .execute("return matchMedia('(prefers-color-scheme: dark)').matches;")
        .unwrap();
    assert_eq!(is_dark, dark, "the page sees the theme asked for");
    app
}

fn audit_everything(theme: &'static str, dark: bool) {
    let mut audit = Audit::new(theme);
    let name = format!("a11y-{theme}");

    // A first run, with a checklist file cut short by a crash and its last-good copy beside it.
    let home = home_with_damaged_checklist(&name);
    {
        let app = launch(&name, &home, dark, Vec::new(), true);
        app.wait_for_css("main[data-view='intro']").unwrap();
        audit.check(&app, "intro");

        go(&app, "#/", "home");
        audit.check(&app, "home");
        let routes: Vec<String> = serde_json::from_value(
            app.session
                .execute("return [...document.querySelectorAll('[data-route]')].map(a => a.dataset.route);")
                .unwrap(),
        )
        .unwrap();
        assert!(routes.len() >= 3, "routes on home: {routes:?}");
        for route in &routes {
            go(&app, &format!("#/route/{route}"), "route");
            audit.check(&app, &format!("route {route}"));
        }

        go(&app, "#/article/telling-someone-and-coping", "article");
        app.wait_for_css(".helplines").unwrap();
        audit.check(&app, "article with regional helplines");

        go(&app, "#/checklist/threatened", "checklist");
        app.wait_for_css("#checklist-notice").unwrap();
        audit.check(&app, "checklist recovered from damage");
        let before = app.text("#checklist-progress");
        app.click("label[for='step-keep-evidence']");
        app.wait_until(&format!(
            "document.getElementById('checklist-progress').textContent !== {before:?}"
        ))
        .unwrap();
        audit.check(&app, "checklist ticked");
        app.click("#reset-list");
        app.wait_for_css("#confirm-reset").unwrap();
        audit.check(&app, "checklist confirm step open");
        app.click("#cancel-reset");

        go(&app, "#/settings", "settings");
        audit.check(&app, "settings");
        go(&app, "#/helplines", "helplines");
        audit.check(&app, "who can help");
        go(&app, "#/no-such-page", "not-found");
        audit.check(&app, "not found");

        go(&app, "#/", "home");
        app.search_until_found("sextorsion");
        app.wait_until("!document.getElementById('search-results').hidden")
            .unwrap();
        audit.check(&app, "search results open");
        app.session
            .execute("const s = document.getElementById('search'); s.value = ''; return true;")
            .unwrap();
        app.wait_for_css("#search")
            .unwrap()
            .send_keys("zzqxvw")
            .unwrap();
        app.wait_for_css(".search__none").unwrap();
        audit.check(&app, "search with no results");
        app.session
            .execute(
                "const s = document.getElementById('search'); s.value = ''; \
                 s.dispatchEvent(new Event('input')); return true;",
            )
            .unwrap();

        // Escape taken by another app: Settings says Harbour can't have it.
        app.choose_setting("escape_scope-in-front");
        let conn = app.x11();
        grab_escape_elsewhere(&conn);
        app.choose_setting("escape_scope-any-app");
        app.wait_until(
            "document.getElementById('quick-exit-status').textContent\
             .includes('Another app is already using the Escape key')",
        )
        .unwrap();
        audit.check(&app, "settings with Escape unavailable");

        // "Don't save anything on this computer", then the checklist in that mode.
        app.click("label[for='dont-save']");
        app.wait_until("document.getElementById('privacy-message').textContent.startsWith('On')")
            .unwrap();
        audit.check(&app, "settings in don't-save mode");
        go(&app, "#/checklist/threatened", "checklist");
        app.wait_until(
            "document.getElementById('checklist-saving').textContent.startsWith('Not saved')",
        )
        .unwrap();
        audit.check(&app, "checklist in don't-save mode");
        app.screenshot("checklist");
    }
    let _ = fs::remove_dir_all(&home);

    // An organisation's policy: settings fixed, its own contact first.
    let home = scratch_dir(&format!("{name}-policy"));
    {
        let app = launch(
            &format!("{name}-policy"),
            &home,
            dark,
            vec![policy_env(&home, SCHOOL_POLICY)],
            false,
        );
        go(&app, "#/settings", "settings");
        app.wait_until(
            "document.querySelector('main').textContent.includes('Set by your organisation')",
        )
        .unwrap();
        audit.check(&app, "settings with a policy");
        go(&app, "#/helplines", "helplines");
        audit.check(&app, "who can help with an organisation's contact");
        go(&app, "#/article/telling-someone-and-coping", "article");
        app.wait_for_css(".helplines").unwrap();
        audit.check(&app, "article with an organisation's contact");
        app.screenshot("policy-article");
    }
    let _ = fs::remove_dir_all(&home);

    // Wayland's optional step, in a pretend Wayland session with a fake portal: offered, refused,
    // then bound, in the introduction and in Settings.
    let bus = PrivateBus::start(&name).expect("dbus-daemon, to audit the Wayland step");
    let portal = FakePortal::start(&bus, Desktop::Portal(Answer::Refuse));
    let home = scratch_dir(&format!("{name}-wayland"));
    {
        let app = launch(&name, &home, dark, pretend_wayland_env(&bus.address), true);
        app.wait_for_css("#intro-ask-desktop").unwrap();
        audit.check(&app, "intro, desktop shortcut offered");
        app.click("#intro-ask-desktop");
        app.wait_until(
            "document.getElementById('intro-desktop-shortcut-text').textContent\
             .includes('did not allow')",
        )
        .unwrap();
        audit.check(&app, "intro, desktop shortcut refused");
        portal.set_answer(Answer::Approve("Escape"));
        app.click("#intro-ask-desktop");
        app.wait_until(
            "document.getElementById('intro-desktop-shortcut-text').textContent\
             .startsWith('Done')",
        )
        .unwrap();
        audit.check(&app, "intro, desktop shortcut bound");
        go(&app, "#/settings", "settings");
        audit.check(&app, "settings, desktop shortcut bound");
    }
    let _ = fs::remove_dir_all(&home);

    audit.finish();
}

#[test]
fn every_screen_passes_axe_in_the_light_theme() {
    audit_everything("light", false);
}

#[test]
fn every_screen_passes_axe_in_the_dark_theme() {
    audit_everything("dark", true);
}
