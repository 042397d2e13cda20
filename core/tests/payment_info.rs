//! Payment instructions: IBAN and BIC checks, IBAN printing, and the EPC069-12
//! SEPA credit-transfer QR payload, element by element.

// A failed unwrap is a failed test, which is what tests are for.
#![allow(clippy::unwrap_used)]

use cobro_core::lifecycle::balance;
use cobro_core::payment_info::{
    epc_qr_payload, format_iban_groups, iban_countries, iban_length, invoice_qr, is_country_code,
    is_sepa_country, validate_bic, validate_iban, BicError, CharClass, EpcError, EpcField, EpcTransfer,
    IbanError, NoQrReason, TransferQr,
};
use cobro_core::PaymentMethod;
use proptest::prelude::*;

mod builders;
use builders::{bank, issued, payment};
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
        validate_iban("ES98 2100 0418 4900 0000 0247"),
        Ok("ES9821000418490000000247".into())
    );
    assert_eq!(
        validate_iban("ES01 2100 0418 4900 0000 0247"),
        Err(IbanError::BadCheckDigits)
    );
    assert_eq!(
        validate_iban("ES00 2100 0418 4900 0000 0247"),
        Err(IbanError::BadCheckDigits)
    );
    assert_eq!(
        validate_iban("ES99 2100 0418 4900 0000 0247"),
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

/// The electronic-format example of every country in the SWIFT IBAN registry, release 100.
const REGISTRY_EXAMPLES: &[&str] = &[
    "AD1200012030200359100100",
    "AE070331234567890123456",
    "AL47212110090000000235698741",
    "AT611904300234573201",
    "AZ21NABZ00000000137010001944",
    "BA391290079401028494",
    "BE68539007547034",
    "BG80BNBG96611020345678",
    "BH67BMAG00001299123456",
    "BI4210000100010000332045181",
    "BR1800360305000010009795493C1",
    "BY13NBRB3600900000002Z00AB00",
    "CH9300762011623852957",
    "CR05015202001026284066",
    "CY17002001280000001200527600",
    "CZ6508000000192000145399",
    "DE89370400440532013000",
    "DJ2100010000000154000100186",
    "DK5000400440116243",
    "DO28BAGR00000001212453611324",
    "EE382200221020145685",
    "EG380019000500000000263180002",
    "ES9121000418450200051332",
    "FI2112345600000785",
    "FK88SC123456789012",
    "FO6264600001631634",
    "FR1420041010050500013M02606",
    "GB29NWBK60161331926819",
    "GE29NB0000000101904917",
    "GI75NWBK000000007099453",
    "GL8964710001000206",
    "GR1601101250000000012300695",
    "GT82TRAJ01020000001210029690",
    "HN88CABF00000000000250005469",
    "HR1210010051863000160",
    "HU42117730161111101800000000",
    "IE29AIBK93115212345678",
    "IL620108000000099999999",
    "IQ98NBIQ850123456789012",
    "IS140159260076545510730339",
    "IT60X0542811101000000123456",
    "JO94CBJO0010000000000131000302",
    "KW81CBKU0000000000001234560101",
    "KZ86125KZT5004100100",
    "LB62099900000001001901229114",
    "LC55HEMM000100010012001200023015",
    "LI21088100002324013AA",
    "LT121000011101001000",
    "LU280019400644750000",
    "LV80BANK0000435195001",
    "LY83002048000020100120361",
    "MC5811222000010123456789030",
    "MD24AG000225100013104168",
    "ME25505000012345678951",
    "MK07250120000058984",
    "MN121234123456789123",
    "MR1300020001010000123456753",
    "MT84MALT011000012345MTLCAST001S",
    "MU17BOMM0101101030300200000MUR",
    "NI45BAPR00000013000003558124",
    "NL91ABNA0417164300",
    "NO9386011117947",
    "OM810180000001299123456",
    "PK36SCBL0000001123456702",
    "PL61109010140000071219812874",
    "PS92PALS000000000400123456702",
    "PT50000201231234567890154",
    "QA58DOHB00001234567890ABCDEFG",
    "RO49AAAA1B31007593840000",
    "RS35260005601001611379",
    "RU0304452522540817810538091310419",
    "SA0380000000608010167519",
    "SC18SSCB11010000000000001497USD",
    "SD2129010501234001",
    "SE4550000000058398257466",
    "SI56263300012039086",
    "SK3112000000198742637541",
    "SM86U0322509800000000270100",
    "SO211000001001000100141",
    "ST23000100010051845310146",
    "SV62CENR00000000000000700025",
    "TL380080012345678910157",
    "TN5910006035183598478831",
    "TR330006100519786457841326",
    "UA213223130000026007233566001",
    "VA59001123000012345678",
    "VG96VPVG0000012345678901",
    "XK051212012345678906",
    "YE15CBYE0001018861234567891234",
];

#[test]
fn every_registry_example_is_valid_and_every_registry_country_is_known() {
    assert_eq!(REGISTRY_EXAMPLES.len(), 89);
    for iban in REGISTRY_EXAMPLES {
        assert_eq!(validate_iban(iban).as_deref(), Ok(*iban), "{iban}");
    }
    let countries: Vec<&str> = iban_countries().collect();
    let examples: Vec<&str> = REGISTRY_EXAMPLES.iter().map(|i| &i[..2]).collect();
    assert_eq!(countries, examples, "one registry entry per example, same order");
}

#[test]
fn honduras_and_yemen_are_registry_countries() {
    assert_eq!(
        validate_iban("HN88 CABF 0000 0000 0002 5000 5469").as_deref(),
        Ok("HN88CABF00000000000250005469")
    );
    assert_eq!(
        validate_iban("YE15CBYE0001018861234567891234").as_deref(),
        Ok("YE15CBYE0001018861234567891234")
    );
    assert!(!is_sepa_country("HN") && !is_sepa_country("YE"));
}

#[test]
fn the_national_format_is_checked_character_by_character() {
    // A letter in an all-digit Spanish account (its mod-97 is right).
    assert_eq!(
        validate_iban("ES542100041845020005133A"),
        Err(IbanError::BbanFormat {
            country: "ES".into(),
            position: 24,
            expected: CharClass::Digit
        })
    );
    // A British sort code needs four letters for the bank: "1234" is not one.
    assert_eq!(
        validate_iban("GB58123460161331926819"),
        Err(IbanError::BbanFormat {
            country: "GB".into(),
            position: 5,
            expected: CharClass::Letter
        })
    );
    // Italy's CIN is a letter; Brazil ends with a letter then a letter-or-digit.
    assert_eq!(
        validate_iban("IT60 1054 2811 1010 0000 0123 456"),
        Err(IbanError::BbanFormat {
            country: "IT".into(),
            position: 5,
            expected: CharClass::Letter
        })
    );
    assert_eq!(
        validate_iban("BR18 0036 0305 0000 1000 9795 4931 1"),
        Err(IbanError::BbanFormat {
            country: "BR".into(),
            position: 28,
            expected: CharClass::Letter
        })
    );
    assert_eq!(
        validate_iban("ES542100041845020005133A").unwrap_err().to_string(),
        "character 24 of an IBAN from ES must be a digit"
    );
}

#[test]
fn a_spanish_account_needs_its_own_check_digits_right() {
    // ES91 2100 0418 45 02 0005 1332: DC 4 checks 00 2100 0418, DC 5 the account.
    assert!(validate_iban("ES91 2100 0418 4502 0005 1332").is_ok());
    // The same account with DC "54" and IBAN check digits recomputed so mod-97 passes.
    assert_eq!(
        validate_iban("ES1821000418540200051332"),
        Err(IbanError::NationalCheckDigits { country: "ES".into() })
    );
    // A DC that works out to 10 is written 1, to 11 is written 0.
    assert!(validate_iban("ES9821000418490000000247").is_ok());
}

#[test]
fn the_sepa_zone_is_the_registry_s() {
    for c in [
        "ES", "DE", "FR", "GB", "CH", "NO", "IS", "LI", "MC", "SM", "VA", "AD", "GI",
    ] {
        assert!(is_sepa_country(c), "{c}");
    }
    for c in ["TR", "AE", "BR", "UA", "RS", "SA", "US", "es"] {
        assert!(!is_sepa_country(c), "{c}");
    }
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

#[test]
fn a_bic_names_a_real_country() {
    assert_eq!(
        validate_bic("ABCDQQ22"),
        Err(BicError::UnknownCountry("QQ".into()))
    );
    assert_eq!(
        validate_bic("ABCDUK22"),
        Err(BicError::UnknownCountry("UK".into())),
        "the UK is GB"
    );
    assert_eq!(
        validate_bic("BKOSXKPR"),
        Ok("BKOSXKPR".into()),
        "Kosovo, as SWIFT writes it"
    );
    assert!(is_country_code("ES") && is_country_code("ZW") && is_country_code("AD"));
    assert!(!is_country_code("EU") && !is_country_code("es") && !is_country_code("E"));
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
            field: EpcField::BeneficiaryName,
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
            field: EpcField::Remittance,
            max: 140,
            found: 141
        })
    );
    assert_eq!(
        epc_qr_payload(&EpcTransfer {
            name: "Ana\nGarcía",
            ..transfer()
        }),
        Err(EpcError::ControlCharacter(EpcField::BeneficiaryName))
    );
    assert_eq!(
        epc_qr_payload(&EpcTransfer {
            remittance_text: "F1\rF2",
            ..transfer()
        }),
        Err(EpcError::ControlCharacter(EpcField::Remittance))
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

/// The QR an issued invoice (121.00 EUR) gets with these payments and methods.
fn qr_of(inv: &cobro_core::Invoice, paid: &[&str], methods: &[PaymentMethod], business: &str) -> TransferQr {
    let payments: Vec<_> = paid.iter().map(|a| payment(a)).collect();
    let refs: Vec<_> = payments.iter().collect();
    let b = balance(inv, &refs, &[]);
    let methods: Vec<&PaymentMethod> = methods.iter().collect();
    invoice_qr(inv, b.as_ref(), &methods, business)
}

const ES_IBAN: &str = "ES91 2100 0418 4502 0005 1332";

#[test]
fn the_qr_asks_for_what_is_still_owed() {
    let full = qr_of(&issued(), &[], &[bank(ES_IBAN, "")], "Ana García");
    let TransferQr::Qr { payload, amount } = full else {
        panic!("{full:?}")
    };
    assert_eq!(amount, d("121.00"));
    assert_eq!(
        payload,
        "BCD\n002\n1\nSCT\n\nAna García\nES9121000418450200051332\nEUR121.00\n\n\nF2026-0001"
    );
    let part = qr_of(&issued(), &["21.00"], &[bank(ES_IBAN, "Titular")], "Ana García");
    let TransferQr::Qr { payload, .. } = part else {
        panic!("{part:?}")
    };
    let lines: Vec<&str> = payload.split('\n').collect();
    assert_eq!(lines[5], "Titular", "the holder when there is one");
    assert_eq!(lines[7], "EUR100.00", "121.00 less the 21.00 paid");
}

#[test]
fn no_qr_when_nothing_can_or_need_be_paid_by_it() {
    let methods = [bank(ES_IBAN, "")];
    assert_eq!(
        qr_of(&issued(), &["121.00"], &methods, "Ana"),
        TransferQr::NoQr(NoQrReason::NothingOwed)
    );
    let cancelled = cobro_core::Invoice {
        cancelled_by: Some("cn1".into()),
        ..issued()
    };
    assert_eq!(
        qr_of(&cancelled, &[], &methods, "Ana"),
        TransferQr::NoQr(NoQrReason::Cancelled)
    );
    assert_eq!(
        qr_of(&builders::draft(), &[], &methods, "Ana"),
        TransferQr::NoQr(NoQrReason::Draft)
    );
    let dollars = cobro_core::Invoice {
        currency: "USD".into(),
        ..issued()
    };
    assert_eq!(
        qr_of(&dollars, &[], &methods, "Ana"),
        TransferQr::NoQr(NoQrReason::NotEuro {
            currency: "USD".into()
        })
    );
    assert_eq!(
        qr_of(&issued(), &[], &[], "Ana"),
        TransferQr::NoQr(NoQrReason::NoBankTransfer)
    );
    // A Turkish account: valid, but outside SEPA.
    assert_eq!(
        qr_of(&issued(), &[], &[bank("TR330006100519786457841326", "")], "Ana"),
        TransferQr::NoQr(NoQrReason::NotSepa { country: "TR".into() })
    );
    // The first method a bank can pay is used.
    let both = [bank("TR330006100519786457841326", ""), bank(ES_IBAN, "")];
    assert!(matches!(
        qr_of(&issued(), &[], &both, "Ana"),
        TransferQr::Qr { .. }
    ));
    // An empty holder stands for the business name, which must then fit the 70 characters.
    let long = "N".repeat(71);
    assert_eq!(
        qr_of(&issued(), &[], &methods, &long),
        TransferQr::NoQr(NoQrReason::Invalid(EpcError::TooLong {
            field: EpcField::BeneficiaryName,
            max: 70,
            found: 71
        }))
    );
}

#[test]
fn the_beneficiary_name_rule_is_there_for_the_forms() {
    use cobro_core::payment_info::{beneficiary_name, beneficiary_name_checked};
    assert_eq!(beneficiary_name("  ", "Estudio"), "Estudio");
    assert_eq!(beneficiary_name("Ana", "Estudio"), "Ana");
    assert_eq!(beneficiary_name_checked(" Ana "), Ok("Ana"));
    assert_eq!(beneficiary_name_checked(""), Err(EpcError::MissingName));
    assert_eq!(
        beneficiary_name_checked(&"é".repeat(71)),
        Err(EpcError::TooLong {
            field: EpcField::BeneficiaryName,
            max: 70,
            found: 71
        })
    );
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
