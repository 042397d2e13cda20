//! Corrections of payments: a payment is never dated in the future, an overpayment needs the
//! user's word on the excess, a wrong payment is voided (kept, counted nowhere) or corrected
//! (voided and replaced), and every figure follows: balance, status, steps, ledger, reports,
//! CSV and backups. An early-payment discount taken is written down with the payment.

#[path = "common/builders.rs"]
mod common;

use cobro_core::corrections::{
    self, correct_payment, preview, record_payment, void_payment, InvoiceRecords, PaymentError,
};
use cobro_core::csv_export::{documents_csv, payments_csv, Dialect};
use cobro_core::ledger::Ledger;
use cobro_core::lifecycle::{self, InvoiceStatus};
use cobro_core::report::{self, Period};
use cobro_core::{
    backup, CreditNote, EarlyPaymentTerms, FollowUpStep, Invoice, Lang, Payment, StepKind, StepState,
};
use common::*;
use rust_decimal::Decimal;

/// 2 075,11 + 21 % VAT = 2 510,88 EUR, the figure a wrong 9 999,00 was typed for.
fn big() -> Invoice {
    Invoice {
        lines: vec![line("Proyecto", "1", "2075.11")],
        ..invoice("i1")
    }
}

fn steps() -> Vec<FollowUpStep> {
    vec![
        step("s-due", "i1", StepKind::DueDay, d(2026, 4, 1)),
        step("s-rem", "i1", StepKind::Reminder, d(2026, 4, 8)),
    ]
}

fn records<'a>(
    inv: &'a Invoice,
    payments: &'a [Payment],
    credit_notes: &'a [CreditNote],
    steps: &'a [FollowUpStep],
) -> InvoiceRecords<'a> {
    InvoiceRecords {
        invoice: inv,
        payments,
        credit_notes,
        steps,
    }
}

fn today() -> chrono::NaiveDate {
    d(2026, 3, 20)
}

/// Upsert the changed records into the lists, as storage does.
fn apply(payments: &mut Vec<Payment>, steps: &mut Vec<FollowUpStep>, change: &corrections::PaymentChange) {
    for p in &change.payments {
        cobro_core::pack::upsert_by_id(payments, p);
    }
    for s in &change.steps {
        cobro_core::pack::upsert_by_id(steps, s);
    }
}

fn status(inv: &Invoice, payments: &[Payment], on: chrono::NaiveDate) -> InvoiceStatus {
    let pays: Vec<&Payment> = payments.iter().collect();
    let b = lifecycle::balance(inv, &pays, &[]).expect("balance");
    lifecycle::status(inv, &b, on)
}

#[test]
fn a_payment_dated_after_today_is_refused() {
    let inv = big();
    let r = records(&inv, &[], &[], &[]);
    let tomorrow = payment("p1", "i1", d(2026, 3, 21), "100");
    assert_eq!(
        record_payment(&r, &tomorrow, today(), None, at(today())),
        Err(PaymentError::InFuture {
            date: d(2026, 3, 21),
            today: today()
        })
    );
    let on_the_day = payment("p1", "i1", today(), "100");
    assert!(record_payment(&r, &on_the_day, today(), None, at(today())).is_ok());
}

#[test]
fn zero_drafts_cancelled_and_foreign_payments_are_refused() {
    let inv = big();
    let r = records(&inv, &[], &[], &[]);
    let zero = payment("p1", "i1", today(), "0");
    assert_eq!(
        record_payment(&r, &zero, today(), None, at(today())),
        Err(PaymentError::NotPositive {
            amount: Decimal::ZERO
        })
    );
    let foreign = payment("p1", "other", today(), "10");
    assert_eq!(
        record_payment(&r, &foreign, today(), None, at(today())),
        Err(PaymentError::OtherInvoice)
    );
    let draft = Invoice {
        number: None,
        ..big()
    };
    let ok = payment("p1", "i1", today(), "10");
    assert_eq!(
        record_payment(&records(&draft, &[], &[], &[]), &ok, today(), None, at(today())),
        Err(PaymentError::NotIssued)
    );
    let cancelled = Invoice {
        cancelled_by: Some("cn".into()),
        ..big()
    };
    assert_eq!(
        record_payment(
            &records(&cancelled, &[], &[], &[]),
            &ok,
            today(),
            None,
            at(today())
        ),
        Err(PaymentError::Cancelled)
    );
}

#[test]
fn an_overpayment_needs_the_excess_confirmed() {
    let inv = big();
    let r = records(&inv, &[], &[], &[]);
    let wrong = payment("p1", "i1", today(), "9999.00");
    let refused = record_payment(&r, &wrong, today(), None, at(today()));
    assert_eq!(
        refused,
        Err(PaymentError::Overpayment {
            by: dec("7488.12"),
            owed: dec("2510.88"),
            currency: "EUR".into()
        })
    );
    // Confirming less than the excess is not confirming it.
    assert!(record_payment(&r, &wrong, today(), Some(dec("7000")), at(today())).is_err());
    let done = record_payment(&r, &wrong, today(), Some(dec("7488.12")), at(today())).expect("confirmed");
    assert_eq!(done.balance.overpaid, dec("7488.12"));
    // Paying exactly what is owed needs no confirmation; a second payment on a settled invoice
    // is all excess.
    let exact = payment("p2", "i1", today(), "2510.88");
    let done = record_payment(&r, &exact, today(), None, at(today())).expect("exact");
    assert!(done.balance.owed.is_zero());
    let paid = [done.payments[0].clone()];
    let again = payment("p3", "i1", today(), "10");
    let r = records(&inv, &paid, &[], &[]);
    assert_eq!(
        preview(&r, &again, None, today()).expect("preview").excess,
        dec("10")
    );
}

#[test]
fn settling_closes_the_open_steps_and_keeps_their_ids() {
    let inv = big();
    let mut steps = steps();
    steps[0].state = StepState::Done { date: d(2026, 4, 1) };
    let r = records(&inv, &[], &[], &steps);
    let part = record_payment(
        &r,
        &payment("p1", "i1", today(), "500"),
        today(),
        None,
        at(today()),
    )
    .expect("part");
    assert!(part.steps.is_empty());
    assert!(part.payments[0].closed_steps.is_empty());
    let full = record_payment(
        &r,
        &payment("p1", "i1", today(), "2510.88"),
        today(),
        None,
        at(today()),
    )
    .expect("full");
    assert_eq!(full.steps.len(), 1);
    assert_eq!(full.steps[0].id, "s-rem");
    assert_eq!(full.steps[0].state, StepState::Superseded);
    assert_eq!(full.payments[0].closed_steps, vec!["s-rem".to_string()]);
}

#[test]
fn voiding_keeps_the_payment_and_every_figure_follows() {
    let inv = big();
    let (mut payments, mut steps) = (Vec::new(), steps());
    let paid = record_payment(
        &records(&inv, &payments, &[], &steps),
        &payment("p1", "i1", d(2026, 3, 10), "2510.88"),
        today(),
        None,
        at(d(2026, 3, 10)),
    )
    .expect("paid");
    apply(&mut payments, &mut steps, &paid);
    assert_eq!(status(&inv, &payments, d(2026, 5, 1)), InvoiceStatus::Paid);
    assert!(steps.iter().all(|s| s.state == StepState::Superseded));

    // The reason is required; the payment stays on file with the day and the reason.
    let r = records(&inv, &payments, &[], &steps);
    assert_eq!(
        void_payment(&r, "p1", "  ", today(), at(today())),
        Err(PaymentError::EmptyReason)
    );
    assert_eq!(
        void_payment(&r, "nope", "x", today(), at(today())),
        Err(PaymentError::NotFound { id: "nope".into() })
    );
    let voided = void_payment(&r, "p1", "Era de otra factura", today(), at(today())).expect("void");
    apply(&mut payments, &mut steps, &voided);
    assert_eq!(payments.len(), 1);
    let void = payments[0].voided.clone().expect("voided");
    assert_eq!(
        (void.date, void.reason.as_str()),
        (today(), "Era de otra factura")
    );
    assert_eq!(payments[0].amount, dec("2510.88"));
    assert!(!payments[0].counts());

    // Owed again: the balance, the status on any day and the steps the payment closed.
    assert_eq!(voided.balance.owed, dec("2510.88"));
    assert_eq!(voided.balance.paid, Decimal::ZERO);
    assert_eq!(status(&inv, &payments, d(2026, 5, 1)), InvoiceStatus::Overdue);
    assert!(steps.iter().all(|s| s.state == StepState::Open));
    // A void is final.
    let r = records(&inv, &payments, &[], &steps);
    assert_eq!(
        void_payment(&r, "p1", "again", today(), at(today())),
        Err(PaymentError::AlreadyVoided)
    );
}

#[test]
fn a_payment_recorded_before_closed_steps_were_kept_reopens_what_it_closed_in_the_same_write() {
    let inv = big();
    let mut steps = steps();
    let mut old = payment("p1", "i1", d(2026, 3, 10), "2510.88");
    // Closed in the same write as the payment (same instant); a step superseded by something
    // else at another instant stays closed.
    steps[0].state = StepState::Superseded;
    steps[0].updated_at = old.updated_at;
    steps[1].state = StepState::Superseded;
    steps[1].updated_at = at(d(2026, 3, 5));
    old.closed_steps = Vec::new();
    let payments = [old];
    let voided = void_payment(
        &records(&inv, &payments, &[], &steps),
        "p1",
        "duplicado",
        today(),
        at(today()),
    )
    .expect("void");
    let ids: Vec<&str> = voided.steps.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["s-due"]);
}

#[test]
fn voiding_a_part_payment_leaves_closed_steps_alone_while_nothing_is_owed() {
    // Two payments settle it; voiding the second's excess twin changes nothing owed.
    let inv = big();
    let (mut payments, mut steps) = (Vec::new(), steps());
    for (id, amount) in [("p1", "2510.88"), ("p2", "20")] {
        let r = records(&inv, &payments, &[], &steps);
        let done = record_payment(
            &r,
            &payment(id, "i1", d(2026, 3, 10), amount),
            today(),
            Some(dec("20")),
            at(d(2026, 3, 10)),
        )
        .expect("recorded");
        apply(&mut payments, &mut steps, &done);
    }
    let voided = void_payment(
        &records(&inv, &payments, &[], &steps),
        "p2",
        "duplicado",
        today(),
        at(today()),
    )
    .expect("void");
    assert!(voided.steps.is_empty());
    assert!(voided.balance.owed.is_zero());
    assert!(voided.balance.overpaid.is_zero());
}

#[test]
fn correcting_a_wrong_amount_voids_it_and_records_the_right_one() {
    let inv = big();
    let (mut payments, mut steps) = (Vec::new(), steps());
    let wrong = record_payment(
        &records(&inv, &payments, &[], &steps),
        &payment("p1", "i1", d(2026, 3, 10), "9999.00"),
        today(),
        Some(dec("7488.12")),
        at(d(2026, 3, 10)),
    )
    .expect("confirmed");
    apply(&mut payments, &mut steps, &wrong);

    // The replacement is checked like a new payment: the old one is left out of "owed".
    let right = payment("p2", "i1", d(2026, 3, 10), "2510.88");
    let r = records(&inv, &payments, &[], &steps);
    let seen = preview(&r, &right, Some("p1"), today()).expect("preview");
    assert_eq!(
        (seen.owed_before, seen.excess, seen.settles),
        (dec("2510.88"), Decimal::ZERO, true)
    );
    let fixed = correct_payment(&r, "p1", &right, "", today(), None, at(today())).expect("corrected");
    apply(&mut payments, &mut steps, &fixed);
    assert_eq!(fixed.balance.overpaid, Decimal::ZERO);
    assert_eq!(fixed.balance.owed, Decimal::ZERO);
    let old = payments.iter().find(|p| p.id == "p1").expect("kept");
    assert_eq!(
        old.voided.as_ref().and_then(|v| v.replaced_by.as_deref()),
        Some("p2")
    );
    // The steps stay closed, now by the replacement.
    assert!(steps.iter().all(|s| s.state == StepState::Superseded));
    let new = payments.iter().find(|p| p.id == "p2").expect("new");
    assert_eq!(new.closed_steps.len(), 2);

    // Corrected down to a part payment: owed again, the steps open again.
    let part = payment("p3", "i1", d(2026, 3, 10), "1000");
    let r = records(&inv, &payments, &[], &steps);
    let fixed = correct_payment(
        &r,
        "p2",
        &part,
        "importe mal tecleado",
        today(),
        None,
        at(today()),
    )
    .expect("part");
    apply(&mut payments, &mut steps, &fixed);
    assert_eq!(fixed.balance.owed, dec("1510.88"));
    assert!(steps.iter().all(|s| s.state == StepState::Open));
    // A voided payment cannot be corrected again, and the replacement has to be valid.
    let r = records(&inv, &payments, &[], &steps);
    assert_eq!(
        correct_payment(
            &r,
            "p2",
            &payment("p4", "i1", today(), "1"),
            "",
            today(),
            None,
            at(today())
        ),
        Err(PaymentError::AlreadyVoided)
    );
    assert!(matches!(
        correct_payment(
            &r,
            "p3",
            &payment("p4", "i1", d(2026, 12, 1), "1"),
            "",
            today(),
            None,
            at(today())
        ),
        Err(PaymentError::InFuture { .. })
    ));
}

fn with_discount() -> Invoice {
    Invoice {
        early_payment: Some(EarlyPaymentTerms {
            discount_pct: dec("3"),
            within_days: 10,
        }),
        ..big()
    }
}

#[test]
fn a_payment_that_settles_with_the_early_discount_writes_it_down() {
    let inv = with_discount();
    // 3 % of 2 510,88 = 75,33; 2 435,55 within 10 days of 2 March settles it.
    let r = records(&inv, &[], &[], &[]);
    let p = payment("p1", "i1", d(2026, 3, 12), "2435.55");
    let seen = preview(&r, &p, None, today()).expect("preview");
    assert!(seen.settles);
    let done = record_payment(&r, &p, today(), None, at(today())).expect("paid");
    let taken = done.payments[0].early_discount.clone().expect("discount");
    assert_eq!(
        (taken.amount, taken.discount_pct, taken.within_days),
        (dec("75.33"), dec("3"), 10)
    );
    assert_eq!(status(&inv, &done.payments, d(2026, 5, 1)), InvoiceStatus::Paid);

    // A day late: no discount written, and the difference is owed.
    let late = payment("p1", "i1", d(2026, 3, 13), "2435.55");
    let done = record_payment(&r, &late, today(), None, at(today())).expect("late");
    assert_eq!(done.payments[0].early_discount, None);
    assert_eq!(done.balance.owed, dec("75.33"));
    assert_eq!(
        status(&inv, &done.payments, d(2026, 3, 20)),
        InvoiceStatus::PartiallyPaid
    );
}

#[test]
fn an_overpayment_in_time_is_measured_against_the_discounted_amount() {
    // 9 999,00 within the 10 days earns the discount: it settles 2 435,55, the rest is excess.
    let inv = with_discount();
    let r = records(&inv, &[], &[], &[]);
    let p = payment("p1", "i1", d(2026, 3, 12), "9999.00");
    assert_eq!(
        record_payment(&r, &p, today(), None, at(today())),
        Err(PaymentError::Overpayment {
            by: dec("7563.45"),
            owed: dec("2435.55"),
            currency: "EUR".into()
        })
    );
}

#[test]
fn a_discount_written_down_stays_what_was_taken_after_a_later_credit_note() {
    let inv = with_discount();
    let r = records(&inv, &[], &[], &[]);
    let done = record_payment(
        &r,
        &payment("p1", "i1", d(2026, 3, 12), "2435.55"),
        today(),
        None,
        at(today()),
    )
    .expect("paid");
    // 100 + 21 % credited later: the client paid 2 435,55 for 2 510,88 with 75,33 off; the
    // 121,00 credited is now owed back to them, whole.
    let cn = credit_note("cn1", "i1", vec![line("Ajuste", "1", "100")]);
    let pays: Vec<&Payment> = done.payments.iter().collect();
    let b = lifecycle::balance(&inv, &pays, &[&cn]).expect("balance");
    assert_eq!((b.early_discount, b.overpaid), (dec("75.33"), dec("121.00")));
    // Voided, the written discount goes with it.
    let voided = void_payment(
        &records(&inv, &done.payments, &[], &[]),
        "p1",
        "devuelto",
        today(),
        at(today()),
    )
    .expect("void");
    assert_eq!(voided.balance.early_discount, Decimal::ZERO);
    assert_eq!(voided.balance.owed, dec("2510.88"));
}

/// A dataset with the big invoice settled by a wrong payment that was then corrected, and a
/// second invoice paid with the early discount.
fn corrected_dataset() -> cobro_core::Dataset {
    let a = big();
    let b = Invoice {
        id: "i2".into(),
        number: Some("F2026-0002".into()),
        ..with_discount()
    };
    let mut data = dataset(vec![a.clone(), b.clone()]);
    let (mut payments, mut steps) = (Vec::new(), steps());
    let wrong = record_payment(
        &records(&a, &payments, &[], &steps),
        &payment("p1", "i1", d(2026, 3, 10), "9999.00"),
        today(),
        Some(dec("7488.12")),
        at(d(2026, 3, 10)),
    )
    .expect("wrong");
    apply(&mut payments, &mut steps, &wrong);
    let r = records(&a, &payments, &[], &steps);
    let fixed = correct_payment(
        &r,
        "p1",
        &payment("p2", "i1", d(2026, 3, 10), "2510.88"),
        "tecleado mal",
        today(),
        None,
        at(today()),
    )
    .expect("fixed");
    apply(&mut payments, &mut steps, &fixed);
    let early = record_payment(
        &records(&b, &payments, &[], &[]),
        &payment("p3", "i2", d(2026, 3, 12), "2435.55"),
        today(),
        None,
        at(d(2026, 3, 12)),
    )
    .expect("early");
    apply(&mut payments, &mut steps, &early);
    data.payments = payments;
    data.steps = steps;
    data
}

#[test]
fn the_ledger_reports_and_csv_leave_voided_payments_out() {
    let data = corrected_dataset();
    let ledger = Ledger::new(&data);
    assert_eq!(ledger.payments_of("i1").len(), 1);
    assert_eq!(ledger.voided_payments_of("i1").len(), 1);
    let b = ledger
        .balance(ledger.invoice("i1").expect("inv"))
        .expect("balance");
    assert_eq!((b.paid, b.overpaid), (dec("2510.88"), Decimal::ZERO));
    let march = Period {
        from: d(2026, 3, 1),
        to: d(2026, 3, 31),
    };
    let r = report::report(&ledger, today(), march).expect("report");
    assert_eq!((r.open_count, r.overdue_count), (0, 0));
    // Voided, the invoice is owed again in the report too.
    let mut undone = data.clone();
    if let Some(p) = undone.payments.iter_mut().find(|p| p.id == "p2") {
        p.voided = Some(cobro_core::PaymentVoid {
            date: today(),
            reason: "devuelto".into(),
            replaced_by: None,
        });
    }
    let ledger2 = Ledger::new(&undone);
    let r = report::report(&ledger2, today(), march).expect("report");
    assert_eq!(
        r.currencies.get("EUR").map(|c| c.outstanding),
        Some(dec("2510.88"))
    );

    let csv = payments_csv(&ledger, march, Dialect::Semicolon, Lang::Es);
    let rows: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(
        rows[0].ends_with("Descuento pronto pago;Condición del descuento"),
        "{}",
        rows[0]
    );
    assert!(!csv.contains("9999"), "{csv}");
    assert!(rows[2].ends_with(";75,33;3 % a 10 días"), "{}", rows[2]);
    let csv = payments_csv(&ledger, march, Dialect::Comma, Lang::En);
    assert!(csv.contains(",75.33,3% within 10 days\r\n"), "{csv}");

    let docs = documents_csv(&ledger, march, Dialect::Comma, Lang::En);
    let lines: Vec<&str> = docs.trim_end().split("\r\n").collect();
    // The discount column follows "Corrects"; the base and VAT by rate come after it.
    assert!(
        lines[0].contains(",Corrects,Early-payment discount,Base 21%"),
        "{}",
        lines[0]
    );
    assert!(lines[1].contains(",2510.88,0.00,,,"), "{}", lines[1]);
    assert!(lines[2].contains(",2435.55,0.00,,75.33,"), "{}", lines[2]);
    assert_eq!(
        corrections::discounts_granted(&ledger, march),
        vec![("EUR".to_string(), dec("75.33"))]
    );
}

#[test]
fn the_invoice_page_lists_voided_payments_and_the_discount_taken() {
    let data = corrected_dataset();
    let ledger = Ledger::new(&data);
    let view = corrections::payments_view(&ledger, "i1").expect("view");
    assert_eq!(view.rows.len(), 2);
    let new = view.rows.iter().find(|r| r.id == "p2").expect("new");
    assert_eq!(new.corrects, Some((d(2026, 3, 10), dec("9999.00"))));
    assert!(new.can_correct && new.can_void);
    let old = view.rows.iter().find(|r| r.id == "p1").expect("old");
    assert_eq!(
        old.voided.as_ref().map(|v| v.reason.as_str()),
        Some("tecleado mal")
    );
    assert!(!old.can_correct && !old.can_void);
    assert_eq!(view.discount, None);

    let view = corrections::payments_view(&ledger, "i2").expect("view");
    let taken = view.discount.expect("discount");
    assert_eq!(
        (taken.amount, taken.discount_pct, taken.within_days),
        (dec("75.33"), dec("3"), 10)
    );
}

#[test]
fn a_correction_is_listed_above_the_payment_it_replaces() {
    let mut data = corrected_dataset();
    // Both are dated the day the money came in and written in one go: whichever was stamped
    // later (or both at once), the payment that counts comes first, the one it replaced below.
    for (p1, p2) in [(20, 19), (19, 20), (20, 20)] {
        for p in data.payments.iter_mut() {
            match p.id.as_str() {
                "p1" => p.updated_at = at(d(2026, 3, p1)),
                "p2" => p.updated_at = at(d(2026, 3, p2)),
                _ => {}
            }
        }
        let view = corrections::payments_view(&Ledger::new(&data), "i1").expect("view");
        let ids: Vec<&str> = view.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["p2", "p1"], "stamped on the {p1}th and the {p2}th");
    }
}

#[test]
fn the_pay_form_starts_from_the_early_amount_while_it_applies() {
    let data = dataset(vec![with_discount()]);
    let ledger = Ledger::new(&data);
    let start = corrections::pay_form_start(&ledger, "i1", d(2026, 3, 12), None).expect("start");
    assert_eq!(start.suggested, dec("2435.55"));
    assert_eq!(start.offer, Some((dec("3"), d(2026, 3, 12), dec("2435.55"))));
    let start = corrections::pay_form_start(&ledger, "i1", d(2026, 3, 13), None).expect("start");
    assert_eq!((start.suggested, start.offer), (dec("2510.88"), None));
}

#[test]
fn corrections_survive_a_backup_and_merge_by_the_newer_copy() {
    let data = corrected_dataset();
    assert_eq!(backup::validate(&data), vec![]);
    let text = backup::export(&data, at(today()), "test").expect("export");
    let back = backup::parse(&text).expect("parse");
    assert_eq!(backup::sorted(&back.data), backup::sorted(&data));

    // Another device still has the wrong payment counting: the void (newer) wins the merge.
    let mut other = data.clone();
    if let Some(p) = other.payments.iter_mut().find(|p| p.id == "p1") {
        p.voided = None;
        p.updated_at = at(d(2026, 3, 10));
    }
    let merged = backup::merge(&other, &data).expect("merge");
    let p1 = merged.data.payments.iter().find(|p| p.id == "p1").expect("p1");
    assert!(p1.voided.is_some());

    // A void that names a payment that does not exist is reported.
    let mut broken = data.clone();
    if let Some(v) = broken.payments.iter_mut().find_map(|p| p.voided.as_mut()) {
        v.replaced_by = Some("ghost".into());
    }
    assert!(!backup::validate(&broken).is_empty());
}
