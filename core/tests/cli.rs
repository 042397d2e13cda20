//! The `cobro` command-line tool: exit codes, messages and output.

use chrono::NaiveDate;
use cobro_core::demo::{self, DemoSpec};
use cobro_core::ledger::Ledger;
use cobro_core::{agenda, backup, schedule};
use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn cobro(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cobro"))
        .args(args)
        .output()
        .expect("cobro runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A temporary file path unique to this test process and name.
fn temp(name: &str, contents: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("cobro-cli-{}-{name}.json", std::process::id()));
    std::fs::write(&path, contents).expect("write temp file");
    path
}

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

#[test]
fn bad_arguments_exit_2_with_usage() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["check"],
        &["check", "a.json", "b.json"],
        &["check", "a.json", "--json"],
        &["agenda", "a.json"],
        &["agenda", "a.json", "--today", "2026-02-30"],
        &["agenda", "a.json", "--today", "tomorrow"],
        &["agenda", "a.json", "--today", "2026-03-01", "--verbose", "x"],
        &["report", "a.json", "--today"],
        &["demo", "--clients", "x", "--invoices", "1", "--seed", "1"],
        &["demo", "--clients", "1", "--invoices", "1"],
        &[
            "demo",
            "--clients",
            "1",
            "--clients",
            "2",
            "--invoices",
            "1",
            "--seed",
            "1",
        ],
    ] {
        let o = cobro(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("usage:"), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn help_prints_usage() {
    let o = cobro(&["help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("cobro check FILE"));
}

#[test]
fn check_accepts_the_golden_files() {
    let o = cobro(&["check", &format!("{FIXTURES}/backup-v1.json")]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.starts_with("OK:"));
    assert!(
        out.lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["invoices", "4"]),
        "{out}"
    );

    let o = cobro(&["check", &format!("{FIXTURES}/backup-v0.json")]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("note: $.schema_version"), "{}", stdout(&o));
}

#[test]
fn check_lists_every_problem_with_its_path() {
    let golden = std::fs::read_to_string(format!("{FIXTURES}/backup-v1.json")).expect("fixture");
    let broken = golden
        .replacen("\"client_id\": \"cl-1\"", "\"client_id\": 7", 1)
        .replace("\"482.30\"", "\"-1\"");
    let path = temp("broken", &broken);
    let o = cobro(&["check", path.to_str().expect("utf-8 path")]);
    std::fs::remove_file(&path).ok();
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("$.data.quotes[0].client_id: wrong type or value"),
        "{out}"
    );

    let tampered = golden.replace("\"482.30\"", "\"-1\"");
    let path = temp("tampered", &tampered);
    let o = cobro(&["check", path.to_str().expect("utf-8 path")]);
    std::fs::remove_file(&path).ok();
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("2 problem(s)"), "{out}");
    assert!(out.contains("$.sha256: the checksum does not match"), "{out}");
    assert!(
        out.contains("$.data.payments[0].amount: the amount must be more than zero"),
        "{out}"
    );
}

#[test]
fn check_reports_unreadable_files() {
    let o = cobro(&["check", "/nonexistent/backup.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot read"));
    let path = temp("garbage", "not json at all");
    let o = cobro(&["check", path.to_str().expect("utf-8 path")]);
    std::fs::remove_file(&path).ok();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("$: the file is not valid JSON"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn demo_writes_a_valid_reproducible_backup() {
    let args = [
        "demo",
        "--clients",
        "8",
        "--invoices",
        "60",
        "--seed",
        "5",
        "--today",
        "2025-12-31",
    ];
    let a = cobro(&args);
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
    assert_eq!(a.stdout, cobro(&args).stdout, "same seed, same bytes");
    let text = stdout(&a);
    let b = cobro_core::backup::parse(&text).expect("valid backup");
    assert_eq!(b.data.invoices.len(), 60);
    assert_eq!(b.exported_at.date_naive().to_string(), "2025-12-31");
    assert!(b
        .data
        .invoices
        .iter()
        .all(|i| i.issue_date.to_string().as_str() <= "2025-12-31"));
    // And `check` agrees.
    let path = temp("demo", &text);
    let o = cobro(&["check", path.to_str().expect("utf-8 path")]);
    std::fs::remove_file(&path).ok();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn agenda_and_report_read_the_backup_first() {
    let o = cobro(&["agenda", "/nonexistent/backup.json", "--today", "2026-03-01"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot read"));
    let o = cobro(&[
        "report",
        "/nonexistent/backup.json",
        "--today",
        "2026-03-01",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn report_prints_the_figures_of_a_backup() {
    let file = format!("{FIXTURES}/backup-v1.json");
    let o = cobro(&["report", &file, "--today", "2026-03-10", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    // inv-1 (482.30) is unpaid and past due; inv-2 is paid, inv-3 cancelled, inv-4 a draft.
    let eur = &v["currencies"]["EUR"];
    assert_eq!(eur["outstanding"], "482.30");
    assert_eq!(eur["overdue"], "482.30");
    assert_eq!(eur["overdue_count"], 1);
    assert_eq!(v["today"], "2026-03-10");
    assert_eq!(v["period"]["from"], "2025-12-11");

    let o = cobro(&["report", &file, "--today", "2026-03-10"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("EUR") && out.contains("482.30"), "{out}");
}

/// A demo backup on disk, as the app's demo makes it, and the day it ends.
fn demo_file(name: &str) -> (PathBuf, String, NaiveDate) {
    let today = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
    let data = demo::generate(DemoSpec {
        clients: 12,
        invoices: 120,
        seed: 2026,
        today,
    });
    let at = today.and_hms_opt(12, 0, 0).expect("time").and_utc();
    let text = backup::export(&data, at, "test").expect("export");
    (temp(name, &text), text, today)
}

#[test]
fn agenda_lists_the_day_in_priority_order() {
    let (path, text, today) = demo_file("agenda");
    let file = path.to_str().expect("utf-8 path").to_owned();
    let data = backup::parse(&text).expect("valid").data;
    let ledger = Ledger::new(&data);
    let a = agenda::agenda(&ledger, today, 14);
    let (due, soon) = (&a.due, &a.upcoming);
    assert!(due.len() >= 5 && !soon.is_empty());

    let o = cobro(&["agenda", &file, "--today", "2026-03-01", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["today"], "2026-03-01");
    assert_eq!(v["reference_currency"], "EUR");
    let rows = v["agenda"].as_array().expect("agenda");
    assert_eq!(rows.len(), due.len());
    for (at, (row, item)) in rows.iter().zip(due).enumerate() {
        let f = item.follow_up().expect("an invoice's follow-up");
        assert_eq!(row["rank"], at + 1);
        assert_eq!(row["invoice"], f.invoice.number.as_deref().unwrap_or(""));
        assert_eq!(row["client"], f.client.map_or("", |c| c.legal_name.as_str()));
        assert_eq!(row["po"], f.invoice.po_number.as_str());
        assert_eq!(row["step"], serde_json::to_value(f.current.kind).expect("kind"));
        assert_eq!(row["days_late"], (today - f.current.due).num_days());
        assert_eq!(row["days_overdue"], item.days_overdue);
        assert_eq!(row["worth"], item.worth.to_string());
        assert_eq!(row["owed"], f.owed.expect("owed").to_string());
        assert!(row["owed_formatted"].as_str().expect("text").contains(['€', '$']));
    }
    let upcoming = v["upcoming"].as_array().expect("upcoming");
    assert_eq!(upcoming.len(), soon.len());
    assert!(upcoming.iter().all(|r| r["days_late"].as_i64() < Some(0)));
    assert_eq!(v["later"].as_array().expect("later").len(), a.later.len());

    // The text lists the same items in the same order, each with its client and step.
    let o = cobro(&["agenda", &file, "--today", "2026-03-01"]);
    std::fs::remove_file(&path).ok();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].contains(&format!("{} invoice(s) to act on", due.len())),
        "{out}"
    );
    for (line, item) in lines[2..].iter().zip(due) {
        let f = item.follow_up().expect("follow-up");
        assert!(line.contains(f.invoice.number.as_deref().unwrap_or("")), "{line}");
        assert!(
            line.contains(f.client.map_or("", |c| c.legal_name.as_str())),
            "{line}"
        );
        assert!(line.contains(schedule::kind_label(f.current.kind)), "{line}");
        // How late the invoice is, as its card says it (not how late the step is).
        let lateness = match item.days_overdue {
            0 => "due today".to_owned(),
            n if n < 0 => format!("due in {} day(s)", -n),
            n => format!("{n} day(s) overdue"),
        };
        assert!(line.ends_with(&lateness), "{line}");
    }
    let at = lines
        .iter()
        .position(|l| l.starts_with("upcoming (14 days)"))
        .expect("upcoming section");
    assert_eq!(at, 2 + due.len() + 1, "{out}");
    for (line, item) in lines[at + 2..].iter().zip(soon) {
        let f = item.follow_up().expect("follow-up");
        assert!(line.contains(f.invoice.number.as_deref().unwrap_or("")), "{line}");
        assert!(line.contains(&item.due.to_string()), "{line}");
    }
}

/// `cobro agenda --json` and `cobro report --json` tell the same story: every invoice the
/// report counts as open is on the agenda once (a card, coming up or later) or with legal,
/// none twice; the written-off ones are on neither, and the report sets them apart.
#[test]
fn agenda_and_report_agree_on_every_owed_invoice() {
    let today = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
    let data = demo::generate(DemoSpec {
        clients: 40,
        invoices: 1500,
        seed: 7,
        today,
    });
    let at = today.and_hms_opt(12, 0, 0).expect("time").and_utc();
    let path = temp("agree", &backup::export(&data, at, "test").expect("export"));
    let file = path.to_str().expect("utf-8 path").to_owned();
    for day in ["2026-03-01", "2025-11-14"] {
        let agenda: serde_json::Value =
            serde_json::from_slice(&cobro(&["agenda", &file, "--today", day, "--json"]).stdout)
                .expect("agenda json");
        let report: serde_json::Value =
            serde_json::from_slice(&cobro(&["report", &file, "--today", day, "--json"]).stdout)
                .expect("report json");
        let mut ids: Vec<&str> = Vec::new();
        for list in ["agenda", "upcoming", "later"] {
            for row in agenda[list].as_array().expect("list") {
                ids.push(row["invoice_id"].as_str().expect("id"));
            }
        }
        let listed = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), listed, "{day}: one line per invoice");
        let with_legal = agenda["with_legal"].as_u64().expect("count") as usize;
        let open = report["open_count"].as_u64().expect("open") as usize;
        assert_eq!(
            listed + with_legal,
            open,
            "{day}: the agenda follows every open invoice"
        );
        let legal: u64 = report["currencies"]
            .as_object()
            .expect("currencies")
            .values()
            .map(|c| c["with_legal"]["count"].as_u64().expect("count"))
            .sum();
        assert_eq!(legal as usize, with_legal, "{day}");
        let written_off: u64 = report["currencies"]
            .as_object()
            .expect("currencies")
            .values()
            .map(|c| c["written_off"]["count"].as_u64().expect("count"))
            .sum();
        if day == "2026-03-01" {
            assert!(written_off > 0 && with_legal > 0, "the demo closes some debts");
        }
    }
    std::fs::remove_file(&path).ok();
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    // Far more than a pipe holds, so the writer meets the closed pipe.
    for args in [
        &["demo", "--clients", "20", "--invoices", "2000", "--seed", "1"][..],
        &["help"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cobro"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cobro runs");
        let mut first = [0u8; 16];
        child
            .stdout
            .take()
            .expect("stdout")
            .read_exact(&mut first)
            .expect("some output");
        let o = child.wait_with_output().expect("cobro ends");
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).is_empty(), "{args:?}: {}", stderr(&o));
    }
}
