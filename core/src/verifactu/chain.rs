//! The ledger: every billing record and event of every installation, what a backup carries
//! and what start-up checks. Entries are kept as the XML they were written as (the legal
//! record), with the signature attached once made.
//!
//! **Joining two ledgers** (a restore, a merge of another device's backup). Each device is an
//! installation with its own chain (the Orden numbers installations; the FAQ asks a separate
//! number per independent invoicing). An entry is identified by (installation, position). Two
//! ledgers join by union: the same entry on both sides is kept once (its signature taken from
//! whichever side has one); the same position with different content is a **fork** — two
//! devices continued one chain (a restored device and the original both issuing) — and the
//! join is refused, so no chain ever has two branches. A restore that replaces a device's data
//! keeps every record that device already had: records are never deleted.

use super::event;
use super::record::{self, RecordError};
use super::xades;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One record or event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub installation: String,
    /// Position in its installation's chain, from 1.
    pub seq: u64,
    /// The invoice or credit note the record is for (records only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_id: Option<String>,
    /// The record as written, unsigned and canonical.
    pub xml: String,
    /// The `ds:Signature` element, once signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

impl Entry {
    /// The signed document (or the unsigned record while no signature is attached).
    pub fn signed_xml(&self) -> String {
        match &self.signature {
            Some(s) => xades::envelop(&self.xml, s),
            None => self.xml.clone(),
        }
    }
}

/// Billing records and events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Ledger {
    /// The installation that wrote the backup (a device restoring it with nothing of its own
    /// continues that installation's chain).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub records: Vec<Entry>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Entry>,
}

impl Ledger {
    pub fn is_empty(&self) -> bool {
        self.origin.is_none() && self.records.is_empty() && self.events.is_empty()
    }
}

/// Two different entries at one place of one chain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the {what} chain of installation {installation} has two different entries at position {seq}")]
pub struct Fork {
    /// "record" or "event".
    pub what: &'static str,
    pub installation: String,
    pub seq: u64,
}

fn union_of(what: &'static str, local: &[Entry], incoming: &[Entry]) -> Result<Vec<Entry>, Fork> {
    let mut by_key: BTreeMap<(String, u64), Entry> = BTreeMap::new();
    for e in local.iter().chain(incoming) {
        let key = (e.installation.clone(), e.seq);
        match by_key.get_mut(&key) {
            None => {
                by_key.insert(key, e.clone());
            }
            Some(have) if have.xml == e.xml => {
                if have.signature.is_none() {
                    have.signature.clone_from(&e.signature);
                }
            }
            Some(_) => {
                return Err(Fork {
                    what,
                    installation: e.installation.clone(),
                    seq: e.seq,
                })
            }
        }
    }
    Ok(by_key.into_values().collect())
}

/// The union of two ledgers, or the fork that forbids it. `origin` stays the local one.
pub fn join(local: &Ledger, incoming: &Ledger) -> Result<Ledger, Fork> {
    Ok(Ledger {
        origin: local.origin.clone().or_else(|| incoming.origin.clone()),
        records: union_of("record", &local.records, &incoming.records)?,
        events: union_of("event", &local.events, &incoming.events)?,
    })
}

/// The entries of `ledger` that `have` lacks (or has without the signature), for storage to add.
pub fn new_in(have: &[Entry], joined: &[Entry]) -> Vec<Entry> {
    joined
        .iter()
        .filter(|e| {
            !have.iter().any(|h| {
                h.installation == e.installation
                    && h.seq == e.seq
                    && (h.signature.is_some() || e.signature.is_none())
            })
        })
        .cloned()
        .collect()
}

/// The last entry of an installation's chain.
pub fn tip<'a>(entries: &'a [Entry], installation: &str) -> Option<&'a Entry> {
    entries
        .iter()
        .filter(|e| e.installation == installation)
        .max_by_key(|e| e.seq)
}

/// What is wrong with one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub events: bool,
    pub installation: String,
    pub seq: u64,
    pub kind: event::AnomalyType,
    /// The invoice of a billing record, to name it in the anomaly event.
    pub record: Option<record::InvoiceId>,
}

/// The outcome of checking a ledger (everything but the public-key half of the signatures).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub records: event::CheckCounts,
    pub events: event::CheckCounts,
    /// Signatures whose digests hold, to verify with the certificate's public key:
    /// (events?, installation, seq, what to verify).
    pub to_verify: Vec<(bool, String, u64, xades::ToVerify)>,
    /// Entries not signed yet (the app signs them when the certificate is loaded).
    pub unsigned: usize,
}

struct Item {
    huella: String,
    previous: String,
    generated_at: Option<DateTime<FixedOffset>>,
    id: Option<record::InvoiceId>,
    recomputed: String,
}

fn parse_item(events: bool, xml: &str) -> Result<Item, RecordError> {
    let at = |s: &str| DateTime::parse_from_rfc3339(s).ok();
    if events {
        let p = event::parse(xml)?;
        Ok(Item {
            recomputed: p.recomputed(),
            generated_at: at(&p.generated_at),
            huella: p.huella,
            previous: p.previous,
            id: None,
        })
    } else {
        let p = record::parse(xml)?;
        Ok(Item {
            recomputed: p.recomputed(),
            generated_at: at(&p.generated_at),
            huella: p.huella,
            previous: p.previous,
            id: Some(p.id),
        })
    }
}

fn check_chain(events: bool, entries: &[Entry], now: &DateTime<FixedOffset>, report: &mut Report) {
    let mut by_inst: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for e in entries {
        by_inst.entry(e.installation.as_str()).or_default().push(e);
    }
    for (inst, mut list) in by_inst {
        list.sort_by_key(|e| e.seq);
        let mut before: Option<(u64, Item)> = None;
        for e in list {
            let mut find = |kind, id: Option<record::InvoiceId>| {
                report.findings.push(Finding {
                    events,
                    installation: inst.to_string(),
                    seq: e.seq,
                    kind,
                    record: id,
                });
            };
            let counts = if events {
                &mut report.events
            } else {
                &mut report.records
            };
            counts.hashes += 1;
            counts.chain += 1;
            counts.dates += 1;
            let item = match parse_item(events, &e.xml) {
                Ok(i) => i,
                Err(_) => {
                    find(event::AnomalyType::Other, None);
                    before = None;
                    continue;
                }
            };
            if item.recomputed != item.huella {
                find(event::AnomalyType::Hash, item.id.clone());
            }
            match &before {
                None if e.seq != 1 => find(event::AnomalyType::MissingPrevious, item.id.clone()),
                None if !item.previous.is_empty() => {
                    find(event::AnomalyType::MissingPrevious, item.id.clone())
                }
                Some((s, _)) if *s + 1 != e.seq => find(event::AnomalyType::MissingPrevious, item.id.clone()),
                Some((_, b)) if b.huella != item.previous => {
                    find(event::AnomalyType::PreviousMismatch, item.id.clone())
                }
                _ => {}
            }
            if let (Some((_, b)), Some(t)) = (&before, item.generated_at) {
                if b.generated_at.is_some_and(|bt| t < bt) {
                    find(event::AnomalyType::DateBeforePrevious, item.id.clone());
                }
            }
            // A minute of tolerance: the Orden allows the clock that much.
            if item
                .generated_at
                .is_some_and(|t| t > *now + chrono::Duration::minutes(1))
            {
                find(event::AnomalyType::DateInFuture, item.id.clone());
            }
            match e.signature.as_deref() {
                None => report.unsigned += 1,
                Some(sig) => {
                    counts.signatures += 1;
                    match xades::check(&e.xml, sig) {
                        Ok(v) => report.to_verify.push((events, inst.to_string(), e.seq, v)),
                        Err(_) => find(event::AnomalyType::Signature, item.id.clone()),
                    }
                }
            }
            before = Some((e.seq, item));
        }
    }
}

/// Check every chain of `ledger` at `now`: fingerprints, chaining, dates, signature digests.
pub fn check(ledger: &Ledger, now: &DateTime<FixedOffset>) -> Report {
    let mut report = Report::default();
    check_chain(false, &ledger.records, now, &mut report);
    check_chain(true, &ledger.events, now, &mut report);
    report
}

/// The record that follows `tip` (the last of its installation's chain, or none for the first):
/// `alta`'s content chained after it, generated at `at` (never before the record before it:
/// records are generated in the order invoices are issued).
pub fn append_record(
    tip: Option<&Entry>,
    alta: &record::Alta,
    system: &super::System,
    at: DateTime<FixedOffset>,
    doc_id: Option<String>,
) -> Result<Entry, RecordError> {
    let previous = tip.map(|t| record::parse(&t.xml)).transpose()?;
    let at = not_before(at, previous.as_ref().map(|p| p.generated_at.as_str()));
    let r = record::render_alta(
        alta,
        previous.as_ref().map(record::Parsed::as_previous).as_ref(),
        system,
        &at,
    );
    Ok(Entry {
        installation: system.installation.clone(),
        seq: tip.map_or(1, |t| t.seq + 1),
        doc_id,
        xml: r.xml,
        signature: None,
    })
}

/// The event that follows `tip` in its installation's event chain.
pub fn append_event(
    tip: Option<&Entry>,
    e: &event::Event,
    system: &super::System,
    taxpayer: &event::Taxpayer,
    at: DateTime<FixedOffset>,
) -> Result<Entry, RecordError> {
    let previous = tip.map(|t| event::parse(&t.xml)).transpose()?;
    let at = not_before(at, previous.as_ref().map(|p| p.generated_at.as_str()));
    let r = event::render(
        e,
        previous.as_ref().map(event::Parsed::as_ref).as_ref(),
        system,
        taxpayer,
        &at,
    );
    Ok(Entry {
        installation: system.installation.clone(),
        seq: tip.map_or(1, |t| t.seq + 1),
        doc_id: None,
        xml: r.xml,
        signature: None,
    })
}

fn not_before(at: DateTime<FixedOffset>, previous: Option<&str>) -> DateTime<FixedOffset> {
    match previous.and_then(|p| DateTime::parse_from_rfc3339(p).ok()) {
        Some(p) if p > at => p.with_timezone(at.offset()),
        _ => at,
    }
}

/// An entry a backup file cannot carry: its installation is not a plain id (it names storage
/// keys), its position is not from 1, or its XML is not a record or an event at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the billing {what} at position {seq} of the file cannot be a billing record")]
pub struct Invalid {
    pub what: &'static str,
    pub seq: u64,
}

/// Check the entries a file brings before they are joined and stored.
pub fn validate(ledger: &Ledger) -> Result<(), Invalid> {
    let plain = |s: &str| {
        !s.is_empty()
            && s.len() <= 100
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    for (what, list, root) in [
        (
            "record",
            &ledger.records,
            ["<sf:RegistroAlta ", "<sf:RegistroAnulacion "].as_slice(),
        ),
        ("event", &ledger.events, ["<sf:RegistroEvento "].as_slice()),
    ] {
        for e in list {
            let xml_ok = root.iter().any(|r| e.xml.starts_with(r)) && e.xml.len() <= 64 * 1024;
            let sig_ok = e
                .signature
                .as_deref()
                .is_none_or(|s| s.starts_with("<ds:Signature ") && s.len() <= 64 * 1024);
            if !plain(&e.installation) || e.seq == 0 || !xml_ok || !sig_ok {
                return Err(Invalid { what, seq: e.seq });
            }
        }
    }
    if ledger.origin.as_deref().is_some_and(|o| !plain(o)) {
        return Err(Invalid {
            what: "origin",
            seq: 0,
        });
    }
    Ok(())
}
