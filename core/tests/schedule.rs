//! Follow-up schedule rules: the default policy's dates, skipping, weekend shift, and how each
//! fact (payment, promise, dispute, re-sending, user actions) changes the steps.

use chrono::{DateTime, NaiveDate, Utc};
use cobro_core::schedule::{self, ScheduleError, PRE_DUE_TOO_EARLY};
use cobro_core::{
    Address, Channel, Client, CollectionPolicy, Dispute, FollowUpStep, Invoice, Lang, StepKind, StepState,
};
use rust_decimal::Decimal;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn t0() -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_000_000, 0).expect("stamp")
}

fn t1() -> DateTime<Utc> {
    DateTime::from_timestamp(1_768_000_000, 0).expect("stamp")
}

fn invoice(issue: &str, terms: u64) -> Invoice {
    let issue = d(issue);
    Invoice {
        id: "inv-1".into(),
        series_id: "s".into(),
        number: Some("F2026-0001".into()),
        client_id: "c".into(),
        po_number: String::new(),
        issue_date: issue,
        delivery_date: None,
        due_date: issue + chrono::Days::new(terms),
        currency: "EUR".into(),
        lines: vec![],
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

fn ids() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("step-{n}")
    }
}

fn plan(inv: &Invoice, sent: &str, policy: &CollectionPolicy) -> Vec<FollowUpStep> {
    schedule::plan(inv, d(sent), policy, &mut ids(), t0())
}

/// (kind, due, open?) of each step, in order.
fn shape(steps: &[FollowUpStep]) -> Vec<(StepKind, NaiveDate, bool)> {
    steps
        .iter()
        .map(|s| (s.kind, s.due, s.state == StepState::Open))
        .collect()
}

fn shifted() -> CollectionPolicy {
    CollectionPolicy {
        shift_weekends_to_monday: true,
        ..CollectionPolicy::default()
    }
}

use StepKind::*;

#[test]
fn default_schedule_30_days() {
    let inv = invoice("2026-01-15", 30);
    assert_eq!(inv.due_date, d("2026-02-14"));
    let steps = plan(&inv, "2026-01-15", &CollectionPolicy::default());
    assert_eq!(
        shape(&steps),
        vec![
            (ReceiptCheck, d("2026-01-16"), true),
            (PreDue, d("2026-01-31"), true),
            (DueDay, d("2026-02-14"), true),
            (Reminder, d("2026-02-21"), true),
            (Reminder, d("2026-03-07"), true),
            (FormalLetter, d("2026-03-31"), true),
            (Escalation, d("2026-04-15"), true),
        ]
    );
    let channels: Vec<Channel> = steps.iter().map(|s| s.channel).collect();
    use Channel::*;
    assert_eq!(channels, vec![Email, Email, Email, Email, Phone, Letter, Phone]);
    assert!(steps
        .iter()
        .all(|s| s.invoice_id == "inv-1" && s.updated_at == t0() && s.snoozed_from.is_none()));
    let mut step_ids: Vec<&str> = steps.iter().map(|s| s.id.as_str()).collect();
    step_ids.dedup();
    assert_eq!(step_ids.len(), 7, "every step gets its own new id");
}

#[test]
fn default_schedule_90_days() {
    let inv = invoice("2026-01-15", 90);
    assert_eq!(inv.due_date, d("2026-04-15"));
    let steps = plan(&inv, "2026-01-15", &CollectionPolicy::default());
    assert_eq!(
        shape(&steps),
        vec![
            (ReceiptCheck, d("2026-01-16"), true),
            (PreDue, d("2026-04-01"), true),
            (DueDay, d("2026-04-15"), true),
            (Reminder, d("2026-04-22"), true),
            (Reminder, d("2026-05-06"), true),
            (FormalLetter, d("2026-05-30"), true),
            (Escalation, d("2026-06-14"), true),
        ]
    );
}

#[test]
fn pre_due_skipped_when_terms_are_short() {
    // 10 days: pre-due would be 4 days before the sending.
    let steps = plan(&invoice("2026-01-15", 10), "2026-01-15", &Default::default());
    let pre = steps.iter().find(|s| s.kind == PreDue).expect("kept");
    assert_eq!(pre.due, d("2026-01-11"));
    assert_eq!(
        pre.state,
        StepState::Skipped {
            reason: PRE_DUE_TOO_EARLY.into()
        }
    );
    assert_eq!(steps.first().map(|s| s.kind), Some(PreDue), "sorted by date");
    // Every other step stays open.
    assert_eq!(steps.iter().filter(|s| s.state == StepState::Open).count(), 6);
}

#[test]
fn pre_due_on_the_receipt_check_day_is_skipped_one_day_later_is_not() {
    // 15 days: pre-due Jan 16 = receipt check day.
    let steps = plan(&invoice("2026-01-15", 15), "2026-01-15", &Default::default());
    let pre = steps.iter().find(|s| s.kind == PreDue).expect("kept");
    assert_eq!(pre.due, d("2026-01-16"));
    assert!(matches!(pre.state, StepState::Skipped { .. }));
    // 16 days: pre-due Jan 17, the day after the receipt check.
    let steps = plan(&invoice("2026-01-15", 16), "2026-01-15", &Default::default());
    let pre = steps.iter().find(|s| s.kind == PreDue).expect("kept");
    assert_eq!((pre.due, &pre.state), (d("2026-01-17"), &StepState::Open));
}

#[test]
fn pre_due_skipped_when_sent_late() {
    // Issued with 30 days but only sent on Feb 5, after the pre-due date (Jan 31).
    let steps = plan(&invoice("2026-01-15", 30), "2026-02-05", &Default::default());
    assert_eq!(steps.first().map(|s| s.kind), Some(PreDue));
    assert!(matches!(
        steps.first().map(|s| &s.state),
        Some(StepState::Skipped { .. })
    ));
    assert_eq!(
        steps.iter().find(|s| s.kind == ReceiptCheck).map(|s| s.due),
        Some(d("2026-02-06"))
    );
}

#[test]
fn month_end_is_plain_day_arithmetic() {
    let inv = invoice("2026-01-01", 30);
    assert_eq!(inv.due_date, d("2026-01-31"));
    let steps = plan(&inv, "2026-01-01", &Default::default());
    let dates: Vec<NaiveDate> = steps.iter().map(|s| s.due).collect();
    assert_eq!(
        dates,
        [
            "2026-01-02",
            "2026-01-17",
            "2026-01-31",
            "2026-02-07",
            "2026-02-21",
            "2026-03-17",
            "2026-04-01"
        ]
        .map(d)
        .to_vec()
    );
    // Jan 31 + 30 is Mar 2 in a common year, not "Feb 30" or Feb 28.
    let policy = CollectionPolicy {
        reminders_after_due: vec![30],
        ..Default::default()
    };
    let steps = plan(&inv, "2026-01-01", &policy);
    assert_eq!(
        steps.iter().find(|s| s.kind == Reminder).map(|s| s.due),
        Some(d("2026-03-02"))
    );
}

#[test]
fn leap_year() {
    let mut inv = invoice("2028-01-30", 30);
    assert_eq!(inv.due_date, d("2028-02-29"));
    let steps = plan(&inv, "2028-01-30", &Default::default());
    let dates: Vec<NaiveDate> = steps.iter().map(|s| s.due).collect();
    assert_eq!(
        dates,
        [
            "2028-01-31",
            "2028-02-15",
            "2028-02-29",
            "2028-03-07",
            "2028-03-21",
            "2028-04-14",
            "2028-04-29"
        ]
        .map(d)
        .to_vec()
    );
    // Feb 15 + 14 lands on the 29th in a leap year.
    inv.due_date = d("2028-02-15");
    let steps = plan(&inv, "2028-01-30", &Default::default());
    assert_eq!(
        steps.iter().find(|s| s.kind == StepKind::Reminder).map(|s| s.due),
        Some(d("2028-02-22"))
    );
    let policy = CollectionPolicy {
        reminders_after_due: vec![14],
        ..Default::default()
    };
    let steps = plan(&inv, "2028-01-30", &policy);
    assert_eq!(
        steps.iter().find(|s| s.kind == StepKind::Reminder).map(|s| s.due),
        Some(d("2028-02-29"))
    );
}

#[test]
fn weekend_steps_move_to_monday() {
    // Due Saturday 2026-02-14; reminders fall on Saturdays too.
    let steps = plan(&invoice("2026-01-15", 30), "2026-01-15", &shifted());
    assert_eq!(
        shape(&steps),
        vec![
            (ReceiptCheck, d("2026-01-16"), true), // Friday: unchanged
            (PreDue, d("2026-02-02"), true),       // Sat 31 Jan → Mon
            (DueDay, d("2026-02-16"), true),
            (Reminder, d("2026-02-23"), true),
            (Reminder, d("2026-03-09"), true),
            (FormalLetter, d("2026-03-31"), true), // Tuesday
            (Escalation, d("2026-04-15"), true),   // Wednesday
        ]
    );
    // Sunday moves one day: escalation of the 90-day invoice is Sun 2026-06-14.
    let steps = plan(&invoice("2026-01-15", 90), "2026-01-15", &shifted());
    assert_eq!(
        steps.iter().find(|s| s.kind == Escalation).map(|s| s.due),
        Some(d("2026-06-15"))
    );
    assert_eq!(
        steps.iter().find(|s| s.kind == FormalLetter).map(|s| s.due),
        Some(d("2026-06-01"))
    );
}

#[test]
fn skip_rule_compares_the_days_contacts_really_happen() {
    // Sent Friday Jan 16: receipt check Sat 17 → Mon 19. Due Feb 1: pre-due Sun 18 → Mon 19.
    let mut inv = invoice("2026-01-16", 16);
    assert_eq!(inv.due_date, d("2026-02-01"));
    let steps = plan(&inv, "2026-01-16", &shifted());
    let pre = steps.iter().find(|s| s.kind == PreDue).expect("kept");
    assert_eq!(pre.due, d("2026-01-19"));
    assert!(matches!(pre.state, StepState::Skipped { .. }));
    // Without the shift the pre-due (Sun 18) is after the receipt check (Sat 17): open.
    let steps = plan(&inv, "2026-01-16", &Default::default());
    let pre = steps.iter().find(|s| s.kind == PreDue).expect("kept");
    assert_eq!(pre.state, StepState::Open);
    // Due Feb 3: pre-due Tue Jan 20, the day after the (shifted) receipt check: open.
    inv.due_date = d("2026-02-03");
    let steps = plan(&inv, "2026-01-16", &shifted());
    assert_eq!(
        steps.iter().find(|s| s.kind == PreDue).map(|s| &s.state),
        Some(&StepState::Open)
    );
}

#[test]
fn policy_without_due_day_and_with_three_reminders() {
    let policy = CollectionPolicy {
        due_day_reminder: false,
        reminders_after_due: vec![3, 10, 30],
        ..Default::default()
    };
    let steps = plan(&invoice("2026-01-15", 30), "2026-01-15", &policy);
    assert!(steps.iter().all(|s| s.kind != DueDay));
    let reminders: Vec<(NaiveDate, Channel)> = steps
        .iter()
        .filter(|s| s.kind == Reminder)
        .map(|s| (s.due, s.channel))
        .collect();
    assert_eq!(
        reminders,
        vec![
            (d("2026-02-17"), Channel::Email),
            (d("2026-02-24"), Channel::Phone),
            (d("2026-03-16"), Channel::Phone),
        ]
    );
}

#[test]
fn absurd_offsets_drop_the_step_instead_of_panicking() {
    let policy = CollectionPolicy {
        escalation_after_due: i64::MAX,
        formal_letter_after_due: i64::MIN,
        pre_due_before_due: i64::MIN,
        ..Default::default()
    };
    let steps = plan(&invoice("2026-01-15", 30), "2026-01-15", &policy);
    let kinds: Vec<StepKind> = steps.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, vec![ReceiptCheck, DueDay, Reminder, Reminder]);
}

fn client(policy_override: Option<CollectionPolicy>) -> Client {
    Client {
        id: "c".into(),
        legal_name: "ACME".into(),
        tax_id: String::new(),
        address: Address::default(),
        ap_contact_name: String::new(),
        ap_contact_email: String::new(),
        ap_contact_phone: String::new(),
        billing_instructions: String::new(),
        po_required: false,
        payment_terms_days: 30,
        preferred_payment_method_ids: vec![],
        currency: "EUR".into(),
        language: Lang::Es,
        credit_limit: None,
        notes: String::new(),
        policy_override,
        archived: false,
        updated_at: t0(),
    }
}

#[test]
fn client_override_wins() {
    let app = CollectionPolicy::default();
    assert_eq!(schedule::effective_policy(&app, &client(None)), &app);
    let own = shifted();
    let c = client(Some(own.clone()));
    assert_eq!(schedule::effective_policy(&app, &c), &own);
}

// ---- facts -------------------------------------------------------------------------------

fn default_steps() -> (Invoice, Vec<FollowUpStep>) {
    let inv = invoice("2026-01-15", 30);
    let steps = plan(&inv, "2026-01-15", &Default::default());
    (inv, steps)
}

fn by_kind(steps: &[FollowUpStep], kind: StepKind) -> Vec<&FollowUpStep> {
    steps.iter().filter(|s| s.kind == kind).collect()
}

#[test]
fn paid_in_full_supersedes_every_open_step_and_only_those() {
    let (_, mut steps) = default_steps();
    steps[0].state = StepState::Done {
        date: d("2026-01-16"),
    };
    steps[1].state = StepState::Skipped {
        reason: "holiday".into(),
    };
    let changed = schedule::on_paid_in_full(&steps, t1());
    assert_eq!(changed.len(), 5);
    assert!(changed
        .iter()
        .all(|s| s.state == StepState::Superseded && s.updated_at == t1()));
    let changed_ids: Vec<&str> = changed.iter().map(|s| s.id.as_str()).collect();
    assert!(!changed_ids.contains(&steps[0].id.as_str()));
    assert!(!changed_ids.contains(&steps[1].id.as_str()));
    // Dates and kinds are untouched: only the state changes.
    assert!(changed
        .iter()
        .zip(&steps[2..])
        .all(|(c, s)| c.id == s.id && c.due == s.due && c.kind == s.kind));
    // Nothing open: nothing to do.
    let closed: Vec<FollowUpStep> = changed;
    assert!(schedule::on_paid_in_full(&closed, t1()).is_empty());
}

#[test]
fn promise_adds_a_check_and_supersedes_earlier_reminders() {
    let (inv, steps) = default_steps();
    // On Feb 18 the client promises to pay on Mar 5: check on Mar 6.
    let open_before: Vec<FollowUpStep> = steps.clone();
    let changed = schedule::on_promise(
        &open_before,
        d("2026-03-05"),
        &Default::default(),
        &inv,
        &mut || "new".into(),
        t1(),
    )
    .expect("promise");
    let check = changed.last().expect("new check");
    assert_eq!(
        (check.id.as_str(), check.kind, check.due, check.channel),
        ("new", PromiseCheck, d("2026-03-06"), Channel::Phone)
    );
    assert_eq!(check.state, StepState::Open);
    assert_eq!((check.invoice_id.as_str(), check.updated_at), ("inv-1", t1()));
    // Receipt check, pre-due, due day and the first reminder (Feb 21) were before the check.
    let superseded: Vec<(StepKind, NaiveDate)> = changed
        .iter()
        .filter(|s| s.state == StepState::Superseded)
        .map(|s| (s.kind, s.due))
        .collect();
    assert_eq!(
        superseded,
        vec![
            (ReceiptCheck, d("2026-01-16")),
            (PreDue, d("2026-01-31")),
            (DueDay, d("2026-02-14")),
            (Reminder, d("2026-02-21")),
        ]
    );
    // The second reminder (Mar 7), letter and escalation come after the check: unchanged.
    assert_eq!(changed.len(), 5);
}

#[test]
fn promise_postpones_letter_and_escalation_rather_than_dropping_them() {
    let (inv, steps) = default_steps();
    // Promise to pay on Apr 20: the letter (Mar 31) and escalation (Apr 15) are before the check.
    let changed = schedule::on_promise(
        &steps,
        d("2026-04-20"),
        &Default::default(),
        &inv,
        &mut || "new".into(),
        t1(),
    )
    .expect("promise");
    let letter = by_kind(&changed, FormalLetter);
    let escalation = by_kind(&changed, Escalation);
    assert_eq!(letter.len(), 1);
    assert_eq!(
        (letter[0].due, &letter[0].state),
        (d("2026-04-22"), &StepState::Open)
    );
    assert_eq!(
        (escalation[0].due, &escalation[0].state),
        (d("2026-04-22"), &StepState::Open)
    );
    assert_eq!(by_kind(&changed, PromiseCheck)[0].due, d("2026-04-21"));
    assert_eq!(by_kind(&changed, Reminder).len(), 2);
}

#[test]
fn a_new_promise_replaces_the_previous_check_even_if_later() {
    let (inv, steps) = default_steps();
    let policy = CollectionPolicy::default();
    let first = schedule::on_promise(&steps, d("2026-03-20"), &policy, &inv, &mut || "p1".into(), t1())
        .expect("promise");
    let mut all = steps.clone();
    for s in first {
        match all.iter_mut().find(|x| x.id == s.id) {
            Some(x) => *x = s,
            None => all.push(s),
        }
    }
    // The client now promises an earlier date: the old check (Mar 21) is superseded anyway.
    let second = schedule::on_promise(&all, d("2026-03-01"), &policy, &inv, &mut || "p2".into(), t1())
        .expect("promise");
    let old = second.iter().find(|s| s.id == "p1").expect("old check changed");
    assert_eq!(old.state, StepState::Superseded);
    let new = second.iter().find(|s| s.id == "p2").expect("new check");
    assert_eq!((new.due, &new.state), (d("2026-03-02"), &StepState::Open));
}

#[test]
fn promise_check_is_weekend_shifted() {
    let (inv, steps) = default_steps();
    // Promise Fri Mar 6 → check Sat Mar 7 → Mon Mar 9.
    let changed = schedule::on_promise(
        &steps,
        d("2026-03-06"),
        &shifted(),
        &inv,
        &mut || "n".into(),
        t1(),
    )
    .expect("promise");
    assert_eq!(by_kind(&changed, PromiseCheck)[0].due, d("2026-03-09"));
}

#[test]
fn resolving_a_dispute_resumes_at_the_most_advanced_missed_step() {
    let (_, steps) = default_steps();
    // Disputed Feb 10 – Mar 10: due day (Feb 14), reminders Feb 21 and Mar 7 fell in the pause.
    let dispute = Dispute {
        opened: d("2026-02-10"),
        reason: "wrong hours".into(),
        resolved: Some(d("2026-03-10")),
    };
    let changed =
        schedule::on_dispute_resolved(&steps, &dispute, &Default::default(), t1()).expect("resolved");
    let summary: Vec<(StepKind, NaiveDate, bool)> = shape(&changed);
    assert_eq!(
        summary,
        vec![
            (DueDay, d("2026-02-14"), false),
            (Reminder, d("2026-02-21"), false),
            (Reminder, d("2026-03-11"), true),
        ]
    );
    assert!(changed.iter().all(|s| s.updated_at == t1()));
    assert!(changed[..2].iter().all(|s| s.state == StepState::Superseded));
    // The moved reminder keeps its id (it is the Mar 7 one).
    let mar7 = steps.iter().find(|s| s.due == d("2026-03-07")).expect("planned");
    assert_eq!(changed[2].id, mar7.id);
}

#[test]
fn resolving_includes_both_ends_and_shifts_weekends() {
    let (_, steps) = default_steps();
    // Opened on the due day (Sat Feb 14), resolved on the first reminder (Sat Feb 21).
    let dispute = Dispute {
        opened: d("2026-02-14"),
        reason: "x".into(),
        resolved: Some(d("2026-02-21")),
    };
    let changed = schedule::on_dispute_resolved(&steps, &dispute, &shifted(), t1()).expect("ok");
    assert_eq!(
        shape(&changed),
        vec![
            (DueDay, d("2026-02-14"), false),
            (Reminder, d("2026-02-23"), true), // Sun 22 → Mon 23
        ]
    );
    // A pause in which nothing fell due changes nothing.
    let quiet = Dispute {
        opened: d("2026-02-01"),
        reason: "x".into(),
        resolved: Some(d("2026-02-05")),
    };
    assert!(
        schedule::on_dispute_resolved(&steps, &quiet, &Default::default(), t1())
            .expect("ok")
            .is_empty()
    );
}

#[test]
fn resolving_refuses_an_open_or_backwards_dispute() {
    let (_, steps) = default_steps();
    let mut dispute = Dispute {
        opened: d("2026-02-14"),
        reason: "x".into(),
        resolved: None,
    };
    assert_eq!(
        schedule::on_dispute_resolved(&steps, &dispute, &Default::default(), t1()),
        Err(ScheduleError::DisputeNotResolved)
    );
    dispute.resolved = Some(d("2026-02-13"));
    assert!(matches!(
        schedule::on_dispute_resolved(&steps, &dispute, &Default::default(), t1()),
        Err(ScheduleError::ResolvedBeforeOpened { .. })
    ));
}

#[test]
fn resend_replaces_the_receipt_check() {
    let (inv, steps) = default_steps();
    let changed = schedule::on_resend(
        &steps,
        d("2026-01-20"),
        &Default::default(),
        &inv,
        &mut || "r2".into(),
        t1(),
    )
    .expect("resend");
    assert_eq!(changed.len(), 2);
    assert_eq!(changed[0].id, steps[0].id);
    assert_eq!(changed[0].state, StepState::Superseded);
    assert_eq!(
        (
            changed[1].id.as_str(),
            changed[1].kind,
            changed[1].due,
            &changed[1].state
        ),
        ("r2", ReceiptCheck, d("2026-01-21"), &StepState::Open)
    );
    // Already confirmed (done) receipt check: left alone, a new check is still planned.
    let mut steps = steps;
    steps[0].state = StepState::Done {
        date: d("2026-01-16"),
    };
    let changed = schedule::on_resend(
        &steps,
        d("2026-01-20"),
        &Default::default(),
        &inv,
        &mut || "r3".into(),
        t1(),
    )
    .expect("resend");
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].id, "r3");
}

#[test]
fn done_snooze_skip_on_open_steps() {
    let (_, steps) = default_steps();
    let step = &steps[2]; // due day, Feb 14
    let done = schedule::on_step_done(step, d("2026-02-15"), t1()).expect("open");
    assert_eq!(
        done.state,
        StepState::Done {
            date: d("2026-02-15")
        }
    );
    assert_eq!((done.due, done.updated_at), (step.due, t1()));

    let snoozed = schedule::snooze(step, d("2026-02-20"), d("2026-02-16"), t1()).expect("open");
    assert_eq!(
        (snoozed.due, snoozed.snoozed_from, &snoozed.state),
        (d("2026-02-20"), Some(d("2026-02-14")), &StepState::Open)
    );
    // Snoozing again keeps the originally planned date; today itself is allowed.
    let again = schedule::snooze(&snoozed, d("2026-02-20"), d("2026-02-20"), t1()).expect("open");
    assert_eq!(again.snoozed_from, Some(d("2026-02-14")));
    // Snoozes ignore the weekend shift: the user chose the date (a Saturday here).
    assert_eq!(again.due, d("2026-02-20"));

    let skipped = schedule::skip(step, "  called in person  ", t1()).expect("open");
    assert_eq!(
        skipped.state,
        StepState::Skipped {
            reason: "called in person".into()
        }
    );
}

#[test]
fn illegal_operations_are_refused() {
    let (_, steps) = default_steps();
    let step = &steps[2];
    assert_eq!(
        schedule::snooze(step, d("2026-02-15"), d("2026-02-16"), t1()),
        Err(ScheduleError::SnoozeInPast {
            to: d("2026-02-15"),
            today: d("2026-02-16")
        })
    );
    assert_eq!(schedule::skip(step, "   ", t1()), Err(ScheduleError::EmptyReason));
    let done = schedule::on_step_done(step, d("2026-02-15"), t1()).expect("open");
    for closed in [
        done,
        schedule::skip(step, "no", t1()).expect("open"),
        schedule::on_paid_in_full(std::slice::from_ref(step), t1()).remove(0),
    ] {
        let err = schedule::on_step_done(&closed, d("2026-02-16"), t1()).expect_err("closed");
        assert!(matches!(err, ScheduleError::NotOpen { .. }));
        assert!(err.to_string().contains("due-day reminder"));
        assert!(schedule::snooze(&closed, d("2026-03-01"), d("2026-02-16"), t1()).is_err());
        assert!(schedule::skip(&closed, "why", t1()).is_err());
    }
}

mod properties {
    use super::*;
    use chrono::{Datelike, Weekday};
    use proptest::prelude::*;

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        // 2000-01-01 plus up to ~60 years: crosses many leap years and month ends.
        (0u64..22_000).prop_map(|n| d("2000-01-01") + chrono::Days::new(n))
    }

    fn any_policy() -> impl Strategy<Value = CollectionPolicy> {
        (
            0i64..5,
            0i64..40,
            any::<bool>(),
            proptest::collection::vec(1i64..90, 0..4),
            30i64..90,
            60i64..120,
            any::<bool>(),
        )
            .prop_map(|(r, pre, due_day, rem, letter, esc, shift)| CollectionPolicy {
                receipt_check_after_send: r,
                pre_due_before_due: pre,
                due_day_reminder: due_day,
                reminders_after_due: rem,
                formal_letter_after_due: letter,
                escalation_after_due: esc,
                promise_check_after: 1,
                shift_weekends_to_monday: shift,
                ..CollectionPolicy::default()
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn plan_invariants(sent in any_date(), terms in 0u64..120, policy in any_policy()) {
            let mut inv = invoice("2026-01-15", 0);
            inv.due_date = sent + chrono::Days::new(terms);
            let steps = schedule::plan(&inv, sent, &policy, &mut ids(), t0());
            let expected = 4 + usize::from(policy.due_day_reminder) + policy.reminders_after_due.len();
            prop_assert_eq!(steps.len(), expected);
            prop_assert!(steps.windows(2).all(|w| w[0].due <= w[1].due), "sorted by date");
            if policy.shift_weekends_to_monday {
                prop_assert!(steps.iter().all(|s| !matches!(s.due.weekday(), Weekday::Sat | Weekday::Sun)));
            }
            let receipt = steps.iter().find(|s| s.kind == ReceiptCheck).map(|s| s.due);
            for s in &steps {
                let skipped = matches!(s.state, StepState::Skipped { .. });
                let should_skip = s.kind == PreDue && (s.due < sent || Some(s.due) <= receipt);
                prop_assert_eq!(skipped, should_skip);
            }
        }

        #[test]
        fn handlers_never_touch_closed_steps(
            sent in any_date(),
            terms in 0u64..120,
            promised_in in 0u64..200,
            done_mask in any::<u16>(),
        ) {
            let mut inv = invoice("2026-01-15", 0);
            inv.due_date = sent + chrono::Days::new(terms);
            let policy = CollectionPolicy::default();
            let mut steps = schedule::plan(&inv, sent, &policy, &mut ids(), t0());
            for (i, s) in steps.iter_mut().enumerate() {
                if done_mask & (1 << i) != 0 && s.state == StepState::Open {
                    s.state = StepState::Done { date: s.due };
                }
            }
            let closed: Vec<&str> = steps
                .iter()
                .filter(|s| s.state != StepState::Open)
                .map(|s| s.id.as_str())
                .collect();
            let promised = sent + chrono::Days::new(promised_in);
            let changes = [
                schedule::on_paid_in_full(&steps, t1()),
                schedule::on_promise(&steps, promised, &policy, &inv, &mut || "p".into(), t1())
                    .expect("in range"),
                schedule::on_resend(&steps, promised, &policy, &inv, &mut || "r".into(), t1())
                    .expect("in range"),
            ];
            for changed in &changes {
                prop_assert!(changed.iter().all(|c| !closed.contains(&c.id.as_str())));
                prop_assert!(changed.iter().all(|c| c.updated_at == t1()));
            }
            // After a promise, no open step other than the check is due before the check.
            let check = changes[1].last().map(|c| c.due).expect("check");
            let after: Vec<FollowUpStep> = steps
                .iter()
                .map(|s| changes[1].iter().find(|c| c.id == s.id).unwrap_or(s).clone())
                .collect();
            prop_assert!(after
                .iter()
                .all(|s| s.state != StepState::Open || s.due >= check));
        }
    }
}
