//! Demo data: deterministic, valid under the backup checks, and realistic
//! enough to exercise every screen.

use chrono::{Datelike, NaiveDate};
use cobro_core::demo::{generate, DemoSpec};
use cobro_core::follow_up;
use cobro_core::ledger::Ledger;
use cobro_core::lifecycle::{self, InvoiceStatus};
use cobro_core::model::*;
use cobro_core::{agenda, backup, numbering};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet, HashMap};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).expect("date")
}

fn spec(seed: u64) -> DemoSpec {
    DemoSpec {
        clients: 40,
        invoices: 500,
        seed,
        today: today(),
    }
}

#[test]
fn same_seed_same_data_other_seed_other_data() {
    assert_eq!(generate(spec(7)), generate(spec(7)));
    assert_ne!(generate(spec(7)), generate(spec(8)));
}

#[test]
fn demo_data_is_valid_for_several_seeds() {
    for seed in [0, 1, 42, 2026, u64::MAX] {
        let data = generate(spec(seed));
        assert_eq!(data.invoices.len(), 500);
        let problems = backup::validate(&data);
        assert!(
            problems.is_empty(),
            "seed {seed}: {:#?}",
            &problems[..problems.len().min(10)]
        );
        // Numbering is clean too: no gaps, dates in order, counters at the last number used.
        assert_eq!(numbering::check_all(&data), vec![], "seed {seed}");
    }
}

#[test]
fn demo_round_trips_through_a_backup() {
    let data = generate(DemoSpec {
        clients: 10,
        invoices: 120,
        seed: 3,
        today: today(),
    });
    let at = today().and_hms_opt(12, 0, 0).expect("time").and_utc();
    let text = backup::export(&data, at, "0.1.0").expect("export");
    let b = backup::parse(&text).expect("valid");
    assert!(b.notes.is_empty(), "{:?}", b.notes);
    // The same records (the file lists them in storage order), and the same file again.
    assert_eq!(backup::sorted(&b.data), backup::sorted(&data));
    assert_eq!(backup::export(&b.data, at, "0.1.0").expect("export"), text);
}

#[test]
fn edge_sizes() {
    let empty = generate(DemoSpec {
        clients: 0,
        invoices: 0,
        seed: 1,
        today: today(),
    });
    assert!(empty.invoices.is_empty() && empty.clients.is_empty());
    assert!(backup::validate(&empty).is_empty());
    // Invoices need a client: one is made even if none was asked for.
    let one = generate(DemoSpec {
        clients: 0,
        invoices: 5,
        seed: 1,
        today: today(),
    });
    assert_eq!((one.clients.len(), one.invoices.len()), (1, 5));
    assert!(backup::validate(&one).is_empty());
}

#[test]
fn demo_looks_like_a_real_business() {
    let data = generate(spec(42));
    let t = today();
    // Several years of history, nothing in the future.
    let first = data
        .invoices
        .iter()
        .map(|i| i.issue_date)
        .min()
        .expect("invoices");
    assert!(t.year() - first.year() >= 2, "history starts {first}");
    assert!(data.invoices.iter().all(|i| i.issue_date <= t));
    assert!(data.payments.iter().all(|p| p.date <= t));
    assert!(data.contacts.iter().all(|c| c.date <= t));
    // EUR mostly, a few USD.
    let usd = data.invoices.iter().filter(|i| i.currency == "USD").count();
    let eur = data.invoices.iter().filter(|i| i.currency == "EUR").count();
    assert!(eur > usd * 3 && usd > 0, "eur {eur} usd {usd}");
    // Spanish and English names.
    assert!(data
        .clients
        .iter()
        .any(|c| c.legal_name.ends_with("S.L.") || c.legal_name.ends_with("S.A.")));
    assert!(data.clients.iter().any(|c| c.language == Lang::En));
    // 21 % VAT and some 15 % IRPF.
    let vat21 = VatRate::Rate(Decimal::from(21));
    assert!(data
        .invoices
        .iter()
        .any(|i| i.lines.iter().any(|l| l.vat == vat21)));
    assert!(data
        .invoices
        .iter()
        .any(|i| i.withholding_pct == Decimal::from(15)));
    // PO numbers exactly for clients that require them.
    let po: BTreeMap<&str, bool> = data
        .clients
        .iter()
        .map(|c| (c.id.as_str(), c.po_required))
        .collect();
    for inv in &data.invoices {
        assert_eq!(
            !inv.po_number.is_empty(),
            po[inv.client_id.as_str()],
            "{}",
            inv.id
        );
    }
    // Numbers F<year>-0001… consecutive per year and in date order.
    let mut by_year: BTreeMap<i32, Vec<(NaiveDate, u32)>> = BTreeMap::new();
    for inv in &data.invoices {
        if let Some(n) = &inv.number {
            let (year, counter) = n.trim_start_matches('F').split_once('-').expect("F<year>-<n>");
            assert_eq!(year.parse::<i32>().expect("year"), inv.issue_date.year());
            by_year
                .entry(inv.issue_date.year())
                .or_default()
                .push((inv.issue_date, counter.parse().expect("n")));
        }
    }
    let series = data
        .series
        .iter()
        .find(|s| s.kind == DocKind::Invoice)
        .expect("series");
    for (year, mut nums) in by_year {
        nums.sort_by_key(|(_, n)| *n);
        let counters: Vec<u32> = nums.iter().map(|(_, n)| *n).collect();
        assert_eq!(
            counters,
            (1..=counters.len() as u32).collect::<Vec<_>>(),
            "gaps in {year}"
        );
        assert!(
            nums.windows(2).all(|w| w[0].0 <= w[1].0),
            "numbers out of date order in {year}"
        );
        assert_eq!(series.last.get(&year), Some(&(counters.len() as u32)));
    }
    // Payment behaviours and collection events all occur.
    let notes: Vec<&str> = data.payments.iter().map(|p| p.note.as_str()).collect();
    assert!(notes.contains(&"Pronto pago") && notes.contains(&"Pago parcial"));
    let late = data.payments.iter().filter(|p| {
        data.invoices
            .iter()
            .find(|i| i.id == p.invoice_id)
            .is_some_and(|i| p.date > i.due_date)
    });
    assert!(late.count() > 10);
    assert!(data.invoices.iter().any(|i| !i.disputes.is_empty()));
    assert!(data
        .contacts
        .iter()
        .any(|c| matches!(c.outcome, Outcome::PromisedToPay { .. })));
    assert!(!data.credit_notes.is_empty());
    assert!(
        data.invoices.iter().any(|i| i.number.is_none()),
        "some recent drafts"
    );
    assert!(data.quotes.iter().any(|q| q.invoice_id.is_some()));
    // Unpaid, overdue invoices exist, so the agenda has work.
    assert!(data.invoices.iter().any(|i| i.number.is_some()
        && i.due_date < t
        && i.cancelled_by.is_none()
        && !data.payments.iter().any(|p| p.invoice_id == i.id)));
}

/// The app's own demo (12 clients, 120 invoices) on several days and seeds.
fn app_demos() -> Vec<(u64, NaiveDate)> {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
    vec![
        (2026, day(2026, 3, 1)),
        (2026, day(2025, 11, 17)),
        (7, day(2026, 6, 30)),
        (42, day(2024, 2, 29)),
    ]
}

fn app_demo(seed: u64, today: NaiveDate) -> Dataset {
    generate(DemoSpec {
        clients: 12,
        invoices: 120,
        seed,
        today,
    })
}

/// One line per agenda item, for failure messages.
fn dump(items: &[agenda::Item]) -> String {
    items
        .iter()
        .filter_map(|i| i.follow_up().map(|f| (i, f)))
        .map(|(i, f)| {
            format!(
                "{} {:?} due {} owed {:?} ({} days overdue, worth {})\n",
                f.invoice.number.as_deref().unwrap_or(""),
                f.current.kind,
                i.due,
                f.owed,
                i.days_overdue,
                i.worth
            )
        })
        .collect()
}

#[test]
fn the_app_demo_has_a_realistic_agenda_today() {
    for (seed, today) in app_demos() {
        let data = app_demo(seed, today);
        assert!(backup::validate(&data).is_empty(), "seed {seed} {today}");
        let ledger = Ledger::new(&data);
        let a = agenda::agenda(&ledger, today, 14);
        let (due, soon) = (&a.due, &a.upcoming);
        let ctx = format!(
            "seed {seed} on {today}:\n{}\nupcoming:\n{}",
            dump(due),
            dump(soon)
        );
        assert!(due.len() >= 5, "{ctx}");
        assert!(due.iter().all(|i| i.due <= today), "{ctx}");
        // One card per invoice.
        let invoices: BTreeSet<&str> = due.iter().map(|i| i.task.id()).collect();
        assert_eq!(invoices.len(), due.len(), "{ctx}");
        let kinds: BTreeSet<StepKind> = due
            .iter()
            .filter_map(|i| i.follow_up())
            .map(|f| f.current.kind)
            .collect();
        for kind in [
            StepKind::ReceiptCheck,
            StepKind::PreDue,
            StepKind::Reminder,
            StepKind::FormalLetter,
            StepKind::Escalation,
        ] {
            assert!(kinds.contains(&kind), "no {kind:?} due: {ctx}");
        }
        // Some are overdue, not only current, and the most valuable comes first.
        assert!(due.iter().any(|i| i.days_overdue > 0), "{ctx}");
        assert!(due.windows(2).all(|w| w[0].worth >= w[1].worth), "{ctx}");
        assert!(soon.len() >= 3, "{ctx}");
        assert!(soon.iter().all(|i| i.due > today), "{ctx}");
    }
}

#[test]
fn the_follow_up_follows_the_invoices_story() {
    for (seed, today) in app_demos() {
        let data = app_demo(seed, today);
        let ledger = Ledger::new(&data);
        let steps: HashMap<&str, &FollowUpStep> = data.steps.iter().map(|s| (s.id.as_str(), s)).collect();
        // Every sent invoice is followed up; drafts are not.
        for inv in &data.invoices {
            let mine = ledger.steps_of(&inv.id);
            assert_eq!(inv.sent.is_some(), !mine.is_empty(), "{}", inv.id);
            assert!(mine.iter().all(|s| s.due >= inv.issue_date));
        }
        // Each step done has exactly one contact, on that day, linked by `step_id`.
        let mut answered: HashMap<&str, usize> = HashMap::new();
        for c in &data.contacts {
            assert!(c.date <= today);
            let Some(id) = &c.step_id else { continue };
            let step = steps[id.as_str()];
            assert_eq!(step.state, StepState::Done { date: c.date }, "{id}");
            assert_eq!(c.invoice_id.as_deref(), Some(step.invoice_id.as_str()));
            *answered.entry(id.as_str()).or_default() += 1;
        }
        for s in &data.steps {
            if let StepState::Done { date } = s.state {
                assert_eq!(answered.get(s.id.as_str()), Some(&1), "{}", s.id);
                assert!(date >= s.due && date <= today, "{}", s.id);
            }
        }
        assert!(answered.len() > 50, "seed {seed}: {} steps done", answered.len());
        let open = |id: &str| {
            ledger
                .steps_of(id)
                .iter()
                .filter(|s| s.state == StepState::Open)
                .count()
        };
        let mut superseded_by_payment = 0;
        for inv in &data.invoices {
            let status = ledger.status(inv, today).expect("status");
            let mine = ledger.steps_of(&inv.id);
            match status {
                // A payment in full closes every step: nothing left open.
                InvoiceStatus::Paid | InvoiceStatus::Cancelled => {
                    assert_eq!(open(&inv.id), 0, "{} {status:?}", inv.id);
                    if status == InvoiceStatus::Paid && mine.iter().any(|s| s.state == StepState::Superseded)
                    {
                        superseded_by_payment += 1;
                    }
                }
                // A dispute pauses the policy's steps; it closes none (unless the debt was
                // then handed over or written off, which closes everything).
                InvoiceStatus::Disputed
                    if follow_up::closure(ledger.contacts_of(&inv.id).iter().copied(), today).is_none() =>
                {
                    assert!(
                        open(&inv.id) > 0,
                        "a dispute pauses, it closes nothing: {}",
                        inv.id
                    )
                }
                _ => {}
            }
        }
        assert!(superseded_by_payment > 10, "seed {seed}: {superseded_by_payment}");
        // Promises made have their check (open, done or replaced by the payment).
        for c in &data.contacts {
            if let Outcome::PromisedToPay { date } = c.outcome {
                let inv = c.invoice_id.as_deref().expect("invoice");
                assert!(
                    ledger
                        .steps_of(inv)
                        .iter()
                        .any(|s| s.kind == StepKind::PromiseCheck && s.due > date),
                    "{inv}"
                );
            }
        }
        // Invoices sent in the last two weeks keep their steps of the last days open (the
        // user is a few days behind), unless a payment or a credit note closed them.
        let recent: Vec<&Invoice> = data
            .invoices
            .iter()
            .filter(|i| i.sent.as_ref().is_some_and(|s| (today - s.date).num_days() <= 14))
            .collect();
        assert!(!recent.is_empty(), "seed {seed}");
        let mut receipt_checks_open = 0;
        for inv in recent {
            let settled = matches!(
                ledger.status(inv, today),
                Ok(InvoiceStatus::Paid | InvoiceStatus::Cancelled)
            );
            for s in ledger.steps_of(&inv.id) {
                if s.due >= today - chrono::Days::new(2) && !settled {
                    assert_eq!(s.state, StepState::Open, "{}", inv.id);
                }
                if s.kind == StepKind::ReceiptCheck && s.state == StepState::Open {
                    receipt_checks_open += 1;
                }
            }
        }
        assert!(receipt_checks_open >= 1, "seed {seed}");
    }
}

#[test]
fn disputes_promises_and_payments_all_shape_the_demo_follow_up() {
    let data = generate(spec(42));
    let t = today();
    let ledger = Ledger::new(&data);
    let kinds = |f: &dyn Fn(&FollowUpStep) -> bool| data.steps.iter().filter(|s| f(s)).count();
    assert!(kinds(&|s| s.kind == StepKind::PromiseCheck) > 5);
    assert!(kinds(&|s| matches!(s.state, StepState::Skipped { .. })) > 0);
    // An unresolved dispute shows on the agenda as its review, never as a reminder…
    let paused: Vec<&Invoice> = data
        .invoices
        .iter()
        .filter(|i| lifecycle::current_dispute(i).is_some())
        .collect();
    assert!(!paused.is_empty());
    let a = agenda::agenda(&ledger, t, 14);
    let kind_of = |id: &str| {
        a.all()
            .filter_map(|i| i.follow_up())
            .find(|f| f.invoice.id == id)
            .map(|f| f.current.kind)
    };
    let mut reviewed = 0;
    for inv in &paused {
        if let Some(kind) = kind_of(&inv.id) {
            assert_eq!(kind, StepKind::DisputeReview, "{}", inv.id);
            reviewed += 1;
        }
    }
    assert!(reviewed > 0);
    assert!(kinds(&|s| s.kind == StepKind::DisputeReview && matches!(s.state, StepState::Done { .. })) > 0);
    // Old debts are contacted again after the policy, and some end written off or with legal.
    assert!(kinds(&|s| s.kind == StepKind::Recontact && matches!(s.state, StepState::Done { .. })) > 0);
    for outcome in [Outcome::WrittenOff, Outcome::HandedToLegal] {
        assert!(data.contacts.iter().any(|c| c.outcome == outcome), "{outcome:?}");
    }
    // …and a resolved one resumed it: nothing open was left inside the dispute's dates.
    for inv in data
        .invoices
        .iter()
        .filter(|i| i.disputes.last().is_some_and(|d| d.resolved.is_some()))
    {
        let d = inv.disputes.last().expect("dispute");
        let resolved = d.resolved.expect("resolved");
        assert!(
            ledger
                .steps_of(&inv.id)
                .iter()
                .filter(|s| s.state == StepState::Open)
                .all(|s| s.due < d.opened || s.due > resolved),
            "{}",
            inv.id
        );
    }
}
