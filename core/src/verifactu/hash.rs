//! The fingerprint (*huella*) of billing and event records, exactly as the AEAT's
//! "Detalle de las especificaciones técnicas para generación de la huella o hash de los
//! registros de facturación" (v0.1.2) concatenates the fields: `name=value` pairs joined by
//! `&`, values trimmed and not escaped, a missing value written as nothing after `=`, the
//! string hashed as UTF-8 with SHA-256 and written as 64 upper-case hex digits.

use sha2::{Digest, Sha256};

/// The fields of a registration record (*registro de alta*) that its fingerprint covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AltaFields<'a> {
    pub issuer_nif: &'a str,
    pub number: &'a str,
    /// `dd-mm-aaaa`.
    pub date: &'a str,
    pub invoice_type: &'a str,
    pub tax_total: &'a str,
    pub total: &'a str,
    /// The previous record's fingerprint, empty for the first record.
    pub previous: &'a str,
    /// `aaaa-mm-ddThh:mm:ss+hh:mm`.
    pub generated_at: &'a str,
}

/// The fields of a cancellation record (*registro de anulación*).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnulacionFields<'a> {
    pub issuer_nif: &'a str,
    pub number: &'a str,
    pub date: &'a str,
    pub previous: &'a str,
    pub generated_at: &'a str,
}

/// The fields of an event record (*registro de evento*).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventFields<'a> {
    /// The producer's NIF (SistemaInformatico/NIF), or empty when it has a foreign id.
    pub producer_nif: &'a str,
    /// SistemaInformatico/IDOtro/ID, empty when the producer has a NIF.
    pub producer_other_id: &'a str,
    pub system_id: &'a str,
    pub version: &'a str,
    pub installation: &'a str,
    pub taxpayer_nif: &'a str,
    pub event_type: &'a str,
    pub previous: &'a str,
    pub generated_at: &'a str,
}

/// `name=value&…` as the specification concatenates it.
pub fn concat(pairs: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(256);
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(k);
        out.push('=');
        out.push_str(v.trim());
    }
    out
}

/// SHA-256 of the text, 64 upper-case hex digits.
pub fn sha256_upper(text: &str) -> String {
    let d = Sha256::digest(text.as_bytes());
    let mut s = String::with_capacity(64);
    for b in d {
        s.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
        s.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
    }
    s
}

/// The string hashed for a registration record.
pub fn alta_input(f: &AltaFields<'_>) -> String {
    concat(&[
        ("IDEmisorFactura", f.issuer_nif),
        ("NumSerieFactura", f.number),
        ("FechaExpedicionFactura", f.date),
        ("TipoFactura", f.invoice_type),
        ("CuotaTotal", f.tax_total),
        ("ImporteTotal", f.total),
        ("Huella", f.previous),
        ("FechaHoraHusoGenRegistro", f.generated_at),
    ])
}

pub fn alta(f: &AltaFields<'_>) -> String {
    sha256_upper(&alta_input(f))
}

/// The string hashed for a cancellation record.
pub fn anulacion_input(f: &AnulacionFields<'_>) -> String {
    concat(&[
        ("IDEmisorFacturaAnulada", f.issuer_nif),
        ("NumSerieFacturaAnulada", f.number),
        ("FechaExpedicionFacturaAnulada", f.date),
        ("Huella", f.previous),
        ("FechaHoraHusoGenRegistro", f.generated_at),
    ])
}

pub fn anulacion(f: &AnulacionFields<'_>) -> String {
    sha256_upper(&anulacion_input(f))
}

/// The string hashed for an event record (the two `NIF` names are the spec's own).
pub fn event_input(f: &EventFields<'_>) -> String {
    concat(&[
        ("NIF", f.producer_nif),
        ("ID", f.producer_other_id),
        ("IdSistemaInformatico", f.system_id),
        ("Version", f.version),
        ("NumeroInstalacion", f.installation),
        ("NIF", f.taxpayer_nif),
        ("TipoEvento", f.event_type),
        ("HuellaEvento", f.previous),
        ("FechaHoraHusoGenEvento", f.generated_at),
    ])
}

pub fn event(f: &EventFields<'_>) -> String {
    sha256_upper(&event_input(f))
}
