//! Harbour's commands driven through Tauri's mock runtime, with the real config and capability
//! files: what the page gets back, and what it is refused.

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

fn start() -> (App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let app = harbour_app::app(mock_builder())
        .build(tauri::generate_context!())
        .expect("Harbour builds on the mock runtime");
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("the main window opens");
    (app, window)
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
    let (_app, window) = start();
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
    let (_app, window) = start();
    let route = invoke(&window, "route", json!({"id": "threatened"})).expect("route answers");
    let cards = route["cards"].as_array().expect("cards");
    assert!(!cards.is_empty());
    assert!(cards
        .iter()
        .all(|c| !c["title"].as_str().unwrap_or("").is_empty()));
}

#[test]
fn an_article_comes_with_summary_steps_and_sources() {
    let (_app, window) = start();
    let article = invoke(&window, "article", json!({"id": "right-now"})).expect("article answers");
    assert!(!article["title"].as_str().unwrap_or("").is_empty());
    assert!(!article["do_now"].as_array().expect("steps").is_empty());
    assert!(!article["sources"].as_array().expect("sources").is_empty());
    assert!(article["body_html"].as_str().unwrap_or("").contains("<p>"));
}

#[test]
fn an_unknown_article_is_a_clear_not_found_error() {
    let (_app, window) = start();
    let error = invoke(&window, "article", json!({"id": "no-such-thing"})).unwrap_err();
    assert_eq!(error["kind"], "not-found");
    assert_eq!(
        error["message"],
        "There is no article called \"no-such-thing\"."
    );
}

#[test]
fn an_oversized_id_is_refused_without_echoing_it() {
    let (_app, window) = start();
    let huge = "a".repeat(200_000);
    let error = invoke(&window, "route", json!({"id": huge})).unwrap_err();
    assert_eq!(error["kind"], "not-found");
    assert!(error["message"].as_str().unwrap_or("").len() < 100);
}

#[test]
fn a_missing_argument_is_an_error_not_a_crash() {
    let (_app, window) = start();
    assert!(invoke(&window, "article", json!({})).is_err());
}

#[test]
fn commands_outside_harbours_own_are_refused() {
    let (_app, window) = start();
    // Core window commands are not granted to the page: it cannot move, hide or close windows,
    // read files or open URLs by itself.
    for cmd in [
        "plugin:window|close",
        "plugin:webview|print",
        "plugin:event|emit",
    ] {
        assert!(
            invoke(&window, cmd, json!({"label": "main"})).is_err(),
            "{cmd} should be refused"
        );
    }
}
