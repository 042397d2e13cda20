//! Daily agenda rules: one card per invoice with its current step (the most advanced due, the
//! earlier ones superseded), nothing owed out of sight (send it, dispute review, re-contact),
//! closing facts, snoozing the invoice, the worth ranking across currencies, and what a card
//! shows and offers.

use chrono::{DateTime, NaiveDate, Utc};
use cobro_core::agenda::{self, Agenda, DoneWith, LastKind};
use cobro_core::follow_up;
use cobro_core::ledger::Ledger;
use cobro_core::priority;
use cobro_core::schedule;
use cobro_core::{
    Address, BusinessProfile, Channel, Client, CollectionPolicy, ContactEntry, CreditNote, Dataset, Dispute,
    FollowUpStep, Invoice, Lang, Line, Outcome, Payment, Sending, StepKind, StepState, VatRate,
};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

fn t0() -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_000_000, 0).expect("stamp")
}

const TODAY: &str = "2026-03-01";

fn client(id: &str, name: &str) -> Client {
    Client {
        id: id.into(),
        legal_name: name.into(),
        tax_id: String::new(),
        address: Address::default(),
        ap_contact_name: format!("AP of {name}"),
        ap_contact_email: format!("ap@{id}.example"),
        ap_contact_phone: "+34 600 000 000".into(),
        billing_instructions: String::new(),
        po_required: false,
        payment_terms_days: 30,
        preferred_payment_method_ids: vec![],
        currency: "EUR".into(),
        language: Lang::Es,
        credit_limit: None,
        notes: String::new(),
        policy_override: None,
        archived: false,
        updated_at: t0(),
    }
}

/// An issued invoice worth exactly `amount` (one line, 0 % VAT, no withholding).
fn invoice(id: &str, number: &str, amount: &str, due: &str) -> Invoice {
    Invoice {
        id: id.into(),
        series_id: "s".into(),
        number: Some(number.into()),
        client_id: "c1".into(),
        po_number: format!("PO-{id}"),
        issue_date: d("2026-01-01"),
        delivery_date: None,
        due_date: d(due),
        currency: "EUR".into(),
        lines: vec![Line {
            item_id: None,
            description: "work".into(),
            quantity: Decimal::ONE,
            unit_price: dec(amount),
            discount_pct: Decimal::ZERO,
            vat: VatRate::Rate(Decimal::ZERO),
        }],
        withholding_pct: Decimal::ZERO,
        invoice_discount_pct: Decimal::ZERO,
        early_payment: None,
        payment_method_ids: vec![],
        notes: String::new(),
        quote_id: None,
        // Sent on its issue date: the policy's part of the follow-up.
        sent: Some(Sending {
            date: d("2026-01-01"),
            channel: Channel::Email,
        }),
        receipt: None,
        disputes: vec![],
        cancelled_by: None,
        updated_at: t0(),
    }
}

fn step(id: &str, invoice_id: &str, kind: StepKind, due: &str) -> FollowUpStep {
    FollowUpStep {
        id: id.into(),
        invoice_id: invoice_id.into(),
        kind,
        due: d(due),
        channel: Channel::Email,
        state: StepState::Open,
        snoozed_from: None,
        updated_at: t0(),
    }
}

fn payment(invoice_id: &str, amount: &str) -> Payment {
    Payment {
        id: format!("pay-{invoice_id}"),
        invoice_id: invoice_id.into(),
        date: d("2026-02-01"),
        amount: dec(amount),
        method_id: None,
        note: String::new(),
        closed_steps: Vec::new(),
        early_discount: None,
        voided: None,
        updated_at: t0(),
    }
}

fn data(invoices: Vec<Invoice>, steps: Vec<FollowUpStep>) -> Dataset {
    Dataset {
        clients: vec![client("c1", "ACME SL")],
        invoices,
        steps,
        ..Dataset::default()
    }
}

fn contact(id: &str, invoice_id: &str, date: &str, outcome: Outcome, note: &str) -> ContactEntry {
    ContactEntry {
        id: id.into(),
        client_id: "c1".into(),
        invoice_id: Some(invoice_id.into()),
        step_id: None,
        date: d(date),
        channel: Channel::Phone,
        who: "Marta".into(),
        outcome,
        note: note.into(),
        updated_at: t0(),
    }
}

fn done(mut s: FollowUpStep, on: &str) -> FollowUpStep {
    s.state = StepState::Done { date: d(on) };
    s
}

/// (invoice id, current kind, its date) of every item of a list.
fn lines(items: &[agenda::Item]) -> Vec<(String, StepKind, NaiveDate)> {
    items
        .iter()
        .filter_map(|i| {
            i.follow_up()
                .map(|f| (f.invoice.id.clone(), f.current.kind, i.due))
        })
        .collect()
}

fn on(ds: &Dataset, today: &str) -> Vec<(String, StepKind, NaiveDate)> {
    lines(&agenda::agenda(&Ledger::new(ds), d(today), 14).due)
}

use StepKind::*;

/// Away for three weeks: the due-day reminder and two reminders of one invoice are due; the
/// agenda has one card, the most advanced, and says which earlier ones it supersedes.
#[test]
fn one_card_per_invoice_shows_the_most_advanced_step_due() {
    let ds = data(
        vec![invoice("a", "F2026-0001", "100", "2026-01-20")],
        vec![
            step("due", "a", DueDay, "2026-01-20"),
            step("r1", "a", Reminder, "2026-01-27"),
            step("r2", "a", Reminder, "2026-02-10"),
            step("letter", "a", FormalLetter, "2026-03-06"),
        ],
    );
    let ledger = Ledger::new(&ds);
    let a = agenda::agenda(&ledger, d(TODAY), 14);
    assert_eq!(lines(&a.due), vec![("a".into(), Reminder, d("2026-02-10"))]);
    let f = a.due[0].follow_up().expect("a follow-up");
    assert_eq!(f.current.step.map(|s| s.id.as_str()), Some("r2"));
    let superseded: Vec<&str> = f.current.supersedes.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(superseded, ["due", "r1"]);
    assert!(
        a.upcoming.is_empty() && a.later.is_empty(),
        "one invoice, one item"
    );
}

/// "Done" settles the current step and records the earlier ones as superseded (a step state,
/// not dropped); the card then moves on to the next step.
#[test]
fn done_settles_the_current_step_and_supersedes_the_earlier_ones() {
    let mut ds = data(
        vec![invoice("a", "F2026-0001", "100", "2026-01-20")],
        vec![
            step("due", "a", DueDay, "2026-01-20"),
            step("r1", "a", Reminder, "2026-01-27"),
            step("r2", "a", Reminder, "2026-02-10"),
            step("letter", "a", FormalLetter, "2026-03-06"),
        ],
    );
    let changed = {
        let ledger = Ledger::new(&ds);
        let a = agenda::agenda(&ledger, d(TODAY), 14);
        let f = a.due[0].follow_up().expect("item");
        schedule::settle(&f.current, f.invoice, d(TODAY), &mut || "new".into(), t0())
    };
    for c in changed {
        let at = ds.steps.iter().position(|s| s.id == c.id).expect("a stored step");
        ds.steps[at] = c;
    }
    let state = |id: &str| ds.steps.iter().find(|s| s.id == id).map(|s| s.state.clone());
    assert_eq!(state("r2"), Some(StepState::Done { date: d(TODAY) }));
    assert_eq!(state("due"), Some(StepState::Superseded));
    assert_eq!(state("r1"), Some(StepState::Superseded));
    assert_eq!(state("letter"), Some(StepState::Open));
    assert!(on(&ds, TODAY).is_empty(), "nothing due: the letter is on 6 March");
    assert_eq!(
        on(&ds, "2026-03-06"),
        vec![("a".into(), FormalLetter, d("2026-03-06"))]
    );
}

/// Snoozing acts on the invoice: nothing of it shows until the chosen day, even a step that
/// falls due meanwhile; on that day the most advanced one shows.
#[test]
fn snooze_puts_the_whole_invoice_off() {
    let mut ds = data(
        vec![invoice("a", "F2026-0001", "100", "2026-02-25")],
        vec![
            step("due", "a", DueDay, "2026-02-25"),
            step("r1", "a", Reminder, "2026-03-04"),
            step("r2", "a", Reminder, "2026-03-18"),
        ],
    );
    let changed = {
        let ledger = Ledger::new(&ds);
        let a = agenda::agenda(&ledger, d(TODAY), 14);
        let f = a.due[0].follow_up().expect("item");
        let facts = cobro_core::collect::facts(&ledger, f.index, d(TODAY)).expect("facts");
        schedule::snooze_invoice(
            &facts,
            &f.current,
            d("2026-03-10"),
            d(TODAY),
            &mut || "new".into(),
            t0(),
        )
        .expect("snoozed")
    };
    assert_eq!(
        changed.len(),
        2,
        "the due-day reminder and the one falling due meanwhile"
    );
    for c in changed {
        let at = ds.steps.iter().position(|s| s.id == c.id).expect("stored");
        ds.steps[at] = c;
    }
    for day in ["2026-03-01", "2026-03-04", "2026-03-09"] {
        assert!(on(&ds, day).is_empty(), "{day}");
    }
    assert_eq!(
        on(&ds, "2026-03-10"),
        vec![("a".into(), Reminder, d("2026-03-10"))]
    );
    let ledger = Ledger::new(&ds);
    let a = agenda::agenda(&ledger, d("2026-03-10"), 14);
    let f = a.due[0].follow_up().expect("item");
    assert_eq!(
        f.current.step.map(|s| s.id.as_str()),
        Some("r1"),
        "planned 4 March, after the due day"
    );
    assert_eq!(f.current.planned, d("2026-03-04"));
    assert!(f.current.snoozed);
    // A date in the past is refused.
    let facts = cobro_core::collect::facts(&ledger, f.index, d(TODAY)).expect("facts");
    assert!(schedule::snooze_invoice(
        &facts,
        &f.current,
        d("2026-03-09"),
        d("2026-03-10"),
        &mut || "x".into(),
        t0()
    )
    .is_err());
}

/// An issued invoice not marked sent is a task: "send it" the day after issue, with no stored
/// step; sending it plans the policy and closes a snoozed "send it".
#[test]
fn an_unsent_invoice_is_a_send_it_step_the_day_after_issue() {
    let mut inv = invoice("a", "F2026-0001", "100", "2026-03-31");
    inv.issue_date = d("2026-02-26");
    inv.sent = None;
    let ds = data(vec![inv.clone()], vec![]);
    assert!(on(&ds, "2026-02-26").is_empty());
    assert_eq!(
        on(&ds, "2026-02-27"),
        vec![("a".into(), SendInvoice, d("2026-02-27"))]
    );
    let ledger = Ledger::new(&ds);
    let a = agenda::agenda(&ledger, d(TODAY), 14);
    let card = agenda::card(&ledger, &BusinessProfile::default(), &a.due[0], 1, d(TODAY), true);
    assert_eq!(card.actions.done, Some(DoneWith::Send));
    // Snoozed, then sent: the snoozed "send it" is done on the day of sending.
    let snoozed = step("send", "a", SendInvoice, "2026-03-03");
    let mut sent = inv.clone();
    sent.sent = Some(Sending {
        date: d("2026-03-02"),
        channel: Channel::Email,
    });
    let mut n = 0;
    let out = schedule::on_sent(
        &[snoozed],
        &sent,
        d("2026-03-02"),
        &CollectionPolicy::default(),
        &mut || {
            n += 1;
            format!("p{n}")
        },
        t0(),
    )
    .expect("planned");
    assert!(out
        .iter()
        .any(|s| s.kind == ReceiptCheck && s.state == StepState::Open));
    assert!(out.iter().any(|s| s.id == "send"
        && s.state
            == StepState::Done {
                date: d("2026-03-02")
            }));
}

/// An open dispute pauses the policy's steps and is reviewed 14 days after it opened, then
/// 14 days after each review; resolving it ends the reviews.
#[test]
fn an_open_dispute_is_reviewed_every_fourteen_days() {
    let mut inv = invoice("a", "F2026-0001", "100", "2026-01-20");
    inv.disputes.push(Dispute {
        opened: d("2026-02-10"),
        reason: "hours".into(),
        resolved: None,
    });
    let mut ds = data(vec![inv], vec![step("r1", "a", Reminder, "2026-01-27")]);
    assert!(
        on(&ds, "2026-02-23").is_empty(),
        "the reminder waits with the dispute"
    );
    assert_eq!(
        on(&ds, "2026-02-24"),
        vec![("a".into(), DisputeReview, d("2026-02-24"))]
    );
    // Reviewed on 26 February: the next one on 12 March.
    ds.steps
        .push(done(step("rev1", "a", DisputeReview, "2026-02-24"), "2026-02-26"));
    assert!(on(&ds, "2026-03-11").is_empty());
    assert_eq!(
        on(&ds, "2026-03-12"),
        vec![("a".into(), DisputeReview, d("2026-03-12"))]
    );
    // Resolved: the paused reminder comes back (moved by on_dispute_resolved in the app).
    ds.invoices[0].disputes[0].resolved = Some(d("2026-03-13"));
    assert_eq!(
        on(&ds, "2026-03-14"),
        vec![("a".into(), Reminder, d("2026-01-27"))]
    );
}

/// After the policy's last step the invoice is contacted again every 30 days (from the last
/// thing done), as long as it is owed.
#[test]
fn after_the_last_step_an_owed_invoice_is_contacted_again_every_thirty_days() {
    let mut inv = invoice("a", "F2025-0009", "100", "2025-10-01");
    inv.issue_date = d("2025-09-01");
    inv.sent = Some(Sending {
        date: d("2025-09-01"),
        channel: Channel::Email,
    });
    let mut ds = data(
        vec![inv],
        vec![done(step("esc", "a", Escalation, "2025-11-30"), "2025-12-02")],
    );
    assert!(on(&ds, "2025-12-31").is_empty());
    assert_eq!(
        on(&ds, "2026-01-01"),
        vec![("a".into(), Recontact, d("2026-01-01"))]
    );
    // Nothing done since: the re-contact stays on the agenda, never drops off.
    assert_eq!(on(&ds, TODAY), vec![("a".into(), Recontact, d("2026-01-01"))]);
    // Done on 5 January: the next one on 4 February.
    ds.steps
        .push(done(step("re1", "a", Recontact, "2026-01-01"), "2026-01-05"));
    assert_eq!(
        on(&ds, "2026-02-04"),
        vec![("a".into(), Recontact, d("2026-02-04"))]
    );
    // A contact logged meanwhile counts as the last thing done.
    ds.contacts
        .push(contact("k", "a", "2026-01-20", Outcome::NoAnswer, ""));
    assert!(on(&ds, "2026-02-04").is_empty());
    assert_eq!(
        on(&ds, "2026-02-19"),
        vec![("a".into(), Recontact, d("2026-02-19"))]
    );
}

/// Written off or handed to legal (closing facts of the contact log, with date and note): the
/// follow-up ends from that day; legal ones are counted apart; reopening resumes it.
#[test]
fn closing_facts_end_the_follow_up_and_reopening_resumes_it() {
    let mut ds = data(
        vec![
            invoice("off", "F2025-0001", "100", "2025-10-01"),
            invoice("law", "F2025-0002", "100", "2025-10-01"),
        ],
        vec![
            step("s1", "off", Recontact, "2026-02-20"),
            step("s2", "law", Recontact, "2026-02-20"),
        ],
    );
    ds.contacts.push(contact(
        "c1",
        "off",
        "2026-02-25",
        Outcome::WrittenOff,
        "closed down",
    ));
    ds.contacts.push(contact(
        "c2",
        "law",
        "2026-02-25",
        Outcome::HandedToLegal,
        "Bufete Ruiz",
    ));
    assert_eq!(on(&ds, "2026-02-24").len(), 2, "not closed yet");
    let ledger = Ledger::new(&ds);
    let a = agenda::agenda(&ledger, d(TODAY), 14);
    assert_eq!(a.all().count(), 0);
    assert_eq!(a.with_legal, 1);
    // Reopened later: followed again, the open step first.
    ds.contacts.push(contact(
        "c3",
        "law",
        "2026-02-27",
        Outcome::Reopened,
        "agency gave it back",
    ));
    assert_eq!(on(&ds, TODAY), vec![("law".into(), Recontact, d("2026-02-20"))]);
}

#[test]
fn paid_cancelled_credited_and_draft_invoices_are_not_followed() {
    let mut cancelled = invoice("cancelled", "F2026-0002", "100", "2026-02-01");
    cancelled.cancelled_by = Some("cn1".into());
    let mut draft = invoice("draft", "", "100", "2026-02-01");
    draft.number = None;
    let mut ds = data(
        vec![
            invoice("paid", "F2026-0001", "100", "2026-02-01"),
            cancelled,
            draft,
            invoice("credited", "F2026-0007", "100", "2026-02-01"),
            invoice("open", "F2026-0008", "100", "2026-02-01"),
        ],
        vec![
            step("s-paid", "paid", Reminder, "2026-02-08"),
            step("s-cancelled", "cancelled", Reminder, "2026-02-08"),
            step("s-draft", "draft", Reminder, "2026-02-08"),
            step("s-credited", "credited", Reminder, "2026-02-08"),
            step("s-open", "open", Reminder, "2026-02-08"),
            step("orphan", "no-such-invoice", Reminder, "2026-02-08"),
        ],
    );
    ds.payments.push(payment("paid", "100"));
    ds.credit_notes.push(CreditNote {
        id: "cn-credited".into(),
        series_id: "r".into(),
        number: Some("R2026-0001".into()),
        invoice_id: "credited".into(),
        client_id: "c1".into(),
        issue_date: d("2026-02-10"),
        reason: "discount agreed".into(),
        currency: "EUR".into(),
        lines: invoice("x", "x", "100", "2026-02-01").lines,
        withholding_pct: Decimal::ZERO,
        invoice_discount_pct: Decimal::ZERO,
        full_cancellation: false,
        updated_at: t0(),
    });
    let ledger = Ledger::new(&ds);
    let a = agenda::agenda(&ledger, d(TODAY), 14);
    assert_eq!(lines(&a.due), vec![("open".into(), Reminder, d("2026-02-08"))]);
    assert_eq!(a.all().count(), 1);
}

/// Worth = owed × (30 + days overdue) / 30 × severity × (2 + broken promises) / 2, to the cent.
#[test]
fn worth_is_the_documented_product_to_the_cent() {
    // 1 000 owed, 30 days overdue (× 2), a reminder (× 1,5), no broken promise: 3 000.
    assert_eq!(priority::worth(dec("1000"), 30, Reminder, 0), dec("3000.00"));
    // Not yet due counts as 0 days: 250 × 1 × 1 (pre-due) × 1.
    assert_eq!(priority::worth(dec("250"), -10, PreDue, 0), dec("250.00"));
    // 99,99 owed, 45 days (× 75/30), escalation (× 2,5), two broken promises (× 2):
    // 99,99 × 75 × 250 × 4 / 6000 = 1 249,875 → 1 249,88 (half away from zero).
    assert_eq!(priority::worth(dec("99.99"), 45, Escalation, 2), dec("1249.88"));
    // Broken promises count up to four.
    assert_eq!(
        priority::worth(dec("10"), 0, PromiseCheck, 9),
        priority::worth(dec("10"), 0, PromiseCheck, 4)
    );
}

/// The ranking uses how late the *invoice* is, not how long a step waited: a receipt check put
/// off for months no longer outranks a current reminder of a bigger debt.
#[test]
fn the_invoice_lateness_not_the_step_lateness_ranks() {
    let mut old = invoice("old", "F2026-0001", "100", "2026-04-01");
    old.issue_date = d("2025-12-01");
    let ds = data(
        vec![old, invoice("big", "F2026-0002", "1000", "2026-02-20")],
        vec![
            step("rc", "old", ReceiptCheck, "2025-12-02"),
            step("rem", "big", Reminder, "2026-02-27"),
        ],
    );
    let got: Vec<String> = on(&ds, TODAY).into_iter().map(|(id, _, _)| id).collect();
    assert_eq!(got, ["big", "old"]);
    // Promises broken push an invoice up.
    let mut ds = data(
        vec![
            invoice("a", "F2026-0001", "100", "2026-02-01"),
            invoice("b", "F2026-0002", "100", "2026-02-01"),
        ],
        vec![
            step("sa", "a", Reminder, "2026-02-08"),
            step("sb", "b", Reminder, "2026-02-08"),
        ],
    );
    ds.contacts.push(contact(
        "p",
        "b",
        "2026-02-10",
        Outcome::PromisedToPay {
            date: d("2026-02-20"),
        },
        "",
    ));
    let got: Vec<String> = on(&ds, TODAY).into_iter().map(|(id, _, _)| id).collect();
    assert_eq!(got, ["b", "a"]);
}

/// Pounds and euros are not compared at face value: each amount counts as the reference
/// currency's amount at the same rank in its own book.
#[test]
fn currencies_compare_by_rank_in_their_own_book_not_at_face_value() {
    let scale = priority::Scale::new(
        [
            ("EUR", dec("100")),
            ("EUR", dec("1000")),
            ("EUR", dec("5000")),
            ("EUR", dec("20000")),
            ("GBP", dec("50")),
            ("GBP", dec("900")),
        ],
        "EUR",
    );
    assert_eq!(scale.reference(), "EUR");
    assert_eq!(scale.to_reference("EUR", dec("1000")), dec("1000"));
    // £900 is the larger of two (the 75 % quantile of its book): the euro amount at 75 % of
    // four, the fourth; £50 (25 %) the second.
    assert_eq!(scale.to_reference("GBP", dec("900")), dec("20000"));
    assert_eq!(scale.to_reference("GBP", dec("50")), dec("1000"));
    // An amount not in its book takes the place it would have.
    assert_eq!(scale.to_reference("GBP", dec("10")), dec("100"));
    // The default currency wins a tie for reference; otherwise the most invoices.
    let tie = priority::Scale::new([("GBP", dec("1")), ("EUR", dec("1"))], "EUR");
    assert_eq!(tie.reference(), "EUR");
    let mostly_pounds =
        priority::Scale::new([("GBP", dec("1")), ("GBP", dec("2")), ("EUR", dec("1"))], "EUR");
    assert_eq!(mostly_pounds.reference(), "GBP");

    // On the agenda: a £900 debt at the top of its book outranks a €1 000 one at the bottom of
    // the euro book, though 900 < 1 000 at face value.
    let mut gbp = invoice("gbp", "F2026-0002", "900", "2026-02-01");
    gbp.currency = "GBP".into();
    let mut ds = data(
        vec![
            invoice("e1", "F2026-0001", "1000", "2026-02-01"),
            gbp,
            invoice("e2", "F2026-0003", "20000", "2026-02-28"),
            invoice("e3", "F2026-0004", "30000", "2026-03-20"),
        ],
        vec![
            step("s1", "e1", Reminder, "2026-02-08"),
            step("s2", "gbp", Reminder, "2026-02-08"),
            step("s3", "e2", PreDue, "2026-03-20"),
            step("s4", "e3", PreDue, "2026-03-20"),
        ],
    );
    ds.settings.default_currency = "EUR".into();
    let got: Vec<String> = on(&ds, TODAY).into_iter().map(|(id, _, _)| id).collect();
    assert_eq!(got, ["gbp", "e1"]);
}

#[test]
fn a_debt_whose_client_record_is_missing_is_still_listed() {
    let mut inv = invoice("a", "F2026-0001", "10", "2026-02-01");
    inv.client_id = "gone".into();
    let ds = data(vec![inv], vec![step("s", "a", Reminder, "2026-02-08")]);
    let ledger = Ledger::new(&ds);
    let a = agenda::agenda(&ledger, d(TODAY), 14);
    let f = a.due[0].follow_up().expect("item");
    assert!(f.client.is_none());
    let card = agenda::card(&ledger, &BusinessProfile::default(), &a.due[0], 1, d(TODAY), true);
    assert_eq!((card.client_name.as_str(), card.ap_email.as_str()), ("", ""));
    assert_eq!(card.days_overdue, 28);
    assert_eq!(card.actions.email, None, "no address to write to");
}

/// The card says which step, how late the invoice is, what was last done and when, and offers
/// the actions that apply, with the text of the day.
#[test]
fn the_card_says_why_it_is_there_and_what_can_be_done() {
    let mut ds = data(
        vec![invoice("a", "F2026-0001", "1210.50", "2026-01-15")],
        vec![
            done(step("r1", "a", Reminder, "2026-01-22"), "2026-01-23"),
            step("r2", "a", Reminder, "2026-02-05"),
            step("letter", "a", FormalLetter, "2026-03-01"),
        ],
    );
    let mut k = contact("k1", "a", "2026-01-23", Outcome::NoAnswer, "");
    k.step_id = Some("r1".into());
    ds.contacts.push(k);
    ds.payments.push(payment("a", "210.50"));
    let ledger = Ledger::new(&ds);
    let a = agenda::agenda(&ledger, d(TODAY), 14);
    let card = agenda::card(
        &ledger,
        &BusinessProfile {
            name: "Estudio".into(),
            ..BusinessProfile::default()
        },
        &a.due[0],
        1,
        d(TODAY),
        true,
    );
    let agenda::CardKind::FollowUp {
        step,
        supersedes,
        snoozed,
        ..
    } = &card.kind;
    assert_eq!(
        (step.kind, step.step_id.as_deref()),
        (FormalLetter, Some("letter"))
    );
    assert_eq!(supersedes, &vec![Reminder]);
    assert!(!snoozed);
    assert_eq!(
        (card.number.as_str(), card.owed, card.days_overdue),
        ("F2026-0001", Some(dec("1000.00")), 45)
    );
    // The part payment of 1 February came after the last contact: it is what happened last.
    assert_eq!(
        card.last,
        Some(agenda::Last {
            date: d("2026-02-01"),
            what: LastKind::Paid {
                amount: dec("210.50")
            },
        })
    );
    let mut earlier = ds.clone();
    earlier.payments[0].date = d("2026-01-20");
    let ledger_earlier = Ledger::new(&earlier);
    let a_earlier = agenda::agenda(&ledger_earlier, d(TODAY), 14);
    assert_eq!(
        agenda::card(
            &ledger_earlier,
            &BusinessProfile::default(),
            &a_earlier.due[0],
            1,
            d(TODAY),
            true
        )
        .last,
        Some(agenda::Last {
            date: d("2026-01-23"),
            what: LastKind::Contact {
                channel: Channel::Phone,
                outcome: Outcome::NoAnswer,
                step: Some(Reminder),
            },
        })
    );
    assert_eq!(card.actions.done, Some(DoneWith::Contact));
    assert!(card.actions.snooze && card.actions.share && card.actions.letter);
    assert_eq!(card.actions.call.as_deref(), Some("tel:+34600000000"));
    let m = card.message.as_ref().expect("the text of the day");
    assert!(m.subject.starts_with("Requerimiento formal"), "{}", m.subject);
    assert!(
        m.body.contains("45 días de retraso") && m.body.contains("1.000,00 €"),
        "{}",
        m.body
    );
    assert!(card
        .actions
        .email
        .as_deref()
        .is_some_and(|e| e.starts_with("mailto:ap@c1.example?subject=")));
    // The coming-up list only informs.
    let later = agenda::card(
        &ledger,
        &BusinessProfile::default(),
        &a.due[0],
        1,
        d(TODAY),
        false,
    );
    assert_eq!(later.actions.done, None);
    assert!(!later.actions.snooze && later.actions.email.is_none());
    // The key changes with what the card shows, not otherwise.
    assert_eq!(
        card.key,
        agenda::card(
            &ledger,
            &BusinessProfile {
                name: "Estudio".into(),
                ..BusinessProfile::default()
            },
            &a.due[0],
            1,
            d(TODAY),
            true
        )
        .key
    );
    assert_ne!(card.key, later.key);
}

#[test]
fn upcoming_is_after_today_up_to_the_last_day_and_later_the_rest() {
    let ds = data(
        vec![
            invoice("a", "F2026-0001", "100", "2026-03-20"),
            invoice("b", "F2026-0002", "900", "2026-03-20"),
            invoice("c", "F2026-0003", "900", "2026-05-20"),
        ],
        vec![
            step("a1", "a", PreDue, "2026-03-02"),
            step("b1", "b", PreDue, "2026-03-08"),
            step("c1", "c", PreDue, "2026-05-06"),
        ],
    );
    let ledger = Ledger::new(&ds);
    let a = agenda::agenda(&ledger, d(TODAY), 7);
    assert_eq!(
        lines(&a.upcoming),
        vec![
            ("a".into(), PreDue, d("2026-03-02")),
            ("b".into(), PreDue, d("2026-03-08"))
        ]
    );
    assert_eq!(lines(&a.later), vec![("c".into(), PreDue, d("2026-05-06"))]);
    let none = agenda::agenda(&ledger, d(TODAY), 0);
    assert!(none.upcoming.is_empty() && none.later.len() == 3);
    // A huge window cannot overflow the calendar.
    assert_eq!(agenda::agenda(&ledger, d(TODAY), u32::MAX).upcoming.len(), 3);
}

/// Acting on a card later, in a transaction, acts on the step it showed or on nothing.
#[test]
fn acting_on_a_stale_card_acts_on_that_step_or_nothing() {
    let ds = data(
        vec![invoice("a", "F2026-0001", "100", "2026-01-20")],
        vec![
            step("r1", "a", Reminder, "2026-01-27"),
            step("r2", "a", Reminder, "2026-02-10"),
        ],
    );
    let ledger = Ledger::new(&ds);
    let facts = cobro_core::collect::facts(&ledger, 0, d(TODAY)).expect("facts");
    let policy = CollectionPolicy::default();
    let current = follow_up::current(&facts, &policy, d(TODAY)).expect("current");
    let shown = current.reference();
    let out = schedule::settle_shown(
        &facts,
        &policy,
        d(TODAY),
        &shown,
        d(TODAY),
        &mut || "n".into(),
        t0(),
    );
    assert_eq!(out.len(), 2, "r2 done, r1 superseded");
    // A card that showed r1 (yesterday's screen, say): only r1 is done.
    let old = follow_up::StepRef {
        kind: Reminder,
        step_id: Some("r1".into()),
        planned: d("2026-01-27"),
    };
    let out = schedule::settle_shown(
        &facts,
        &policy,
        d(TODAY),
        &old,
        d(TODAY),
        &mut || "n".into(),
        t0(),
    );
    assert_eq!(out.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["r1"]);
    // A derived step that is no longer current: nothing.
    let gone = follow_up::StepRef {
        kind: Recontact,
        step_id: None,
        planned: d("2026-01-01"),
    };
    assert!(schedule::settle_shown(
        &facts,
        &policy,
        d(TODAY),
        &gone,
        d(TODAY),
        &mut || "n".into(),
        t0()
    )
    .is_empty());
    let _: Option<Agenda> = None;
    let _ = Lang::Es;
}

/// Left alone from sending: one card at a time, each the most advanced step due, and after
/// the policy's last step (escalation at due + 60) a re-contact at due + 90 that supersedes it,
/// still there at due + 120.
#[test]
fn an_invoice_left_alone_gets_one_card_at_a_time_then_a_recontact() {
    let mut inv = invoice("a", "F2026-0001", "100", "2026-04-01");
    inv.issue_date = d("2026-03-02");
    inv.sent = Some(Sending {
        date: d("2026-03-02"),
        channel: Channel::Email,
    });
    let mut n = 0;
    let steps = schedule::plan(
        &inv,
        d("2026-03-02"),
        &CollectionPolicy::default(),
        &mut || {
            n += 1;
            format!("s{n}")
        },
        t0(),
    );
    let ds = data(vec![inv], steps);
    let expect = [
        ("2026-03-03", Some(ReceiptCheck)),
        ("2026-03-18", Some(PreDue)),
        ("2026-04-01", Some(DueDay)),
        ("2026-04-08", Some(Reminder)),
        ("2026-04-22", Some(Reminder)),
        ("2026-05-16", Some(FormalLetter)),
        ("2026-05-31", Some(Escalation)),
        ("2026-06-29", Some(Escalation)),
        ("2026-06-30", Some(Recontact)),
        ("2026-07-30", Some(Recontact)),
    ];
    let mut day = d("2026-03-02");
    while day <= d("2026-07-30") {
        let cards = on(&ds, &day.to_string());
        assert!(cards.len() <= 1, "{day}: one card at a time, got {cards:?}");
        if day >= d("2026-03-03") {
            assert_eq!(cards.len(), 1, "{day}: nothing done, so always something to do");
        }
        if let Some((_, kind)) = expect.iter().find(|(on, _)| d(on) == day) {
            assert_eq!(cards.first().map(|c| c.1), *kind, "{day}");
        }
        day = day.succ_opt().expect("date");
    }
    let ledger = Ledger::new(&ds);
    let a = agenda::agenda(&ledger, d("2026-07-30"), 14);
    let f = a.due[0].follow_up().expect("item");
    assert_eq!(f.current.planned, d("2026-06-30"));
    assert_eq!(
        f.current.supersedes.len(),
        7,
        "every open step of the policy, receipt check to escalation"
    );
}

/// Closing supersedes every open step; reopening resumes the follow-up on the day it is
/// reopened (a re-contact), then at the usual cadence.
#[test]
fn a_reopened_invoice_is_contacted_on_the_day_it_is_reopened() {
    let mut ds = data(
        vec![invoice("a", "F2025-0001", "100", "2026-01-20")],
        vec![
            step("r1", "a", Reminder, "2026-01-27"),
            step("l", "a", FormalLetter, "2026-03-06"),
        ],
    );
    ds.contacts
        .push(contact("c1", "a", "2026-02-10", Outcome::HandedToLegal, "Bufete"));
    let closed = schedule::on_closed(&ds.steps, t0());
    for c in closed {
        let at = ds.steps.iter().position(|s| s.id == c.id).expect("stored");
        ds.steps[at] = c;
    }
    assert!(ds.steps.iter().all(|s| s.state == StepState::Superseded));
    assert!(on(&ds, "2026-02-20").is_empty());
    ds.contacts
        .push(contact("c2", "a", "2026-02-25", Outcome::Reopened, "devuelta"));
    assert!(on(&ds, "2026-02-24").is_empty(), "closed until reopened");
    assert_eq!(
        on(&ds, "2026-02-25"),
        vec![("a".into(), Recontact, d("2026-02-25"))]
    );
    ds.steps
        .push(done(step("re", "a", Recontact, "2026-02-25"), "2026-02-26"));
    assert!(on(&ds, "2026-03-27").is_empty());
    assert_eq!(
        on(&ds, "2026-03-28"),
        vec![("a".into(), Recontact, d("2026-03-28"))]
    );
}
