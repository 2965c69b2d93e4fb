//! The one place where anything that went wrong becomes what the UI shows: a calm sentence and a
//! kind the page can act on. Nothing here logs what a person asked for.

use serde::Serialize;

use harbour_guide::LookupError;

/// An error as the page receives it from a command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UiError {
    /// What the page should do: `not-found` shows the "we couldn't find that" page,
    /// `content` shows that the bundled guide is damaged.
    pub kind: &'static str,
    /// A plain sentence to show the person.
    pub message: String,
}

impl From<LookupError> for UiError {
    fn from(error: LookupError) -> Self {
        UiError {
            kind: "not-found",
            message: error.to_string(),
        }
    }
}

impl UiError {
    /// The bundled guide failed its checks. Tests stop such a build from shipping, but if it ever
    /// happens the app still opens and says so instead of crashing.
    pub fn damaged_content() -> Self {
        UiError {
            kind: "content",
            message: "Harbour's advice could not be loaded. Please reinstall Harbour.".into(),
        }
    }
}

impl UiError {
    /// A setting could not be written to disk. The change still applies until Harbour closes.
    pub fn not_saved() -> Self {
        UiError {
            kind: "not-saved",
            message:
                "Harbour could not save this on your computer. It will last until Harbour closes."
                    .into(),
        }
    }

    /// The page asked for a setting that does not exist or a value it cannot take.
    pub fn bad_setting() -> Self {
        UiError {
            kind: "bad-setting",
            message: "That setting can't be changed to that.".into(),
        }
    }
}

impl UiError {
    /// A checklist step that the list does not have (an old page, a hand-made request).
    pub fn unknown_step() -> Self {
        UiError {
            kind: "not-found",
            message: "That step is not in this checklist.".into(),
        }
    }

    /// Some saved files could not be deleted.
    pub fn not_deleted() -> Self {
        UiError {
            kind: "not-deleted",
            message: "Harbour could not delete everything it saved. Please try again.".into(),
        }
    }
}

impl UiError {
    /// The organisation's policy fixes this setting.
    pub fn fixed_by_organisation() -> Self {
        UiError {
            kind: "fixed",
            message: "This is set by your organisation, so it can't be changed here.".into(),
        }
    }
}
