//! How long the daily screens take over a large history: 10 000 invoices from
//! the demo generator, each operation timed as the median of several runs
//! after a warm-up (std only: no benchmark crate). Speed targets live here, as
//! printed figures, never as timed tests (a busy machine would make them flaky).
//!
//! Run with `cargo bench -p cobro-core --bench agenda_reports`.
//!
//! "cold" rows build a fresh [`Ledger`] inside the timed run, so every balance
//! is computed; "warm" rows reuse one ledger, whose balances are remembered, as
//! the app does between renders of unchanged data.

use chrono::{Days, NaiveDate};
use cobro_core::agenda;
use cobro_core::backup;
use cobro_core::demo::{self, DemoSpec};
use cobro_core::ledger::Ledger;
use cobro_core::report::{self, Period};
use std::hint::black_box;
use std::time::{Duration, Instant};

const INVOICES: usize = 10_000;
const CLIENTS: usize = 150;
const WARMUP: usize = 2;
const MAX_RUNS: usize = 50;
/// Slow operations stop early (at least [`MIN_RUNS`]) so the whole bench stays well under two minutes.
const MIN_RUNS: usize = 5;
const TIME_BUDGET: Duration = Duration::from_secs(5);

/// Median of up to [`MAX_RUNS`] timed runs and how many were made.
fn median(mut f: impl FnMut()) -> (Duration, usize) {
    for _ in 0..WARMUP {
        f();
    }
    let start = Instant::now();
    let mut times = Vec::with_capacity(MAX_RUNS);
    while times.len() < MIN_RUNS || (times.len() < MAX_RUNS && start.elapsed() < TIME_BUDGET) {
        let t = Instant::now();
        f();
        times.push(t.elapsed());
    }
    times.sort();
    (
        times.get(times.len() / 2).copied().unwrap_or_default(),
        times.len(),
    )
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default();
    let spec = DemoSpec {
        clients: CLIENTS,
        invoices: INVOICES,
        seed: 42,
        today,
    };
    let data = demo::generate(spec);
    let at = today.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc();
    let text = backup::export(&data, at, "bench").unwrap_or_default();
    let period = Period {
        from: today.checked_sub_days(Days::new(89)).unwrap_or(today),
        to: today,
    };
    // With its follow-up steps and contacts this history is larger than the limit a backup
    // may have (`MAX_BACKUP_BYTES`); the limit is not what is timed, so it is lifted.
    let roomy = backup::ParseOptions {
        max_bytes: usize::MAX,
        ..backup::ParseOptions::default()
    };
    let parsed = backup::parse_with(&text, roomy);
    assert!(parsed.is_ok(), "the bench backup must parse: {:?}", parsed.err());
    let warm = Ledger::new(&data);
    let listed = agenda::agenda(&warm, today).len();
    let upcoming = agenda::upcoming(&warm, today, 14).len();

    let daily = |ledger: &Ledger| {
        drop(black_box(agenda::agenda(ledger, today)));
        drop(black_box(agenda::upcoming(ledger, today, 14)));
    };
    let rows: Vec<(&str, (Duration, usize))> = vec![
        (
            "ledger build",
            median(|| drop(black_box(Ledger::new(black_box(&data))))),
        ),
        (
            "agenda+upcoming, cold",
            median(|| daily(&Ledger::new(black_box(&data)))),
        ),
        ("agenda+upcoming, warm", median(|| daily(black_box(&warm)))),
        (
            "report, cold",
            median(|| {
                drop(black_box(report::report(
                    &Ledger::new(black_box(&data)),
                    today,
                    period,
                )))
            }),
        ),
        (
            "report, warm",
            median(|| drop(black_box(report::report(black_box(&warm), today, period)))),
        ),
        (
            "agenda+report, cold",
            median(|| {
                let ledger = Ledger::new(black_box(&data));
                daily(&ledger);
                drop(black_box(report::report(&ledger, today, period)));
            }),
        ),
        (
            "agenda+report, warm",
            median(|| {
                daily(black_box(&warm));
                drop(black_box(report::report(&warm, today, period)));
            }),
        ),
        (
            "validate",
            median(|| drop(black_box(backup::validate(black_box(&data))))),
        ),
        (
            "export",
            median(|| drop(black_box(backup::export(black_box(&data), at, "bench")))),
        ),
        (
            "parse (all checks)",
            median(|| drop(black_box(backup::parse_with(black_box(&text), roomy)))),
        ),
    ];

    println!(
        "{} invoices, {} payments, {} contacts, {} steps ({listed} on today's agenda, {upcoming} in \
         the next 14 days); backup {} KB",
        data.invoices.len(),
        data.payments.len(),
        data.contacts.len(),
        data.steps.len(),
        text.len() / 1024
    );
    println!("{:<24} {:>12} {:>6}", "operation", "median", "runs");
    for (name, (d, runs)) in rows {
        println!("{name:<24} {:>9.3} ms {runs:>6}", d.as_secs_f64() * 1000.0);
    }
}
