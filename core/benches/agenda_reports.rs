//! How long the daily screens take over a large history: 10 000 invoices from
//! the demo generator, each operation timed as the median of several runs
//! after a warm-up (std only: no benchmark crate).
//!
//! Run with `cargo bench -p cobro-core --bench agenda_reports`.

use chrono::{Days, NaiveDate};
use cobro_core::backup;
use cobro_core::demo::{self, DemoSpec};
use cobro_core::ledger::Ledger;
use cobro_core::report::{self, Period};
use std::hint::black_box;
use std::time::{Duration, Instant};

const INVOICES: usize = 10_000;
const CLIENTS: usize = 150;
const WARMUP: usize = 3;
const RUNS: usize = 50;

fn median(mut f: impl FnMut()) -> Duration {
    for _ in 0..WARMUP {
        f();
    }
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times.get(RUNS / 2).copied().unwrap_or_default()
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
    let rows: Vec<(&str, Duration)> = vec![
        // TODO(agenda): time `cobro_core::agenda` for `today` here once that module is merged.
        (
            "ledger index",
            median(|| drop(black_box(Ledger::new(black_box(&data))))),
        ),
        (
            "report (incl. ledger)",
            median(|| {
                drop(black_box(report::report(
                    &Ledger::new(black_box(&data)),
                    today,
                    period,
                )))
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
            median(|| drop(black_box(backup::parse(black_box(&text))))),
        ),
    ];

    println!(
        "{} invoices, {} payments, {} contacts, {} steps; backup {} KB; median of {RUNS} runs",
        data.invoices.len(),
        data.payments.len(),
        data.contacts.len(),
        data.steps.len(),
        text.len() / 1024
    );
    println!("{:<22} {:>12}", "operation", "median");
    for (name, d) in rows {
        println!("{name:<22} {:>9.3} ms", d.as_secs_f64() * 1000.0);
    }
}
