//! How long the daily screens and a restore take over a large history: the 10k
//! dataset of issue 7 (the demo generator with 10 000 invoices over 1 000 clients,
//! seed 7, as `cobro demo --clients 1000 --invoices 10000 --seed 7` makes it, but on
//! a fixed today, 2026-03-01, so that runs on different days compare), measured with
//! Criterion. Speed targets live here, as printed figures, never
//! as timed tests (a busy machine would make them flaky).
//!
//! Run with `cargo bench -p cobro-core --bench agenda_reports`; add
//! `-- --output-format bencher` for one line per bench with its median
//! (`test agenda_reports/agenda_report_warm ... bench: 1,234,567 ns/iter (+/- …)`),
//! and a name filter (`-- agenda_reports/`) to run one group. The medians are
//! also in `$CARGO_TARGET_DIR/criterion/<group>/<bench>/new/estimates.json`.
//!
//! Bench names are stable (scripts read them):
//! - `agenda_reports/ledger_build`: indexing the dataset ([`Ledger::new`]).
//! - `agenda_reports/agenda_{cold,warm}`: today's agenda and the next 14 days.
//! - `agenda_reports/report_{cold,warm}`: the collections report over the last 90 days.
//! - `agenda_reports/agenda_report_{cold,warm}`: both, as the dashboard shows them.
//! - `backup/checksum`: the SHA-256 of the canonical form of the dataset.
//! - `backup/validate`: the semantic checks alone, on the typed dataset.
//! - `backup/export`: writing the backup file.
//! - `backup/parse_validate`: reading the backup file with every check (what an import does
//!   before writing to storage: JSON, types, checksum, semantic rules).
//!
//! "cold" benches build a fresh [`Ledger`] inside the timed run, so every balance
//! is computed, as the app does after every change of its data; "warm" ones reuse
//! one ledger, whose balances and indexes are remembered.
//!
//! `cargo bench` builds with `[profile.release]` (opt-level "z", size first), the level
//! the app's WebAssembly is built with: at that level the compiler inlines almost nothing,
//! which is what the core's hot paths are written for. `CARGO_PROFILE_BENCH_OPT_LEVEL=3`
//! shows what the code costs when the compiler inlines freely.

use chrono::{Days, NaiveDate};
use cobro_core::agenda;
use cobro_core::backup;
use cobro_core::demo::{self, DemoSpec};
use cobro_core::ledger::Ledger;
use cobro_core::model::Dataset;
use cobro_core::report::{self, Period};
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use std::hint::black_box;
use std::time::Duration;

const INVOICES: usize = 10_000;
const CLIENTS: usize = 1_000;
const SEED: u64 = 7;

struct Fixture {
    data: Dataset,
    today: NaiveDate,
    period: Period,
    text: String,
}

fn fixture() -> Fixture {
    let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default();
    let data = demo::generate(DemoSpec {
        clients: CLIENTS,
        invoices: INVOICES,
        seed: SEED,
        today,
    });
    let at = today.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc();
    let text = backup::export(&data, at, "bench").unwrap_or_default();
    let period = Period {
        from: today.checked_sub_days(Days::new(89)).unwrap_or(today),
        to: today,
    };
    let warm = Ledger::new(&data);
    println!(
        "{} invoices, {} payments, {} contacts, {} steps ({} on today's agenda, {} in the next \
         14 days); backup {} KB",
        data.invoices.len(),
        data.payments.len(),
        data.contacts.len(),
        data.steps.len(),
        agenda::agenda(&warm, today, 14).due.len(),
        agenda::agenda(&warm, today, 14).upcoming.len(),
        text.len() / 1024
    );
    drop(warm);
    Fixture {
        data,
        today,
        period,
        text,
    }
}

/// Today's agenda, the coming fortnight and every other invoice's next step, with the cards of
/// a first screen, as the agenda screen shows them.
fn daily(ledger: &Ledger, today: NaiveDate) {
    let a = agenda::agenda(ledger, today, 14);
    for (rank, item) in a.due.iter().take(agenda::PAGE).enumerate() {
        drop(black_box(agenda::card(
            ledger,
            &ledger.data.profile,
            item,
            rank + 1,
            today,
            true,
        )));
    }
    drop(black_box(a));
}

fn agenda_reports(c: &mut Criterion, f: &Fixture) {
    let (data, today, period) = (&f.data, f.today, f.period);
    let warm = Ledger::new(data);
    let mut g = c.benchmark_group("agenda_reports");
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("ledger_build", |b| {
        b.iter(|| drop(black_box(Ledger::new(black_box(data)))))
    });
    g.bench_function("agenda_cold", |b| {
        b.iter(|| daily(&Ledger::new(black_box(data)), today))
    });
    g.bench_function("agenda_warm", |b| b.iter(|| daily(black_box(&warm), today)));
    g.bench_function("report_cold", |b| {
        b.iter(|| {
            drop(black_box(report::report(
                &Ledger::new(black_box(data)),
                today,
                period,
            )))
        })
    });
    g.bench_function("report_warm", |b| {
        b.iter(|| drop(black_box(report::report(black_box(&warm), today, period))))
    });
    g.bench_function("agenda_report_cold", |b| {
        b.iter(|| {
            let ledger = Ledger::new(black_box(data));
            daily(&ledger, today);
            drop(black_box(report::report(&ledger, today, period)));
        })
    });
    g.bench_function("agenda_report_warm", |b| {
        b.iter(|| {
            daily(black_box(&warm), today);
            drop(black_box(report::report(&warm, today, period)));
        })
    });
    g.finish();
}

fn backups(c: &mut Criterion, f: &Fixture) {
    let (data, text) = (&f.data, f.text.as_str());
    let at = f.today.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc();
    // With its follow-up steps and contacts this history is near the limit a backup may have
    // (`MAX_BACKUP_BYTES`); the limit is not what is timed, so it is lifted.
    let roomy = backup::ParseOptions {
        max_bytes: usize::MAX,
        ..backup::ParseOptions::default()
    };
    let parsed = backup::parse_with(text, roomy);
    assert!(parsed.is_ok(), "the bench backup must parse: {:?}", parsed.err());
    let mut g = c.benchmark_group("backup");
    // Each run takes from tens of milliseconds to seconds: ten samples, one run each.
    g.sample_size(10);
    g.sampling_mode(SamplingMode::Flat);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("checksum", |b| {
        b.iter(|| drop(black_box(backup::checksum(black_box(data)))))
    });
    g.bench_function("validate", |b| {
        b.iter(|| drop(black_box(backup::validate(black_box(data)))))
    });
    g.bench_function("export", |b| {
        b.iter(|| drop(black_box(backup::export(black_box(data), at, "bench"))))
    });
    g.bench_function("parse_validate", |b| {
        b.iter(|| drop(black_box(backup::parse_with(black_box(text), roomy))))
    });
    g.finish();
}

fn all(c: &mut Criterion) {
    let f = fixture();
    agenda_reports(c, &f);
    backups(c, &f);
}

criterion_group!(benches, all);
criterion_main!(benches);
