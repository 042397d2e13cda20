//! `cobro`: a command-line tool over backup files, so a backup can be checked,
//! inspected and generated without a browser (support, CI, benchmarks).
//! Standard library only; arguments are parsed by hand.

use chrono::{Days, NaiveDate};
use cobro_core::backup::{self, Backup};
use cobro_core::demo::{self, DemoSpec};
use cobro_core::ledger::Ledger;
use cobro_core::report::{self, Period};
use std::process::ExitCode;

const USAGE: &str = "\
usage:
  cobro check FILE                               check a backup; list every problem with its JSON path
  cobro agenda FILE --today YYYY-MM-DD           who to contact today and why
  cobro report FILE --today YYYY-MM-DD [--json]  outstanding, overdue, ageing, DSO (last 90 days)
  cobro demo --clients N --invoices M --seed S [--today YYYY-MM-DD]
                                                 write a demo backup to standard output

exit status: 0 success, 1 the file has problems, 2 bad arguments";

/// `--today` when `demo` is not given one: the core has no clock, and a fixed
/// date keeps the output reproducible.
const DEFAULT_TODAY: (i32, u32, u32) = (2026, 3, 1);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(Failure::Usage(msg)) => {
            eprintln!("cobro: {msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::File(msg)) => {
            eprintln!("cobro: {msg}");
            ExitCode::from(1)
        }
    }
}

enum Failure {
    Usage(String),
    File(String),
}

fn run(args: &[String]) -> Result<ExitCode, Failure> {
    let (command, rest) = args
        .split_first()
        .ok_or_else(|| Failure::Usage("no command given".into()))?;
    let opts = Options::parse(rest)?;
    match command.as_str() {
        "check" => {
            opts.only(&[])?;
            check(&opts.file()?)
        }
        "agenda" => {
            opts.only(&["--today"])?;
            let today = opts
                .date("--today")?
                .ok_or_else(|| Failure::Usage("agenda needs --today".into()))?;
            let b = load(&opts.file()?)?;
            agenda(&b, today)
        }
        "report" => {
            opts.only(&["--today", "--json"])?;
            let today = opts
                .date("--today")?
                .ok_or_else(|| Failure::Usage("report needs --today".into()))?;
            let b = load(&opts.file()?)?;
            report(&b, today, opts.flag("--json"))
        }
        "demo" => {
            opts.only(&["--clients", "--invoices", "--seed", "--today"])?;
            if !opts.positional.is_empty() {
                return Err(Failure::Usage("demo takes no file".into()));
            }
            let (y, m, d) = DEFAULT_TODAY;
            let spec = DemoSpec {
                clients: opts.number("--clients")?,
                invoices: opts.number("--invoices")?,
                seed: opts.number("--seed")?,
                today: opts
                    .date("--today")?
                    .or(NaiveDate::from_ymd_opt(y, m, d))
                    .unwrap_or_default(),
            };
            let data = demo::generate(spec);
            let at = spec.today.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc();
            let text = backup::export(&data, at, env!("CARGO_PKG_VERSION"))
                .map_err(|e| Failure::File(e.to_string()))?;
            print!("{text}");
            Ok(ExitCode::SUCCESS)
        }
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(Failure::Usage(format!("unknown command “{other}”"))),
    }
}

/// Positional arguments and `--name value` / `--flag` options.
struct Options {
    positional: Vec<String>,
    named: Vec<(String, Option<String>)>,
}

impl Options {
    const FLAGS: [&'static str; 1] = ["--json"];

    fn parse(args: &[String]) -> Result<Self, Failure> {
        let mut o = Options {
            positional: Vec::new(),
            named: Vec::new(),
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if !a.starts_with("--") {
                o.positional.push(a.clone());
            } else if Self::FLAGS.contains(&a.as_str()) {
                o.named.push((a.clone(), None));
            } else {
                let v = it
                    .next()
                    .ok_or_else(|| Failure::Usage(format!("{a} needs a value")))?;
                if o.named.iter().any(|(n, _)| n == a) {
                    return Err(Failure::Usage(format!("{a} given twice")));
                }
                o.named.push((a.clone(), Some(v.clone())));
            }
        }
        Ok(o)
    }

    /// Refuse options the command does not know.
    fn only(&self, allowed: &[&str]) -> Result<(), Failure> {
        match self.named.iter().find(|(n, _)| !allowed.contains(&n.as_str())) {
            Some((n, _)) => Err(Failure::Usage(format!("unknown option {n}"))),
            None => Ok(()),
        }
    }

    fn file(&self) -> Result<String, Failure> {
        match self.positional.as_slice() {
            [f] => Ok(f.clone()),
            [] => Err(Failure::Usage("a backup FILE is needed".into())),
            _ => Err(Failure::Usage("only one FILE is accepted".into())),
        }
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.named
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }

    fn flag(&self, name: &str) -> bool {
        self.named.iter().any(|(n, _)| n == name)
    }

    fn date(&self, name: &str) -> Result<Option<NaiveDate>, Failure> {
        self.value(name)
            .map(|v| {
                NaiveDate::parse_from_str(v, "%Y-%m-%d")
                    .map_err(|_| Failure::Usage(format!("{name} must be a date like 2026-03-01, not “{v}”")))
            })
            .transpose()
    }

    fn number<T: std::str::FromStr>(&self, name: &str) -> Result<T, Failure> {
        let v = self
            .value(name)
            .ok_or_else(|| Failure::Usage(format!("{name} is required")))?;
        v.parse()
            .map_err(|_| Failure::Usage(format!("{name} must be a whole number, not “{v}”")))
    }
}

fn read(path: &str) -> Result<String, Failure> {
    let meta = std::fs::metadata(path).map_err(|e| Failure::File(format!("cannot read {path}: {e}")))?;
    if meta.len() > backup::MAX_BACKUP_BYTES as u64 {
        return Err(Failure::File(format!(
            "{path} is {} bytes, more than the {} bytes a backup may have",
            meta.len(),
            backup::MAX_BACKUP_BYTES
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| Failure::File(format!("cannot read {path}: {e}")))?;
    String::from_utf8(bytes)
        .map_err(|_| Failure::File(format!("{path} is not UTF-8 text, so it is not a Cobro backup")))
}

/// A checked backup, or every problem on stderr.
fn load(path: &str) -> Result<Backup, Failure> {
    backup::parse(&read(path)?).map_err(|e| Failure::File(e.to_string()))
}

fn check(path: &str) -> Result<ExitCode, Failure> {
    match backup::parse(&read(path)?) {
        Ok(b) => {
            let d = &b.data;
            println!(
                "OK: {path} is a valid Cobro backup (format version {}, exported {} by Cobro {})",
                b.source_version,
                b.exported_at.to_rfc3339(),
                b.app_version
            );
            for note in &b.notes {
                println!("note: {note}");
            }
            for (name, n) in [
                ("payment methods", d.payment_methods.len()),
                ("series", d.series.len()),
                ("clients", d.clients.len()),
                ("catalogue items", d.items.len()),
                ("quotes", d.quotes.len()),
                ("invoices", d.invoices.len()),
                ("credit notes", d.credit_notes.len()),
                ("payments", d.payments.len()),
                ("contacts", d.contacts.len()),
                ("follow-up steps", d.steps.len()),
            ] {
                println!("  {name:<16} {n:>7}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            println!("{path}: {} problem(s)", e.problems.len());
            for p in &e.problems {
                println!("{p}");
            }
            if e.only_checksum_mismatch() {
                println!("(only the checksum differs: the app can import it anyway if you confirm)");
            }
            Ok(ExitCode::from(1))
        }
    }
}

fn agenda(b: &Backup, today: NaiveDate) -> Result<ExitCode, Failure> {
    // TODO(agenda): print `crate::agenda` for `today` once that module is merged.
    let _ = (b, today);
    Err(Failure::File(
        "the agenda is not available in this build yet".into(),
    ))
}

/// Days the report's period figures (sales, DSO) cover, ending on `--today`.
const REPORT_DAYS: u64 = 90;

fn report(b: &Backup, today: NaiveDate, json: bool) -> Result<ExitCode, Failure> {
    let from = today
        .checked_sub_days(Days::new(REPORT_DAYS - 1))
        .ok_or_else(|| Failure::Usage("--today is too early".into()))?;
    let ledger = Ledger::new(&b.data);
    let r = report::report(&ledger, today, Period { from, to: today })
        .map_err(|e| Failure::File(e.to_string()))?;
    if json {
        let text = serde_json::to_string_pretty(&r).map_err(|e| Failure::File(e.to_string()))?;
        println!("{text}");
        return Ok(ExitCode::SUCCESS);
    }
    println!("Collections on {today} (period {from} to {today})");
    println!("open invoices: {}, overdue: {}", r.open_count, r.overdue_count);
    let pct = |p: Option<rust_decimal::Decimal>| p.map_or("–".to_string(), |p| format!("{p} %"));
    for (code, c) in &r.currencies {
        println!("\n{code}");
        println!(
            "  outstanding  {:>14}  ({} invoices)",
            c.outstanding, c.open_count
        );
        println!(
            "  overdue      {:>14}  ({} invoices, {} of the amount)",
            c.overdue,
            c.overdue_count,
            pct(c.overdue_amount_pct)
        );
        let a = &c.ageing;
        for (name, bucket) in [
            ("current", &a.current),
            ("1–30 days", &a.days_1_30),
            ("31–60 days", &a.days_31_60),
            ("61–90 days", &a.days_61_90),
            ("over 90", &a.over_90),
        ] {
            println!("    {name:<11}{:>14}  ({})", bucket.amount, bucket.count);
        }
        println!(
            "  DSO          {:>14}",
            c.dso.map_or("–".to_string(), |d| format!("{d} days"))
        );
        println!("  expected in 30 days {:>7}", c.expected.next_30_days.amount);
        for p in &c.top_late_payers {
            println!(
                "  late: {} owes {} ({} invoices)",
                p.legal_name, p.overdue, p.overdue_count
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
