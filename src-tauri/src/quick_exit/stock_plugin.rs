//! The baseline for the latency benchmark only (`--features bench-stock-shortcut`): the same
//! quick exit driven by tauri-plugin-global-shortcut instead of Harbour's own X11 listener, so
//! `docs/benchmarks.md` can compare both in one run. Never in a build meant for people.

use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Runtime};
use tauri_plugin_global_shortcut::{Code, GlobalShortcutExt, Shortcut, ShortcutState};

fn escape() -> Shortcut {
    Shortcut::new(None, Code::Escape)
}

/// The plugin, with a handler that runs the quick exit on key press.
pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri_plugin_global_shortcut::Builder::new()
        .with_handler(|app, _shortcut, event| {
            if event.state == ShortcutState::Pressed {
                super::hide(app);
            }
        })
        .build()
}

/// Registers Escape (the window is on screen).
pub fn grab<R: Runtime>(app: &AppHandle<R>) {
    let _ = app.global_shortcut().register(escape());
}

/// Unregisters Escape. Deferred to another thread: the plugin deadlocks if this runs inside its
/// own handler.
pub fn release<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    std::thread::spawn(move || {
        let _ = app.global_shortcut().unregister(escape());
    });
}
