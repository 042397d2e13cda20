//! The IndexedDB adapter: the only code in the app that touches IndexedDB.
//! Records are the core's serde types, kept in packs (`keys`, `cobro_core::pack`); each user
//! action that must be atomic is one readwrite transaction, computed first with the core and
//! committed whole or not at all.
//!
//! - [`keys`], [`migrations`]: the schema and its upgrade path.
//! - `packs`: the packs one transaction reads and writes, and the changes that makes.
//! - [`records`]: plain CRUD per kind and the singletons.
//! - [`queries`]: whole loads (the start-up first) and lookups.
//! - [`ops`], [`credit`], [`quote`], [`drafts`]: the named atomic operations (issue, send, pay,
//!   log a contact, delete a draft…).
//! - [`backup`]: export and import of the whole dataset.
//!
//! Every committed write tells the other tabs which kinds of records changed and hands what
//! it changed to [`Db::on_commit`]'s callback, so the data held in memory follows without
//! reading everything again.

pub mod archive;
pub mod backup;
pub mod credit;
pub mod drafts;
pub mod error;
pub mod follow_up;
pub mod keys;
pub mod migrations;
pub mod ops;
mod packs;
pub mod queries;
pub mod quote;
pub mod records;
pub mod recurring;
mod tx;
pub mod verifactu;

#[doc(hidden)]
#[cfg(feature = "fault-injection")]
pub use tx::fault;

pub use error::{OpError, StorageError, StorageErrorKind};
pub use queries::{Later, LaterPacks};
pub use records::Record;

/// What a committed write did to the data, for whoever holds a copy in memory.
#[derive(Debug, Clone)]
pub enum Committed {
    /// These records changed (see `cobro_core::pack::apply`).
    Changes(Box<Changes>),
    /// Everything was replaced (an import, erasing everything) by this data: a copy in memory
    /// takes it at once (a screen opened right after a restore must find the restored
    /// records), then may read everything again for the order storage keeps them in.
    Everything(Arc<Dataset>),
}

use crate::platform::broadcast;
use cobro_core::pack::Changes;
use cobro_core::Dataset;
use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use packs::Written;
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use tx::Tx;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The production database name; tests use their own names.
pub const DB_NAME: &str = "cobro";

/// What [`Db::on_commit`] keeps.
type CommitHook = Rc<dyn Fn(&Committed)>;

/// An open connection to one database.
///
/// Opened with a `versionchange` handler: when another tab opens a newer
/// schema, this connection closes itself (otherwise that tab's upgrade would
/// wait for ever) and raises [`Db::closed_by_upgrade`] and the callback given
/// to [`Db::open_with_notice`], so the UI can ask the user to reload.
pub struct Db {
    db: Database,
    name: String,
    closed_by_upgrade: Rc<Cell<bool>>,
    // Kept alive as long as the connection: the browser calls it.
    on_version_change: Closure<dyn FnMut(web_sys::Event)>,
    on_commit: RefCell<Option<CommitHook>>,
}

impl Db {
    /// Open (creating or upgrading) the database `name`.
    pub async fn open(name: &str) -> Result<Self, StorageError> {
        Self::open_with_notice(name, || {}).await
    }

    /// Open, and call `notice` if another tab's upgrade makes this connection close.
    pub async fn open_with_notice(name: &str, notice: impl Fn() + 'static) -> Result<Self, StorageError> {
        Self::open_at(name, migrations::CURRENT_VERSION, notice).await
    }

    /// Open at a given schema version (tests open older versions to test upgrades).
    #[doc(hidden)]
    pub async fn open_at(
        name: &str,
        version: u32,
        notice: impl Fn() + 'static,
    ) -> Result<Self, StorageError> {
        // Upgrade first with raw IndexedDB (see migrations); this open then finds the schema ready.
        migrations::upgrade_database(name, version).await?;
        let db = Database::open(name)
            .with_version(version)
            .await
            .map_err(|e| StorageError::other("open", name, e.to_string()))?;
        let closed_by_upgrade = Rc::new(Cell::new(false));
        let flag = closed_by_upgrade.clone();
        let raw: web_sys::IdbDatabase = db.as_sys().clone().unchecked_into();
        let to_close = raw.clone();
        let on_version_change = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            to_close.close();
            flag.set(true);
            notice();
        });
        raw.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        Ok(Self {
            db,
            name: name.to_string(),
            closed_by_upgrade,
            on_version_change,
            on_commit: RefCell::new(None),
        })
    }

    /// The database name (also names the change broadcasts).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// True once another tab's upgrade closed this connection; every later
    /// call fails with [`StorageErrorKind::Closed`]. The UI polls it or uses
    /// the `open_with_notice` callback.
    pub fn closed_by_upgrade(&self) -> bool {
        self.closed_by_upgrade.get()
    }

    fn tx(&self, stores: &[&str], mode: TransactionMode) -> Result<Tx<'_>, StorageError> {
        let op = if mode == TransactionMode::Readwrite {
            "write"
        } else {
            "read"
        };
        self.db
            .transaction(stores)
            .with_mode(mode)
            .build()
            .map(|inner| Tx { inner })
            .map_err(|e| StorageError::from_idb(op, &stores.join(", "), &e))
    }

    pub(crate) fn read(&self, stores: &[&str]) -> Result<Tx<'_>, StorageError> {
        self.tx(stores, TransactionMode::Readonly)
    }

    pub(crate) fn write(&self, stores: &[&str]) -> Result<Tx<'_>, StorageError> {
        self.tx(stores, TransactionMode::Readwrite)
    }

    /// Call `f` after every write this connection commits, with what it changed.
    pub fn on_commit(&self, f: impl Fn(&Committed) + 'static) {
        *self.on_commit.borrow_mut() = Some(Rc::new(f));
    }

    fn committed(&self, c: &Committed) {
        // The callback is cloned out first: it may start another write on this connection.
        let f = self.on_commit.borrow().clone();
        if let Some(f) = f {
            f(c);
        }
    }

    /// Commit, then tell the other tabs which kinds of records changed and hand the changes
    /// to [`Db::on_commit`]. Only after the commit: a rolled-back write must not make anyone
    /// reload or change anything.
    pub(crate) async fn commit(&self, tx: Tx<'_>, written: Written) -> Result<(), StorageError> {
        tx.commit(&keys::STORES).await?;
        let mut names: Vec<&str> = written.kinds.iter().map(|k| k.key()).collect();
        if written.changes.profile.is_some() || written.changes.settings.is_some() {
            names.push(keys::META);
        }
        broadcast::announce(&self.name, &names);
        self.committed(&Committed::Changes(Box::new(written.changes)));
        Ok(())
    }

    /// Commit a transaction that replaced everything with `data` (an import, erasing
    /// everything).
    pub(crate) async fn commit_everything(&self, tx: Tx<'_>, data: Arc<Dataset>) -> Result<(), StorageError> {
        tx.commit(&keys::STORES).await?;
        let mut names: Vec<&str> = cobro_core::pack::Kind::ALL.iter().map(|k| k.key()).collect();
        names.push(keys::META);
        broadcast::announce(&self.name, &names);
        self.committed(&Committed::Everything(data));
        Ok(())
    }

    /// One record of a store of schema v1 or v2 (tests check what an aborted upgrade left).
    #[doc(hidden)]
    pub async fn get_legacy<T: serde::de::DeserializeOwned>(
        &self,
        store: &str,
        id: &str,
    ) -> Result<Option<T>, StorageError> {
        self.read(&[store])?.get(store, id).await
    }

    /// Insert or replace one record in a store of schema v1 or v2, as those versions kept
    /// them (no business checks): tests build the databases old releases left on disk with it.
    #[doc(hidden)]
    pub async fn put_legacy<T: Serialize>(&self, store: &str, value: &T) -> Result<(), StorageError> {
        let tx = self.write(&[store])?;
        tx.put(store, value).await?;
        tx.commit(&[store]).await
    }

    /// Close the connection (lets another tab upgrade or a test delete the database).
    pub fn close(self) {
        // Drop (below) detaches the handler; closing is then the only thing left.
        self.db.clone().close();
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        // The closure dies with `self`; the browser must not call it afterwards.
        let raw: &web_sys::IdbDatabase = self.db.as_sys().unchecked_ref();
        raw.set_onversionchange(None);
        let _ = &self.on_version_change;
    }
}

/// Delete a whole database (tests, and "erase everything" in settings).
pub async fn delete_database(name: &str) -> Result<(), StorageError> {
    Database::delete_by_name(name)
        .map_err(|e| StorageError::other("delete", name, e.to_string()))?
        .await
        .map_err(|e| StorageError::from_idb("delete", name, &e))
}

/// A new random record id (UUID v4 from `crypto.randomUUID`, available in
/// every browser Cobro supports on https and localhost).
pub fn new_id() -> String {
    let uuid = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("crypto")).ok())
        .and_then(|c| {
            let f: js_sys::Function = js_sys::Reflect::get(&c, &JsValue::from_str("randomUUID"))
                .ok()?
                .dyn_into()
                .ok()?;
            f.call0(&c).ok()?.as_string()
        });
    // Without randomUUID (an insecure origin), time + Math.random is unique enough for one user's records.
    uuid.unwrap_or_else(|| {
        format!(
            "{:x}-{:x}",
            js_sys::Date::now() as u64,
            (js_sys::Math::random() * 1e15) as u64
        )
    })
}
