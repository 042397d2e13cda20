//! Backups against the database: export the whole dataset in the core's format, assembled
//! from the packs' bytes as they are stored (nothing is decoded or written again), and
//! import a parsed backup by replacing or merging, in one transaction over every store, so
//! an import that fails leaves the data as it was. Parsing, validation, preview and merge
//! rules are the core's.

use super::error::{OpError, StorageError};
use super::keys::*;
use super::packs::write_dataset;
use super::queries::read_dataset;
use super::tx::RawPack;
use super::Db;
use crate::platform::crypto;
use cobro_core::backup::{self, v2, Backup, MergeSummary, Preview, Store, STORES as FILE_STORES};
use cobro_core::pack::PackId;
use cobro_core::{AppSettings, BusinessProfile, Dataset, Stamp};
use indexed_db_futures::KeyRange;
use wasm_bindgen::JsValue;

/// How an import treats the data already here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ImportMode {
    /// Everything here is replaced by the backup (restoring on a new device).
    Replace,
    /// Record by record, the newer copy wins (see `cobro_core::backup::merge`).
    Merge,
}

/// A backup file assembled in the browser's memory, as the parts of a `Blob` (text and the
/// packs' bytes): years of data never become one string in wasm.
pub struct ExportFile {
    parts: js_sys::Array,
}

impl ExportFile {
    /// The file, to download.
    pub fn blob(&self) -> Result<web_sys::Blob, StorageError> {
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("application/json");
        web_sys::Blob::new_with_u8_array_sequence_and_options(&self.parts, &options)
            .map_err(|e| StorageError::from_js("export", "backup", &e))
    }

    /// The file's text (tests compare and parse it).
    pub async fn text(&self) -> Result<String, StorageError> {
        let text = wasm_bindgen_futures::JsFuture::from(self.blob()?.text())
            .await
            .map_err(|e| StorageError::from_js("export", "backup", &e))?;
        text.as_string()
            .ok_or_else(|| StorageError::other("export", "backup", "the file is not text"))
    }
}

/// One store's value in the file from its packs, in id order: `[` + their contents + `]`
/// (`cobro_core::pack::join`, done here on the JavaScript side, so the bytes are copied once).
fn join(packs: &[&RawPack]) -> js_sys::Uint8Array {
    let inner: Vec<js_sys::Uint8Array> = packs
        .iter()
        .map(|p| p.data.subarray(1, p.data.length().saturating_sub(1)))
        .filter(|a| a.length() > 0)
        .collect();
    let commas = inner.len().saturating_sub(1) as u32;
    let total = 2 + commas + inner.iter().map(js_sys::Uint8Array::length).sum::<u32>();
    let out = js_sys::Uint8Array::new_with_length(total);
    out.set_index(0, b'[');
    let mut at = 1;
    for (i, part) in inner.iter().enumerate() {
        if i > 0 {
            out.set_index(at, b',');
            at += 1;
        }
        out.set(part, at);
        at += part.length();
    }
    out.set_index(at, b']');
    out
}

impl Db {
    /// The backup file of everything stored, stamped `now`. The exported data carries the
    /// previous export's stamp: a file cannot contain the moment it was written. Nothing is
    /// written here: the caller hands the file to the user first and then records the
    /// export with [`Db::record_export`], so that a full disk (the moment a backup matters
    /// most) cannot stop the backup, and the user does not wait for a write to get it.
    pub async fn export_backup(&self, now: Stamp, app_version: &str) -> Result<ExportFile, OpError> {
        let tx = self.read(&STORES)?;
        let packs = tx.packs_in(KeyRange::LowerBound(JsValue::from_str(""), false))?;
        let profile: BusinessProfile = tx.get(META, META_PROFILE).await?.unwrap_or_default();
        let mut settings: AppSettings = tx.get(META, META_SETTINGS).await?.unwrap_or_default();
        // The billing records and events travel inside the settings of the file.
        settings.verifactu.ledger = super::verifactu::ledger_in(&tx).await?;
        let packs = packs.await?;
        drop(tx);

        let mut values: Vec<(Store, js_sys::Uint8Array)> = Vec::with_capacity(FILE_STORES.len());
        for store in FILE_STORES {
            let value = match v2::kind_of(store) {
                None => {
                    let json = match store {
                        Store::Profile => serde_json::to_vec(&profile),
                        _ => serde_json::to_vec(&settings),
                    }
                    .map_err(|e| OpError::Export(e.to_string()))?;
                    js_sys::Uint8Array::from(json.as_slice())
                }
                Some(kind) => {
                    let of_kind: Vec<&RawPack> = packs
                        .iter()
                        .filter(|p| p.id.parse::<PackId>().is_ok_and(|id| id.kind == kind))
                        .collect();
                    // An optional store with no records is left out of the file, as the core's
                    // export leaves it (`backup::optional`).
                    if of_kind.is_empty() && backup::optional(store) {
                        continue;
                    }
                    join(&of_kind)
                }
            };
            values.push((store, value));
        }
        let bytes: Vec<js_sys::Uint8Array> = values.iter().map(|(_, v)| v.clone()).collect();
        let sums = crypto::sha256_many(&bytes).await.map_err(OpError::Export)?;
        let digests: Vec<(Store, String)> = values.iter().map(|(s, _)| *s).zip(sums).collect();
        let head = v2::head(&now, app_version, &digests).map_err(|e| OpError::Export(e.to_string()))?;
        let parts = js_sys::Array::new();
        parts.push(&JsValue::from_str(&head));
        for (store, value) in values {
            parts.push(&JsValue::from_str(&v2::before_store(store)));
            parts.push(&value);
        }
        parts.push(&JsValue::from_str(v2::TAIL));

        Ok(ExportFile { parts })
    }

    /// Remember that a backup was made at `now` (`settings.last_export_at`, from which the
    /// "last backup N days ago" reminder counts), in a transaction of its own: hashing is
    /// asynchronous and no IndexedDB transaction outlives it.
    /// The settings are read and written in that one transaction, so a change saved from
    /// another tab meanwhile is not overwritten with what this one had.
    pub async fn record_export(&self, now: Stamp) -> Result<(), StorageError> {
        let tx = self.write(&[META])?;
        let settings: AppSettings = tx.get(META, META_SETTINGS).await?.unwrap_or_default();
        let settings = AppSettings {
            last_export_at: Some(now),
            ..settings
        };
        self.commit_meta(tx, None, Some(settings)).await
    }

    /// What importing `incoming` would do, for the user to confirm first.
    pub async fn import_preview(&self, incoming: &Dataset) -> Result<Preview, OpError> {
        let current = self.load_all().await?;
        Ok(backup::preview(&current, incoming))
    }

    /// Import a parsed backup (`cobro_core::backup::parse` reports every problem of the file
    /// before this is called). Returns the merge summary when merging. A merge that would
    /// renumber issued documents is refused and nothing is written.
    pub async fn import_backup(
        &self,
        incoming: &Backup,
        mode: ImportMode,
    ) -> Result<Option<MergeSummary>, OpError> {
        self.import_file(incoming, None, mode).await
    }

    /// [`Db::import_backup`] given the bytes the backup was parsed from: a verified current
    /// file's records are then stored as the bytes they are in the file, none written again.
    pub async fn import_file(
        &self,
        incoming: &Backup,
        file: Option<&[u8]>,
        mode: ImportMode,
    ) -> Result<Option<MergeSummary>, OpError> {
        let tx = self.write(&STORES)?;
        let kept = super::verifactu::read_for_import(&tx).await?;
        let (data, summary, file) = match mode {
            ImportMode::Replace => (
                std::borrow::Cow::Borrowed(&incoming.data),
                None,
                incoming.spans.as_ref().zip(file),
            ),
            ImportMode::Merge => {
                let current = read_dataset(&tx).await?;
                let merged = backup::merge(&current, &incoming.data)?;
                (std::borrow::Cow::Owned(merged.data), Some(merged.summary), None)
            }
        };
        for store in STORES {
            tx.clear(store).await?;
        }
        // The billing records join this device's (never a fork); storage keeps them apart
        // from the settings they travel in.
        let mut settings = data.settings.clone();
        settings.verifactu.ledger = Default::default();
        tx.put_at(META, META_PROFILE, &data.profile).await?;
        tx.put_at(META, META_SETTINGS, &settings).await?;
        write_dataset(&tx, &data, file)?;
        let now = crate::platform::clock::now();
        let ledger = &incoming.data.settings.verifactu.ledger;
        super::verifactu::write_after_import(&tx, kept, ledger, &data.profile, &settings.verifactu, now)
            .await?;
        // The screens take what was imported at once, then read it all again (the billing
        // records as storage joined them among it).
        self.commit_everything(tx, std::sync::Arc::new(data.into_owned()))
            .await?;
        let _ = self.sign_pending(now).await;
        Ok(summary)
    }

    /// Delete every record (the "erase everything on this device" action;
    /// tests use it to start again from an empty database).
    pub async fn clear_all(&self) -> Result<(), OpError> {
        let tx = self.write(&STORES)?;
        for store in STORES {
            tx.clear(store).await?;
        }
        self.commit_everything(tx, std::sync::Arc::default()).await?;
        Ok(())
    }
}
