//! One transaction and the few requests Cobro makes inside it. Every
//! operation goes through here so that errors name the store and records are
//! converted the same way everywhere.
//!
//! Records travel through JSON (serde_json, then `JSON.parse`) rather than
//! serde-wasm-bindgen: the stored object then has exactly the shape of the
//! backup file (amounts as strings, `None` as null, integer map keys such as
//! a series' per-year counters as strings), which serde-wasm-bindgen cannot
//! read back.
//!
//! Whole stores go through JSON once per store, not once per record
//! ([`Tx::all`], [`Tx::put_all`]): with years of data (130 000 records) the
//! per-record crossings of the wasm boundary were most of a load or a restore.

use super::error::StorageError;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use indexed_db_futures::KeyRange;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

/// Record → stored object.
pub(crate) fn to_js<T: Serialize>(store: &str, value: &T) -> Result<JsValue, StorageError> {
    let text =
        serde_json::to_string(value).map_err(|e| StorageError::other("write", store, e.to_string()))?;
    js_sys::JSON::parse(&text)
        .map_err(|_| StorageError::other("write", store, "the record is not valid JSON"))
}

/// Stored object → record; a record this build cannot read is reported, not skipped.
pub(crate) fn from_js<T: DeserializeOwned>(store: &str, js: &JsValue) -> Result<T, StorageError> {
    let text: String = js_sys::JSON::stringify(js)
        .map_err(|_| StorageError::other("read", store, "a stored record cannot be read"))?
        .into();
    serde_json::from_str(&text).map_err(|e| {
        StorageError::other(
            "read",
            store,
            format!("a stored record does not fit this version of Cobro ({e})"),
        )
    })
}

/// Records → one JS array of stored objects, through one JSON text.
fn to_js_array<T: Serialize>(store: &str, values: &[T]) -> Result<js_sys::Array, StorageError> {
    let text =
        serde_json::to_string(values).map_err(|e| StorageError::other("write", store, e.to_string()))?;
    js_sys::JSON::parse(&text)
        .map(wasm_bindgen::JsCast::unchecked_into)
        .map_err(|_| StorageError::other("write", store, "the records are not valid JSON"))
}

/// Stored objects → records, through one JSON text; a record this build
/// cannot read fails the whole read, it is not skipped.
fn from_js_array<T: DeserializeOwned>(store: &str, js: &js_sys::Array) -> Result<Vec<T>, StorageError> {
    from_js(store, js.as_ref())
}

/// A transaction with typed requests. Dropping it uncommitted rolls it back
/// (indexed_db_futures aborts on drop), which is what every `?` relies on.
pub(crate) struct Tx<'a> {
    pub(crate) inner: Transaction<'a>,
}

impl Tx<'_> {
    fn store(
        &self,
        op: &'static str,
        name: &str,
    ) -> Result<indexed_db_futures::object_store::ObjectStore<'_>, StorageError> {
        self.inner.object_store(name).map_err(StorageError::at(op, name))
    }

    /// One record by primary key.
    pub(crate) async fn get<T: DeserializeOwned>(
        &self,
        store: &str,
        key: &str,
    ) -> Result<Option<T>, StorageError> {
        let os = self.store("read", store)?;
        let found: Option<JsValue> = os
            .get(key)
            .primitive()
            .map_err(StorageError::at("read", store))?
            .await
            .map_err(StorageError::at("read", store))?;
        found.map(|js| from_js(store, &js)).transpose()
    }

    /// Every record of a store, in key order.
    pub(crate) async fn all<T: DeserializeOwned>(&self, store: &str) -> Result<Vec<T>, StorageError> {
        let js = self.all_js(store)?.await?;
        from_js_array(store, &js)
    }

    /// Start reading a whole store; the request is made now, so several
    /// stores can be asked for before the first answer is awaited.
    pub(crate) fn all_js(
        &self,
        store: &str,
    ) -> Result<impl std::future::Future<Output = Result<js_sys::Array, StorageError>> + use<'_>, StorageError>
    {
        let os = self.store("read", store)?;
        let request = os
            .get_all::<JsValue>()
            .primitive()
            .map_err(StorageError::at("read", store))?;
        let store = store.to_string();
        Ok(async move {
            let items = request.await.map_err(StorageError::at("read", &store))?;
            let out = js_sys::Array::new();
            for item in items {
                out.push(&item.map_err(StorageError::at("read", &store))?);
            }
            Ok(out)
        })
    }

    /// Every record of a store, converted from stored objects read by [`Tx::all_js`].
    pub(crate) fn records<T: DeserializeOwned>(
        store: &str,
        js: &js_sys::Array,
    ) -> Result<Vec<T>, StorageError> {
        from_js_array(store, js)
    }

    /// Records whose `index` value falls in `range`, in index order.
    pub(crate) async fn by_index<T: DeserializeOwned>(
        &self,
        store: &str,
        index: &str,
        range: KeyRange<JsValue>,
    ) -> Result<Vec<T>, StorageError> {
        let os = self.store("read", store)?;
        let idx = os.index(index).map_err(StorageError::at("read", store))?;
        let items = idx
            .get_all::<JsValue>()
            .with_query::<JsValue, _>(range)
            .primitive()
            .map_err(StorageError::at("read", store))?
            .await
            .map_err(StorageError::at("read", store))?;
        let out = js_sys::Array::new();
        for item in items {
            out.push(&item.map_err(StorageError::at("read", store))?);
        }
        from_js_array(store, &out)
    }

    /// Insert or replace a record in a store keyed by its `id`.
    pub(crate) async fn put<T: Serialize>(&self, store: &str, value: &T) -> Result<(), StorageError> {
        let js = to_js(store, value)?;
        self.put_js(store, js).await
    }

    /// Insert or replace an already converted object.
    pub(crate) async fn put_js(&self, store: &str, js: JsValue) -> Result<(), StorageError> {
        #[cfg(feature = "fault-injection")]
        let js = fault::next_write(js);
        let os = self.store("write", store)?;
        os.put(js)
            .primitive()
            .map_err(StorageError::at("write", store))?
            .await
            .map_err(StorageError::at("write", store))
    }

    /// Insert or replace many records of a store keyed by `id`. The requests
    /// are made at once and not awaited one by one: IndexedDB runs them in
    /// order, a failed one aborts the transaction, and the commit reports it.
    pub(crate) fn put_all<T: Serialize>(&self, store: &str, values: &[T]) -> Result<(), StorageError> {
        if values.is_empty() {
            return Ok(());
        }
        let objects = to_js_array(store, values)?;
        let os = self.store("write", store)?;
        let raw = os.as_sys();
        for js in objects {
            #[cfg(feature = "fault-injection")]
            let js = fault::next_write(js);
            raw.put(&js)
                .map_err(|e| StorageError::from_js("write", store, &e))?;
        }
        Ok(())
    }

    /// Insert or replace a singleton under an out-of-line key (the META store).
    pub(crate) async fn put_at<T: Serialize>(
        &self,
        store: &str,
        key: &str,
        value: &T,
    ) -> Result<(), StorageError> {
        let js = to_js(store, value)?;
        let os = self.store("write", store)?;
        os.put(js)
            .with_key(key)
            .primitive()
            .map_err(StorageError::at("write", store))?
            .await
            .map(|_| ())
            .map_err(StorageError::at("write", store))
    }

    pub(crate) async fn delete(&self, store: &str, key: &str) -> Result<(), StorageError> {
        let os = self.store("delete", store)?;
        os.delete(key)
            .primitive()
            .map_err(StorageError::at("delete", store))?
            .await
            .map_err(StorageError::at("delete", store))
    }

    pub(crate) async fn clear(&self, store: &str) -> Result<(), StorageError> {
        let os = self.store("clear", store)?;
        os.clear()
            .map_err(StorageError::at("clear", store))?
            .await
            .map_err(StorageError::at("clear", store))
    }

    /// Make every request of this transaction durable at once.
    pub(crate) async fn commit(self, stores: &[&str]) -> Result<(), StorageError> {
        let name = stores.join(", ");
        // When the browser refuses the commit (a full disk), the library only says "aborted":
        // the reason (QuotaExceededError) is the transaction's own error, read from it here.
        let sys: web_sys::IdbTransaction = self.inner.as_sys().clone().unchecked_into();
        self.inner.commit().await.map_err(|e| match sys.error() {
            Some(d) => StorageError::from_dom("save", &name, &d.name(), &d.message()),
            None => StorageError::from_idb("save", &name, &e),
        })
    }
}

/// Fault injection for the atomicity tests: make the n-th write from now
/// (1 = the next one) store an object without an `id`, which IndexedDB
/// rejects (DataError: the key path yields no key). A real failure in the
/// middle of a real transaction, so the tests see what users would.
#[cfg(feature = "fault-injection")]
pub mod fault {
    use std::cell::Cell;
    use wasm_bindgen::JsValue;

    thread_local! {
        static FAIL_AT: Cell<Option<u32>> = const { Cell::new(None) };
    }

    /// Arm (`Some(n)`) or disarm (`None`).
    pub fn fail_nth_write(n: Option<u32>) {
        FAIL_AT.with(|f| f.set(n));
    }

    pub(crate) fn next_write(js: JsValue) -> JsValue {
        FAIL_AT.with(|f| match f.get() {
            Some(1) => {
                f.set(None);
                js_sys::Object::new().into()
            }
            Some(n) => {
                f.set(Some(n - 1));
                js
            }
            None => js,
        })
    }
}
