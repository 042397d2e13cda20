//! Reads of the whole dataset, which the core's computations work on (agenda, reports and
//! backups take a `Dataset`), and the lookups tests ask for.
//!
//! The start-up reads in one transaction both the packs the agenda needs (the start-up class
//! and the hot families: `cobro_core::pack`) and the rest, but decodes the first before the
//! second, so the agenda shows while years of settled history are still being read and then
//! decoded, a slice at a time ([`LaterPacks::decode_some`]), without holding the browser.

use super::error::StorageError;
use super::keys::*;
use super::packs::read_into;
use super::tx::{RawPack, Tx};
use super::Db;
use chrono::NaiveDate;
use cobro_core::pack::LATER_FROM;
use cobro_core::{ContactEntry, CreditNote, Dataset, FollowUpStep, Invoice, Payment, Quote, StepState};
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::KeyRange;
use wasm_bindgen::{JsCast, JsValue};

fn start_range() -> KeyRange<JsValue> {
    KeyRange::UpperBound(JsValue::from_str(LATER_FROM), true)
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

/// The packs the start-up did not need, being read in the start-up's transaction (one
/// snapshot with what it decoded first): [`Later::arrive`], then decode them a slice at a time.
pub struct Later<'db> {
    request: wasm_bindgen_futures::JsFuture,
    // Kept until the request is answered: dropping a transaction aborts it.
    _tx: Tx<'db>,
}

impl Later<'_> {
    /// Wait for the packs to be read.
    pub async fn arrive(self) -> Result<LaterPacks, StorageError> {
        let fail = |e: JsValue| StorageError::from_js("read", PACKS, &e);
        let result = self.request.await.map_err(fail)?;
        let packs: js_sys::Array = result.dyn_into().map_err(fail)?;
        let packs = packs.iter().map(RawPack::of).collect::<Result<Vec<_>, _>>()?;
        Ok(LaterPacks {
            packs: packs.into_iter(),
        })
    }
}

/// The packs the start-up did not need, read and waiting to be decoded into the dataset.
pub struct LaterPacks {
    packs: std::vec::IntoIter<RawPack>,
}

impl LaterPacks {
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

/// A request of a transaction as a future of its result. The start-up's second read is made
/// this way, with the raw API, so that it can be left running while the first is decoded
/// and shown: a readonly transaction commits by itself once its requests are done.
fn request_future(request: &web_sys::IdbRequest) -> wasm_bindgen_futures::JsFuture {
    let request = request.clone();
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let (ok, bad) = (request.clone(), request.clone());
        let on_success = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &ok.result().unwrap_or(JsValue::UNDEFINED));
        });
        let on_error = wasm_bindgen::closure::Closure::once_into_js(move || {
            let why = bad
                .error()
                .ok()
                .flatten()
                .map(|e| JsValue::from_str(&e.message()))
                .unwrap_or(JsValue::UNDEFINED);
            let _ = reject.call1(&JsValue::NULL, &why);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    wasm_bindgen_futures::JsFuture::from(promise)
}

impl Db {
    /// Everything, read in one transaction so that the snapshot is consistent
    /// (no invoice without the payment another tab recorded at the same time).
    pub async fn load_all(&self) -> Result<Dataset, StorageError> {
        read_dataset(&self.read(&STORES)?).await
    }

    /// What the agenda needs, decoded, and the rest, read in the same transaction (one
    /// snapshot) and left to [`Later::arrive`]. The records of the first are complete
    /// for every hot family (`cobro_core::pack::is_hot`), so the agenda shown from them is the
    /// one all the data gives.
    pub async fn load_start(&self) -> Result<(Dataset, Later<'_>), StorageError> {
        let tx = self.read(&STORES)?;
        // A transaction answers its requests in the order they were made: the singletons and
        // the start-up packs first, the history (most of the bytes) last.
        let profile = tx.get_now(META, META_PROFILE)?;
        let settings = tx.get_now(META, META_SETTINGS)?;
        let start = tx.packs_in(start_range())?;
        let later = {
            let raw: web_sys::IdbTransaction = tx.inner.as_sys().clone().unchecked_into();
            let store = raw
                .object_store(PACKS)
                .map_err(|e| StorageError::from_js("read", PACKS, &e))?;
            let range = web_sys::IdbKeyRange::lower_bound(&JsValue::from_str(LATER_FROM))
                .map_err(|e| StorageError::from_js("read", PACKS, &e))?;
            let request = store
                .get_all_with_key(&range)
                .map_err(|e| StorageError::from_js("read", PACKS, &e))?;
            request_future(&request)
        };
        let mut data = Dataset {
            profile: profile.await?.unwrap_or_default(),
            settings: settings.await?.unwrap_or_default(),
            ..Dataset::default()
        };
        // Megabytes with years of data: the browser gets a turn every few milliseconds, as
        // while the history is decoded (`crate::state`), so the page answers meanwhile.
        let mut since = js_sys::Date::now();
        for raw in start.await? {
            read_into(&mut data, &raw)?;
            if js_sys::Date::now() - since > 8.0 {
                crate::platform::clock::yield_now().await;
                since = js_sys::Date::now();
            }
        }
        Ok((
            data,
            Later {
                request: later,
                _tx: tx,
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
        let (data, later) = self.load_start().await?;
        // Wait for the transaction's last request before it goes out of use.
        later.arrive().await?;
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
