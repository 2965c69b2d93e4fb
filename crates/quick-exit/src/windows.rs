//! Windows: `RegisterHotKey` for Escape (no modifiers, `MOD_NOREPEAT`) on a thread of our own.
//!
//! Contract with [`crate::key`]:
//! - [`HotKey::start`]: starts the thread and its message loop; nothing registered yet.
//! - [`HotKey::arm`] (window shown): registers Escape on that thread and waits for the answer;
//!   [`Error::AlreadyTaken`] when another app holds it.
//! - [`HotKey::disarm`] (window hidden): posts the unregister to that thread; never blocks, so
//!   it is safe from inside the `WM_HOTKEY` callback.
//! - [`HotKey::is_armed`]: whether Escape is registered now.

use crate::key::OnPress;
use crate::Error;

/// The hot-key thread. (Stand-in: to be replaced by the real one.)
pub(crate) struct HotKey {
    _on_press: OnPress,
}

impl HotKey {
    pub(crate) fn start(on_press: OnPress) -> Result<Self, Error> {
        let _ = on_press;
        Err(Error::Unsupported)
    }

    pub(crate) fn arm(&self) -> Result<(), Error> {
        Err(Error::Unsupported)
    }

    pub(crate) fn disarm(&self) {}

    pub(crate) fn is_armed(&self) -> bool {
        false
    }
}
