//! Billing records under Spain's billing-system law (Real Decreto 1007/2023, Orden
//! HAC/1177/2024), in the mode a browser can keep: *no VERI\*FACTU*. Every invoice and credit
//! note issued leaves a registration record (*registro de alta*) chained by its SHA-256
//! fingerprint to the one before; the app signs each record and each event (XAdES enveloped)
//! with the user's certificate and hands them to the AEAT on request. Pure: the clock, ids
//! and the signing itself (WebCrypto in the app, a key in the CLI) come from the caller.
//!
//! - [`hash`]: the fingerprint as the AEAT concatenates it.
//! - [`record`]: registration and cancellation records from Cobro's documents, as XML.
//! - [`event`]: the event log (start of use, anomalies, exports, restores).
//! - [`chain`]: the ledger a backup carries, its checks and the rule that joins two of them.
//! - [`xades`]: the enveloped signature around a record, up to and after the signing.
//! - [`qr`]: the verification URL printed as the invoice's first QR code.
//! - [`export`]: the files handed to the AEAT (records of a period, events of a period).
//! - [`cert`], [`pkcs12`]: the user's certificate file, read without any platform crypto.

pub mod cert;
pub mod chain;
pub mod event;
pub mod export;
pub mod hash;
pub mod pkcs12;
pub mod qr;
pub mod record;
pub mod status;
pub mod xades;
pub mod xml;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// Namespace of the records (`SuministroInformacion.xsd`).
pub const NS_SF: &str = "https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/tike/cont/ws/SuministroInformacion.xsd";
/// Namespace of the submission message (`SuministroLR.xsd`).
pub const NS_LR: &str = "https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/tike/cont/ws/SuministroLR.xsd";
/// Namespace of event records (`EventosSIF.xsd`).
pub const NS_EV: &str = "https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/tike/cont/ws/EventosSIF.xsd";
pub const NS_DS: &str = "http://www.w3.org/2000/09/xmldsig#";
pub const NS_XADES: &str = "http://uri.etsi.org/01903/v1.3.2#";

/// This software's name and two-letter id in every record's *SistemaInformatico* block.
pub const SYSTEM_NAME: &str = "Cobro";
pub const SYSTEM_ID: &str = "CB";

/// How the system works: this build only keeps records (`NoVerifactu`); `Verifactu` exists so
/// the QR and the documents can say which one applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Verifactu,
    #[default]
    NoVerifactu,
}

/// The *SistemaInformatico* block: who produced the software, which version, which installation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct System {
    /// The producer (NombreRazon, NIF).
    pub producer_name: String,
    pub producer_nif: String,
    pub version: String,
    /// Number of this installation (one per device that issues invoices).
    pub installation: String,
}

impl System {
    pub(crate) fn write(&self, w: &mut xml::Writer) {
        w.open("SistemaInformatico");
        w.leaf("NombreRazon", &self.producer_name);
        w.leaf("NIF", &self.producer_nif);
        w.leaf("NombreSistemaInformatico", SYSTEM_NAME);
        w.leaf("IdSistemaInformatico", SYSTEM_ID);
        w.leaf("Version", &self.version);
        w.leaf("NumeroInstalacion", &self.installation);
        // Usable in either mode; one taxpayer per installation.
        w.leaf("TipoUsoPosibleSoloVerifactu", "N");
        w.leaf("TipoUsoPosibleMultiOT", "N");
        w.leaf("IndicadorMultiplesOT", "N");
        w.close("SistemaInformatico");
    }
}

/// Producer data a user may set (Settings); empty fields fall back to the business itself,
/// which is the producer when the user runs their own build of an open-source system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub producer_name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub producer_nif: String,
    /// The producer's postal address for contact (declaración responsable, art. 15.1.j).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub producer_address: String,
    /// Place and date the producer signs the declaration (art. 15.1.l): "Madrid, España, 1-7-2027".
    #[serde(skip_serializing_if = "String::is_empty")]
    pub declaration_signed: String,
    /// The billing records and events, carried only inside a backup file (storage keeps them
    /// apart, one entry per record, never rewritten).
    #[serde(skip_serializing_if = "chain::Ledger::is_empty")]
    pub ledger: chain::Ledger,
}

impl Settings {
    pub fn is_default(&self) -> bool {
        *self == Settings::default()
    }
}

/// A NIF as records write it: upper case, without spaces, dots or dashes, nor an `ES` prefix.
pub fn normalise_nif(tax_id: &str) -> String {
    let s: String = tax_id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    match s.strip_prefix("ES") {
        Some(rest) if rest.len() == 9 => rest.to_string(),
        _ => s,
    }
}

/// `dd-mm-aaaa`, the records' date format.
pub fn date(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// `aaaa-mm-ddThh:mm:ss+hh:mm`, the records' instant format (ISO 8601 with the offset).
pub fn instant(t: &DateTime<FixedOffset>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// Regions with their own invoicing regimes (TicketBAI in Álava, Bizkaia and Gipuzkoa;
/// Navarra's own), which this system does not cover.
pub fn foral_region(region: &str, postal_code: &str) -> bool {
    let r = region.trim().to_lowercase();
    let named = [
        "álava",
        "alava",
        "araba",
        "bizkaia",
        "vizcaya",
        "gipuzkoa",
        "guipúzcoa",
        "guipuzcoa",
        "navarra",
        "nafarroa",
        "país vasco",
        "pais vasco",
        "euskadi",
    ]
    .iter()
    .any(|n| r.contains(n));
    // Provinces 01 (Álava), 20 (Gipuzkoa), 31 (Navarra), 48 (Bizkaia).
    let code = postal_code.trim();
    let by_code = code.len() == 5 && ["01", "20", "31", "48"].iter().any(|p| code.starts_with(p));
    named || by_code
}
