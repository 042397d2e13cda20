//! The IndexedDB adapter: the only code in the app that touches IndexedDB.
//! Records are the core's serde types; each user action that must be atomic
//! is one readwrite transaction.

pub mod keys;
pub mod migrations;

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::de::DeserializeOwned;
use serde::Serialize;
use thiserror::Error;

/// The production database name; tests use their own names.
pub const DB_NAME: &str = "cobro";

/// A storage failure in words the UI can show, with where it happened.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("could not {op} in “{store}”: {message}")]
pub struct StorageError {
    pub op: &'static str,
    pub store: String,
    pub message: String,
}

impl StorageError {
    fn at<'a>(
        op: &'static str,
        store: &'a str,
    ) -> impl FnOnce(indexed_db_futures::error::Error) -> Self + 'a {
        move |e| Self {
            op,
            store: store.to_string(),
            message: e.to_string(),
        }
    }
}

/// An open connection to one database.
pub struct Db {
    db: Database,
}

impl Db {
    /// Open (creating or upgrading) the database `name`.
    pub async fn open(name: &str) -> Result<Self, StorageError> {
        let db = Database::open(name)
            .with_version(migrations::CURRENT_VERSION)
            .with_on_upgrade_needed(|event, db| {
                // old_version() is an f64 in the API; versions are small integers.
                migrations::upgrade(&db, event.old_version() as u32)
            })
            .await
            .map_err(|e| StorageError {
                op: "open",
                store: name.to_string(),
                message: e.to_string(),
            })?;
        Ok(Self { db })
    }

    /// Insert or replace one record in a store keyed by `id`.
    pub async fn put<T: Serialize>(&self, store: &str, value: &T) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction(store)
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(StorageError::at("write", store))?;
        let os = tx.object_store(store).map_err(StorageError::at("write", store))?;
        os.put(value)
            .serde()
            .map_err(StorageError::at("write", store))?
            .await
            .map_err(StorageError::at("write", store))?;
        // indexed_db_futures rolls back a transaction that is dropped uncommitted.
        tx.commit().await.map_err(StorageError::at("write", store))?;
        Ok(())
    }

    /// One record by id.
    pub async fn get<T: DeserializeOwned>(&self, store: &str, id: &str) -> Result<Option<T>, StorageError> {
        let tx = self
            .db
            .transaction(store)
            .build()
            .map_err(StorageError::at("read", store))?;
        let os = tx.object_store(store).map_err(StorageError::at("read", store))?;
        os.get(id)
            .serde()
            .map_err(StorageError::at("read", store))?
            .await
            .map_err(StorageError::at("read", store))
    }

    /// Every record of a store, in key order.
    pub async fn get_all<T: DeserializeOwned>(&self, store: &str) -> Result<Vec<T>, StorageError> {
        let tx = self
            .db
            .transaction(store)
            .build()
            .map_err(StorageError::at("read", store))?;
        let os = tx.object_store(store).map_err(StorageError::at("read", store))?;
        let items = os
            .get_all()
            .serde()
            .map_err(StorageError::at("read", store))?
            .await
            .map_err(StorageError::at("read", store))?;
        items
            .collect::<Result<Vec<T>, _>>()
            .map_err(StorageError::at("read", store))
    }

    /// Close the connection (lets another tab upgrade or a test delete the database).
    pub fn close(self) {
        self.db.close();
    }
}

/// Delete a whole database (tests, and "erase everything" in settings).
pub async fn delete_database(name: &str) -> Result<(), StorageError> {
    let err = |e: indexed_db_futures::error::OpenDbError| StorageError {
        op: "delete",
        store: name.to_string(),
        message: e.to_string(),
    };
    Database::delete_by_name(name)
        .map_err(err)?
        .await
        .map_err(|e| StorageError {
            op: "delete",
            store: name.to_string(),
            message: e.to_string(),
        })
}
