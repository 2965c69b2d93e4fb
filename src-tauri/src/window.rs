//! Harbour's one window, and where its web engine keeps its own files.
//!
//! WebKit writes caches, salts and storage files for every web view. None of them hold what was
//! read (Harbour loads nothing from the network), but their presence in Harbour's data folder
//! is a trace the person did not ask for, and "Delete everything Harbour saved" could not remove
//! them while the engine runs. So the engine gets a private folder of its own in the session's
//! runtime folder (`$XDG_RUNTIME_DIR`, memory-backed on most Linux desktops and emptied at
//! logout; the system temp folder otherwise), new for each run and removed when Harbour quits.
//! Harbour's data folder then holds only what the person chose to save.
//!
//! (The webview's "incognito" mode would do this too, but WebKitGTK then refuses automation,
//! which Harbour's end-to-end tests rely on.)

use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use tauri::{AppHandle, Manager, Runtime, WebviewUrl, WebviewWindow, WebviewWindowBuilder};

/// The label of Harbour's one window.
pub const MAIN_WINDOW: &str = "main";

/// The web engine's folder for this run, remembered so it can be removed at exit.
struct WebviewData(PathBuf);

fn new_webview_dir() -> PathBuf {
    let base = std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|p| p.is_dir())
        .unwrap_or_else(std::env::temp_dir);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    base.join(format!("harbour-webview-{}-{nanos}", std::process::id()))
}

/// Opens the main window on the home screen.
pub fn open<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let data = new_webview_dir();
    app.manage(WebviewData(data.clone()));
    WebviewWindowBuilder::new(app, MAIN_WINDOW, WebviewUrl::App("index.html".into()))
        .title("Harbour")
        .inner_size(980.0, 760.0)
        // 320 px wide: WCAG 1.4.10 (reflow) asks that nothing needs sideways scrolling there.
        .min_inner_size(320.0, 420.0)
        .center()
        .data_directory(data)
        .build()?;
    Ok(())
}

/// Harbour's one window, if it is open.
pub fn main_window<R: Runtime>(app: &AppHandle<R>) -> Option<WebviewWindow<R>> {
    app.get_webview_window(MAIN_WINDOW)
}

/// Whether Harbour's window is on screen now.
pub fn is_on_screen<R: Runtime>(app: &AppHandle<R>) -> bool {
    main_window(app)
        .and_then(|w| w.is_visible().ok())
        .unwrap_or(false)
}

/// Removes the web engine's folder (at exit).
pub fn forget_webview_data<R: Runtime>(app: &AppHandle<R>) {
    if let Some(data) = app.try_state::<WebviewData>() {
        let _ = std::fs::remove_dir_all(&data.0);
    }
}

/// After the window is hidden: on macOS also hide the app, so the app that was behind comes to
/// the front and Cmd+Tab does not land on Harbour first. Elsewhere hiding the window already
/// takes Harbour out of the taskbar and the window switcher.
pub fn leave_front<R: Runtime>(app: &AppHandle<R>) {
    // The one macOS call Tauri has no cross-platform name for (built, not run: see
    // docs/decisions.md, "Quick exit on each system").
    #[cfg(target_os = "macos")]
    let _ = app.hide();
    let _ = app;
}

/// Before the window is shown again: the reverse of [`leave_front`].
pub fn come_to_front<R: Runtime>(app: &AppHandle<R>) {
    #[cfg(target_os = "macos")]
    let _ = app.show();
    let _ = app;
}
