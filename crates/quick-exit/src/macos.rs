//! macOS: a Carbon hot key for Escape (`RegisterEventHotKey`, through global-hotkey, the crate
//! tauri-plugin-global-shortcut uses). It needs no Accessibility permission and fires while
//! another app is in front. While registered it takes Escape from every app, so it is
//! registered only while Harbour is shown.
//!
//! Carbon's hot keys belong to the GUI thread, so registering and unregistering are posted
//! there ([`RunOnGuiThread`]), one at a time under one lock (register and unregister racing
//! from two threads is a known failure). The press arrives on the GUI thread too, inside
//! global-hotkey's handler; the unregister that follows is posted from another thread, so it
//! runs after the handler returned, never inside it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use global_hotkey::hotkey::{Code, HotKey as Key};
use global_hotkey::{GlobalHotKeyEvent, GlobalHotKeyManager, HotKeyState};

use crate::hooks::{OnPress, RunOnGuiThread};
use crate::Error;

/// The Escape hot key and its registration state.
pub(crate) struct HotKey {
    shared: Arc<Shared>,
    run_on_gui_thread: RunOnGuiThread,
}

struct Shared {
    /// global-hotkey's manager, created on the GUI thread; every call goes through this lock.
    manager: Mutex<Option<GlobalHotKeyManager>>,
    armed: AtomicBool,
}

// The manager is only touched on the GUI thread, under the lock.
#[allow(unsafe_code)]
unsafe impl Send for Shared {}
#[allow(unsafe_code)]
unsafe impl Sync for Shared {}

fn escape() -> Key {
    Key::new(None, Code::Escape)
}

impl HotKey {
    pub(crate) fn start(
        on_press: OnPress,
        run_on_gui_thread: Option<RunOnGuiThread>,
    ) -> Result<Self, Error> {
        let run_on_gui_thread = run_on_gui_thread
            .ok_or_else(|| Error::System("no way to reach the GUI thread".to_owned()))?;
        let escape_id = escape().id();
        GlobalHotKeyEvent::set_event_handler(Some(move |event: GlobalHotKeyEvent| {
            if event.id == escape_id && event.state == HotKeyState::Pressed {
                on_press();
            }
        }));
        let shared = Arc::new(Shared {
            manager: Mutex::new(None),
            armed: AtomicBool::new(false),
        });
        let created = Arc::clone(&shared);
        run_on_gui_thread(Box::new(move || {
            if let Ok(manager) = GlobalHotKeyManager::new() {
                *created
                    .manager
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner) = Some(manager);
            }
        }));
        Ok(HotKey {
            shared,
            run_on_gui_thread,
        })
    }

    /// Registers Escape on the GUI thread. The answer is not awaited (the caller may be the GUI
    /// thread itself): a failure shows in [`is_armed`](Self::is_armed) staying false.
    pub(crate) fn arm(&self) -> Result<(), Error> {
        let shared = Arc::clone(&self.shared);
        (self.run_on_gui_thread)(Box::new(move || {
            let manager = shared
                .manager
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if let Some(manager) = manager.as_ref() {
                if shared.armed.load(Ordering::Acquire) || manager.register(escape()).is_ok() {
                    shared.armed.store(true, Ordering::Release);
                }
            }
        }));
        Ok(())
    }

    /// Unregisters Escape: posted from a new thread, so it runs on the GUI thread after the
    /// current event (possibly the hot key's own handler) has returned.
    pub(crate) fn disarm(&self) {
        let shared = Arc::clone(&self.shared);
        let run = Arc::clone(&self.run_on_gui_thread);
        std::thread::spawn(move || {
            run(Box::new(move || {
                let manager = shared
                    .manager
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                if let Some(manager) = manager.as_ref() {
                    let _ = manager.unregister(escape());
                }
                shared.armed.store(false, Ordering::Release);
            }));
        });
    }

    pub(crate) fn is_armed(&self) -> bool {
        self.shared.armed.load(Ordering::Acquire)
    }
}
