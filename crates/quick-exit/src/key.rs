//! The quick-exit key: Escape hides Harbour from any app, with one backend per system, picked
//! once at start. This is the only place that knows which systems exist; the app calls
//! [`QuickExitKey::arm`] when its window is shown, [`QuickExitKey::disarm`] when it is hidden,
//! and shows [`QuickExitKey::status`] as it is, so it never promises more than is active.
//!
//! | system | how | while Harbour is hidden |
//! |---|---|---|
//! | X11 | a passive key grab on the root window ([`crate::GlobalEscape`]) | released |
//! | Windows | `RegisterHotKey(VK_ESCAPE, MOD_NOREPEAT)` on a thread of our own | unregistered |
//! | macOS | a Carbon hot key (`RegisterEventHotKey`, via global-hotkey) | unregistered |
//! | Wayland | the desktop's GlobalShortcuts portal, only once the person asks for it | session closed |
//! | anything else | none: Escape works only inside Harbour's window | - |

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use crate::hooks::{OnPress, RunOnGuiThread};
use crate::status::{Status, System};
use crate::Error;

/// How to start the quick-exit key. [`Options::detect`] is right for the app; tests set the
/// fields to reach a private X server or a private D-Bus.
#[derive(Clone)]
pub struct Options {
    /// Which backend to start.
    pub system: System,
    /// Wayland: the person already asked their desktop for the shortcut (a saved choice), so
    /// bind it again whenever Harbour is shown. Never asks unprompted otherwise: asking shows
    /// the desktop's own dialog.
    pub desktop_shortcut: bool,
    /// X11: the display to use instead of `DISPLAY`.
    pub x11_display: Option<String>,
    /// Wayland: the D-Bus address of the session bus instead of `DBUS_SESSION_BUS_ADDRESS`.
    pub session_bus: Option<String>,
    /// macOS: how to run work on the GUI thread.
    pub run_on_gui_thread: Option<RunOnGuiThread>,
}

impl Options {
    /// The options for this computer, as detected.
    pub fn detect() -> Self {
        Options {
            system: System::detect(),
            desktop_shortcut: false,
            x11_display: None,
            session_bus: None,
            run_on_gui_thread: None,
        }
    }
}

/// Why there is no key from other apps when there is no display at all.
pub const NO_DISPLAY_REASON: &str = "No display was found, so Harbour cannot catch keys pressed \
     in other apps. Escape hides Harbour only while Harbour's window is in front.";

/// Why there is no key from other apps on a system Harbour has no backend for.
pub const UNSUPPORTED_REASON: &str = "This version of Harbour cannot catch keys pressed in other \
     apps on this system. Escape hides Harbour only while Harbour's window is in front.";

/// Why the key is not active when another app holds Escape.
pub const TAKEN_REASON: &str = "Another app is already using the Escape key, so Escape only \
     hides Harbour while Harbour is in front. The Quick exit button always works.";

/// Why the key is not active when setting it up failed for another reason.
pub const FAILED_REASON: &str = "Harbour could not set up Escape for other apps, so Escape only \
     hides Harbour while Harbour is in front. The Quick exit button always works.";

/// Windows: a bare hot key never fires while an elevated window has focus.
pub const WINDOWS_ADMIN_LIMIT: &str = "Escape can't hide Harbour while a program that runs as \
     administrator is in front (Windows does not allow it). Click Harbour's Quick exit button \
     instead.";

/// The backend this computer uses. One variant per system; the app never sees it.
enum Backend {
    #[cfg(target_os = "linux")]
    X11(crate::x11::GlobalEscape),
    #[cfg(target_os = "linux")]
    Portal(crate::portal::Portal),
    #[cfg(windows)]
    Windows(crate::windows::HotKey),
    #[cfg(target_os = "macos")]
    MacOs(crate::macos::HotKey),
    /// No global key: why, in plain words.
    None(String),
}

/// Escape from any app, on whatever system this is. Safe to share between threads.
pub struct QuickExitKey {
    system: System,
    backend: Backend,
    /// The last failure to arm, shown until an arm succeeds.
    problem: Mutex<Option<String>>,
}

impl QuickExitKey {
    /// Starts the backend for `options.system`. Never fails: when the system's way does not
    /// work, the key falls back to in-window only and [`status`](Self::status) says why.
    ///
    /// Nothing is held yet: call [`arm`](Self::arm) when the window is shown.
    pub fn start(options: Options, on_press: OnPress) -> Self {
        let system = options.system;
        let (backend, problem) = match Self::backend(&options, on_press) {
            Ok(backend) => (backend, None),
            Err(why) => (Backend::None(why.clone()), Some(why)),
        };
        QuickExitKey {
            system,
            backend,
            problem: Mutex::new(problem),
        }
    }

    #[allow(unused_variables)] // on_press, where this build has no backend that uses it
    fn backend(options: &Options, on_press: OnPress) -> Result<Backend, String> {
        match options.system {
            #[cfg(target_os = "linux")]
            System::X11 => {
                let press = move || on_press();
                let started = match &options.x11_display {
                    Some(display) => crate::x11::GlobalEscape::start_on_display(display, press),
                    None => crate::x11::GlobalEscape::start(press),
                };
                started.map(Backend::X11).map_err(|_| {
                    "Harbour could not listen for Escape in other apps, so Escape only hides \
                     Harbour while Harbour is in front. The Quick exit button always works."
                        .to_owned()
                })
            }
            #[cfg(target_os = "linux")]
            System::WaylandPortal => Ok(Backend::Portal(crate::portal::Portal::start(
                on_press,
                options.session_bus.clone(),
                options.desktop_shortcut,
            ))),
            #[cfg(windows)]
            System::Windows => crate::windows::HotKey::start(on_press)
                .map(Backend::Windows)
                .map_err(|_| FAILED_REASON.to_owned()),
            #[cfg(target_os = "macos")]
            System::MacOs => {
                crate::macos::HotKey::start(on_press, options.run_on_gui_thread.clone())
                    .map(Backend::MacOs)
                    .map_err(|_| FAILED_REASON.to_owned())
            }
            System::InWindowOnly => Ok(Backend::None(NO_DISPLAY_REASON.to_owned())),
            #[allow(unreachable_patterns)]
            _ => Ok(Backend::None(UNSUPPORTED_REASON.to_owned())),
        }
    }

    /// Holds the key: Harbour's window is now on screen. A failure (another app holds Escape)
    /// is kept for [`status`](Self::status) and returned; the app starts and runs anyway.
    pub fn arm(&self) -> Result<(), Error> {
        let result = match &self.backend {
            #[cfg(target_os = "linux")]
            Backend::X11(global) => global.grab(),
            #[cfg(target_os = "linux")]
            Backend::Portal(portal) => {
                portal.arm();
                Ok(())
            }
            #[cfg(windows)]
            Backend::Windows(hot_key) => hot_key.arm(),
            #[cfg(target_os = "macos")]
            Backend::MacOs(hot_key) => hot_key.arm(),
            Backend::None(_) => return Ok(()),
        };
        self.set_problem(match &result {
            Ok(()) => None,
            Err(Error::AlreadyTaken) => Some(TAKEN_REASON.to_owned()),
            Err(_) => Some(FAILED_REASON.to_owned()),
        });
        result
    }

    /// Gives the key back to every other app: Harbour's window is hidden, or the person chose
    /// "only while Harbour is in front". Never blocks on the backend's thread, so it is safe to
    /// call from inside [`OnPress`].
    pub fn disarm(&self) {
        match &self.backend {
            #[cfg(target_os = "linux")]
            Backend::X11(global) => {
                let _ = global.release();
            }
            #[cfg(target_os = "linux")]
            Backend::Portal(portal) => portal.disarm(),
            #[cfg(windows)]
            Backend::Windows(hot_key) => hot_key.disarm(),
            #[cfg(target_os = "macos")]
            Backend::MacOs(hot_key) => hot_key.disarm(),
            Backend::None(_) => {}
        }
        self.set_problem(None);
    }

    /// Wayland: asks the desktop to bind the quick exit (the person pressed the button for it).
    /// Blocks until the desktop answers or `wait` passes; the desktop may show a dialog first.
    /// Returns the key the desktop bound. Elsewhere: [`Error::Unsupported`].
    pub fn ask_desktop(&self, wait: Duration) -> Result<String, Error> {
        match &self.backend {
            #[cfg(target_os = "linux")]
            Backend::Portal(portal) => portal.ask(wait),
            _ => {
                let _ = wait;
                Err(Error::Unsupported)
            }
        }
    }

    /// What works right now, in words fit to show the person.
    pub fn status(&self) -> Status {
        let problem = self
            .problem
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let mut status = Status {
            system: self.system,
            any_app_possible: true,
            any_app_active: false,
            key: None,
            reason: problem,
            limit: None,
            desktop_step: None,
        };
        match &self.backend {
            #[cfg(target_os = "linux")]
            Backend::X11(global) => {
                status.any_app_active = global.is_grabbed();
                status.key = Some("Escape".to_owned());
            }
            #[cfg(target_os = "linux")]
            Backend::Portal(portal) => portal.fill(&mut status),
            #[cfg(windows)]
            Backend::Windows(hot_key) => {
                status.any_app_active = hot_key.is_armed();
                status.key = Some("Escape".to_owned());
                status.limit = Some(WINDOWS_ADMIN_LIMIT.to_owned());
            }
            #[cfg(target_os = "macos")]
            Backend::MacOs(hot_key) => {
                status.any_app_active = hot_key.is_armed();
                status.key = Some("Escape".to_owned());
            }
            Backend::None(why) => return Status::in_window_only(self.system, why),
        }
        if status.any_app_active {
            status.reason = None;
        }
        status
    }

    fn set_problem(&self, problem: Option<String>) {
        *self.problem.lock().unwrap_or_else(PoisonError::into_inner) = problem;
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn in_window_only_says_why_and_claims_nothing() {
        let press: OnPress = Arc::new(|| {});
        let key = QuickExitKey::start(
            Options {
                system: System::InWindowOnly,
                ..Options::detect()
            },
            press,
        );
        assert!(key.arm().is_ok());
        let status = key.status();
        assert!(!status.any_app_possible);
        assert!(!status.any_app_active);
        assert_eq!(status.key, None);
        assert!(status
            .reason
            .as_deref()
            .is_some_and(|r| r.contains("only while Harbour's window is in front")));
    }

    #[test]
    fn every_reason_says_what_still_works() {
        for reason in [
            NO_DISPLAY_REASON,
            UNSUPPORTED_REASON,
            TAKEN_REASON,
            FAILED_REASON,
        ] {
            assert!(
                reason.contains("only") && reason.contains("in front"),
                "{reason}"
            );
            assert!(
                !reason.contains("  "),
                "no double spaces from line joins: {reason}"
            );
        }
    }

    #[test]
    fn quick_exit_key_can_live_in_shared_app_state() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<QuickExitKey>();
    }
}
