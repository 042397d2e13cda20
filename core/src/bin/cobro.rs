//! `cobro`: a command-line tool over backup files, so a backup can be checked,
//! inspected and generated without a browser (support, CI, benchmarks).
//! Standard library only; arguments are parsed by hand.
//!
//! Output goes through one locked, buffered stdout with `writeln!`, so a reader
//! that stops early (`cobro report … | head`) ends the program quietly with
//! success instead of a panic: nobody is left to read the rest.

use chrono::{Days, NaiveDate};
use cobro_core::agenda::{self, Item, Task};
use cobro_core::backup::{self, Backup};
use cobro_core::demo::{self, DemoSpec};
use cobro_core::ledger::Ledger;
use cobro_core::model::{Lang, StepKind};
use cobro_core::report::{self, Period};
use cobro_core::{money, schedule};
use serde::Serialize;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

const USAGE: &str = "\
usage:
  cobro check FILE                               check a backup; list every problem with its JSON path
  cobro agenda FILE --today YYYY-MM-DD [--json]  who to contact today and why, then the next 14 days
  cobro report FILE --today YYYY-MM-DD [--json]  outstanding, overdue, ageing, DSO (last 90 days)
  cobro demo --clients N --invoices M --seed S [--today YYYY-MM-DD]
                                                 write a demo backup to standard output

  cobro verifactu verify FILE                    check exported billing records or events: fingerprints,
                                                 chain, signatures (needs the `aeat` feature)
  cobro verifactu submit FILE --p12 P --password W [--endpoint URL] [--ca PEM]
                                                 send a records file to the AEAT over mutual TLS

exit status: 0 success, 1 the file has problems, 2 bad arguments";

/// `--today` when `demo` is not given one: the core has no clock, and a fixed
/// date keeps the output reproducible.
const DEFAULT_TODAY: (i32, u32, u32) = (2026, 3, 1);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut out = BufWriter::new(io::stdout().lock());
    let result = run(&args, &mut out).and_then(|code| {
        out.flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => code,
        Err(Failure::Usage(msg)) => {
            eprintln!("cobro: {msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::File(msg)) => {
            eprintln!("cobro: {msg}");
            ExitCode::from(1)
        }
        // The reader went away (`| head`): what it did not read is not wanted.
        Err(Failure::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Output(e)) => {
            eprintln!("cobro: cannot write the output: {e}");
            ExitCode::from(1)
        }
    }
}

enum Failure {
    Usage(String),
    File(String),
    /// Writing to standard output failed.
    Output(io::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Output(e)
    }
}

fn run(args: &[String], out: &mut impl Write) -> Result<ExitCode, Failure> {
    let (command, rest) = args
        .split_first()
        .ok_or_else(|| Failure::Usage("no command given".into()))?;
    if command == "verifactu" {
        return verifactu(rest, out);
    }
    let opts = Options::parse(rest)?;
    match command.as_str() {
        "check" => {
            opts.only(&[])?;
            check(&opts.file()?, out)
        }
        "agenda" => {
            opts.only(&["--today", "--json"])?;
            let today = opts
                .date("--today")?
                .ok_or_else(|| Failure::Usage("agenda needs --today".into()))?;
            let b = load(&opts.file()?)?;
            agenda(&b, today, opts.flag("--json"), out)
        }
        "report" => {
            opts.only(&["--today", "--json"])?;
            let today = opts
                .date("--today")?
                .ok_or_else(|| Failure::Usage("report needs --today".into()))?;
            let b = load(&opts.file()?)?;
            report(&b, today, opts.flag("--json"), out)
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
            out.write_all(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        "help" | "--help" | "-h" => {
            writeln!(out, "{USAGE}")?;
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

fn check(path: &str, out: &mut impl Write) -> Result<ExitCode, Failure> {
    match backup::parse(&read(path)?) {
        Ok(b) => {
            let d = &b.data;
            writeln!(
                out,
                "OK: {path} is a valid Cobro backup (format version {}, exported {} by Cobro {})",
                b.source_version,
                b.exported_at.to_rfc3339(),
                b.app_version
            )?;
            for note in &b.notes {
                writeln!(out, "note: {note}")?;
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
                writeln!(out, "  {name:<16} {n:>7}")?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            writeln!(out, "{path}: {} problem(s)", e.problems.len())?;
            for p in &e.problems {
                writeln!(out, "{p}")?;
            }
            if e.only_checksum_mismatch() {
                writeln!(
                    out,
                    "(only the checksum differs: the app can import it anyway if you confirm)"
                )?;
            }
            Ok(ExitCode::from(1))
        }
    }
}

/// Days ahead the agenda's "upcoming" list covers.
const UPCOMING_DAYS: u32 = agenda::UPCOMING_DAYS;

/// One agenda line as `--json` prints it: one invoice, its current step and why it ranks where
/// it does (the same order as the app's agenda and calendar).
#[derive(Serialize)]
struct AgendaRow<'a> {
    /// 1 for the first line of its list.
    rank: usize,
    client: &'a str,
    ap_contact: &'a str,
    ap_email: &'a str,
    ap_phone: &'a str,
    invoice: &'a str,
    invoice_id: &'a str,
    po: &'a str,
    currency: &'a str,
    /// Exact amount still owed, as a decimal string; `null` if it cannot be computed.
    owed: Option<rust_decimal::Decimal>,
    owed_formatted: String,
    step: StepKind,
    step_label: &'static str,
    /// When the step is to be done (a snoozed date included).
    step_due: NaiveDate,
    /// The date the policy gave it.
    planned: NaiveDate,
    snoozed: bool,
    /// Today − the step's date: negative for upcoming steps.
    days_late: i64,
    invoice_due: NaiveDate,
    /// Today − the invoice's due date.
    days_overdue: i64,
    /// What collecting it is worth now (the ranking), in the reference currency.
    worth: rust_decimal::Decimal,
    /// Earlier steps due now that this one supersedes.
    supersedes: Vec<StepKind>,
    promises_broken: u32,
}

impl<'a> AgendaRow<'a> {
    fn new(i: &'a Item<'a>, rank: usize, today: NaiveDate) -> Self {
        let Task::FollowUp(f) = &i.task;
        let client = f.client;
        let text = |get: fn(&'a cobro_core::Client) -> &'a str| client.map_or("", get);
        AgendaRow {
            rank,
            client: text(|c| &c.legal_name),
            ap_contact: text(|c| &c.ap_contact_name),
            ap_email: text(|c| &c.ap_contact_email),
            ap_phone: text(|c| &c.ap_contact_phone),
            invoice: f.invoice.number.as_deref().unwrap_or(""),
            invoice_id: &f.invoice.id,
            po: &f.invoice.po_number,
            currency: &f.invoice.currency,
            owed: f.owed,
            owed_formatted: f.owed.map_or_else(
                || "?".to_string(),
                |o| money::format_amount(o, &f.invoice.currency, Lang::En),
            ),
            step: f.current.kind,
            step_label: schedule::kind_label(f.current.kind),
            step_due: f.current.due,
            planned: f.current.planned,
            snoozed: f.current.snoozed,
            days_late: (today - f.current.due).num_days(),
            invoice_due: f.invoice.due_date,
            days_overdue: i.days_overdue,
            worth: i.worth,
            supersedes: f.current.supersedes.iter().map(|s| s.kind).collect(),
            promises_broken: f.promises_broken,
        }
    }
}

fn rows<'a>(items: &'a [Item<'a>], today: NaiveDate) -> Vec<AgendaRow<'a>> {
    items
        .iter()
        .enumerate()
        .map(|(at, i)| AgendaRow::new(i, at + 1, today))
        .collect()
}

fn agenda(b: &Backup, today: NaiveDate, json: bool, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let ledger = Ledger::new(&b.data);
    let a = agenda::agenda(&ledger, today, UPCOMING_DAYS);
    let (due, soon, later) = (
        rows(&a.due, today),
        rows(&a.upcoming, today),
        rows(&a.later, today),
    );
    if json {
        #[derive(Serialize)]
        struct Agenda<'a> {
            today: NaiveDate,
            /// The currency amounts are weighed in for the ranking.
            reference_currency: &'a str,
            /// One line per invoice whose step is due: the cards of the day, highest worth first.
            agenda: &'a [AgendaRow<'a>],
            upcoming_days: u32,
            upcoming: &'a [AgendaRow<'a>],
            /// Every other followed invoice, by the date of its next step.
            later: &'a [AgendaRow<'a>],
            /// Owed invoices handed to legal: out of the follow-up.
            with_legal: usize,
        }
        let doc = Agenda {
            today,
            reference_currency: &a.reference_currency,
            agenda: &due,
            upcoming_days: UPCOMING_DAYS,
            upcoming: &soon,
            later: &later,
            with_legal: a.with_legal,
        };
        serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::from)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "Agenda on {today}: {} invoice(s) to act on, highest priority first (amounts weighed in {})",
        due.len(),
        a.reference_currency
    )?;
    agenda_table(out, &due, "lateness")?;
    writeln!(out, "\nupcoming ({UPCOMING_DAYS} days): {}", soon.len())?;
    agenda_table(out, &soon, "due on")?;
    writeln!(
        out,
        "\nlater: {} invoice(s) with a next step after that; with legal: {}",
        later.len(),
        a.with_legal
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The rows as aligned columns (as wide as their longest name); `when` heads the last column:
/// for the cards of the day, how late the invoice is (as a card says it), for the coming days
/// the date of the step.
fn agenda_table(out: &mut impl Write, rows: &[AgendaRow], when: &str) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(out, "  (nothing)");
    }
    let width = |names: &mut dyn Iterator<Item = &str>, head: &str| {
        names
            .map(|n| n.chars().count())
            .chain([head.chars().count()])
            .max()
            .unwrap_or(0)
    };
    let client_w = width(&mut rows.iter().map(|r| r.client), "client");
    let ap_w = width(&mut rows.iter().map(|r| r.ap_contact), "AP contact");
    writeln!(
        out,
        "  {:>3} {:<16} {:<client_w$} {:<ap_w$} {:<11} {:<9} {:>14}  {when}",
        "#", "step", "client", "AP contact", "invoice", "PO", "owed"
    )?;
    for r in rows {
        let timing = if r.days_late < 0 {
            r.step_due.to_string()
        } else {
            match r.days_overdue {
                0 => "due today".to_owned(),
                n if n < 0 => format!("due in {} day(s)", -n),
                n => format!("{n} day(s) overdue"),
            }
        };
        writeln!(
            out,
            "  {:>3} {:<16} {:<client_w$} {:<ap_w$} {:<11} {:<9} {:>14}  {timing}",
            r.rank,
            r.step_label,
            r.client,
            r.ap_contact,
            r.invoice,
            if r.po.is_empty() { "–" } else { r.po },
            r.owed_formatted,
        )?;
    }
    Ok(())
}

/// Days the report's period figures (sales, DSO) cover, ending on `--today`.
const REPORT_DAYS: u64 = 90;

fn report(b: &Backup, today: NaiveDate, json: bool, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let from = today
        .checked_sub_days(Days::new(REPORT_DAYS - 1))
        .ok_or_else(|| Failure::Usage("--today is too early".into()))?;
    let ledger = Ledger::new(&b.data);
    let r = report::report(&ledger, today, Period { from, to: today })
        .map_err(|e| Failure::File(e.to_string()))?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &r).map_err(io::Error::from)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "Collections on {today} (period {from} to {today})")?;
    writeln!(
        out,
        "open invoices: {}, overdue: {}",
        r.open_count, r.overdue_count
    )?;
    let pct = |p: Option<rust_decimal::Decimal>| p.map_or("–".to_string(), |p| format!("{p} %"));
    for (code, c) in &r.currencies {
        writeln!(out, "\n{code}")?;
        writeln!(
            out,
            "  outstanding  {:>14}  ({} invoices)",
            c.outstanding, c.open_count
        )?;
        writeln!(
            out,
            "  overdue      {:>14}  ({} invoices, {} of the amount)",
            c.overdue,
            c.overdue_count,
            pct(c.overdue_amount_pct)
        )?;
        let a = &c.ageing;
        for (name, bucket) in [
            ("current", &a.current),
            ("1–30 days", &a.days_1_30),
            ("31–60 days", &a.days_31_60),
            ("61–90 days", &a.days_61_90),
            ("over 90", &a.over_90),
        ] {
            writeln!(out, "    {name:<11}{:>14}  ({})", bucket.amount, bucket.count)?;
        }
        writeln!(
            out,
            "  DSO          {:>14}",
            c.dso.map_or("–".to_string(), |d| format!("{d} days"))
        )?;
        writeln!(out, "  expected in 30 days {:>7}", c.expected.next_30_days.amount)?;
        for p in &c.top_late_payers {
            writeln!(
                out,
                "  late: {} owes {} ({} invoices)",
                p.legal_name, p.overdue, p.overdue_count
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "aeat")]
#[path = "../cli/verifactu.rs"]
mod verifactu_cli;

/// `cobro verifactu verify|submit` (see `cli/verifactu.rs`).
#[cfg(feature = "aeat")]
fn verifactu(args: &[String], out: &mut impl Write) -> Result<ExitCode, Failure> {
    let read =
        |p: &str| std::fs::read_to_string(p).map_err(|e| Failure::File(format!("cannot read {p}: {e}")));
    match args {
        [cmd, file] if cmd == "verify" => {
            let (n, problems) = verifactu_cli::verify_text(&read(file)?);
            for p in &problems {
                writeln!(out, "{p}")?;
            }
            if problems.is_empty() {
                writeln!(out, "{n} checked: fingerprints, chain and signatures hold")?;
                Ok(ExitCode::SUCCESS)
            } else {
                writeln!(out, "{n} checked, {} problem(s)", problems.len())?;
                Ok(ExitCode::from(1))
            }
        }
        [cmd, file, flags @ ..] if cmd == "submit" => {
            let mut p12 = None;
            let mut password = None;
            let mut endpoint = verifactu_cli::REQUEST_ENDPOINT.to_string();
            let mut ca = None;
            let mut it = flags.iter();
            while let Some(flag) = it.next() {
                let value = it
                    .next()
                    .ok_or_else(|| Failure::Usage(format!("{flag} needs a value")))?
                    .clone();
                match flag.as_str() {
                    "--p12" => p12 = Some(value),
                    "--password" => password = Some(value),
                    "--endpoint" => endpoint = value,
                    "--ca" => ca = Some(read(&value)?),
                    other => return Err(Failure::Usage(format!("unknown option {other}"))),
                }
            }
            let p12 = p12.ok_or_else(|| Failure::Usage("submit needs --p12".into()))?;
            let p12 = std::fs::read(&p12).map_err(|e| Failure::File(format!("cannot read {p12}: {e}")))?;
            let password = password.ok_or_else(|| Failure::Usage("submit needs --password".into()))?;
            let (status, body) =
                verifactu_cli::submit(&read(file)?, &p12, &password, &endpoint, ca.as_deref())
                    .map_err(|e| Failure::File(format!("the submission failed: {e}")))?;
            writeln!(out, "HTTP {status}\n{body}")?;
            Ok(if status == 200 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        _ => Err(Failure::Usage(
            "verifactu needs `verify FILE` or `submit FILE --p12 P --password W`".into(),
        )),
    }
}

#[cfg(not(feature = "aeat"))]
fn verifactu(_args: &[String], _out: &mut impl Write) -> Result<ExitCode, Failure> {
    Err(Failure::Usage(
        "this build has no billing-record commands: build with `--features aeat`".into(),
    ))
}
