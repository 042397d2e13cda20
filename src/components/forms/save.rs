//! Saving a form: the write runs against the database, then what the form does on success
//! (a "saved" line, a new page), or the failure: what storage refused by the core's rules at
//! its fields, anything else in the user's words under the form.

use super::Problems;
use crate::i18n::{corrections, invoicing, use_i18n};
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
            Err(OpError::Invalid(invalid)) => problems.show(invalid),
            Err(e) => problems.fail(invoicing::op_error(&e, lang)),
        }
    });
}

/// Under a form: why the last save failed (a problem of the whole record, or that fields
/// need attention), or that it was saved.
#[component]
pub fn SaveOutcome(
    problems: Problems,
    saved: RwSignal<Option<String>>,
    /// Hooks for tests.
    error_id: &'static str,
    saved_id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    // A problem of the record as a whole (path "") is said here in its own words; problems
    // at fields, by pointing at them.
    let said = move || {
        problems.failure().or_else(|| problems.at("")).or_else(|| {
            problems
                .any()
                .then(|| corrections::texts(i18n.lang.get()).check_fields.to_string())
        })
    };
    view! {
        {move || said().map(|text| view! { <p class="form-error" role="alert" id=error_id>{text}</p> })}
        {move || saved.get().map(|text| view! { <p class="save-state" role="status" id=saved_id>{text}</p> })}
    }
}
