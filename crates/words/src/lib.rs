//! The words every part of Harbour shares.
//!
//! A region, an audience, where Escape works from, what happens after a quick exit: the content
//! (`harbour-guide`), search, an organisation's policy, the person's settings and the page all
//! speak of these. They live here, in a crate that depends on nothing of Harbour's, so each of
//! those can use the one definition instead of a copy bridged by a round trip through text.
//!
//! Each value has one written name (kebab-case), used alike in content front matter, the policy
//! file, the settings file and the page: `uk`, `young-person`, `any-app`, `stay-hidden`.

mod id;
mod values;

pub use id::{is_slug, is_web_address, shorten, MAX_SLUG_LEN};
pub use values::{names, AfterExit, Audience, EscapeScope, Region};
