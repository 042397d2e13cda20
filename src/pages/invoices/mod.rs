//! Invoices: routes `#/invoices` (the list, credit notes among the invoices),
//! `#/invoices/new` (`?client=<id>` starts it for that client) and `#/invoices/<id>/edit`
//! (the draft editor), `#/invoices/<id>` (the document with its corrections and the
//! collections panel) and `#/invoices/credit-notes/<id>` (a credit note as a document).

mod credit;
mod credit_note;
mod list;
mod view;

use crate::components::editor::{DocumentEditor, DraftKind};
use crate::platform::route::{use_query, use_rest};
use leptos::prelude::*;

#[component]
pub fn InvoicesPage() -> impl IntoView {
    let rest = use_rest();
    let client = use_query("client");
    move || {
        let rest = rest.get();
        match rest.as_slice() {
            [new] if new == "new" => {
                view! { <DocumentEditor kind=DraftKind::Invoice id=None client=client.get() /> }.into_any()
            }
            [id, edit] if edit == "edit" => {
                view! { <DocumentEditor kind=DraftKind::Invoice id=Some(id.clone()) client=None /> }
                    .into_any()
            }
            [notes, id] if notes == "credit-notes" => {
                view! { <credit_note::CreditNoteView id=id.clone() /> }.into_any()
            }
            [id] => view! { <view::InvoiceView id=id.clone() /> }.into_any(),
            _ => view! { <list::InvoiceList /> }.into_any(),
        }
    }
}
