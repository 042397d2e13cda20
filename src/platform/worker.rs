//! The page's side of the backup worker (`crate::worker`): started on first use, not with the
//! page, so the first screen never waits for its module; each [`ask`] posts one job and waits
//! for its answer while the page stays responsive ([`ask_once`]: a worker started for that one
//! job goes once it has answered). The worker's loader is named by
//! `<meta name="cobro-worker">`, which the build writes with the file's content hash.

use crate::worker::protocol::{Envelope, Job, Reply, READY};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a job got no answer: the worker could not be started, or it died.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerFailed;

struct Running {
    worker: web_sys::Worker,
    ready: bool,
    /// Posted before the worker listened: sent when it says it is ready.
    waiting: Vec<JsValue>,
    /// The resolve and reject functions of each job's promise, by job id.
    pending: HashMap<u32, (js_sys::Function, js_sys::Function)>,
    /// Terminate once the last pending job is answered (the page that used it is gone).
    stop_when_idle: bool,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    static WORKER: RefCell<Option<Running>> = const { RefCell::new(None) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

fn loader_url() -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector("meta[name=cobro-worker]")
        .ok()??
        .get_attribute("content")
}

fn start() -> Result<Running, WorkerFailed> {
    let url = loader_url().ok_or(WorkerFailed)?;
    let worker = web_sys::Worker::new(&url).map_err(|_| WorkerFailed)?;
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
        let data = event.data();
        if data.as_string().as_deref() == Some(READY) {
            WORKER.with(|w| {
                if let Some(r) = w.borrow_mut().as_mut() {
                    r.ready = true;
                    for message in r.waiting.drain(..) {
                        let _ = r.worker.post_message(&message);
                    }
                }
            });
            return;
        }
        let Some(id) = Envelope::from_js(&data).map(|e| e.id) else {
            return;
        };
        let resolve = WORKER.with(|w| w.borrow_mut().as_mut().and_then(|r| r.pending.remove(&id)));
        if let Some((resolve, _)) = resolve {
            let _ = resolve.call1(&JsValue::NULL, &data);
        }
        stop_if_idle();
    });
    // A loader that cannot be fetched or a module that cannot start: every waiting job fails.
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|_| {
        if let Some(r) = WORKER.with(|w| w.borrow_mut().take()) {
            quiet(&r.worker);
            for (_, (_, reject)) in r.pending {
                let _ = reject.call0(&JsValue::NULL);
            }
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Running {
        worker,
        ready: false,
        waiting: Vec::new(),
        pending: HashMap::new(),
        stop_when_idle: false,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// Start the worker now, ahead of the first job (the Backup page does, so that its module is
/// compiled while the user picks a file).
pub fn warm_up() {
    WORKER.with(|w| {
        let mut w = w.borrow_mut();
        match w.as_mut() {
            Some(r) => r.stop_when_idle = false,
            None => *w = start().ok(),
        }
    });
}

/// Let the worker go once it has answered every job (its memory with it): the page that
/// needed it is gone. A job still running finishes first.
pub fn stop() {
    WORKER.with(|w| {
        if let Some(r) = w.borrow_mut().as_mut() {
            r.stop_when_idle = true;
        }
    });
    stop_if_idle();
}

fn stop_if_idle() {
    let idle = WORKER.with(|w| {
        w.borrow()
            .as_ref()
            .is_some_and(|r| r.stop_when_idle && r.pending.is_empty())
    });
    if idle {
        if let Some(r) = WORKER.with(|w| w.borrow_mut().take()) {
            quiet(&r.worker);
        }
    }
}

/// Stop `worker` for good. Its handlers go first: a message already on its way to this page
/// must not reach a callback that is about to be dropped (it would throw "closure invoked
/// after being dropped").
fn quiet(worker: &web_sys::Worker) {
    worker.set_onmessage(None);
    worker.set_onerror(None);
    worker.terminate();
}

/// Do `job` on database `db` in the worker (starting it if needed), with `blob` beside it;
/// the answer and the blob that came with it.
pub async fn ask(
    db: &str,
    job: &Job,
    blob: Option<web_sys::Blob>,
) -> Result<(Reply, Option<web_sys::Blob>), WorkerFailed> {
    post(db, job, blob, true).await
}

/// [`ask`] for a job that needs no worker afterwards (the billing records' signing and check):
/// a worker started for it goes once it has answered; one already running for a page stays.
pub async fn ask_once(
    db: &str,
    job: &Job,
    blob: Option<web_sys::Blob>,
) -> Result<(Reply, Option<web_sys::Blob>), WorkerFailed> {
    post(db, job, blob, false).await
}

async fn post(
    db: &str,
    job: &Job,
    blob: Option<web_sys::Blob>,
    keep: bool,
) -> Result<(Reply, Option<web_sys::Blob>), WorkerFailed> {
    let id = NEXT_ID.with(|n| n.replace(n.get().wrapping_add(1)));
    let message = Envelope {
        id,
        db: db.to_string(),
        body: serde_json::to_string(job).map_err(|_| WorkerFailed)?,
        blob,
    }
    .to_js();
    let mut failed = false;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let posted = WORKER.with(|w| {
            let mut w = w.borrow_mut();
            let started = w.is_none();
            if started {
                *w = start().ok();
            }
            let Some(r) = w.as_mut() else { return false };
            if keep {
                r.stop_when_idle = false;
            } else if started {
                r.stop_when_idle = true;
            }
            if !r.ready {
                r.waiting.push(message.clone());
            } else if r.worker.post_message(&message).is_err() {
                return false;
            }
            r.pending.insert(id, (resolve, reject));
            true
        });
        failed = !posted;
    });
    if failed {
        return Err(WorkerFailed);
    }
    let answer = JsFuture::from(promise).await.map_err(|_| WorkerFailed)?;
    let envelope = Envelope::from_js(&answer).ok_or(WorkerFailed)?;
    let reply = serde_json::from_str(&envelope.body).map_err(|_| WorkerFailed)?;
    Ok((reply, envelope.blob))
}
