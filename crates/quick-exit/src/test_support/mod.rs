//! Helpers for tests and benchmarks that drive a real X server: Harbour's end-to-end tests,
//! its latency benchmark, and this crate's own tests. Behind the `test-support` feature, never
//! in the app.
//!
//! Everything returns a `Result` and every wait has a timeout: a test that fails must say why,
//! not hang CI.

pub mod fake_portal;
mod window;
mod xvfb;

use std::fmt;
use std::os::fd::AsFd;
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags, Timespec};
use rustix::io::Errno;
use x11rb::connection::Connection;
use x11rb::errors::{ConnectError, ConnectionError, ReplyError, ReplyOrIdError};
use x11rb::protocol::xproto::{
    AtomEnum, ChangeWindowAttributesAux, ConnectionExt as _, EventMask, Keycode, MapState, Window,
    KEY_PRESS_EVENT, KEY_RELEASE_EVENT,
};
use x11rb::protocol::xtest::ConnectionExt as _;
use x11rb::protocol::Event;
use x11rb::rust_connection::RustConnection;
use x11rb::wrapper::ConnectionExt as _;
use x11rb::NONE;

pub use window::TestWindow;
pub use xvfb::Xvfb;

/// Why a test helper failed, as one readable sentence for the test's failure message.
#[derive(Clone, PartialEq, Eq)]
pub struct TestError(String);

impl TestError {
    /// A failure described by `message`.
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl fmt::Display for TestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

// Debug is what `cargo test` prints for an `Err` returned by a test: keep it the plain sentence.
impl fmt::Debug for TestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TestError {}

macro_rules! test_error_from {
    ($($source:ty => $prefix:literal),* $(,)?) => {$(
        impl From<$source> for TestError {
            fn from(error: $source) -> Self {
                TestError(format!(concat!($prefix, ": {}"), error))
            }
        }
    )*};
}

test_error_from! {
    crate::Error => "quick exit",
    ConnectError => "X connect",
    ConnectionError => "X connection",
    ReplyError => "X request",
    ReplyOrIdError => "X request",
    std::io::Error => "I/O",
}

/// The root window of the connection's first screen (Xvfb has one).
pub fn root_window(conn: &RustConnection) -> Result<Window, TestError> {
    conn.setup()
        .roots
        .first()
        .map(|screen| screen.root)
        .ok_or_else(|| TestError::new("the X server reports no screen"))
}

/// The keycode that types Escape on this server, looked up the same way the app does.
pub fn escape_keycode(conn: &RustConnection) -> Result<Keycode, TestError> {
    Ok(crate::keymap::escape_keycode(conn)?)
}

/// Presses and releases Escape through XTest, as a real keyboard would, and returns once the
/// server has processed both.
pub fn press_escape(conn: &RustConnection) -> Result<(), TestError> {
    let keycode = escape_keycode(conn)?;
    press_key(conn, keycode)
}

/// Presses and releases `keycode` through XTest and returns once the server has processed both.
pub fn press_key(conn: &RustConnection, keycode: Keycode) -> Result<(), TestError> {
    send_key(conn, keycode)?;
    conn.sync()?;
    Ok(())
}

/// Sends the XTest press and release and flushes, without waiting for the server: used where
/// the time from the press to something else is measured.
fn send_key(conn: &RustConnection, keycode: Keycode) -> Result<(), TestError> {
    drop(conn.xtest_fake_input(KEY_PRESS_EVENT, keycode, 0, NONE, 0, 0, 0)?);
    drop(conn.xtest_fake_input(KEY_RELEASE_EVENT, keycode, 0, NONE, 0, 0, 0)?);
    conn.flush()?;
    Ok(())
}

/// Reads events until `pick` returns `Some`, or until `timeout` passes (then `Ok(None)`).
///
/// Returns the picked value and the moment its event was read. Events `pick` passes over are
/// dropped. It sleeps in `poll()` on the connection's socket, so the moment is accurate to the
/// scheduler, not to a polling interval.
pub fn wait_for_event<T>(
    conn: &RustConnection,
    timeout: Duration,
    mut pick: impl FnMut(&Event) -> Option<T>,
) -> Result<Option<(T, Instant)>, TestError> {
    let deadline = Instant::now() + timeout;
    loop {
        while let Some(event) = conn.poll_for_event()? {
            let at = Instant::now();
            if let Some(value) = pick(&event) {
                return Ok(Some((value, at)));
            }
        }
        let now = Instant::now();
        if now >= deadline {
            return Ok(None);
        }
        // Wake at least every 100 ms in case another thread read our events off the socket.
        let slice = (deadline - now).min(Duration::from_millis(100));
        wait_readable(conn, slice)?;
    }
}

/// Sleeps until the X socket has data or `timeout` passes.
fn wait_readable(conn: &RustConnection, timeout: Duration) -> Result<(), TestError> {
    let timeout =
        Timespec::try_from(timeout).map_err(|_| TestError::new("timeout too long for poll()"))?;
    let fd = conn.stream().as_fd();
    let mut fds = [PollFd::from_borrowed_fd(fd, PollFlags::IN)];
    match rustix::event::poll(&mut fds, Some(&timeout)) {
        Ok(_) | Err(Errno::INTR) => Ok(()),
        Err(e) => Err(TestError::new(format!("poll() on the X socket: {e}"))),
    }
}

/// Reads and drops every event already queued, so a wait that follows sees only new ones.
pub fn drain_events(conn: &RustConnection) -> Result<(), TestError> {
    conn.sync()?;
    while conn.poll_for_event()?.is_some() {}
    Ok(())
}

/// Finds a mapped top-level window whose `_NET_WM_NAME` or `WM_NAME` is exactly `name`
/// (Harbour's window is titled "Harbour"), searching the whole tree so window-manager frames
/// don't hide it. Retries until `timeout`, as the app may still be starting.
pub fn find_window_by_name(
    conn: &RustConnection,
    name: &str,
    timeout: Duration,
) -> Result<Window, TestError> {
    let net_wm_name = conn.intern_atom(false, b"_NET_WM_NAME")?.reply()?.atom;
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(window) = search_tree(conn, root_window(conn)?, name, net_wm_name)? {
            return Ok(window);
        }
        if Instant::now() >= deadline {
            return Err(TestError::new(format!(
                "no mapped window named {name:?} appeared within {timeout:?}"
            )));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn search_tree(
    conn: &RustConnection,
    root: Window,
    name: &str,
    net_wm_name: u32,
) -> Result<Option<Window>, TestError> {
    let mut pending = vec![root];
    while let Some(window) = pending.pop() {
        // Windows can vanish between QueryTree and the next request: skip them.
        let Ok(tree) = conn.query_tree(window)?.reply() else {
            continue;
        };
        for &child in &tree.children {
            if has_name(conn, child, name, net_wm_name)? && is_viewable(conn, child)? {
                return Ok(Some(child));
            }
        }
        pending.extend(tree.children);
    }
    Ok(None)
}

fn has_name(
    conn: &RustConnection,
    window: Window,
    name: &str,
    net_wm_name: u32,
) -> Result<bool, TestError> {
    for property in [net_wm_name, AtomEnum::WM_NAME.into()] {
        let reply = conn
            .get_property(false, window, property, AtomEnum::ANY, 0, 1024)?
            .reply();
        if let Ok(reply) = reply {
            if reply.value == name.as_bytes() {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

fn is_viewable(conn: &RustConnection, window: Window) -> Result<bool, TestError> {
    Ok(conn
        .get_window_attributes(window)?
        .reply()
        .is_ok_and(|a| a.map_state == MapState::VIEWABLE))
}

/// Presses Escape and returns the time from just before the press to the moment `window`'s
/// UnmapNotify arrives: what the person at the keyboard waits for.
///
/// Adds StructureNotify to this connection's event mask on `window` (another client's window
/// is fine), so the X server reports the unmap to us too.
pub fn measure_escape_hide(
    conn: &RustConnection,
    window: Window,
    timeout: Duration,
) -> Result<Duration, TestError> {
    let keycode = escape_keycode(conn)?;
    let mask = conn.get_window_attributes(window)?.reply()?.your_event_mask;
    conn.change_window_attributes(
        window,
        &ChangeWindowAttributesAux::new().event_mask(mask | EventMask::STRUCTURE_NOTIFY),
    )?;
    drain_events(conn)?;

    let start = Instant::now();
    send_key(conn, keycode)?;
    match wait_for_event(conn, timeout, |event| unmapped(event, window))? {
        Some(((), at)) => Ok(at.saturating_duration_since(start)),
        None => Err(TestError::new(format!(
            "the window was not unmapped within {timeout:?} of pressing Escape"
        ))),
    }
}

/// `Some(())` for an UnmapNotify about `window`.
fn unmapped(event: &Event, window: Window) -> Option<()> {
    matches!(event, Event::UnmapNotify(e) if e.window == window).then_some(())
}
