//! What a person chooses in Harbour, what their organisation fixes on top, and how the
//! choices are kept on this computer.
//!
//! No Tauri here: the shell (`src-tauri/src/settings.rs`) is a thin command layer over this
//! crate, and everything below is tested in milliseconds without a window.
//!
//! - [`Settings`], [`Key`] and [`Change`]: the model. The page names a setting by its [`Key`]
//!   (a typo is refused, never saved), and a change is parsed into a typed [`Change`] before
//!   anything is touched.
//! - [`Organisation`]: a school's or service's policy (`harbour-policy`) applied on top of the
//!   person's own choices, and which keys it fixes.
//! - [`SettingsFile`]: `settings.json`, written the way every file Harbour saves is written
//!   (`harbour-checklist`'s file layer): to a temporary file that is then renamed, with a
//!   last-good copy beside it. A damaged file is set aside (never deleted), the last good
//!   settings come back, and the person is told once. tauri-plugin-store could not do this: it
//!   saves with a plain `fs::write` (a torn write is possible) and opens a damaged file as
//!   empty, so the first save after it overwrote the person's settings with defaults.

mod file;
mod model;
mod organisation;

pub use file::{Loaded, SettingsFile, FILE_NAME, LAST_GOOD_FILE_NAME};
pub use harbour_words::{AfterExit, Audience, EscapeScope, Region};
pub use model::{BadChange, Change, Key, Settings, TextSize};
pub use organisation::{Organisation, OrganisationView};
