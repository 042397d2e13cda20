//! Plain CRUD for every store, and the two singletons (profile, settings).
//! One generic set of functions over [`Record`] instead of forty near-copies;
//! the only per-store knowledge is the store name and the write rule (issued
//! invoices and numbered credit notes are never edited or deleted here:
//! issuing, sending and crediting go through the named operations).

use super::error::{OpError, StorageError};
use super::keys::*;
use super::Db;
use cobro_core::lifecycle::LifecycleError;
use cobro_core::{
    AppSettings, BusinessProfile, CatalogItem, Client, ContactEntry, CreditNote, FollowUpStep, Invoice,
    NumberingSeries, Payment, PaymentMethod, Quote,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A core record kept in its own store, keyed by `id`.
pub trait Record: Serialize + DeserializeOwned {
    /// The store that holds it.
    const STORE: &'static str;
    /// Its name in messages ("invoice").
    const WHAT: &'static str;
    fn id(&self) -> &str;
    /// Whether a write may replace `old` with `new` (`None`: a new record).
    fn check_write(_old: Option<&Self>, _new: &Self) -> Result<(), LifecycleError> {
        Ok(())
    }
    /// Whether `old` may be deleted.
    fn check_delete(_old: &Self) -> Result<(), LifecycleError> {
        Ok(())
    }
    /// True when the rules above need the stored copy (saves a read otherwise).
    const GUARDED: bool = false;
}

macro_rules! record {
    ($ty:ty, $store:expr, $what:expr) => {
        impl Record for $ty {
            const STORE: &'static str = $store;
            const WHAT: &'static str = $what;
            fn id(&self) -> &str {
                &self.id
            }
        }
    };
}

record!(PaymentMethod, PAYMENT_METHODS, "payment method");
record!(NumberingSeries, SERIES, "numbering series");
record!(Client, CLIENTS, "client");
record!(CatalogItem, ITEMS, "item");
record!(Quote, QUOTES, "quote");
record!(Payment, PAYMENTS, "payment");
record!(ContactEntry, CONTACTS, "contact");
record!(FollowUpStep, STEPS, "follow-up step");

/// Only drafts are saved or deleted through CRUD: an issued invoice is a
/// legal document, changed only by the named operations (send, pay, credit).
impl Record for Invoice {
    const STORE: &'static str = INVOICES;
    const WHAT: &'static str = "invoice";
    const GUARDED: bool = true;
    fn id(&self) -> &str {
        &self.id
    }
    fn check_write(old: Option<&Self>, new: &Self) -> Result<(), LifecycleError> {
        if let Some(old) = old {
            cobro_core::lifecycle::ensure_editable(old)?;
        }
        cobro_core::lifecycle::ensure_editable(new)
    }
    fn check_delete(old: &Self) -> Result<(), LifecycleError> {
        cobro_core::lifecycle::ensure_editable(old)
    }
}

/// Same rule as invoices: a numbered credit note is final.
impl Record for CreditNote {
    const STORE: &'static str = CREDIT_NOTES;
    const WHAT: &'static str = "credit note";
    const GUARDED: bool = true;
    fn id(&self) -> &str {
        &self.id
    }
    fn check_write(old: Option<&Self>, new: &Self) -> Result<(), LifecycleError> {
        match old.and_then(|o| o.number.clone()).or_else(|| new.number.clone()) {
            Some(number) => Err(LifecycleError::NotEditable { number }),
            None => Ok(()),
        }
    }
    fn check_delete(old: &Self) -> Result<(), LifecycleError> {
        match &old.number {
            Some(number) => Err(LifecycleError::NotEditable {
                number: number.clone(),
            }),
            None => Ok(()),
        }
    }
}

impl Db {
    /// Create or replace a record (a client, an item, an invoice draft…).
    pub async fn save<R: Record>(&self, record: &R) -> Result<(), OpError> {
        let tx = self.write(&[R::STORE])?;
        if R::GUARDED {
            let old: Option<R> = tx.get(R::STORE, record.id()).await?;
            R::check_write(old.as_ref(), record)?;
        } else {
            R::check_write(None, record)?;
        }
        tx.put(R::STORE, record).await?;
        self.commit(tx, &[R::STORE]).await?;
        Ok(())
    }

    /// One record by id, `None` if there is none.
    pub async fn find<R: Record>(&self, id: &str) -> Result<Option<R>, StorageError> {
        self.read(&[R::STORE])?.get(R::STORE, id).await
    }

    /// Every record of a kind, in id order.
    pub async fn list<R: Record>(&self) -> Result<Vec<R>, StorageError> {
        self.read(&[R::STORE])?.all(R::STORE).await
    }

    /// Delete a record; deleting one that does not exist is not an error
    /// (another tab may have deleted it first).
    pub async fn remove<R: Record>(&self, id: &str) -> Result<(), OpError> {
        let tx = self.write(&[R::STORE])?;
        if R::GUARDED {
            if let Some(old) = tx.get::<R>(R::STORE, id).await? {
                R::check_delete(&old)?;
            }
        }
        tx.delete(R::STORE, id).await?;
        self.commit(tx, &[R::STORE]).await?;
        Ok(())
    }

    /// The business profile (empty until the user fills it in).
    pub async fn profile(&self) -> Result<BusinessProfile, StorageError> {
        let found = self.read(&[META])?.get(META, META_PROFILE).await?;
        Ok(found.unwrap_or_default())
    }

    pub async fn save_profile(&self, profile: &BusinessProfile) -> Result<(), StorageError> {
        let tx = self.write(&[META])?;
        tx.put_at(META, META_PROFILE, profile).await?;
        self.commit(tx, &[META]).await
    }

    /// The settings (the defaults until the user changes them).
    pub async fn settings(&self) -> Result<AppSettings, StorageError> {
        let found = self.read(&[META])?.get(META, META_SETTINGS).await?;
        Ok(found.unwrap_or_default())
    }

    pub async fn save_settings(&self, settings: &AppSettings) -> Result<(), StorageError> {
        let tx = self.write(&[META])?;
        tx.put_at(META, META_SETTINGS, settings).await?;
        self.commit(tx, &[META]).await
    }
}
