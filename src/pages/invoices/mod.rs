//! Invoices: routes `#/invoices` (the list), `#/invoices/new` and `#/invoices/<id>/edit`
//! (the draft editor), `#/invoices/<id>` (the document with its corrections and the
//! collections panel) to the screen that shows each.

mod credit;
mod editor;
mod list;
mod view;

use crate::platform::route::use_rest;
use leptos::prelude::*;

#[component]
pub fn InvoicesPage() -> impl IntoView {
    let rest = use_rest();
    move || {
        let rest = rest.get();
        match rest.as_slice() {
            [new] if new == "new" => view! { <editor::InvoiceEditor id=None /> }.into_any(),
            [id, edit] if edit == "edit" => {
                view! { <editor::InvoiceEditor id=Some(id.clone()) /> }.into_any()
            }
            [id] => view! { <view::InvoiceView id=id.clone() /> }.into_any(),
            _ => view! { <list::InvoiceList /> }.into_any(),
        }
    }
}
