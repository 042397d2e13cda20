//! Reads of the whole dataset, which the core's computations work on (agenda, reports and
//! backups take a `Dataset`), and the lookups tests ask for.
//!
//! The start-up reads in one transaction both the packs the agenda needs (the start-up class
//! and the hot families: `cobro_core::pack`) and the rest, but decodes the first before the
//! second, so the agenda shows while years of settled history are still being decoded, a
//! slice at a time ([`Later::decode_some`]), without holding the browser for seconds.

use super::error::StorageError;
use super::keys::*;
use super::packs::read_into;
use super::tx::{RawPack, Tx};
use super::Db;
use chrono::NaiveDate;
use cobro_core::pack::LATER_FROM;
use cobro_core::{ContactEntry, CreditNote, Dataset, FollowUpStep, Invoice, Payment, Quote, StepState};
use indexed_db_futures::KeyRange;
use wasm_bindgen::JsValue;

fn start_range() -> KeyRange<JsValue> {
    KeyRange::UpperBound(JsValue::from_str(LATER_FROM), true)
}

fn later_range() -> KeyRange<JsValue> {
    KeyRange::LowerBound(JsValue::from_str(LATER_FROM), false)
}

/// The singletons and every pack, as seen by `tx` (which must cover [`STORES`]). Every
/// request is made before the first answer is awaited.
pub(crate) async fn read_dataset(tx: &Tx<'_>) -> Result<Dataset, StorageError> {
    let packs = tx.packs_in(KeyRange::LowerBound(JsValue::from_str(""), false))?;
    let mut data = Dataset {
        profile: tx.get(META, META_PROFILE).await?.unwrap_or_default(),
        settings: tx.get(META, META_SETTINGS).await?.unwrap_or_default(),
        ..Dataset::default()
    };
    for raw in packs.await? {
        read_into(&mut data, &raw)?;
    }
    Ok(data)
}

/// The packs the start-up did not need, read and waiting to be decoded into the dataset.
pub struct Later {
    packs: std::vec::IntoIter<RawPack>,
}

impl Later {
    /// Decode packs into `data` until about `bytes` have been read; `true` once all are in.
    pub fn decode_some(&mut self, data: &mut Dataset, bytes: usize) -> Result<bool, StorageError> {
        let mut done = 0;
        while done < bytes {
            let Some(raw) = self.packs.next() else {
                return Ok(true);
            };
            done += raw.data.length() as usize;
            read_into(data, &raw)?;
        }
        Ok(self.packs.len() == 0)
    }
}

impl Db {
    /// Everything, read in one transaction so that the snapshot is consistent
    /// (no invoice without the payment another tab recorded at the same time).
    pub async fn load_all(&self) -> Result<Dataset, StorageError> {
        read_dataset(&self.read(&STORES)?).await
    }

    /// What the agenda needs, decoded, and the rest, read in the same transaction (one
    /// snapshot) and left to [`Later::decode_some`]. The records of the first are complete
    /// for every hot family (`cobro_core::pack::is_hot`), so the agenda shown from them is the
    /// one all the data gives.
    pub async fn load_start(&self) -> Result<(Dataset, Later), StorageError> {
        let tx = self.read(&STORES)?;
        let start = tx.packs_in(start_range())?;
        let later = tx.packs_in(later_range())?;
        let mut data = Dataset {
            profile: tx.get(META, META_PROFILE).await?.unwrap_or_default(),
            settings: tx.get(META, META_SETTINGS).await?.unwrap_or_default(),
            ..Dataset::default()
        };
        for raw in start.await? {
            read_into(&mut data, &raw)?;
        }
        let later = later.await?;
        Ok((
            data,
            Later {
                packs: later.into_iter(),
            },
        ))
    }

    /// A client's invoices (drafts included).
    pub async fn invoices_of_client(&self, client_id: &str) -> Result<Vec<Invoice>, StorageError> {
        let data = self.load_all().await?;
        Ok(data
            .invoices
            .into_iter()
            .filter(|i| i.client_id == client_id)
            .collect())
    }

    pub async fn quotes_of_client(&self, client_id: &str) -> Result<Vec<Quote>, StorageError> {
        let data = self.load_all().await?;
        Ok(data
            .quotes
            .into_iter()
            .filter(|q| q.client_id == client_id)
            .collect())
    }

    pub async fn payments_of_invoice(&self, invoice_id: &str) -> Result<Vec<Payment>, StorageError> {
        Ok(self.family_of(invoice_id).await?.payments)
    }

    pub async fn credit_notes_of_invoice(&self, invoice_id: &str) -> Result<Vec<CreditNote>, StorageError> {
        Ok(self.family_of(invoice_id).await?.credit_notes)
    }

    /// Every contact with a client, about its invoices or about none.
    pub async fn contacts_of_client(&self, client_id: &str) -> Result<Vec<ContactEntry>, StorageError> {
        let data = self.load_all().await?;
        Ok(data
            .contacts
            .into_iter()
            .filter(|c| c.client_id == client_id)
            .collect())
    }

    pub async fn contacts_of_invoice(&self, invoice_id: &str) -> Result<Vec<ContactEntry>, StorageError> {
        Ok(self.family_of(invoice_id).await?.contacts)
    }

    /// Every step of one invoice, whatever its state.
    pub async fn steps_of_invoice(&self, invoice_id: &str) -> Result<Vec<FollowUpStep>, StorageError> {
        Ok(self.family_of(invoice_id).await?.steps)
    }

    /// Steps of any state due on or before `date`, earliest first (history views).
    pub async fn steps_due_by(&self, date: NaiveDate) -> Result<Vec<FollowUpStep>, StorageError> {
        let mut steps: Vec<FollowUpStep> = self
            .load_all()
            .await?
            .steps
            .into_iter()
            .filter(|s| s.due <= date)
            .collect();
        steps.sort_by_key(|s| s.due);
        Ok(steps)
    }

    /// Open steps due on or before `date`, earliest first: the agenda's question, answered
    /// from the start-up packs alone (an open step always belongs to a hot family).
    pub async fn open_steps_due_by(&self, date: NaiveDate) -> Result<Vec<FollowUpStep>, StorageError> {
        let (data, _) = self.load_start().await?;
        let mut steps: Vec<FollowUpStep> = data
            .steps
            .into_iter()
            .filter(|s| s.state == StepState::Open && s.due <= date)
            .collect();
        steps.sort_by_key(|s| s.due);
        Ok(steps)
    }

    async fn family_of(&self, key: &str) -> Result<cobro_core::pack::Family, StorageError> {
        let tx = self.read(&[PACKS])?;
        super::packs::Packs::new(&tx).family(key).await
    }
}
