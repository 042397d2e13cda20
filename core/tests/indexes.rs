//! The ledger's indexes (records grouped per invoice, steps and contacts per invoice, dense
//! keys of clients and currencies, promised dates, closing facts) must give the same agenda and
//! report as the plain definitions, whatever order the records are stored in: the app reads
//! them from storage in id order, the demo generator writes them invoice by invoice.

use chrono::{Days, NaiveDate};
use cobro_core::agenda::{self, Agenda};
use cobro_core::demo::{self, DemoSpec};
use cobro_core::follow_up::{self, Facts};
use cobro_core::ledger::Ledger;
use cobro_core::lifecycle;
use cobro_core::model::{Dataset, Invoice};
use cobro_core::report::{self, Period};
use cobro_core::schedule;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

/// Reorders every record list by a permutation drawn from `seed` (a multiplicative walk).
fn shuffled(data: &Dataset, seed: usize) -> Dataset {
    fn walk<T: Clone>(list: &[T], seed: usize) -> Vec<T> {
        let mut order: Vec<(usize, usize)> = (0..list.len())
            .map(|i| ((i.wrapping_mul(2_654_435_761).wrapping_add(seed)) % 1_000_003, i))
            .collect();
        order.sort_unstable();
        order.into_iter().map(|(_, i)| list[i].clone()).collect()
    }
    let mut out = data.clone();
    out.clients = walk(&data.clients, seed);
    out.invoices = walk(&data.invoices, seed);
    out.credit_notes = walk(&data.credit_notes, seed);
    out.payments = walk(&data.payments, seed);
    out.contacts = walk(&data.contacts, seed);
    out.steps = walk(&data.steps, seed);
    out
}

/// Every agenda item checked against its definition with no index: the invoice's facts found
/// by scanning the lists give the same current step, and the items are exactly the invoices
/// followed up (issued, not cancelled, owing, not closed), each once.
fn check_against_plain(data: &Dataset, a: &Agenda, today: NaiveDate) -> Result<(), TestCaseError> {
    let mut listed: Vec<&str> = a
        .all()
        .map(|i| i.follow_up().map_or("", |f| f.invoice.id.as_str()))
        .collect();
    let mut followed: Vec<&str> = Vec::new();
    for inv in &data.invoices {
        let steps: Vec<_> = data.steps.iter().filter(|s| s.invoice_id == inv.id).collect();
        let contacts: Vec<_> = data
            .contacts
            .iter()
            .filter(|c| c.invoice_id.as_deref() == Some(inv.id.as_str()))
            .collect();
        // As it stood at the end of `today`: later payments and credit notes did not exist yet.
        let payments: Vec<_> = data
            .payments
            .iter()
            .filter(|p| p.invoice_id == inv.id && p.date <= today)
            .collect();
        let notes: Vec<_> = data
            .credit_notes
            .iter()
            .filter(|c| c.invoice_id == inv.id && c.issue_date <= today)
            .collect();
        let owed = lifecycle::balance(inv, &payments, &notes).ok().map(|b| b.owed);
        let cancelled = inv.cancelled_by.as_ref().is_some_and(|cn| {
            data.credit_notes
                .iter()
                .find(|c| &c.id == cn)
                .is_none_or(|c| c.issue_date <= today)
        });
        let facts = Facts {
            invoice: inv,
            steps: &steps,
            contacts: &contacts,
            owed,
            cancelled,
        };
        let client = data.clients.iter().rev().find(|c| c.id == inv.client_id);
        let policy = client.map_or(&data.settings.policy, |c| {
            schedule::effective_policy(&data.settings.policy, c)
        });
        let plain = follow_up::current(&facts, policy, today);
        let got = a
            .all()
            .filter_map(|i| i.follow_up())
            .find(|f| f.invoice.id == inv.id);
        prop_assert_eq!(got.map(|f| &f.current), plain.as_ref(), "invoice {}", inv.id);
        if plain.is_some() {
            followed.push(&inv.id);
        }
    }
    listed.sort_unstable();
    followed.sort_unstable();
    prop_assert_eq!(listed, followed);
    prop_assert!(a.due.iter().all(|i| i.due <= today));
    prop_assert!(a.upcoming.iter().chain(&a.later).all(|i| i.due > today));
    Ok(())
}

/// What an agenda lists, independent of where the records sit in their lists: per item the
/// invoice, its current step, its date and its worth, in order.
fn shape<'l>(a: &Agenda<'l>) -> Vec<(String, follow_up::Current<'l>, NaiveDate, Decimal)> {
    a.all()
        .filter_map(|i| {
            let f = i.follow_up()?;
            Some((f.invoice.id.clone(), f.current.clone(), i.due, i.worth))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn agenda_and_report_match_the_definitions_in_any_record_order(
        seed in 1u64..1000,
        order in 0usize..1000,
        back in 0u64..500,
        // The period mostly ends today, as the screens ask for it, and sometimes earlier.
        end_back in prop_oneof![Just(0u64), 0u64..120],
    ) {
        let data = demo::generate(DemoSpec { clients: 8, invoices: 150, seed, today: d(2026, 3, 1) });
        let today = d(2026, 3, 1) - Days::new(back);
        let end = today - Days::new(end_back);
        let period = Period { from: end - Days::new(89), to: end };
        let other = shuffled(&data, order);
        let (a, b) = (Ledger::new(&data), Ledger::new(&other));

        let (agenda_a, agenda_b) = (agenda::agenda(&a, today, 14), agenda::agenda(&b, today, 14));
        prop_assert_eq!(shape(&agenda_a), shape(&agenda_b));
        check_against_plain(&data, &agenda_a, today)?;
        check_against_plain(&other, &agenda_b, today)?;
        prop_assert_eq!(report::report(&a, today, period), report::report(&b, today, period));
        prop_assert_eq!(report::dso_series(&a, today, 6), report::dso_series(&b, today, 6));
    }
}

/// The balance of `inv` at the end of `date` by its definition: its payments and credit notes
/// dated by then, found by scanning.
fn plain_balance_as_of(
    data: &Dataset,
    inv: &Invoice,
    date: NaiveDate,
) -> Result<lifecycle::Balance, cobro_core::money::MoneyError> {
    let payments: Vec<_> = data
        .payments
        .iter()
        .filter(|p| p.invoice_id == inv.id && p.date <= date)
        .collect();
    let notes: Vec<_> = data
        .credit_notes
        .iter()
        .filter(|c| c.invoice_id == inv.id && c.issue_date <= date)
        .collect();
    lifecycle::balance(inv, &payments, &notes)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// What the ledger remembers (each invoice's charge, each credit note's total, the days of
    /// its events, the clients' order) gives the plain answers on any day, and a report asked
    /// again of the same ledger is the same report.
    #[test]
    fn remembered_figures_match_the_definitions(
        seed in 1u64..1000,
        order in 0usize..1000,
        back in 0u64..400,
        end_back in prop_oneof![Just(0u64), 0u64..120],
    ) {
        let data = shuffled(&demo::generate(DemoSpec { clients: 25, invoices: 200, seed, today: d(2026, 3, 1) }), order);
        let today = d(2026, 3, 1) - Days::new(back);
        let end = today - Days::new(end_back);
        let period = Period { from: end - Days::new(89), to: end };
        let ledger = Ledger::new(&data);
        drop(agenda::agenda(&ledger, today, 14));
        let first = report::report(&ledger, today, period);
        prop_assert_eq!(&report::report(&ledger, today, period), &first);
        let r = first.expect("the demo's report");

        for inv in &data.invoices {
            let event_days = data.payments.iter().filter(|p| p.invoice_id == inv.id).map(|p| p.date)
                .chain(data.credit_notes.iter().filter(|c| c.invoice_id == inv.id).map(|c| c.issue_date));
            let days: Vec<NaiveDate> = event_days.flat_map(|e| [e - Days::new(1), e]).chain([today, period.from]).collect();
            for day in days {
                prop_assert_eq!(report::balance_as_of(&ledger, inv, day), plain_balance_as_of(&data, inv, day));
                // An edited copy is computed afresh, never answered from what is remembered.
                let mut copy = inv.clone();
                copy.withholding_pct = Decimal::from(7);
                prop_assert_eq!(report::balance_as_of(&ledger, &copy, day), plain_balance_as_of(&data, &copy, day));
            }
        }

        // Clients by name (ignoring case), then id; what each owes today, per currency.
        let keys: Vec<(String, &str)> = r.clients.iter().map(|c| (c.legal_name.to_lowercase(), &*c.client_id)).collect();
        prop_assert!(keys.windows(2).all(|w| w[0] < w[1]), "{:?}", keys);
        for c in &r.clients {
            let mut owed: std::collections::BTreeMap<String, Decimal> = std::collections::BTreeMap::new();
            for inv in data.invoices.iter().filter(|i| *i.client_id == *c.client_id) {
                let o = report::owed_as_of(&ledger, inv, today).expect("owed");
                if o > Decimal::ZERO {
                    *owed.entry(inv.currency.clone()).or_default() += o;
                }
            }
            prop_assert_eq!(&c.outstanding, &owed);
        }
        // The latest payers: every client overdue in the currency, most overdue first, then
        // the later payer, then the list's order; the first ten.
        for (code, f) in &r.currencies {
            let mut late: Vec<_> = r.clients.iter().filter(|c| c.overdue.get(code).is_some_and(|a| *a > Decimal::ZERO)).collect();
            late.sort_by(|a, b| b.overdue.get(code).cmp(&a.overdue.get(code)).then_with(|| b.average_days_late.cmp(&a.average_days_late)));
            let plain: Vec<(&str, Decimal)> = late.iter().take(report::TOP_LATE_PAYERS).map(|c| (&*c.client_id, c.overdue.get(code).copied().unwrap_or_default())).collect();
            let got: Vec<(&str, Decimal)> = f.top_late_payers.iter().map(|l| (&*l.client_id, l.overdue)).collect();
            prop_assert_eq!(got, plain);
        }
    }
}

#[test]
fn upcoming_is_the_next_steps_of_the_window_in_due_order() {
    let today = d(2026, 3, 1);
    let data = shuffled(
        &demo::generate(DemoSpec {
            clients: 6,
            invoices: 120,
            seed: 5,
            today,
        }),
        7,
    );
    let ledger = Ledger::new(&data);
    let a = agenda::agenda(&ledger, today, 30);
    assert!(!a.upcoming.is_empty(), "the demo has steps coming");
    assert!(a.upcoming.windows(2).all(|w| w[0].due <= w[1].due));
    assert!(a
        .upcoming
        .iter()
        .all(|i| i.due > today && i.due <= today + Days::new(30)));
    assert!(a.later.iter().all(|i| i.due > today + Days::new(30)));
}
