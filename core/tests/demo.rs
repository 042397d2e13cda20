//! Demo data: deterministic, valid under the backup checks, and realistic
//! enough to exercise every screen.

use chrono::{Datelike, NaiveDate};
use cobro_core::backup;
use cobro_core::demo::{generate, DemoSpec};
use cobro_core::model::*;
use cobro_core::numbering;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

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
    assert_eq!(b.data, backup::sorted(&data));
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
