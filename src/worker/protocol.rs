//! What the page asks the worker and what it answers, shared by both sides. A message is a
//! plain object `{ id, db, body, blob? }`: `body` is one [`Job`] (or, back, one [`Reply`]) as
//! JSON text, `blob` a file that travels beside it by reference (the backup chosen or made),
//! never through wasm memory of the page. A new kind of work is one more variant of each enum
//! and one arm in `worker::jobs`.

use crate::storage::backup::ImportMode;
use chrono::NaiveDate;
use cobro_core::backup::STORES;
use cobro_core::verifactu::status::Status;
use cobro_core::{Lang, Stamp};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

/// The most problems, conflicts or notes a reply lists; the rest are counted. A hostile file
/// can have a problem per record, and a list of 100 000 items would freeze the page.
pub const LIST_LIMIT: usize = 100;

/// Work for the worker. Each runs to its end before the next starts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Job {
    /// Read the attached file (or, without one, the file examined last, when the user accepts
    /// that it was edited), check it and preview it against what is stored. The worker keeps
    /// the file for [`Job::Import`].
    Examine { lang: Lang, accept_edited: bool },
    /// Write the file examined last, replacing or merging, in one transaction.
    Import { lang: Lang, mode: ImportMode },
    /// Let go of the file examined last (the user cancelled).
    Forget,
    /// Assemble the backup of everything stored, stamped `now`; the reply carries it as a blob
    /// (or why not, in `lang`).
    Export { now: Stamp, lang: Lang },
    /// Replace everything with the demo data, dated around `today` (why not, in `lang`).
    Demo {
        today: NaiveDate,
        now: Stamp,
        lang: Lang,
    },
    /// Sign the billing records and events not signed yet (after an issue or a correction; the
    /// page asks only when a certificate is loaded).
    SignRecords { now: Stamp },
    /// Check the billing records (chains, fingerprints, dates, signatures; the day's check is
    /// logged), sign what is pending, and say what Settings and the start-up notice show.
    CheckRecords { now: Stamp, today: NaiveDate },
    /// Read the attached certificate file with `password`, keep its key (non-extractable) and
    /// the certificate, and sign what is pending.
    LoadCertificate { password: String, now: Stamp },
    /// The Tax Agency's files of the records (with `events`, of the events) of `from`..=`to`,
    /// with the request's reference if any; the export is logged as an event.
    ExportRecords {
        events: bool,
        from: NaiveDate,
        to: NaiveDate,
        reference: Option<String>,
        now: Stamp,
        lang: Lang,
    },
}

/// The worker's answer to one [`Job`]; errors are already in the user's words.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Reply {
    Examined(Examined),
    /// The import was written (or not, and why).
    Imported(Result<(), String>),
    /// The backup is the reply's blob (or why there is none).
    Exported(Result<(), String>),
    DemoLoaded(Result<(), String>),
    Forgotten,
    RecordsSigned,
    /// What the check found (`None`: the records could not be read).
    RecordsChecked(Option<Status>),
    CertificateLoaded(Result<(), CertRefused>),
    /// The files, `(name, XML)`, none when the period holds nothing; or why not, in `lang`.
    RecordsExported(Result<Vec<(String, String)>, String>),
    /// The message could not be understood (a page and a worker of different builds).
    Unknown(String),
}

/// Why a certificate file was not loaded (the page says it in the user's language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CertRefused {
    NotPkcs12,
    WrongPassword,
    Unsupported,
    /// No private key, or no certificate, in the file.
    NoKey,
    /// The browser's crypto or storage refused.
    Browser,
}

/// What examining a file found.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Examined {
    /// Refused: every problem where it is (the first [`LIST_LIMIT`], and how many more).
    Rejected {
        /// Only the checksum disagrees: the user may accept the file as edited by them.
        checksum_only: bool,
        /// What the checksum says was edited (indices into `STORES`; `None`: cannot tell).
        edited: Option<Vec<u8>>,
        problems: Vec<String>,
        more: usize,
    },
    /// Valid: what it holds and what merging would do.
    Ready(PreviewSummary),
}

/// The preview table, ready to render.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PreviewSummary {
    pub rows: Vec<PreviewRow>,
    /// Earliest and latest issue date of the documents in the file.
    pub range: Option<(NaiveDate, NaiveDate)>,
    /// A merge would renumber issued documents: only replacing is offered.
    pub merge_blocked: bool,
    pub conflicts: Vec<String>,
    pub more_conflicts: usize,
    pub notes: Vec<String>,
    pub more_notes: usize,
}

/// One store of the preview: records in the file, and what a merge would add, update, keep.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct PreviewRow {
    /// Index into `cobro_core::backup::STORES`.
    pub store: u8,
    pub in_file: usize,
    pub added: usize,
    pub updated: usize,
    pub kept: usize,
}

/// The store at `index` of the file's list (what a message names by number).
pub fn store(index: u8) -> Option<cobro_core::backup::Store> {
    STORES.get(usize::from(index)).copied()
}

/// The number a message names `store` by.
pub fn store_index(store: cobro_core::backup::Store) -> u8 {
    STORES.iter().position(|s| *s == store).unwrap_or(0) as u8
}

/// One message between the page and the worker.
pub struct Envelope {
    pub id: u32,
    /// The database the job works on (tests use their own).
    pub db: String,
    /// A [`Job`] or a [`Reply`] as JSON.
    pub body: String,
    pub blob: Option<web_sys::Blob>,
}

impl Envelope {
    pub fn to_js(&self) -> JsValue {
        let o = js_sys::Object::new();
        let set = |k: &str, v: &JsValue| {
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
        };
        set("id", &JsValue::from(self.id));
        set("db", &JsValue::from_str(&self.db));
        set("body", &JsValue::from_str(&self.body));
        if let Some(b) = &self.blob {
            set("blob", b);
        }
        o.into()
    }

    /// `None` for anything that is not an envelope (the worker's "ready" signal).
    pub fn from_js(value: &JsValue) -> Option<Self> {
        let get = |k: &str| js_sys::Reflect::get(value, &JsValue::from_str(k)).ok();
        Some(Self {
            id: get("id")?.as_f64()? as u32,
            db: get("db")?.as_string()?,
            body: get("body")?.as_string()?,
            blob: get("blob").and_then(|b| b.dyn_into().ok()),
        })
    }
}

/// What the worker posts once it listens: messages sent before would be lost.
pub const READY: &str = "cobro-worker-ready";
