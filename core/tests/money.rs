//! Money rules: ISO 4217 minor units, half-away-from-zero rounding, bounds,
//! and the parsing/formatting of amounts typed and read by the user.

// A failed unwrap is a failed test, which is what tests are for.
#![allow(clippy::unwrap_used)]

use cobro_core::money::{self, MoneyError, MAX_AMOUNT, MAX_QUANTITY};
use cobro_core::Lang;
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn minor_units_cover_zero_two_three_and_four_decimal_currencies() {
    for code in [
        "JPY", "KRW", "CLP", "ISK", "XOF", "XAF", "XPF", "VND", "PYG", "UGX", "BIF",
    ] {
        assert_eq!(money::minor_units(code), Some(0), "{code}");
    }
    for code in ["EUR", "USD", "GBP", "CHF", "MXN", "SEK", "HUF", "IDR"] {
        assert_eq!(money::minor_units(code), Some(2), "{code}");
    }
    for code in ["BHD", "KWD", "OMR", "JOD", "TND", "IQD", "LYD"] {
        assert_eq!(money::minor_units(code), Some(3), "{code}");
    }
    for code in ["CLF", "UYW"] {
        assert_eq!(money::minor_units(code), Some(4), "{code}");
    }
}

#[test]
fn unknown_or_unroundable_codes_have_no_minor_units() {
    for code in ["", "EU", "EURO", "eur", "XXX", "XAU", "ABC", " EUR"] {
        assert_eq!(money::minor_units(code), None, "{code:?}");
    }
}

#[test]
fn currency_table_is_sorted_unique_and_well_formed() {
    let codes: Vec<&str> = money::currency_codes().collect();
    assert!(codes.len() > 150, "only {} codes", codes.len());
    for pair in codes.windows(2) {
        assert!(pair[0] < pair[1], "{} before {}", pair[0], pair[1]);
    }
    for code in &codes {
        assert!(
            code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()),
            "{code}"
        );
        assert!(money::minor_units(code).is_some(), "{code} not found by lookup");
    }
}

#[test]
fn parse_currency_normalises_user_input() {
    assert_eq!(money::parse_currency(" eur ").unwrap(), "EUR");
    assert_eq!(money::parse_currency("Jpy").unwrap(), "JPY");
    assert_eq!(
        money::parse_currency("€"),
        Err(MoneyError::UnknownCurrency("€".into()))
    );
}

#[test]
fn rounding_is_half_away_from_zero_at_the_minor_unit() {
    let cases = [
        ("0.125", "EUR", "0.13"),
        ("0.135", "EUR", "0.14"),
        ("0.124999", "EUR", "0.12"),
        ("-0.125", "EUR", "-0.13"),
        ("2.5", "JPY", "3"),
        ("3.5", "JPY", "4"),
        ("-2.5", "JPY", "-3"),
        ("1.0005", "BHD", "1.001"),
        ("1.00049", "KWD", "1.000"),
        ("0.00005", "CLF", "0.0001"),
    ];
    for (input, cur, want) in cases {
        assert_eq!(money::round(d(input), cur).unwrap(), d(want), "{input} {cur}");
    }
}

#[test]
fn rounded_amounts_carry_exactly_the_minor_unit_scale() {
    assert_eq!(money::round(d("5"), "EUR").unwrap().to_string(), "5.00");
    assert_eq!(money::round(d("1.5"), "BHD").unwrap().to_string(), "1.500");
    assert_eq!(money::round(d("7.00"), "JPY").unwrap().to_string(), "7");
}

#[test]
fn rounding_an_unknown_currency_is_an_error() {
    assert_eq!(
        money::round(d("1"), "ZZZ"),
        Err(MoneyError::UnknownCurrency("ZZZ".into()))
    );
}

#[test]
fn bounds_reject_negative_absurd_and_over_precise_values() {
    assert!(matches!(
        money::check_non_negative("price", d("-0.01")),
        Err(MoneyError::Negative { field: "price", .. })
    ));
    assert_eq!(money::check_non_negative("price", d("-0")), Ok(d("0")));
    assert_eq!(money::check_amount("price", MAX_AMOUNT), Ok(MAX_AMOUNT));
    assert!(matches!(
        money::check_amount("price", MAX_AMOUNT + d("0.01")),
        Err(MoneyError::OutOfRange { field: "price", .. })
    ));
    assert_eq!(MAX_AMOUNT, d("1000000000000"));
    assert_eq!(MAX_QUANTITY, d("1000000000"));
    assert!(money::check_quantity("quantity", MAX_QUANTITY).is_ok());
    assert!(matches!(
        money::check_quantity("quantity", MAX_QUANTITY + Decimal::ONE),
        Err(MoneyError::OutOfRange { .. })
    ));
    assert!(matches!(
        money::check_quantity("quantity", d("0.00001")),
        Err(MoneyError::TooManyDecimals { max: 4, .. })
    ));
    // Trailing zeros are not real decimals.
    assert!(money::check_quantity("quantity", d("1.500000000")).is_ok());
    assert!(money::check_price("price", d("0.000125")).is_ok());
    assert!(matches!(
        money::check_price("price", d("0.0000001")),
        Err(MoneyError::TooManyDecimals { max: 6, .. })
    ));
    assert!(money::check_percent("discount", d("100")).is_ok());
    assert!(money::check_percent("discount", d("0")).is_ok());
    assert!(matches!(
        money::check_percent("discount", d("100.01")),
        Err(MoneyError::OutOfRange { .. })
    ));
    assert!(matches!(
        money::check_percent("discount", d("-1")),
        Err(MoneyError::Negative { .. })
    ));
}

#[test]
fn errors_read_as_plain_sentences() {
    let e = MoneyError::Line {
        line: 3,
        error: Box::new(MoneyError::Negative {
            field: "quantity",
            value: d("-2"),
        }),
    };
    assert_eq!(e.to_string(), "line 3: quantity cannot be negative (-2)");
    assert_eq!(
        money::parse_amount("abc").unwrap_err().to_string(),
        "“abc” is not a valid number"
    );
}

#[test]
fn parse_amount_accepts_spanish_and_english_styles() {
    let cases = [
        ("1234.5", "1234.5"),
        ("1234,5", "1234.5"),
        ("1.234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("1.234.567", "1234567"),
        ("1,234,567.8", "1234567.8"),
        ("  42 ", "42"),
        ("+7", "7"),
        ("-3,25", "-3.25"),
        ("0,125", "0.125"),
        ("1.234", "1.234"),
        ("1000000000000", "1000000000000"),
    ];
    for (input, want) in cases {
        assert_eq!(money::parse_amount(input), Ok(d(want)), "{input:?}");
    }
    // The typed decimals are kept, so "1.234,50" prints back with two.
    assert_eq!(money::parse_amount("1.234,50").unwrap().scale(), 2);
}

#[test]
fn parse_amount_rejects_garbage() {
    for input in [
        "",
        " ",
        "-",
        "+",
        "abc",
        "12a",
        "1e5",
        "1..2",
        "1,,2",
        "12.34,5",
        "1.234.5",
        "1,2.3",
        "1.234,567.8",
        ",5",
        "5,",
        "1 234",
        "--1",
        "+-1",
        "€5",
        "5€",
        "0x10",
        "NaN",
        "∞",
        "١٢",
    ] {
        assert!(
            matches!(money::parse_amount(input), Err(MoneyError::NotANumber(_))),
            "{input:?} accepted"
        );
    }
}

#[test]
fn parse_amount_rejects_absurd_magnitudes() {
    assert!(matches!(
        money::parse_amount("1000000000000.01"),
        Err(MoneyError::OutOfRange { .. })
    ));
    assert!(matches!(
        money::parse_amount("-1000000000001"),
        Err(MoneyError::OutOfRange { .. })
    ));
    // Too many digits even for a Decimal: still a typed error, never a panic.
    assert!(money::parse_amount("99999999999999999999999999999999999999").is_err());
}

#[test]
fn format_amount_follows_each_language() {
    assert_eq!(money::format_amount(d("1234.5"), "EUR", Lang::Es), "1.234,50 €");
    assert_eq!(money::format_amount(d("1234.5"), "EUR", Lang::En), "€1,234.50");
    assert_eq!(
        money::format_amount(d("1234567.891"), "EUR", Lang::Es),
        "1.234.567,89 €"
    );
    assert_eq!(money::format_amount(d("0.5"), "USD", Lang::En), "$0.50");
    assert_eq!(money::format_amount(d("999"), "GBP", Lang::En), "£999.00");
    assert_eq!(money::format_amount(d("-1234.5"), "EUR", Lang::Es), "-1.234,50 €");
    assert_eq!(money::format_amount(d("-1234.5"), "EUR", Lang::En), "-€1,234.50");
    assert_eq!(money::format_amount(d("1234.5"), "JPY", Lang::En), "¥1,235");
    assert_eq!(money::format_amount(d("1234.5"), "CHF", Lang::Es), "1.234,50 CHF");
    assert_eq!(money::format_amount(d("1234.5"), "CHF", Lang::En), "CHF 1,234.50");
    assert_eq!(money::format_amount(d("1.2345"), "BHD", Lang::Es), "1,235 BHD");
    assert_eq!(money::format_amount(d("-0.001"), "EUR", Lang::Es), "0,00 €");
    assert_eq!(money::format_amount(d("12.345"), "ZZZ", Lang::En), "ZZZ 12.345");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn rounding_is_idempotent_and_within_half_a_unit(m in -1_000_000_000_000i64..1_000_000_000_000, scale in 0u32..10) {
        let x = Decimal::new(m, scale);
        for (cur, dp) in [("EUR", 2), ("JPY", 0), ("BHD", 3), ("CLF", 4)] {
            let r = money::round(x, cur).unwrap();
            prop_assert_eq!(r.scale(), dp);
            prop_assert_eq!(money::round(r, cur).unwrap(), r);
            let half = Decimal::new(5, dp + 1);
            prop_assert!((r - x).abs() <= half);
            // Symmetric: rounding never depends on the sign.
            prop_assert_eq!(money::round(-x, cur).unwrap(), -r);
        }
    }

    #[test]
    fn formatted_amounts_parse_back(m in -100_000_000_000_000i64..100_000_000_000_000) {
        let x = Decimal::new(m, 2);
        for lang in [Lang::Es, Lang::En] {
            let shown = money::format_amount(x, "CHF", lang);
            let number = shown.replace("CHF ", "").replace(" CHF", "");
            prop_assert_eq!(money::parse_amount(&number), Ok(x), "{}", shown);
        }
    }

    #[test]
    fn parse_amount_never_panics(s in "\\PC{0,30}") {
        let _ = money::parse_amount(&s);
    }

    #[test]
    fn parse_amount_of_separator_soup_never_panics(s in "[-+0-9.,]{0,30}") {
        if let Ok(v) = money::parse_amount(&s) {
            prop_assert!(v.abs() <= MAX_AMOUNT);
        }
    }
}
