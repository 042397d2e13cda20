//! The worker's side of the billing records (VERI*FACTU law): signing, the check, loading the
//! certificate and the export for the Tax Agency. XAdES, the PKCS#12 and X.509 readers, the
//! chain's checks and the XML export exist only in the worker's module: most visits never need
//! them, and the page's module is what the first screen waits for. The page keeps the one part
//! that must stay with it: each record is written in the transaction that issues its document
//! (`storage::verifactu::write_record`); its signature is added here afterwards.

use super::protocol::CertRefused;
use crate::i18n::verifactu;
use crate::platform::{files, signing};
use crate::storage::verifactu::local;
use crate::storage::Db;
use chrono::{DateTime, FixedOffset, NaiveDate};
use cobro_core::verifactu::export::{self, Header};
use cobro_core::verifactu::status::{status, Status};
use cobro_core::verifactu::{cert, normalise_nif, pkcs12};
use cobro_core::{Lang, Stamp};

/// Check every chain and signature (logging the day's check), sign what is pending, and the
/// status Settings and the start-up notice show.
pub async fn check(db: &Db, now: Stamp, today: NaiveDate) -> Option<Status> {
    let checked = db.check_ledger(now).await.ok()?;
    let cert = db.certificate().await.ok().flatten();
    let profile = db.profile().await.unwrap_or_default();
    Some(status(
        &profile,
        checked.records,
        checked.events,
        &checked.report,
        checked.bad_signatures.len(),
        cert.as_ref().map(|c| &c.info),
        today,
    ))
}

/// Read the certificate file, import its key into WebCrypto (non-extractable), keep both and
/// sign what is pending.
pub async fn load_certificate(
    db: &Db,
    file: Option<web_sys::Blob>,
    password: &str,
    now: Stamp,
) -> Result<(), CertRefused> {
    let file = file.ok_or(CertRefused::NotPkcs12)?;
    let bytes = files::read_bytes(&file)
        .await
        .map_err(|_| CertRefused::NotPkcs12)?;
    let id = pkcs12::parse(&bytes, password).map_err(|e| match e {
        pkcs12::P12Error::WrongPassword => CertRefused::WrongPassword,
        pkcs12::P12Error::NotPkcs12 => CertRefused::NotPkcs12,
        pkcs12::P12Error::UnsupportedEncryption => CertRefused::Unsupported,
        pkcs12::P12Error::NoKey | pkcs12::P12Error::NoCertificate => CertRefused::NoKey,
    })?;
    drop(bytes);
    let info = cert::parse(&id.cert_der).map_err(|e| match e {
        cert::CertError::Unreadable => CertRefused::NotPkcs12,
        cert::CertError::UnsupportedKey => CertRefused::Unsupported,
    })?;
    let cert_der = id.cert_der.clone();
    let mut key_bytes = id.key_pkcs8.clone();
    drop(id);
    let key = signing::import_private(&key_bytes, &info).await;
    // The key's bytes are not kept anywhere: overwritten before they are freed.
    key_bytes.iter_mut().for_each(|b| *b = 0);
    drop(key_bytes);
    let key = key.map_err(|_| CertRefused::Browser)?;
    db.save_certificate(&key, &cert_der)
        .await
        .map_err(|_| CertRefused::Browser)?;
    let _ = db.sign_pending(now).await;
    Ok(())
}

/// The first and the last instant of a period of days, at the browser's offset.
fn day_bounds(
    from: NaiveDate,
    to: NaiveDate,
    now: Stamp,
) -> Option<(DateTime<FixedOffset>, DateTime<FixedOffset>)> {
    let off = *local(now).offset();
    let a = from.and_hms_opt(0, 0, 0)?.and_local_timezone(off).single()?;
    let b = to.and_hms_opt(23, 59, 59)?.and_local_timezone(off).single()?;
    Some((a, b))
}

/// The files of the records (or events) of a period, `(name, XML)`, logged as an export event
/// (08, 09) before the page downloads them; none when the period holds nothing.
pub async fn export(
    db: &Db,
    events: bool,
    (from, to): (NaiveDate, NaiveDate),
    reference: Option<String>,
    now: Stamp,
    lang: Lang,
) -> Result<Vec<(String, String)>, String> {
    let t = verifactu::texts(lang);
    let _ = db.sign_pending(now).await;
    let ledger = db
        .ledger()
        .await
        .map_err(|e| crate::i18n::storage_message(&e, lang))?;
    let profile = db
        .profile()
        .await
        .map_err(|e| crate::i18n::storage_message(&e, lang))?;
    let list = if events { &ledger.events } else { &ledger.records };
    let chosen = export::in_period(list, events, from, to);
    if chosen.is_empty() {
        return Ok(Vec::new());
    }
    let (start, end) = day_bounds(from, to, now).ok_or_else(|| t.failed.to_string())?;
    let stamp = format!("{from}_{to}");
    let (files, logged) = if events {
        (
            vec![(format!("cobro-eventos-{stamp}.xml"), export::events_file(&chosen))],
            export::events_event(&chosen, start, end),
        )
    } else {
        let header = Header {
            name: profile.name.trim().chars().take(120).collect(),
            nif: normalise_nif(&profile.tax_id),
            request_ref: reference.filter(|r| !r.is_empty()),
        };
        let texts = export::records_files(&header, &chosen);
        let many = texts.len() > 1;
        let files = texts
            .into_iter()
            .enumerate()
            .map(|(i, text)| {
                let name = if many {
                    format!("cobro-registros-{stamp}-{}.xml", i + 1)
                } else {
                    format!("cobro-registros-{stamp}.xml")
                };
                (name, text)
            })
            .collect();
        (files, export::records_event(&chosen, start, end))
    };
    db.log_event(&logged, now)
        .await
        .map_err(|e| crate::components::verifactu::error_text(&e, lang))?;
    Ok(files)
}
