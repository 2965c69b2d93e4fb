//! Where Escape can hide Harbour from, decided from the session's environment.
//!
//! Harbour must never promise more than it can do ("a false sense of safety is its own harm"):
//! the app shows this to the user, so that someone on Wayland knows Escape only works while
//! Harbour's own window is in front.

/// Where Escape can hide Harbour from, as detected on this machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// An X11 session: Harbour can hold Escape for the whole screen while its window is shown,
    /// so Escape hides it even when another app has focus.
    AnyApp,
    /// Escape hides Harbour only while Harbour's own window has focus.
    InWindowOnly {
        /// A plain sentence saying why, fit to show the user.
        reason: String,
    },
}

impl Reach {
    /// True when Escape works from every app, so the UI can choose its wording with one test.
    pub fn is_any_app(&self) -> bool {
        matches!(self, Reach::AnyApp)
    }
}

/// The environment variables that decide [`Reach`], passed in by value so the decision can be
/// tested without touching the process environment (which other threads may read).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SessionEnv<'a> {
    /// `DISPLAY`: where an X server (or XWayland) listens.
    pub display: Option<&'a str>,
    /// `WAYLAND_DISPLAY`: set when a Wayland compositor runs the session.
    pub wayland_display: Option<&'a str>,
    /// `XDG_SESSION_TYPE`: `x11`, `wayland`, `tty`, ... as set by the login manager.
    pub session_type: Option<&'a str>,
}

/// Why Escape cannot reach other apps in a Wayland session.
pub const WAYLAND_REASON: &str = "This computer runs a Wayland session, which lets no app catch \
     keys pressed in other apps. Escape hides Harbour only while Harbour's window is in front.";

/// Why Escape cannot reach other apps when there is no X display at all.
pub const NO_DISPLAY_REASON: &str = "No X11 display was found, so Harbour cannot catch keys \
     pressed in other apps. Escape hides Harbour only while Harbour's window is in front.";

/// Why Escape cannot reach other apps on systems this crate has no global Escape for.
pub const UNSUPPORTED_REASON: &str = "This version of Harbour cannot catch keys pressed in other \
     apps on this system. Escape hides Harbour only while Harbour's window is in front.";

/// Decides [`Reach`] from the session's environment.
///
/// Any sign of Wayland wins over `DISPLAY`: under Wayland, `DISPLAY` points at XWayland, and a
/// key grab there only sees keys typed into other X11 windows, never into native Wayland apps
/// (most of them, browsers included). Claiming `AnyApp` there would be a false promise, so this
/// errs on the side of `InWindowOnly`. Empty values count as unset, as shells often leave them.
pub fn reach_for(env: SessionEnv<'_>) -> Reach {
    let set = |value: Option<&str>| value.is_some_and(|v| !v.trim().is_empty());
    let wayland = set(env.wayland_display)
        || env
            .session_type
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("wayland"));
    if wayland {
        Reach::InWindowOnly {
            reason: WAYLAND_REASON.to_owned(),
        }
    } else if !set(env.display) {
        Reach::InWindowOnly {
            reason: NO_DISPLAY_REASON.to_owned(),
        }
    } else {
        Reach::AnyApp
    }
}

/// Detects [`Reach`] for this process from `DISPLAY`, `WAYLAND_DISPLAY` and `XDG_SESSION_TYPE`.
///
/// This only reads the environment. `AnyApp` is a promise the app keeps only once
/// [`crate::GlobalEscape::start`] and [`crate::GlobalEscape::grab`] succeed; when either fails
/// the app should fall back to `InWindowOnly`. On systems other than Linux this crate has no
/// global Escape, so the answer there is always `InWindowOnly`.
pub fn detect_reach() -> Reach {
    if !cfg!(target_os = "linux") {
        return Reach::InWindowOnly {
            reason: UNSUPPORTED_REASON.to_owned(),
        };
    }
    let display = std::env::var("DISPLAY").ok();
    let wayland_display = std::env::var("WAYLAND_DISPLAY").ok();
    let session_type = std::env::var("XDG_SESSION_TYPE").ok();
    reach_for(SessionEnv {
        display: display.as_deref(),
        wayland_display: wayland_display.as_deref(),
        session_type: session_type.as_deref(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(
        display: Option<&'a str>,
        wayland_display: Option<&'a str>,
        session_type: Option<&'a str>,
    ) -> SessionEnv<'a> {
        SessionEnv {
            display,
            wayland_display,
            session_type,
        }
    }

    fn in_window(reason: &str) -> Reach {
        Reach::InWindowOnly {
            reason: reason.to_owned(),
        }
    }

    #[test]
    fn x11_session_reaches_any_app() {
        assert_eq!(reach_for(env(Some(":0"), None, Some("x11"))), Reach::AnyApp);
        assert!(reach_for(env(Some(":0"), None, Some("x11"))).is_any_app());
    }

    #[test]
    fn display_alone_reaches_any_app() {
        // Xvfb, CI, a bare X server started from a console: no session type at all.
        assert_eq!(reach_for(env(Some(":99"), None, None)), Reach::AnyApp);
        assert_eq!(reach_for(env(Some(":1"), None, Some("tty"))), Reach::AnyApp);
    }

    #[test]
    fn wayland_display_wins_over_xwayland_display() {
        let reach = reach_for(env(Some(":0"), Some("wayland-0"), Some("wayland")));
        assert_eq!(reach, in_window(WAYLAND_REASON));
        assert!(!reach.is_any_app());
    }

    #[test]
    fn wayland_display_without_session_type_is_wayland() {
        assert_eq!(
            reach_for(env(Some(":0"), Some("wayland-1"), None)),
            in_window(WAYLAND_REASON)
        );
    }

    #[test]
    fn wayland_session_type_without_wayland_display_is_wayland() {
        assert_eq!(
            reach_for(env(Some(":0"), None, Some("Wayland"))),
            in_window(WAYLAND_REASON)
        );
        assert_eq!(
            reach_for(env(None, None, Some("wayland"))),
            in_window(WAYLAND_REASON)
        );
    }

    #[test]
    fn no_display_is_in_window_only() {
        assert_eq!(
            reach_for(env(None, None, None)),
            in_window(NO_DISPLAY_REASON)
        );
        assert_eq!(
            reach_for(env(None, None, Some("x11"))),
            in_window(NO_DISPLAY_REASON)
        );
    }

    #[test]
    fn empty_values_count_as_unset() {
        assert_eq!(
            reach_for(env(Some(""), Some(""), Some(""))),
            in_window(NO_DISPLAY_REASON)
        );
        assert_eq!(reach_for(env(Some(":0"), Some(" "), None)), Reach::AnyApp);
    }

    #[test]
    fn reasons_say_what_still_works() {
        for reason in [WAYLAND_REASON, NO_DISPLAY_REASON, UNSUPPORTED_REASON] {
            assert!(reason.contains("Escape hides Harbour only while Harbour's window is in front"));
            assert!(
                !reason.contains("  "),
                "no double spaces from line joins: {reason}"
            );
        }
    }
}
