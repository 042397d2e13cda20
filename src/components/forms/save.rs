//! Saving a form: the write runs against the database, then what the form does on success
//! (a "saved" line, a new page), or the failure in the user's words as the form's own
//! problem (path `""`, shown under the form).

use super::Problems;
use crate::i18n::invoicing;
use crate::state::AppState;
use crate::storage::{Db, OpError};
use cobro_core::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

type SaveFuture = Pin<Box<dyn Future<Output = Result<(), OpError>>>>;

/// Run `save` with the database, then `done`, or put its failure under the form.
pub fn save_form<F, Fut>(
    app: AppState,
    problems: Problems,
    lang: Lang,
    save: F,
    done: impl FnOnce() + 'static,
) where
    F: FnOnce(Rc<Db>) -> Fut + 'static,
    Fut: Future<Output = Result<(), OpError>> + 'static,
{
    // Only the write itself is generic: the rest is one routine for every form in the download.
    run(
        app,
        problems,
        lang,
        Box::new(move |db| Box::pin(save(db))),
        Box::new(done),
    );
}

fn run(
    app: AppState,
    problems: Problems,
    lang: Lang,
    save: Box<dyn FnOnce(Rc<Db>) -> SaveFuture>,
    done: Box<dyn FnOnce()>,
) {
    spawn_local(async move {
        let result = match app.db().await {
            Ok(db) => save(db).await,
            Err(e) => Err(OpError::Storage(e)),
        };
        match result {
            Ok(()) => done(),
            Err(e) => problems.set(vec![(String::new(), invoicing::op_error(&e, lang))]),
        }
    });
}

/// Under a form: why the last save failed, or that it was saved.
#[component]
pub fn SaveOutcome(
    problems: Problems,
    saved: RwSignal<Option<String>>,
    /// Hooks for tests.
    error_id: &'static str,
    saved_id: &'static str,
) -> impl IntoView {
    view! {
        {move || problems.at("").map(|text| view! { <p class="form-error" role="alert" id=error_id>{text}</p> })}
        {move || saved.get().map(|text| view! { <p class="save-state" role="status" id=saved_id>{text}</p> })}
    }
}
