//! Payment instructions: IBAN and BIC checks, IBAN printing, and the EPC069-12
//! SEPA credit-transfer QR payload, element by element.

// A failed unwrap is a failed test, which is what tests are for.
#![allow(clippy::unwrap_used)]

use cobro_core::payment_info::{
    epc_qr_payload, format_iban_groups, iban_length, validate_bic, validate_iban, BicError, EpcError,
    EpcTransfer, IbanError,
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

const VALID: &[&str] = &[
    "ES91 2100 0418 4502 0005 1332",
    "DE89 3704 0044 0532 0130 00",
    "GB82 WEST 1234 5698 7654 32",
    "FR14 2004 1010 0505 0001 3M02 606",
    "NL91 ABNA 0417 1643 00",
    "BE68 5390 0754 7034",
    "NO93 8601 1117 947",
    "MT84 MALT 0110 0001 2345 MTLC AST0 01S",
    "IT60 X054 2811 1010 0000 0123 456",
    "CH93 0076 2011 6238 5295 7",
    "AT61 1904 3002 3457 3201",
    "PT50 0002 0123 1234 5678 9015 4",
    "PL61 1090 1014 0000 0712 1981 2874",
    "SE45 5000 0000 0583 9825 7466",
    "IE29 AIBK 9311 5212 3456 78",
    "FI21 1234 5600 0007 85",
    "LC55 HEMM 0001 0001 0012 0012 0002 3015",
];

#[test]
fn known_valid_ibans_pass_and_come_back_compact() {
    for iban in VALID {
        let compact: String = iban.chars().filter(|c| *c != ' ').collect();
        assert_eq!(validate_iban(iban), Ok(compact.clone()), "{iban}");
        // Already compact, lower case, or with the word "IBAN" in front: same result.
        assert_eq!(validate_iban(&compact), Ok(compact.clone()));
        assert_eq!(validate_iban(&iban.to_lowercase()), Ok(compact.clone()));
        assert_eq!(validate_iban(&format!("IBAN {iban}")), Ok(compact.clone()));
        // Printing groups it back exactly as banks print it.
        assert_eq!(format_iban_groups(&compact), *iban);
    }
}

#[test]
fn wrong_check_digits_are_caught() {
    assert_eq!(
        validate_iban("ES92 2100 0418 4502 0005 1332"),
        Err(IbanError::BadCheckDigits)
    );
    assert_eq!(
        validate_iban("DE89 3704 0044 0532 0130 01"),
        Err(IbanError::BadCheckDigits)
    );
    // Two adjacent digits swapped: the classic typo mod-97 exists to catch.
    assert_eq!(
        validate_iban("ES91 2100 0418 4502 0005 3132"),
        Err(IbanError::BadCheckDigits)
    );
    assert_eq!(
        validate_iban("GB82 WEST 1234 5698 7654 23"),
        Err(IbanError::BadCheckDigits)
    );
}

#[test]
fn check_digits_01_00_and_99_are_never_valid() {
    // ES98… is valid; the same account with "01" also has remainder 1 but is never issued.
    assert_eq!(
        validate_iban("ES98 2100 0418 4502 0000 0087"),
        Ok("ES9821000418450200000087".into())
    );
    assert_eq!(
        validate_iban("ES01 2100 0418 4502 0000 0087"),
        Err(IbanError::BadCheckDigits)
    );
    assert_eq!(
        validate_iban("ES00 2100 0418 4502 0000 0087"),
        Err(IbanError::BadCheckDigits)
    );
    assert_eq!(
        validate_iban("ES99 2100 0418 4502 0000 0087"),
        Err(IbanError::BadCheckDigits)
    );
}

#[test]
fn wrong_length_is_reported_with_the_expected_length() {
    assert_eq!(
        validate_iban("ES91 2100 0418 4502 0005 133"),
        Err(IbanError::WrongLength {
            country: "ES".into(),
            expected: 24,
            found: 23
        })
    );
    assert_eq!(
        validate_iban("DE89 3704 0044 0532 0130 0000"),
        Err(IbanError::WrongLength {
            country: "DE".into(),
            expected: 22,
            found: 24
        })
    );
    assert_eq!(
        validate_iban("ES91 2100 0418 4502 0005 133")
            .unwrap_err()
            .to_string(),
        "an IBAN from ES has 24 characters, this one has 23"
    );
}

#[test]
fn malformed_ibans_are_refused_with_a_reason() {
    assert_eq!(validate_iban(""), Err(IbanError::Empty));
    assert_eq!(validate_iban("   "), Err(IbanError::Empty));
    assert_eq!(validate_iban("IBAN"), Err(IbanError::Empty));
    assert_eq!(
        validate_iban("ES91-2100-0418-4502-0005-1332"),
        Err(IbanError::InvalidCharacter('-'))
    );
    assert_eq!(
        validate_iban("ES91 2100 0418 4502 0005 133É"),
        Err(IbanError::InvalidCharacter('É'))
    );
    assert_eq!(
        validate_iban("ES9X 2100 0418 4502 0005 1332"),
        Err(IbanError::BadFormat)
    );
    assert_eq!(
        validate_iban("1291 2100 0418 4502 0005 1332"),
        Err(IbanError::BadFormat)
    );
    assert_eq!(validate_iban("ES9"), Err(IbanError::BadFormat));
    assert_eq!(
        validate_iban("XX91 2100 0418 4502 0005 1332"),
        Err(IbanError::UnknownCountry("XX".into()))
    );
    assert_eq!(
        validate_iban("US12 3456 7890"),
        Err(IbanError::UnknownCountry("US".into()))
    );
}

#[test]
fn every_sepa_country_has_an_iban_length() {
    let sepa = [
        ("AD", 24),
        ("AT", 20),
        ("BE", 16),
        ("BG", 22),
        ("CH", 21),
        ("CY", 28),
        ("CZ", 24),
        ("DE", 22),
        ("DK", 18),
        ("EE", 20),
        ("ES", 24),
        ("FI", 18),
        ("FR", 27),
        ("GB", 22),
        ("GI", 23),
        ("GR", 27),
        ("HR", 21),
        ("HU", 28),
        ("IE", 22),
        ("IS", 26),
        ("IT", 27),
        ("LI", 21),
        ("LT", 20),
        ("LU", 20),
        ("LV", 21),
        ("MC", 27),
        ("MT", 31),
        ("NL", 18),
        ("NO", 15),
        ("PL", 28),
        ("PT", 25),
        ("RO", 24),
        ("SE", 24),
        ("SI", 19),
        ("SK", 24),
        ("SM", 27),
        ("VA", 22),
        ("AL", 28),
        ("MD", 24),
        ("ME", 22),
        ("MK", 19),
        ("RS", 22),
    ];
    for (country, len) in sepa {
        assert_eq!(iban_length(country), Some(len), "{country}");
    }
    assert_eq!(iban_length("US"), None);
    assert_eq!(iban_length("es"), None);
}

#[test]
fn format_iban_groups_handles_odd_lengths_and_messy_input() {
    assert_eq!(format_iban_groups("NO9386011117947"), "NO93 8601 1117 947");
    assert_eq!(
        format_iban_groups(" es91 21000418 4502 0005 1332 "),
        "ES91 2100 0418 4502 0005 1332"
    );
    assert_eq!(format_iban_groups(""), "");
}

#[test]
fn bics_of_8_and_11_characters() {
    assert_eq!(validate_bic("CAIXESBBXXX"), Ok("CAIXESBBXXX".into()));
    assert_eq!(validate_bic("caix es bb"), Ok("CAIXESBB".into()));
    assert_eq!(validate_bic("DEUTDEFF500"), Ok("DEUTDEFF500".into()));
    assert_eq!(validate_bic("NWBKGB2L"), Ok("NWBKGB2L".into()));
    assert_eq!(validate_bic("CAIXESB"), Err(BicError::WrongLength(7)));
    assert_eq!(validate_bic("CAIXESBBXX"), Err(BicError::WrongLength(10)));
    assert_eq!(validate_bic(""), Err(BicError::WrongLength(0)));
    assert_eq!(
        validate_bic("CAIX12BB"),
        Err(BicError::BadFormat("CAIX12BB".into()))
    );
    assert_eq!(
        validate_bic("CAIXESB-"),
        Err(BicError::BadFormat("CAIXESB-".into()))
    );
    assert_eq!(
        validate_bic("CAÍXESBB"),
        Err(BicError::BadFormat("CAÍXESBB".into()))
    );
}

fn transfer() -> EpcTransfer<'static> {
    EpcTransfer {
        bic: "CAIXESBBXXX",
        name: "Ana García Estudio",
        iban: "ES91 2100 0418 4502 0005 1332",
        amount: d("1210.00"),
        currency: "EUR",
        remittance_text: "F2026-0001",
    }
}

#[test]
fn epc_payload_follows_the_standard_line_by_line() {
    let payload = epc_qr_payload(&transfer()).unwrap();
    let lines: Vec<&str> = payload.split('\n').collect();
    assert_eq!(lines.len(), 11);
    assert_eq!(lines[0], "BCD", "service tag");
    assert_eq!(lines[1], "002", "version");
    assert_eq!(lines[2], "1", "character set: UTF-8");
    assert_eq!(lines[3], "SCT", "identification: SEPA credit transfer");
    assert_eq!(lines[4], "CAIXESBBXXX", "BIC");
    assert_eq!(lines[5], "Ana García Estudio", "beneficiary name");
    assert_eq!(lines[6], "ES9121000418450200051332", "IBAN without spaces");
    assert_eq!(lines[7], "EUR1210.00", "amount");
    assert_eq!(lines[8], "", "purpose");
    assert_eq!(lines[9], "", "structured reference (unused when there is a text)");
    assert_eq!(
        lines[10], "F2026-0001",
        "unstructured remittance: the invoice number"
    );
    assert!(!payload.contains('\r'));
    assert!(!payload.ends_with('\n'));
}

#[test]
fn epc_payload_without_bic_or_reference() {
    let t = EpcTransfer {
        bic: "",
        remittance_text: "  ",
        ..transfer()
    };
    assert_eq!(
        epc_qr_payload(&t).unwrap(),
        "BCD\n002\n1\nSCT\n\nAna García Estudio\nES9121000418450200051332\nEUR1210.00"
    );
}

#[test]
fn epc_amount_is_written_in_cents_with_a_dot() {
    let payload = |amount: &str| {
        epc_qr_payload(&EpcTransfer {
            amount: d(amount),
            ..transfer()
        })
    };
    let amount_line = |amount: &str| payload(amount).unwrap().split('\n').nth(7).unwrap().to_string();
    assert_eq!(amount_line("0.01"), "EUR0.01");
    assert_eq!(amount_line("12.3"), "EUR12.30");
    assert_eq!(amount_line("5"), "EUR5.00");
    assert_eq!(amount_line("999999999.99"), "EUR999999999.99");
    for bad in [
        "0",
        "0.00",
        "-5",
        "0.001",
        "12.345",
        "1000000000",
        "1000000000.00",
    ] {
        assert_eq!(payload(bad), Err(EpcError::BadAmount(d(bad))), "{bad}");
    }
}

#[test]
fn epc_refuses_what_the_standard_does_not_allow() {
    assert_eq!(
        epc_qr_payload(&EpcTransfer {
            currency: "USD",
            ..transfer()
        }),
        Err(EpcError::NotEuro("USD".into()))
    );
    assert_eq!(
        epc_qr_payload(&EpcTransfer {
            currency: "eur",
            ..transfer()
        }),
        Err(EpcError::NotEuro("eur".into()))
    );
    assert_eq!(
        epc_qr_payload(&EpcTransfer {
            iban: "ES92 2100 0418 4502 0005 1332",
            ..transfer()
        }),
        Err(EpcError::Iban(IbanError::BadCheckDigits))
    );
    assert_eq!(
        epc_qr_payload(&EpcTransfer {
            bic: "CAIX",
            ..transfer()
        }),
        Err(EpcError::Bic(BicError::WrongLength(4)))
    );
    assert_eq!(
        epc_qr_payload(&EpcTransfer {
            name: "  ",
            ..transfer()
        }),
        Err(EpcError::MissingName)
    );
    let name71 = "N".repeat(71);
    assert_eq!(
        epc_qr_payload(&EpcTransfer {
            name: &name71,
            ..transfer()
        }),
        Err(EpcError::TooLong {
            field: "beneficiary name",
            max: 70,
            found: 71
        })
    );
    let name70 = "N".repeat(70);
    assert!(epc_qr_payload(&EpcTransfer {
        name: &name70,
        ..transfer()
    })
    .is_ok());
    let text141 = "R".repeat(141);
    assert_eq!(
        epc_qr_payload(&EpcTransfer {
            remittance_text: &text141,
            ..transfer()
        }),
        Err(EpcError::TooLong {
            field: "payment reference",
            max: 140,
            found: 141
        })
    );
    assert_eq!(
        epc_qr_payload(&EpcTransfer {
            name: "Ana\nGarcía",
            ..transfer()
        }),
        Err(EpcError::ControlCharacter("beneficiary name"))
    );
    assert_eq!(
        epc_qr_payload(&EpcTransfer {
            remittance_text: "F1\rF2",
            ..transfer()
        }),
        Err(EpcError::ControlCharacter("payment reference"))
    );
}

#[test]
fn epc_payload_is_at_most_331_bytes() {
    // 70 + 140 characters of ASCII always fit…
    let name = "N".repeat(70);
    let text = "R".repeat(140);
    let full = epc_qr_payload(&EpcTransfer {
        name: &name,
        remittance_text: &text,
        ..transfer()
    })
    .unwrap();
    assert!(full.len() <= 331, "{}", full.len());
    // …but multi-byte characters can push the UTF-8 payload over the limit.
    let name = "é".repeat(70);
    let text = "€".repeat(140);
    assert!(matches!(
        epc_qr_payload(&EpcTransfer { name: &name, remittance_text: &text, ..transfer() }),
        Err(EpcError::PayloadTooLong(n)) if n > 331
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any mistyped digit (or letter for letter) in a valid IBAN is caught:
    /// mod-97 guarantees it, since 97 is prime and divides no such change.
    #[test]
    fn single_character_typos_are_caught(which in 0..VALID.len(), pos in 4usize..34, digit in 0u32..10, letter in 0u32..26) {
        let good = validate_iban(VALID[which]).unwrap();
        let pos = pos % good.len();
        prop_assume!(pos >= 4);
        let old = good.chars().nth(pos).unwrap();
        let new_char = if old.is_ascii_digit() {
            char::from_digit(digit, 10).unwrap()
        } else {
            char::from_u32('A' as u32 + letter).unwrap()
        };
        prop_assume!(old != new_char);
        let mut typo: Vec<char> = good.chars().collect();
        typo[pos] = new_char;
        let typo: String = typo.into_iter().collect();
        prop_assert!(validate_iban(&typo).is_err(), "{} accepted", typo);
    }

    #[test]
    fn validators_never_panic(s in "\\PC{0,40}") {
        let _ = validate_iban(&s);
        let _ = validate_bic(&s);
        let _ = format_iban_groups(&s);
    }
}
