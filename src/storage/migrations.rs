//! Schema versions and the upgrade step of each: opening a database created
//! by any older version runs every step after it, in order, inside the one
//! version-change transaction the browser gives us.
//!
//! Since v3 the packs hold each record's JSON as this build writes it, and an export copies
//! those bytes into the backup as they are: a version that changes how a record is written
//! must add a step that writes the packs again.
//!
//! Written against raw `web_sys` because a step that changes an existing
//! store (v2 adds an index to `steps`) needs that version-change transaction,
//! which indexed_db_futures 0.6 does not hand to its upgrade callback. So
//! [`upgrade_database`] opens once with raw IndexedDB to upgrade, closes,
//! and the app then opens normally at the same version.

use super::error::StorageError;
use super::keys::*;
use cobro_core::Dataset;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{IdbDatabase, IdbIndexParameters, IdbObjectStoreParameters, IdbOpenDbRequest, IdbTransaction};

/// The schema this build writes.
pub const CURRENT_VERSION: u32 = 3;

type Step = fn(&IdbDatabase, &IdbTransaction) -> Result<(), JsValue>;

/// Every version and how to reach it from the one before.
const UPGRADES: [(u32, Step); 3] = [(1, v1), (2, v2), (3, v3)];

/// Bring a database from `old` (0 = new) to `target`: every step after
/// `old`, up to `target`, in order. Tests stop at an older `target` to build
/// the databases that earlier releases left on users' disks.
pub fn upgrade_to(db: &IdbDatabase, tx: &IdbTransaction, old: u32, target: u32) -> Result<(), JsValue> {
    for (version, step) in UPGRADES {
        if old < version && version <= target {
            step(db, tx)?;
        }
    }
    Ok(())
}

/// Open `name` at `version` with raw IndexedDB, run the upgrade steps if it
/// is older, and close it again. Resolves once the upgrade is committed.
pub async fn upgrade_database(name: &str, version: u32) -> Result<(), StorageError> {
    let fail = |message: String| StorageError::other("open", name, message);
    // The page's window or the backup worker's scope: both have `indexedDB`.
    let factory = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("indexedDB"))
        .ok()
        .and_then(|f| f.dyn_into::<web_sys::IdbFactory>().ok())
        .ok_or_else(|| fail("this browser offers no IndexedDB (private mode?)".into()))?;
    let request: IdbOpenDbRequest = factory
        .open_with_u32(name, version)
        .map_err(|e| fail(describe(&e)))?;

    let upgrade_req = request.clone();
    let on_upgrade = Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new(
        move |event: web_sys::IdbVersionChangeEvent| {
            let (Ok(result), Some(tx)) = (upgrade_req.result(), upgrade_req.transaction()) else {
                return;
            };
            let db: IdbDatabase = result.unchecked_into();
            // old_version() is an f64 in the API; versions are small integers.
            if upgrade_to(&db, &tx, event.old_version() as u32, version).is_err() {
                // Aborting makes the open fail: better no upgrade than half of one.
                let _ = tx.abort();
            }
        },
    );
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));

    let done_req = request.clone();
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok_req = done_req.clone();
        let on_success = Closure::once_into_js(move || {
            if let Ok(db) = ok_req.result() {
                db.unchecked_into::<IdbDatabase>().close();
            }
            let _ = resolve.call0(&JsValue::NULL);
        });
        let err_req = done_req.clone();
        let on_error = Closure::once_into_js(move || {
            let why = err_req
                .error()
                .ok()
                .flatten()
                .map(|e| e.message())
                .unwrap_or_else(|| "the database could not be opened".into());
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&why));
        });
        done_req.set_onsuccess(Some(on_success.unchecked_ref()));
        done_req.set_onerror(Some(on_error.unchecked_ref()));
    });
    let result = wasm_bindgen_futures::JsFuture::from(promise).await;
    request.set_onupgradeneeded(None);
    drop(on_upgrade);
    result.map(|_| ()).map_err(|e| fail(describe(&e)))
}

fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| "unknown IndexedDB error".into())
}

fn create_index(store: &web_sys::IdbObjectStore, name: &str, path: &JsValue) -> Result<(), JsValue> {
    store.create_index_with_str_sequence_and_optional_parameters(name, path, &IdbIndexParameters::new())?;
    Ok(())
}

fn v1(db: &IdbDatabase, _tx: &IdbTransaction) -> Result<(), JsValue> {
    db.create_object_store(META)?;
    // (store, [(index name, field)]): the lookups the screens need without a full scan.
    let stores: [(&str, &[(&str, &str)]); 10] = [
        (PAYMENT_METHODS, &[]),
        (SERIES, &[]),
        (CLIENTS, &[(BY_NAME, "legal_name")]),
        (ITEMS, &[]),
        (QUOTES, &[(BY_CLIENT, "client_id")]),
        (
            INVOICES,
            &[
                (BY_CLIENT, "client_id"),
                (BY_DUE, "due_date"),
                (BY_ISSUE, "issue_date"),
            ],
        ),
        (CREDIT_NOTES, &[(BY_INVOICE, "invoice_id")]),
        (PAYMENTS, &[(BY_INVOICE, "invoice_id")]),
        (CONTACTS, &[(BY_CLIENT, "client_id"), (BY_INVOICE, "invoice_id")]),
        (STEPS, &[(BY_INVOICE, "invoice_id"), (BY_DUE, "due")]),
    ];
    for (name, indices) in stores {
        let params = IdbObjectStoreParameters::new();
        params.set_key_path(&JsValue::from_str("id"));
        let store = db.create_object_store_with_optional_parameters(name, &params)?;
        for (index, field) in indices {
            create_index(&store, index, &JsValue::from_str(field))?;
        }
    }
    Ok(())
}

/// v2: the agenda asks "open steps due on or before today" every time it is
/// shown. `by_due` alone returns every step of every year (done, skipped and
/// superseded ones pile up, about seven per invoice), so v2 indexes open-ness
/// first: `by_state_due` on [state.state, due] reads only the open ones.
fn v2(_db: &IdbDatabase, tx: &IdbTransaction) -> Result<(), JsValue> {
    let steps = tx.object_store(STEPS)?;
    let path = js_sys::Array::of2(&JsValue::from_str("state.state"), &JsValue::from_str("due"));
    create_index(&steps, BY_STATE_DUE, &path)
}

/// v3: records move from one entry each (one store per kind, ~130 000 entries for years of
/// data, which took seconds to read and tens of seconds to restore) into packs
/// (`cobro_core::pack`). Every old store is read, its records are written as packs, and the
/// old stores are deleted, all inside the version-change transaction: the move happens whole
/// or, if any record cannot be read, the upgrade aborts and the data stays as it was.
fn v3(db: &IdbDatabase, tx: &IdbTransaction) -> Result<(), JsValue> {
    let params = IdbObjectStoreParameters::new();
    params.set_key_path(&JsValue::from_str("id"));
    db.create_object_store_with_optional_parameters(PACKS, &params)?;
    struct Moving {
        left: usize,
        data: Dataset,
        failed: bool,
    }
    let moving = Rc::new(RefCell::new(Moving {
        left: LEGACY_STORES.len(),
        data: Dataset::default(),
        failed: false,
    }));
    for store in LEGACY_STORES {
        let request = tx.object_store(store)?.get_all()?;
        let (m, tx, db, req) = (moving.clone(), tx.clone(), db.clone(), request.clone());
        let on_success = Closure::once_into_js(move || {
            let mut m = m.borrow_mut();
            let read = req
                .result()
                .ok()
                .map(|records| read_legacy(store, &records, &mut m.data));
            if read != Some(Ok(())) {
                m.failed = true;
            }
            m.left -= 1;
            if m.left == 0 && (m.failed || write_packs(&db, &tx, &m.data).is_err()) {
                // Aborting makes the open fail: better no upgrade than half of one.
                let _ = tx.abort();
            }
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
    }
    Ok(())
}

/// The records of one v1/v2 store (an array of JSON-shaped objects) into `data`.
fn read_legacy(store: &str, records: &JsValue, data: &mut Dataset) -> Result<(), ()> {
    let text: String = js_sys::JSON::stringify(records).map_err(|_| ())?.into();
    fn list<T: serde::de::DeserializeOwned>(text: &str, into: &mut Vec<T>) -> Result<(), ()> {
        into.extend(serde_json::from_str::<Vec<T>>(text).map_err(|_| ())?);
        Ok(())
    }
    match store {
        PAYMENT_METHODS => list(&text, &mut data.payment_methods),
        SERIES => list(&text, &mut data.series),
        CLIENTS => list(&text, &mut data.clients),
        ITEMS => list(&text, &mut data.items),
        QUOTES => list(&text, &mut data.quotes),
        INVOICES => list(&text, &mut data.invoices),
        CREDIT_NOTES => list(&text, &mut data.credit_notes),
        PAYMENTS => list(&text, &mut data.payments),
        CONTACTS => list(&text, &mut data.contacts),
        STEPS => list(&text, &mut data.steps),
        _ => Err(()),
    }
}

/// Every record of `data` as packs, then the old stores gone.
fn write_packs(db: &IdbDatabase, tx: &IdbTransaction, data: &Dataset) -> Result<(), JsValue> {
    let packs = tx.object_store(PACKS)?;
    let encoded = cobro_core::pack::encode(data).map_err(|e| JsValue::from_str(&e.to_string()))?;
    for (id, bytes) in encoded {
        let object = js_sys::Object::new();
        js_sys::Reflect::set(&object, &"id".into(), &JsValue::from_str(&id.to_string()))?;
        js_sys::Reflect::set(
            &object,
            &"data".into(),
            &js_sys::Uint8Array::from(bytes.as_slice()),
        )?;
        packs.put(&object)?;
    }
    for store in LEGACY_STORES {
        db.delete_object_store(store)?;
    }
    Ok(())
}
