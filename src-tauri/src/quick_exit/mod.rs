//! The quick exit: one key press or one click hides Harbour before anyone can read the screen.
//!
//! Three ways in, one way out ([`hide`]):
//! - **Escape from any app** while Harbour is on screen: `harbour-quick-exit`'s
//!   [`QuickExitKey`], which picks this system's way once at start (an X11 grab, a Windows hot
//!   key, a macOS Carbon hot key, or the Wayland desktop's shortcut once the person asked for
//!   it) and calls [`hide`] straight from its own thread (no webview round trip, so it works
//!   while the page's JavaScript is busy or hung). It is held while the window is shown and
//!   given back the moment it is hidden, so Escape works normally elsewhere while Harbour hides.
//!   Nothing here knows which system this is: the page shows the key's own [`Status`].
//! - **Escape inside Harbour's window**: a GTK key handler on the window itself (Linux), again in
//!   Rust; on other systems the page's own Escape handler calls the `quick_exit` command.
//! - **The Quick exit button** at the top of every screen: the `quick_exit` command.
//!
//! [`hide`] hides the window first (no animation), then gives the key back, resets the page to
//! a neutral home screen, and quits if the person chose "close completely". Launching Harbour
//! again ([`show`], via the single-instance plugin, or the Dock on macOS) brings the same window
//! back.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use harbour_quick_exit::{Options, QuickExitKey, Status, System, FAILED_REASON};
use harbour_settings::Change;
use harbour_words::{AfterExit, EscapeScope};
use tauri::{AppHandle, Manager, Runtime};

use crate::settings::SettingsState;
use crate::window::{come_to_front, is_on_screen, leave_front, main_window};

#[cfg(feature = "bench-stock-shortcut")]
pub mod stock_plugin;

/// Script run in the page after a hide: forget what was on screen (see ui/components/quick-exit).
const RESET_PAGE: &str = "window.__harbourReset && window.__harbourReset();";

/// How long the desktop may take to answer "bind the quick exit" (its dialog waits for the
/// person to read and choose).
const ASK_DESKTOP_WAIT: Duration = Duration::from_secs(120);

/// The quick exit's state, managed by Tauri.
pub struct QuickExit {
    /// The key that works from other apps, on whatever system this is (started in [`start`]).
    key: OnceLock<QuickExitKey>,
    /// The person used the quick exit during the introduction and Harbour is still hidden.
    practised_while_hidden: AtomicBool,
    /// ...and has now come back: the page says "you did it" once.
    just_practised: AtomicBool,
}

impl QuickExit {
    /// Nothing runs yet: the key starts in [`start`], once the app can be reached.
    pub fn new() -> Self {
        QuickExit {
            key: OnceLock::new(),
            practised_while_hidden: AtomicBool::new(false),
            just_practised: AtomicBool::new(false),
        }
    }

    /// What the quick-exit key does right now, in the backend's own words.
    pub fn status(&self) -> Status {
        match self.key.get() {
            Some(key) => key.status(),
            // Only before `start`, which the app's setup runs before any command can ask.
            None => Status::in_window_only(System::detect(), FAILED_REASON),
        }
    }

    /// Returns true once after the person practised the quick exit.
    pub fn take_just_practised(&self) -> bool {
        self.just_practised.swap(false, Ordering::AcqRel)
    }

    /// Holds the key if the setting asks for it; a failure is kept in the status, never fatal.
    fn arm_if_wanted(&self, scope: EscapeScope) {
        let Some(key) = self.key.get() else {
            return;
        };
        if scope == EscapeScope::AnyApp {
            let _ = key.arm();
        } else {
            key.disarm();
        }
    }

    fn disarm(&self) {
        if let Some(key) = self.key.get() {
            key.disarm();
        }
    }
}

impl Default for QuickExit {
    fn default() -> Self {
        Self::new()
    }
}

/// Starts the quick exit for the main window: the key for this system (where possible), the
/// in-window key handler, and the key held if the window is on screen.
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let quick = app.state::<QuickExit>();
    let handle = app.clone();
    let gui = app.clone();
    let mut options = Options::detect();
    if cfg!(feature = "bench-stock-shortcut") {
        // The benchmark's baseline drives Escape with the stock plugin instead.
        options.system = System::InWindowOnly;
    }
    options.desktop_shortcut = app
        .try_state::<SettingsState>()
        .is_some_and(|s| s.get().desktop_shortcut);
    options.run_on_gui_thread = Some(Arc::new(move |work| {
        let _ = gui.run_on_main_thread(work);
    }));
    let _ = quick.key.set(QuickExitKey::start(
        options,
        Arc::new(move || hide(&handle)),
    ));
    if let Some(window) = main_window(app) {
        in_window::hook(&window, app.clone());
        if window.is_visible().unwrap_or(false) {
            quick.arm_if_wanted(scope(app));
            #[cfg(feature = "bench-stock-shortcut")]
            stock_plugin::grab(app);
        }
    }
}

fn scope<R: Runtime>(app: &AppHandle<R>) -> EscapeScope {
    app.try_state::<SettingsState>()
        .map(|s| s.get().escape_scope)
        .unwrap_or_default()
}

/// Re-applies the Escape setting after it changed (`lib.rs` calls this from a settings
/// listener).
pub fn apply_scope<R: Runtime>(app: &AppHandle<R>) {
    let quick = app.state::<QuickExit>();
    if is_on_screen(app) {
        quick.arm_if_wanted(scope(app));
    } else {
        quick.disarm();
    }
}

/// The quick exit itself. Hides first; everything else comes after the window is gone.
pub fn hide<R: Runtime>(app: &AppHandle<R>) {
    let window = main_window(app);
    if let Some(window) = &window {
        let _ = window.hide();
    }
    leave_front(app);
    let quick = app.state::<QuickExit>();
    quick.disarm();
    #[cfg(feature = "bench-stock-shortcut")]
    stock_plugin::release(app);
    if let Some(window) = &window {
        let _ = window.eval(RESET_PAGE);
    }
    if let Some(settings) = app.try_state::<SettingsState>() {
        let current = settings.get();
        if !current.intro_done {
            quick.practised_while_hidden.store(true, Ordering::Release);
            let _ = settings.change(Change::IntroDone);
        }
        if current.after_exit == AfterExit::Close {
            app.exit(0);
        }
    }
}

/// Brings the hidden window back (Harbour launched again), on the neutral home screen.
pub fn show<R: Runtime>(app: &AppHandle<R>) {
    let Some(window) = main_window(app) else {
        return;
    };
    let quick = app.state::<QuickExit>();
    if quick.practised_while_hidden.swap(false, Ordering::AcqRel) {
        quick.just_practised.store(true, Ordering::Release);
    }
    // The page was reset when it was hidden; reset again in case that script was still queued
    // behind a busy page then (this also shows the "you did it" note after the practice).
    let _ = window.eval(RESET_PAGE);
    come_to_front(app);
    let _ = window.unminimize();
    let _ = window.show();
    let _ = window.set_focus();
    quick.arm_if_wanted(scope(app));
    #[cfg(feature = "bench-stock-shortcut")]
    stock_plugin::grab(app);
}

/// The Quick exit button, and Escape inside the window where Rust cannot catch it itself.
#[tauri::command]
pub fn quick_exit<R: Runtime>(app: AppHandle<R>) {
    hide(&app);
}

/// Wayland: the person asked Harbour to ask their desktop for the quick-exit shortcut. Waits
/// (off the GUI thread) for the desktop's answer, which may follow a dialog; saves the choice
/// only when the desktop said yes (and forgets it on a no). Returns the new status either way:
/// the page shows what is true, including a refusal.
#[tauri::command]
pub async fn ask_desktop_shortcut<R: Runtime>(app: AppHandle<R>) -> Status {
    let asking = app.clone();
    let answer = tauri::async_runtime::spawn_blocking(move || {
        let quick = asking.state::<QuickExit>();
        quick.key.get().map(|key| key.ask_desktop(ASK_DESKTOP_WAIT))
    })
    .await;
    // A yes is saved, so the next start binds again without a dialog; a no forgets an earlier
    // yes, so a later start does not bring the desktop's question back unasked. A failed save
    // is told by the settings notice; the answer holds for this run anyway.
    let saved = match answer {
        Ok(Some(Ok(_))) => Some(true),
        Ok(Some(Err(harbour_quick_exit::Error::Refused))) => Some(false),
        _ => None,
    };
    if let (Some(on), Some(settings)) = (saved, app.try_state::<SettingsState>()) {
        if settings.get().desktop_shortcut != on {
            let _ = settings.change(Change::DesktopShortcut(on));
        }
    }
    app.state::<QuickExit>().status()
}

#[cfg(target_os = "linux")]
mod in_window {
    //! Escape inside Harbour's window, caught by GTK before the webview sees it, on the GUI
    //! thread: it works even while the page's JavaScript is busy.

    use gtk::prelude::*;
    use tauri::{AppHandle, Runtime, WebviewWindow};

    pub fn hook<R: Runtime>(window: &WebviewWindow<R>, app: AppHandle<R>) {
        // Only the real runtime has a GTK window (Tauri's mock runtime, used by the command
        // tests, panics when asked for one).
        if std::any::TypeId::of::<R>() != std::any::TypeId::of::<tauri::Wry>() {
            return;
        }
        let Ok(gtk_window) = window.gtk_window() else {
            return;
        };
        gtk_window.connect_key_press_event(move |_, event| {
            if event.keyval() == gtk::gdk::keys::constants::Escape {
                super::hide(&app);
                gtk::glib::Propagation::Stop
            } else {
                gtk::glib::Propagation::Proceed
            }
        });
    }
}

#[cfg(not(target_os = "linux"))]
mod in_window {
    //! Elsewhere the page's own Escape handler calls the `quick_exit` command.

    use tauri::{AppHandle, Runtime, WebviewWindow};

    pub fn hook<R: Runtime>(_window: &WebviewWindow<R>, _app: AppHandle<R>) {}
}
