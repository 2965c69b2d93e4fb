//! Windows: `RegisterHotKey` for Escape (no modifiers, `MOD_NOREPEAT`) on a thread of our own.
//!
//! Contract with [`crate::key`]:
//! - [`HotKey::start`]: starts the thread and its message loop; nothing registered yet.
//! - [`HotKey::arm`] (window shown): registers Escape on that thread and waits for the answer;
//!   [`Error::AlreadyTaken`] when another app holds it.
//! - [`HotKey::disarm`] (window hidden): posts the unregister to that thread; never blocks, so
//!   it is safe from inside the `WM_HOTKEY` callback.
//! - [`HotKey::is_armed`]: whether Escape is registered now.
//!
//! A hot key registered with a null window belongs to the thread that registered it: only that
//! thread gets its `WM_HOTKEY`, and only that thread can unregister it. So every register and
//! unregister runs on the `harbour-quick-exit` thread, asked for with thread messages
//! (`PostThreadMessageW`), in the order they were asked for. The press calls [`OnPress`] on
//! that thread; a `disarm` from inside it is one more posted message, handled after the
//! callback returns (tauri-plugin-global-shortcut deadlocks by unregistering inside its own
//! callback, plugins-workspace issue 3590).

// FFI to user32 and kernel32 (RegisterHotKey and the thread's message queue) has no safe API.
#![allow(unsafe_code)]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use windows_sys::Win32::Foundation::GetLastError;
use windows_sys::Win32::System::Threading::GetCurrentThreadId;
use windows_sys::Win32::UI::Input::KeyboardAndMouse::{
    RegisterHotKey, UnregisterHotKey, MOD_NOREPEAT, VK_ESCAPE,
};
use windows_sys::Win32::UI::WindowsAndMessaging::{
    DispatchMessageW, GetMessageW, PeekMessageW, PostThreadMessageW, MSG, PM_NOREMOVE, PM_REMOVE,
    WM_APP, WM_HOTKEY, WM_QUIT,
};

use crate::hooks::OnPress;
use crate::Error;

/// Our hot key's id, as `WM_HOTKEY` reports it. Any id below 0xC000 is an application's own;
/// this one spells "HE" (Harbour Escape), so it stands out in a debugger.
const HOT_KEY_ID: i32 = 0x4845;

/// Thread message: register Escape, then answer every waiting [`HotKey::arm`].
const WM_ARM: u32 = WM_APP + 1;
/// Thread message: unregister Escape. Nobody waits for it.
const WM_DISARM: u32 = WM_APP + 2;

/// `GetLastError` when another app (or this one, with the same id) already holds the key.
const ERROR_HOTKEY_ALREADY_REGISTERED: u32 = 1409;

/// How long [`HotKey::arm`] waits for the thread: it answers within microseconds unless the
/// callback is stuck, and the window is being shown meanwhile.
const ARM_WAIT: Duration = Duration::from_secs(1);
/// How long [`HotKey::start`] waits for the thread to report its message queue.
const START_WAIT: Duration = Duration::from_secs(5);

/// The answer to an [`HotKey::arm`] call, sent back from the hot-key thread.
type ArmAnswer = Sender<Result<(), Error>>;

/// What the caller's side and the hot-key thread share.
struct Shared {
    /// Whether Escape is registered now. Written only by the hot-key thread, after
    /// `RegisterHotKey` succeeded or after `UnregisterHotKey`.
    armed: AtomicBool,
    /// Callers of [`HotKey::arm`] waiting for the next `WM_ARM` to be handled. A caller that
    /// gave up has dropped its receiver: its answer goes nowhere, harmlessly.
    waiting: Mutex<Vec<ArmAnswer>>,
}

/// The hot-key thread: owns the registration of Escape and runs [`OnPress`] when it fires.
pub(crate) struct HotKey {
    shared: Arc<Shared>,
    /// The thread's id, for `PostThreadMessageW` and for "am I on it?".
    thread_id: u32,
    /// Joined on drop, so the registration is gone when the key is.
    thread: Option<JoinHandle<()>>,
}

impl HotKey {
    /// Starts the `harbour-quick-exit` thread and returns once its message queue exists (a
    /// thread message posted earlier would be lost). Registers nothing.
    pub(crate) fn start(on_press: OnPress) -> Result<Self, Error> {
        let shared = Arc::new(Shared {
            armed: AtomicBool::new(false),
            waiting: Mutex::new(Vec::new()),
        });
        let (ready, thread_id) = mpsc::channel();
        let on_thread = Arc::clone(&shared);
        let thread = thread::Builder::new()
            .name("harbour-quick-exit".to_owned())
            .spawn(move || {
                let mut msg = MSG::default();
                // SAFETY: `msg` is a valid, writable MSG; a null window means "this thread".
                // PM_NOREMOVE with any filter is the documented way to create the queue.
                unsafe { PeekMessageW(&mut msg, ptr::null_mut(), 0, 0, PM_NOREMOVE) };
                // SAFETY: no arguments, no preconditions.
                let _ = ready.send(unsafe { GetCurrentThreadId() });
                run_loop(&on_thread, &on_press);
            })
            .map_err(|error| Error::Thread(error.to_string()))?;
        match thread_id.recv_timeout(START_WAIT) {
            Ok(thread_id) => Ok(HotKey {
                shared,
                thread_id,
                thread: Some(thread),
            }),
            Err(_) => Err(Error::Thread(
                "the hot-key thread did not start its message queue".to_owned(),
            )),
        }
    }

    /// Registers Escape on the hot-key thread and waits (at most [`ARM_WAIT`]) for the answer.
    /// Arming while armed is `Ok`. Called on the hot-key thread itself (from inside
    /// [`OnPress`]), it first handles the register and unregister requests already posted,
    /// in order, then registers inline: waiting for itself would never end.
    pub(crate) fn arm(&self) -> Result<(), Error> {
        if self.on_hot_key_thread() {
            handle_posted(&self.shared);
            return register(&self.shared);
        }
        let (answer, result) = mpsc::channel();
        self.shared
            .waiting
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(answer);
        self.post(WM_ARM)?;
        result.recv_timeout(ARM_WAIT).unwrap_or_else(|_| {
            Err(Error::System(format!(
                "the hot-key thread did not answer within {ARM_WAIT:?}"
            )))
        })
    }

    /// Posts the unregister to the hot-key thread and returns at once: safe from inside
    /// [`OnPress`], where the thread is busy running the callback. [`is_armed`](Self::is_armed)
    /// turns false once the thread has done it.
    pub(crate) fn disarm(&self) {
        let _ = self.post(WM_DISARM);
    }

    /// Whether Escape is registered now (as the hot-key thread last reported).
    pub(crate) fn is_armed(&self) -> bool {
        self.shared.armed.load(Ordering::Acquire)
    }

    /// Whether the caller is the hot-key thread.
    fn on_hot_key_thread(&self) -> bool {
        // SAFETY: no arguments, no preconditions.
        let current = unsafe { GetCurrentThreadId() };
        current == self.thread_id
    }

    /// Posts one of our thread messages; fails only when the thread is gone.
    fn post(&self, message: u32) -> Result<(), Error> {
        // SAFETY: plain values; posting to a thread that has exited fails and returns 0.
        if unsafe { PostThreadMessageW(self.thread_id, message, 0, 0) } != 0 {
            return Ok(());
        }
        Err(Error::System(format!(
            "the hot-key thread is gone: {}",
            last_error()
        )))
    }
}

impl Drop for HotKey {
    /// Unregisters, stops the message loop and waits for the thread, so Escape is free when
    /// the key is gone.
    fn drop(&mut self) {
        let _ = self.post(WM_DISARM);
        // SAFETY: plain values. WM_QUIT posted to the thread ends its GetMessageW loop.
        unsafe { PostThreadMessageW(self.thread_id, WM_QUIT, 0, 0) };
        if let Some(thread) = self.thread.take() {
            // Dropped from inside the callback: the thread ends by itself once it returns.
            if !self.on_hot_key_thread() {
                let _ = thread.join();
            }
        }
    }
}

/// The hot-key thread's message loop, until `WM_QUIT` (or a broken queue). Leaves Escape
/// unregistered.
fn run_loop(shared: &Shared, on_press: &OnPress) {
    let mut msg = MSG::default();
    // SAFETY: `msg` is a valid, writable MSG; a null window means "this thread's messages".
    // GetMessageW returns 0 for WM_QUIT and -1 on failure: both end the loop.
    while unsafe { GetMessageW(&mut msg, ptr::null_mut(), 0, 0) } > 0 {
        if !msg.hwnd.is_null() {
            // Not ours (this thread makes no windows, but a library might): the usual way.
            // SAFETY: `msg` was just filled in by GetMessageW.
            unsafe { DispatchMessageW(&msg) };
            continue;
        }
        match msg.message {
            WM_HOTKEY if msg.wParam == HOT_KEY_ID as usize => {
                // A panicking callback must not end the loop: Escape would stay registered
                // with nobody to unregister it.
                let _ = catch_unwind(AssertUnwindSafe(|| on_press()));
            }
            message => handle(shared, message),
        }
    }
    unregister(shared);
}

/// Handles one of our own thread messages; others are ignored.
fn handle(shared: &Shared, message: u32) {
    match message {
        WM_ARM => {
            let result = register(shared);
            let waiting = std::mem::take(
                &mut *shared
                    .waiting
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner),
            );
            for answer in waiting {
                let _ = answer.send(result.clone());
            }
        }
        WM_DISARM => unregister(shared),
        _ => {}
    }
}

/// Handles the `WM_ARM` and `WM_DISARM` already in this thread's queue, in order, leaving every
/// other message there. Called on the hot-key thread only.
fn handle_posted(shared: &Shared) {
    let mut msg = MSG::default();
    // SAFETY: `msg` is a valid, writable MSG; a null window means "this thread's messages";
    // the filter removes only our two messages (WM_DISARM = WM_ARM + 1).
    while unsafe { PeekMessageW(&mut msg, ptr::null_mut(), WM_ARM, WM_DISARM, PM_REMOVE) } != 0 {
        if msg.hwnd.is_null() {
            handle(shared, msg.message);
        }
    }
}

/// Registers Escape for this thread, unless it already is. Called on the hot-key thread only.
fn register(shared: &Shared) -> Result<(), Error> {
    if shared.armed.load(Ordering::Acquire) {
        return Ok(());
    }
    // SAFETY: plain values; a null window binds the hot key to this thread's queue.
    let done =
        unsafe { RegisterHotKey(ptr::null_mut(), HOT_KEY_ID, MOD_NOREPEAT, VK_ESCAPE.into()) };
    if done != 0 {
        shared.armed.store(true, Ordering::Release);
        return Ok(());
    }
    // SAFETY: no arguments; read right after the call that failed.
    match unsafe { GetLastError() } {
        ERROR_HOTKEY_ALREADY_REGISTERED => Err(Error::AlreadyTaken),
        code => Err(Error::System(os_message(code))),
    }
}

/// Unregisters Escape for this thread, if it is registered. Called on the hot-key thread only.
fn unregister(shared: &Shared) {
    if shared.armed.load(Ordering::Acquire) {
        // SAFETY: plain values; this is the thread that registered the key.
        unsafe { UnregisterHotKey(ptr::null_mut(), HOT_KEY_ID) };
        shared.armed.store(false, Ordering::Release);
    }
}

/// The system's description of the calling thread's last error.
fn last_error() -> String {
    // SAFETY: no arguments, no preconditions.
    os_message(unsafe { GetLastError() })
}

/// The system's description of a Win32 error code (std asks `FormatMessageW`).
fn os_message(code: u32) -> String {
    std::io::Error::from_raw_os_error(code as i32).to_string()
}
