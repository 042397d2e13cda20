//! Payment instructions printed on an invoice: a checked IBAN and BIC, and the
//! EPC "SEPA credit transfer" QR payload a banking app scans to pre-fill the
//! transfer.
//!
//! Offering an easy way to pay is one of the ways to get paid sooner, and a
//! mistyped IBAN on an invoice means money that never arrives, so the account
//! is checked before it is ever printed: the national format of every country in
//! the SWIFT IBAN registry (length and the letter/digit class of each character),
//! the ISO 7064 mod-97 check digits, and a Spanish account's own check digits (DC).
//! A transfer QR code is drawn only when a bank can pay it: a euro account in the
//! SEPA zone, for what is still owed ([`invoice_qr`]).

use crate::lifecycle::Balance;
use crate::model::{Invoice, PaymentMethod, PaymentMethodKind};
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
    /// A character of the account part is of the wrong kind for the country (a letter
    /// where a Spanish account has only digits). `position` counts from 1 in the IBAN.
    #[error("character {position} of an IBAN from {country} must be {expected}")]
    BbanFormat {
        country: String,
        position: usize,
        expected: CharClass,
    },
    #[error("the IBAN's check digits do not match: there is a typo in it")]
    BadCheckDigits,
    /// The country's own account check (Spain: the two "DC" digits) fails.
    #[error("the account number's own check digits do not match: there is a typo in it")]
    NationalCheckDigits { country: String },
}

/// What kind of character a position of an account number holds (the registry's
/// `n`, `a` and `c`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharClass {
    Digit,
    Letter,
    LetterOrDigit,
}

impl std::fmt::Display for CharClass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Digit => "a digit",
            Self::Letter => "a letter",
            Self::LetterOrDigit => "a letter or a digit",
        })
    }
}

impl CharClass {
    fn from_code(code: u8) -> Self {
        match code {
            b'n' => Self::Digit,
            b'a' => Self::Letter,
            _ => Self::LetterOrDigit,
        }
    }

    fn admits(self, c: u8) -> bool {
        match self {
            Self::Digit => c.is_ascii_digit(),
            Self::Letter => c.is_ascii_uppercase(),
            Self::LetterOrDigit => c.is_ascii_uppercase() || c.is_ascii_digit(),
        }
    }
}

/// Why a BIC (SWIFT code) was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BicError {
    #[error("a BIC has 8 or 11 characters, this one has {0}")]
    WrongLength(usize),
    #[error("“{0}” is not a valid BIC: 4 letters or digits for the bank, 2 letters for the country, then 2 (or 5) letters or digits")]
    BadFormat(String),
    /// Letters 5–6 are not an ISO 3166 country code.
    #[error("“{0}” in a BIC is not a country code")]
    UnknownCountry(String),
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
    /// The account is outside the SEPA zone: no bank could pay the code.
    #[error("a transfer QR code needs an account in the SEPA zone, not in {0}")]
    NotSepa(String),
    #[error("the amount of a transfer QR code must be between 0.01 and 999999999.99 euros with at most 2 decimals ({0})")]
    BadAmount(Decimal),
    #[error("the beneficiary name is required")]
    MissingName,
    #[error("the {field} is too long for a transfer QR code ({found} characters, at most {max})")]
    TooLong {
        field: EpcField,
        max: usize,
        found: usize,
    },
    #[error("the {0} cannot contain line breaks or control characters")]
    ControlCharacter(EpcField),
    #[error("the transfer QR code would be {0} bytes long, at most 331 are allowed")]
    PayloadTooLong(usize),
}

/// The free-text elements of a transfer QR code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EpcField {
    /// The beneficiary (account holder) name, at most [`EPC_NAME_MAX`] characters.
    BeneficiaryName,
    /// The unstructured remittance text (the invoice number), at most 140 characters.
    Remittance,
}

impl std::fmt::Display for EpcField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::BeneficiaryName => "beneficiary name",
            Self::Remittance => "payment reference",
        })
    }
}

/// Longest beneficiary name a transfer QR code carries (EPC069-12, element 6).
pub const EPC_NAME_MAX: usize = 70;
/// Longest unstructured remittance text (EPC069-12, element 11).
pub const EPC_REMITTANCE_MAX: usize = 140;

/// The SWIFT IBAN registry, release 100 (October 2025): for every country that issues
/// IBANs, the IBAN's length, the structure of the national account part (BBAN) as runs of
/// `n` digits, `a` upper-case letters and `c` letters or digits ("4n4n1n1n10n": Spain),
/// and whether the registry lists it in the SEPA zone. Territories that use another
/// country's code (Åland: FI; Guadeloupe: FR; Jersey: GB…) are covered by it. Sorted by
/// code for binary search. When SWIFT publishes a new release, regenerate this table
/// from its TXT file and update the release above.
#[rustfmt::skip]
const IBAN_REGISTRY: &[(&str, usize, &str, bool)] = &[
    ("AD", 24, "4n4n12c", true),
    ("AE", 23, "3n16n", false),
    ("AL", 28, "8n16c", false),
    ("AT", 20, "5n11n", true),
    ("AZ", 28, "4a20c", false),
    ("BA", 20, "3n3n8n2n", false),
    ("BE", 16, "3n7n2n", true),
    ("BG", 22, "4a4n2n8c", true),
    ("BH", 22, "4a14c", false),
    ("BI", 27, "5n5n11n2n", false),
    ("BR", 29, "8n5n10n1a1c", false),
    ("BY", 28, "4c4n16c", false),
    ("CH", 21, "5n12c", true),
    ("CR", 22, "4n14n", false),
    ("CY", 28, "3n5n16c", true),
    ("CZ", 24, "4n6n10n", true),
    ("DE", 22, "8n10n", true),
    ("DJ", 27, "5n5n11n2n", false),
    ("DK", 18, "4n9n1n", true),
    ("DO", 28, "4c20n", false),
    ("EE", 20, "2n14n", true),
    ("EG", 29, "4n4n17n", false),
    ("ES", 24, "4n4n1n1n10n", true),
    ("FI", 18, "3n11n", true),
    ("FK", 18, "2a12n", false),
    ("FO", 18, "4n9n1n", false),
    ("FR", 27, "5n5n11c2n", true),
    ("GB", 22, "4a6n8n", true),
    ("GE", 22, "2a16n", false),
    ("GI", 23, "4a15c", true),
    ("GL", 18, "4n9n1n", false),
    ("GR", 27, "3n4n16c", true),
    ("GT", 28, "4c20c", false),
    ("HN", 28, "4a20n", false),
    ("HR", 21, "7n10n", true),
    ("HU", 28, "3n4n1n15n1n", true),
    ("IE", 22, "4a6n8n", true),
    ("IL", 23, "3n3n13n", false),
    ("IQ", 23, "4a3n12n", false),
    ("IS", 26, "4n2n6n10n", true),
    ("IT", 27, "1a5n5n12c", true),
    ("JO", 30, "4a4n18c", false),
    ("KW", 30, "4a22c", false),
    ("KZ", 20, "3n13c", false),
    ("LB", 28, "4n20c", false),
    ("LC", 32, "4a24c", false),
    ("LI", 21, "5n12c", true),
    ("LT", 20, "5n11n", true),
    ("LU", 20, "3n13c", true),
    ("LV", 21, "4a13c", true),
    ("LY", 25, "3n3n15n", false),
    ("MC", 27, "5n5n11c2n", true),
    ("MD", 24, "2c18c", false),
    ("ME", 22, "3n13n2n", false),
    ("MK", 19, "3n10c2n", false),
    ("MN", 20, "4n12n", false),
    ("MR", 27, "5n5n11n2n", false),
    ("MT", 31, "4a5n18c", true),
    ("MU", 30, "4a2n2n12n3n3a", false),
    ("NI", 28, "4a20n", false),
    ("NL", 18, "4a10n", true),
    ("NO", 15, "4n6n1n", true),
    ("OM", 23, "3n16c", false),
    ("PK", 24, "4a16c", false),
    ("PL", 28, "8n16n", true),
    ("PS", 29, "4a21c", false),
    ("PT", 25, "4n4n11n2n", true),
    ("QA", 29, "4a21c", false),
    ("RO", 24, "4a16c", true),
    ("RS", 22, "3n13n2n", false),
    ("RU", 33, "9n5n15c", false),
    ("SA", 24, "2n18c", false),
    ("SC", 31, "4a2n2n16n3a", false),
    ("SD", 18, "2n12n", false),
    ("SE", 24, "3n16n1n", true),
    ("SI", 19, "5n8n2n", true),
    ("SK", 24, "4n6n10n", true),
    ("SM", 27, "1a5n5n12c", true),
    ("SO", 23, "4n3n12n", false),
    ("ST", 25, "4n4n11n2n", false),
    ("SV", 28, "4a20n", false),
    ("TL", 23, "3n14n2n", false),
    ("TN", 24, "2n3n13n2n", false),
    ("TR", 26, "5n1n16c", false),
    ("UA", 29, "6n19c", false),
    ("VA", 22, "3n15n", true),
    ("VG", 24, "4a16n", false),
    ("XK", 20, "4n10n2n", false),
    ("YE", 30, "4a4n18c", false),
];

fn registry(country: &str) -> Option<&'static (&'static str, usize, &'static str, bool)> {
    IBAN_REGISTRY
        .binary_search_by(|(c, ..)| (*c).cmp(country))
        .ok()
        .and_then(|i| IBAN_REGISTRY.get(i))
}

/// Expected IBAN length for a country code, if that country uses IBANs.
pub fn iban_length(country: &str) -> Option<usize> {
    registry(country).map(|(_, len, ..)| *len)
}

/// Every country code of the registry, alphabetically.
pub fn iban_countries() -> impl Iterator<Item = &'static str> {
    IBAN_REGISTRY.iter().map(|(c, ..)| *c)
}

/// Whether accounts of this IBAN country code are in the SEPA zone (a SEPA transfer,
/// and so an EPC QR code, can reach them).
pub fn is_sepa_country(country: &str) -> bool {
    registry(country).is_some_and(|(.., sepa)| *sepa)
}

/// The national account part of `iban` (upper case, length already checked) against the
/// registry's structure for its country ("4n2a": four digits, then two letters).
fn check_bban(country: &str, structure: &str, iban: &[u8]) -> Result<(), IbanError> {
    let mut pos = 4;
    let mut run = 0usize;
    for code in structure.bytes() {
        if code.is_ascii_digit() {
            run = run * 10 + usize::from(code - b'0');
            continue;
        }
        let class = CharClass::from_code(code);
        for _ in 0..std::mem::take(&mut run) {
            if !iban.get(pos).is_some_and(|c| class.admits(*c)) {
                return Err(IbanError::BbanFormat {
                    country: country.to_string(),
                    position: pos + 1,
                    expected: class,
                });
            }
            pos += 1;
        }
    }
    Ok(())
}

/// A Spanish account's two check digits (DC, positions 9–10 of the BBAN): the first
/// checks "00" + bank + branch, the second the account number, each with the weights
/// 1, 2, 4, 8, 5, 10, 9, 7, 3, 6 modulo 11 (11 → 0, 10 → 1).
fn spanish_dc_ok(bban: &[u8]) -> bool {
    fn dc(digits: impl Iterator<Item = u8>) -> u8 {
        const WEIGHTS: [u32; 10] = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];
        let sum: u32 = digits.zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
        match 11 - sum % 11 {
            11 => 0,
            10 => 1,
            n => n as u8,
        }
    }
    match bban {
        [entity @ .., d1, d2, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9] if entity.len() == 8 => {
            let first = dc([b'0', b'0'].into_iter().chain(entity.iter().copied()));
            let second = dc([*a0, *a1, *a2, *a3, *a4, *a5, *a6, *a7, *a8, *a9].into_iter());
            *d1 == b'0' + first && *d2 == b'0' + second
        }
        _ => false,
    }
}

/// ISO 3166-1 alpha-2 codes (iso-codes 4.15) and XK (Kosovo, which SWIFT uses), two
/// letters each, sorted: the country part of a BIC.
const ISO_COUNTRIES: &str = "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSXKYEYTZAZMZW";

/// Whether `code` is an ISO 3166-1 alpha-2 country code.
pub fn is_country_code(code: &str) -> bool {
    ISO_COUNTRIES
        .as_bytes()
        .chunks_exact(2)
        .any(|c| c == code.as_bytes())
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
    let &(_, expected, structure, _) =
        registry(country).ok_or_else(|| IbanError::UnknownCountry(country.to_string()))?;
    if iban.len() != expected {
        return Err(IbanError::WrongLength {
            country: country.to_string(),
            expected,
            found: iban.len(),
        });
    }
    check_bban(country, structure, iban.as_bytes())?;
    // 00, 01 and 99 are never issued (98 − remainder is always 2..=98), yet
    // "01" passes mod-97 wherever "98" would: refuse them explicitly.
    let check = rest.get(..2).unwrap_or_default();
    if matches!(check, "00" | "01" | "99") || mod97(&iban) != 1 {
        return Err(IbanError::BadCheckDigits);
    }
    if country == "ES" && !spanish_dc_ok(iban.as_bytes().get(4..).unwrap_or_default()) {
        return Err(IbanError::NationalCheckDigits {
            country: country.to_string(),
        });
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
    let country = bic.get(4..6).unwrap_or_default();
    if !is_country_code(country) {
        return Err(BicError::UnknownCountry(country.to_string()));
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
    let country = iban.get(..2).unwrap_or_default();
    if !is_sepa_country(country) {
        return Err(EpcError::NotSepa(country.to_string()));
    }
    let name = beneficiary_name_checked(t.name)?;
    let remittance = checked_text(EpcField::Remittance, t.remittance_text, EPC_REMITTANCE_MAX)?;
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

/// The beneficiary name a transfer QR code would carry, trimmed, or why it cannot: empty,
/// over [`EPC_NAME_MAX`] characters, or with line breaks. The settings and first-run forms
/// check the account holder with it (and the business name, which stands in for an empty
/// holder: see [`beneficiary_name`]) so the problem shows where it is typed.
pub fn beneficiary_name_checked(name: &str) -> Result<&str, EpcError> {
    let name = checked_text(EpcField::BeneficiaryName, name, EPC_NAME_MAX)?;
    if name.is_empty() {
        return Err(EpcError::MissingName);
    }
    Ok(name)
}

/// Whose name a transfer to a bank account shows: its holder, or the business itself when
/// the holder was left empty.
pub fn beneficiary_name<'a>(holder: &'a str, business_name: &'a str) -> &'a str {
    if holder.trim().is_empty() {
        business_name
    } else {
        holder
    }
}

/// A free-text element trimmed, on one line, and within its length in characters.
fn checked_text(field: EpcField, text: &str, max: usize) -> Result<&str, EpcError> {
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

/// Whether an invoice's document shows a transfer QR code, and if not, why (the screen says
/// so; print leaves it out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransferQr {
    /// The EPC069-12 text to draw, asking for what is still owed.
    Qr {
        payload: String,
        amount: Decimal,
    },
    NoQr(NoQrReason),
}

/// Why an invoice has no transfer QR code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoQrReason {
    /// A draft: the code carries the invoice number, given on issue.
    Draft,
    /// Cancelled by a credit note: nothing is to be paid.
    Cancelled,
    /// Paid or credited in full.
    NothingOwed,
    /// None of the printed payment methods is a bank transfer.
    NoBankTransfer,
    /// The invoice is not in euros.
    NotEuro { currency: String },
    /// The account is outside the SEPA zone.
    NotSepa { country: String },
    /// The account details cannot be encoded (a bad IBAN or BIC, a holder name over 70
    /// characters…).
    Invalid(EpcError),
    /// The invoice's amounts cannot be computed.
    Totals(money::MoneyError),
}

/// The transfer QR code of an issued invoice: for the first printed bank-transfer method a
/// bank can pay (a SEPA-zone account, an invoice in euros), asking for what `balance` says
/// is owed and quoting the invoice number. `methods` are the methods the document prints;
/// `business_name` stands in for an empty account holder.
pub fn invoice_qr(
    inv: &Invoice,
    balance: Result<&Balance, &money::MoneyError>,
    methods: &[&PaymentMethod],
    business_name: &str,
) -> TransferQr {
    let no = TransferQr::NoQr;
    let Some(number) = inv.number.as_deref() else {
        return no(NoQrReason::Draft);
    };
    if inv.cancelled_by.is_some() {
        return no(NoQrReason::Cancelled);
    }
    let owed = match balance {
        Ok(b) => b.owed,
        Err(e) => return no(NoQrReason::Totals(e.clone())),
    };
    if owed <= Decimal::ZERO {
        return no(NoQrReason::NothingOwed);
    }
    if inv.currency != "EUR" {
        return no(NoQrReason::NotEuro {
            currency: inv.currency.clone(),
        });
    }
    let mut first_refusal = None;
    for m in methods {
        let PaymentMethodKind::BankTransfer {
            iban, bic, holder, ..
        } = &m.kind
        else {
            continue;
        };
        let made = epc_qr_payload(&EpcTransfer {
            bic,
            name: beneficiary_name(holder, business_name),
            iban,
            amount: owed,
            currency: &inv.currency,
            remittance_text: number,
        });
        match made {
            Ok(payload) => {
                return TransferQr::Qr {
                    payload,
                    amount: owed,
                }
            }
            Err(e) => {
                first_refusal.get_or_insert(e);
            }
        }
    }
    no(match first_refusal {
        None => NoQrReason::NoBankTransfer,
        Some(EpcError::NotSepa(country)) => NoQrReason::NotSepa { country },
        Some(e) => NoQrReason::Invalid(e),
    })
}
