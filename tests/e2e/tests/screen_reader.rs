//! Screen reader: Harbour's accessibility tree read over AT-SPI from the real window, the way
//! Orca reads it (tests/e2e/atspi/tree.py, python3-gi with at-spi2-core's Atspi; the a11y bus
//! is started on the test's private session bus by D-Bus activation). Checked: the Quick exit
//! button's role and name, one level-1 heading per screen with focus on it after a screen
//! change, checklist steps as check boxes with their checked state, the "N of M done" and the
//! damaged-file messages in live regions, and search results in a live region.

use std::fs;
use std::process::Command;
use std::time::{Duration, Instant};

use harbour_e2e::{home_with_damaged_checklist, workspace_root, Harbour, Options, PATIENCE};
use serde_json::Value;

/// Harbour's tree as JSON objects, one per node.
fn tree(app: &Harbour) -> Vec<Value> {
    let script = workspace_root().join("tests/e2e/atspi/tree.py");
    let output = Command::new("/usr/bin/python3")
        .arg(&script)
        .arg("harbour")
        .envs(app.app_env().iter().map(|(k, v)| (k, v)))
        .output()
        .unwrap_or_else(|e| panic!("python3 could not run (apt: python3-gi): {e}"));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "AT-SPI could not read Harbour (apt: at-spi2-core gir1.2-atspi-2.0 python3-gi): {text}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    text.lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// Reads the tree until `check` holds for it (the tree follows the page a moment later).
fn tree_until(app: &Harbour, what: &str, check: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let nodes = tree(app);
        if check(&nodes) {
            return nodes;
        }
        if Instant::now() > deadline {
            let summary: Vec<String> = nodes
                .iter()
                .filter(|n| n["showing"] == true || n["live"] != "")
                .take(60)
                .map(|n| {
                    format!(
                        "{} {:?} {:?} {}",
                        n["role"], n["name"], n["text"], n["live"]
                    )
                })
                .collect();
            panic!(
                "the screen reader never saw {what}; showing:\n{}",
                summary.join("\n")
            );
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn is(node: &Value, role: &str) -> bool {
    node["role"] == role
}

fn text_of(node: &Value) -> String {
    format!(
        "{} {}",
        node["name"].as_str().unwrap_or_default(),
        node["text"].as_str().unwrap_or_default()
    )
}

/// The level-1 headings on screen now.
fn h1s(nodes: &[Value]) -> Vec<&Value> {
    nodes
        .iter()
        .filter(|n| is(n, "heading") && n["level"] == "1")
        .collect()
}

fn go(app: &Harbour, hash: &str, view: &str) {
    app.session
        .execute(&format!("location.hash = {hash:?}; return true;"))
        .unwrap();
    app.wait_for_css(&format!("main[data-view='{view}']"))
        .unwrap();
}

#[test]
fn a_screen_reader_hears_the_quick_exit_headings_checkboxes_and_live_messages() {
    // A checklist file cut short, with its last-good copy: the damage message shows.
    let home = home_with_damaged_checklist("screen-reader");
    let app = Harbour::launch_with(
        "screen-reader",
        Options {
            home: Some(home.clone()),
            ..Options::default()
        },
    );

    // Home: the Quick exit button, by role and name, and one level-1 heading.
    let nodes = tree_until(&app, "the home screen's heading", |nodes| {
        h1s(nodes)
            .iter()
            .any(|h| text_of(h).contains("What is happening?"))
    });
    let exit = nodes
        .iter()
        .find(|n| text_of(n).contains("Quick exit"))
        .expect("the Quick exit button is in the tree");
    assert_eq!(exit["role"], "push button", "{exit}");
    let name = exit["name"].as_str().unwrap_or_default();
    assert!(
        name.starts_with("Quick exit Esc") && name.contains("Emergency exit"),
        "{name}"
    );
    assert_eq!(h1s(&nodes).len(), 1, "one h1 on home");
    let mut screens = 1;

    // Every screen: one level-1 heading, focused after the screen change (Orca reads it).
    for (hash, view, heading) in [
        ("#/route/threatened", "route", "threatening"),
        (
            "#/article/telling-someone-and-coping",
            "article",
            "Telling someone",
        ),
        ("#/settings", "settings", "Settings"),
        ("#/helplines", "helplines", "Who can help"),
        ("#/no-such-page", "not-found", ""),
    ] {
        go(&app, hash, view);
        let nodes = tree_until(&app, &format!("the {view} heading, focused"), |nodes| {
            let h = h1s(nodes);
            h.len() == 1 && text_of(h[0]).contains(heading) && h[0]["focused"] == true
        });
        assert_eq!(h1s(&nodes).len(), 1, "one h1 on {view}");
        screens += 1;
    }

    // The checklist: steps are check boxes with their state; the damage message and the
    // progress are in live regions.
    go(&app, "#/checklist/threatened", "checklist");
    let nodes = tree_until(&app, "the checklist's check boxes", |nodes| {
        nodes.iter().filter(|n| is(n, "check box")).count() >= 5
    });
    screens += 1;
    assert_eq!(h1s(&nodes).len(), 1, "one h1 on the checklist");
    let boxes: Vec<&Value> = nodes.iter().filter(|n| is(n, "check box")).collect();
    assert!(
        boxes
            .iter()
            .all(|b| !b["name"].as_str().unwrap_or("").is_empty()),
        "every check box has a name: {boxes:?}"
    );
    let dont_pay = boxes
        .iter()
        .find(|b| text_of(b).contains("Don't pay"))
        .expect("the \"don't pay\" step is a check box");
    assert_eq!(
        dont_pay["checked"], true,
        "recovered tick is announced as checked"
    );
    let damage = nodes
        .iter()
        .find(|n| text_of(n).contains("backup"))
        .expect("the damage message is in the tree");
    assert!(
        damage["live"] == "assertive" || is(damage, "alert") || is(damage, "notification"),
        "the damage message is announced (a live region or alert): {damage}"
    );
    let progress = nodes
        .iter()
        .find(|n| n["live"] == "polite" && text_of(n).contains("of 9 done"))
        .expect("the progress is in a polite live region");
    assert!(text_of(progress).contains("1 of 9 done"), "{progress}");
    println!("quick exit: {exit}\ndamage message: {damage}\nprogress: {progress}");

    app.click("label[for='step-keep-evidence']");
    let nodes = tree_until(&app, "the new tick and progress", |nodes| {
        nodes
            .iter()
            .any(|n| n["live"] == "polite" && text_of(n).contains("2 of 9 done"))
    });
    let evidence = nodes
        .iter()
        .filter(|n| is(n, "check box") && n["checked"] == true)
        .count();
    assert_eq!(evidence, 2, "both ticks are announced as checked");

    // Search: results appear inside a live region.
    app.search_until_found("sextorsion");
    let title: String = serde_json::from_value(
        app.session
            .execute("return document.querySelector('.search__title').textContent;")
            .unwrap(),
    )
    .unwrap();
    tree_until(&app, "search results in a live region", |nodes| {
        nodes
            .iter()
            .any(|n| n["live"] == "polite" && text_of(n).contains(&title))
    });
    screens += 1;
    println!("screen reader tree (AT-SPI) checked on {screens} screens");
    drop(app);
    let _ = fs::remove_dir_all(home);
}
