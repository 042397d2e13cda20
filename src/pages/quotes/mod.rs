//! Quotes: routes `#/quotes` (the list), `#/quotes/new` (`?client=<id>` starts it for that
//! client) and `#/quotes/<id>/edit` (the document editor, the same as invoices'),
//! `#/quotes/<id>` (the quote as a document: send it, record the answer and, once accepted,
//! turn it into an invoice draft without retyping).

mod list;
mod view;

use crate::components::editor::{DocumentEditor, DraftKind};
use crate::platform::route::{use_query, use_rest};
use leptos::prelude::*;

#[component]
pub fn QuotesPage() -> impl IntoView {
    let rest = use_rest();
    let client = use_query("client");
    move || {
        let rest = rest.get();
        match rest.as_slice() {
            [new] if new == "new" => {
                view! { <DocumentEditor kind=DraftKind::Quote id=None client=client.get() /> }.into_any()
            }
            [id, edit] if edit == "edit" => {
                view! { <DocumentEditor kind=DraftKind::Quote id=Some(id.clone()) client=None /> }.into_any()
            }
            [id] => view! { <view::QuoteView id=id.clone() /> }.into_any(),
            _ => view! { <list::QuoteList /> }.into_any(),
        }
    }
}
