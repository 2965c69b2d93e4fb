//! Harbour's commands driven through Tauri's mock runtime, with the real config and capability
//! files: what the page gets back, and what it is refused.

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow};

/// One app at a time: they share this process's environment and settings file.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn start() -> (
    std::sync::MutexGuard<'static, ()>,
    App<MockRuntime>,
    WebviewWindow<MockRuntime>,
) {
    let guard = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // Harbour's settings and ticks go to this test's own folder.
    let data = std::env::temp_dir().join(format!("harbour-commands-{}", std::process::id()));
    std::env::set_var("XDG_DATA_HOME", &data);
    std::env::set_var("XDG_RUNTIME_DIR", &data);
    let _ = std::fs::create_dir_all(&data);
    let mut app = harbour_app::app(mock_builder())
        .build(tauri::generate_context!())
        .expect("Harbour builds on the mock runtime");
    // One iteration runs setup, which opens the window. (Deprecated because calling it in a
    // loop busy-waits; called once here, there is no loop.)
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    let window = app
        .get_webview_window("main")
        .expect("Harbour opens its main window");
    (guard, app, window)
}

fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("valid url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().expect("JSON answer"))
}

#[test]
fn home_lists_the_five_situations() {
    let (_guard, _app, window) = start();
    let routes = invoke(&window, "home", json!({})).expect("home answers");
    let ids: Vec<&str> = routes
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    for expected in [
        "threatened",
        "fake-image",
        "worried-about-child",
        "helping-someone",
        "new-device",
    ] {
        assert!(ids.contains(&expected), "{expected} missing from {ids:?}");
    }
}

#[test]
fn a_route_lists_its_articles_with_titles() {
    let (_guard, _app, window) = start();
    let route = invoke(&window, "route", json!({"id": "threatened"})).expect("route answers");
    let cards = route["cards"].as_array().expect("cards");
    assert!(!cards.is_empty());
    assert!(cards
        .iter()
        .all(|c| !c["title"].as_str().unwrap_or("").is_empty()));
}

#[test]
fn an_article_comes_with_summary_steps_and_sources() {
    let (_guard, _app, window) = start();
    let article = invoke(&window, "article", json!({"id": "right-now"})).expect("article answers");
    assert!(!article["title"].as_str().unwrap_or("").is_empty());
    assert!(!article["do_now"].as_array().expect("steps").is_empty());
    assert!(!article["sources"].as_array().expect("sources").is_empty());
    assert!(article["body_html"].as_str().unwrap_or("").contains("<p>"));
}

#[test]
fn an_unknown_article_is_a_clear_not_found_error() {
    let (_guard, _app, window) = start();
    let error = invoke(&window, "article", json!({"id": "no-such-thing"})).unwrap_err();
    assert_eq!(error["kind"], "not-found");
    assert_eq!(
        error["message"],
        "There is no article called \"no-such-thing\"."
    );
}

#[test]
fn an_oversized_id_is_refused_without_echoing_it() {
    let (_guard, _app, window) = start();
    let huge = "a".repeat(200_000);
    let error = invoke(&window, "route", json!({"id": huge})).unwrap_err();
    assert_eq!(error["kind"], "not-found");
    assert!(error["message"].as_str().unwrap_or("").len() < 100);
}

#[test]
fn a_missing_argument_is_an_error_not_a_crash() {
    let (_guard, _app, window) = start();
    assert!(invoke(&window, "article", json!({})).is_err());
}

#[test]
fn commands_outside_harbours_own_are_refused() {
    let (_guard, _app, window) = start();
    // Core window commands are not granted to the page: it cannot move, hide or close windows,
    // read files or open URLs by itself.
    for cmd in [
        "plugin:window|close",
        "plugin:webview|print",
        "plugin:event|emit",
    ] {
        // Refused by the capability (not merely unknown or badly called).
        let error = invoke(&window, cmd, json!({"label": "main"})).unwrap_err();
        assert!(
            error.as_str().unwrap_or_default().contains("not allowed"),
            "{cmd} should be refused by the capability: {error}"
        );
    }
}

#[test]
fn a_tick_for_an_unknown_list_or_step_is_refused() {
    let (_guard, _app, window) = start();
    let error = invoke(
        &window,
        "set_tick",
        json!({"list": "threatened", "item": "no-such-step", "ticked": true}),
    )
    .unwrap_err();
    assert_eq!(error["message"], "That step is not in this checklist.");
    let error = invoke(
        &window,
        "set_tick",
        json!({"list": "nope", "item": "dont-pay", "ticked": true}),
    )
    .unwrap_err();
    assert_eq!(error["kind"], "not-found");
}

#[test]
fn a_setting_with_a_bad_value_is_refused_and_changes_nothing() {
    let (_guard, _app, window) = start();
    let error = invoke(
        &window,
        "set_setting",
        json!({"key": "region", "value": "atlantis"}),
    )
    .unwrap_err();
    assert_eq!(error["kind"], "bad-setting");
    let error = invoke(
        &window,
        "set_setting",
        json!({"key": "colour", "value": "red"}),
    )
    .unwrap_err();
    assert_eq!(error["kind"], "bad-setting");
    let settings = invoke(&window, "settings", json!({})).unwrap();
    assert_eq!(settings["region"], "uk");
}

#[test]
fn choosing_a_region_changes_the_helplines_on_an_article() {
    let (_guard, _app, window) = start();
    let names = |window: &WebviewWindow<MockRuntime>| -> Vec<String> {
        invoke(
            window,
            "article",
            json!({"id": "telling-someone-and-coping"}),
        )
        .unwrap()["helplines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["name"].as_str().unwrap().to_string())
            .collect()
    };
    let uk = names(&window);
    assert!(!uk.is_empty());
    invoke(
        &window,
        "set_setting",
        json!({"key": "region", "value": "au"}),
    )
    .unwrap();
    let au = names(&window);
    assert!(!au.is_empty());
    assert_ne!(uk, au, "the helplines follow the region");
    assert!(uk.iter().any(|n| n == "Samaritans"), "{uk:?}");
    assert!(au.iter().any(|n| n == "Lifeline"), "{au:?}");
    invoke(
        &window,
        "set_setting",
        json!({"key": "region", "value": "uk"}),
    )
    .unwrap();
}
