//! Lifecycle: an invoice's state follows from its facts and today; only legal
//! transitions happen; credit notes never take back more than was invoiced; an
//! accepted quote becomes an invoice draft exactly once.

use chrono::{NaiveDate, TimeZone, Utc};
use cobro_core::lifecycle::{
    accept_quote, balance, confirm_receipt, credit_note_for, current_dispute, due_date, ensure_editable,
    issue_invoice, issue_quote_number, mark_quote_sent, mark_sent, open_dispute, quote_to_invoice_draft,
    reject_quote, resolve_dispute, status, validate_draft, Balance, CreditRequest, CreditScope, DraftProblem,
    InvoiceStatus, LifecycleError,
};
use cobro_core::tax;
use cobro_core::{
    Address, Channel, Client, CreditNote, Dispute, DocKind, EarlyPaymentTerms, Invoice, Lang, Line,
    NumberingSeries, Payment, Quote, QuoteState, Receipt, Sending, Stamp, VatRate,
};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

fn t0() -> Stamp {
    Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).single().expect("stamp")
}

fn now() -> Stamp {
    Utc.with_ymd_and_hms(2026, 3, 4, 12, 30, 0)
        .single()
        .expect("stamp")
}

fn ids() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("new-{n}")
    }
}

fn client() -> Client {
    Client {
        id: "c1".into(),
        legal_name: "Cliente SL".into(),
        tax_id: "B12345678".into(),
        address: Address::default(),
        ap_contact_name: "Ana".into(),
        ap_contact_email: "ap@cliente.es".into(),
        ap_contact_phone: String::new(),
        billing_instructions: String::new(),
        po_required: false,
        payment_terms_days: 30,
        preferred_payment_method_ids: vec!["pm-bank".into()],
        currency: "EUR".into(),
        language: Lang::Es,
        credit_limit: None,
        notes: String::new(),
        policy_override: None,
        archived: false,
        updated_at: t0(),
    }
}

fn line(desc: &str, qty: &str, price: &str) -> Line {
    Line {
        item_id: None,
        description: desc.into(),
        quantity: dec(qty),
        unit_price: dec(price),
        discount_pct: Decimal::ZERO,
        vat: VatRate::Rate(Decimal::from(21)),
    }
}

/// A draft worth 100 + 21 % VAT = 121.00 EUR, issued 2026-03-02, due 2026-04-01.
fn draft() -> Invoice {
    Invoice {
        id: "i1".into(),
        series_id: "s-f".into(),
        number: None,
        client_id: "c1".into(),
        po_number: String::new(),
        issue_date: d(2026, 3, 2),
        delivery_date: None,
        due_date: d(2026, 4, 1),
        currency: "EUR".into(),
        lines: vec![line("Diseño web", "2", "50")],
        withholding_pct: Decimal::ZERO,
        invoice_discount_pct: Decimal::ZERO,
        early_payment: None,
        payment_method_ids: vec![],
        notes: String::new(),
        quote_id: None,
        sent: None,
        receipt: None,
        disputes: vec![],
        cancelled_by: None,
        updated_at: t0(),
    }
}

fn issued() -> Invoice {
    Invoice {
        number: Some("F2026-0001".into()),
        ..draft()
    }
}

fn sending(date: NaiveDate) -> Sending {
    Sending {
        date,
        channel: Channel::Email,
    }
}

fn receipt(date: NaiveDate) -> Receipt {
    Receipt {
        date,
        confirmed_by: "Ana".into(),
        channel: Channel::Phone,
    }
}

fn series(kind: DocKind, id: &str) -> NumberingSeries {
    NumberingSeries::default_for(kind, id.into(), t0())
}

fn payment(date: NaiveDate, amount: &str) -> Payment {
    Payment {
        id: format!("p-{date}-{amount}"),
        invoice_id: "i1".into(),
        date,
        amount: dec(amount),
        method_id: None,
        note: String::new(),
        closed_steps: Vec::new(),
        early_discount: None,
        voided: None,
        updated_at: t0(),
    }
}

fn bal(total: &str, credited: &str, paid: &str, owed: &str) -> Balance {
    Balance {
        total: dec(total),
        credited: dec(credited),
        paid: dec(paid),
        early_discount: Decimal::ZERO,
        owed: dec(owed),
        overpaid: Decimal::ZERO,
    }
}

// ---------------------------------------------------------------- status

#[test]
fn draft_is_draft_whatever_else_is_recorded() {
    let mut inv = draft();
    inv.sent = Some(sending(d(2026, 3, 2)));
    assert_eq!(
        status(&inv, &bal("121", "0", "121", "0"), d(2027, 1, 1)),
        InvoiceStatus::Draft
    );
}

#[test]
fn cancelled_wins_over_everything_but_draft() {
    let mut inv = issued();
    inv.cancelled_by = Some("cn1".into());
    inv.disputes.push(Dispute {
        opened: d(2026, 3, 5),
        reason: "x".into(),
        resolved: None,
    });
    let open = bal("121", "0", "0", "121");
    assert_eq!(status(&inv, &open, d(2026, 9, 1)), InvoiceStatus::Cancelled);
    // Credit notes covering the whole total cancel it even without the flag.
    let inv = issued();
    let credited = bal("121", "121", "0", "0");
    assert_eq!(status(&inv, &credited, d(2026, 9, 1)), InvoiceStatus::Cancelled);
}

#[test]
fn paid_wins_over_dispute_and_due_date() {
    let mut inv = issued();
    inv.disputes.push(Dispute {
        opened: d(2026, 3, 5),
        reason: "x".into(),
        resolved: None,
    });
    let paid = bal("121", "0", "121", "0");
    assert_eq!(status(&inv, &paid, d(2026, 9, 1)), InvoiceStatus::Paid);
    // Partly credited, the rest paid: paid.
    let rest = bal("121", "21", "100", "0");
    assert_eq!(status(&issued(), &rest, d(2026, 9, 1)), InvoiceStatus::Paid);
}

#[test]
fn zero_invoice_with_nothing_paid_is_not_paid() {
    let zero = bal("0", "0", "0", "0");
    assert_eq!(status(&issued(), &zero, d(2026, 9, 1)), InvoiceStatus::Issued);
}

#[test]
fn disputed_shows_before_overdue_until_resolved() {
    let mut inv = issued();
    inv.disputes.push(Dispute {
        opened: d(2026, 3, 5),
        reason: "x".into(),
        resolved: None,
    });
    let owed = bal("121", "0", "0", "121");
    assert_eq!(status(&inv, &owed, d(2026, 5, 1)), InvoiceStatus::Disputed);
    inv.disputes[0].resolved = Some(d(2026, 3, 20));
    assert_eq!(status(&inv, &owed, d(2026, 5, 1)), InvoiceStatus::Overdue);
}

#[test]
fn overdue_starts_the_day_after_the_due_date() {
    let inv = issued(); // due 2026-04-01
    let owed = bal("121", "0", "0", "121");
    assert_eq!(status(&inv, &owed, d(2026, 3, 31)), InvoiceStatus::Issued);
    assert_eq!(status(&inv, &owed, d(2026, 4, 1)), InvoiceStatus::Issued);
    assert_eq!(status(&inv, &owed, d(2026, 4, 2)), InvoiceStatus::Overdue);
}

#[test]
fn partial_payment_before_and_after_due() {
    let inv = issued();
    let part = bal("121", "0", "50", "71");
    assert_eq!(status(&inv, &part, d(2026, 3, 20)), InvoiceStatus::PartiallyPaid);
    assert_eq!(status(&inv, &part, d(2026, 4, 2)), InvoiceStatus::Overdue);
}

#[test]
fn delivery_progress_issued_sent_receipt() {
    let owed = bal("121", "0", "0", "121");
    let today = d(2026, 3, 10);
    let mut inv = issued();
    assert_eq!(status(&inv, &owed, today), InvoiceStatus::Issued);
    inv.sent = Some(sending(d(2026, 3, 2)));
    assert_eq!(status(&inv, &owed, today), InvoiceStatus::Sent);
    inv.receipt = Some(receipt(d(2026, 3, 3)));
    assert_eq!(status(&inv, &owed, today), InvoiceStatus::ReceiptConfirmed);
    let part = bal("121", "0", "10", "111");
    assert_eq!(status(&inv, &part, today), InvoiceStatus::PartiallyPaid);
}

// ---------------------------------------------------------------- due date

#[test]
fn due_date_adds_terms_across_month_end_and_leap_day() {
    assert_eq!(due_date(d(2026, 3, 2), 30), d(2026, 4, 1));
    assert_eq!(due_date(d(2026, 1, 31), 30), d(2026, 3, 2));
    assert_eq!(due_date(d(2028, 1, 30), 30), d(2028, 2, 29));
    assert_eq!(due_date(d(2026, 12, 15), 90), d(2027, 3, 15));
    assert_eq!(due_date(d(2026, 3, 2), 0), d(2026, 3, 2));
    assert_eq!(due_date(NaiveDate::MAX, 1), NaiveDate::MAX);
}

// ---------------------------------------------------------------- editing and issuing

#[test]
fn only_drafts_are_editable() {
    assert_eq!(ensure_editable(&draft()), Ok(()));
    let err = ensure_editable(&issued()).expect_err("issued");
    assert_eq!(
        err,
        LifecycleError::NotEditable {
            number: "F2026-0001".into()
        }
    );
    assert!(err.to_string().contains("credit note"));
}

#[test]
fn valid_draft_passes() {
    assert_eq!(validate_draft(&draft(), &client()), Ok(()));
}

#[test]
fn validate_draft_lists_every_problem() {
    let mut inv = draft();
    inv.lines.clear();
    inv.due_date = d(2026, 3, 1);
    inv.client_id = "other".into();
    let mut c = client();
    c.po_required = true;
    let problems = validate_draft(&inv, &c).expect_err("invalid");
    assert_eq!(
        problems,
        [
            DraftProblem::ClientMismatch,
            DraftProblem::NoLines,
            DraftProblem::PoMissing,
            DraftProblem::DueBeforeIssue {
                issue: d(2026, 3, 2),
                due: d(2026, 3, 1)
            },
        ]
    );
    // A PO of blanks is no PO.
    let mut inv = draft();
    inv.po_number = "  ".into();
    assert_eq!(validate_draft(&inv, &c), Err(vec![DraftProblem::PoMissing]));
    inv.po_number = "PO-77".into();
    assert_eq!(validate_draft(&inv, &c), Ok(()));
}

#[test]
fn validate_draft_checks_lines_currency_and_amounts() {
    let mut inv = draft();
    inv.lines.push(line(" ", "1", "10"));
    assert_eq!(
        validate_draft(&inv, &client()),
        Err(vec![DraftProblem::LineWithoutDescription { line: 2 }])
    );
    let mut inv = draft();
    inv.currency = "XXQ".into();
    assert_eq!(
        validate_draft(&inv, &client()),
        Err(vec![DraftProblem::UnknownCurrency("XXQ".into())])
    );
    let mut inv = draft();
    inv.lines = vec![line("Abono", "1", "-10")];
    assert!(matches!(
        validate_draft(&inv, &client()).as_ref().map_err(Vec::as_slice),
        Err([DraftProblem::NegativeTotal(_)] | [DraftProblem::Amounts(_)])
    ));
    let mut inv = draft();
    inv.lines[0].discount_pct = dec("150");
    assert!(matches!(
        validate_draft(&inv, &client()).as_ref().map_err(Vec::as_slice),
        Err([DraftProblem::Amounts(_)])
    ));
}

#[test]
fn issuing_numbers_the_draft_and_advances_the_series() {
    let s = series(DocKind::Invoice, "s-f");
    let (inv, s1) = issue_invoice(&draft(), &client(), &s, now()).expect("issued");
    assert_eq!(inv.number.as_deref(), Some("F2026-0001"));
    assert_eq!(inv.updated_at, now());
    assert_eq!(inv.lines, draft().lines);
    assert_eq!(s1.last.get(&2026), Some(&1));

    let mut second = draft();
    second.id = "i2".into();
    let (inv2, s2) = issue_invoice(&second, &client(), &s1, now()).expect("issued");
    assert_eq!(inv2.number.as_deref(), Some("F2026-0002"));
    assert_eq!(s2.last.get(&2026), Some(&2));

    assert_eq!(
        issue_invoice(&inv, &client(), &s2, now()),
        Err(LifecycleError::AlreadyIssued {
            number: "F2026-0001".into()
        })
    );
}

#[test]
fn issuing_refuses_missing_po_and_invalid_drafts() {
    let s = series(DocKind::Invoice, "s-f");
    let mut c = client();
    c.po_required = true;
    assert_eq!(
        issue_invoice(&draft(), &c, &s, now()),
        Err(LifecycleError::InvalidDraft(vec![DraftProblem::PoMissing]))
    );
    let mut empty = draft();
    empty.lines.clear();
    let err = issue_invoice(&empty, &client(), &s, now()).expect_err("invalid");
    assert_eq!(err, LifecycleError::InvalidDraft(vec![DraftProblem::NoLines]));
    assert_eq!(
        err.to_string(),
        "the draft cannot be issued: the invoice has no lines"
    );
}

#[test]
fn issuing_refuses_the_wrong_series() {
    let quotes = series(DocKind::Quote, "s-f");
    assert_eq!(
        issue_invoice(&draft(), &client(), &quotes, now()),
        Err(LifecycleError::WrongSeriesKind {
            expected: DocKind::Invoice,
            found: DocKind::Quote
        })
    );
    let other = series(DocKind::Invoice, "s-other");
    assert!(matches!(
        issue_invoice(&draft(), &client(), &other, now()),
        Err(LifecycleError::WrongSeries { .. })
    ));
}

// ---------------------------------------------------------------- sending, receipt, disputes

#[test]
fn sending_needs_an_issued_live_invoice() {
    assert_eq!(
        mark_sent(&draft(), sending(d(2026, 3, 2)), now()),
        Err(LifecycleError::NotIssued)
    );
    let mut cancelled = issued();
    cancelled.cancelled_by = Some("cn".into());
    assert_eq!(
        mark_sent(&cancelled, sending(d(2026, 3, 2)), now()),
        Err(LifecycleError::Cancelled)
    );
    assert!(matches!(
        mark_sent(&issued(), sending(d(2026, 3, 1)), now()),
        Err(LifecycleError::TooEarly { .. })
    ));

    let sent = mark_sent(&issued(), sending(d(2026, 3, 2)), now()).expect("sent");
    assert_eq!(sent.sent, Some(sending(d(2026, 3, 2))));
    assert_eq!(sent.updated_at, now());
    // Re-sending replaces the record and keeps a confirmed receipt.
    let confirmed = confirm_receipt(&sent, receipt(d(2026, 3, 3)), now()).expect("receipt");
    let resent = mark_sent(&confirmed, sending(d(2026, 3, 9)), now()).expect("resent");
    assert_eq!(resent.sent, Some(sending(d(2026, 3, 9))));
    assert_eq!(resent.receipt, Some(receipt(d(2026, 3, 3))));
}

#[test]
fn receipt_must_follow_a_sending() {
    assert_eq!(
        confirm_receipt(&issued(), receipt(d(2026, 3, 3)), now()),
        Err(LifecycleError::NotSent)
    );
    assert_eq!(
        confirm_receipt(&draft(), receipt(d(2026, 3, 3)), now()),
        Err(LifecycleError::NotIssued)
    );
    let sent = mark_sent(&issued(), sending(d(2026, 3, 4)), t0()).expect("sent");
    assert_eq!(
        confirm_receipt(&sent, receipt(d(2026, 3, 3)), now()),
        Err(LifecycleError::TooEarly {
            event: "receipt",
            date: d(2026, 3, 3),
            reference: "sending date",
            earliest: d(2026, 3, 4)
        })
    );
    // Same day as sending is fine.
    let ok = confirm_receipt(&sent, receipt(d(2026, 3, 4)), now()).expect("receipt");
    assert_eq!(ok.receipt, Some(receipt(d(2026, 3, 4))));
    assert_eq!(ok.updated_at, now());
    let mut cancelled = sent;
    cancelled.cancelled_by = Some("cn".into());
    assert_eq!(
        confirm_receipt(&cancelled, receipt(d(2026, 3, 4)), now()),
        Err(LifecycleError::Cancelled)
    );
}

#[test]
fn disputes_open_once_and_resolve_in_order() {
    assert_eq!(
        open_dispute(&draft(), d(2026, 3, 5), "wrong rate", now()),
        Err(LifecycleError::NotIssued)
    );
    assert_eq!(
        open_dispute(&issued(), d(2026, 3, 5), "  ", now()),
        Err(LifecycleError::EmptyReason)
    );
    assert!(matches!(
        open_dispute(&issued(), d(2026, 3, 1), "wrong rate", now()),
        Err(LifecycleError::TooEarly { .. })
    ));
    assert_eq!(
        resolve_dispute(&issued(), d(2026, 3, 5), now()),
        Err(LifecycleError::NoOpenDispute)
    );

    let open = open_dispute(&issued(), d(2026, 3, 5), " wrong rate ", now()).expect("open");
    assert_eq!(
        current_dispute(&open),
        Some(&Dispute {
            opened: d(2026, 3, 5),
            reason: "wrong rate".into(),
            resolved: None
        })
    );
    assert_eq!(open.updated_at, now());
    assert_eq!(
        open_dispute(&open, d(2026, 3, 6), "again", now()),
        Err(LifecycleError::DisputeAlreadyOpen)
    );
    assert!(matches!(
        resolve_dispute(&open, d(2026, 3, 4), now()),
        Err(LifecycleError::TooEarly { .. })
    ));
    let resolved = resolve_dispute(&open, d(2026, 3, 10), now()).expect("resolved");
    assert_eq!(current_dispute(&resolved), None);
    assert_eq!(resolved.disputes[0].resolved, Some(d(2026, 3, 10)));
    assert_eq!(
        resolve_dispute(&resolved, d(2026, 3, 11), now()),
        Err(LifecycleError::NoOpenDispute)
    );
    // A new dispute cannot start before the previous one ended.
    assert!(matches!(
        open_dispute(&resolved, d(2026, 3, 9), "late", now()),
        Err(LifecycleError::TooEarly { .. })
    ));
    let again = open_dispute(&resolved, d(2026, 3, 10), "late", now()).expect("reopen");
    assert_eq!(again.disputes.len(), 2);
    assert!(current_dispute(&again).is_some());
}

// ---------------------------------------------------------------- balance

fn balance_of(inv: &Invoice, payments: &[Payment], notes: &[CreditNote]) -> Balance {
    let p: Vec<&Payment> = payments.iter().collect();
    let c: Vec<&CreditNote> = notes.iter().collect();
    balance(inv, &p, &c).expect("balance")
}

#[test]
fn balance_unpaid_partial_paid_and_overpaid() {
    let inv = issued();
    let b = balance_of(&inv, &[], &[]);
    assert_eq!(
        (b.total, b.paid, b.owed, b.overpaid),
        (dec("121.00"), dec("0"), dec("121"), dec("0"))
    );

    let b = balance_of(
        &inv,
        &[payment(d(2026, 3, 10), "50"), payment(d(2026, 3, 20), "21.50")],
        &[],
    );
    assert_eq!(
        (b.paid, b.owed, b.overpaid),
        (dec("71.50"), dec("49.50"), dec("0"))
    );
    assert_eq!(status(&inv, &b, d(2026, 3, 25)), InvoiceStatus::PartiallyPaid);

    let b = balance_of(&inv, &[payment(d(2026, 3, 10), "121")], &[]);
    assert_eq!((b.owed, b.overpaid), (dec("0"), dec("0")));
    assert_eq!(status(&inv, &b, d(2026, 9, 1)), InvoiceStatus::Paid);

    let b = balance_of(
        &inv,
        &[payment(d(2026, 3, 10), "100"), payment(d(2026, 3, 11), "30")],
        &[],
    );
    assert_eq!((b.owed, b.overpaid), (dec("0"), dec("9")));
    assert_eq!(status(&inv, &b, d(2026, 9, 1)), InvoiceStatus::Paid);
}

fn with_early_terms() -> Invoice {
    Invoice {
        early_payment: Some(EarlyPaymentTerms {
            discount_pct: dec("3"),
            within_days: 10,
        }),
        ..issued()
    }
}

#[test]
fn early_discount_when_paid_in_time() {
    let inv = with_early_terms();
    let totals = tax::invoice_totals(&inv).expect("totals");
    let offer = tax::early_payment_offer(&inv, &totals)
        .expect("offer")
        .expect("has terms");
    assert!(offer.saving > Decimal::ZERO);
    let amount = offer.amount.to_string();

    // Paid the discounted amount on the deadline itself: settled.
    let b = balance_of(&inv, &[payment(offer.deadline, &amount)], &[]);
    assert_eq!(b.early_discount, offer.saving);
    assert_eq!((b.owed, b.overpaid), (Decimal::ZERO, Decimal::ZERO));
    assert_eq!(status(&inv, &b, d(2026, 9, 1)), InvoiceStatus::Paid);

    // In two instalments, both in time.
    let half = (offer.amount / Decimal::TWO).round_dp(2);
    let rest = offer.amount - half;
    let b = balance_of(
        &inv,
        &[
            payment(inv.issue_date, &half.to_string()),
            payment(offer.deadline, &rest.to_string()),
        ],
        &[],
    );
    assert_eq!(b.early_discount, offer.saving);
    assert_eq!(b.owed, Decimal::ZERO);

    // Paying the full total in time: the saving is overpaid.
    let b = balance_of(&inv, &[payment(inv.issue_date, "121")], &[]);
    assert_eq!(b.overpaid, offer.saving);
}

#[test]
fn no_early_discount_when_late_or_short() {
    let inv = with_early_terms();
    let totals = tax::invoice_totals(&inv).expect("totals");
    let offer = tax::early_payment_offer(&inv, &totals)
        .expect("offer")
        .expect("has terms");
    let amount = offer.amount.to_string();
    let late = offer.deadline.succ_opt().expect("date");

    let b = balance_of(&inv, &[payment(late, &amount)], &[]);
    assert_eq!(b.early_discount, Decimal::ZERO);
    assert_eq!(b.owed, offer.saving);
    assert_eq!(status(&inv, &b, late), InvoiceStatus::PartiallyPaid);

    // In time, but one cent short: no discount.
    let short = (offer.amount - dec("0.01")).to_string();
    let b = balance_of(&inv, &[payment(offer.deadline, &short)], &[]);
    assert_eq!(b.early_discount, Decimal::ZERO);
    assert_eq!(b.owed, offer.saving + dec("0.01"));

    // Part in time, the rest late: no discount.
    let b = balance_of(
        &inv,
        &[
            payment(offer.deadline, "60"),
            payment(late, &(offer.amount - dec("60")).to_string()),
        ],
        &[],
    );
    assert_eq!(b.early_discount, Decimal::ZERO);
    assert_eq!(b.owed, offer.saving);
}

fn numbered_note(lines: Vec<Line>, number: Option<&str>) -> CreditNote {
    CreditNote {
        id: format!("cn-{number:?}"),
        series_id: "s-r".into(),
        number: number.map(Into::into),
        invoice_id: "i1".into(),
        client_id: "c1".into(),
        issue_date: d(2026, 3, 10),
        reason: "price error".into(),
        currency: "EUR".into(),
        lines,
        withholding_pct: Decimal::ZERO,
        invoice_discount_pct: Decimal::ZERO,
        full_cancellation: false,
        updated_at: t0(),
    }
}

#[test]
fn credit_notes_reduce_what_is_owed_and_drafts_do_not_count() {
    let inv = issued();
    // 20 + 21 % = 24.20 credited.
    let partial = numbered_note(vec![line("Ajuste", "1", "20")], Some("R2026-0001"));
    let b = balance_of(&inv, &[], std::slice::from_ref(&partial));
    assert_eq!((b.credited, b.owed), (dec("24.20"), dec("96.80")));

    let b = balance_of(
        &inv,
        &[payment(d(2026, 3, 20), "96.80")],
        std::slice::from_ref(&partial),
    );
    assert_eq!((b.owed, b.overpaid), (dec("0"), dec("0")));
    assert_eq!(status(&inv, &b, d(2026, 9, 1)), InvoiceStatus::Paid);

    let draft_note = numbered_note(vec![line("Ajuste", "1", "20")], None);
    let b = balance_of(&inv, &[], &[draft_note]);
    assert_eq!((b.credited, b.owed), (dec("0"), dec("121")));

    // Fully credited: cancelled, nothing owed, and a payment made becomes overpaid.
    let full = numbered_note(inv.lines.clone(), Some("R2026-0002"));
    let b = balance_of(&inv, &[payment(d(2026, 3, 5), "10")], &[full]);
    assert_eq!((b.owed, b.overpaid), (dec("0"), dec("10")));
    assert_eq!(status(&inv, &b, d(2026, 9, 1)), InvoiceStatus::Cancelled);
}

#[test]
fn early_discount_after_a_partial_credit_is_proportional() {
    let inv = with_early_terms();
    let totals = tax::invoice_totals(&inv).expect("totals");
    let offer = tax::early_payment_offer(&inv, &totals)
        .expect("offer")
        .expect("has terms");
    // Half the invoice credited (60.50): half the saving, rounded to cents.
    let half = numbered_note(vec![line("Ajuste", "1", "50")], Some("R2026-0001"));
    let saving = (offer.saving / Decimal::TWO).round_dp_with_strategy(2, cobro_core::money::ROUNDING);
    let to_pay = dec("60.50") - saving;
    let b = balance_of(&inv, &[payment(offer.deadline, &to_pay.to_string())], &[half]);
    assert_eq!(b.early_discount, saving);
    assert_eq!(b.owed, Decimal::ZERO);
}

fn in_currency(currency: &str, price: &str, vat: &str) -> Invoice {
    let mut inv = with_early_terms();
    inv.currency = currency.into();
    inv.lines = vec![Line {
        vat: VatRate::Rate(dec(vat)),
        ..line("Servicio", "1", price)
    }];
    inv
}

fn note_in(currency: &str, price: &str, vat: &str) -> CreditNote {
    let mut cn = numbered_note(
        vec![Line {
            vat: VatRate::Rate(dec(vat)),
            ..line("Ajuste", "1", price)
        }],
        Some("R2026-0001"),
    );
    cn.currency = currency.into();
    cn
}

#[test]
fn early_discount_in_a_zero_decimal_currency() {
    // 1001 JPY + 21 % (210.21 → 210) = 1211; 3 % off → 1174.67 → 1175, saving 36.
    let inv = in_currency("JPY", "1001", "21");
    let deadline = d(2026, 3, 12);
    let b = balance_of(&inv, &[payment(deadline, "1175")], &[]);
    assert_eq!(
        (b.total, b.early_discount, b.owed),
        (dec("1211"), dec("36"), dec("0"))
    );
    // 500 + 105 credited: 606 left, saving 36 × 606 / 1211 = 18.01 → 18, so 588 settles it.
    let credit = note_in("JPY", "500", "21");
    let b = balance_of(&inv, &[payment(deadline, "588")], std::slice::from_ref(&credit));
    assert_eq!(
        (b.credited, b.early_discount, b.owed),
        (dec("605"), dec("18"), dec("0"))
    );
    let b = balance_of(&inv, &[payment(deadline, "587")], &[credit]);
    assert_eq!((b.early_discount, b.owed), (dec("0"), dec("19")));
}

#[test]
fn early_discount_in_a_three_decimal_currency() {
    // 10.005 KWD at 0 %; 3 % off → 9.70485 → 9.705, saving 0.300.
    let inv = in_currency("KWD", "10.005", "0");
    let deadline = d(2026, 3, 12);
    let b = balance_of(&inv, &[payment(deadline, "9.705")], &[]);
    assert_eq!((b.early_discount, b.owed), (dec("0.300"), dec("0")));
    // 5.000 credited: saving 0.3 × 5.005 / 10.005 = 0.150075 → 0.150; 4.855 settles it.
    let credit = note_in("KWD", "5", "0");
    let b = balance_of(&inv, &[payment(deadline, "4.855")], std::slice::from_ref(&credit));
    assert_eq!(
        (b.early_discount, b.owed, b.overpaid),
        (dec("0.150"), dec("0"), dec("0"))
    );
    // A day late: the whole rest is owed.
    let b = balance_of(&inv, &[payment(d(2026, 3, 13), "4.855")], &[credit]);
    assert_eq!((b.early_discount, b.owed), (dec("0"), dec("0.150")));
}

// ---------------------------------------------------------------- credit notes

fn credit(scope: CreditScope) -> CreditRequest {
    CreditRequest {
        scope,
        reason: "wrong price".into(),
        date: d(2026, 3, 10),
    }
}

#[test]
fn full_credit_note_cancels_the_invoice() {
    let s = series(DocKind::CreditNote, "s-r");
    let mut id = ids();
    let (note, s1, inv) = credit_note_for(
        &issued(),
        &[],
        &client(),
        credit(CreditScope::Full),
        &s,
        &mut id,
        now(),
    )
    .expect("credited");
    assert_eq!(note.number.as_deref(), Some("R2026-0001"));
    assert_eq!(note.id, "new-1");
    assert_eq!(note.series_id, "s-r");
    assert_eq!((note.invoice_id.as_str(), note.client_id.as_str()), ("i1", "c1"));
    assert_eq!(note.lines, issued().lines);
    assert!(note.full_cancellation);
    assert_eq!(note.issue_date, d(2026, 3, 10));
    assert_eq!(s1.last.get(&2026), Some(&1));
    assert_eq!(inv.cancelled_by.as_deref(), Some("new-1"));
    assert_eq!(inv.updated_at, now());
    assert_eq!(
        tax::credit_note_totals(&note).expect("totals").total,
        dec("121.00")
    );

    // Once cancelled, nothing more happens to it.
    assert_eq!(
        credit_note_for(
            &inv,
            &[&note],
            &client(),
            credit(CreditScope::Full),
            &s1,
            &mut id,
            now()
        ),
        Err(LifecycleError::Cancelled)
    );
    let b = balance(&inv, &[], &[&note]).expect("balance");
    assert_eq!(status(&inv, &b, d(2026, 9, 1)), InvoiceStatus::Cancelled);
}

#[test]
fn partial_credit_cannot_exceed_what_remains() {
    let s = series(DocKind::CreditNote, "s-r");
    let mut id = ids();
    let inv = issued();
    let part = CreditScope::Lines(vec![line("Ajuste", "1", "60")]); // 72.60
    let (first, s1, same) =
        credit_note_for(&inv, &[], &client(), credit(part.clone()), &s, &mut id, now()).expect("credited");
    assert!(!first.full_cancellation);
    assert_eq!(same, inv, "a partial credit leaves the invoice as it was");
    // 72.60 + 72.60 > 121: refused, with what is left in the message.
    let err =
        credit_note_for(&inv, &[&first], &client(), credit(part), &s1, &mut id, now()).expect_err("too much");
    assert_eq!(
        err,
        LifecycleError::CreditExceedsRemaining {
            requested: dec("72.60"),
            remaining: dec("48.40"),
            currency: "EUR".into()
        }
    );
    // A full credit after a partial one would credit too much as well.
    assert!(matches!(
        credit_note_for(
            &inv,
            &[&first],
            &client(),
            credit(CreditScope::Full),
            &s1,
            &mut id,
            now()
        ),
        Err(LifecycleError::CreditExceedsRemaining { .. })
    ));
    // Exactly the rest is fine, and numbered next.
    let rest = CreditScope::Lines(vec![line("Resto", "1", "40")]); // 48.40
    let (second, _, _) =
        credit_note_for(&inv, &[&first], &client(), credit(rest), &s1, &mut id, now()).expect("rest");
    assert_eq!(second.number.as_deref(), Some("R2026-0002"));
}

#[test]
fn credit_note_refusals() {
    let s = series(DocKind::CreditNote, "s-r");
    let mut id = ids();
    let full = || credit(CreditScope::Full);
    assert_eq!(
        credit_note_for(&draft(), &[], &client(), full(), &s, &mut id, now()),
        Err(LifecycleError::NotIssued)
    );
    let mut other = client();
    other.id = "c2".into();
    assert_eq!(
        credit_note_for(&issued(), &[], &other, full(), &s, &mut id, now()),
        Err(LifecycleError::ClientMismatch)
    );
    let invoices = series(DocKind::Invoice, "s-f");
    assert_eq!(
        credit_note_for(&issued(), &[], &client(), full(), &invoices, &mut id, now()),
        Err(LifecycleError::WrongSeriesKind {
            expected: DocKind::CreditNote,
            found: DocKind::Invoice
        })
    );
    let mut no_reason = full();
    no_reason.reason = " ".into();
    assert_eq!(
        credit_note_for(&issued(), &[], &client(), no_reason, &s, &mut id, now()),
        Err(LifecycleError::EmptyReason)
    );
    let mut early = full();
    early.date = d(2026, 3, 1);
    assert!(matches!(
        credit_note_for(&issued(), &[], &client(), early, &s, &mut id, now()),
        Err(LifecycleError::TooEarly { .. })
    ));
    assert_eq!(
        credit_note_for(
            &issued(),
            &[],
            &client(),
            credit(CreditScope::Lines(vec![])),
            &s,
            &mut id,
            now()
        ),
        Err(LifecycleError::NoLines)
    );
    let zero = CreditScope::Lines(vec![line("Nada", "0", "10")]);
    assert!(matches!(
        credit_note_for(&issued(), &[], &client(), credit(zero), &s, &mut id, now()),
        Err(LifecycleError::NothingToCredit { .. })
    ));
}

// ---------------------------------------------------------------- quotes

fn quote() -> Quote {
    Quote {
        id: "q1".into(),
        series_id: "s-p".into(),
        number: None,
        client_id: "c1".into(),
        po_number: "PO-9".into(),
        issue_date: d(2026, 2, 20),
        valid_until: Some(d(2026, 3, 20)),
        currency: "EUR".into(),
        lines: vec![line("Diseño web", "2", "50")],
        withholding_pct: dec("15"),
        invoice_discount_pct: dec("5"),
        notes: "Incluye dos revisiones".into(),
        payment_method_ids: Vec::new(),
        early_payment: None,
        state: QuoteState::Draft,
        invoice_id: None,
        updated_at: t0(),
    }
}

fn sent_quote() -> Quote {
    let (q, _) =
        mark_quote_sent(&quote(), &series(DocKind::Quote, "s-p"), d(2026, 2, 21), t0()).expect("sent");
    q
}

#[test]
fn sending_a_quote_numbers_it_in_its_own_series() {
    let s = series(DocKind::Quote, "s-p");
    let (q, s1) = mark_quote_sent(&quote(), &s, d(2026, 2, 21), now()).expect("sent");
    assert_eq!(q.number.as_deref(), Some("P2026-0001"));
    assert_eq!(q.state, QuoteState::Sent { date: d(2026, 2, 21) });
    assert_eq!(q.updated_at, now());
    assert_eq!(s1.last.get(&2026), Some(&1));
    // Re-sending keeps the number and does not use another.
    let (again, s2) = mark_quote_sent(&q, &s1, d(2026, 2, 25), now()).expect("resent");
    assert_eq!(again.number.as_deref(), Some("P2026-0001"));
    assert_eq!(again.state, QuoteState::Sent { date: d(2026, 2, 25) });
    assert_eq!(s2, s1);
}

#[test]
fn quote_sending_refusals() {
    let s = series(DocKind::Quote, "s-p");
    let mut empty = quote();
    empty.lines.clear();
    assert_eq!(
        mark_quote_sent(&empty, &s, d(2026, 2, 21), now()),
        Err(LifecycleError::NoLines)
    );
    assert!(matches!(
        mark_quote_sent(&quote(), &s, d(2026, 2, 19), now()),
        Err(LifecycleError::TooEarly { .. })
    ));
    let invoices = series(DocKind::Invoice, "s-p");
    assert!(matches!(
        mark_quote_sent(&quote(), &invoices, d(2026, 2, 21), now()),
        Err(LifecycleError::WrongSeriesKind { .. })
    ));
    let accepted = accept_quote(&sent_quote(), d(2026, 2, 22), now()).expect("accepted");
    assert_eq!(
        mark_quote_sent(&accepted, &s, d(2026, 2, 23), now()),
        Err(LifecycleError::QuoteTransition {
            action: "send",
            state: "accepted"
        })
    );
    let rejected = reject_quote(&sent_quote(), d(2026, 2, 22), now()).expect("rejected");
    assert!(matches!(
        mark_quote_sent(&rejected, &s, d(2026, 2, 23), now()),
        Err(LifecycleError::QuoteTransition { .. })
    ));
}

#[test]
fn issue_quote_number_only_once() {
    let s = series(DocKind::Quote, "s-p");
    let (q, s1) = issue_quote_number(&quote(), &s, now()).expect("numbered");
    assert_eq!(q.number.as_deref(), Some("P2026-0001"));
    assert_eq!(q.state, QuoteState::Draft);
    assert_eq!(
        issue_quote_number(&q, &s1, now()),
        Err(LifecycleError::QuoteAlreadyNumbered {
            number: "P2026-0001".into()
        })
    );
}

#[test]
fn quotes_are_answered_only_once_sent() {
    let draft_quote = quote();
    assert_eq!(
        accept_quote(&draft_quote, d(2026, 2, 22), now()),
        Err(LifecycleError::QuoteTransition {
            action: "accept",
            state: "still a draft"
        })
    );
    assert!(matches!(
        reject_quote(&draft_quote, d(2026, 2, 22), now()),
        Err(LifecycleError::QuoteTransition { .. })
    ));
    // Not before it was sent (2026-02-21); the same day is fine.
    assert!(matches!(
        accept_quote(&sent_quote(), d(2026, 2, 20), now()),
        Err(LifecycleError::TooEarly { .. })
    ));
    let accepted = accept_quote(&sent_quote(), d(2026, 2, 21), now()).expect("accepted");
    assert_eq!(accepted.state, QuoteState::Accepted { date: d(2026, 2, 21) });
    assert_eq!(accepted.updated_at, now());
    assert!(matches!(
        accept_quote(&accepted, d(2026, 2, 22), now()),
        Err(LifecycleError::QuoteTransition { .. })
    ));
    assert!(matches!(
        reject_quote(&accepted, d(2026, 2, 22), now()),
        Err(LifecycleError::QuoteTransition { .. })
    ));
    let rejected = reject_quote(&sent_quote(), d(2026, 2, 22), now()).expect("rejected");
    assert_eq!(rejected.state, QuoteState::Rejected { date: d(2026, 2, 22) });
    assert!(matches!(
        accept_quote(&rejected, d(2026, 2, 23), now()),
        Err(LifecycleError::QuoteTransition { .. })
    ));
    assert!(matches!(
        reject_quote(&rejected, d(2026, 2, 23), now()),
        Err(LifecycleError::QuoteTransition { .. })
    ));
}

#[test]
fn a_quote_carries_its_own_payment_methods_and_early_payment_offer_to_the_invoice() {
    let terms = EarlyPaymentTerms {
        discount_pct: dec("3"),
        within_days: 10,
    };
    let q = Quote {
        payment_method_ids: vec!["pm-card".into()],
        early_payment: Some(terms.clone()),
        ..accept_quote(&sent_quote(), d(2026, 2, 22), t0()).expect("accepted")
    };
    let mut id = ids();
    let (inv, _) =
        quote_to_invoice_draft(&q, &client(), "s-f", d(2026, 3, 2), &mut id, now()).expect("invoiced");
    assert_eq!(inv.payment_method_ids, ["pm-card"]);
    assert_eq!(inv.early_payment, Some(terms));
    assert_eq!(inv.po_number, "PO-9");
    assert_eq!(inv.notes, "Incluye dos revisiones");
}

#[test]
fn accepted_quote_becomes_an_invoice_draft_once() {
    let accepted = accept_quote(&sent_quote(), d(2026, 2, 22), t0()).expect("accepted");
    let mut id = ids();
    let (inv, linked) =
        quote_to_invoice_draft(&accepted, &client(), "s-f", d(2026, 3, 2), &mut id, now()).expect("invoiced");
    assert_eq!(inv.id, "new-1");
    assert_eq!(inv.number, None);
    assert_eq!(inv.series_id, "s-f");
    assert_eq!(inv.client_id, "c1");
    assert_eq!(inv.po_number, "PO-9");
    assert_eq!(inv.currency, "EUR");
    assert_eq!(inv.lines, accepted.lines);
    assert_eq!(inv.withholding_pct, dec("15"));
    assert_eq!(inv.invoice_discount_pct, dec("5"));
    assert_eq!(inv.issue_date, d(2026, 3, 2));
    assert_eq!(inv.due_date, d(2026, 4, 1));
    assert_eq!(inv.quote_id.as_deref(), Some("q1"));
    assert_eq!(inv.payment_method_ids, ["pm-bank"]);
    assert_eq!(inv.notes, "Incluye dos revisiones");
    assert_eq!(inv.updated_at, now());
    assert!(inv.sent.is_none() && inv.receipt.is_none() && inv.disputes.is_empty());
    assert_eq!(linked.invoice_id.as_deref(), Some("new-1"));
    assert_eq!(linked.updated_at, now());
    assert_eq!(ensure_editable(&inv), Ok(()));

    assert_eq!(
        quote_to_invoice_draft(&linked, &client(), "s-f", d(2026, 3, 2), &mut id, now()),
        Err(LifecycleError::QuoteAlreadyInvoiced)
    );
}

#[test]
fn only_accepted_quotes_of_the_same_client_become_invoices() {
    let mut id = ids();
    for q in [
        quote(),
        sent_quote(),
        reject_quote(&sent_quote(), d(2026, 2, 22), t0()).expect("rejected"),
    ] {
        assert!(matches!(
            quote_to_invoice_draft(&q, &client(), "s-f", d(2026, 3, 2), &mut id, now()),
            Err(LifecycleError::QuoteTransition {
                action: "invoice",
                ..
            })
        ));
    }
    let accepted = accept_quote(&sent_quote(), d(2026, 2, 22), t0()).expect("accepted");
    let mut other = client();
    other.id = "c2".into();
    assert_eq!(
        quote_to_invoice_draft(&accepted, &other, "s-f", d(2026, 3, 2), &mut id, now()),
        Err(LifecycleError::ClientMismatch)
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn cents() -> impl Strategy<Value = Decimal> {
        (0i64..50_000).prop_map(|c| Decimal::new(c, 2))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever the facts, the derived state never contradicts them: overdue
        /// only after the due date with money owed, paid only with nothing owed,
        /// draft exactly when there is no number.
        #[test]
        fn status_never_contradicts_the_facts(
            numbered in any::<bool>(),
            total in cents(),
            credited in cents(),
            paid in cents(),
            sent in any::<bool>(),
            disputed in any::<bool>(),
            day in 0u64..120,
        ) {
            let mut inv = if numbered { issued() } else { draft() };
            if sent {
                inv.sent = Some(sending(inv.issue_date));
            }
            if disputed {
                inv.disputes.push(Dispute { opened: inv.issue_date, reason: "x".into(), resolved: None });
            }
            let due = (total - credited).max(Decimal::ZERO);
            let b = Balance {
                total,
                credited,
                paid,
                early_discount: Decimal::ZERO,
                owed: (due - paid).max(Decimal::ZERO),
                overpaid: (paid - due).max(Decimal::ZERO),
            };
            let today = inv.issue_date + chrono::Days::new(day);
            let s = status(&inv, &b, today);
            prop_assert_eq!(s == InvoiceStatus::Draft, !numbered);
            if s == InvoiceStatus::Overdue {
                prop_assert!(today > inv.due_date && b.owed > Decimal::ZERO && !disputed);
            }
            if s == InvoiceStatus::Paid {
                prop_assert!(b.owed.is_zero());
            }
            if numbered && b.owed > Decimal::ZERO && today > inv.due_date && !disputed
                && !(credited > Decimal::ZERO && credited >= total)
            {
                prop_assert_eq!(s, InvoiceStatus::Overdue);
            }
        }
    }
}

#[test]
fn balances_print_as_money_whatever_is_owed() {
    // The amounts keep the currency's scale: paid in full owes 0.00, not 0, and an
    // overpayment leaves 0.00 owed (what the screens and the backup show).
    let inv = issued();
    let exact = payment(d(2026, 3, 10), "121.00");
    let b = balance(&inv, &[&exact], &[]).expect("balance");
    assert_eq!(
        (b.owed.to_string(), b.overpaid.to_string()),
        ("0.00".into(), "0.00".into())
    );
    let more = payment(d(2026, 3, 10), "130.00");
    let b = balance(&inv, &[&more], &[]).expect("balance");
    assert_eq!(
        (b.owed.to_string(), b.overpaid.to_string()),
        ("0".into(), "9.00".into())
    );
    let b = balance(&inv, &[], &[]).expect("balance");
    assert_eq!(
        (b.owed.to_string(), b.paid.to_string()),
        ("121.00".into(), "0".into())
    );
}
