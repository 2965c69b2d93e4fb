//! Harbour's checklist progress, kept safe on this computer.
//!
//! People tick off protective steps; losing those ticks would mean redoing frightening work, so
//! this crate treats the saved file as precious. It knows nothing of Tauri: the shell keeps the
//! ticks in a tauri-plugin-store file (`checklist.json`) and uses this crate around it:
//!
//! 1. Before the plugin loads the file: [`check_before_load`]. The plugin would silently start
//!    empty on a file it cannot parse and overwrite it at the next save; this check moves such a
//!    file aside (never deleting it) and puts the last-good copy in its place, and tells the
//!    shell what to say ([`Checked::message`]).
//! 2. To show and change ticks: [`Checked::progress`], a [`Progress`], matched against the
//!    content's [`Known`] lists. Write it to the store with [`encode`] (each top-level entry is
//!    one store key).
//! 3. After every successful save: [`write_last_good`], an atomic copy used for recovery.
//! 4. "Delete everything Harbour saved": [`delete_all`], which finds every file named in
//!    [`FILE_PATTERNS`].
//!
//! The format is versioned ([`SCHEMA_VERSION`]); older files are migrated, newer ones are kept
//! aside untouched. Decoding is lenient entry by entry ([`decode`]) and never panics.

mod check;
mod decode;
mod error;
mod files;
mod format;
mod migrate;
mod model;
mod report;

pub use check::{check_before_load, Checked, Outcome, Unusable};
pub use decode::{decode, Decoded, Ignored, Input, Reason, MAX_IGNORED_REPORTED};
pub use error::{Damage, Error};
pub use files::{
    atomic_write, copies_in, delete_all, delete_copies, files_written, is_copy_of,
    is_file_written_by_this_crate, last_good_path, main_path, read_capped, set_aside,
    write_last_good, Contents, ASIDE_DAMAGED, ASIDE_NEWER, FILE_PATTERNS, LAST_GOOD_FILE_NAME,
    MAIN_FILE_NAME,
};
pub use format::{
    encode, to_bytes, KEY_PROGRESS, KEY_SCHEMA, KEY_TICKS_V1, MAX_FILE_BYTES, OLDEST_SCHEMA,
    SCHEMA_VERSION,
};
pub use model::{check_id, is_valid_id, Known, Progress, MAX_ID_LEN};
