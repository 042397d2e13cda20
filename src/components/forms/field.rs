//! A labelled text input or text area with the core's problems at its record field under it
//! and, near the core's length limit for its kind of text, a counter of characters.

use super::problems::Problems;
use crate::i18n::corrections::texts;
use crate::i18n::use_i18n;
use cobro_core::validity::{self, Text};
use leptos::prelude::*;

/// The message and counter lines under a control.
fn under(
    id: String,
    path: impl AsRef<str> + Send + Sync + 'static,
    problems: Problems,
    value: RwSignal<String>,
    limit: Option<Text>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = id.clone();
    view! {
        {move || limit.and_then(|kind| value.with(|v| validity::counter(kind, v))).map(|(used, max)| view! {
            <span class="field-counter" class:over={used > max} id=format!("{id}-counter") data-used=used data-max=max aria-live="polite">
                {(texts(i18n.lang.get()).counter)(used, max)}
            </span>
        })}
        {move || problems.at(path.as_ref()).map(|m| view! { <span class="field-error" role="alert" id=format!("{error_id}-error")>{m}</span> })}
    }
}

/// A text input for the record field at `path`.
#[component]
pub fn CheckedField(
    #[prop(into)] label: Signal<&'static str>,
    value: RwSignal<String>,
    /// Stable hook for tests; the message is `#<id>-error`, the counter `#<id>-counter`.
    #[prop(into)]
    id: String,
    /// The record field it edits, as the core names it in its problems.
    path: &'static str,
    problems: Problems,
    /// The kind of text, whose limit (`cobro_core::validity::LIMITS`) a counter shows near it.
    #[prop(optional)]
    limit: Option<Text>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// Shown but not editable (a value that can no longer change).
    #[prop(optional)]
    disabled: bool,
) -> impl IntoView {
    view! {
        <label class="field" class:invalid=move || problems.has(path)>
            <span class="field-label">{move || label.get()}</span>
            <input
                type=kind
                id=id.clone()
                inputmode=inputmode
                autocomplete=autocomplete
                required=required
                disabled=disabled
                aria-invalid=move || problems.has(path).to_string()
                aria-describedby=format!("{id}-error")
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    problems.forget(path);
                }
            />
            {under(id, path, problems, value, limit)}
        </label>
    }
}

/// A multi-line text for the record field at `path`.
#[component]
pub fn CheckedArea(
    #[prop(into)] label: Signal<&'static str>,
    value: RwSignal<String>,
    #[prop(into)] id: String,
    path: &'static str,
    problems: Problems,
    #[prop(optional)] limit: Option<Text>,
) -> impl IntoView {
    view! {
        <label class="field wide" class:invalid=move || problems.has(path)>
            <span class="field-label">{move || label.get()}</span>
            <textarea
                id=id.clone()
                rows="3"
                aria-invalid=move || problems.has(path).to_string()
                aria-describedby=format!("{id}-error")
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    problems.forget(path);
                }
            ></textarea>
            {under(id, path, problems, value, limit)}
        </label>
    }
}

/// A text input in a table row or a list, for the record field at `path` (made per row,
/// `rates[2].rate`): named for screen readers only, its problems under it as a field's.
#[component]
pub fn CheckedCell(
    /// What a screen reader says the input is (the column and the row).
    #[prop(into)]
    label: Signal<String>,
    value: RwSignal<String>,
    /// Stable hook for tests; the message is `#<id>-error`.
    #[prop(into)]
    id: String,
    #[prop(into)] path: String,
    problems: Problems,
    #[prop(optional)] inputmode: Option<&'static str>,
    /// `class` of the input (its width).
    #[prop(optional)]
    class: &'static str,
    /// `data-field` of the input.
    #[prop(optional)]
    field: Option<&'static str>,
    #[prop(optional)] limit: Option<Text>,
) -> impl IntoView {
    let path: std::sync::Arc<str> = path.into();
    let (p1, p2, p3) = (path.clone(), path.clone(), path.clone());
    view! {
        <span class="cell-field" class:invalid=move || problems.has(&p1)>
            <input
                type="text"
                id=id.clone()
                class=class
                data-field=field
                inputmode=inputmode
                aria-label=move || label.get()
                aria-invalid=move || problems.has(&p2).to_string()
                aria-describedby=format!("{id}-error")
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    problems.forget(&p3);
                }
            />
            {under(id, path, problems, value, limit)}
        </span>
    }
}
