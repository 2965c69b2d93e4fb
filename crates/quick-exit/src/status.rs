//! What the quick-exit key can do on this computer and does right now, in words fit to show the
//! person: the Settings screen and the introduction show [`Status`] as it is. A leaf below the
//! backends and [`crate::key`], so each backend can fill in its part.

use serde::Serialize;

/// Which way of catching Escape from any app this computer offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum System {
    /// An X11 session (Linux, BSD): a key grab.
    X11,
    /// Windows: a system-wide hot key.
    Windows,
    /// macOS: a Carbon hot key.
    MacOs,
    /// A Wayland session: only the desktop can bind keys, through the GlobalShortcuts portal.
    WaylandPortal,
    /// No way at all (no display, or a system Harbour has no backend for).
    InWindowOnly,
}

impl System {
    /// The system this process runs on, from how it was built and, on Linux, from the
    /// session's environment (`DISPLAY`, `WAYLAND_DISPLAY`, `XDG_SESSION_TYPE`).
    pub fn detect() -> System {
        if cfg!(windows) {
            return System::Windows;
        }
        if cfg!(target_os = "macos") {
            return System::MacOs;
        }
        if !cfg!(target_os = "linux") {
            return System::InWindowOnly;
        }
        let display = std::env::var("DISPLAY").ok();
        let wayland_display = std::env::var("WAYLAND_DISPLAY").ok();
        let session_type = std::env::var("XDG_SESSION_TYPE").ok();
        Self::for_linux_session(SessionEnv {
            display: display.as_deref(),
            wayland_display: wayland_display.as_deref(),
            session_type: session_type.as_deref(),
        })
    }

    /// The system for a Linux session with this environment.
    ///
    /// Any sign of Wayland wins over `DISPLAY`: under Wayland, `DISPLAY` points at XWayland,
    /// and a key grab there only sees keys typed into other X11 windows, never into native
    /// Wayland apps (most of them, browsers included). Claiming an X11 grab there would be a
    /// false promise, so Wayland goes to its portal. Empty values count as unset, as shells
    /// often leave them.
    pub fn for_linux_session(env: SessionEnv<'_>) -> System {
        let set = |value: Option<&str>| value.is_some_and(|v| !v.trim().is_empty());
        let wayland = set(env.wayland_display)
            || env
                .session_type
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("wayland"));
        if wayland {
            System::WaylandPortal
        } else if set(env.display) {
            System::X11
        } else {
            System::InWindowOnly
        }
    }
}

/// The environment variables that decide a Linux session's [`System`], passed in by value so
/// the decision can be tested without touching the process environment (which other threads
/// may read).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SessionEnv<'a> {
    /// `DISPLAY`: where an X server (or XWayland) listens.
    pub display: Option<&'a str>,
    /// `WAYLAND_DISPLAY`: set when a Wayland compositor runs the session.
    pub wayland_display: Option<&'a str>,
    /// `XDG_SESSION_TYPE`: `x11`, `wayland`, `tty`, ... as set by the login manager.
    pub session_type: Option<&'a str>,
}

/// Where the optional Wayland step stands (the desktop binds the key, the person approves it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DesktopStep {
    /// The desktop offers global shortcuts; the person has not asked for one.
    Offered,
    /// Harbour asked; the desktop is showing its question, or working on it.
    Asking,
    /// The desktop bound the quick exit (to [`Status::key`]).
    Bound,
    /// The person or the desktop said no. Asking again is allowed.
    Refused,
    /// Asking failed for another reason ([`Status::reason`] says which).
    Failed,
}

/// What the quick-exit key does right now, in words fit to show the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    /// Which backend this is.
    pub system: System,
    /// Whether this computer can ever let a key hide Harbour from other apps.
    pub any_app_possible: bool,
    /// Whether it does right now (the window is shown and the key is held).
    pub any_app_active: bool,
    /// The key that works from other apps, as the system names it ("Escape", or what the
    /// desktop chose), when one is bound.
    pub key: Option<String>,
    /// Why it does not work from other apps right now, when it does not.
    pub reason: Option<String>,
    /// What it can't do even when active, where the system has such a limit.
    pub limit: Option<String>,
    /// Wayland only: the optional step that asks the desktop for the shortcut.
    pub desktop_step: Option<DesktopStep>,
}

impl Status {
    /// Escape works only inside Harbour's window on `system`, for this `reason`.
    pub fn in_window_only(system: System, reason: &str) -> Status {
        Status {
            system,
            any_app_possible: false,
            any_app_active: false,
            key: None,
            reason: Some(reason.to_owned()),
            limit: None,
            desktop_step: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(
        display: Option<&'a str>,
        wayland: Option<&'a str>,
        kind: Option<&'a str>,
    ) -> SessionEnv<'a> {
        SessionEnv {
            display,
            wayland_display: wayland,
            session_type: kind,
        }
    }

    #[test]
    fn an_x11_session_grabs() {
        assert_eq!(
            System::for_linux_session(env(Some(":0"), None, Some("x11"))),
            System::X11
        );
        // Xvfb, CI, a bare X server started from a console: no session type at all.
        assert_eq!(
            System::for_linux_session(env(Some(":99"), None, None)),
            System::X11
        );
        assert_eq!(
            System::for_linux_session(env(Some(":1"), None, Some("tty"))),
            System::X11
        );
    }

    #[test]
    fn any_sign_of_wayland_wins_over_xwayland_display() {
        for session in [
            env(Some(":0"), Some("wayland-0"), Some("wayland")),
            env(Some(":0"), Some("wayland-1"), None),
            env(Some(":0"), None, Some("Wayland")),
            env(None, None, Some("wayland")),
        ] {
            assert_eq!(
                System::for_linux_session(session),
                System::WaylandPortal,
                "{session:?}"
            );
        }
    }

    #[test]
    fn no_display_is_in_window_only_and_empty_values_count_as_unset() {
        assert_eq!(
            System::for_linux_session(env(None, None, None)),
            System::InWindowOnly
        );
        assert_eq!(
            System::for_linux_session(env(None, None, Some("x11"))),
            System::InWindowOnly
        );
        assert_eq!(
            System::for_linux_session(env(Some(""), Some(""), Some(""))),
            System::InWindowOnly
        );
        assert_eq!(
            System::for_linux_session(env(Some(":0"), Some(" "), None)),
            System::X11
        );
    }

    #[test]
    fn status_names_are_what_the_page_reads() {
        assert_eq!(
            serde_json::to_string(&System::WaylandPortal).unwrap(),
            "\"wayland-portal\""
        );
        assert_eq!(
            serde_json::to_string(&DesktopStep::Offered).unwrap(),
            "\"offered\""
        );
    }
}
