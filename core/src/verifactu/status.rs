//! What the Settings section and the start-up notice show about billing records, decided here
//! so the components only render it.

use super::cert::CertInfo;
use super::chain::Report;
use super::{foral_region, normalise_nif};
use crate::model::BusinessProfile;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The state of the billing records for the user (computed in the app's backup worker, which
/// sends it to the page as JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    /// The business is in the Basque Country or Navarra (own regimes: not covered).
    pub foral: bool,
    /// The business has a Spanish NIF (without one no record can be made).
    pub keeps_records: bool,
    pub records: usize,
    pub events: usize,
    pub unsigned: usize,
    pub anomalies: usize,
    pub certificate: Option<CertView>,
    /// Show the start-up notice: anomalies, or records waiting for a certificate.
    pub notice: bool,
}

/// The loaded certificate as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertView {
    pub holder: String,
    pub nif: Option<String>,
    pub issuer: String,
    pub expires: Option<NaiveDate>,
    /// The certificate is someone else's (its NIF is not the business's).
    pub nif_mismatch: bool,
    pub expired: bool,
}

/// The status from the profile, a check of the ledger (with the signatures the public key
/// refused counted in `bad_signatures`) and the certificate, on `today`.
pub fn status(
    profile: &BusinessProfile,
    records: usize,
    events: usize,
    report: &Report,
    bad_signatures: usize,
    cert: Option<&CertInfo>,
    today: NaiveDate,
) -> Status {
    let own_nif = normalise_nif(&profile.tax_id);
    let anomalies = report.findings.len() + bad_signatures;
    Status {
        foral: foral_region(&profile.address.region, &profile.address.postal_code),
        keeps_records: own_nif.len() == 9,
        records,
        events,
        unsigned: report.unsigned,
        anomalies,
        certificate: cert.map(|c| {
            let expires = c.expires();
            CertView {
                holder: c.subject_cn.clone(),
                nif: c.nif.clone(),
                issuer: c.issuer_cn.clone(),
                expires,
                nif_mismatch: c.nif.as_deref().is_some_and(|n| n != own_nif),
                expired: expires.is_some_and(|e| e < today),
            }
        }),
        notice: anomalies > 0 || (report.unsigned > 0 && cert.is_none()),
    }
}
