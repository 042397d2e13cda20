//! Storage errors in words the UI can show. IndexedDB failures become a
//! [`StorageError`] (where it happened and why); the named operations add the
//! business refusals from the core in [`OpError`], so the UI gets one message
//! either way and never a `JsValue`.

use cobro_core::backup::{BackupErrors, MergeError};
use cobro_core::corrections::PaymentError;
use cobro_core::lifecycle::LifecycleError;
use cobro_core::numbering::SeriesEditError;
use cobro_core::schedule::ScheduleError;
use cobro_core::usage::UsageError;
use cobro_core::validity::Invalid;
use thiserror::Error;

/// What kind of failure, for the few cases the UI treats differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageErrorKind {
    /// The browser refused to store more (QuotaExceededError): the user must
    /// free space or export a backup, retrying will not help.
    Quota,
    /// This connection was closed because another tab upgrades the database.
    Closed,
    /// Anything else (a bug, a corrupt record, a browser fault).
    Other,
}

/// A storage failure in words the UI can show, with where it happened.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("could not {op} in “{store}”: {message}")]
pub struct StorageError {
    pub op: &'static str,
    pub store: String,
    pub message: String,
    pub kind: StorageErrorKind,
}

const QUOTA_MESSAGE: &str = "the browser has no more storage space for Cobro. \
     Export a backup now, then free space on this device (or allow more storage) and try again";

const CLOSED_MESSAGE: &str =
    "Cobro was updated in another tab and this tab let go of the database: reload this tab";

impl StorageError {
    /// Turn a DOM exception name and message into the plain-words error.
    /// Public so the quota mapping can be tested without filling a disk.
    pub fn from_dom(op: &'static str, store: &str, name: &str, message: &str) -> Self {
        let (kind, message) = match name {
            "QuotaExceededError" => (StorageErrorKind::Quota, QUOTA_MESSAGE.to_string()),
            // "The database connection is closing": our versionchange handler closed it.
            "InvalidStateError" if message.contains("closing") => {
                (StorageErrorKind::Closed, CLOSED_MESSAGE.to_string())
            }
            _ => (StorageErrorKind::Other, message.to_string()),
        };
        Self {
            op,
            store: store.to_string(),
            message,
            kind,
        }
    }

    /// Map an indexed_db_futures error (the DOM exception inside it, when there is one).
    pub fn from_idb(op: &'static str, store: &str, e: &indexed_db_futures::error::Error) -> Self {
        use indexed_db_futures::error::Error as E;
        match e {
            E::DomException(d) => {
                let sys: &web_sys::DomException = wasm_bindgen::JsCast::unchecked_ref(d.as_ref());
                Self::from_dom(op, store, &sys.name(), &d.message())
            }
            other => Self::other(op, store, other.to_string()),
        }
    }

    /// Map an exception thrown by a raw IndexedDB call.
    pub(crate) fn from_js(op: &'static str, store: &str, e: &wasm_bindgen::JsValue) -> Self {
        match wasm_bindgen::JsCast::dyn_ref::<web_sys::DomException>(e) {
            Some(d) => Self::from_dom(op, store, &d.name(), &d.message()),
            None => Self::other(op, store, format!("{e:?}")),
        }
    }

    pub(crate) fn other(op: &'static str, store: &str, message: impl Into<String>) -> Self {
        Self {
            op,
            store: store.to_string(),
            message: message.into(),
            kind: StorageErrorKind::Other,
        }
    }

    /// A closure for `map_err` at one place.
    pub(crate) fn at<'a>(
        op: &'static str,
        store: &'a str,
    ) -> impl FnOnce(indexed_db_futures::error::Error) -> Self + 'a {
        move |e| Self::from_idb(op, store, &e)
    }

    /// True when the disk or the browser's allowance is full.
    pub fn is_quota(&self) -> bool {
        self.kind == StorageErrorKind::Quota
    }
}

/// Why a named operation (issue, send, pay, log, import…) did not happen.
/// Nothing was written in any of these cases.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum OpError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The core refused the change (draft invalid, invoice not issued…).
    #[error(transparent)]
    Refused(#[from] LifecycleError),
    /// The follow-up schedule refused the change (step no longer open…).
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    #[error("the {what} “{id}” does not exist (it may have been deleted in another tab)")]
    NotFound { what: &'static str, id: String },
    /// The backup file cannot be imported; every reason is listed.
    #[error(transparent)]
    Backup(#[from] BackupErrors),
    /// Merging would renumber or duplicate issued documents.
    #[error(transparent)]
    Merge(#[from] MergeError),
    #[error("the backup could not be written: {0}")]
    Export(String),
    /// A numbering series change the core refused.
    #[error(transparent)]
    Series(#[from] SeriesEditError),
    /// A payment the core refused to record, void or correct (or an overpayment to confirm).
    #[error(transparent)]
    Payment(#[from] PaymentError),
    /// A record others still name cannot be deleted.
    #[error(transparent)]
    InUse(#[from] UsageError),
    /// A record breaks a rule of `cobro_core::validity` (each problem at its field): storage
    /// never keeps what a backup could not restore.
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// Billing records (VERI*FACTU law): a record that cannot be made, a fork, signing.
    #[error(transparent)]
    Verifactu(#[from] super::verifactu::VfError),
}
