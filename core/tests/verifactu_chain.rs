//! The ledger: start-up checks find a broken fingerprint, a broken link, a gap and a record
//! dated in the future; two ledgers join by union and a fork (two devices continuing one
//! chain) is refused, so a restore or a merge continues a chain and never branches it.

mod common;

use cobro_core::verifactu::chain::{self, Entry, Ledger};
use cobro_core::verifactu::event::AnomalyType;
use cobro_core::verifactu::record;
use common::*;

fn chain_of(installation: &str, n: usize, first_number: usize) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut prev: Option<record::Previous> = None;
    for i in 0..n {
        let number = format!("F2026-{:04}", first_number + i);
        let inv = invoice(&number, vec![line("x", "1", "100", rate("21"))], "0");
        let alta = record::alta_for_invoice(&inv, &client("B12345678", "ES"), &profile()).expect("record");
        let mut sys = system();
        sys.installation = installation.into();
        let r = record::render_alta(&alta, prev.as_ref(), &sys, &at(2026, 3, 2, 10, i as u32, 0));
        prev = Some(record::parse(&r.xml).expect("parse").as_previous());
        out.push(Entry {
            installation: installation.into(),
            seq: i as u64 + 1,
            doc_id: Some(inv.id),
            xml: r.xml,
            signature: None,
        });
    }
    out
}

fn kinds(l: &Ledger) -> Vec<(u64, AnomalyType)> {
    chain::check(l, &at(2026, 3, 3, 0, 0, 0))
        .findings
        .iter()
        .map(|f| (f.seq, f.kind))
        .collect()
}

#[test]
fn a_sound_chain_has_no_findings_and_counts_what_it_checked() {
    let l = Ledger {
        records: chain_of("a", 3, 1),
        ..Ledger::default()
    };
    let report = chain::check(&l, &at(2026, 3, 3, 0, 0, 0));
    assert_eq!(report.findings, vec![]);
    assert_eq!(report.records.hashes, 3);
    assert_eq!(report.unsigned, 3);
}

#[test]
fn checks_find_an_edited_record_a_gap_and_a_future_date() {
    let mut records = chain_of("a", 4, 1);
    // Edited amount: its fingerprint no longer matches.
    records[1].xml = records[1]
        .xml
        .replace("<sf:ImporteTotal>121.00<", "<sf:ImporteTotal>12.10<");
    let l = Ledger {
        records: records.clone(),
        ..Ledger::default()
    };
    assert_eq!(kinds(&l), vec![(2, AnomalyType::Hash)]);

    // A record removed: the next one names a previous record that is not there.
    let mut gap = chain_of("a", 4, 1);
    gap.remove(2);
    assert_eq!(
        kinds(&Ledger {
            records: gap,
            ..Ledger::default()
        }),
        vec![(4, AnomalyType::MissingPrevious)]
    );

    // Checked before the records were made: they are in the future.
    let l = Ledger {
        records: chain_of("a", 1, 1),
        ..Ledger::default()
    };
    let found = chain::check(&l, &at(2026, 3, 1, 0, 0, 0)).findings;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind, AnomalyType::DateInFuture);
}

#[test]
fn joining_continues_chains_and_refuses_a_fork() {
    let local = Ledger {
        origin: Some("a".into()),
        records: chain_of("a", 2, 1),
        ..Ledger::default()
    };
    // The same device's later backup: a longer chain extends it.
    let later = Ledger {
        origin: Some("a".into()),
        records: chain_of("a", 3, 1),
        ..Ledger::default()
    };
    let joined = chain::join(&local, &later).expect("extension");
    assert_eq!(joined.records.len(), 3);
    assert_eq!(chain::new_in(&local.records, &joined.records).len(), 1);
    assert_eq!(kinds(&joined), vec![]);

    // Another device's chain is kept beside this one.
    let other = Ledger {
        origin: Some("b".into()),
        records: chain_of("b", 2, 50),
        ..Ledger::default()
    };
    let both = chain::join(&joined, &other).expect("two installations");
    assert_eq!(both.records.len(), 5);
    assert_eq!(both.origin.as_deref(), Some("a"));

    // A device restored from an old backup that issued on its own: position 3 differs.
    let forked = Ledger {
        origin: Some("a".into()),
        records: {
            let mut r = chain_of("a", 2, 1);
            r.extend(chain_of("a", 3, 90).into_iter().skip(2));
            r
        },
        ..Ledger::default()
    };
    let err = chain::join(&joined, &forked).expect_err("fork");
    assert_eq!((err.installation.as_str(), err.seq), ("a", 3));

    // A signature attaches to the same record on join.
    let mut signed = local.clone();
    signed.records[0].signature = Some("<ds:Signature/>".into());
    let j = chain::join(&local, &signed).expect("same records");
    assert!(j.records[0].signature.is_some());
}

#[test]
fn the_status_asks_for_a_certificate_and_flags_anomalies_and_foral_addresses() {
    use cobro_core::verifactu::status::status;
    let l = Ledger {
        records: chain_of("a", 2, 1),
        ..Ledger::default()
    };
    let report = chain::check(&l, &at(2026, 3, 3, 0, 0, 0));
    let mut p = profile();
    let s = status(&p, 2, 1, &report, 0, None, d(2026, 3, 3));
    assert!(s.keeps_records && !s.foral);
    assert_eq!((s.unsigned, s.anomalies), (2, 0));
    assert!(s.notice, "records wait for a certificate");
    p.address.postal_code = "48001".into();
    assert!(status(&p, 0, 0, &chain::Report::default(), 0, None, d(2026, 3, 3)).foral);
    let s = status(
        &profile(),
        2,
        1,
        &chain::Report::default(),
        1,
        None,
        d(2026, 3, 3),
    );
    assert_eq!(s.anomalies, 1);
    assert!(s.notice);
}

#[test]
fn a_file_cannot_bring_entries_that_are_not_records() {
    let good = Ledger {
        origin: Some("a".into()),
        records: chain_of("a", 2, 1),
        ..Ledger::default()
    };
    assert_eq!(chain::validate(&good), Ok(()));
    let mut bad = good.clone();
    bad.records[1].installation = "a.000000000001".into();
    assert!(
        chain::validate(&bad).is_err(),
        "an installation that would forge storage keys"
    );
    let mut bad = good.clone();
    bad.records[0].seq = 0;
    assert!(chain::validate(&bad).is_err());
    let mut bad = good.clone();
    bad.records[0].xml = "<script>".into();
    assert!(chain::validate(&bad).is_err());
    let mut bad = good;
    bad.origin = Some(String::new());
    assert!(chain::validate(&bad).is_err());
}
