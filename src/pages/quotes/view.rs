//! One quote: send it (taking its number), record the answer, turn an accepted one
//! into an invoice draft.

use crate::components::invoicing::fields::tr;
use crate::components::invoicing::totals::TotalsView;
use crate::components::page::Page;
use crate::components::when::When;
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::platform::route::navigate;
use crate::state::{use_app, AppState};
use crate::storage::new_id;
use cobro_core::lifecycle;
use cobro_core::money::format_amount;
use cobro_core::tax;
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
    let db = app.db().await.map_err(|e| e.to_string())?;
    let (today, now) = (clock::today(), clock::now());
    let op = |e: crate::storage::OpError| invoicing::op_error(&e, lang);
    let refused = |e: lifecycle::LifecycleError| invoicing::lifecycle_error(&e, lang);
    let result = match action {
        QuoteAction::Send => db.send_quote(&id, today, now).await.map(|_| None).map_err(op)?,
        QuoteAction::Accept | QuoteAction::Reject => {
            let q: Quote = db
                .find(&id)
                .await
                .map_err(|e| e.to_string())?
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
    view! {
        <Page title=tr(|t| t.quote) id="quote-view">
            {move || {
                let data = app.data.get()?;
                let lang = i18n.lang.get();
                let t = invoicing::texts(lang);
                let Some(q) = data.quotes.iter().find(|q| q.id == id.get_value()).cloned() else {
                    return Some(view! { <p class="form-error" role="alert">{t.not_found}</p> }.into_any());
                };
                let client = data.clients.iter().find(|c| c.id == q.client_id).map(|c| c.legal_name.clone()).unwrap_or_default();
                let totals = tax::quote_totals(&q).map_err(|e| invoicing::money_error(&e, lang));
                let currency = q.currency.clone();
                let is_draft = q.state == QuoteState::Draft;
                let can_send = matches!(q.state, QuoteState::Draft | QuoteState::Sent { .. });
                let can_answer = matches!(q.state, QuoteState::Sent { .. });
                let can_invoice = matches!(q.state, QuoteState::Accepted { .. }) && q.invoice_id.is_none();
                let lines = q.lines.iter().map(|l| view! {
                    <tr>
                        <td>{l.description.clone()}</td>
                        <td class="num">{l.quantity.normalize().to_string()}</td>
                        <td class="num">{format_amount(l.unit_price, &q.currency, lang)}</td>
                        <td class="num">{invoicing::vat_label(&l.vat, lang)}</td>
                    </tr>
                }).collect_view();
                Some(view! {
                    <div class="quote-head">
                        <p class="doc-number"><span id="quote-number">{q.number.clone().unwrap_or_else(|| t.draft.into())}</span></p>
                        <p>{t.client} ": " {client}</p>
                        <p>{t.issue_date} ": " {invoicing::date(q.issue_date, lang)}
                            {q.valid_until.map(|d| view! { " · " {t.valid_until} ": " {invoicing::date(d, lang)} })}
                        </p>
                        <p><span class="status-badge" id="quote-state">{invoicing::quote_state(&q.state, lang)}</span></p>
                    </div>
                    <table class="doc-lines">
                        <thead><tr><th scope="col">{t.description}</th><th scope="col" class="num">{t.quantity}</th><th scope="col" class="num">{t.unit_price}</th><th scope="col" class="num">{t.vat}</th></tr></thead>
                        <tbody>{lines}</tbody>
                    </table>
                    <TotalsView totals=Signal::derive(move || totals.clone()) currency=Signal::derive(move || currency.clone()) />
                    <div class="actions">
                        {is_draft.then(|| view! { <a class="button secondary" id="edit-quote" href=format!("#/quotes/{}/edit", q.id)>{t.edit}</a> })}
                        {can_send.then(|| view! { <button type="button" id="send-quote" on:click=move |_| run(QuoteAction::Send)>{t.send}</button> })}
                        {can_answer.then(|| view! {
                            <button type="button" id="accept-quote" on:click=move |_| run(QuoteAction::Accept)>{t.accept}</button>
                            <button type="button" class="secondary" id="reject-quote" on:click=move |_| run(QuoteAction::Reject)>{t.reject}</button>
                        })}
                        {can_invoice.then(|| view! { <button type="button" id="quote-to-invoice" on:click=move |_| run(QuoteAction::Invoice)>{t.to_invoice}</button> })}
                        {q.invoice_id.clone().map(|iid| view! { <a class="button secondary" id="quote-invoice-link" href=format!("#/invoices/{iid}/edit")>{t.open_invoice}</a> })}
                        <a class="button secondary" href="#/quotes">{t.back}</a>
                    </div>
                    <When when=move || error.with(Option::is_some)>
                        <p class="form-error" role="alert" id="quote-action-error">{move || error.get().unwrap_or_default()}</p>
                    </When>
                }.into_any())
            }}
        </Page>
    }
}
