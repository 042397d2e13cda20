//! Archive, restore and delete for a client, catalogue item or payment method: delete asks
//! first (it cannot be undone) and is refused, in plain words, while something names the
//! record. One component for the three kinds, so they behave alike everywhere.

use crate::i18n::corrections::texts;
use crate::i18n::use_i18n;
use crate::platform::clock;
use crate::state::use_app;
pub use crate::storage::archive::ArchiveKind as Kind;
use crate::storage::OpError;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the last action on a record of a list said: (record id, done or why not). Kept by
/// the list, since an action reloads the data and rebuilds its rows.
#[derive(Clone, Copy)]
pub struct RecordMessage(RwSignal<Option<(String, Result<String, String>)>>);

impl RecordMessage {
    pub fn new() -> Self {
        Self(RwSignal::new(None))
    }

    /// The outcome of an action on a record that is no longer in the list (deleted, or
    /// moved to the other view), shown where the list is.
    pub fn gone(self, present: impl Fn(&str) -> bool + Send + Sync + 'static) -> impl IntoView {
        move || {
            self.0.with(|m| match m {
                Some((id, Ok(text))) if !present(id) => {
                    Some(view! { <p class="save-state" role="status" data-record-message="ok">{text.clone()}</p> }.into_any())
                }
                Some((id, Err(text))) if !present(id) => {
                    Some(view! { <p class="form-error" role="alert" data-record-message="error">{text.clone()}</p> }.into_any())
                }
                _ => None,
            })
        }
    }
}

impl Default for RecordMessage {
    fn default() -> Self {
        Self::new()
    }
}

/// The buttons for record `id` (named `name` in the delete question) and their outcome.
#[component]
pub fn RecordActions(
    kind: Kind,
    id: String,
    name: String,
    /// The record is archived now: offer restore instead of archive.
    archived: bool,
    message: RecordMessage,
    /// Called once the record is deleted (a page of its own goes elsewhere).
    #[prop(optional)]
    on_deleted: Option<Callback<()>>,
) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let asking = RwSignal::new(false);
    let id = StoredValue::new(id);
    let name = StoredValue::new(name);
    let report = move |r: Result<String, String>| message.0.try_set(Some((id.get_value(), r)));
    let set_archived = move |archive: bool| {
        let lang = i18n.lang.get_untracked();
        spawn_local(async move {
            let result = async {
                let db = app.db().await.map_err(OpError::Storage)?;
                db.set_archived(kind, &id.get_value(), archive, clock::now())
                    .await
            }
            .await;
            let t = texts(lang);
            report(match result {
                Ok(_) if archive => Ok(t.archived_done.into()),
                Ok(_) => Ok(t.restored_done.into()),
                Err(e) => Err(crate::i18n::op_message(&e, lang)),
            });
        });
    };
    let delete = move || {
        let lang = i18n.lang.get_untracked();
        asking.set(false);
        spawn_local(async move {
            let result = async {
                let db = app.db().await.map_err(OpError::Storage)?;
                db.delete_unused(kind, &id.get_value()).await
            }
            .await;
            match result {
                Ok(()) => {
                    report(Ok(texts(lang).deleted_done.into()));
                    if let Some(done) = on_deleted {
                        let _ = done.try_run(());
                    }
                }
                Err(e) => {
                    report(Err(crate::i18n::op_message(&e, lang)));
                }
            }
        });
    };
    let mine = move || {
        message.0.with(|m| {
            m.as_ref()
                .filter(|(i, _)| *i == id.get_value())
                .map(|(_, r)| r.clone())
        })
    };
    view! {
        <span class="record-actions" data-record=move || id.get_value()>
            {if archived {
                view! { <button type="button" class="secondary" data-action="restore" on:click=move |_| set_archived(false)>{move || t().restore}</button> }.into_any()
            } else {
                view! { <button type="button" class="secondary" data-action="archive" on:click=move |_| set_archived(true)>{move || t().archive}</button> }.into_any()
            }}
            <button type="button" class="secondary danger" data-action="delete" on:click=move |_| asking.set(true)>{move || t().delete}</button>
        </span>
        {move || asking.get().then(|| view! {
            <div class="notice warn confirm" role="alert" data-confirm="delete">
                <p>{move || name.with_value(|n| (t().delete_question)(n))}</p>
                <div class="form-actions">
                    <button type="button" class="danger" data-action="confirm-delete" on:click=move |_| delete()>{move || t().delete}</button>
                    <button type="button" class="secondary" data-action="cancel-delete" on:click=move |_| asking.set(false)>{move || crate::i18n::corrections::texts(i18n.lang.get()).cancel}</button>
                </div>
            </div>
        })}
        {move || mine().map(|r| match r {
            Ok(text) => view! { <p class="save-state" role="status" data-record-message="ok">{text}</p> }.into_any(),
            Err(text) => view! { <p class="form-error" role="alert" data-record-message="error">{text}</p> }.into_any(),
        })}
    }
}

/// The button that switches a list between its active records and its archived ones (their
/// number on it).
#[component]
pub fn ArchivedToggle(
    id: &'static str,
    show: RwSignal<bool>,
    #[prop(into)] count: Signal<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class="secondary"
            id=id
            aria-pressed=move || show.get().to_string()
            on:click=move |_| show.update(|s| *s = !*s)
        >
            {move || {
                let t = texts(i18n.lang.get());
                if show.get() { t.show_active.to_string() } else { (t.show_archived)(count.get()) }
            }}
        </button>
    }
}
