//! The contract between the shell and the page: every command's answer has exactly the keys
//! that `ui/lib/ipc.js` documents for it (as JSDoc typedefs). A field renamed, added or removed
//! on one side only fails here, instead of leaving a blank on someone's screen.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::Manager;

/// Every `@typedef {Object} Name` in ipc.js with its `@property` names.
fn typedefs() -> BTreeMap<String, BTreeSet<String>> {
    let source = include_str!("../../ui/lib/ipc.js");
    let mut found = BTreeMap::new();
    let mut current: Option<(String, BTreeSet<String>)> = None;
    for line in source.lines() {
        let line = line.trim().trim_start_matches('*').trim();
        if let Some(name) = line.strip_prefix("@typedef {Object} ") {
            current = Some((name.trim().to_string(), BTreeSet::new()));
        } else if let Some(rest) = line.strip_prefix("@property ") {
            if let Some((_, props)) = current.as_mut() {
                // `{type} name`: the type may hold spaces only inside its braces.
                let name = rest
                    .rsplit_once('}')
                    .map(|(_, name)| name.trim())
                    .and_then(|name| name.split_whitespace().next())
                    .expect("a property has a name");
                props.insert(name.to_string());
            }
        } else if line.starts_with("*/") || line.is_empty() {
            if let Some((name, props)) = current.take() {
                found.insert(name, props);
            }
        }
    }
    found
}

fn keys(value: &Value) -> BTreeSet<String> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("an object: {value}"))
        .keys()
        .cloned()
        .collect()
}

#[test]
fn every_answer_has_exactly_the_keys_ipc_js_documents() {
    let folder = tempfile::Builder::new()
        .prefix("harbour-views-")
        .tempdir()
        .unwrap();
    let home = folder.path();
    std::env::set_var("XDG_DATA_HOME", home.join("data"));
    std::env::set_var("XDG_RUNTIME_DIR", home);
    // A policy with only a contact, so the organisation's contact is in the answers too.
    let policy = home.join("policy.toml");
    std::fs::write(
        &policy,
        "[contact]\nname = \"Ms Patel\"\nhow_to_reach = \"Room B12\"\nhours = \"Mornings\"\n",
    )
    .unwrap();
    std::env::set_var("HARBOUR_POLICY", &policy);
    let mut app = harbour_app::app(mock_builder())
        .build(tauri::generate_context!())
        .expect("Harbour builds on the mock runtime");
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    let window = app.get_webview_window("main").expect("the main window");
    let invoke = |cmd: &str, args: Value| -> Result<Value, Value> {
        get_ipc_response(
            &window,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|body| body.deserialize::<Value>().unwrap())
    };
    let ok = |cmd: &str, args: Value| invoke(cmd, args).unwrap_or_else(|e| panic!("{cmd}: {e}"));

    let home_view = ok("home", json!({}));
    let route = ok("route", json!({"id": "threatened"}));
    let article = ok("article", json!({"id": "right-now"}));
    let helplines = ok("helplines", json!({}));
    let settings = ok("settings", json!({}));
    let changed = ok(
        "set_setting",
        json!({"key": "after_exit", "value": "stay-hidden"}),
    );
    let links = ok("checklists_for", json!({"route": "threatened"}));
    let checklist = ok("checklist", json!({"id": "threatened"}));
    let error = invoke("article", json!({"id": "nope"})).unwrap_err();
    let hits = |query: &str| ok("search", json!({"query": query}));
    let all_hits: Vec<Value> = ["sextortion", "childline", "screenshot"]
        .iter()
        .flat_map(|q| hits(q).as_array().unwrap().clone())
        .collect();
    let hit_of = |kind: &str| -> Value {
        all_hits
            .iter()
            .find(|h| h["kind"] == kind)
            .unwrap_or_else(|| panic!("a {kind} hit"))
            .clone()
    };

    let answers: Vec<(&str, Value)> = vec![
        ("HomeView", home_view.clone()),
        ("HomeRoute", home_view["routes"][0].clone()),
        ("Helpline", home_view["helplines"][0].clone()),
        ("RouteView", route.clone()),
        ("ArticleCard", route["cards"][0].clone()),
        ("ArticleView", article.clone()),
        ("Source", article["sources"][0].clone()),
        ("Helpline", article["helplines"][0].clone()),
        ("HelplinesView", helplines),
        ("SettingsView", settings.clone()),
        ("QuickExitStatus", settings["quick_exit"].clone()),
        ("OrganisationView", settings["organisation"].clone()),
        ("OrgContact", settings["organisation"]["contact"].clone()),
        ("OrgContact", home_view["organisation_contact"].clone()),
        ("Settings", changed),
        ("ChecklistLink", links[0].clone()),
        ("ChecklistView", checklist.clone()),
        ("ChecklistItem", checklist["items"][0].clone()),
        ("Saving", checklist["saving"].clone()),
        ("UiError", error),
        ("ArticleHit", hit_of("article")),
        ("ChecklistItemHit", hit_of("checklist-item")),
        ("HelplineHit", hit_of("helpline")),
    ];
    let documented = typedefs();
    let mut checked = BTreeSet::new();
    for (name, value) in answers {
        let expected = documented
            .get(name)
            .unwrap_or_else(|| panic!("ipc.js documents no typedef {name}"));
        assert_eq!(
            &keys(&value),
            expected,
            "{name}: the Rust answer's keys (left) differ from ipc.js (right)"
        );
        checked.insert(name.to_string());
    }
    // Every typedef in ipc.js is a real answer checked above: none is left to drift.
    let unchecked: Vec<&String> = documented
        .keys()
        .filter(|n| !checked.contains(*n))
        .collect();
    assert!(
        unchecked.is_empty(),
        "typedefs never checked: {unchecked:?}"
    );
}

#[test]
fn the_parser_reads_typedefs_as_written() {
    // The check above is only as good as this parser: it must see real typedefs and their keys.
    let documented = typedefs();
    assert!(documented.len() >= 15, "{:?}", documented.keys());
    let error = &documented["UiError"];
    assert_eq!(
        error.iter().map(String::as_str).collect::<Vec<_>>(),
        ["kind", "message"]
    );
    assert!(documented["ChecklistView"].contains("saving"));
}
