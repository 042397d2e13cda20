//! The backup worker: a Web Worker with a wasm module of its own (`src/bin/cobro-worker.rs`)
//! that does what most visits never need, so the page's module does not carry it and the page
//! stays responsive while it runs: reading, checking, previewing and writing a backup, the
//! diagnostics of a refused file, export, the demo data, and the billing records' signing,
//! check, certificate and export (VERI*FACTU). It opens IndexedDB through the same `storage`
//! module as the page.
//!
//! - [`protocol`]: the messages (compiled into both modules).
//! - [`jobs`]: the work (only in the worker's module).
//! - [`records`]: the billing records' jobs (only in the worker's module).
//! - [`serve`]: the worker's message loop; the page's side is `platform::worker`.

pub mod jobs;
pub mod protocol;
pub mod records;

use protocol::{Envelope, Job, Reply};
use std::cell::RefCell;
use std::collections::VecDeque;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    // Jobs run one after the other, in the order they came: an import must follow its examine.
    static QUEUE: RefCell<VecDeque<Envelope>> = const { RefCell::new(VecDeque::new()) };
    static RUNNING: RefCell<bool> = const { RefCell::new(false) };
}

fn scope() -> web_sys::DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Listen for jobs and tell the page so. Called once by the worker's `main`.
pub fn serve() {
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
        let Some(envelope) = Envelope::from_js(&event.data()) else {
            return;
        };
        QUEUE.with(|q| q.borrow_mut().push_back(envelope));
        if !RUNNING.with(|r| r.replace(true)) {
            wasm_bindgen_futures::spawn_local(drain());
        }
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as it listens.
    on_message.forget();
    let _ = scope().post_message(&JsValue::from_str(protocol::READY));
}

async fn drain() {
    while let Some(envelope) = QUEUE.with(|q| q.borrow_mut().pop_front()) {
        let (reply, blob) = match serde_json::from_str::<Job>(&envelope.body) {
            Ok(job) => jobs::run(&envelope.db, job, envelope.blob).await,
            Err(e) => (Reply::Unknown(e.to_string()), None),
        };
        let body = serde_json::to_string(&reply).unwrap_or_default();
        let answer = Envelope {
            id: envelope.id,
            db: envelope.db,
            body,
            blob,
        };
        let _ = scope().post_message(&answer.to_js());
    }
    RUNNING.with(|r| *r.borrow_mut() = false);
}
