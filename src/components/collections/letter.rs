//! The formal collection letter's page (`#/agenda/letter/<invoice id>`): the core's
//! `cobro_core::letter::Letter`, every text and figure written in the client's language, drawn
//! by the one document component like every other document the business sends (A4, screen as
//! print), with the way back and the browser's print dialog around it.

use crate::components::document::Document;
use crate::components::page::Page;
use crate::i18n::collections::follow;
use crate::i18n::use_i18n;
use crate::platform::{clock, print};
use crate::state::use_app;
use cobro_core::ledger::Ledger;
use cobro_core::letter;
use cobro_core::Lang;
use leptos::prelude::*;

#[component]
pub fn LetterView(invoice_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let f = move || follow(i18n.lang.get());
    let app = use_app();
    let today = clock::today();
    let id = StoredValue::new(invoice_id);
    let built = Memo::new(move |_| {
        app.data.with(|d| {
            d.as_ref()
                .map(|data| letter::letter(&Ledger::new(data), &data.profile, &id.get_value(), today))
        })
    });
    let back = move || format!("#/agenda/invoice/{}", id.get_value());
    view! {
        <Page title=Signal::derive(move || follow(i18n.lang.get()).letter_title) id="letter">
            <div class="letter-tools no-print">
                <a href=back data-action="back">"← " {move || f().back}</a>
                <button type="button" id="print-letter" on:click=move |_| print::print_page()>
                    {move || f().print_letter}
                </button>
                {move || built.get().flatten().map(|l| {
                    let lang = match l.lang { Lang::Es => "español", Lang::En => "English" };
                    view! { <span class="muted">{move || (f().letter_language)(lang)}</span> }
                })}
            </div>
            {move || match built.get() {
                None => view! { <p class="empty">{move || crate::i18n::collections::texts(i18n.lang.get()).loading}</p> }.into_any(),
                Some(None) => view! { <p class="empty" id="no-letter">{move || f().no_letter}</p> }.into_any(),
                Some(Some(l)) => view! { <Document view=l.document() id="letter-doc" /> }.into_any(),
            }}
        </Page>
    }
}
