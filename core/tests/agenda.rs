//! Daily agenda rules: which steps show, what each item carries, and the priority order;
//! plus the upcoming window.

use chrono::{DateTime, NaiveDate, Utc};
use cobro_core::agenda::{self, AgendaItem};
use cobro_core::ledger::Ledger;
use cobro_core::{
    Address, Channel, Client, CreditNote, Dataset, Dispute, FollowUpStep, Invoice, Lang, Line, Payment,
    StepKind, StepState, VatRate,
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
        sent: None,
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

fn step_ids(items: &[AgendaItem]) -> Vec<String> {
    items.iter().map(|i| i.step.id.clone()).collect()
}

use StepKind::*;

#[test]
fn priority_order_late_first_then_amount_times_lateness_then_oldest() {
    let ds = data(
        vec![
            invoice("a", "F2026-0001", "100", "2026-01-25"),
            invoice("b", "F2026-0002", "1000", "2026-02-18"),
            invoice("c", "F2026-0003", "50", "2026-02-20"),
            invoice("d", "F2026-0004", "5000", "2026-03-15"),
            invoice("e", "F2026-0005", "200", "2026-02-08"),
            invoice("f", "F2026-0006", "200", "2026-02-08"),
            invoice("old", "F2020-0001", "0.01", "2020-01-01"),
        ],
        vec![
            step("sa", "a", Reminder, "2026-02-01"), // 28 days late × 100 = 2800
            step("sb", "b", Reminder, "2026-02-25"), // 4 × 1000 = 4000
            step("sc", "c", DueDay, TODAY),          // today, 50
            step("sd", "d", PreDue, TODAY),          // today, 5000
            step("se", "e", Reminder, "2026-02-15"), // 14 × 200 = 2800, newer than sa
            step("sf", "f", Reminder, "2026-02-15"), // same as se: invoice number decides
            step("so", "old", Escalation, "2020-03-01"), // 0.01 × 2191 = 21.91
        ],
    );
    let items = agenda::agenda(&Ledger::new(&ds), d(TODAY));
    assert_eq!(step_ids(&items), vec!["sb", "sa", "se", "sf", "so", "sd", "sc"]);
    let prio: Vec<Decimal> = items.iter().map(|i| i.priority).collect();
    assert_eq!(
        prio,
        ["4000", "2800", "2800", "2800", "21.91", "0", "0"]
            .map(dec)
            .to_vec()
    );
}

#[test]
fn a_tiny_late_step_still_comes_before_a_huge_one_due_today() {
    let ds = data(
        vec![
            invoice("big", "F2026-0001", "1000000", "2026-03-01"),
            invoice("tiny", "F2026-0002", "0.01", "2026-02-27"),
        ],
        vec![
            step("big-due", "big", DueDay, TODAY),
            step("tiny-late", "tiny", Reminder, "2026-02-28"),
        ],
    );
    let items = agenda::agenda(&Ledger::new(&ds), d(TODAY));
    assert_eq!(step_ids(&items), vec!["tiny-late", "big-due"]);
}

#[test]
fn item_carries_what_the_screen_shows() {
    let mut inv = invoice("a", "F2026-0001", "1210.50", "2026-03-10");
    inv.currency = "EUR".into();
    let mut pre = step("s1", "a", PreDue, "2026-02-24");
    pre.channel = Channel::Phone;
    pre.snoozed_from = Some(d("2026-02-20"));
    let mut ds = data(vec![inv], vec![pre]);
    ds.payments.push(payment("a", "210.50")); // partially paid
    let items = agenda::agenda(&Ledger::new(&ds), d(TODAY));
    assert_eq!(items.len(), 1);
    let it = &items[0];
    assert_eq!(it.step, &ds.steps[0]);
    assert_eq!(
        (
            it.step.id.as_str(),
            it.step.kind,
            it.step.channel,
            it.step.due,
            it.step.snoozed_from
        ),
        (
            "s1",
            PreDue,
            Channel::Phone,
            d("2026-02-24"),
            Some(d("2026-02-20"))
        )
    );
    assert_eq!(it.step_days_late, 5);
    assert_eq!(
        (
            it.invoice.id.as_str(),
            it.invoice_number(),
            it.invoice.po_number.as_str()
        ),
        ("a", "F2026-0001", "PO-a")
    );
    assert_eq!(
        (
            it.client.map(|c| c.id.as_str()),
            it.client_name(),
            it.ap_contact_name(),
            it.ap_contact_email(),
            it.ap_contact_phone()
        ),
        (
            Some("c1"),
            "ACME SL",
            "AP of ACME SL",
            "ap@c1.example",
            "+34 600 000 000"
        )
    );
    assert_eq!(
        (it.owed, it.invoice.currency.as_str()),
        (Some(dec("1000.00")), "EUR")
    );
    assert_eq!(
        it.days_past_invoice_due, -9,
        "9 days left until the invoice is due"
    );
    assert_eq!(it.priority, dec("5000.00"));
}

#[test]
fn a_debt_whose_client_record_is_missing_is_still_listed() {
    let mut inv = invoice("a", "F2026-0001", "10", "2026-02-01");
    inv.client_id = "gone".into();
    let ds = data(vec![inv], vec![step("s", "a", Reminder, "2026-02-08")]);
    let items = agenda::agenda(&Ledger::new(&ds), d(TODAY));
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].invoice.client_id, "gone");
    assert!(items[0].client.is_none());
    assert_eq!((items[0].client_name(), items[0].ap_contact_email()), ("", ""));
    assert_eq!(items[0].days_past_invoice_due, 28);
}

#[test]
fn excludes_paid_cancelled_disputed_draft_closed_and_future() {
    let mut cancelled = invoice("cancelled", "F2026-0002", "100", "2026-02-01");
    cancelled.cancelled_by = Some("cn1".into());
    let mut disputed = invoice("disputed", "F2026-0003", "100", "2026-02-01");
    disputed.disputes.push(Dispute {
        opened: d("2026-02-05"),
        reason: "wrong".into(),
        resolved: None,
    });
    let mut resolved = invoice("resolved", "F2026-0004", "100", "2026-02-01");
    resolved.disputes.push(Dispute {
        opened: d("2026-02-05"),
        reason: "wrong".into(),
        resolved: Some(d("2026-02-10")),
    });
    let mut draft = invoice("draft", "", "100", "2026-02-01");
    draft.number = None;
    let open = invoice("open", "F2026-0006", "100", "2026-02-01");
    let credited = invoice("credited", "F2026-0007", "100", "2026-02-01");

    let mut done = step("done", "open", DueDay, "2026-02-01");
    done.state = StepState::Done {
        date: d("2026-02-01"),
    };
    let mut skipped = step("skipped", "open", PreDue, "2026-01-18");
    skipped.state = StepState::Skipped {
        reason: "short terms".into(),
    };
    let mut superseded = step("superseded", "open", Reminder, "2026-02-08");
    superseded.state = StepState::Superseded;

    let mut ds = data(
        vec![
            invoice("paid", "F2026-0001", "100", "2026-02-01"),
            cancelled,
            disputed,
            resolved,
            draft,
            open,
            credited,
        ],
        vec![
            step("s-paid", "paid", Reminder, "2026-02-08"),
            step("s-cancelled", "cancelled", Reminder, "2026-02-08"),
            step("s-disputed", "disputed", Reminder, "2026-02-08"),
            step("s-resolved", "resolved", Reminder, "2026-02-11"),
            step("s-draft", "draft", Reminder, "2026-02-08"),
            done,
            skipped,
            superseded,
            step("future", "open", Reminder, "2026-03-02"),
            step("today", "open", Reminder, TODAY),
            step("s-credited", "credited", Reminder, "2026-02-08"),
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
    let items = agenda::agenda(&Ledger::new(&ds), d(TODAY));
    assert_eq!(step_ids(&items), vec!["s-resolved", "today"]);
}

#[test]
fn upcoming_window_is_after_today_up_to_and_including_the_last_day() {
    let ds = data(
        vec![
            invoice("a", "F2026-0001", "100", "2026-03-20"),
            invoice("b", "F2026-0002", "900", "2026-03-20"),
        ],
        vec![
            step("today", "a", PreDue, TODAY),
            step("tomorrow", "a", Reminder, "2026-03-02"),
            step("last-day", "a", DueDay, "2026-03-08"),
            step("beyond", "a", Reminder, "2026-03-09"),
            step("b-last-day", "b", DueDay, "2026-03-08"),
            step("b-mid", "b", PreDue, "2026-03-05"),
        ],
    );
    let ledger = Ledger::new(&ds);
    let items = agenda::upcoming(&ledger, d(TODAY), 7);
    // By date; on the same day the larger debt first.
    assert_eq!(
        step_ids(&items),
        vec!["tomorrow", "b-mid", "b-last-day", "last-day"]
    );
    assert_eq!(items[0].step_days_late, -1);
    assert!(items.iter().all(|i| i.priority == Decimal::ZERO));
    assert!(agenda::upcoming(&ledger, d(TODAY), 0).is_empty());
    assert_eq!(
        step_ids(&agenda::upcoming(&ledger, d(TODAY), 1)),
        vec!["tomorrow"]
    );
    // A huge window cannot overflow the calendar.
    assert_eq!(agenda::upcoming(&ledger, d(TODAY), u32::MAX).len(), 5);
}

#[test]
fn several_due_steps_of_one_invoice_are_all_listed() {
    let ds = data(
        vec![invoice("a", "F2026-0001", "100", "2026-01-20")],
        vec![
            step("r1", "a", Reminder, "2026-01-27"),
            step("r2", "a", Reminder, "2026-02-10"),
            step("due", "a", DueDay, "2026-01-20"),
        ],
    );
    let items = agenda::agenda(&Ledger::new(&ds), d(TODAY));
    // Same amount: the latest (oldest due) step scores highest.
    assert_eq!(step_ids(&items), vec!["due", "r1", "r2"]);
}

#[test]
fn amounts_of_very_different_scales_are_ordered_as_by_priority_order() {
    // A payment with 24 decimals leaves 24 decimals owed, so the agenda's integer sort keys
    // cannot hold every amount at one scale (the big old debt's score would need 39 digits):
    // the order must still be priority_order's, for the day's list and the upcoming one alike.
    let mut ds = data(
        vec![
            invoice("a", "F2026-0001", "900000000000", "2025-01-01"),
            invoice("b", "F2026-0002", "100", "2026-02-01"),
            invoice("c", "F2026-0003", "100", "2026-02-01"),
            invoice("d", "F2026-0004", "5000", "2026-03-10"),
            invoice("e", "F2026-0005", "5000.5", "2026-03-10"),
        ],
        vec![
            step("sa", "a", Escalation, "2025-03-01"),
            step("sb", "b", Reminder, "2026-02-08"),
            step("sc", "c", Reminder, "2026-02-08"),
            step("sb2", "b", FormalLetter, TODAY),
            step("sd", "d", PreDue, "2026-03-05"),
            step("se", "e", PreDue, "2026-03-05"),
            step("sd2", "d", DueDay, "2026-03-10"),
        ],
    );
    ds.payments = vec![payment("b", "0.000000000000000000000001")];
    let ledger = Ledger::new(&ds);
    let today = d(TODAY);
    let items = agenda::agenda(&ledger, today);
    let mut expected = items.clone();
    expected.sort_by(agenda::priority_order);
    assert_eq!(items, expected);
    assert_eq!(step_ids(&items), vec!["sa", "sc", "sb", "sb2"]);

    let coming = agenda::upcoming(&ledger, today, 14);
    let mut expected = coming.clone();
    expected.sort_by(|a, b| {
        a.step
            .due
            .cmp(&b.step.due)
            .then_with(|| agenda::priority_order(a, b))
    });
    assert_eq!(coming, expected);
    assert_eq!(step_ids(&coming), vec!["se", "sd", "sd2"]);
}
