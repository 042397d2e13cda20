//! Billing records (VERI*FACTU law, *no VERI\*FACTU* mode) in the database: each record is
//! written in the same transaction as the invoice or credit note it is for, as its own entry
//! of `meta` (`vf.r.<installation>.<position>`), added and never replaced: storage refuses to
//! write an entry that exists. The signature is attached afterwards as another add-only entry
//! (`vf.rs.…`), because WebCrypto's promise would end an IndexedDB transaction; a record left
//! unsigned (no certificate yet, a crash) is signed at the next chance and reported meanwhile.
//! Events (`vf.e.…`, `vf.es.…`) work the same way. The rules are the core's
//! (`cobro_core::verifactu`); this is where they are stored.

use super::error::{OpError, StorageError};
use super::keys::{META, META_PROFILE};
use super::tx::{from_js, to_js, Tx};
use super::Db;
use crate::platform::signing;
use chrono::{DateTime, FixedOffset};
use cobro_core::verifactu::chain::{self, Entry, Ledger};
use cobro_core::verifactu::event::{Event, Taxpayer};
use cobro_core::verifactu::{cert, normalise_nif, record, xades, System};
use cobro_core::{BusinessProfile, Client, CreditNote, Invoice, Stamp};
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyRange;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// This device's installation number.
const INSTALLATION: &str = "vf.installation";
/// The signing key (a non-extractable `CryptoKey`) and its certificate.
const KEY: &str = "vf.key";
const CERT: &str = "vf.cert";

/// Why a billing-record operation failed (translated by `i18n::verifactu`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VfError {
    #[error(transparent)]
    Record(#[from] record::RecordError),
    #[error(transparent)]
    Fork(#[from] chain::Fork),
    #[error(transparent)]
    Invalid(#[from] chain::Invalid),
    /// The browser's crypto refused (its error name).
    #[error("signing failed: {0}")]
    Signing(String),
}

/// The document a record is for.
pub(crate) enum Doc<'a> {
    Invoice(&'a Invoice),
    CreditNote {
        note: &'a CreditNote,
        original: &'a Invoice,
    },
}

/// A signature attached to an entry.
#[derive(Serialize, Deserialize)]
struct Attached {
    installation: String,
    seq: u64,
    signature: String,
}

fn key(kind: &str, installation: &str, seq: u64) -> String {
    format!("vf.{kind}.{installation}.{seq:012}")
}

/// The browser's current offset from UTC, for the records' local times.
pub fn local(now: Stamp) -> DateTime<FixedOffset> {
    let minutes = js_sys::Date::new(&JsValue::from_f64(now.timestamp_millis() as f64)).get_timezone_offset();
    match FixedOffset::west_opt((minutes * 60.0) as i32) {
        Some(offset) => now.with_timezone(&offset),
        None => now.fixed_offset(),
    }
}

async fn raw_get(tx: &Tx<'_>, k: &str) -> Result<Option<JsValue>, StorageError> {
    let os = tx.store("read", META)?;
    os.get(k)
        .primitive()
        .map_err(StorageError::at("read", META))?
        .await
        .map_err(StorageError::at("read", META))
}

/// Add `value` under `k`; IndexedDB's `add` fails (and the transaction with it) if `k` exists.
fn raw_add(tx: &Tx<'_>, k: &str, value: &JsValue) -> Result<(), StorageError> {
    let os = tx.store("write", META)?;
    let raw: &web_sys::IdbObjectStore = wasm_bindgen::JsCast::unchecked_ref(os.as_sys());
    raw.add_with_key(value, &JsValue::from_str(k))
        .map(|_| ())
        .map_err(|e| StorageError::from_js("write", META, &e))
}

fn raw_put(tx: &Tx<'_>, k: &str, value: &JsValue) -> Result<(), StorageError> {
    let os = tx.store("write", META)?;
    let raw: &web_sys::IdbObjectStore = wasm_bindgen::JsCast::unchecked_ref(os.as_sys());
    raw.put_with_key(value, &JsValue::from_str(k))
        .map(|_| ())
        .map_err(|e| StorageError::from_js("write", META, &e))
}

/// The keys of `meta` that start with `prefix`.
fn starting_with(prefix: &str) -> KeyRange<JsValue> {
    KeyRange::Bound(
        JsValue::from_str(prefix),
        false,
        JsValue::from_str(&format!("{prefix}\u{ffff}")),
        false,
    )
}

async fn all_with_prefix(tx: &Tx<'_>, prefix: &str) -> Result<Vec<JsValue>, StorageError> {
    let os = tx.store("read", META)?;
    let range = starting_with(prefix);
    let items = os
        .get_all::<JsValue>()
        .with_query::<JsValue, _>(range)
        .primitive()
        .map_err(StorageError::at("read", META))?
        .await
        .map_err(StorageError::at("read", META))?;
    items.map(|i| i.map_err(StorageError::at("read", META))).collect()
}

/// The last entry of `installation`'s chain of one kind, read by key alone (keys sort by
/// position: zero-padded), so issuing does not read every record.
async fn tip_in(tx: &Tx<'_>, kind: &str, installation: &str) -> Result<Option<Entry>, StorageError> {
    let prefix = format!("vf.{kind}.{installation}.");
    let os = tx.store("read", META)?;
    let range = starting_with(&prefix);
    let keys = os
        .get_all_keys::<JsValue>()
        .with_query::<JsValue, _>(range)
        .primitive()
        .map_err(StorageError::at("read", META))?
        .await
        .map_err(StorageError::at("read", META))?;
    let mut last = None;
    for k in keys {
        last = Some(k.map_err(StorageError::at("read", META))?);
    }
    let Some(key) = last.and_then(|k| k.as_string()) else {
        return Ok(None);
    };
    raw_get(tx, &key).await?.map(|js| from_js(META, &js)).transpose()
}

/// Every entry of one kind (`r` records, `e` events), signatures attached.
async fn entries(tx: &Tx<'_>, kind: &str) -> Result<Vec<Entry>, StorageError> {
    let mut out: Vec<Entry> = Vec::new();
    for js in all_with_prefix(tx, &format!("vf.{kind}.")).await? {
        out.push(from_js(META, &js)?);
    }
    for js in all_with_prefix(tx, &format!("vf.{kind}s.")).await? {
        let a: Attached = from_js(META, &js)?;
        if let Some(e) = out
            .iter_mut()
            .find(|e| e.installation == a.installation && e.seq == a.seq)
        {
            e.signature = Some(a.signature);
        }
    }
    Ok(out)
}

/// Add an entry (never replacing one), and its signature if it has one.
fn add_entry(tx: &Tx<'_>, kind: &str, e: &Entry, with_record: bool) -> Result<(), StorageError> {
    if with_record {
        let bare = Entry {
            signature: None,
            ..e.clone()
        };
        raw_add(tx, &key(kind, &e.installation, e.seq), &to_js(META, &bare)?)?;
    }
    if let Some(sig) = &e.signature {
        let a = Attached {
            installation: e.installation.clone(),
            seq: e.seq,
            signature: sig.clone(),
        };
        raw_add(
            tx,
            &key(&format!("{kind}s"), &e.installation, e.seq),
            &to_js(META, &a)?,
        )?;
    }
    Ok(())
}

/// This device's installation number, made on first use.
async fn installation(tx: &Tx<'_>) -> Result<String, StorageError> {
    if let Some(v) = raw_get(tx, INSTALLATION).await?.and_then(|v| v.as_string()) {
        return Ok(v);
    }
    let id = super::new_id();
    raw_put(tx, INSTALLATION, &JsValue::from_str(&id))?;
    Ok(id)
}

fn system(
    profile: &BusinessProfile,
    settings: &cobro_core::verifactu::Settings,
    installation: String,
) -> System {
    let or = |a: &str, b: &str| {
        if a.trim().is_empty() {
            b.trim().to_string()
        } else {
            a.trim().to_string()
        }
    };
    System {
        producer_name: or(&settings.producer_name, &profile.name)
            .chars()
            .take(120)
            .collect(),
        producer_nif: normalise_nif(&or(&settings.producer_nif, &profile.tax_id)),
        version: env!("CARGO_PKG_VERSION").into(),
        installation,
    }
}

fn taxpayer(profile: &BusinessProfile) -> Taxpayer {
    Taxpayer {
        name: profile.name.trim().chars().take(120).collect(),
        nif: normalise_nif(&profile.tax_id),
    }
}

/// Whether this business keeps records: a Spanish NIF of nine characters (the law applies to
/// Spanish taxpayers; a profile not filled in yet keeps none, and Settings says so).
pub fn keeps_records(profile: &BusinessProfile) -> bool {
    normalise_nif(&profile.tax_id).len() == 9
}

async fn append_event_in(
    tx: &Tx<'_>,
    e: &Event,
    profile: &BusinessProfile,
    sys: &System,
    now: Stamp,
) -> Result<(), OpError> {
    let tip = tip_in(tx, "e", &sys.installation).await?;
    let entry =
        chain::append_event(tip.as_ref(), e, sys, &taxpayer(profile), local(now)).map_err(VfError::from)?;
    add_entry(tx, "e", &entry, true)?;
    Ok(())
}

/// Write the registration record of `doc` in `tx` (the transaction issuing it; it must cover
/// `meta`). The first record of an installation is preceded by its start-of-use event.
pub(crate) async fn write_record(
    tx: &Tx<'_>,
    doc: Doc<'_>,
    client: &Client,
    now: Stamp,
) -> Result<(), OpError> {
    let profile: BusinessProfile = tx.get(META, META_PROFILE).await?.unwrap_or_default();
    if !keeps_records(&profile) {
        return Ok(());
    }
    let settings: cobro_core::AppSettings = tx
        .get(META, super::keys::META_SETTINGS)
        .await?
        .unwrap_or_default();
    let refused = VfError::from;
    let (alta, doc_id) = match doc {
        Doc::Invoice(inv) => (
            record::alta_for_invoice(inv, client, &profile).map_err(refused)?,
            inv.id.clone(),
        ),
        Doc::CreditNote { note, original } => (
            record::alta_for_credit_note(note, original, client, &profile).map_err(refused)?,
            note.id.clone(),
        ),
    };
    let sys = system(&profile, &settings.verifactu, installation(tx).await?);
    let tip = tip_in(tx, "r", &sys.installation).await?;
    if tip.is_none() {
        append_event_in(tx, &Event::Start, &profile, &sys, now).await?;
    }
    let entry = chain::append_record(tip.as_ref(), &alta, &sys, local(now), Some(doc_id)).map_err(refused)?;
    add_entry(tx, "r", &entry, true)?;
    Ok(())
}

/// The loaded certificate, shown in Settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    pub info: cert::CertInfo,
    pub der: Vec<u8>,
}

impl Db {
    /// Every record and event of every installation, with this device's installation as origin.
    pub async fn ledger(&self) -> Result<Ledger, StorageError> {
        let tx = self.read(&[META])?;
        let origin = raw_get(&tx, INSTALLATION).await?.and_then(|v| v.as_string());
        Ok(Ledger {
            origin,
            records: entries(&tx, "r").await?,
            events: entries(&tx, "e").await?,
        })
    }

    /// Keep the signing key (non-extractable) and its certificate; replaces an earlier one.
    pub async fn save_certificate(&self, key: &JsValue, cert_der: &[u8]) -> Result<(), StorageError> {
        let tx = self.write(&[META])?;
        raw_put(&tx, KEY, key)?;
        raw_put(&tx, CERT, &js_sys::Uint8Array::from(cert_der).into())?;
        tx.commit(&[META]).await
    }

    /// The certificate loaded, if any.
    pub async fn certificate(&self) -> Result<Option<Certificate>, StorageError> {
        let tx = self.read(&[META])?;
        let Some(der) = raw_get(&tx, CERT).await? else {
            return Ok(None);
        };
        let der = js_sys::Uint8Array::new(&der).to_vec();
        Ok(cert::parse(&der).ok().map(|info| Certificate { info, der }))
    }

    /// The stored signing key (tests check it cannot be extracted).
    pub async fn signing_key(&self) -> Result<Option<JsValue>, StorageError> {
        let tx = self.read(&[META])?;
        raw_get(&tx, KEY).await
    }

    /// Sign every record and event not signed yet, if a certificate is loaded. Returns how
    /// many were signed. Each signature is its own add-only write.
    pub async fn sign_pending(&self, now: Stamp) -> Result<usize, OpError> {
        let (Some(key), Some(c)) = (self.signing_key().await?, self.certificate().await?) else {
            return Ok(0);
        };
        let ledger = self.ledger().await?;
        let mut signed = 0;
        for (kind, list) in [("r", &ledger.records), ("e", &ledger.events)] {
            for e in list.iter().filter(|e| e.signature.is_none()) {
                let id = format!(
                    "{kind}{}-{}",
                    e.seq,
                    &e.installation.chars().take(8).collect::<String>()
                );
                let p = xades::prepare(&e.xml, &c.der, c.info.algorithm, &local(now), &id);
                let value = signing::sign(&key, c.info.algorithm, &p.to_sign)
                    .await
                    .map_err(VfError::Signing)?;
                let with = Entry {
                    signature: Some(xades::finish(&p, &value)),
                    ..e.clone()
                };
                let tx = self.write(&[META])?;
                add_entry(&tx, kind, &with, false)?;
                tx.commit(&[META]).await?;
                signed += 1;
            }
        }
        Ok(signed)
    }

    /// Record an event (an export, a check) in its own transaction, then sign what is pending.
    pub async fn log_event(&self, e: &Event, now: Stamp) -> Result<(), OpError> {
        let tx = self.write(&[META])?;
        let profile: BusinessProfile = tx.get(META, META_PROFILE).await?.unwrap_or_default();
        if !keeps_records(&profile) {
            return Ok(());
        }
        let settings: cobro_core::AppSettings = tx
            .get(META, super::keys::META_SETTINGS)
            .await?
            .unwrap_or_default();
        let sys = system(&profile, &settings.verifactu, installation(&tx).await?);
        append_event_in(&tx, e, &profile, &sys, now).await?;
        tx.commit(&[META]).await?;
        let _ = self.sign_pending(now).await;
        Ok(())
    }
}

impl Db {
    /// After a commit that added billing records (an issue, a correction): have them signed.
    /// Signing lives in the backup worker's module (`worker::records`), so the page asks it,
    /// and only when a certificate is loaded: without one there is nothing to sign and no
    /// reason to fetch the worker. A failure leaves them pending (signed at the next chance).
    pub(crate) async fn sign_after(&self, now: Stamp) {
        if matches!(self.signing_key().await, Ok(Some(_))) {
            let job = crate::worker::protocol::Job::SignRecords { now };
            let _ = crate::platform::worker::ask_once(self.name(), &job, None).await;
        }
    }

    /// Whether a certificate is stored (without reading it: its parser is the worker's).
    pub async fn has_certificate(&self) -> Result<bool, StorageError> {
        let tx = self.read(&[META])?;
        Ok(raw_get(&tx, CERT).await?.is_some())
    }

    /// Whether any billing record or event is stored: without one there is nothing to check,
    /// sign or report, so the page need not start the worker at all.
    pub async fn has_billing_entries(&self) -> Result<bool, StorageError> {
        let tx = self.read(&[META])?;
        let os = tx.store("read", META)?;
        for prefix in ["vf.e.", "vf.r."] {
            let range = starting_with(prefix);
            let keys = os
                .get_all_keys::<JsValue>()
                .with_query::<JsValue, _>(range)
                .with_limit(1)
                .primitive()
                .map_err(StorageError::at("read", META))?
                .await
                .map_err(StorageError::at("read", META))?;
            if keys.into_iter().next().is_some() {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

/// Inside an import's transaction, before it clears `meta`: this device's ledger, to join
/// with the file's and write back after the clear.
pub(crate) async fn read_for_import(
    tx: &Tx<'_>,
) -> Result<(Option<String>, Ledger, Option<JsValue>, Option<JsValue>), StorageError> {
    let origin = raw_get(tx, INSTALLATION).await?.and_then(|v| v.as_string());
    let ledger = Ledger {
        origin: origin.clone(),
        records: entries(tx, "r").await?,
        events: entries(tx, "e").await?,
    };
    Ok((origin, ledger, raw_get(tx, KEY).await?, raw_get(tx, CERT).await?))
}

/// After the import cleared `meta`: the joined ledger (local ∪ file; a fork refuses the whole
/// import), this device's installation (a device with no records of its own continues the
/// file's), the key and certificate, and a restore event.
pub(crate) async fn write_after_import(
    tx: &Tx<'_>,
    kept: (Option<String>, Ledger, Option<JsValue>, Option<JsValue>),
    incoming: &Ledger,
    profile: &BusinessProfile,
    settings: &cobro_core::verifactu::Settings,
    now: Stamp,
) -> Result<(), OpError> {
    let (origin, here, key, cert) = kept;
    chain::validate(incoming).map_err(VfError::from)?;
    let joined = chain::join(&here, incoming).map_err(VfError::from)?;
    let has_own = origin.as_ref().is_some_and(|o| {
        here.records
            .iter()
            .chain(&here.events)
            .any(|e| &e.installation == o)
    });
    let installation = if has_own {
        origin
    } else {
        incoming.origin.clone().or(origin)
    };
    if let Some(i) = &installation {
        raw_put(tx, INSTALLATION, &JsValue::from_str(i))?;
    }
    if let Some(k) = key {
        raw_put(tx, KEY, &k)?;
    }
    if let Some(c) = cert {
        raw_put(tx, CERT, &c)?;
    }
    for e in &joined.records {
        add_entry(tx, "r", e, true)?;
    }
    for e in &joined.events {
        add_entry(tx, "e", e, true)?;
    }
    if keeps_records(profile) && !joined.records.is_empty() {
        let sys = system(
            profile,
            settings,
            match installation {
                Some(i) => i,
                None => installation_new(tx)?,
            },
        );
        let tip = chain::tip(&joined.events, &sys.installation);
        let e = chain::append_event(
            tip,
            &Event::Restore {
                detail: format!(
                    "{} registros, {} eventos",
                    joined.records.len(),
                    joined.events.len()
                ),
            },
            &sys,
            &taxpayer(profile),
            local(now),
        )
        .map_err(VfError::from)?;
        add_entry(tx, "e", &e, true)?;
    }
    Ok(())
}

fn installation_new(tx: &Tx<'_>) -> Result<String, StorageError> {
    let id = super::new_id();
    raw_put(tx, INSTALLATION, &JsValue::from_str(&id))?;
    Ok(id)
}

/// The ledger read in `tx` (an export's), with this device's installation as origin.
pub(crate) async fn ledger_in(tx: &Tx<'_>) -> Result<Ledger, StorageError> {
    Ok(Ledger {
        origin: raw_get(tx, INSTALLATION).await?.and_then(|v| v.as_string()),
        records: entries(tx, "r").await?,
        events: entries(tx, "e").await?,
    })
}

/// The outcome of the start-up check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub records: usize,
    pub events: usize,
    pub report: chain::Report,
    /// Signatures whose digests hold but which the certificate's public key refuses.
    pub bad_signatures: Vec<(bool, String, u64)>,
}

impl Db {
    /// Check every chain (fingerprints, links, dates) and every signature (digests here, the
    /// public key through WebCrypto). Once a day the run and what it found are logged as
    /// events (the Orden's anomaly-detection events), and pending entries are signed.
    pub async fn check_ledger(&self, now: Stamp) -> Result<Checked, OpError> {
        let _ = self.sign_pending(now).await;
        let ledger = self.ledger().await?;
        let at = local(now);
        let report = chain::check(&ledger, &at);
        let mut bad_signatures = Vec::new();
        for (events, inst, seq, v) in &report.to_verify {
            let ok = match cert::parse(&v.cert_der) {
                Ok(info) => signing::verify(&info, &v.signed, &v.signature_value)
                    .await
                    .unwrap_or(false),
                Err(_) => false,
            };
            if !ok {
                bad_signatures.push((*events, inst.clone(), *seq));
            }
        }
        let today = at.date_naive();
        let checked_today = ledger.events.iter().any(|e| {
            cobro_core::verifactu::xml::value(&e.xml, "TipoEvento").as_deref() == Some("03")
                && cobro_core::verifactu::xml::value(&e.xml, "FechaHoraHusoGenEvento")
                    .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
                    .is_some_and(|t| t.date_naive() == today)
        });
        if !ledger.records.is_empty() && !checked_today {
            use cobro_core::verifactu::event::AnomalyType;
            self.log_event(&Event::CheckedRecords(report.records), now)
                .await?;
            self.log_event(&Event::CheckedEvents(report.events), now).await?;
            for f in &report.findings {
                let e = if f.events {
                    Event::EventAnomaly {
                        kind: f.kind,
                        detail: format!("{} #{}", f.installation, f.seq),
                        event: None,
                    }
                } else {
                    Event::RecordAnomaly {
                        kind: f.kind,
                        detail: format!("{} #{}", f.installation, f.seq),
                        record: f.record.clone(),
                    }
                };
                self.log_event(&e, now).await?;
            }
            for (events, inst, seq) in &bad_signatures {
                let detail = format!("{inst} #{seq}");
                let e = if *events {
                    Event::EventAnomaly {
                        kind: AnomalyType::Signature,
                        detail,
                        event: None,
                    }
                } else {
                    Event::RecordAnomaly {
                        kind: AnomalyType::Signature,
                        detail,
                        record: None,
                    }
                };
                self.log_event(&e, now).await?;
            }
        }
        Ok(Checked {
            records: ledger.records.len(),
            events: ledger.events.len(),
            report,
            bad_signatures,
        })
    }
}
