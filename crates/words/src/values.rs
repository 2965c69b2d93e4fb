//! The closed sets of values Harbour's parts share, with their written names.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Defines a kebab-case value enum with its written names, `as_str`, `ALL` and lookup by name.
macro_rules! words {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(rename_all = "kebab-case")]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in the order messages and menus list them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The written name (kebab-case), as in content files, the policy file and settings.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// Looks a value up by its written name. Surrounding spaces and letter case are
            /// forgiven (`"UK"` is `uk`): an administrator's capital letter is not worth a
            /// rejected setting. Serde's own reading (content, settings) stays exact.
            pub fn from_name(name: &str) -> Option<$name> {
                let name = name.trim();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|value| value.as_str().eq_ignore_ascii_case(name))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

words! {
    /// Where the reader is: helplines, laws and reporting routes differ by country. Every
    /// region has a helplines file named after it (`content/helplines/uk.toml`).
    pub enum Region {
        /// The United Kingdom (the default).
        Uk = "uk",
        /// Ireland.
        Ie = "ie",
        /// The United States.
        Us = "us",
        /// Canada.
        Ca = "ca",
        /// Australia.
        Au = "au",
    }
}

impl Default for Region {
    /// The UK: Harbour grew out of a UK police page, and its first readers are there.
    fn default() -> Self {
        Region::Uk
    }
}

words! {
    /// Who is reading. Routes and search show what fits them first; nothing is hidden.
    pub enum Audience {
        /// Under 18.
        YoungPerson = "young-person",
        /// 18 or over, reading for themselves.
        Adult = "adult",
        /// A parent or carer of a child.
        ParentCarer = "parent-carer",
        /// A teacher, youth worker, support worker or other professional.
        Professional = "professional",
    }
}

words! {
    /// Where Escape hides Harbour from.
    pub enum EscapeScope {
        /// From any app, while Harbour is on screen (the default: safest).
        AnyApp = "any-app",
        /// Only while Harbour's window is in front, for people who need Escape in other apps.
        InFront = "in-front",
    }
}

impl Default for EscapeScope {
    /// From any app: someone who switched to a chat when a parent walks in still gets out.
    fn default() -> Self {
        EscapeScope::AnyApp
    }
}

words! {
    /// What a quick exit does after hiding the window.
    pub enum AfterExit {
        /// Stay running, hidden; opening Harbour again brings it back on the home screen.
        StayHidden = "stay-hidden",
        /// Quit completely: no Harbour process is left.
        Close = "close",
    }
}

impl Default for AfterExit {
    /// Stay hidden: coming back is instant, and nothing is lost.
    fn default() -> Self {
        AfterExit::StayHidden
    }
}

/// The written names of a value set, joined for a message: `uk, ie, us, ca, au`.
pub fn names<T: Copy + fmt::Display>(all: &[T]) -> String {
    all.iter()
        .map(|value| value.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_forgive_case_and_spaces() {
        for region in Region::ALL {
            assert_eq!(Region::from_name(region.as_str()), Some(*region));
        }
        assert_eq!(Region::from_name(" UK "), Some(Region::Uk));
        assert_eq!(
            Audience::from_name("Young-Person"),
            Some(Audience::YoungPerson)
        );
        assert_eq!(Audience::from_name("young_person"), None);
        assert_eq!(Region::from_name("gb"), None);
    }

    #[test]
    fn messages_list_the_written_names_in_order() {
        assert_eq!(names(Region::ALL), "uk, ie, us, ca, au");
        assert_eq!(
            names(Audience::ALL),
            "young-person, adult, parent-carer, professional"
        );
        assert_eq!(names(EscapeScope::ALL), "any-app, in-front");
        assert_eq!(names(AfterExit::ALL), "stay-hidden, close");
    }

    #[test]
    fn serde_uses_the_written_names_exactly() {
        for scope in EscapeScope::ALL {
            let json = serde_json::to_string(scope).unwrap();
            assert_eq!(json, format!("\"{}\"", scope.as_str()));
            assert_eq!(serde_json::from_str::<EscapeScope>(&json).unwrap(), *scope);
        }
        for audience in Audience::ALL {
            let json = serde_json::to_value(audience).unwrap();
            assert_eq!(json, audience.as_str());
        }
        // Reading a file is exact: a capital letter in a settings file is not `uk`.
        assert!(serde_json::from_str::<Region>("\"UK\"").is_err());
        assert!(serde_json::from_str::<AfterExit>("\"close\"").is_ok());
    }

    #[test]
    fn defaults_are_the_safe_choices() {
        assert_eq!(Region::default(), Region::Uk);
        assert_eq!(EscapeScope::default(), EscapeScope::AnyApp);
        assert_eq!(AfterExit::default(), AfterExit::StayHidden);
    }
}
