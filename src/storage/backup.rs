//! Backups against the database: export the whole dataset through the core's
//! format, and import a parsed backup by replacing or merging, in one
//! transaction over every store, so an import that fails leaves the data as
//! it was. Parsing, validation, preview and merge rules are the core's.

use super::error::OpError;
use super::keys::*;
use super::queries::{read_dataset, ALL_STORES};
use super::tx::Tx;
use super::Db;
use cobro_core::backup::{self, Backup, MergeSummary, Preview};
use cobro_core::{AppSettings, Dataset, Stamp};

/// How an import treats the data already here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// Everything here is replaced by the backup (restoring on a new device).
    Replace,
    /// Record by record, the newer copy wins (see `cobro_core::backup::merge`).
    Merge,
}

async fn write_all(tx: &Tx<'_>, data: &Dataset) -> Result<(), OpError> {
    for store in ALL_STORES {
        tx.clear(store).await?;
    }
    tx.put_at(META, META_PROFILE, &data.profile).await?;
    tx.put_at(META, META_SETTINGS, &data.settings).await?;
    tx.put_all(PAYMENT_METHODS, &data.payment_methods)?;
    tx.put_all(SERIES, &data.series)?;
    tx.put_all(CLIENTS, &data.clients)?;
    tx.put_all(ITEMS, &data.items)?;
    tx.put_all(QUOTES, &data.quotes)?;
    tx.put_all(INVOICES, &data.invoices)?;
    tx.put_all(CREDIT_NOTES, &data.credit_notes)?;
    tx.put_all(PAYMENTS, &data.payments)?;
    tx.put_all(CONTACTS, &data.contacts)?;
    tx.put_all(STEPS, &data.steps)?;
    Ok(())
}

impl Db {
    /// The backup file of everything stored, and `settings.last_export_at`
    /// set to `now` in the same transaction (the "last backup N days ago"
    /// reminder counts from it). The exported data carries the previous
    /// export's stamp: a file cannot contain the moment it was written.
    pub async fn export_backup(&self, now: Stamp, app_version: &str) -> Result<String, OpError> {
        let tx = self.write(&ALL_STORES)?;
        let data = read_dataset(&tx).await?;
        let text = backup::export(&data, now, app_version).map_err(|e| OpError::Export(e.to_string()))?;
        let settings = AppSettings {
            last_export_at: Some(now),
            ..data.settings
        };
        tx.put_at(META, META_SETTINGS, &settings).await?;
        self.commit(tx, &[META]).await?;
        Ok(text)
    }

    /// What importing `incoming` would do, for the user to confirm first.
    pub async fn import_preview(&self, incoming: &Dataset) -> Result<Preview, OpError> {
        let current = self.load_all().await?;
        Ok(backup::preview(&current, incoming))
    }

    /// Import a parsed backup (`cobro_core::backup::parse` reports every
    /// problem of the file before this is called). Returns the merge summary
    /// when merging. A merge that would renumber issued documents is refused
    /// and nothing is written.
    pub async fn import_backup(
        &self,
        incoming: &Backup,
        mode: ImportMode,
    ) -> Result<Option<MergeSummary>, OpError> {
        let tx = self.write(&ALL_STORES)?;
        let summary = match mode {
            ImportMode::Replace => {
                write_all(&tx, &incoming.data).await?;
                None
            }
            ImportMode::Merge => {
                let current = read_dataset(&tx).await?;
                let merged = backup::merge(&current, &incoming.data)?;
                write_all(&tx, &merged.data).await?;
                Some(merged.summary)
            }
        };
        self.commit(tx, &ALL_STORES).await?;
        Ok(summary)
    }

    /// Delete every record (the "erase everything on this device" action;
    /// tests use it to start again from an empty database).
    pub async fn clear_all(&self) -> Result<(), OpError> {
        let tx = self.write(&ALL_STORES)?;
        for store in ALL_STORES {
            tx.clear(store).await?;
        }
        self.commit(tx, &ALL_STORES).await?;
        Ok(())
    }
}
