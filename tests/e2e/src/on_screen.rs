//! Where Harbour's window is, as the X server and the window manager see it: on screen, hidden,
//! in the taskbar. Shared by the quick-exit tests (X11 grab and the Wayland step).

use std::time::{Duration, Instant};

use harbour_quick_exit::test_support::find_window_by_name;
use x11rb::connection::Connection;
use x11rb::protocol::xproto::{AtomEnum, ConnectionExt as _, MapState, Window};
use x11rb::rust_connection::RustConnection;

use crate::PATIENCE;

/// How long a hide may take before the test calls it broken. Speed is measured by the
/// benchmark (docs/benchmarks.md), not here.
pub const HIDE_PATIENCE: Duration = Duration::from_secs(3);

/// Harbour's top-level window, once it is on screen (fails the test if it never is).
pub fn harbour_window(conn: &RustConnection) -> Window {
    find_window_by_name(conn, "Harbour", PATIENCE).expect("Harbour's window is on screen")
}

/// Whether the window is mapped and visible.
pub fn is_viewable(conn: &RustConnection, window: Window) -> bool {
    conn.get_window_attributes(window)
        .ok()
        .and_then(|c| c.reply().ok())
        .is_some_and(|a| a.map_state == MapState::VIEWABLE)
}

/// Windows the window manager lists for taskbars and window switchers (_NET_CLIENT_LIST).
pub fn taskbar(conn: &RustConnection) -> Vec<Window> {
    let root = conn.setup().roots[0].root;
    let atom = conn
        .intern_atom(false, b"_NET_CLIENT_LIST")
        .unwrap()
        .reply()
        .unwrap()
        .atom;
    conn.get_property(false, root, atom, AtomEnum::WINDOW, 0, 1024)
        .unwrap()
        .reply()
        .map(|r| r.value32().map(|v| v.collect()).unwrap_or_default())
        .unwrap_or_default()
}

/// Waits until `check` holds, or fails the test naming `what`.
pub fn wait_for(what: &str, patience: Duration, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + patience;
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Waits until the window is hidden and gone from the taskbar, or fails the test.
pub fn assert_hidden(conn: &RustConnection, window: Window) {
    wait_for("Harbour's window is hidden", HIDE_PATIENCE, || {
        !is_viewable(conn, window)
    });
    wait_for(
        "Harbour's window has left the taskbar",
        HIDE_PATIENCE,
        || !taskbar(conn).contains(&window),
    );
}
