//! The vocabulary of personal data: what a data class is, how sensitive it is and which
//! regulations care about it. Every other crate speaks in these types; nothing here matches text.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The family a data class belongs to, used for facets and policies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Ways to reach a person: e-mail, phone.
    Contact,
    /// Who a person is: names, date of birth.
    Person,
    /// Where a person is: addresses, postal codes, coordinates.
    Location,
    /// Identifiers issued by a state: SSN, NINO, national numbers, passports.
    GovernmentId,
    /// Money: cards, bank accounts, wallets.
    Financial,
    /// Health identifiers and records.
    Health,
    /// Device and network identifiers: IP and MAC addresses, IMEI.
    Network,
    /// Secrets that grant access: keys, tokens, passwords.
    Credential,
}

impl Category {
    /// Every category, in display order.
    pub const ALL: [Category; 8] = [
        Category::Contact,
        Category::Person,
        Category::Location,
        Category::GovernmentId,
        Category::Financial,
        Category::Health,
        Category::Network,
        Category::Credential,
    ];

    /// The snake_case name used in config, the API and search (`government_id`).
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Contact => "contact",
            Category::Person => "person",
            Category::Location => "location",
            Category::GovernmentId => "government_id",
            Category::Financial => "financial",
            Category::Health => "health",
            Category::Network => "network",
            Category::Credential => "credential",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How much harm exposure of a class can do; ordered, so `Sensitivity::High > Sensitivity::Low`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sensitivity {
    /// Little harm alone (a postal code, an IP address).
    Low,
    /// Identifies or reaches a person (e-mail, phone, name).
    Medium,
    /// Enables fraud or discrimination (national ids, bank accounts, date of birth).
    High,
    /// Direct loss: card numbers, credentials, health ids.
    Critical,
}

impl Sensitivity {
    /// Every level, lowest first.
    pub const ALL: [Sensitivity; 4] = [
        Sensitivity::Low,
        Sensitivity::Medium,
        Sensitivity::High,
        Sensitivity::Critical,
    ];

    /// The snake_case name (`critical`).
    pub fn as_str(self) -> &'static str {
        match self {
            Sensitivity::Low => "low",
            Sensitivity::Medium => "medium",
            Sensitivity::High => "high",
            Sensitivity::Critical => "critical",
        }
    }
}

impl fmt::Display for Sensitivity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Sensitivity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Sensitivity::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!("unknown sensitivity `{s}` (expected low, medium, high or critical)")
            })
    }
}

/// A regulation or standard under which a class is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Compliance {
    /// EU General Data Protection Regulation.
    #[serde(rename = "GDPR")]
    Gdpr,
    /// California Consumer Privacy Act.
    #[serde(rename = "CCPA")]
    Ccpa,
    /// US Health Insurance Portability and Accountability Act.
    #[serde(rename = "HIPAA")]
    Hipaa,
    /// Payment Card Industry Data Security Standard.
    #[serde(rename = "PCI-DSS")]
    PciDss,
    /// US Gramm-Leach-Bliley Act (financial data).
    #[serde(rename = "GLBA")]
    Glba,
    /// Brazil's Lei Geral de Proteção de Dados.
    #[serde(rename = "LGPD")]
    Lgpd,
    /// Canada's Personal Information Protection and Electronic Documents Act.
    #[serde(rename = "PIPEDA")]
    Pipeda,
    /// India's Digital Personal Data Protection Act.
    #[serde(rename = "DPDP")]
    Dpdp,
    /// Australia's Privacy Act 1988.
    #[serde(rename = "AU-PRIVACY")]
    AuPrivacy,
    /// Singapore's Personal Data Protection Act.
    #[serde(rename = "PDPA")]
    Pdpa,
    /// Secrets that security policy (SOC 2, ISO 27001) requires to be protected.
    #[serde(rename = "SECRETS")]
    Secrets,
}

impl Compliance {
    /// Every tag.
    pub const ALL: [Compliance; 11] = [
        Compliance::Gdpr,
        Compliance::Ccpa,
        Compliance::Hipaa,
        Compliance::PciDss,
        Compliance::Glba,
        Compliance::Lgpd,
        Compliance::Pipeda,
        Compliance::Dpdp,
        Compliance::AuPrivacy,
        Compliance::Pdpa,
        Compliance::Secrets,
    ];

    /// The tag as written in config, the API and search (`PCI-DSS`).
    pub fn as_str(self) -> &'static str {
        match self {
            Compliance::Gdpr => "GDPR",
            Compliance::Ccpa => "CCPA",
            Compliance::Hipaa => "HIPAA",
            Compliance::PciDss => "PCI-DSS",
            Compliance::Glba => "GLBA",
            Compliance::Lgpd => "LGPD",
            Compliance::Pipeda => "PIPEDA",
            Compliance::Dpdp => "DPDP",
            Compliance::AuPrivacy => "AU-PRIVACY",
            Compliance::Pdpa => "PDPA",
            Compliance::Secrets => "SECRETS",
        }
    }
}

impl std::str::FromStr for Compliance {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Compliance::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown compliance tag `{s}`"))
    }
}

impl fmt::Display for Compliance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One kind of personal or secret data that piicat can find.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DataClass {
    /// Stable upper-case id (`EMAIL`, `US_SSN`), used everywhere a class is named.
    pub id: String,
    /// Human name (`Email address`).
    pub name: String,
    /// The family of the class.
    pub category: Category,
    /// How harmful exposure is.
    pub sensitivity: Sensitivity,
    /// Regulations that protect it.
    pub compliance: Vec<Compliance>,
    /// One or two sentences for people.
    pub description: String,
}

/// How likely a finding is, in the five steps people know from DLP tools.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Likelihood {
    /// Confidence below 0.2.
    VeryUnlikely,
    /// Confidence in [0.2, 0.4).
    Unlikely,
    /// Confidence in [0.4, 0.6).
    Possible,
    /// Confidence in [0.6, 0.8).
    Likely,
    /// Confidence 0.8 or more.
    VeryLikely,
}

impl Likelihood {
    /// The step a confidence in 0..=1 falls in.
    pub fn from_confidence(confidence: f32) -> Likelihood {
        match confidence {
            c if c >= 0.8 => Likelihood::VeryLikely,
            c if c >= 0.6 => Likelihood::Likely,
            c if c >= 0.4 => Likelihood::Possible,
            c if c >= 0.2 => Likelihood::Unlikely,
            _ => Likelihood::VeryUnlikely,
        }
    }

    /// The snake_case name (`very_likely`).
    pub fn as_str(self) -> &'static str {
        match self {
            Likelihood::VeryUnlikely => "very_unlikely",
            Likelihood::Unlikely => "unlikely",
            Likelihood::Possible => "possible",
            Likelihood::Likely => "likely",
            Likelihood::VeryLikely => "very_likely",
        }
    }
}

impl fmt::Display for Likelihood {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn likelihood_steps_follow_confidence() {
        assert_eq!(Likelihood::from_confidence(0.97), Likelihood::VeryLikely);
        assert_eq!(Likelihood::from_confidence(0.8), Likelihood::VeryLikely);
        assert_eq!(Likelihood::from_confidence(0.79), Likelihood::Likely);
        assert_eq!(Likelihood::from_confidence(0.5), Likelihood::Possible);
        assert_eq!(Likelihood::from_confidence(0.25), Likelihood::Unlikely);
        assert_eq!(Likelihood::from_confidence(0.0), Likelihood::VeryUnlikely);
    }

    #[test]
    fn sensitivity_orders_and_parses() {
        assert!(Sensitivity::Critical > Sensitivity::High);
        assert_eq!("HIGH".parse::<Sensitivity>(), Ok(Sensitivity::High));
        assert!("severe".parse::<Sensitivity>().is_err());
    }
}
