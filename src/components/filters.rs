//! A list's filters folded behind one "Filter" button on phones, so the list's first screen
//! shows rows, not form fields; the button counts the filters that are on, so a folded filter
//! is never forgotten. From 900 px the filters are always open and the button is gone (CSS).
//! Renders as part of its parent's row (the list's toolbar): the button beside the toolbar's
//! actions, the fields on a line of their own below.

use super::icons::{Icon, Svg};
use super::when::When;
use crate::i18n::{guide::texts, use_i18n};
use leptos::prelude::*;

#[component]
pub fn Filters(
    /// How many filters are set.
    #[prop(into)]
    active: Signal<usize>,
    /// The filter fields.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let open = RwSignal::new(false);
    view! {
        <div class="filters-fold" class:open=move || open.get()>
            <button
                type="button"
                class="secondary filters-toggle"
                id="filters-toggle"
                aria-controls="filters-panel"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <Svg icon=Icon::Filter />
                <span>{move || t().filter}</span>
                <When when=move || { active.get() > 0 }>
                    <span class="filters-count" data-count=move || active.get()>{move || active.get()}</span>
                    <span class="visually-hidden">{move || format!(" {}", t().filters_active)}</span>
                </When>
            </button>
            <div class="filters" id="filters-panel">{children()}</div>
        </div>
    }
}
