//! Plain CRUD for every kind of record, and the two singletons (profile, settings).
//! One generic set of functions over [`Record`] instead of forty near-copies; the only
//! per-kind knowledge is where its records live (their pack, or their family's) and the
//! write rule (issued invoices and numbered credit notes are never edited or deleted here:
//! issuing, sending and crediting go through the named operations).

use super::error::{OpError, StorageError};
use super::keys::*;
use super::packs::{List, Packs};
use super::tx::Tx;
use super::Db;
use crate::platform::clock;
use cobro_core::lifecycle::LifecycleError;
use cobro_core::pack::{self, Family, HasId, Kind, Own};
use cobro_core::validity::{self, Validate};
use cobro_core::{
    AppSettings, BusinessProfile, CatalogItem, Client, ContactEntry, CreditNote, FollowUpStep, Invoice,
    NumberingSeries, Payment, PaymentMethod, Quote, RecurringSchedule,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A core record kept in packs.
pub trait Record: Serialize + DeserializeOwned + Clone + PartialEq + HasId + Validate + 'static {
    /// Its kind, which says which packs can hold it.
    const KIND: Kind;
    /// The kind's name (also the name other tabs are told changed).
    const STORE: &'static str;
    /// Its name in messages ("invoice").
    const WHAT: &'static str;
    /// The family it belongs to (kinds in families only): a record is stored with it.
    fn family(&self) -> Option<&str> {
        None
    }
    /// This kind's records in a family (kinds in families only).
    fn of_family(_f: &mut Family) -> Option<&mut Vec<Self>> {
        None
    }
    /// This kind's records in a pack of its kind.
    #[doc(hidden)]
    fn in_list(list: &mut List) -> Option<&mut Vec<Self>>;
    /// The record as a change to the data in memory (kinds outside families only: a family
    /// is always changed whole).
    fn own(self) -> Option<Own> {
        None
    }
    /// Whether a write may replace `old` with `new` (`None`: a new record).
    fn check_write(_old: Option<&Self>, _new: &Self) -> Result<(), LifecycleError> {
        Ok(())
    }
    /// Whether `old` may be deleted.
    fn check_delete(_old: &Self) -> Result<(), LifecycleError> {
        Ok(())
    }
}

macro_rules! own_record {
    ($ty:ty, $kind:ident, $variant:ident, $own:ident, $store:expr, $what:expr) => {
        impl Record for $ty {
            const KIND: Kind = Kind::$kind;
            const STORE: &'static str = $store;
            const WHAT: &'static str = $what;
            fn in_list(list: &mut List) -> Option<&mut Vec<Self>> {
                match list {
                    List::$variant(v) => Some(v),
                    _ => None,
                }
            }
            fn own(self) -> Option<Own> {
                Some(Own::$own(self))
            }
        }
    };
}

own_record!(
    PaymentMethod,
    PaymentMethods,
    PaymentMethods,
    PaymentMethod,
    PAYMENT_METHODS,
    "payment method"
);
own_record!(
    NumberingSeries,
    Series,
    Series,
    Series,
    SERIES,
    "numbering series"
);
own_record!(Client, Clients, Clients, Client, CLIENTS, "client");
own_record!(CatalogItem, Items, Items, Item, ITEMS, "item");
own_record!(Quote, Quotes, Quotes, Quote, QUOTES, "quote");
own_record!(
    RecurringSchedule,
    Recurring,
    Recurring,
    Recurring,
    RECURRING,
    "recurring invoice"
);

macro_rules! family_record {
    ($ty:ty, $kind:ident, $field:ident, $store:expr, $what:expr, |$r:ident| $family:expr) => {
        impl Record for $ty {
            const KIND: Kind = Kind::$kind;
            const STORE: &'static str = $store;
            const WHAT: &'static str = $what;
            fn family(&self) -> Option<&str> {
                let $r = self;
                Some($family)
            }
            fn of_family(f: &mut Family) -> Option<&mut Vec<Self>> {
                Some(&mut f.$field)
            }
            fn in_list(list: &mut List) -> Option<&mut Vec<Self>> {
                match list {
                    List::$kind(v) => Some(v),
                    _ => None,
                }
            }
            fn check_write(old: Option<&Self>, new: &Self) -> Result<(), LifecycleError> {
                guard::write(old, new)
            }
            fn check_delete(old: &Self) -> Result<(), LifecycleError> {
                guard::delete(old)
            }
        }
    };
}

family_record!(Invoice, Invoices, invoices, INVOICES, "invoice", |r| &r.id);
family_record!(
    CreditNote,
    CreditNotes,
    credit_notes,
    CREDIT_NOTES,
    "credit note",
    |r| &r.invoice_id
);
family_record!(Payment, Payments, payments, PAYMENTS, "payment", |r| &r
    .invoice_id);
family_record!(ContactEntry, Contacts, contacts, CONTACTS, "contact", |r| {
    pack::contact_family(r)
});
family_record!(FollowUpStep, Steps, steps, STEPS, "follow-up step", |r| &r
    .invoice_id);

/// The write rules of the family kinds: only drafts are saved or deleted through CRUD. An
/// issued invoice is a legal document, changed only by the named operations (send, pay,
/// credit); a numbered credit note is final. Other kinds have no rule.
mod guard {
    use super::*;

    pub(super) trait Guarded {
        fn write(_old: Option<&Self>, _new: &Self) -> Result<(), LifecycleError> {
            Ok(())
        }
        fn delete(_old: &Self) -> Result<(), LifecycleError> {
            Ok(())
        }
    }

    impl Guarded for Invoice {
        fn write(old: Option<&Self>, new: &Self) -> Result<(), LifecycleError> {
            if let Some(old) = old {
                cobro_core::lifecycle::ensure_editable(old)?;
            }
            cobro_core::lifecycle::ensure_editable(new)
        }
        fn delete(old: &Self) -> Result<(), LifecycleError> {
            cobro_core::lifecycle::ensure_editable(old)
        }
    }

    impl Guarded for CreditNote {
        fn write(old: Option<&Self>, new: &Self) -> Result<(), LifecycleError> {
            match old.and_then(|o| o.number.clone()).or_else(|| new.number.clone()) {
                Some(number) => Err(LifecycleError::NotEditable { number }),
                None => Ok(()),
            }
        }
        fn delete(old: &Self) -> Result<(), LifecycleError> {
            match &old.number {
                Some(number) => Err(LifecycleError::NotEditable {
                    number: number.clone(),
                }),
                None => Ok(()),
            }
        }
    }

    impl Guarded for Payment {}
    impl Guarded for ContactEntry {}
    impl Guarded for FollowUpStep {}

    pub(super) fn write<T: Guarded>(old: Option<&T>, new: &T) -> Result<(), LifecycleError> {
        T::write(old, new)
    }

    pub(super) fn delete<T: Guarded>(old: &T) -> Result<(), LifecycleError> {
        T::delete(old)
    }
}

impl Db {
    /// Create or replace a record (a client, an item, an invoice draft…). A record stays in
    /// the family it was created in (its invoice never changes).
    pub async fn save<R: Record>(&self, record: &R) -> Result<(), OpError> {
        let tx = self.write(&[PACKS])?;
        let mut packs = Packs::new(&tx);
        match record.family() {
            Some(key) => {
                let mut fam = packs.family(key).await?;
                let list = R::of_family(&mut fam).ok_or_else(|| not_in_family::<R>())?;
                let old = list.iter().find(|r| r.id() == record.id());
                R::check_write(old, record)?;
                pack::upsert_by_id(list, record);
                packs.put_family(fam)?;
            }
            None => {
                let old: Option<R> = packs.own(record.id()).await?;
                R::check_write(old.as_ref(), record)?;
                packs.put_own(record.clone()).await?;
            }
        }
        let written = packs.finish()?;
        self.commit(tx, written).await?;
        Ok(())
    }

    /// One record by id, `None` if there is none. A record of a family kind is looked for in
    /// every pack of its kind: the screens read the data in memory; this serves tests and checks.
    pub async fn find<R: Record>(&self, id: &str) -> Result<Option<R>, StorageError> {
        let tx = self.read(&[PACKS])?;
        let mut packs = Packs::new(&tx);
        if R::KIND.in_family() {
            Ok(packs.all::<R>().await?.into_iter().find(|r| r.id() == id))
        } else {
            packs.own(id).await
        }
    }

    /// Every record of a kind.
    pub async fn list<R: Record>(&self) -> Result<Vec<R>, StorageError> {
        let tx = self.read(&[PACKS])?;
        Packs::new(&tx).all().await
    }

    /// Delete a record; deleting one that does not exist is not an error
    /// (another tab may have deleted it first).
    pub async fn remove<R: Record>(&self, id: &str) -> Result<(), OpError> {
        let tx = self.write(&[PACKS])?;
        let mut packs = Packs::new(&tx);
        if R::KIND.in_family() {
            let found = packs.all::<R>().await?.into_iter().find(|r| r.id() == id);
            let Some(old) = found else { return Ok(()) };
            R::check_delete(&old)?;
            let key = old.family().unwrap_or_default().to_string();
            let mut fam = packs.family(&key).await?;
            if let Some(list) = R::of_family(&mut fam) {
                list.retain(|r| r.id() != id);
            }
            packs.put_family(fam)?;
        } else {
            if let Some(old) = packs.own::<R>(id).await? {
                R::check_delete(&old)?;
            }
            packs.remove_own::<R>(id).await?;
        }
        let written = packs.finish()?;
        self.commit(tx, written).await?;
        Ok(())
    }

    /// The business profile (empty until the user fills it in).
    pub async fn profile(&self) -> Result<BusinessProfile, StorageError> {
        let found = self.read(&[META])?.get(META, META_PROFILE).await?;
        Ok(found.unwrap_or_default())
    }

    /// Save the profile; refused (nothing written) when it breaks a rule of
    /// `cobro_core::validity` the stored one did not.
    pub async fn save_profile(&self, profile: &BusinessProfile) -> Result<(), OpError> {
        let tx = self.write(&[META])?;
        let old: Option<BusinessProfile> = tx.get(META, META_PROFILE).await?;
        validity::check_write(old.as_ref(), profile, clock::today())?;
        Ok(self.commit_meta(tx, Some(profile.clone()), None).await?)
    }

    /// Put the profile and/or the settings in `tx` (a readwrite transaction over `meta`) and
    /// commit it, handing the app what changed.
    pub(crate) async fn commit_meta(
        &self,
        tx: Tx<'_>,
        profile: Option<BusinessProfile>,
        settings: Option<AppSettings>,
    ) -> Result<(), StorageError> {
        if let Some(profile) = &profile {
            tx.put_at(META, META_PROFILE, profile).await?;
        }
        if let Some(settings) = &settings {
            tx.put_at(META, META_SETTINGS, settings).await?;
        }
        let mut packs = Packs::new(&tx);
        packs.wrote_meta(profile, settings);
        let written = packs.finish()?;
        self.commit(tx, written).await
    }

    /// The settings (the defaults until the user changes them).
    pub async fn settings(&self) -> Result<AppSettings, StorageError> {
        let found = self.read(&[META])?.get(META, META_SETTINGS).await?;
        Ok(found.unwrap_or_default())
    }

    /// Save the settings; refused like [`Db::save_profile`].
    pub async fn save_settings(&self, settings: &AppSettings) -> Result<(), OpError> {
        let tx = self.write(&[META])?;
        let old: Option<AppSettings> = tx.get(META, META_SETTINGS).await?;
        validity::check_write(old.as_ref(), settings, clock::today())?;
        Ok(self.commit_meta(tx, None, Some(settings.clone())).await?)
    }
}

fn not_in_family<R: Record>() -> OpError {
    OpError::Storage(StorageError::other(
        "write",
        R::STORE,
        format!("a {} has no family to be stored in", R::WHAT),
    ))
}
