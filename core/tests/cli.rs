//! The `cobro` command-line tool: exit codes, messages and output.

use std::path::PathBuf;
use std::process::{Command, Output};

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
