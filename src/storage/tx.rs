//! One transaction and the few requests Cobro makes inside it, so that errors name the store
//! and values are converted the same way everywhere.
//!
//! Packs are `{ id, data }` objects whose `data` is a `Uint8Array` of UTF-8 JSON: the bytes
//! cross the wasm boundary as one copy, with no UTF-16 text and no per-record object, and an
//! export hands them to a `Blob` as they are. The two singletons of `meta` are stored as
//! JSON-shaped objects (serde_json, then `JSON.parse`), readable in the browser's tools.

use super::error::StorageError;
use super::keys::PACKS;
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

/// One pack as read: its id and its bytes, still on the JavaScript side.
pub(crate) struct RawPack {
    pub id: String,
    pub data: js_sys::Uint8Array,
}

impl RawPack {
    pub(crate) fn of(js: JsValue) -> Result<Self, StorageError> {
        let bad = || StorageError::other("read", PACKS, "a stored pack cannot be read");
        let id = js_sys::Reflect::get(&js, &JsValue::from_str("id"))
            .ok()
            .and_then(|v| v.as_string())
            .ok_or_else(bad)?;
        let data = js_sys::Reflect::get(&js, &JsValue::from_str("data"))
            .ok()
            .and_then(|v| v.dyn_into::<js_sys::Uint8Array>().ok())
            .ok_or_else(bad)?;
        Ok(Self { id, data })
    }
}

/// A transaction with typed requests. Dropping it uncommitted rolls it back
/// (indexed_db_futures aborts on drop), which is what every `?` relies on.
pub(crate) struct Tx<'a> {
    pub(crate) inner: Transaction<'a>,
}

impl Tx<'_> {
    /// Object store `name` of this transaction, a failure named by `op` ("read", "write").
    pub(crate) fn store(
        &self,
        op: &'static str,
        name: &str,
    ) -> Result<indexed_db_futures::object_store::ObjectStore<'_>, StorageError> {
        self.inner.object_store(name).map_err(StorageError::at(op, name))
    }

    /// One JSON-shaped object by key (the `meta` singletons; the v1/v2 stores in tests).
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

    /// [`Tx::get`] with the request made now, before the future is first awaited, so that
    /// the order of requests (which is the order of answers) is the caller's.
    pub(crate) fn get_now<T: DeserializeOwned>(
        &self,
        store: &str,
        key: &str,
    ) -> Result<impl std::future::Future<Output = Result<Option<T>, StorageError>> + use<'_, T>, StorageError>
    {
        let os = self.store("read", store)?;
        let request = os.get(key).primitive().map_err(StorageError::at("read", store))?;
        let store = store.to_string();
        Ok(async move {
            let found: Option<JsValue> = request.await.map_err(StorageError::at("read", &store))?;
            found.map(|js| from_js(&store, &js)).transpose()
        })
    }

    /// Insert or replace a record in a v1/v2 store keyed by its `id` (tests build the
    /// databases older versions left on users' disks with it).
    pub(crate) async fn put<T: Serialize>(&self, store: &str, value: &T) -> Result<(), StorageError> {
        let js = to_js(store, value)?;
        let os = self.store("write", store)?;
        os.put(js)
            .primitive()
            .map_err(StorageError::at("write", store))?
            .await
            .map_err(StorageError::at("write", store))
    }

    /// Insert or replace a singleton under an out-of-line key (the META store).
    pub(crate) async fn put_at<T: Serialize>(
        &self,
        store: &str,
        key: &str,
        value: &T,
    ) -> Result<(), StorageError> {
        let js = to_js(store, value)?;
        // A function cannot be cloned into storage.
        #[cfg(feature = "fault-injection")]
        let js = fault::next_write(js, || js_sys::Function::new_no_args("").into());
        let os = self.store("write", store)?;
        os.put(js)
            .with_key(key)
            .primitive()
            .map_err(StorageError::at("write", store))?
            .await
            .map(|_| ())
            .map_err(StorageError::at("write", store))
    }

    /// One pack's bytes, `None` when there is no such pack (an empty one is never stored).
    pub(crate) fn pack(
        &self,
        id: &str,
    ) -> Result<
        impl std::future::Future<Output = Result<Option<RawPack>, StorageError>> + use<'_>,
        StorageError,
    > {
        let os = self.store("read", PACKS)?;
        let request = os.get(id).primitive().map_err(StorageError::at("read", PACKS))?;
        Ok(async move {
            let found: Option<JsValue> = request.await.map_err(StorageError::at("read", PACKS))?;
            found.map(RawPack::of).transpose()
        })
    }

    /// Start reading every pack whose id is in `range`, in id order; the request is made
    /// now, so several can be asked for before the first answer is awaited.
    pub(crate) fn packs_in(
        &self,
        range: KeyRange<JsValue>,
    ) -> Result<impl std::future::Future<Output = Result<Vec<RawPack>, StorageError>> + use<'_>, StorageError>
    {
        let os = self.store("read", PACKS)?;
        let request = os
            .get_all::<JsValue>()
            .with_query::<JsValue, _>(range)
            .primitive()
            .map_err(StorageError::at("read", PACKS))?;
        Ok(async move {
            let items = request.await.map_err(StorageError::at("read", PACKS))?;
            items
                .map(|item| {
                    item.map_err(StorageError::at("read", PACKS))
                        .and_then(RawPack::of)
                })
                .collect()
        })
    }

    /// Store a pack (replacing it). The request is made and not awaited: IndexedDB runs the
    /// requests of a transaction in order, a failed one aborts the transaction and the
    /// commit reports it, so an operation awaits only its reads and its commit.
    pub(crate) fn put_pack(&self, id: &str, data: &[u8]) -> Result<(), StorageError> {
        let object = js_sys::Object::new();
        let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&object, &JsValue::from_str(k), v);
        set("id", &JsValue::from_str(id))
            .and_then(|_| set("data", &js_sys::Uint8Array::from(data).into()))
            .map_err(|e| StorageError::from_js("write", PACKS, &e))?;
        #[cfg(feature = "fault-injection")]
        // Without the key path the store needs.
        let object: JsValue = fault::next_write(object.into(), || js_sys::Object::new().into());
        let os = self.store("write", PACKS)?;
        let raw = os.as_sys();
        raw.put(&object)
            .map(|_| ())
            .map_err(|e| StorageError::from_js("write", PACKS, &e))
    }

    /// Delete a pack that became empty (not awaited, as [`Tx::put_pack`]).
    pub(crate) fn delete_pack(&self, id: &str) -> Result<(), StorageError> {
        let os = self.store("delete", PACKS)?;
        os.as_sys()
            .delete(&JsValue::from_str(id))
            .map(|_| ())
            .map_err(|e| StorageError::from_js("delete", PACKS, &e))
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

/// Fault injection for the atomicity tests: make the n-th write from now (1 = the next one)
/// a value IndexedDB rejects: a pack without an `id` (DataError: the key path yields no
/// key), a profile or settings that cannot be cloned (DataCloneError). A real failure in
/// the middle of a real transaction, so the tests see what users would.
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

    /// Whether a fault is still waiting for its write: a test asserts it fired, so that a
    /// count larger than the writes an operation makes cannot pass unnoticed.
    pub fn armed() -> bool {
        FAIL_AT.with(|f| f.get().is_some())
    }

    /// `js`, or when this is the write to fail, `poison()`: a value the browser refuses
    /// to store, so the failure is IndexedDB's own.
    pub(crate) fn next_write(js: JsValue, poison: impl FnOnce() -> JsValue) -> JsValue {
        FAIL_AT.with(|f| match f.get() {
            Some(1) => {
                f.set(None);
                poison()
            }
            Some(n) => {
                f.set(Some(n - 1));
                js
            }
            None => js,
        })
    }
}
