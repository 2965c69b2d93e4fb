//! The quick exit: one key press or one click hides Harbour before anyone can read the screen.
//!
//! Three ways in, one way out ([`hide`]):
//! - **Escape from any app** while Harbour is on screen: `harbour-quick-exit`'s X11 grab, which
//!   calls [`hide`] straight from its own thread (no webview round trip, so it works while the
//!   page's JavaScript is busy or hung). The grab is taken when the window is shown and released
//!   the moment it is hidden, so Escape works normally elsewhere while Harbour is hidden.
//! - **Escape inside Harbour's window**: a GTK key handler on the window itself (Linux), again in
//!   Rust; on other systems the page's own Escape handler calls the `quick_exit` command.
//! - **The Quick exit button** at the top of every screen: the `quick_exit` command.
//!
//! [`hide`] hides the window first (no animation), then releases the grab, resets the page to a
//! neutral home screen, and quits if the person chose "close completely". Launching Harbour
//! again ([`show`], via the single-instance plugin) brings the same window back.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use harbour_quick_exit::{detect_reach, GlobalEscape, Reach};
use harbour_settings::Change;
use harbour_words::{AfterExit, EscapeScope};
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};

use crate::settings::SettingsState;
use crate::window::{is_on_screen, main_window};

#[cfg(feature = "bench-stock-shortcut")]
pub mod stock_plugin;

/// Script run in the page after a hide: forget what was on screen (see ui/components/quick-exit).
const RESET_PAGE: &str = "window.__harbourReset && window.__harbourReset();";

/// The quick exit's state, managed by Tauri.
pub struct QuickExit {
    reach: Reach,
    global: Mutex<Option<GlobalEscape>>,
    /// Why Escape does not work from other apps right now, in plain words (None: it does).
    problem: Mutex<Option<String>>,
    /// The person used the quick exit during the introduction and Harbour is still hidden.
    practised_while_hidden: AtomicBool,
    /// ...and has now come back: the page says "you did it" once.
    just_practised: AtomicBool,
}

/// What the settings screen says about the quick exit.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// Escape hides Harbour even when another app is in front, right now.
    pub any_app_active: bool,
    /// Whether this system allows it at all (false on Wayland).
    pub any_app_possible: bool,
    /// Why it is not active, when it is not, in plain words.
    pub reason: Option<String>,
}

impl QuickExit {
    /// Detects what this session allows. The global listener starts in [`start`].
    pub fn new() -> Self {
        QuickExit {
            reach: detect_reach(),
            global: Mutex::new(None),
            problem: Mutex::new(None),
            practised_while_hidden: AtomicBool::new(false),
            just_practised: AtomicBool::new(false),
        }
    }

    /// What is active now.
    pub fn status(&self) -> Status {
        let any_app_possible = self.reach.is_any_app();
        let problem = self
            .problem
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let grabbed = self
            .global
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .is_some_and(GlobalEscape::is_grabbed);
        let reason = match &self.reach {
            Reach::InWindowOnly { reason } => Some(reason.clone()),
            Reach::AnyApp => problem,
        };
        Status {
            any_app_active: grabbed,
            any_app_possible,
            reason,
        }
    }

    /// Returns true once after the person practised the quick exit.
    pub fn take_just_practised(&self) -> bool {
        self.just_practised.swap(false, Ordering::AcqRel)
    }

    fn set_problem(&self, problem: Option<String>) {
        *self.problem.lock().unwrap_or_else(PoisonError::into_inner) = problem;
    }

    /// Takes the grab if the setting asks for it; a failure is recorded and shown, never fatal.
    fn grab_if_wanted(&self, scope: EscapeScope) {
        let global = self.global.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(global) = global.as_ref() else {
            return;
        };
        if scope != EscapeScope::AnyApp {
            let _ = global.release();
            self.set_problem(None);
            return;
        }
        match global.grab() {
            Ok(()) => self.set_problem(None),
            Err(harbour_quick_exit::Error::AlreadyTaken) => self.set_problem(Some(
                "Another app is already using the Escape key, so Escape only hides Harbour while \
                 Harbour is in front. The Quick exit button always works."
                    .into(),
            )),
            Err(_) => self.set_problem(Some(
                "Harbour could not set up Escape for other apps, so Escape only hides Harbour \
                 while Harbour is in front. The Quick exit button always works."
                    .into(),
            )),
        }
    }

    fn release(&self) {
        if let Some(global) = self
            .global
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
        {
            let _ = global.release();
        }
    }
}

impl Default for QuickExit {
    fn default() -> Self {
        Self::new()
    }
}

/// Starts the quick exit for the main window: the global listener (where possible), the
/// in-window key handler, and the grab if the window is on screen.
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let quick = app.state::<QuickExit>();
    if quick.reach.is_any_app() && !cfg!(feature = "bench-stock-shortcut") {
        let handle = app.clone();
        match GlobalEscape::start(move || hide(&handle)) {
            Ok(global) => {
                *quick.global.lock().unwrap_or_else(PoisonError::into_inner) = Some(global);
            }
            Err(_) => quick.set_problem(Some(
                "Harbour could not listen for Escape in other apps, so Escape only hides Harbour \
                 while Harbour is in front. The Quick exit button always works."
                    .into(),
            )),
        }
    }
    if let Some(window) = main_window(app) {
        in_window::hook(&window, app.clone());
        if window.is_visible().unwrap_or(false) {
            quick.grab_if_wanted(scope(app));
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
        quick.grab_if_wanted(scope(app));
    } else {
        quick.release();
    }
}

/// The quick exit itself. Hides first; everything else comes after the window is gone.
pub fn hide<R: Runtime>(app: &AppHandle<R>) {
    let window = main_window(app);
    if let Some(window) = &window {
        let _ = window.hide();
    }
    let quick = app.state::<QuickExit>();
    quick.release();
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
    let _ = window.unminimize();
    let _ = window.show();
    let _ = window.set_focus();
    quick.grab_if_wanted(scope(app));
    #[cfg(feature = "bench-stock-shortcut")]
    stock_plugin::grab(app);
}

/// The Quick exit button, and Escape inside the window where Rust cannot catch it itself.
#[tauri::command]
pub fn quick_exit<R: Runtime>(app: AppHandle<R>) {
    hide(&app);
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
