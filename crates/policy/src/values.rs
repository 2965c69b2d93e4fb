//! The closed sets of values a policy may choose from.
//!
//! These mirror types elsewhere in Harbour (the guide's regions and audiences, the shell's quick
//! exit settings) on purpose instead of depending on them: this crate stays tiny and has no
//! Tauri in it, and the shell maps each value onto its own type. The spelled names are the ones
//! people write in the policy file and match the names Harbour uses everywhere else.

use std::fmt;

use serde::Serialize;

/// Defines a kebab-case value enum with its written names, `as_str`, `ALL` and lookup by name.
macro_rules! policy_values {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in the order the error messages list them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name written in the policy file (kebab-case).
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// Looks a value up by its written name. Surrounding spaces and letter case are
            /// forgiven (`"UK"` is `uk`): an administrator's capital letter is not worth a
            /// rejected setting.
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

policy_values! {
    /// Which country's helplines, laws and reporting routes Harbour shows first.
    pub enum Region {
        /// The United Kingdom.
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

policy_values! {
    /// Who the advice is worded for, before the person picks for themselves.
    pub enum Audience {
        /// Someone under 18.
        YoungPerson = "young-person",
        /// An adult, for themselves.
        Adult = "adult",
        /// A parent or carer worried about a child.
        ParentCarer = "parent-carer",
        /// A teacher, support worker or other professional helping someone.
        Professional = "professional",
    }
}

policy_values! {
    /// Where Escape hides Harbour from (the shell's `EscapeScope`).
    pub enum EscapeScope {
        /// From any app, while Harbour is on screen.
        AnyApp = "any-app",
        /// Only while Harbour's window is in front.
        InFront = "in-front",
    }
}

policy_values! {
    /// What a quick exit does after hiding the window (the shell's `AfterExit`).
    pub enum AfterExit {
        /// Stay running, hidden.
        StayHidden = "stay-hidden",
        /// Quit completely.
        Close = "close",
    }
}

/// The written names of a value set, joined for a message: `uk, ie, us, ca, au`.
pub(crate) fn names<T: Copy + fmt::Display>(all: &[T]) -> String {
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
}
