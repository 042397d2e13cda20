//! The ledger's indexes (records grouped per invoice, open steps by due date, dense keys of
//! clients and currencies, promised dates) must give the same agenda and report as the plain
//! definitions, whatever order the records are stored in: the app reads them from storage in
//! id order, the demo generator writes them invoice by invoice.

use chrono::{Days, NaiveDate};
use cobro_core::agenda::{self, AgendaItem};
use cobro_core::demo::{self, DemoSpec};
use cobro_core::ledger::Ledger;
use cobro_core::lifecycle;
use cobro_core::model::{Dataset, Invoice, StepState};
use cobro_core::report::{self, Period};
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

/// Today's agenda by its definition, with no index: every open step due by `today` of a
/// collectible invoice that still owes money, in priority order.
fn plain_agenda(data: &Dataset, today: NaiveDate) -> Vec<AgendaItem<'_>> {
    let mut items = plain_items(data, today, |due| due <= today);
    items.sort_by(agenda::priority_order);
    items
}

/// The upcoming steps by their definition: due after `today` and by `today + days`, earliest
/// first, then in priority order.
fn plain_upcoming(data: &Dataset, today: NaiveDate, days: u64) -> Vec<AgendaItem<'_>> {
    let end = today + Days::new(days);
    let mut items = plain_items(data, today, |due| due > today && due <= end);
    items.sort_by(|a, b| {
        a.step
            .due
            .cmp(&b.step.due)
            .then_with(|| agenda::priority_order(a, b))
    });
    items
}

/// The agenda item of every open step whose due date `shown` accepts, on a collectible invoice
/// that still owes money, in file order.
fn plain_items(data: &Dataset, today: NaiveDate, shown: impl Fn(NaiveDate) -> bool) -> Vec<AgendaItem<'_>> {
    let mut items = Vec::new();
    for step in &data.steps {
        if step.state != StepState::Open || !shown(step.due) {
            continue;
        }
        let Some(inv) = data.invoices.iter().rev().find(|i| i.id == step.invoice_id) else {
            continue;
        };
        if !agenda::collectible(inv) {
            continue;
        }
        let payments: Vec<_> = data.payments.iter().filter(|p| p.invoice_id == inv.id).collect();
        let notes: Vec<_> = data
            .credit_notes
            .iter()
            .filter(|c| c.invoice_id == inv.id)
            .collect();
        let owed = lifecycle::balance(inv, &payments, &notes).ok().map(|b| b.owed);
        if owed.is_some_and(|o| o <= Decimal::ZERO) {
            continue;
        }
        let late = (today - step.due).num_days();
        items.push(AgendaItem {
            step,
            invoice: inv,
            client: data.clients.iter().rev().find(|c| c.id == inv.client_id),
            owed,
            step_days_late: late,
            days_past_invoice_due: (today - inv.due_date).num_days(),
            priority: owed.unwrap_or(Decimal::ZERO) * Decimal::from(late.max(0)),
        });
    }
    items
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

        prop_assert_eq!(agenda::agenda(&a, today), plain_agenda(&data, today));
        prop_assert_eq!(agenda::agenda(&b, today), plain_agenda(&other, today));
        prop_assert_eq!(agenda::upcoming(&a, today, 14), plain_upcoming(&data, today, 14));
        prop_assert_eq!(agenda::upcoming(&b, today, 14), plain_upcoming(&other, today, 14));
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
        drop(agenda::agenda(&ledger, today));
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
fn upcoming_is_the_open_steps_of_the_window_in_due_order() {
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
    let items = agenda::upcoming(&ledger, today, 30);
    assert!(!items.is_empty(), "the demo has steps coming");
    assert!(items.windows(2).all(|w| w[0].step.due <= w[1].step.due));
    assert!(items
        .iter()
        .all(|i| i.step.due > today && i.step.due <= today + Days::new(30)));
    // The same items as the plain definition over that window.
    let later = today + Days::new(30);
    let mut plain: Vec<_> = plain_agenda(&data, later)
        .into_iter()
        .filter(|i| i.step.due > today)
        .map(|i| i.step.id.clone())
        .collect();
    let mut got: Vec<_> = items.iter().map(|i| i.step.id.clone()).collect();
    plain.sort();
    got.sort();
    assert_eq!(got, plain);
}
