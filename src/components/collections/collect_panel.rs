//! Collections on an invoice's page: send, receipt, contact log, payments
//! (built in the collections issue; the invoice page renders this panel).

use leptos::prelude::*;

#[component]
pub fn CollectPanel(
    /// The invoice this panel acts on.
    invoice_id: String,
) -> impl IntoView {
    view! { <section class="collect-panel" data-invoice=invoice_id></section> }
}
