//! Harbour's commands driven through Tauri's mock runtime, with the real config and capability
//! files: what the page gets back, and what it is refused.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;

use tauri::{App, Manager, WebviewWindow};

/// One app at a time: they share this process's environment (where Harbour's folders are).
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// A running Harbour on the mock runtime, with the folder it saves in.
struct Harbour {
    _guard: std::sync::MutexGuard<'static, ()>,
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    /// Harbour's data folder: where ticks and settings are saved.
    data: PathBuf,
    /// The test's folder when [`start`] made it (removed when the test ends).
    _home: Option<tempfile::TempDir>,
}

/// A fresh folder for one test, so no test sees another's settings or ticks; removed when
/// dropped.
fn fresh_home(test: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("harbour-commands-{test}-"))
        .tempdir()
        .expect("a test folder")
}

/// Starts Harbour with its folders in `home` (a folder from [`fresh_home`], possibly used by an
/// earlier start in the same test).
fn start_in(home: &Path) -> Harbour {
    let guard = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    std::env::set_var("XDG_DATA_HOME", home.join("data"));
    std::env::set_var("XDG_RUNTIME_DIR", home);
    // No organisation policy from this machine: a file that does not exist is no policy.
    std::env::set_var("HARBOUR_POLICY", home.join("no-policy.toml"));
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
    let data = app.path().app_data_dir().expect("a data folder");
    Harbour {
        _guard: guard,
        _app: app,
        window,
        data,
        _home: None,
    }
}

/// Starts Harbour in `home` and chooses `region` there (saved at once).
fn start_with_region(home: &Path, region: &str) -> Harbour {
    let harbour = start_in(home);
    invoke(
        &harbour.window,
        "set_setting",
        json!({"key": "region", "value": region}),
    )
    .expect("a region can be chosen");
    harbour
}

/// Starts Harbour in a fresh folder of its own.
fn start(test: &str) -> Harbour {
    let home = fresh_home(test);
    let mut harbour = start_in(home.path());
    harbour._home = Some(home);
    harbour
}

/// The names of the files in a folder, sorted (none if it does not exist).
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A saved JSON file, read back.
fn saved(path: PathBuf) -> Value {
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).expect("saved files are JSON")
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
    let harbour = start("home_lists_the_five_situations");
    let window = &harbour.window;
    let home = invoke(window, "home", json!({})).expect("home answers");
    let ids: Vec<&str> = home["routes"]
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
fn home_gives_the_emergency_number_of_the_readers_region_only() {
    let harbour = start("home-emergency");
    let window = &harbour.window;
    let phones = |window: &WebviewWindow<MockRuntime>| -> Vec<String> {
        invoke(window, "home", json!({})).unwrap()["helplines"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|h| h["phone"].as_str().map(str::to_string))
            .collect()
    };
    let expected = [
        ("uk", "999", ["911", "000"]),
        ("ie", "112", ["911", "000"]),
        ("us", "911", ["999", "000"]),
        ("ca", "911", ["999", "000"]),
        ("au", "000", ["999", "911"]),
    ];
    for (region, emergency, others) in expected {
        invoke(
            window,
            "set_setting",
            json!({"key": "region", "value": region}),
        )
        .unwrap();
        let phones = phones(window);
        assert_eq!(
            phones.first().map(String::as_str),
            Some(emergency),
            "{region}: the emergency number comes first: {phones:?}"
        );
        for other in others {
            assert!(
                !phones.iter().any(|p| p == other),
                "{region} must not show {other}: {phones:?}"
            );
        }
    }
}

#[test]
fn a_route_lists_its_articles_with_titles() {
    let harbour = start("a_route_lists_its_articles_with_titles");
    let window = &harbour.window;
    let route = invoke(window, "route", json!({"id": "threatened"})).expect("route answers");
    let cards = route["cards"].as_array().expect("cards");
    assert!(!cards.is_empty());
    assert!(cards
        .iter()
        .all(|c| !c["title"].as_str().unwrap_or("").is_empty()));
}

#[test]
fn an_article_comes_with_summary_steps_and_sources() {
    let harbour = start("an_article_comes_with_summary_steps_and_sources");
    let window = &harbour.window;
    let article = invoke(window, "article", json!({"id": "right-now"})).expect("article answers");
    assert!(!article["title"].as_str().unwrap_or("").is_empty());
    assert!(!article["do_now"].as_array().expect("steps").is_empty());
    assert!(!article["sources"].as_array().expect("sources").is_empty());
    assert!(article["body_html"].as_str().unwrap_or("").contains("<p>"));
}

#[test]
fn an_unknown_article_is_a_clear_not_found_error() {
    let harbour = start("an_unknown_article_is_a_clear_not_found_error");
    let window = &harbour.window;
    let error = invoke(window, "article", json!({"id": "no-such-thing"})).unwrap_err();
    assert_eq!(error["kind"], "not-found");
    assert_eq!(
        error["message"],
        "There is no article called \"no-such-thing\"."
    );
}

#[test]
fn an_oversized_id_is_refused_without_echoing_it() {
    let harbour = start("an_oversized_id_is_refused_without_echoing_it");
    let window = &harbour.window;
    let huge = "a".repeat(200_000);
    let error = invoke(window, "route", json!({"id": huge})).unwrap_err();
    assert_eq!(error["kind"], "not-found");
    assert!(error["message"].as_str().unwrap_or("").len() < 100);
}

#[test]
fn a_missing_argument_is_an_error_not_a_crash() {
    let harbour = start("a_missing_argument_is_an_error_not_a_crash");
    let window = &harbour.window;
    assert!(invoke(window, "article", json!({})).is_err());
}

#[test]
fn commands_outside_harbours_own_are_refused() {
    let harbour = start("commands_outside_harbours_own_are_refused");
    let window = &harbour.window;
    // Core window commands are not granted to the page: it cannot move, hide or close windows,
    // read files or open URLs by itself.
    for cmd in [
        "plugin:window|close",
        "plugin:webview|print",
        "plugin:event|emit",
    ] {
        // Refused by the capability (not merely unknown or badly called).
        let error = invoke(window, cmd, json!({"label": "main"})).unwrap_err();
        assert!(
            error.as_str().unwrap_or_default().contains("not allowed"),
            "{cmd} should be refused by the capability: {error}"
        );
    }
}

#[test]
fn a_tick_for_an_unknown_list_or_step_is_refused() {
    let harbour = start("a_tick_for_an_unknown_list_or_step_is_refused");
    let window = &harbour.window;
    let error = invoke(
        window,
        "set_tick",
        json!({"list": "threatened", "item": "no-such-step", "ticked": true}),
    )
    .unwrap_err();
    assert_eq!(error["message"], "That step is not in this checklist.");
    let error = invoke(
        window,
        "set_tick",
        json!({"list": "nope", "item": "dont-pay", "ticked": true}),
    )
    .unwrap_err();
    assert_eq!(error["kind"], "not-found");
}

#[test]
fn a_setting_with_a_bad_value_is_refused_and_changes_nothing() {
    let harbour = start("a_setting_with_a_bad_value_is_refused_and_changes_nothing");
    let window = &harbour.window;
    let error = invoke(
        window,
        "set_setting",
        json!({"key": "region", "value": "atlantis"}),
    )
    .unwrap_err();
    assert_eq!(error["kind"], "bad-setting");
    let error = invoke(
        window,
        "set_setting",
        json!({"key": "colour", "value": "red"}),
    )
    .unwrap_err();
    assert_eq!(error["kind"], "bad-setting");
    let settings = invoke(window, "settings", json!({})).unwrap();
    assert_eq!(settings["region"], "uk");
}

#[test]
fn choosing_a_region_changes_the_helplines_on_an_article() {
    let harbour = start("choosing_a_region_changes_the_helplines_on_an_article");
    let window = &harbour.window;
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
    let uk = names(window);
    assert!(!uk.is_empty());
    invoke(
        window,
        "set_setting",
        json!({"key": "region", "value": "au"}),
    )
    .unwrap();
    let au = names(window);
    assert!(!au.is_empty());
    assert_ne!(uk, au, "the helplines follow the region");
    assert!(uk.iter().any(|n| n == "Samaritans"), "{uk:?}");
    assert!(au.iter().any(|n| n == "Lifeline"), "{au:?}");
    invoke(
        window,
        "set_setting",
        json!({"key": "region", "value": "uk"}),
    )
    .unwrap();
}

#[test]
fn a_tick_is_saved_at_once_with_a_last_good_copy_and_reset_unticks_on_disk() {
    let harbour = start("tick-and-reset");
    let window = &harbour.window;
    let view = invoke(
        window,
        "set_tick",
        json!({"list": "threatened", "item": "dont-pay", "ticked": true}),
    )
    .expect("a real step can be ticked");
    assert_eq!(view["done"], 1);
    assert_eq!(view["ticked"], json!(["dont-pay"]));
    for file in ["checklist.json", "checklist.last-good.json"] {
        let on_disk = saved(harbour.data.join(file));
        assert_eq!(
            on_disk["progress"]["threatened"],
            json!(["dont-pay"]),
            "{file}: {on_disk}"
        );
    }
    let view = invoke(window, "reset_checklist", json!({"id": "threatened"})).unwrap();
    assert_eq!(view["done"], 0);
    let on_disk = saved(harbour.data.join("checklist.json"));
    assert!(on_disk["progress"].get("threatened").is_none(), "{on_disk}");
}

#[test]
fn dont_save_deletes_the_ticks_keeps_only_that_choice_and_saves_again_when_off() {
    let harbour = start("dont-save");
    let window = &harbour.window;
    let tick = |item: &str| {
        invoke(
            window,
            "set_tick",
            json!({"list": "threatened", "item": item, "ticked": true}),
        )
        .unwrap()
    };
    tick("dont-pay");
    assert!(harbour.data.join("checklist.json").exists());

    invoke(window, "set_dont_save", json!({"on": true})).unwrap();
    assert_eq!(
        files_in(&harbour.data),
        ["settings.json", "settings.last-good.json"],
        "only the choice itself is kept"
    );
    assert_eq!(saved(harbour.data.join("settings.json"))["dont_save"], true);
    let view = tick("keep-evidence");
    assert_eq!(view["done"], 2, "ticks still work, in memory");
    assert_eq!(view["saving"]["on"], false);
    assert!(!harbour.data.join("checklist.json").exists());

    invoke(window, "set_dont_save", json!({"on": false})).unwrap();
    let on_disk = saved(harbour.data.join("checklist.json"));
    assert_eq!(
        on_disk["progress"]["threatened"],
        json!(["dont-pay", "keep-evidence"]),
        "the ticks made meanwhile are saved once saving is back on"
    );
    assert_eq!(
        saved(harbour.data.join("settings.json"))["dont_save"],
        false
    );
}

#[test]
fn delete_everything_leaves_no_file_behind() {
    let harbour = start("delete-everything");
    let window = &harbour.window;
    invoke(
        window,
        "set_tick",
        json!({"list": "threatened", "item": "dont-pay", "ticked": true}),
    )
    .unwrap();
    invoke(
        window,
        "set_setting",
        json!({"key": "region", "value": "ie"}),
    )
    .unwrap();
    std::fs::write(harbour.data.join("settings.damaged-1764100000.json"), "{").unwrap();
    assert!(files_in(&harbour.data).len() >= 5);

    invoke(window, "delete_everything", json!({})).expect("everything is deleted");
    assert_eq!(files_in(&harbour.data), Vec::<String>::new());
    let view = invoke(window, "checklist", json!({"id": "threatened"})).unwrap();
    assert_eq!(view["done"], 0, "the ticks are gone at once");
}

#[test]
fn a_setting_is_saved_whole_at_once_and_read_back_at_the_next_start() {
    let home = fresh_home("settings-saved");
    let data = {
        let harbour = start_with_region(home.path(), "au");
        invoke(&harbour.window, "finish_intro", json!({})).unwrap();
        let on_disk = saved(harbour.data.join("settings.json"));
        assert_eq!(on_disk["region"], "au");
        assert_eq!(on_disk["intro_done"], true);
        assert_eq!(on_disk, saved(harbour.data.join("settings.last-good.json")));
        harbour.data.clone()
    };
    let harbour = start_in(home.path());
    let settings = invoke(&harbour.window, "settings", json!({})).unwrap();
    assert_eq!(settings["region"], "au");
    assert_eq!(settings["intro_done"], true);
    assert_eq!(settings["notice"], Value::Null);
    assert_eq!(harbour.data, data);
}

#[test]
fn a_torn_settings_file_gives_back_the_last_good_settings_and_says_so_once() {
    let home = fresh_home("settings-torn");
    let path = start_with_region(home.path(), "au")
        .data
        .join("settings.json");
    let whole = std::fs::read(&path).unwrap();
    std::fs::write(&path, &whole[..whole.len() / 2]).unwrap();

    let harbour = start_in(home.path());
    let settings = invoke(&harbour.window, "settings", json!({})).unwrap();
    assert_eq!(settings["region"], "au", "the region is not lost");
    let notice = settings["notice"].as_str().expect("the person is told");
    assert!(notice.contains("damaged"), "{notice}");
    assert!(files_in(&harbour.data)
        .iter()
        .any(|name| name.starts_with("settings.damaged-")));
    // Told once.
    let again = invoke(&harbour.window, "settings", json!({})).unwrap();
    assert_eq!(again["notice"], Value::Null);
    // Finishing the intro saves, and the region is still there on disk.
    invoke(&harbour.window, "finish_intro", json!({})).unwrap();
    assert_eq!(saved(path)["region"], "au");
}

#[test]
fn the_capability_grants_exactly_harbours_commands() {
    let capability: Value =
        serde_json::from_str(include_str!("../capabilities/main.json")).unwrap();
    let mut granted: Vec<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect();
    let mut listed: Vec<String> = harbour_app::COMMANDS
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    granted.sort();
    listed.sort();
    assert_eq!(granted, listed);
}

#[test]
fn every_listed_command_is_handled() {
    let harbour = start("every-command");
    // Quick exit last: it hides the window.
    let mut commands = harbour_app::COMMANDS.to_vec();
    commands.sort_by_key(|c| *c == "quick_exit");
    for command in commands {
        // Called without arguments: each either answers or refuses the call, but none is
        // unknown to the handler.
        if let Err(error) = invoke(&harbour.window, command, json!({})) {
            let text = error.to_string().to_lowercase();
            assert!(
                !text.contains(&format!("command {command} not found")),
                "{command} is listed but not handled: {text}"
            );
            assert!(
                !text.contains("not allowed"),
                "{command} is listed but not granted: {text}"
            );
        }
    }
}

#[test]
fn the_desktop_shortcut_is_saved_only_when_a_desktop_bound_it() {
    // No Wayland desktop here, so asking cannot succeed: the answer says what is true, and no
    // "desktop_shortcut" is saved that would make a later start claim (or ask for) it. (The
    // Wayland path is tested against a fake portal: crates/quick-exit/tests/portal.rs and
    // tests/e2e/tests/desktop_shortcut.rs.) Never run in a real Wayland session, where asking
    // would put the desktop's own dialog in front of whoever runs the tests.
    if harbour_quick_exit::System::detect() == harbour_quick_exit::System::WaylandPortal {
        eprintln!(
            "SKIPPED the_desktop_shortcut_is_saved_only_when_a_desktop_bound_it: a Wayland session"
        );
        return;
    }
    let harbour = start("desktop-shortcut");
    let status = invoke(&harbour.window, "ask_desktop_shortcut", json!({})).unwrap();
    assert_ne!(status["system"], "wayland-portal", "{status}");
    assert_eq!(status["desktop_step"], Value::Null, "{status}");
    let settings = invoke(&harbour.window, "settings", json!({})).unwrap();
    assert_eq!(settings["desktop_shortcut"], false);
    assert_eq!(settings["quick_exit"], status);
    let refused = invoke(
        &harbour.window,
        "set_setting",
        json!({"key": "desktop_shortcut", "value": true}),
    );
    assert!(refused.is_err(), "the page may not turn it on: {refused:?}");
}
