//! Quotes: routes `#/quotes` (the list), `#/quotes/new` and `#/quotes/<id>/edit` (the
//! editor, same line editor as invoices), `#/quotes/<id>` (the quote page: send it,
//! record the answer and, once accepted, turn it into an invoice draft without retyping).

mod editor;
mod list;
mod view;

use crate::platform::route::use_rest;
use leptos::prelude::*;

#[component]
pub fn QuotesPage() -> impl IntoView {
    let rest = use_rest();
    move || {
        let rest = rest.get();
        match rest.as_slice() {
            [new] if new == "new" => view! { <editor::QuoteEditor id=None /> }.into_any(),
            [id, edit] if edit == "edit" => view! { <editor::QuoteEditor id=Some(id.clone()) /> }.into_any(),
            [id] => view! { <view::QuoteView id=id.clone() /> }.into_any(),
            _ => view! { <list::QuoteList /> }.into_any(),
        }
    }
}
