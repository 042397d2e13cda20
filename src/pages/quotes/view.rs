//! One quote as the document the client receives: print it, send it (taking its number),
//! record the answer, turn an accepted one into an invoice draft; a draft can be edited.

use crate::components::document::{Document, DocumentLanguage};
use crate::components::invoicing::fields::tr;
use crate::components::page::Page;
use crate::components::when::When;
use crate::i18n::{documents, invoicing, use_i18n};
use crate::platform::clock;
use crate::platform::print::print_page;
use crate::platform::route::navigate;
use crate::state::{use_app, AppState};
use crate::storage::new_id;
use cobro_core::{document, draft, lifecycle};
use cobro_core::{Lang, Quote, QuoteState};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What a button on the quote page does.
#[derive(Clone, Copy)]
enum QuoteAction {
    Send,
    Accept,
    Reject,
    Invoice,
}

async fn act(app: AppState, id: String, action: QuoteAction, lang: Lang) -> Result<Option<String>, String> {
    let db = app
        .db()
        .await
        .map_err(|e| crate::i18n::storage_message(&e, lang))?;
    let (today, now) = (clock::today(), clock::now());
    let op = |e: crate::storage::OpError| invoicing::op_error(&e, lang);
    let refused = |e: lifecycle::LifecycleError| invoicing::lifecycle_error(&e, lang);
    let result = match action {
        QuoteAction::Send => db.send_quote(&id, today, now).await.map(|_| None).map_err(op)?,
        QuoteAction::Accept | QuoteAction::Reject => {
            let q: Quote = db
                .find(&id)
                .await
                .map_err(|e| crate::i18n::storage_message(&e, lang))?
                .ok_or_else(|| invoicing::texts(lang).not_found.to_string())?;
            let answered = match action {
                QuoteAction::Accept => lifecycle::accept_quote(&q, today, now),
                _ => lifecycle::reject_quote(&q, today, now),
            }
            .map_err(refused)?;
            db.save(&answered).await.map_err(op)?;
            None
        }
        QuoteAction::Invoice => {
            let inv = db
                .invoice_from_quote(&id, today, &mut new_id, now)
                .await
                .map_err(op)?;
            Some(inv.id)
        }
    };
    Ok(result)
}

#[component]
pub(super) fn QuoteView(id: String) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let error = RwSignal::new(None::<String>);
    let id = StoredValue::new(id);
    let run = move |action: QuoteAction| {
        let lang = i18n.lang.get_untracked();
        spawn_local(async move {
            match act(app, id.get_value(), action, lang).await {
                Ok(Some(invoice_id)) => navigate(&format!("#/invoices/{invoice_id}/edit")),
                Ok(None) => {
                    error.try_set(None);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    let shown = Memo::new(move |_| {
        let lang = i18n.lang.get();
        app.data.with(|d| {
            let data = d.as_ref()?;
            let q = data.quotes.iter().find(|q| q.id == id.get_value());
            Some(q.map(|q| (q.clone(), document::quote_document(data, q, lang))))
        })
    });
    view! {
        <Page title=tr(|t| t.quote) id="quote-view">
            {move || {
                let lang = i18n.lang.get();
                let t = invoicing::texts(lang);
                let Some((q, doc)) = shown.get()? else {
                    return Some(view! { <p class="form-error" role="alert">{t.not_found}</p> }.into_any());
                };
                let is_draft = q.state == QuoteState::Draft;
                let can_send = matches!(q.state, QuoteState::Draft | QuoteState::Sent { .. });
                let can_answer = matches!(q.state, QuoteState::Sent { .. });
                let can_invoice = matches!(q.state, QuoteState::Accepted { .. }) && q.invoice_id.is_none();
                let expired = draft::quote_expired(&q, clock::today());
                Some(view! {
                    <div class="doc-actions no-print">
                        <span class="status-badge" id="quote-state" data-expired=expired.to_string()>
                            {invoicing::quote_state(&q.state, lang)}
                            {expired.then(|| format!(" · {}", documents::texts(lang).expired))}
                        </span>
                        <button type="button" id="print-quote" on:click=|_| print_page()>{documents::texts(lang).print}</button>
                        {is_draft.then(|| view! { <a class="button secondary" id="edit-quote" href=format!("#/quotes/{}/edit", q.id)>{t.edit}</a> })}
                        {can_send.then(|| view! { <button type="button" class="secondary" id="send-quote" on:click=move |_| run(QuoteAction::Send)>{t.send}</button> })}
                        {can_answer.then(|| view! {
                            <button type="button" class="secondary" id="accept-quote" on:click=move |_| run(QuoteAction::Accept)>{t.accept}</button>
                            <button type="button" class="secondary" id="reject-quote" on:click=move |_| run(QuoteAction::Reject)>{t.reject}</button>
                        })}
                        {can_invoice.then(|| view! { <button type="button" id="quote-to-invoice" on:click=move |_| run(QuoteAction::Invoice)>{t.to_invoice}</button> })}
                        {q.invoice_id.clone().map(|iid| view! { <a class="button secondary" id="quote-invoice-link" href=format!("#/invoices/{iid}")>{t.open_invoice}</a> })}
                        <a class="button secondary" href="#/quotes">{t.back}</a>
                    </div>
                    <When when=move || error.with(Option::is_some)>
                        <p class="form-error no-print" role="alert" id="quote-action-error">{move || error.get().unwrap_or_default()}</p>
                    </When>
                    <DocumentLanguage lang=doc.lang />
                    <Document view=doc id="quote-doc" />
                }.into_any())
            }}
        </Page>
    }
}
