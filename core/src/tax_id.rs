//! Spanish tax ids (NIF of a person: DNI; NIE of a foreigner; NIF of a company: the old CIF)
//! checked by their check character, so a typo is caught where it is typed instead of on an
//! invoice the client's accounts department sends back.
//!
//! Which ids are checked: an id whose owner is in Spain (the address's country is empty, "ES"
//! or written out as Spain), unless it starts with another country's two-letter code, as EU
//! VAT numbers do ("DE123456789": a foreign VAT number, plain text). An "ES" prefix (the intra-EU VAT form,
//! "ESB12345674") is checked as the Spanish id after it. Anyone outside Spain has an id of
//! their own country's making: plain text, only its length is limited.

use thiserror::Error;

/// Why a Spanish tax id was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TaxIdProblem {
    /// Not the shape of any Spanish id (8 digits and a letter; X, Y or Z, 7 digits and a
    /// letter; a company letter, 7 digits and a check digit or letter).
    #[error("this is not a Spanish NIF, NIE or CIF: expected 8 digits and a letter (DNI), X/Y/Z, 7 digits and a letter (NIE), or a letter, 7 digits and a check character (companies)")]
    Format,
    /// The shape is right but the check character is not: a typo.
    #[error("the check character does not match: with these digits it would be {expected}")]
    CheckCharacter { expected: char },
}

const DNI_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// Whether a country as typed in an address means Spain ("ES", "España", "Spain", or empty:
/// Cobro's users and most of their clients are Spanish, and the client form starts with ES).
pub fn is_spain(country: &str) -> bool {
    let c = country.trim().to_uppercase();
    matches!(c.as_str(), "" | "ES" | "ESP" | "ESPAÑA" | "ESPANA" | "SPAIN")
}

/// The id as compared: upper case, without spaces, dots and hyphens.
pub fn normalize(id: &str) -> String {
    id.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | '-'))
        .flat_map(char::to_uppercase)
        .collect()
}

/// A tax id of someone in `country` checked as the rules above say: `Ok` for an empty id,
/// a foreign one, or a Spanish one whose check character matches.
pub fn check(id: &str, country: &str) -> Result<(), TaxIdProblem> {
    let id = normalize(id);
    if id.is_empty() || !is_spain(country) {
        return Ok(());
    }
    let b = id.as_bytes();
    let spanish = match b {
        [b'E', b'S', rest @ ..] if rest.first().is_some_and(|c| c.is_ascii_alphanumeric()) => rest,
        [x, y, ..]
            if x.is_ascii_alphabetic()
                && y.is_ascii_alphabetic()
                && is_vat_prefix(id.get(..2).unwrap_or_default()) =>
        {
            return Ok(())
        }
        _ => b,
    };
    check_spanish(spanish)
}

/// A country code as VAT numbers use them: ISO 3166, and the EU's own EL (Greece) and XI
/// (Northern Ireland).
fn is_vat_prefix(code: &str) -> bool {
    matches!(code, "EL" | "XI") || crate::payment_info::is_country_code(code)
}

/// A Spanish id (normalised, without a country prefix).
pub fn check_spanish(id: &[u8]) -> Result<(), TaxIdProblem> {
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    let number = |s: &[u8]| s.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    let letter_for = |n: u32| char::from(DNI_LETTERS[(n % 23) as usize]);
    let expect = |expected: char, got: u8| {
        if char::from(got) == expected {
            Ok(())
        } else {
            Err(TaxIdProblem::CheckCharacter { expected })
        }
    };
    match id {
        // DNI: 8 digits and a letter.
        [body @ .., last] if body.len() == 8 && digits(body) => expect(letter_for(number(body)), *last),
        // NIE: X, Y or Z (read as 0, 1, 2) in front of 7 digits.
        [first @ (b'X' | b'Y' | b'Z'), body @ .., last] if body.len() == 7 && digits(body) => {
            let lead = u32::from(first - b'X');
            expect(letter_for(lead * 10_000_000 + number(body)), *last)
        }
        // Special NIFs of people without a DNI (K: under 14, L: non-residents, M: foreigners
        // without a NIE): the letter of their 7 digits.
        [b'K' | b'L' | b'M', body @ .., last] if body.len() == 7 && digits(body) => {
            expect(letter_for(number(body)), *last)
        }
        // Companies and other entities: their kind, 7 digits, a check digit or letter.
        [kind, body @ .., last] if body.len() == 7 && digits(body) && b"ABCDEFGHJNPQRSUVW".contains(kind) => {
            let sum: u32 = body
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    let d = u32::from(d - b'0');
                    if i % 2 == 0 {
                        let twice = d * 2;
                        twice / 10 + twice % 10
                    } else {
                        d
                    }
                })
                .sum();
            let control = (10 - sum % 10) % 10;
            let as_digit = char::from_digit(control, 10).unwrap_or('0');
            let as_letter = char::from(b"JABCDEFGHI"[control as usize]);
            match kind {
                // Public bodies, foreign entities, churches, non-resident: a letter.
                b'P' | b'Q' | b'R' | b'S' | b'N' | b'W' => expect(as_letter, *last),
                // Companies (S.A., S.L.), joint ownerships: a digit.
                b'A' | b'B' | b'E' | b'H' => expect(as_digit, *last),
                // The others may carry either.
                _ if char::from(*last) == as_digit || char::from(*last) == as_letter => Ok(()),
                _ => Err(TaxIdProblem::CheckCharacter { expected: as_digit }),
            }
        }
        _ => Err(TaxIdProblem::Format),
    }
}
