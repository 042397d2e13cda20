//! First run: set up the business, one payment method and numbering, or load
//! the demo, or restore a backup (built in the invoicing issue).

use crate::components::page::Page;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn FirstRunPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Page title=Signal::derive(move || i18n.t().app_name) id="first-run">
            <p>{move || i18n.t().tagline}</p>
        </Page>
    }
}
