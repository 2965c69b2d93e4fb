//! Wayland: the desktop's GlobalShortcuts portal (`org.freedesktop.portal.GlobalShortcuts`).
//!
//! Contract with [`crate::key`]:
//! - [`Portal::start`] never fails and never blocks for long: it checks in the background
//!   whether the session bus has the portal with GlobalShortcuts.
//! - [`Portal::arm`] (window shown): when the person asked before (`wanted`) and the portal is
//!   there, create a session and bind the quick exit, in the background.
//! - [`Portal::disarm`] (window hidden): close the session; never blocks; safe from inside the
//!   `Activated` callback.
//! - [`Portal::ask`]: the person pressed "Ask my desktop": bind now and wait for the answer.
//! - [`Portal::fill`]: the status, in plain words.

use std::time::Duration;

use crate::key::{DesktopStep, OnPress, Status};
use crate::Error;

/// The portal session, or the lack of one. (Stand-in: to be replaced by the real client.)
pub(crate) struct Portal {
    _on_press: OnPress,
}

impl Portal {
    pub(crate) fn start(on_press: OnPress, _session_bus: Option<String>, _wanted: bool) -> Self {
        Portal {
            _on_press: on_press,
        }
    }

    pub(crate) fn arm(&self) {}

    pub(crate) fn disarm(&self) {}

    pub(crate) fn ask(&self, _wait: Duration) -> Result<String, Error> {
        Err(Error::PortalMissing)
    }

    pub(crate) fn fill(&self, status: &mut Status) {
        status.any_app_possible = false;
        status.desktop_step = None::<DesktopStep>;
        status.reason = Some(crate::WAYLAND_REASON.to_owned());
    }
}
