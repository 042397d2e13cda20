//! Profiling aid: `gen PATH` writes the bench's backup; `parse PATH` reads it once.
use cobro_core::{backup, demo};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| "/tmp/bench-backup.json".into());
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default();
    match args.get(1).map(String::as_str) {
        Some("gen") => {
            let data = demo::generate(demo::DemoSpec {
                clients: 1000,
                invoices: 10_000,
                seed: 7,
                today,
            });
            let at = today.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc();
            let text = backup::export(&data, at, "bench").unwrap_or_default();
            std::fs::write(&path, text).unwrap_or_default();
        }
        Some("validate") => {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let opts = backup::ParseOptions {
                max_bytes: usize::MAX,
                ..backup::ParseOptions::default()
            };
            let b = backup::parse_with(&text, opts).map_err(|e| format!("{e:?}"));
            let data = b.map(|b| b.data).unwrap_or_default();
            let p = std::hint::black_box(backup::validate(std::hint::black_box(&data)));
            println!("{}", p.len());
        }
        _ => {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let opts = backup::ParseOptions {
                max_bytes: usize::MAX,
                ..backup::ParseOptions::default()
            };
            let b = backup::parse_with(std::hint::black_box(&text), opts);
            println!(
                "ok={} invoices={}",
                b.is_ok(),
                b.as_ref().map(|b| b.data.invoices.len()).unwrap_or(0)
            );
        }
    }
}
