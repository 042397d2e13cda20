//! `<ShowMore>`: how many of a list are shown and a button for the next page of it. Lists of
//! records grow with the years (a thousand clients, ten thousand invoices); rendering them all
//! at once is a frozen page, so every list shows [`LIST_PAGE`] items at first.

use crate::components::invoicing::fields::tr;
use crate::components::when::When;
use leptos::prelude::*;

/// How many items a list shows at first, and how many more each press of the button adds.
pub const LIST_PAGE: usize = 50;

/// "50 / 1 000 [Show more]", while `total` is more than `shown`; `id` names the list's parts
/// (`<id>-count`, `<id>-more`) for tests.
#[component]
pub fn ShowMore(
    shown: RwSignal<usize>,
    #[prop(into)] total: Signal<usize>,
    id: &'static str,
) -> impl IntoView {
    view! {
        <When when=move || { total.get() > shown.get() }>
            <p class="list-more">
                <span id=format!("{id}-count") data-shown=move || shown.get().min(total.get()) data-total=move || total.get()>
                    {move || format!("{} / {}", shown.get().min(total.get()), total.get())}
                </span>
                " "
                <button type="button" class="secondary" id=format!("{id}-more") on:click=move |_| shown.update(|l| *l += LIST_PAGE)>
                    {tr(|t| t.show_more)}
                </button>
            </p>
        </When>
    }
}
