//! Payment instructions printed on an invoice: a checked IBAN and BIC, and the
//! EPC "SEPA credit transfer" QR payload a banking app scans to pre-fill the
//! transfer.
//!
//! Offering an easy way to pay is one of the ways to get paid sooner, and a
//! mistyped IBAN on an invoice means money that never arrives, so the account
//! is checked (length per country and ISO 7064 mod-97 check digits) before it
//! is ever printed.

use crate::money;
use rust_decimal::Decimal;
use thiserror::Error;

/// Why an IBAN was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IbanError {
    #[error("the IBAN is empty")]
    Empty,
    #[error("the IBAN contains “{0}”, which is not a letter or a digit")]
    InvalidCharacter(char),
    #[error("an IBAN starts with a two-letter country code and two check digits")]
    BadFormat,
    #[error("“{0}” is not a country that uses IBANs")]
    UnknownCountry(String),
    #[error("an IBAN from {country} has {expected} characters, this one has {found}")]
    WrongLength {
        country: String,
        expected: usize,
        found: usize,
    },
    #[error("the IBAN's check digits do not match: there is a typo in it")]
    BadCheckDigits,
}

/// Why a BIC (SWIFT code) was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BicError {
    #[error("a BIC has 8 or 11 characters, this one has {0}")]
    WrongLength(usize),
    #[error("“{0}” is not a valid BIC: 4 letters or digits for the bank, 2 letters for the country, then 2 (or 5) letters or digits")]
    BadFormat(String),
}

/// Why the transfer QR code cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EpcError {
    #[error(transparent)]
    Iban(#[from] IbanError),
    #[error(transparent)]
    Bic(#[from] BicError),
    #[error("a transfer QR code can only ask for euros, not {0}")]
    NotEuro(String),
    #[error("the amount of a transfer QR code must be between 0.01 and 999999999.99 euros with at most 2 decimals ({0})")]
    BadAmount(Decimal),
    #[error("the beneficiary name is required")]
    MissingName,
    #[error("the {field} is too long for a transfer QR code ({found} characters, at most {max})")]
    TooLong {
        field: &'static str,
        max: usize,
        found: usize,
    },
    #[error("the {0} cannot contain line breaks or control characters")]
    ControlCharacter(&'static str),
    #[error("the transfer QR code would be {0} bytes long, at most 331 are allowed")]
    PayloadTooLong(usize),
}

/// IBAN length per country (SWIFT IBAN registry): every SEPA country and the
/// other registered ones. Sorted by country code for binary search.
#[rustfmt::skip]
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("AD", 24), ("AE", 23), ("AL", 28), ("AT", 20), ("AZ", 28), ("BA", 20), ("BE", 16), ("BG", 22),
    ("BH", 22), ("BI", 27), ("BR", 29), ("BY", 28), ("CH", 21), ("CR", 22), ("CY", 28), ("CZ", 24),
    ("DE", 22), ("DJ", 27), ("DK", 18), ("DO", 28), ("EE", 20), ("EG", 29), ("ES", 24), ("FI", 18),
    ("FK", 18), ("FO", 18), ("FR", 27), ("GB", 22), ("GE", 22), ("GI", 23), ("GL", 18), ("GR", 27),
    ("GT", 28), ("HR", 21), ("HU", 28), ("IE", 22), ("IL", 23), ("IQ", 23), ("IS", 26), ("IT", 27),
    ("JO", 30), ("KW", 30), ("KZ", 20), ("LB", 28), ("LC", 32), ("LI", 21), ("LT", 20), ("LU", 20),
    ("LV", 21), ("LY", 25), ("MC", 27), ("MD", 24), ("ME", 22), ("MK", 19), ("MN", 20), ("MR", 27),
    ("MT", 31), ("MU", 30), ("NI", 28), ("NL", 18), ("NO", 15), ("OM", 23), ("PK", 24), ("PL", 28),
    ("PS", 29), ("PT", 25), ("QA", 29), ("RO", 24), ("RS", 22), ("RU", 33), ("SA", 24), ("SC", 31),
    ("SD", 18), ("SE", 24), ("SI", 19), ("SK", 24), ("SM", 27), ("SO", 23), ("ST", 25), ("SV", 28),
    ("TL", 23), ("TN", 24), ("TR", 26), ("UA", 29), ("VA", 22), ("VG", 24), ("XK", 20),
];

/// Expected IBAN length for a country code, if that country uses IBANs.
pub fn iban_length(country: &str) -> Option<usize> {
    IBAN_LENGTHS
        .binary_search_by(|(c, _)| (*c).cmp(country))
        .ok()
        .and_then(|i| IBAN_LENGTHS.get(i))
        .map(|(_, len)| *len)
}

/// Letters and digits only, upper case: how an identifier is typed with
/// spaces ("es91 2100 …") versus how it is compared and encoded.
fn compact(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// A checked IBAN in its electronic form (no spaces, upper case), from what
/// the user typed or pasted ("es91 2100 0418…", "IBAN ES91…").
pub fn validate_iban(input: &str) -> Result<String, IbanError> {
    let mut iban = compact(input);
    // Printed IBANs are often preceded by the word itself; no country code is "IB".
    if let Some(rest) = iban.strip_prefix("IBAN") {
        iban = rest.to_string();
    }
    if iban.is_empty() {
        return Err(IbanError::Empty);
    }
    if let Some(bad) = iban.chars().find(|c| !c.is_ascii_alphanumeric()) {
        return Err(IbanError::InvalidCharacter(bad));
    }
    let bytes = iban.as_bytes();
    let well_formed = bytes.len() >= 4
        && bytes.iter().take(2).all(u8::is_ascii_uppercase)
        && bytes.iter().skip(2).take(2).all(u8::is_ascii_digit);
    if !well_formed {
        return Err(IbanError::BadFormat);
    }
    let (country, rest) = iban.split_at(2);
    let expected = iban_length(country).ok_or_else(|| IbanError::UnknownCountry(country.to_string()))?;
    if iban.len() != expected {
        return Err(IbanError::WrongLength {
            country: country.to_string(),
            expected,
            found: iban.len(),
        });
    }
    // 00, 01 and 99 are never issued (98 − remainder is always 2..=98), yet
    // "01" passes mod-97 wherever "98" would: refuse them explicitly.
    let check = rest.get(..2).unwrap_or_default();
    if matches!(check, "00" | "01" | "99") || mod97(&iban) != 1 {
        return Err(IbanError::BadCheckDigits);
    }
    Ok(iban)
}

/// ISO 7064 MOD 97-10 of an IBAN: the first four characters moved to the end,
/// letters read as 10..=35, the resulting number taken modulo 97.
fn mod97(iban: &str) -> u32 {
    let (head, tail) = iban.split_at(4.min(iban.len()));
    tail.chars().chain(head.chars()).fold(0, |acc, c| {
        let value = c.to_digit(36).unwrap_or(0);
        let shift = if value < 10 { 10 } else { 100 };
        (acc * shift + value) % 97
    })
}

/// The paper form of an IBAN: groups of four ("ES91 2100 0418 4502 0005 1332").
/// Accepts the electronic or an already spaced form; does not validate.
pub fn format_iban_groups(iban: &str) -> String {
    let compacted = compact(iban);
    let mut out = String::with_capacity(compacted.len() + compacted.len() / 4);
    for (i, c) in compacted.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// A checked BIC (ISO 9362) in upper case without spaces: 4 letters or digits
/// (party), 2 letters (country), 2 letters or digits (location), and an
/// optional 3-character branch code.
pub fn validate_bic(input: &str) -> Result<String, BicError> {
    let bic = compact(input);
    let len = bic.chars().count();
    if len != 8 && len != 11 {
        return Err(BicError::WrongLength(len));
    }
    let alnum = |c: &u8| c.is_ascii_uppercase() || c.is_ascii_digit();
    let bytes = bic.as_bytes();
    let ok = bytes.iter().take(4).all(alnum)
        && bytes.iter().skip(4).take(2).all(u8::is_ascii_uppercase)
        && bytes.iter().skip(6).all(alnum);
    if !ok {
        return Err(BicError::BadFormat(bic));
    }
    Ok(bic)
}

/// What an EPC transfer QR code asks the payer's bank to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpcTransfer<'a> {
    /// Beneficiary's BIC; empty to leave it out (optional in version 002 within the EEA).
    pub bic: &'a str,
    /// Beneficiary name (the account holder), at most 70 characters.
    pub name: &'a str,
    pub iban: &'a str,
    /// 0.01 to 999 999 999.99, with at most 2 decimals.
    pub amount: Decimal,
    /// Must be "EUR": the QR code only exists for SEPA euro transfers.
    pub currency: &'a str,
    /// Unstructured remittance (the invoice number, so the payment can be matched), at most 140 characters.
    pub remittance_text: &'a str,
}

/// Largest amount an EPC QR code may carry.
/// 999 999 999.99 = 99 999 999 999 cents = 0x17_4876_E7FF.
const EPC_MAX_AMOUNT: Decimal = Decimal::from_parts(0x4876_E7FF, 0x17, 0, false, 2);
const EPC_MAX_BYTES: usize = 331;

/// The text to encode in the QR code of a SEPA credit transfer (EPC069-12,
/// version 002, UTF-8, "SCT"). One element per line, joined by "\n":
///
/// 1 `BCD` · 2 `002` · 3 `1` (UTF-8) · 4 `SCT` · 5 BIC (may be empty) ·
/// 6 name · 7 IBAN · 8 `EUR12.34` · 9 purpose (empty) · 10 structured
/// reference (empty) · 11 remittance text. Trailing empty elements are left out,
/// as the standard allows.
pub fn epc_qr_payload(t: &EpcTransfer<'_>) -> Result<String, EpcError> {
    if t.currency != "EUR" {
        return Err(EpcError::NotEuro(t.currency.to_string()));
    }
    let iban = validate_iban(t.iban)?;
    let bic = if t.bic.trim().is_empty() {
        String::new()
    } else {
        validate_bic(t.bic)?
    };
    let name = checked_text("beneficiary name", t.name, 70)?;
    if name.is_empty() {
        return Err(EpcError::MissingName);
    }
    let remittance = checked_text("payment reference", t.remittance_text, 140)?;
    // Never round silently here: an amount with fractions of a cent is a bug upstream.
    let cents = money::round(t.amount, "EUR").map_err(|_| EpcError::NotEuro(t.currency.to_string()))?;
    if cents != t.amount || cents < Decimal::new(1, 2) || cents > EPC_MAX_AMOUNT {
        return Err(EpcError::BadAmount(t.amount));
    }
    let amount = format!("EUR{cents}");
    let mut lines = vec![
        "BCD", "002", "1", "SCT", &bic, name, &iban, &amount, "", "", remittance,
    ];
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let payload = lines.join("\n");
    if payload.len() > EPC_MAX_BYTES {
        return Err(EpcError::PayloadTooLong(payload.len()));
    }
    Ok(payload)
}

/// A free-text element trimmed, on one line, and within its length in characters.
fn checked_text<'a>(field: &'static str, text: &'a str, max: usize) -> Result<&'a str, EpcError> {
    let text = text.trim();
    if text.chars().any(char::is_control) {
        return Err(EpcError::ControlCharacter(field));
    }
    let found = text.chars().count();
    if found > max {
        return Err(EpcError::TooLong { field, max, found });
    }
    Ok(text)
}
