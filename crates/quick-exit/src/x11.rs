//! The global Escape on X11: a passive key grab on the root window, and a thread that blocks on
//! the X connection until Escape is pressed.
//!
//! Why not tauri-plugin-global-shortcut: its X11 backend (global-hotkey) sleeps 50 ms between
//! polls of the X connection, so a press waits up to 50 ms before anything happens. Here the
//! thread sleeps inside `wait_for_event` and wakes the moment the server sends the key press.

use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};

use x11rb::connection::Connection;
use x11rb::errors::ReplyError;
use x11rb::protocol::xproto::{
    AtomEnum, ClientMessageEvent, ConnectionExt as _, CreateWindowAux, EventMask, GrabMode,
    Keycode, Mapping, ModMask, Window, WindowClass,
};
use x11rb::protocol::{ErrorKind, Event};
use x11rb::rust_connection::RustConnection;
use x11rb::wrapper::ConnectionExt as _;

use crate::keymap;
use crate::Error;

/// Holds Escape for the whole screen while Harbour's window is shown, and calls back the moment
/// it is pressed, whichever app has focus.
///
/// It opens its own X connection (separate from the GUI toolkit's, which Harbour does not
/// control) and one thread that blocks on that connection. [`grab`](Self::grab) and
/// [`release`](Self::release) may be called from any thread, including from inside the
/// callback. Dropping it releases Escape and stops the thread.
pub struct GlobalEscape {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

/// What the caller's threads and the listener thread share.
struct Shared {
    conn: RustConnection,
    root: Window,
    /// An unmapped InputOnly window of our own, the address of the message that wakes the
    /// listener when [`GlobalEscape`] is dropped.
    wake_window: Window,
    state: Mutex<GrabState>,
    stop: AtomicBool,
}

#[derive(Default)]
struct GrabState {
    /// What the server holds for us, if anything.
    held: Option<HeldGrab>,
    /// Counts grabs, so the listener can tell "my press's grab" from one taken since.
    generations: u64,
}

struct HeldGrab {
    keys: Vec<(Keycode, ModMask)>,
    /// Bumped by every [`GlobalEscape::grab`], so the listener can tell whether the grab its
    /// press found is still the one to release after the callback.
    generation: u64,
}

impl GlobalEscape {
    /// Connects to the X server named by `DISPLAY` and starts the listener thread.
    ///
    /// Nothing is grabbed yet: call [`grab`](Self::grab) when Harbour's window is shown.
    /// `on_press` runs on the listener thread, first thing after Escape goes down, so it should
    /// only hide the window (or post a message that does) and return. It may call
    /// [`grab`](Self::grab) and [`release`](Self::release), but must not wait for the thread
    /// that drops this value: `drop` waits for the listener, and so for a running callback.
    pub fn start(on_press: impl Fn() + Send + 'static) -> Result<Self, Error> {
        Self::connect(None, Box::new(on_press))
    }

    /// Like [`start`](Self::start), on a named display such as `":99"`, for tests and
    /// benchmarks that run their own X server without changing the process environment.
    pub fn start_on_display(
        display: &str,
        on_press: impl Fn() + Send + 'static,
    ) -> Result<Self, Error> {
        Self::connect(Some(display), Box::new(on_press))
    }

    fn connect(display: Option<&str>, on_press: Box<dyn Fn() + Send>) -> Result<Self, Error> {
        // x11rb 0.13 overflows (a panic in debug builds) on display numbers above 59535, which
        // a stray DISPLAY can hold: the quick exit must report that, not crash the app.
        let (conn, screen) = panic::catch_unwind(|| RustConnection::connect(display))
            .map_err(|_| Error::Connect("the display name is not usable".to_owned()))?
            .map_err(|e| Error::Connect(e.to_string()))?;
        let root = conn
            .setup()
            .roots
            .get(screen)
            .map(|s| s.root)
            .ok_or_else(|| Error::Connect("the display has no such screen".to_owned()))?;
        let wake_window = conn.generate_id().map_err(|e| Error::X11(e.to_string()))?;
        // Override-redirect and never mapped: no window manager or taskbar ever sees it.
        conn.create_window(
            0,
            wake_window,
            root,
            0,
            0,
            1,
            1,
            0,
            WindowClass::INPUT_ONLY,
            x11rb::COPY_FROM_PARENT,
            &CreateWindowAux::new().override_redirect(1),
        )?
        .check()?;

        let shared = Arc::new(Shared {
            conn,
            root,
            wake_window,
            state: Mutex::new(GrabState::default()),
            stop: AtomicBool::new(false),
        });
        let listener = Arc::clone(&shared);
        let thread = thread::Builder::new()
            .name("harbour-quick-exit".to_owned())
            .spawn(move || listener.listen(&*on_press))
            .map_err(|e| Error::Thread(e.to_string()))?;
        Ok(Self {
            shared,
            thread: Some(thread),
        })
    }

    /// Takes Escape for the whole screen. Call it when Harbour's window is shown.
    ///
    /// Grabs every key that types Escape, with and without CapsLock and NumLock, and waits for
    /// the server's answer: if another app already holds any of these, nothing stays grabbed
    /// and the result is [`Error::AlreadyTaken`]. Grabbing again while grabbed is harmless; if
    /// it happens while the callback runs (the window was shown again at once), the listener
    /// keeps the grab instead of releasing it after the callback.
    pub fn grab(&self) -> Result<(), Error> {
        let mut state = self.shared.lock_state();
        state.generations += 1;
        let generation = state.generations;
        if let Some(held) = state.held.as_mut() {
            held.generation = generation;
            return Ok(());
        }
        let keys = keymap::escape_grabs(&self.shared.conn)?;
        self.shared.grab_keys(&keys)?;
        state.held = Some(HeldGrab { keys, generation });
        Ok(())
    }

    /// Gives Escape back to every other app. Call it the moment Harbour's window is hidden.
    ///
    /// Returns once the server has processed the release, so an Escape pressed after this goes
    /// to the focused app. Releasing when nothing is grabbed does nothing.
    pub fn release(&self) -> Result<(), Error> {
        self.shared.release()
    }

    /// Whether Escape is currently held from other apps.
    ///
    /// After a press this stays true while the callback runs, and turns false once the listener
    /// has released the grab.
    pub fn is_grabbed(&self) -> bool {
        self.shared.lock_state().held.is_some()
    }

    /// Whether the listener thread still runs. It stops when the X connection breaks (the
    /// X server went away); then Escape only works inside Harbour's window.
    pub fn is_listening(&self) -> bool {
        self.thread.as_ref().is_some_and(|t| !t.is_finished())
    }
}

impl Drop for GlobalEscape {
    fn drop(&mut self) {
        let _ = self.shared.release();
        self.shared.stop.store(true, Ordering::SeqCst);
        let _ = self.shared.wake();
        if let Some(thread) = self.thread.take() {
            // Dropped from inside the callback: the listener is this very thread. It sees `stop`
            // on its next event and ends by itself; joining here would wait forever.
            if thread.thread().id() != thread::current().id() {
                let _ = thread.join();
            }
        }
    }
}

impl Shared {
    fn lock_state(&self) -> MutexGuard<'_, GrabState> {
        // The lock is never held while user code runs, so poisoning can only come from a bug
        // here; the state stays consistent either way, so keep going rather than panic.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The listener thread: blocks until the server sends something, acts on Escape presses,
    /// and ends quietly when the connection breaks or [`GlobalEscape`] is dropped.
    fn listen(&self, on_press: &dyn Fn()) {
        while let Ok(event) = self.conn.wait_for_event() {
            if self.stop.load(Ordering::SeqCst) {
                break;
            }
            match event {
                Event::KeyPress(press) => self.on_key_press(press.detail, on_press),
                Event::MappingNotify(change) if change.request != Mapping::POINTER => {
                    self.follow_keyboard_change();
                }
                // Key releases, the wake-up message and everything else need nothing.
                _ => {}
            }
        }
        // Whatever ended the loop, the server keeps no grab for us past this point: either
        // `release` ran in `drop`, or the connection is gone and the server dropped our grabs.
        self.lock_state().held = None;
    }

    /// Presses are handled one at a time on this thread, and each one ends with the grab
    /// released (unless taken again meanwhile). So a second tap or auto-repeat, queued while the
    /// callback ran, finds nothing held and is ignored: one press, one call.
    fn on_key_press(&self, keycode: Keycode, on_press: &dyn Fn()) {
        let generation = match self.lock_state().held.as_ref() {
            Some(held) if held.keys.iter().any(|(k, _)| *k == keycode) => held.generation,
            // A press after `release` (still in the queue), or not Escape: nothing to do.
            _ => return,
        };

        // Hide first: every millisecond counts. A panic in the callback must not take the
        // quick exit down with it, so it is caught here and the listener carries on.
        let _ = panic::catch_unwind(AssertUnwindSafe(on_press));

        // Then give Escape back to the other apps, unless the app released or grabbed again
        // while the callback ran (the window was shown again: keep that grab).
        let mut state = self.lock_state();
        if let Some(held) = state.held.as_ref().filter(|h| h.generation == generation) {
            // A failure means the connection broke, and with it the grab: nothing left to undo.
            let _ = self.ungrab_keys(&held.keys);
            state.held = None;
        }
    }

    /// Keycodes may move when the keyboard layout or mapping changes. Grabs are by keycode, so
    /// if Escape moved while grabbed, grab the new keys instead of the old ones.
    fn follow_keyboard_change(&self) {
        let mut state = self.lock_state();
        let Some(held) = state.held.as_ref() else {
            return;
        };
        let Ok(keys) = keymap::escape_grabs(&self.conn) else {
            return;
        };
        if keys == held.keys {
            return;
        }
        let _ = self.ungrab_keys(&held.keys);
        match self.grab_keys(&keys) {
            Ok(()) => {
                if let Some(held) = state.held.as_mut() {
                    held.keys = keys;
                }
            }
            Err(_) => state.held = None,
        }
    }

    fn release(&self) -> Result<(), Error> {
        let mut state = self.lock_state();
        let Some(held) = state.held.as_ref() else {
            return Ok(());
        };
        let result = self.ungrab_keys(&held.keys);
        // Even on error: the only failure is a broken connection, which ends every grab.
        state.held = None;
        result
    }

    /// Grabs every pair, then checks every answer. On any refusal, undoes them all: a grab that
    /// works with NumLock off but not on would be worse than an honest error.
    fn grab_keys(&self, keys: &[(Keycode, ModMask)]) -> Result<(), Error> {
        let mut cookies = Vec::with_capacity(keys.len());
        for &(keycode, mods) in keys {
            let sent = self.conn.grab_key(
                false,
                self.root,
                mods,
                keycode,
                GrabMode::ASYNC,
                GrabMode::ASYNC,
            );
            match sent {
                Ok(cookie) => cookies.push(cookie),
                Err(e) => {
                    let _ = self.ungrab_keys(keys);
                    return Err(e.into());
                }
            }
        }
        let mut failure = None;
        for cookie in cookies {
            match cookie.check() {
                Ok(()) => {}
                Err(ReplyError::X11Error(e)) if e.error_kind == ErrorKind::Access => {
                    failure = Some(Error::AlreadyTaken);
                }
                Err(e) => {
                    failure.get_or_insert(e.into());
                }
            }
        }
        match failure {
            None => Ok(()),
            Some(error) => {
                // Ungrabbing a pair we never got is harmless: it only ever removes our own.
                let _ = self.ungrab_keys(keys);
                Err(error)
            }
        }
    }

    /// Releases every pair and waits until the server has processed it.
    fn ungrab_keys(&self, keys: &[(Keycode, ModMask)]) -> Result<(), Error> {
        for &(keycode, mods) in keys {
            // Errors (there are none for a valid root window) are discarded with the cookie.
            drop(self.conn.ungrab_key(keycode, self.root, mods)?);
        }
        self.conn.sync()?;
        Ok(())
    }

    /// Wakes the listener out of `wait_for_event` by sending our own window a message.
    /// With an empty event mask, the server delivers it to the window's creator: us.
    fn wake(&self) -> Result<(), Error> {
        let message = ClientMessageEvent::new(32, self.wake_window, AtomEnum::NONE, [0_u32; 5]);
        drop(
            self.conn
                .send_event(false, self.wake_window, EventMask::NO_EVENT, message)?,
        );
        self.conn.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::GlobalEscape;

    #[test]
    fn global_escape_can_live_in_shared_app_state() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<GlobalEscape>();
    }
}
