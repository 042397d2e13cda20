//! The frame every screen shares: a heading and its content.

use leptos::prelude::*;

#[component]
pub fn Page(
    /// The screen's title (already translated, reactive).
    #[prop(into)]
    title: Signal<&'static str>,
    /// Stable hook for tests and styling, e.g. "invoices".
    id: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="page" id=format!("page-{id}") data-page=id>
            <h1>{move || title.get()}</h1>
            {children()}
        </section>
    }
}
