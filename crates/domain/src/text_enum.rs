//! One way to declare a value that is one of a fixed set, stored and sent as text: a nomination's
//! state, a cycle's phase, a role, a vote. `text_enum!` gives each such enum its text (`as_str`,
//! `Display`, `FromStr`, `TryFrom<String>` for the database's rows, serde), the list of its values
//! (`ALL`), the catalogue key of its label (`label_key`, fixed at compile time) and, with the
//! `openapi` feature, its OpenAPI schema with every value listed. A text the code does not know is
//! an error naming the kind and the values it expects, never a default.

/// A text that is none of an enum's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    /// What was being read, e.g. `NominationState`.
    pub kind: &'static str,
    pub value: String,
    /// The values it may take.
    pub expected: &'static [&'static str],
}

impl std::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown {} `{}`; expected one of {}",
            self.kind,
            self.value,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for UnknownValue {}

/// What every text-coded enum offers, for code that handles any of them.
pub trait TextEnum: Copy + Sized + 'static {
    /// The enum's name, for messages.
    const KIND: &'static str;
    /// Every value, in declaration order.
    fn all() -> &'static [Self];
    /// The text stored and sent.
    fn as_text(self) -> &'static str;
    /// The catalogue key of the value's label.
    fn label(self) -> &'static str;
}

#[doc(hidden)]
#[macro_export]
macro_rules! __count {
    () => { 0usize };
    ($head:tt $($tail:tt)*) => { 1usize + $crate::__count!($($tail)*) };
}

/// Declares a text-coded enum:
///
/// ```
/// laureate_domain::text_enum! {
///     /// A vote on one item of a ballot.
///     pub enum Example: "example" {
///         /// In favour.
///         Yes = "yes",
///         No = "no",
///     }
/// }
/// assert_eq!(Example::Yes.as_str(), "yes");
/// assert_eq!(Example::No.label_key(), "example-no");
/// assert_eq!("no".parse::<Example>(), Ok(Example::No));
/// assert!("maybe".parse::<Example>().is_err());
/// ```
#[macro_export]
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : $label:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $text:tt ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: [$name; $crate::__count!($($variant)+)] = [$($name::$variant),+];
            /// Every value's text, in declaration order.
            pub const TEXTS: &'static [&'static str] = &[$($text),+];

            /// The text stored and sent.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The catalogue key of its label, e.g. `state-draft`.
            pub fn label_key(self) -> &'static str {
                match self { $($name::$variant => concat!($label, "-", $text)),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::text_enum::UnknownValue;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let t = s.trim();
                $name::ALL
                    .into_iter()
                    .find(|v| v.as_str() == t)
                    .ok_or_else(|| $crate::text_enum::UnknownValue {
                        kind: stringify!($name),
                        value: s.to_owned(),
                        expected: $name::TEXTS,
                    })
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::text_enum::UnknownValue;

            fn try_from(s: String) -> Result<Self, Self::Error> {
                s.parse()
            }
        }

        impl $crate::text_enum::TextEnum for $name {
            const KIND: &'static str = stringify!($name);

            fn all() -> &'static [Self] {
                &$name::ALL
            }

            fn as_text(self) -> &'static str {
                self.as_str()
            }

            fn label(self) -> &'static str {
                self.label_key()
            }
        }
    };
}

/// One text-coded enum of the domain: its name, its values' texts and their labels' keys.
#[derive(Debug, Clone)]
pub struct EnumInfo {
    pub kind: &'static str,
    pub texts: Vec<&'static str>,
    pub labels: Vec<&'static str>,
}

fn info<T: TextEnum>() -> EnumInfo {
    EnumInfo {
        kind: T::KIND,
        texts: T::all().iter().map(|v| v.as_text()).collect(),
        labels: T::all().iter().map(|v| v.label()).collect(),
    }
}

/// Every text-coded enum of the domain, for the checks that each value has a label in every
/// language and that no two share a name in the API's schema. A test counts the `text_enum!`
/// declarations in the sources, so an enum left out of this list fails it.
pub fn every() -> Vec<EnumInfo> {
    use crate::*;
    vec![
        info::<archive::LegalBasis>(),
        info::<archive::RecordKind>(),
        info::<archive::RequestState>(),
        info::<ballots::BallotState>(),
        info::<ballots::BallotAction>(),
        info::<ballots::ItemResult>(),
        info::<ballots::Vote>(),
        info::<books::BookState>(),
        info::<calendar::ExtensionKind>(),
        info::<candidates::CandidateKind>(),
        info::<candidates::ContributionCategory>(),
        info::<committees::CommitteeKind>(),
        info::<committees::Position>(),
        info::<conferral::Attendance>(),
        info::<conferral::CertificateStatus>(),
        info::<conferral::InvitationReply>(),
        info::<conferral::Item>(),
        info::<conferral::ItemState>(),
        info::<conferral::PlaceKind>(),
        info::<decisions::DecisionOutcome>(),
        info::<decisions::DecisionStage>(),
        info::<eligibility::Outcome>(),
        info::<grades::MoneyTo>(),
        info::<integrity::ListingKind>(),
        info::<mail::Audience>(),
        info::<mail::DeliveryState>(),
        info::<nominations::NominationAction>(),
        info::<nominations::NominationState>(),
        info::<objections::ObjectionAction>(),
        info::<objections::ObjectionGround>(),
        info::<objections::ObjectionStatus>(),
        info::<objections::ObjectorKind>(),
        info::<objections::UpheldEffect>(),
        info::<phases::CycleOperation>(),
        info::<phases::Phase>(),
        info::<registry::LaureateStatus>(),
        info::<registry::RegistrySort>(),
        info::<registry::YearBasis>(),
        info::<review::AssignmentMode>(),
        info::<review::CollaborationKind>(),
        info::<review::ConflictSource>(),
        info::<review::Unavailability>(),
        info::<review::ReviewTask>(),
        info::<revocations::CaseState>(),
        info::<revocations::Party>(),
        info::<revocations::RevocationAction>(),
        info::<revocations::RevocationGround>(),
        info::<roles::Role>(),
        info::<roster::BodyClass>(),
        info::<roster::InvitationStatus>(),
        info::<roster::InvitationState>(),
        info::<roster::SanctionKind>(),
        info::<rules::Conferred>(),
        info::<rules::Intake>(),
    ]
}

#[cfg(test)]
mod tests {
    crate::text_enum! {
        /// A test enum.
        pub enum Colour: "colour" {
            Red = "red",
            /// Sky.
            LightBlue = "light_blue",
        }
    }

    #[test]
    fn text_round_trips_and_an_unknown_text_is_an_error_naming_what_is_expected() {
        for c in Colour::ALL {
            assert_eq!(c.as_str().parse::<Colour>(), Ok(c));
            assert_eq!(Colour::try_from(c.to_string()), Ok(c));
        }
        assert_eq!(Colour::LightBlue.label_key(), "colour-light_blue");
        let err = "green".parse::<Colour>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown Colour `green`; expected one of red, light_blue"
        );
        assert_eq!(
            serde_json::to_string(&Colour::LightBlue).unwrap(),
            "\"light_blue\""
        );
        assert_eq!(
            serde_json::from_str::<Colour>("\"red\"").unwrap(),
            Colour::Red
        );
        assert!(serde_json::from_str::<Colour>("\"Red\"").is_err());
    }

    #[test]
    fn every_enum_of_the_domain_is_listed_once_under_its_own_name() {
        let listed = super::every();
        let mut kinds: Vec<_> = listed.iter().map(|e| e.kind).collect();
        kinds.sort_unstable();
        let before = kinds.len();
        kinds.dedup();
        assert_eq!(kinds.len(), before, "two enums share a name: {kinds:?}");
        // Count the declarations in the sources (this file holds only the test's own enum).
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut declared = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if !path.ends_with("text_enum.rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                declared += text.matches("crate::text_enum! {").count();
            }
        }
        assert_eq!(listed.len(), declared, "an enum is missing from `every()`");
    }
}
