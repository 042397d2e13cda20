//! Partial credit notes: what each invoice line can give back (units or an amount), the
//! lines the credit note gets, and the corrected amounts it prints; the form's reading of what
//! is typed (`forms::CreditInput`), every problem at its row.

mod common;

use cobro_core::forms::{CreditInput, CreditLineInput, CreditWay};
use cobro_core::lifecycle::{
    self, credit_limits, credit_lines, CreditBy, CreditLimit, CreditLineProblem, CreditPick, CreditRequest,
    CreditScope, LifecycleError,
};
use cobro_core::money::MoneyError;
use cobro_core::validity::{Invalid, Rule};
use cobro_core::{tax, DocKind, Invoice};
use common::docs::*;
use rust_decimal::Decimal;

fn one_big_line() -> Invoice {
    Invoice {
        lines: vec![line("Diseño de la web", "1", "2400")],
        ..issued()
    }
}

fn pick(line: usize, by: CreditBy) -> CreditPick {
    CreditPick { line, by }
}

#[test]
fn four_hundred_off_a_one_unit_line_of_two_thousand_four_hundred_is_exactly_four_hundred() {
    let inv = one_big_line();
    let lines = credit_lines(&inv, &[pick(0, CreditBy::Amount(dec("400")))]).expect("valid");
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].description, "Diseño de la web");
    assert_eq!(lines[0].vat, inv.lines[0].vat);
    let mut n = 0;
    let (note, _, inv_after) = lifecycle::credit_note_for(
        &inv,
        &[],
        &client(),
        CreditRequest {
            scope: CreditScope::Lines(lines),
            reason: "Descuento acordado".into(),
            date: d(2026, 3, 10),
        },
        &series(DocKind::CreditNote, "s-r"),
        &mut || {
            n += 1;
            format!("cn{n}")
        },
        now(),
    )
    .expect("credited");
    let t = tax::credit_note_totals(&note).expect("totals");
    assert_eq!(t.base, dec("400.00"));
    assert_eq!(t.vat_total, dec("84.00"));
    assert_eq!(t.total, dec("484.00"));
    assert_eq!(inv_after.cancelled_by, None);
}

#[test]
fn by_quantity_keeps_the_price_and_discount_of_the_line() {
    let mut inv = issued();
    inv.lines = vec![cobro_core::Line {
        discount_pct: dec("10"),
        ..line("Horas", "10", "60")
    }];
    let lines = credit_lines(&inv, &[pick(0, CreditBy::Quantity(dec("2.5")))]).expect("valid");
    assert_eq!(lines[0].quantity, dec("2.5"));
    assert_eq!(lines[0].unit_price, dec("60"));
    assert_eq!(lines[0].discount_pct, dec("10"));
    // An amount is taken off the line's amount after its own discount (540 here).
    assert_eq!(
        credit_limits(&inv),
        Ok(vec![CreditLimit {
            quantity: dec("10"),
            amount: dec("540.00")
        }])
    );
    let by_amount = credit_lines(&inv, &[pick(0, CreditBy::Amount(dec("540")))]).expect("valid");
    assert_eq!(by_amount[0].discount_pct, Decimal::ZERO);
    assert_eq!(
        credit_lines(&inv, &[pick(0, CreditBy::Amount(dec("540.01")))]),
        Err(LifecycleError::CreditLine {
            line: 1,
            problem: CreditLineProblem::AmountAbove { max: dec("540.00") }
        })
    );
}

#[test]
fn zero_picks_are_skipped_and_nothing_at_all_is_refused() {
    let mut inv = issued();
    inv.lines.push(line("Hosting", "12", "10"));
    let lines = credit_lines(
        &inv,
        &[
            pick(0, CreditBy::Quantity(Decimal::ZERO)),
            pick(1, CreditBy::Quantity(dec("3"))),
        ],
    )
    .expect("valid");
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].description, "Hosting");
    assert_eq!(
        credit_lines(&inv, &[pick(0, CreditBy::Amount(Decimal::ZERO))]),
        Err(LifecycleError::NothingPicked)
    );
    assert_eq!(credit_lines(&inv, &[]), Err(LifecycleError::NothingPicked));
}

#[test]
fn each_pick_stays_within_its_line() {
    let inv = issued(); // 2 × 50
    let refused = |p, problem| {
        assert_eq!(
            credit_lines(&inv, &[p]),
            Err(LifecycleError::CreditLine { line: 1, problem })
        );
    };
    refused(
        pick(0, CreditBy::Quantity(dec("3"))),
        CreditLineProblem::QuantityAbove { max: dec("2") },
    );
    refused(
        pick(0, CreditBy::Quantity(dec("-1"))),
        CreditLineProblem::NotPositive,
    );
    refused(
        pick(0, CreditBy::Quantity(dec("0.00001"))),
        CreditLineProblem::TooManyDecimals { max: 4 },
    );
    refused(
        pick(0, CreditBy::Amount(dec("10.001"))),
        CreditLineProblem::TooManyDecimals { max: 2 },
    );
    assert_eq!(
        credit_lines(&inv, &[pick(4, CreditBy::Quantity(Decimal::ONE))]),
        Err(LifecycleError::CreditLine {
            line: 5,
            problem: CreditLineProblem::NoSuchLine
        })
    );
}

#[test]
fn the_correction_shows_the_invoice_earlier_notes_this_one_and_what_is_left() {
    let inv = one_big_line(); // 2 904.00
    let first = credit_note("cn1", "R2026-0001", vec![line("Diseño de la web", "1", "400")]);
    let mut second = credit_note("cn2", "R2026-0002", vec![line("Diseño de la web", "1", "100")]);
    second.issue_date = d(2026, 3, 20);
    let all = [&first, &second];
    let c = lifecycle::correction(&inv, &second, &all).expect("figures");
    assert_eq!(c.invoice_total, dec("2904.00"));
    assert_eq!(c.earlier, dec("484.00"));
    assert_eq!(c.this_note, dec("121.00"));
    assert_eq!(c.resulting, dec("2299.00"));
    // The first one had nothing before it.
    let c = lifecycle::correction(&inv, &first, &all).expect("figures");
    assert_eq!((c.earlier, c.resulting), (Decimal::ZERO, dec("2420.00")));
}

// ---------------------------------------------------------------- the form

fn typed(rows: &[(CreditWay, &str)], reason: &str) -> CreditInput {
    CreditInput {
        lines: rows
            .iter()
            .map(|(by, value)| CreditLineInput {
                by: *by,
                value: (*value).into(),
            })
            .collect(),
        reason: reason.into(),
    }
}

fn at_fields(e: Invalid) -> Vec<(String, Rule)> {
    e.0.into_iter().map(|p| (p.path, p.rule)).collect()
}

#[test]
fn the_form_reads_spanish_numbers_and_gives_the_lines_the_core_would() {
    let mut inv = one_big_line(); // 1 × 2 400
    inv.lines.push(line("Horas de soporte", "1234.5678", "1"));
    assert_eq!(
        CreditInput::for_invoice(&inv),
        typed(&[(CreditWay::Quantity, "0"); 2], "")
    );
    let choice = typed(
        &[
            (CreditWay::Amount, "1.234,56"),
            (CreditWay::Quantity, "1.234,5678"),
        ],
        "  Descuento acordado 🙂  ",
    )
    .build(&inv)
    .expect("accepted");
    assert_eq!(choice.reason, "Descuento acordado 🙂");
    let direct = credit_lines(
        &inv,
        &[
            pick(0, CreditBy::Amount(dec("1234.56"))),
            pick(1, CreditBy::Quantity(dec("1234.5678"))),
        ],
    )
    .expect("valid");
    assert_eq!(choice.lines, direct);
    // English style, an empty row is nothing from that line.
    let choice = typed(
        &[(CreditWay::Amount, "400.5"), (CreditWay::Quantity, " ")],
        "Precio corregido",
    )
    .build(&inv)
    .expect("accepted");
    assert_eq!(choice.lines.len(), 1);
    assert_eq!(choice.lines[0].unit_price, dec("400.5"));
}

#[test]
fn the_form_says_each_lines_problem_at_its_row_and_the_rest_where_it_belongs() {
    let mut inv = issued(); // 2 × 50
    inv.lines.push(line("Hosting", "12", "10"));
    inv.lines.push(line("Dominio", "1", "15"));
    let refused = typed(
        &[
            (CreditWay::Quantity, "3"),
            (CreditWay::Amount, "diez"),
            (CreditWay::Amount, "10,001"),
        ],
        " ",
    )
    .build(&inv)
    .expect_err("refused");
    assert_eq!(
        at_fields(refused),
        [
            (
                "lines[0].credit".to_string(),
                Rule::CreditLine(CreditLineProblem::QuantityAbove { max: dec("2") })
            ),
            (
                "lines[1].credit".to_string(),
                Rule::Money(MoneyError::NotANumber("diez".into()))
            ),
            (
                "lines[2].credit".to_string(),
                Rule::CreditLine(CreditLineProblem::TooManyDecimals { max: 2 })
            ),
            ("reason".to_string(), Rule::Required),
        ],
        "every problem at once"
    );
    assert_eq!(
        at_fields(
            typed(&[(CreditWay::Quantity, "-1")], "x")
                .build(&inv)
                .expect_err("negative")
        ),
        [(
            "lines[0].credit".to_string(),
            Rule::CreditLine(CreditLineProblem::NotPositive)
        )]
    );
    // Nothing picked is the whole form's problem.
    assert_eq!(
        at_fields(
            typed(&[(CreditWay::Quantity, "0"), (CreditWay::Amount, "")], "Motivo")
                .build(&inv)
                .expect_err("nothing")
        ),
        [(String::new(), Rule::NothingPicked)]
    );
    // The reason's limit is the record's: 500 characters, accents and emoji counted as one.
    let at_limit = "ñ".repeat(499) + "🙂";
    assert!(typed(&[(CreditWay::Quantity, "2")], &at_limit)
        .build(&inv)
        .is_ok());
    assert_eq!(
        at_fields(
            typed(&[(CreditWay::Quantity, "2")], &(at_limit + "x"))
                .build(&inv)
                .expect_err("too long")
        ),
        [("reason".to_string(), Rule::TooLong { max: 500, len: 501 })]
    );
    // Exactly the line is fine: all its units, all its amount.
    assert!(typed(
        &[
            (CreditWay::Quantity, "2"),
            (CreditWay::Amount, "120"),
            (CreditWay::Amount, "15,00")
        ],
        "Todo"
    )
    .build(&inv)
    .is_ok());
}
