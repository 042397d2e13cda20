//! A labelled text input or text area with its problems under it and, near its limit, a
//! counter of characters.

use super::problems::Problems;
use crate::i18n::corrections::texts;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// Share of the limit from which the counter shows (80 %).
const COUNTER_FROM_PERCENT: usize = 80;

/// "used/max" once `text` reaches 80 % of `max`.
fn counter(text: &str, max: Option<usize>) -> Option<(usize, usize)> {
    let max = max?;
    let used = text.chars().count();
    (used * 100 >= max * COUNTER_FROM_PERCENT).then_some((used, max))
}

/// The message and counter lines under a control.
fn under(
    id: String,
    path: &'static str,
    problems: Problems,
    value: RwSignal<String>,
    max: Option<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = id.clone();
    view! {
        {move || counter(&value.get(), max).map(|(used, max)| view! {
            <span class="field-counter" class:over={used > max} id=format!("{id}-counter") aria-live="polite">
                {(texts(i18n.lang.get()).counter)(used, max)}
            </span>
        })}
        {move || problems.at(path).map(|m| view! { <span class="field-error" role="alert" id=format!("{error_id}-error")>{m}</span> })}
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
    /// The most characters the core accepts (a counter shows near it).
    #[prop(optional)]
    max: Option<usize>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label class="field" class:invalid=move || problems.at(path).is_some()>
            <span class="field-label">{move || label.get()}</span>
            <input
                type=kind
                id=id.clone()
                inputmode=inputmode
                autocomplete=autocomplete
                required=required
                aria-invalid=move || problems.at(path).is_some().to_string()
                aria-describedby=format!("{id}-error")
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    problems.forget(path);
                }
            />
            {under(id, path, problems, value, max)}
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
    #[prop(optional)] max: Option<usize>,
) -> impl IntoView {
    view! {
        <label class="field wide" class:invalid=move || problems.at(path).is_some()>
            <span class="field-label">{move || label.get()}</span>
            <textarea
                id=id.clone()
                rows="3"
                aria-invalid=move || problems.at(path).is_some().to_string()
                aria-describedby=format!("{id}-error")
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    problems.forget(path);
                }
            ></textarea>
            {under(id, path, problems, value, max)}
        </label>
    }
}
