//! Stand-in for systems where this crate has no global Escape (Windows, macOS). The Tauri layer
//! uses the platform's own hot keys there; this keeps the crate compiling so the same code
//! builds everywhere.

use crate::Error;

/// On this system the global Escape is not available from this crate: [`start`](Self::start)
/// always returns [`Error::Unsupported`], so no value of this type ever exists.
pub struct GlobalEscape {
    _private: (),
}

impl GlobalEscape {
    /// Always [`Error::Unsupported`] on this system.
    pub fn start(_on_press: impl Fn() + Send + 'static) -> Result<Self, Error> {
        Err(Error::Unsupported)
    }

    /// Always [`Error::Unsupported`] on this system.
    pub fn start_on_display(
        _display: &str,
        _on_press: impl Fn() + Send + 'static,
    ) -> Result<Self, Error> {
        Err(Error::Unsupported)
    }

    /// Always [`Error::Unsupported`] on this system.
    pub fn grab(&self) -> Result<(), Error> {
        Err(Error::Unsupported)
    }

    /// Nothing is ever grabbed here, so there is nothing to release.
    pub fn release(&self) -> Result<(), Error> {
        Ok(())
    }

    /// Always false on this system.
    pub fn is_grabbed(&self) -> bool {
        false
    }

    /// Always false on this system.
    pub fn is_listening(&self) -> bool {
        false
    }
}
