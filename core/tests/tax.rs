//! Tax rules: line rounding, invoice discount per VAT group, VAT per rate,
//! withholding, totals that add up to the cent, and the early-payment offer.

// A failed unwrap is a failed test, which is what tests are for.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use cobro_core::money::{self, MoneyError};
use cobro_core::tax::{self, Totals, VatGroup};
use cobro_core::{EarlyPaymentTerms, Invoice, Line, VatRate};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn rate(r: &str) -> VatRate {
    VatRate::Rate(d(r))
}

fn exempt(reason: &str) -> VatRate {
    VatRate::Exempt(reason.to_string())
}

fn line(qty: &str, price: &str, discount: &str, vat: VatRate) -> Line {
    Line {
        item_id: None,
        description: "work".into(),
        quantity: d(qty),
        unit_price: d(price),
        discount_pct: d(discount),
        vat,
    }
}

fn group(vat: VatRate, base: &str, tax: &str) -> VatGroup {
    VatGroup {
        vat,
        base: d(base),
        tax: d(tax),
    }
}

fn date(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn invoice(currency: &str, lines: Vec<Line>, issue: NaiveDate, early: Option<(&str, u32)>) -> Invoice {
    Invoice {
        id: "inv-1".into(),
        series_id: "s".into(),
        number: Some("F2026-0001".into()),
        client_id: "c".into(),
        po_number: String::new(),
        issue_date: issue,
        delivery_date: None,
        due_date: issue,
        currency: currency.into(),
        lines,
        withholding_pct: Decimal::ZERO,
        invoice_discount_pct: Decimal::ZERO,
        early_payment: early.map(|(pct, days)| EarlyPaymentTerms {
            discount_pct: d(pct),
            within_days: days,
        }),
        payment_method_ids: vec![],
        notes: String::new(),
        quote_id: None,
        sent: None,
        receipt: None,
        disputes: vec![],
        cancelled_by: None,
        updated_at: "2026-01-01T00:00:00Z".parse().unwrap(),
    }
}

#[test]
fn mixed_spanish_invoice_with_irpf_matches_the_hand_computation() {
    let lines = vec![
        line("5", "30", "0", exempt("Exenta art. 20.Uno.9º LIVA")),
        line("2", "19.99", "0", rate("4")),
        line("10", "65.00", "0", rate("21")),
        line("1", "45.555", "0", rate("10")),
        line("3", "120.50", "10", rate("21")),
        line("1", "200", "0", rate("0")),
    ];
    let t = tax::totals(&lines, d("0"), d("15"), "EUR").unwrap();
    // 5 × 30 = 150.00; 2 × 19.99 = 39.98; 10 × 65 = 650.00; 45.555 → 45.56 (midpoint up);
    // 3 × 120.50 × 0.90 = 325.35; 200.00.
    assert_eq!(
        t.line_amounts,
        vec![
            d("150.00"),
            d("39.98"),
            d("650.00"),
            d("45.56"),
            d("325.35"),
            d("200.00")
        ]
    );
    assert_eq!(t.gross, d("1410.89"));
    assert_eq!(t.discount, d("0"));
    assert_eq!(t.base, d("1410.89"));
    assert_eq!(
        t.vat,
        vec![
            group(rate("21"), "975.35", "204.82"), // 204.8235
            group(rate("10"), "45.56", "4.56"),    // 4.556
            group(rate("4"), "39.98", "1.60"),     // 1.5992
            group(rate("0"), "200.00", "0.00"),
            group(exempt("Exenta art. 20.Uno.9º LIVA"), "150.00", "0.00"),
        ]
    );
    assert_eq!(t.vat_total, d("210.98"));
    assert_eq!(t.withholding, d("211.63")); // 15 % of 1410.89 = 211.6335
    assert_eq!(t.total, d("1410.24")); // 1410.89 + 210.98 − 211.63
    assert_eq!(t.total.to_string(), "1410.24");
}

#[test]
fn invoice_discount_is_taken_off_each_group_base() {
    let lines = vec![
        line("1", "10.05", "0", rate("21")),
        line("1", "10.05", "0", rate("10")),
        line("1", "10.05", "0", exempt("Art. 20")),
    ];
    let t = tax::totals(&lines, d("5"), d("0"), "EUR").unwrap();
    // Each group: 5 % of 10.05 = 0.5025 → 0.50, base 9.55. The discount is the
    // sum of the group discounts (1.50), not 5 % of 30.15 rounded once (1.51),
    // so that Σ group bases is exactly the base.
    assert_eq!(t.gross, d("30.15"));
    assert_eq!(t.discount, d("1.50"));
    assert_eq!(t.base, d("28.65"));
    assert_eq!(
        t.vat,
        vec![
            group(rate("21"), "9.55", "2.01"), // 2.0055
            group(rate("10"), "9.55", "0.96"), // 0.955: midpoint, away from zero
            group(exempt("Art. 20"), "9.55", "0.00"),
        ]
    );
    assert_eq!(t.total, d("31.62"));
}

#[test]
fn full_invoice_discount_zeroes_everything() {
    let lines = vec![line("3", "99.99", "0", rate("21"))];
    let t = tax::totals(&lines, d("100"), d("15"), "EUR").unwrap();
    assert_eq!(
        (t.gross, t.discount, t.base, t.vat_total, t.withholding, t.total),
        (d("299.97"), d("299.97"), d("0"), d("0"), d("0"), d("0"))
    );
}

#[test]
fn lines_round_half_away_from_zero() {
    let lines = vec![
        line("1", "0.125", "0", rate("21")),    // 0.125 → 0.13
        line("0.5", "0.25", "0", rate("21")),   // 0.125 → 0.13
        line("1", "0.25", "50", rate("21")),    // 0.125 → 0.13
        line("1", "0.124999", "0", rate("21")), // → 0.12
    ];
    let t = tax::totals(&lines, d("0"), d("0"), "EUR").unwrap();
    assert_eq!(t.line_amounts, vec![d("0.13"), d("0.13"), d("0.13"), d("0.12")]);
}

#[test]
fn jpy_has_no_decimals() {
    let lines = vec![
        line("3", "333.5", "0", rate("10")), // 1000.5 → 1001
        line("1", "2.5", "0", rate("10")),   // 2.5 → 3
        line("5", "99", "0", rate("8")),     // 495
    ];
    let t = tax::totals(&lines, d("0"), d("0"), "JPY").unwrap();
    assert_eq!(t.line_amounts, vec![d("1001"), d("3"), d("495")]);
    // 10 %: 100.4 → 100; 8 %: 39.6 → 40.
    assert_eq!(
        t.vat,
        vec![group(rate("10"), "1004", "100"), group(rate("8"), "495", "40")]
    );
    assert_eq!(t.total, d("1639"));
    assert_eq!(t.total.to_string(), "1639");
}

#[test]
fn bhd_has_three_decimals() {
    let lines = vec![
        line("2", "10.1235", "0", rate("10")), // 20.247
        line("1", "0.0005", "0", rate("10")),  // 0.0005 → 0.001
    ];
    let t = tax::totals(&lines, d("0"), d("0"), "BHD").unwrap();
    assert_eq!(t.line_amounts, vec![d("20.247"), d("0.001")]);
    assert_eq!(t.vat, vec![group(rate("10"), "20.248", "2.025")]); // 2.0248
    assert_eq!(t.total.to_string(), "22.273");
}

#[test]
fn same_rate_written_differently_is_one_group_and_exemptions_split_by_reason() {
    let lines = vec![
        line("1", "10", "0", exempt("B reason")),
        line("1", "10", "0", rate("21.00")),
        line("1", "10", "0", exempt(" A reason ")),
        line("1", "10", "0", rate("21")),
        line("1", "10", "0", rate("10.5")),
        line("1", "10", "0", exempt("A reason")),
    ];
    let t = tax::totals(&lines, d("0"), d("0"), "EUR").unwrap();
    let kinds: Vec<VatRate> = t.vat.iter().map(|g| g.vat.clone()).collect();
    assert_eq!(
        kinds,
        vec![rate("21"), rate("10.5"), exempt("A reason"), exempt("B reason")]
    );
    assert_eq!(t.vat[0].base, d("20.00"));
    assert_eq!(t.vat[2].base, d("20.00"));
    // The normalised rate prints as "21", not "21.00".
    assert_eq!(t.vat[0].vat, VatRate::Rate(Decimal::from(21)));
    assert!(matches!(&t.vat[0].vat, VatRate::Rate(r) if r.to_string() == "21"));
}

#[test]
fn empty_document_totals_zero_in_the_currency_scale() {
    let t = tax::totals(&[], d("10"), d("15"), "EUR").unwrap();
    assert_eq!(
        t,
        Totals {
            line_amounts: vec![],
            gross: d("0"),
            discount: d("0"),
            base: d("0"),
            vat: vec![],
            vat_total: d("0"),
            withholding: d("0"),
            total: d("0"),
        }
    );
    assert_eq!(t.total.to_string(), "0.00");
}

fn line_err(lines: &[Line]) -> (usize, MoneyError) {
    match tax::totals(lines, d("0"), d("0"), "EUR") {
        Err(MoneyError::Line { line, error }) => (line, *error),
        other => panic!("expected a line error, got {other:?}"),
    }
}

#[test]
fn invalid_lines_are_rejected_with_their_line_number() {
    let ok = line("1", "10", "0", rate("21"));
    let (n, e) = line_err(&[ok.clone(), line("-1", "10", "0", rate("21"))]);
    assert_eq!(
        (n, e),
        (
            2,
            MoneyError::Negative {
                field: "quantity",
                value: d("-1")
            }
        )
    );
    let (n, e) = line_err(&[line("1", "-0.01", "0", rate("21"))]);
    assert_eq!(
        (n, e),
        (
            1,
            MoneyError::Negative {
                field: "unit price",
                value: d("-0.01")
            }
        )
    );
    let (n, e) = line_err(&[ok.clone(), ok.clone(), line("1", "10", "-5", rate("21"))]);
    assert_eq!(
        (n, e),
        (
            3,
            MoneyError::Negative {
                field: "line discount",
                value: d("-5")
            }
        )
    );
    let (_, e) = line_err(&[line("1", "10", "100.01", rate("21"))]);
    assert_eq!(
        e,
        MoneyError::OutOfRange {
            field: "line discount",
            value: d("100.01")
        }
    );
    let (_, e) = line_err(&[line("1", "10", "0", rate("-21"))]);
    assert_eq!(
        e,
        MoneyError::Negative {
            field: "VAT rate",
            value: d("-21")
        }
    );
    let (_, e) = line_err(&[line("1", "10", "0", rate("121"))]);
    assert_eq!(
        e,
        MoneyError::OutOfRange {
            field: "VAT rate",
            value: d("121")
        }
    );
    let (_, e) = line_err(&[line("1000000001", "1", "0", rate("21"))]);
    assert!(matches!(
        e,
        MoneyError::OutOfRange {
            field: "quantity",
            ..
        }
    ));
    let (_, e) = line_err(&[line("1", "1000000000000.01", "0", rate("21"))]);
    assert!(matches!(
        e,
        MoneyError::OutOfRange {
            field: "unit price",
            ..
        }
    ));
    let (_, e) = line_err(&[line("2", "600000000000", "0", rate("21"))]);
    assert!(matches!(
        e,
        MoneyError::OutOfRange {
            field: "line amount",
            ..
        }
    ));
    let (_, e) = line_err(&[line("0.00001", "1", "0", rate("21"))]);
    assert!(matches!(
        e,
        MoneyError::TooManyDecimals {
            field: "quantity",
            ..
        }
    ));
    let msg = tax::totals(&[ok, line("-1", "10", "0", rate("21"))], d("0"), d("0"), "EUR")
        .unwrap_err()
        .to_string();
    assert_eq!(msg, "line 2: quantity cannot be negative (-1)");
}

#[test]
fn invalid_document_settings_are_rejected() {
    let lines = vec![line("1", "10", "0", rate("21"))];
    assert_eq!(
        tax::totals(&lines, d("0"), d("0"), "EURO"),
        Err(MoneyError::UnknownCurrency("EURO".into()))
    );
    assert_eq!(
        tax::totals(&[], d("0"), d("0"), "eur"),
        Err(MoneyError::UnknownCurrency("eur".into()))
    );
    assert_eq!(
        tax::totals(&lines, d("-1"), d("0"), "EUR"),
        Err(MoneyError::Negative {
            field: "invoice discount",
            value: d("-1")
        })
    );
    assert_eq!(
        tax::totals(&lines, d("101"), d("0"), "EUR"),
        Err(MoneyError::OutOfRange {
            field: "invoice discount",
            value: d("101")
        })
    );
    assert_eq!(
        tax::totals(&lines, d("0"), d("-15"), "EUR"),
        Err(MoneyError::Negative {
            field: "withholding",
            value: d("-15")
        })
    );
    assert_eq!(
        tax::totals(&lines, d("0"), d("100.5"), "EUR"),
        Err(MoneyError::OutOfRange {
            field: "withholding",
            value: d("100.5")
        })
    );
    // Lines that are each fine but add up to an absurd amount.
    let big = vec![line("1", "600000000000", "0", rate("21")); 2];
    assert!(matches!(
        tax::totals(&big, d("0"), d("0"), "EUR"),
        Err(MoneyError::OutOfRange {
            field: "invoice amount",
            ..
        })
    ));
}

#[test]
fn early_payment_offer_discounts_the_total_until_the_deadline() {
    let inv = invoice(
        "EUR",
        vec![line("1", "1000", "0", rate("21"))],
        date(2026, 1, 25),
        Some(("3", 10)),
    );
    let t = tax::invoice_totals(&inv).unwrap();
    assert_eq!(t.total, d("1210.00"));
    let offer = tax::early_payment_offer(&inv, &t).unwrap().unwrap();
    assert_eq!(offer.discount_pct, d("3"));
    assert_eq!(offer.deadline, date(2026, 2, 4));
    assert_eq!(offer.amount, d("1173.70"));
    assert_eq!(offer.saving, d("36.30"));
}

#[test]
fn early_payment_amount_rounds_half_away_from_zero() {
    // 10.50 × 0.95 = 9.975 → 9.98, so the saving is 0.52.
    let inv = invoice(
        "EUR",
        vec![line("1", "10.50", "0", exempt("x"))],
        date(2026, 3, 1),
        Some(("5", 7)),
    );
    let offer = tax::early_payment_offer(&inv, &tax::invoice_totals(&inv).unwrap())
        .unwrap()
        .unwrap();
    assert_eq!((offer.amount, offer.saving), (d("9.98"), d("0.52")));
    assert_eq!(offer.amount + offer.saving, d("10.50"));
}

#[test]
fn early_payment_deadline_crosses_february_correctly() {
    let t = |issue| {
        let inv = invoice(
            "EUR",
            vec![line("1", "100", "0", rate("21"))],
            issue,
            Some(("2", 10)),
        );
        tax::early_payment_offer(&inv, &tax::invoice_totals(&inv).unwrap())
            .unwrap()
            .unwrap()
            .deadline
    };
    assert_eq!(t(date(2024, 2, 20)), date(2024, 3, 1)); // leap year
    assert_eq!(t(date(2023, 2, 20)), date(2023, 3, 2));
    assert_eq!(t(date(2025, 12, 31)), date(2026, 1, 10));
}

#[test]
fn early_payment_in_jpy_rounds_to_whole_yen() {
    let inv = invoice(
        "JPY",
        vec![line("1", "1005", "0", rate("0"))],
        date(2026, 1, 1),
        Some(("3", 10)),
    );
    let offer = tax::early_payment_offer(&inv, &tax::invoice_totals(&inv).unwrap())
        .unwrap()
        .unwrap();
    assert_eq!((offer.amount, offer.saving), (d("975"), d("30"))); // 974.85 → 975
}

#[test]
fn no_offer_without_terms_or_with_zero_discount() {
    let lines = vec![line("1", "100", "0", rate("21"))];
    let none = invoice("EUR", lines.clone(), date(2026, 1, 1), None);
    let zero = invoice("EUR", lines.clone(), date(2026, 1, 1), Some(("0", 10)));
    for inv in [none, zero] {
        assert_eq!(
            tax::early_payment_offer(&inv, &tax::invoice_totals(&inv).unwrap()),
            Ok(None)
        );
    }
    let bad = invoice("EUR", lines.clone(), date(2026, 1, 1), Some(("101", 10)));
    assert!(matches!(
        tax::early_payment_offer(&bad, &tax::invoice_totals(&bad).unwrap()),
        Err(MoneyError::OutOfRange {
            field: "early-payment discount",
            ..
        })
    ));
    let far = invoice("EUR", lines, date(2026, 1, 1), Some(("3", u32::MAX)));
    assert!(matches!(
        tax::early_payment_offer(&far, &tax::invoice_totals(&far).unwrap()),
        Err(MoneyError::OutOfRange {
            field: "early-payment days",
            ..
        })
    ));
}

// ---- properties ----

const CURRENCIES: [&str; 4] = ["EUR", "JPY", "BHD", "CLF"];

fn vat_strategy() -> impl Strategy<Value = VatRate> {
    prop_oneof![
        Just(rate("21")),
        Just(rate("10")),
        Just(rate("4")),
        Just(rate("0")),
        Just(exempt("Art. 20")),
        Just(exempt("Art. 25")),
        (0i64..=10_000).prop_map(|m| VatRate::Rate(Decimal::new(m, 2))),
    ]
}

fn valid_line() -> impl Strategy<Value = Line> {
    (
        0i64..=10_000,
        0u32..=4,
        0i64..=10_000_000,
        0u32..=6,
        prop_oneof![Just(0i64), 0i64..=10_000],
        vat_strategy(),
    )
        .prop_map(|(q, qs, p, ps, disc, vat)| Line {
            item_id: None,
            description: String::new(),
            quantity: Decimal::new(q, qs),
            unit_price: Decimal::new(p, ps),
            discount_pct: Decimal::new(disc, 2),
            vat,
        })
}

fn pct() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::ZERO),
        (0i64..=1_000_000).prop_map(|m| Decimal::new(m, 4))
    ]
}

/// Any decimal at all, including negatives, huge values and 28 decimals.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s)),
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        (-1_000i64..=1_000).prop_map(Decimal::from),
    ]
}

fn any_line() -> impl Strategy<Value = Line> {
    (
        any_decimal(),
        any_decimal(),
        any_decimal(),
        prop_oneof![any_decimal().prop_map(VatRate::Rate), vat_strategy()],
    )
        .prop_map(|(quantity, unit_price, discount_pct, vat)| Line {
            item_id: None,
            description: String::new(),
            quantity,
            unit_price,
            discount_pct,
            vat,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn totals_add_up_exactly_with_no_rounding_residue(
        lines in prop::collection::vec(valid_line(), 0..8),
        discount in pct(),
        withholding in pct(),
        cur in 0usize..4,
    ) {
        let currency = CURRENCIES[cur];
        let t = tax::totals(&lines, discount, withholding, currency).unwrap();
        let bases: Decimal = t.vat.iter().map(|g| g.base).sum();
        let taxes: Decimal = t.vat.iter().map(|g| g.tax).sum();
        let line_sum: Decimal = t.line_amounts.iter().sum();
        prop_assert_eq!(t.total, bases + taxes - t.withholding);
        prop_assert_eq!(t.total, t.base + t.vat_total - t.withholding);
        prop_assert_eq!(t.base, bases);
        prop_assert_eq!(t.vat_total, taxes);
        prop_assert_eq!(t.gross, line_sum);
        prop_assert_eq!(line_sum - t.discount, t.base);
        prop_assert!(t.total >= Decimal::ZERO);
        prop_assert_eq!(t.line_amounts.len(), lines.len());

        let dp = money::minor_units(currency).unwrap();
        let group_amounts = t.vat.iter().flat_map(|g| [g.base, g.tax]);
        let all = t.line_amounts.iter().copied().chain(group_amounts)
            .chain([t.gross, t.discount, t.base, t.vat_total, t.withholding, t.total]);
        for x in all {
            prop_assert_eq!(x.scale(), dp, "{} in {}", x, currency);
            prop_assert_eq!(money::round(x, currency).unwrap(), x);
        }

        // Each line is within half a minor unit of its exact value.
        let half = Decimal::new(5, dp + 1);
        for (l, a) in lines.iter().zip(&t.line_amounts) {
            let exact = l.quantity * l.unit_price * (Decimal::ONE_HUNDRED - l.discount_pct) / Decimal::ONE_HUNDRED;
            prop_assert!((*a - exact).abs() <= half, "{} vs {}", a, exact);
        }
        // Groups: one per treatment, rates descending, exemptions last.
        for pair in t.vat.windows(2) {
            match (&pair[0].vat, &pair[1].vat) {
                (VatRate::Rate(a), VatRate::Rate(b)) => prop_assert!(a > b),
                (VatRate::Exempt(a), VatRate::Exempt(b)) => prop_assert!(a < b),
                (VatRate::Exempt(_), VatRate::Rate(_)) => prop_assert!(false, "exempt before a rate"),
                (VatRate::Rate(_), VatRate::Exempt(_)) => {}
            }
        }
    }

    #[test]
    fn arbitrary_inputs_give_errors_not_panics(
        lines in prop::collection::vec(any_line(), 0..5),
        discount in any_decimal(),
        withholding in any_decimal(),
        cur in prop_oneof![Just("EUR"), Just("JPY"), Just("???"), Just("")],
    ) {
        let result = tax::totals(&lines, discount, withholding, cur);
        let negative_input = discount < Decimal::ZERO
            || withholding < Decimal::ZERO
            || lines.iter().any(|l| {
                l.quantity < Decimal::ZERO
                    || l.unit_price < Decimal::ZERO
                    || l.discount_pct < Decimal::ZERO
                    || matches!(l.vat, VatRate::Rate(r) if r < Decimal::ZERO)
            });
        if negative_input || money::minor_units(cur).is_none() {
            prop_assert!(result.is_err());
        }
        if let Ok(t) = result {
            prop_assert_eq!(t.total, t.base + t.vat_total - t.withholding);
            prop_assert!(t.total <= money::MAX_AMOUNT * Decimal::from(2));
        }
    }

    #[test]
    fn early_offer_amount_plus_saving_is_the_total(
        lines in prop::collection::vec(valid_line(), 1..5),
        early in pct(),
        days in 0u32..400,
        cur in 0usize..4,
    ) {
        let mut inv = invoice(CURRENCIES[cur], lines, date(2024, 2, 29), Some(("0", days)));
        inv.early_payment = Some(EarlyPaymentTerms { discount_pct: early, within_days: days });
        let t = tax::invoice_totals(&inv).unwrap();
        match tax::early_payment_offer(&inv, &t).unwrap() {
            None => prop_assert!(early.is_zero()),
            Some(o) => {
                prop_assert_eq!(o.amount + o.saving, t.total);
                prop_assert!(o.amount >= Decimal::ZERO && o.amount <= t.total);
                prop_assert_eq!(money::round(o.amount, &inv.currency).unwrap(), o.amount);
                prop_assert_eq!((o.deadline - inv.issue_date).num_days(), i64::from(days));
            }
        }
    }
}

/// Half-away-from-zero integer division for non-negative operands.
fn div_round(n: i128, d: i128) -> i128 {
    (n + d / 2) / d
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Near the bounds, with every decimal allowed, the line amount is still
    /// the exact product rounded once (checked against integer arithmetic).
    #[test]
    fn line_amounts_are_exact_up_to_the_bounds(
        (q, p) in (0i128..=10_000_000_000_000).prop_flat_map(|q| {
            let max_p = (10i128.pow(22) / q.max(1)).min(10i128.pow(18));
            (Just(q), prop_oneof![0..=max_p, max_p..=10i128.pow(18)])
        }),
        disc in prop_oneof![Just(0i128), Just(500_000i128), 0i128..=1_000_000],
    ) {
        let l = Line {
            item_id: None,
            description: String::new(),
            quantity: Decimal::from_i128_with_scale(q, 4),
            unit_price: Decimal::from_i128_with_scale(p, 6),
            discount_pct: Decimal::from_i128_with_scale(disc, 4),
            vat: rate("21"),
        };
        let result = tax::totals(std::slice::from_ref(&l), Decimal::ZERO, Decimal::ZERO, "EUR");
        if q * p > 10i128.pow(22) {
            let is_line_range_error = matches!(
                &result,
                Err(MoneyError::Line { line: 1, error }) if matches!(**error, MoneyError::OutOfRange { field: "line amount", .. })
            );
            prop_assert!(is_line_range_error, "{:?}", result);
        } else {
            // value = q·p·(10^6 − disc) / 10^(4+6+4+2); in cents divide by 10^14.
            let cents = div_round(q * p * (1_000_000 - disc), 10i128.pow(14));
            let t = result.unwrap();
            prop_assert_eq!(t.line_amounts[0], Decimal::from_i128_with_scale(cents, 2));
        }
    }
}

#[test]
fn vat_is_computed_on_the_group_base_not_per_line() {
    // Per line 21 % of 0.02 is 0.0042 → 0.00; on the summed base 0.10 it is 0.021 → 0.02.
    let lines = vec![line("1", "0.02", "0", rate("21")); 5];
    let t = tax::totals(&lines, d("0"), d("0"), "EUR").unwrap();
    assert_eq!(t.vat, vec![group(rate("21"), "0.10", "0.02")]);
    assert_eq!(t.total, d("0.12"));
}

// ---- the fast paths against the plain definition ----

/// The totals as first written, step by step with `money`'s checks and rounding and plain
/// division: the definition the cheaper code in `tax` must reproduce exactly (values, scales,
/// the sign of zeros, and which error comes first).
fn plain_totals(
    lines: &[Line],
    invoice_discount_pct: Decimal,
    withholding_pct: Decimal,
    currency: &str,
) -> Result<Totals, MoneyError> {
    if money::minor_units(currency).is_none() {
        return Err(MoneyError::UnknownCurrency(currency.to_string()));
    }
    let invoice_discount_pct = money::check_percent("invoice discount", invoice_discount_pct)?;
    let withholding_pct = money::check_percent("withholding", withholding_pct)?;
    let line_amount = |line: &Line| -> Result<Decimal, MoneyError> {
        let quantity = money::check_quantity("quantity", line.quantity)?;
        let price = money::check_price("unit price", line.unit_price)?;
        let discount = money::check_percent("line discount", line.discount_pct)?;
        if let VatRate::Rate(rate) = &line.vat {
            money::check_percent("VAT rate", *rate)?;
        }
        let undiscounted = quantity.checked_mul(price).ok_or(MoneyError::Overflow)?;
        money::check_amount("line amount", undiscounted)?;
        money::round(
            undiscounted * (Decimal::ONE_HUNDRED - discount) / Decimal::ONE_HUNDRED,
            currency,
        )
    };
    let line_amounts = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            line_amount(line).map_err(|error| MoneyError::Line {
                line: i + 1,
                error: Box::new(error),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let gross = line_amounts
        .iter()
        .try_fold(Decimal::ZERO, |sum, a| sum.checked_add(*a))
        .ok_or(MoneyError::Overflow)?;
    money::check_amount("invoice amount", gross)?;
    let mut by_vat: Vec<(VatRate, Decimal)> = Vec::new();
    for (line, amount) in lines.iter().zip(&line_amounts) {
        let key = match &line.vat {
            VatRate::Rate(rate) => VatRate::Rate(rate.normalize()),
            VatRate::Exempt(reason) => VatRate::Exempt(reason.trim().to_string()),
        };
        match by_vat.iter_mut().find(|(k, _)| *k == key) {
            Some((_, sum)) => *sum += *amount,
            None => by_vat.push((key, *amount)),
        }
    }
    by_vat.sort_by(|(a, _), (b, _)| match (a, b) {
        (VatRate::Rate(x), VatRate::Rate(y)) => y.cmp(x),
        (VatRate::Rate(_), VatRate::Exempt(_)) => std::cmp::Ordering::Less,
        (VatRate::Exempt(_), VatRate::Rate(_)) => std::cmp::Ordering::Greater,
        (VatRate::Exempt(x), VatRate::Exempt(y)) => x.cmp(y),
    });
    let percent_of =
        |amount: Decimal, pct: Decimal| money::round(amount * pct / Decimal::ONE_HUNDRED, currency);
    let mut vat = Vec::new();
    let (mut discount, mut base, mut vat_total) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for (key, group_gross) in by_vat {
        let group_discount = percent_of(group_gross, invoice_discount_pct)?;
        let group_base = group_gross - group_discount;
        let rate = match &key {
            VatRate::Rate(rate) => *rate,
            VatRate::Exempt(_) => Decimal::ZERO,
        };
        let tax = percent_of(group_base, rate)?;
        discount += group_discount;
        base += group_base;
        vat_total += tax;
        vat.push(VatGroup {
            vat: key,
            base: group_base,
            tax,
        });
    }
    let withholding = percent_of(base, withholding_pct)?;
    let total = base + vat_total - withholding;
    let scaled = |x: Decimal| money::round(x, currency);
    Ok(Totals {
        line_amounts,
        gross: scaled(gross)?,
        discount: scaled(discount)?,
        base: scaled(base)?,
        vat,
        vat_total: scaled(vat_total)?,
        withholding,
        total: scaled(total)?,
    })
}

/// Every amount as written (value, scale and sign, so "-0.00" differs from "0.00" and "5" from "5.00").
fn written(t: &Totals) -> Vec<String> {
    let groups = t.vat.iter().flat_map(|g| [g.base, g.tax]);
    let all = t.line_amounts.iter().copied().chain(groups);
    all.chain([t.gross, t.discount, t.base, t.vat_total, t.withholding, t.total])
        .map(|x| format!("{x}{}", if x.is_sign_negative() { "(-)" } else { "" }))
        .collect()
}

/// Lines as they come from hand edits and other tools: the same rate written differently,
/// reasons with spaces around, trailing zeros, negative zeros, and more VAT treatments than
/// `tax::total` keeps inline.
fn messy_line() -> impl Strategy<Value = Line> {
    let vat = prop_oneof![
        vat_strategy(),
        Just(rate("21.00")),
        Just(rate("-0")),
        Just(rate("0.000")),
        Just(exempt(" Art. 20 ")),
        Just(exempt("Art. 20\t")),
        Just(exempt("")),
        (0i64..=6).prop_map(|r| VatRate::Rate(Decimal::from(r))),
    ];
    let amount = prop_oneof![
        (0i64..=10_000_000, 0u32..=8).prop_map(|(m, s)| Decimal::new(m, s)),
        Just(Decimal::new(0, 3)),
        Just(-Decimal::new(0, 2)),
        Just(Decimal::new(45_000_000, 6)),
    ];
    let discount = prop_oneof![
        Just(Decimal::ZERO),
        Just(-Decimal::ZERO),
        pct(),
        Just(Decimal::new(1000, 2))
    ];
    (amount.clone(), amount, discount, vat).prop_map(|(quantity, unit_price, discount_pct, vat)| Line {
        item_id: None,
        description: String::new(),
        quantity,
        unit_price,
        discount_pct,
        vat,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn totals_and_total_are_the_plain_definition_to_the_last_digit(
        // Mostly documents that add up, so that the arithmetic is compared, not only the errors.
        lines in prop::collection::vec(prop_oneof![8 => valid_line(), 8 => messy_line(), 1 => any_line()], 0..10),
        discount in prop_oneof![
            4 => pct(), 1 => Just(-Decimal::ZERO), 1 => Just(Decimal::new(15_000, 3)), 1 => any_decimal()
        ],
        withholding in prop_oneof![4 => pct(), 2 => Just(Decimal::from(15)), 1 => any_decimal()],
        cur in prop_oneof![4 => Just("EUR"), 1 => Just("JPY"), 1 => Just("BHD"), 1 => Just("CLF"), 1 => Just("???")],
    ) {
        let plain = plain_totals(&lines, discount, withholding, cur);
        let fast = tax::totals(&lines, discount, withholding, cur);
        prop_assert_eq!(fast.as_ref().map(written), plain.as_ref().map(written));
        prop_assert_eq!(&fast, &plain);
        let total = tax::total(&lines, discount, withholding, cur);
        prop_assert_eq!(
            total.as_ref().map(|t| format!("{t}{}", t.is_sign_negative())),
            plain.as_ref().map(|t| format!("{}{}", t.total, t.total.is_sign_negative()))
        );
        prop_assert_eq!(total, plain.map(|t| t.total));
    }

    #[test]
    fn the_offer_on_the_total_is_the_offer_on_the_totals(
        lines in prop::collection::vec(prop_oneof![valid_line(), messy_line()], 0..5),
        early in prop_oneof![pct(), any_decimal()],
        days in prop_oneof![0u32..400, Just(u32::MAX)],
        cur in 0usize..4,
    ) {
        let mut inv = invoice(CURRENCIES[cur], lines, date(2024, 2, 29), None);
        inv.early_payment = Some(EarlyPaymentTerms { discount_pct: early, within_days: days });
        if let Ok(t) = plain_totals(&inv.lines, inv.invoice_discount_pct, inv.withholding_pct, &inv.currency) {
            prop_assert_eq!(tax::invoice_total(&inv), Ok(t.total));
            prop_assert_eq!(tax::early_payment_offer_on(&inv, t.total), tax::early_payment_offer(&inv, &t));
        }
    }
}

#[test]
fn the_total_of_a_credit_note_is_its_totals_total() {
    let lines = vec![
        line("3", "45", "10", rate("21")),
        line("1", "120", "0", exempt("Art. 20")),
        line("2", "0.015", "0", rate("10")),
    ];
    let inv = invoice("EUR", lines.clone(), date(2026, 1, 1), None);
    let cn = cobro_core::CreditNote {
        id: "cn".into(),
        series_id: "r".into(),
        number: Some("R2026-0001".into()),
        invoice_id: inv.id.clone(),
        client_id: inv.client_id.clone(),
        issue_date: date(2026, 1, 5),
        reason: "wrong hours".into(),
        currency: "EUR".into(),
        lines,
        withholding_pct: d("15"),
        invoice_discount_pct: d("5"),
        full_cancellation: false,
        updated_at: inv.updated_at,
    };
    assert_eq!(
        tax::credit_note_total(&cn),
        tax::credit_note_totals(&cn).map(|t| t.total)
    );
    assert_eq!(
        tax::invoice_total(&inv),
        tax::invoice_totals(&inv).map(|t| t.total)
    );
}
