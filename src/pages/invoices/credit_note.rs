//! A credit note (factura rectificativa) as the document the client receives: printed,
//! saved as PDF or sent like an invoice, with a way back to the invoice it corrects.

use crate::components::document::{Document, DocumentLanguage};
use crate::components::page::Page;
use crate::i18n::{documents, invoicing, use_i18n};
use crate::platform::print::print_page;
use crate::state::use_app;
use cobro_core::document;
use leptos::prelude::*;

#[component]
pub(super) fn CreditNoteView(id: String) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let id = StoredValue::new(id);
    let shown = Memo::new(move |_| {
        let lang = i18n.lang.get();
        app.data.with(|d| {
            let data = d.as_ref()?;
            let note = data.credit_notes.iter().find(|cn| cn.id == id.get_value());
            Some(note.map(|cn| {
                (
                    cn.invoice_id.clone(),
                    document::credit_note_document(data, cn, lang),
                )
            }))
        })
    });
    let title = Signal::derive(move || documents::texts(i18n.lang.get()).credit_note_page);
    view! {
        <Page title=title id="credit-note-view">
            {move || {
                let lang = i18n.lang.get();
                let t = invoicing::texts(lang);
                let d = documents::texts(lang);
                let shown = shown.get()?;
                let Some((invoice_id, view)) = shown else {
                    return Some(view! { <p class="form-error" role="alert">{t.not_found}</p> }.into_any());
                };
                Some(view! {
                    <div class="doc-actions no-print">
                        <button type="button" id="print-credit-note" on:click=|_| print_page()>{d.print}</button>
                        <a class="button secondary" id="corrected-invoice" href=format!("#/invoices/{invoice_id}")>{d.corrected_invoice}</a>
                    </div>
                    <DocumentLanguage lang=view.lang />
                    <Document view=view id="credit-note-doc" />
                }
                .into_any())
            }}
        </Page>
    }
}
