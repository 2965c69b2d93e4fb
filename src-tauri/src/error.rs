//! The one place where anything that went wrong becomes what the UI shows: a calm sentence and a
//! kind the page can act on. Nothing here logs what a person asked for.

use serde::Serialize;

use harbour_guide::LookupError;

/// What the page should do with an error. Serialised in kebab-case (`not-found`); the page's
/// `ui/lib/ipc.js` lists the same names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// Show the "we couldn't find that" page (an unknown article, route, checklist or step).
    NotFound,
    /// The bundled guide is damaged: say so, suggest reinstalling.
    Content,
    /// A change applies but could not be written to disk.
    NotSaved,
    /// A setting that does not exist, or a value it cannot take.
    BadSetting,
    /// Some saved files could not be deleted.
    NotDeleted,
    /// The organisation's policy fixes this setting.
    Fixed,
}

/// An error as the page receives it from a command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UiError {
    /// What the page should do.
    pub kind: ErrorKind,
    /// A plain sentence to show the person.
    pub message: String,
}

impl From<LookupError> for UiError {
    fn from(error: LookupError) -> Self {
        UiError {
            kind: ErrorKind::NotFound,
            message: error.to_string(),
        }
    }
}

impl UiError {
    fn new(kind: ErrorKind, message: &str) -> Self {
        UiError {
            kind,
            message: message.into(),
        }
    }

    /// The bundled guide failed its checks. Tests stop such a build from shipping, but if it ever
    /// happens the app still opens and says so instead of crashing.
    pub fn damaged_content() -> Self {
        Self::new(
            ErrorKind::Content,
            "Harbour's advice could not be loaded. Please reinstall Harbour.",
        )
    }

    /// A setting or a tick could not be written to disk. The change still applies until Harbour
    /// closes.
    pub fn not_saved() -> Self {
        Self::new(
            ErrorKind::NotSaved,
            "Harbour could not save this on your computer. It will last until Harbour closes.",
        )
    }

    /// The page asked for a setting that does not exist or a value it cannot take.
    pub fn bad_setting() -> Self {
        Self::new(
            ErrorKind::BadSetting,
            "That setting can't be changed to that.",
        )
    }

    /// A checklist step that the list does not have (an old page, a hand-made request).
    pub fn unknown_step() -> Self {
        Self::new(ErrorKind::NotFound, "That step is not in this checklist.")
    }

    /// Some saved files could not be deleted.
    pub fn not_deleted() -> Self {
        Self::new(
            ErrorKind::NotDeleted,
            "Harbour could not delete everything it saved. Please try again.",
        )
    }

    /// The organisation's policy fixes this setting.
    pub fn fixed_by_organisation() -> Self {
        Self::new(
            ErrorKind::Fixed,
            "This is set by your organisation, so it can't be changed here.",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_reach_the_page_by_the_names_it_checks() {
        // ui/lib/ipc.js and the components compare `error.kind` with these exact strings.
        let names: Vec<String> = [
            UiError::from(LookupError::UnknownArticle("x".into())),
            UiError::damaged_content(),
            UiError::not_saved(),
            UiError::bad_setting(),
            UiError::not_deleted(),
            UiError::fixed_by_organisation(),
            UiError::unknown_step(),
        ]
        .iter()
        .map(|e| {
            serde_json::to_value(e).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
        assert_eq!(
            names,
            [
                "not-found",
                "content",
                "not-saved",
                "bad-setting",
                "not-deleted",
                "fixed",
                "not-found"
            ]
        );
    }

    #[test]
    fn an_error_carries_a_sentence_to_show() {
        let json = serde_json::to_value(UiError::not_saved()).unwrap();
        assert_eq!(json.as_object().unwrap().len(), 2);
        assert!(json["message"].as_str().unwrap().ends_with('.'));
    }
}
