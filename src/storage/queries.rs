//! Reads the screens need: everything at once for the core's computations
//! (agenda, reports, backups work on a whole `Dataset`), and the index
//! lookups for one client's or one invoice's records.

use super::error::StorageError;
use super::keys::*;
use super::tx::Tx;
use super::Db;
use chrono::NaiveDate;
use cobro_core::{ContactEntry, CreditNote, Dataset, FollowUpStep, Invoice, Payment, Quote};
use indexed_db_futures::KeyRange;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

/// Every store the dataset comes from.
pub(crate) const ALL_STORES: [&str; 11] = [
    META,
    PAYMENT_METHODS,
    SERIES,
    CLIENTS,
    ITEMS,
    QUOTES,
    INVOICES,
    CREDIT_NOTES,
    PAYMENTS,
    CONTACTS,
    STEPS,
];

fn only(key: &str) -> KeyRange<JsValue> {
    KeyRange::Only(JsValue::from_str(key))
}

fn date_key(d: NaiveDate) -> JsValue {
    // The stored form of a date (serde's "YYYY-MM-DD"), which sorts chronologically.
    JsValue::from_str(&d.format("%Y-%m-%d").to_string())
}

/// The whole dataset as seen by `tx` (which must cover [`ALL_STORES`]).
/// Every store is asked for before the first answer is awaited, so the
/// browser reads them back to back.
pub(crate) async fn read_dataset(tx: &Tx<'_>) -> Result<Dataset, StorageError> {
    let profile = tx.get(META, META_PROFILE).await?.unwrap_or_default();
    let settings = tx.get(META, META_SETTINGS).await?.unwrap_or_default();
    let pending = RECORD_STORES.map(|store| tx.all_js(store).map(|f| (store, f)));
    let mut read = Vec::with_capacity(pending.len());
    for p in pending {
        let (store, f) = p?;
        read.push((store, f.await?));
    }
    let mut data = Dataset {
        profile,
        settings,
        ..Dataset::default()
    };
    for (store, js) in &read {
        match *store {
            PAYMENT_METHODS => data.payment_methods = Tx::records(store, js)?,
            SERIES => data.series = Tx::records(store, js)?,
            CLIENTS => data.clients = Tx::records(store, js)?,
            ITEMS => data.items = Tx::records(store, js)?,
            QUOTES => data.quotes = Tx::records(store, js)?,
            INVOICES => data.invoices = Tx::records(store, js)?,
            CREDIT_NOTES => data.credit_notes = Tx::records(store, js)?,
            PAYMENTS => data.payments = Tx::records(store, js)?,
            CONTACTS => data.contacts = Tx::records(store, js)?,
            _ => data.steps = Tx::records(store, js)?,
        }
    }
    Ok(data)
}

impl Db {
    /// Everything, read in one transaction so that the snapshot is consistent
    /// (no invoice without the payment another tab recorded at the same time).
    pub async fn load_all(&self) -> Result<Dataset, StorageError> {
        read_dataset(&self.read(&ALL_STORES)?).await
    }

    async fn lookup<T: DeserializeOwned>(
        &self,
        store: &str,
        index: &str,
        range: KeyRange<JsValue>,
    ) -> Result<Vec<T>, StorageError> {
        self.read(&[store])?.by_index(store, index, range).await
    }

    /// A client's invoices (drafts included), oldest id first.
    pub async fn invoices_of_client(&self, client_id: &str) -> Result<Vec<Invoice>, StorageError> {
        self.lookup(INVOICES, BY_CLIENT, only(client_id)).await
    }

    pub async fn quotes_of_client(&self, client_id: &str) -> Result<Vec<Quote>, StorageError> {
        self.lookup(QUOTES, BY_CLIENT, only(client_id)).await
    }

    pub async fn payments_of_invoice(&self, invoice_id: &str) -> Result<Vec<Payment>, StorageError> {
        self.lookup(PAYMENTS, BY_INVOICE, only(invoice_id)).await
    }

    pub async fn credit_notes_of_invoice(&self, invoice_id: &str) -> Result<Vec<CreditNote>, StorageError> {
        self.lookup(CREDIT_NOTES, BY_INVOICE, only(invoice_id)).await
    }

    pub async fn contacts_of_client(&self, client_id: &str) -> Result<Vec<ContactEntry>, StorageError> {
        self.lookup(CONTACTS, BY_CLIENT, only(client_id)).await
    }

    pub async fn contacts_of_invoice(&self, invoice_id: &str) -> Result<Vec<ContactEntry>, StorageError> {
        self.lookup(CONTACTS, BY_INVOICE, only(invoice_id)).await
    }

    /// Every step of one invoice, whatever its state.
    pub async fn steps_of_invoice(&self, invoice_id: &str) -> Result<Vec<FollowUpStep>, StorageError> {
        self.lookup(STEPS, BY_INVOICE, only(invoice_id)).await
    }

    /// Steps of any state due on or before `date`, earliest first (history views).
    pub async fn steps_due_by(&self, date: NaiveDate) -> Result<Vec<FollowUpStep>, StorageError> {
        self.lookup(STEPS, BY_DUE, KeyRange::UpperBound(date_key(date), false))
            .await
    }

    /// Open steps due on or before `date`, earliest first: the agenda's
    /// question, answered from the v2 index without reading closed steps.
    pub async fn open_steps_due_by(&self, date: NaiveDate) -> Result<Vec<FollowUpStep>, StorageError> {
        let open = JsValue::from_str("open");
        // "" sorts before every date string, so [open, ""] is the start of the open steps.
        let lower = js_sys::Array::of2(&open, &JsValue::from_str("")).into();
        let upper = js_sys::Array::of2(&open, &date_key(date)).into();
        self.lookup(STEPS, BY_STATE_DUE, KeyRange::Bound(lower, false, upper, false))
            .await
    }
}
