//! The worker's side of each [`Job`]: reading, checking and previewing a backup, writing it,
//! exporting, the demo data, and the billing records' jobs (`worker::records`). Everything here runs in the worker, off the page's thread;
//! the page's module never contains it (only the worker's `main` reaches it).

use super::protocol::{self, Examined, Job, PreviewRow, PreviewSummary, Reply, LIST_LIMIT};
use super::records;
use crate::i18n;
use crate::platform::{crypto, files};
use crate::storage::backup::ImportMode;
use crate::storage::Db;
use cobro_core::backup::{self, Backup, BackupErrors, ParseOptions};
use cobro_core::Lang;
use std::cell::RefCell;
use std::rc::Rc;

/// The file examined last and what it was read into, kept for the import the user may choose.
struct Examining {
    db: String,
    bytes: Rc<Vec<u8>>,
    backup: Option<Rc<Backup>>,
}

thread_local! {
    static EXAMINING: RefCell<Option<Examining>> = const { RefCell::new(None) };
    // One connection per database, opened on first use and kept while the worker lives.
    static DB: RefCell<Option<Rc<Db>>> = const { RefCell::new(None) };
}

async fn db(name: &str, lang: Lang) -> Result<Rc<Db>, String> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        if db.name() == name && !db.closed_by_upgrade() {
            return Ok(db);
        }
    }
    let db = Rc::new(
        Db::open(name)
            .await
            .map_err(|e| i18n::problems::storage(&e, lang))?,
    );
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// Do `job` on database `db_name` (`file`: the blob that came with it) and say how it went;
/// the blob of the answer, if any, comes back beside it.
pub async fn run(db_name: &str, job: Job, file: Option<web_sys::Blob>) -> (Reply, Option<web_sys::Blob>) {
    match job {
        Job::Examine { lang, accept_edited } => (
            Reply::Examined(examine(db_name, file, lang, accept_edited).await),
            None,
        ),
        Job::Import { lang, mode } => (Reply::Imported(import(db_name, lang, mode).await), None),
        Job::Forget => {
            EXAMINING.with(|e| *e.borrow_mut() = None);
            (Reply::Forgotten, None)
        }
        Job::Export { now, lang } => match export(db_name, now, lang).await {
            Ok(blob) => (Reply::Exported(Ok(())), Some(blob)),
            Err(e) => (Reply::Exported(Err(e)), None),
        },
        Job::Demo { today, now, lang } => (Reply::DemoLoaded(demo(db_name, today, now, lang).await), None),
        Job::SignRecords { now } => {
            if let Ok(db) = db(db_name, Lang::Es).await {
                let _ = db.sign_pending(now).await;
            }
            (Reply::RecordsSigned, None)
        }
        Job::CheckRecords { now, today } => {
            let status = match db(db_name, Lang::Es).await {
                Ok(db) => records::check(&db, now, today).await,
                Err(_) => None,
            };
            (Reply::RecordsChecked(status), None)
        }
        Job::LoadCertificate { password, now } => {
            let loaded = match db(db_name, Lang::Es).await {
                Ok(db) => records::load_certificate(&db, file, &password, now).await,
                Err(_) => Err(protocol::CertRefused::Browser),
            };
            (Reply::CertificateLoaded(loaded), None)
        }
        Job::ExportRecords {
            events,
            from,
            to,
            reference,
            now,
            lang,
        } => {
            let files = match db(db_name, lang).await {
                Ok(db) => records::export(&db, events, (from, to), reference, now, lang).await,
                Err(e) => Err(e),
            };
            (Reply::RecordsExported(files), None)
        }
    }
}

/// Read and check a backup file as the core does, its checksum computed by the browser's
/// SHA-256 (tens of megabytes are hashed several times faster than in wasm).
async fn parse(file: &[u8], options: ParseOptions) -> Result<Backup, BackupErrors> {
    let opened = backup::open(file, options)?;
    let parts = opened.to_hash();
    let bytes: Vec<&[u8]> = parts.iter().map(|(_, b)| *b).collect();
    // If the browser cannot hash, the core does it (slower, same result).
    let digests = crypto::sha256_all(&bytes)
        .await
        .ok()
        .map(|d| parts.iter().map(|(s, _)| *s).zip(d).collect());
    backup::read(opened, digests, options)
}

async fn examine(db_name: &str, file: Option<web_sys::Blob>, lang: Lang, accept_edited: bool) -> Examined {
    let bytes = match file {
        Some(blob) => match files::read_bytes(&blob).await {
            Ok(b) => Rc::new(b),
            Err(e) => return rejected(vec![i18n::problems::read_file(&e, lang)]),
        },
        None => match EXAMINING.with(|e| e.borrow().as_ref().map(|e| e.bytes.clone())) {
            Some(b) => b,
            None => return rejected(Vec::new()),
        },
    };
    // The previous file's records are dropped before this one is read: memory for one at a time.
    EXAMINING.with(|e| {
        *e.borrow_mut() = Some(Examining {
            db: db_name.to_string(),
            bytes: bytes.clone(),
            backup: None,
        })
    });
    let options = ParseOptions {
        accept_checksum_mismatch: accept_edited,
        ..Default::default()
    };
    let parsed = match parse(&bytes, options).await {
        Ok(p) => p,
        Err(errors) => {
            let (problems, more) = listed(
                errors
                    .problems
                    .iter()
                    .map(|p| i18n::problems::backup_problem(p, lang)),
            );
            return Examined::Rejected {
                checksum_only: errors.only_checksum_mismatch(),
                edited: errors
                    .edited_stores()
                    .map(|s| s.iter().map(|s| protocol::store_index(*s)).collect()),
                problems,
                more,
            };
        }
    };
    let current = match db(db_name, lang).await {
        Ok(db) => db.load_all().await.map_err(|e| i18n::storage_message(&e, lang)),
        Err(e) => Err(e),
    };
    let current = match current {
        Ok(c) => c,
        Err(e) => return rejected(vec![e]),
    };
    let summary = summarise(&backup::preview(&current, &parsed.data), &parsed, lang);
    drop(current);
    EXAMINING.with(|e| {
        if let Some(e) = e.borrow_mut().as_mut() {
            e.backup = Some(Rc::new(parsed));
        }
    });
    Examined::Ready(summary)
}

fn rejected(problems: Vec<String>) -> Examined {
    Examined::Rejected {
        checksum_only: false,
        edited: None,
        problems,
        more: 0,
    }
}

/// The first [`LIST_LIMIT`] items, and how many more there are.
fn listed(items: impl ExactSizeIterator<Item = String>) -> (Vec<String>, usize) {
    let more = items.len().saturating_sub(LIST_LIMIT);
    (items.take(LIST_LIMIT).collect(), more)
}

fn summarise(p: &backup::Preview, parsed: &Backup, lang: Lang) -> PreviewSummary {
    let rows = p
        .records
        .iter()
        .map(|(store, n)| {
            let c = p
                .merge
                .counts
                .iter()
                .find(|(s, _)| s == store)
                .map(|(_, c)| *c)
                .unwrap_or_default();
            PreviewRow {
                store: protocol::store_index(*store),
                in_file: *n,
                added: c.added,
                updated: c.updated,
                kept: c.kept + c.unchanged,
            }
        })
        .collect();
    let (conflicts, more_conflicts) = listed(
        p.merge
            .conflicts
            .iter()
            .map(|c| i18n::problems::conflict(c, lang)),
    );
    let (notes, more_notes) = listed(
        parsed
            .notes
            .iter()
            .map(|n| i18n::problems::backup_problem(n, lang)),
    );
    PreviewSummary {
        rows,
        range: p.documents_from.zip(p.documents_to),
        merge_blocked: p.merge.blocked(),
        conflicts,
        more_conflicts,
        notes,
        more_notes,
    }
}

async fn import(db_name: &str, lang: Lang, mode: ImportMode) -> Result<(), String> {
    let examined = EXAMINING.with(|e| {
        e.borrow()
            .as_ref()
            .filter(|e| e.db == db_name)
            .and_then(|e| Some((e.bytes.clone(), e.backup.clone()?)))
    });
    let Some((bytes, parsed)) = examined else {
        return Err(i18n::backup::texts(lang).choose_again.to_string());
    };
    let db = db(db_name, lang).await?;
    db.import_file(&parsed, Some(&bytes), mode)
        .await
        .map_err(|e| i18n::op_message(&e, lang))?;
    EXAMINING.with(|e| *e.borrow_mut() = None);
    Ok(())
}

async fn export(db_name: &str, now: cobro_core::Stamp, lang: Lang) -> Result<web_sys::Blob, String> {
    let db = db(db_name, lang).await?;
    let file = db
        .export_backup(now, crate::APP_VERSION)
        .await
        .map_err(|e| i18n::problems::op(&e, lang))?;
    file.blob().map_err(|e| i18n::problems::storage(&e, lang))
}

/// The core's demo data, going through the same export → parse path as a restore, so the demo
/// is exactly what a valid backup would bring.
async fn demo(
    db_name: &str,
    today: chrono::NaiveDate,
    now: cobro_core::Stamp,
    lang: Lang,
) -> Result<(), String> {
    use cobro_core::demo::{generate, DemoSpec};
    use i18n::problems;
    let data = generate(DemoSpec {
        clients: 12,
        invoices: 120,
        seed: 2026,
        today,
    });
    let text = backup::export(&data, now, crate::APP_VERSION)
        .map_err(|e| problems::op(&crate::storage::OpError::Export(e.to_string()), lang))?;
    let parsed = backup::parse(&text).map_err(|e| problems::backup_errors(&e, lang))?;
    db(db_name, lang)
        .await?
        .import_file(&parsed, Some(text.as_bytes()), ImportMode::Replace)
        .await
        .map_err(|e| problems::op(&e, lang))?;
    Ok(())
}
