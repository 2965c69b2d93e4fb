//! Harbour's quick exit, without Tauri: a global Escape that hides the window at once, even
//! when another app has focus, because someone may walk in.
//!
//! - [`QuickExitKey`] is what the app uses: one backend per system (X11 grab, Windows
//!   `RegisterHotKey`, macOS Carbon hot key, Wayland's GlobalShortcuts portal, or in-window
//!   only), picked once at start (`src/key.rs` has the table). Its [`Status`] is what the
//!   Settings screen and the introduction say, so they never claim more than is active.
//!
//! - [`System::detect`] says which backend this session gets (on Linux: X11, the Wayland
//!   portal, or nothing without a display).
//! - [`GlobalEscape`], the X11 backend, holds Escape for the whole screen while Harbour is shown and calls back
//!   the moment it is pressed. It blocks on its own X connection instead of polling, so the
//!   callback runs within a millisecond or two of the key press.
//!
//! Holding Escape takes it away from every other app, and apps that kept it were reported as
//! broken: call [`GlobalEscape::grab`] when the window is shown and [`GlobalEscape::release`]
//! the moment it is hidden. After a press the listener releases the grab by itself.
//!
//! # Testing
//!
//! `cargo test -p harbour-quick-exit` runs the unit tests and, in `tests/`, end-to-end tests
//! that each start a private Xvfb and press keys through XTest (they print `SKIPPED` and pass
//! when Xvfb is not installed, except under CI, where they fail). `cargo bench -p
//! harbour-quick-exit` measures press-to-hide latency against global-hotkey, the X11 backend
//! of tauri-plugin-global-shortcut. The `test-support` feature exposes the helpers both use
//! ([`test_support`]), for Harbour's own end-to-end tests.

mod error;
mod hooks;
mod key;
#[cfg(target_os = "linux")]
mod keymap;
#[cfg(target_os = "macos")]
mod macos;
#[cfg(target_os = "linux")]
mod portal;
mod status;
#[cfg(all(target_os = "linux", feature = "test-support"))]
pub mod test_support;
#[cfg(windows)]
mod windows;
#[cfg(target_os = "linux")]
mod x11;

pub use error::Error;
pub use hooks::{OnPress, RunOnGuiThread};
pub use key::{
    Options, QuickExitKey, FAILED_REASON, NO_DISPLAY_REASON, TAKEN_REASON, UNSUPPORTED_REASON,
    WINDOWS_ADMIN_LIMIT,
};
pub use status::{DesktopStep, SessionEnv, Status, System};
#[cfg(target_os = "linux")]
pub use x11::GlobalEscape;
