//! The AEAT's verification URL printed as a QR code on every invoice (art. 20–21 of the Orden
//! and the AEAT's "Características del QR y especificaciones del servicio de cotejo" v0.4.7):
//! `ValidarQRNoVerifactu` in this mode, four parameters URL-encoded as UTF-8, error correction
//! M, 30–40 mm, preceded by the words «QR tributario:», the first QR on the first page.

use super::record::amount;
use super::{date, normalise_nif, Mode};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Which AEAT site the URL points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Site {
    Production,
    /// The AEAT's "Portal de Pruebas Externas".
    Test,
}

/// The text printed above the code.
pub const LABEL: &str = "QR tributario:";

/// Smallest and largest side of the printed code, in millimetres.
pub const MIN_MM: u32 = 30;
pub const MAX_MM: u32 = 40;

/// Percent-encode everything but RFC 3986's unreserved characters.
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3);
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(char::from(b)),
            _ => {
                out.push('%');
                out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
                out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
            }
        }
    }
    out
}

/// The URL for an invoice: issuer's NIF, number (series and number), issue date, total
/// (`ImporteTotal`: base + VAT, the amount of its registration record).
pub fn url(
    mode: Mode,
    site: Site,
    issuer_tax_id: &str,
    number: &str,
    issued: NaiveDate,
    total: Decimal,
) -> String {
    let host = match site {
        Site::Production => "https://www2.agenciatributaria.gob.es",
        Site::Test => "https://prewww2.aeat.es",
    };
    let service = match mode {
        Mode::Verifactu => "ValidarQR",
        Mode::NoVerifactu => "ValidarQRNoVerifactu",
    };
    format!(
        "{host}/wlpl/TIKE-CONT/{service}?nif={}&numserie={}&fecha={}&importe={}",
        encode(&normalise_nif(issuer_tax_id)),
        encode(number.trim()),
        encode(&date(issued)),
        encode(&amount(total)),
    )
}

/// The URL printed on an issued invoice (`None` for a draft, a business without a Spanish NIF,
/// or amounts that cannot be computed). The amount is the record's `ImporteTotal`.
pub fn invoice_url(inv: &crate::model::Invoice, profile: &crate::model::BusinessProfile) -> Option<String> {
    let number = inv.number.as_deref()?;
    if normalise_nif(&profile.tax_id).len() != 9 {
        return None;
    }
    let t = crate::tax::invoice_totals(inv).ok()?;
    Some(url(
        Mode::NoVerifactu,
        Site::Production,
        &profile.tax_id,
        number,
        inv.issue_date,
        t.base + t.vat_total,
    ))
}

/// The URL printed on an issued credit note (its record's amounts are negative).
pub fn credit_note_url(
    cn: &crate::model::CreditNote,
    profile: &crate::model::BusinessProfile,
) -> Option<String> {
    let number = cn.number.as_deref()?;
    if normalise_nif(&profile.tax_id).len() != 9 {
        return None;
    }
    let t = crate::tax::credit_note_totals(cn).ok()?;
    Some(url(
        Mode::NoVerifactu,
        Site::Production,
        &profile.tax_id,
        number,
        cn.issue_date,
        -(t.base + t.vat_total),
    ))
}
