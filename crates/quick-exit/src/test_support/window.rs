//! A plain X window owned by a test: the "other app" that should or should not get Escape, or
//! the stand-in for Harbour's window in the benchmark.

use std::time::{Duration, Instant};

use x11rb::connection::Connection;
use x11rb::protocol::xproto::{
    AtomEnum, ConnectionExt as _, CreateWindowAux, EventMask, InputFocus, Keycode, MapState,
    PropMode, Window, WindowClass,
};
use x11rb::protocol::Event;
use x11rb::rust_connection::RustConnection;
use x11rb::wrapper::ConnectionExt as _;
use x11rb::{COPY_FROM_PARENT, CURRENT_TIME};

use super::{drain_events, escape_keycode, root_window, unmapped, wait_for_event, TestError};

/// How long a map may take before the helper gives up.
const MAP_TIMEOUT: Duration = Duration::from_secs(5);
/// How long to wait for one map request to take effect before asking again.
const MAP_RETRY: Duration = Duration::from_millis(500);

/// A mapped top-level window that reports its key presses and map changes to its connection.
///
/// Waiting for one kind of event drops the others that arrive meanwhile: wait for what the
/// test expects next.
pub struct TestWindow<'c> {
    conn: &'c RustConnection,
    window: Window,
    escape: Keycode,
}

impl<'c> TestWindow<'c> {
    /// Creates a 300×200 window titled `title` and maps it, waiting until it is on screen.
    pub fn create(conn: &'c RustConnection, title: &str) -> Result<Self, TestError> {
        let window = conn.generate_id()?;
        let events = EventMask::STRUCTURE_NOTIFY | EventMask::KEY_PRESS | EventMask::FOCUS_CHANGE;
        conn.create_window(
            COPY_FROM_PARENT as u8,
            window,
            root_window(conn)?,
            10,
            10,
            300,
            200,
            0,
            WindowClass::INPUT_OUTPUT,
            COPY_FROM_PARENT,
            &CreateWindowAux::new().event_mask(events),
        )?;
        let utf8 = conn.intern_atom(false, b"UTF8_STRING")?.reply()?.atom;
        let net_wm_name = conn.intern_atom(false, b"_NET_WM_NAME")?.reply()?.atom;
        conn.change_property8(
            PropMode::REPLACE,
            window,
            AtomEnum::WM_NAME,
            AtomEnum::STRING,
            title.as_bytes(),
        )?;
        conn.change_property8(
            PropMode::REPLACE,
            window,
            net_wm_name,
            utf8,
            title.as_bytes(),
        )?;
        let this = Self {
            conn,
            window,
            escape: escape_keycode(conn)?,
        };
        this.map()?;
        Ok(this)
    }

    /// The X window id.
    pub fn id(&self) -> Window {
        self.window
    }

    /// Maps the window and waits for its MapNotify; does nothing if it is already mapped.
    ///
    /// Asks again every half second: a window manager that is still starting may drop the
    /// request (openbox discards what is queued while it sets itself up).
    pub fn map(&self) -> Result<(), TestError> {
        let deadline = Instant::now() + MAP_TIMEOUT;
        while Instant::now() < deadline {
            let state = self.conn.get_window_attributes(self.window)?.reply()?;
            if state.map_state != MapState::UNMAPPED {
                return Ok(());
            }
            drain_events(self.conn)?;
            self.conn.map_window(self.window)?;
            self.conn.flush()?;
            let mapped = wait_for_event(self.conn, MAP_RETRY, |event| {
                matches!(event, Event::MapNotify(e) if e.window == self.window).then_some(())
            })?;
            if mapped.is_some() {
                return Ok(());
            }
        }
        Err(TestError::new(format!(
            "window not mapped within {MAP_TIMEOUT:?}"
        )))
    }

    /// Gives the window keyboard focus, as clicking into another app would, and waits until the
    /// server has done it.
    pub fn focus(&self) -> Result<(), TestError> {
        self.conn
            .set_input_focus(InputFocus::PARENT, self.window, CURRENT_TIME)?;
        self.conn.sync()?;
        Ok(())
    }

    /// Waits for the window's UnmapNotify and returns when it arrived.
    pub fn wait_unmapped(&self, timeout: Duration) -> Result<Instant, TestError> {
        wait_for_event(self.conn, timeout, |event| unmapped(event, self.window))?
            .map(|((), at)| at)
            .ok_or_else(|| TestError::new(format!("window not unmapped within {timeout:?}")))
    }

    /// Whether an Escape key press reaches this window within `timeout`: `Ok(false)` proves
    /// that someone else (a grab) took it.
    pub fn escape_press_within(&self, timeout: Duration) -> Result<bool, TestError> {
        let press = wait_for_event(self.conn, timeout, |event| {
            matches!(event, Event::KeyPress(e) if e.event == self.window && e.detail == self.escape)
                .then_some(())
        })?;
        Ok(press.is_some())
    }
}

impl Drop for TestWindow<'_> {
    fn drop(&mut self) {
        if let Ok(cookie) = self.conn.destroy_window(self.window) {
            drop(cookie);
            let _ = self.conn.flush();
        }
    }
}
