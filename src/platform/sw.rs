//! Service worker: registers `sw.js` (precache of the whole build, so the app
//! opens offline) and tells the UI when a new build is waiting, so the user
//! decides when to reload instead of the app changing under their fingers.

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

thread_local! {
    // Reload only when the user accepted an update, never when a first worker claims the page.
    static RELOAD_ON_CONTROLLER_CHANGE: Cell<bool> = const { Cell::new(false) };
}

/// A new version is installed and waiting; `activate` reloads into it.
#[derive(Clone)]
pub struct WaitingUpdate(ServiceWorker);

impl WaitingUpdate {
    /// Let the waiting worker take over; the page reloads on `controllerchange`.
    pub fn activate(&self) {
        RELOAD_ON_CONTROLLER_CHANGE.with(|r| r.set(true));
        let _ = self.0.post_message(&JsValue::from_str("SKIP_WAITING"));
    }
}

fn container() -> Option<ServiceWorkerContainer> {
    let window = web_sys::window()?;
    let nav = window.navigator();
    // Absent on insecure origins (plain http other than localhost): no offline mode then.
    let has = js_sys::Reflect::has(&nav, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    has.then(|| nav.service_worker())
}

/// Register the worker and report a waiting update into `on_update`.
pub fn register(on_update: WriteSignal<Option<WaitingUpdate>>) {
    let Some(container) = container() else { return };
    let on_controller_change = Closure::<dyn FnMut()>::new(move || {
        if RELOAD_ON_CONTROLLER_CHANGE.with(Cell::get) {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        }
    });
    container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
    on_controller_change.forget();
    let promise = container.register("sw.js");
    spawn_local(async move {
        let Ok(reg) = JsFuture::from(promise).await else {
            return;
        };
        // Some hosts (a browser's policy, automation that blocks workers) resolve without one.
        let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        let controlled = move || container.controller().is_some();
        if let Some(waiting) = reg.waiting() {
            if controlled() {
                on_update.set(Some(WaitingUpdate(waiting)));
            }
        }
        let reg2 = reg.clone();
        let on_found = Closure::<dyn FnMut()>::new(move || {
            let Some(installing) = reg2.installing() else {
                return;
            };
            let worker = installing.clone();
            let controlled = controlled.clone();
            let on_state = Closure::<dyn FnMut()>::new(move || {
                // A first install has no controller: that is not an update.
                if worker.state() == ServiceWorkerState::Installed && controlled() {
                    on_update.set(Some(WaitingUpdate(worker.clone())));
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        reg.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        on_found.forget();
    });
}
