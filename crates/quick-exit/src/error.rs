//! Why the global Escape could not be set up or changed.

use std::fmt;

/// What went wrong with the global Escape.
///
/// Every variant means the same thing for the person using Harbour: Escape may only hide the
/// window while Harbour itself has focus. The variants exist so the app can say *why* in plain
/// words, and so tests can tell a clash with another app from a broken connection.
///
/// Messages never contain anything the user typed or read: they are safe to log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// This system has no such way (for example asking a desktop portal outside Wayland).
    Unsupported,
    /// No X server could be reached: no `DISPLAY`, a Wayland-only session, or the server refused
    /// the connection. The string is x11rb's description of the failure.
    Connect(String),
    /// Another application already holds Escape on this screen (the X server answered
    /// `BadAccess`). Harbour took nothing: every partial grab was undone.
    AlreadyTaken,
    /// The keyboard mapping has no key that types Escape, so there is nothing to grab.
    NoEscapeKey,
    /// The connection to the X server broke, or the server refused a request for another
    /// reason. The string is x11rb's description of the failure.
    X11(String),
    /// The background thread that waits for Escape could not be started.
    Thread(String),
    /// Wayland: the session has no desktop portal with global shortcuts.
    PortalMissing,
    /// Wayland: the person (or the desktop) said no to the shortcut.
    Refused,
    /// Wayland: the desktop did not answer in time.
    TimedOut,
    /// Wayland: talking to the desktop portal failed. The string is the D-Bus error.
    Portal(String),
    /// Windows or macOS refused the hot key for a reason other than another app holding it.
    /// The string is the system's description.
    System(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Unsupported => f.write_str("a global Escape is not available on this system"),
            Error::Connect(why) => write!(f, "could not connect to the X server: {why}"),
            Error::AlreadyTaken => f.write_str("another application already uses Escape"),
            Error::NoEscapeKey => f.write_str("the keyboard has no Escape key"),
            Error::X11(why) => write!(f, "the X server connection failed: {why}"),
            Error::Thread(why) => write!(f, "could not start the Escape listener: {why}"),
            Error::PortalMissing => f.write_str("the desktop offers no global shortcuts to apps"),
            Error::Refused => f.write_str("the desktop did not allow the shortcut"),
            Error::TimedOut => f.write_str("the desktop did not answer in time"),
            Error::Portal(why) => write!(f, "the desktop's shortcut service failed: {why}"),
            Error::System(why) => write!(f, "the system refused the hot key: {why}"),
        }
    }
}

impl std::error::Error for Error {}

#[cfg(target_os = "linux")]
impl From<x11rb::errors::ConnectionError> for Error {
    fn from(error: x11rb::errors::ConnectionError) -> Self {
        Error::X11(error.to_string())
    }
}

#[cfg(target_os = "linux")]
impl From<x11rb::errors::ReplyError> for Error {
    fn from(error: x11rb::errors::ReplyError) -> Self {
        Error::X11(error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::Error;

    #[test]
    fn messages_are_plain_sentences() {
        assert_eq!(
            Error::AlreadyTaken.to_string(),
            "another application already uses Escape"
        );
        assert_eq!(
            Error::Connect("no DISPLAY".into()).to_string(),
            "could not connect to the X server: no DISPLAY"
        );
    }
}
