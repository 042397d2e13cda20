//! Quotes (`#/quotes`): the list, the editor (`#/quotes/new`,
//! `#/quotes/<id>/edit`, same line editor as invoices), and the quote page
//! (`#/quotes/<id>`) to send it, record the answer and, once accepted, turn it
//! into an invoice draft without retyping.

use crate::components::invoicing::fields::{self, tr, Area, Field};
use crate::components::invoicing::lines::{parse_lines, LineEditor, LineForm};
use crate::components::invoicing::totals::TotalsView;
use crate::components::page::Page;
use crate::components::when::When;
use crate::i18n::{invoicing, use_i18n};
use crate::pages::invoices::WithData;
use crate::platform::clock;
use crate::platform::route::{navigate, use_rest};
use crate::state::{use_app, AppState};
use crate::storage::new_id;
use cobro_core::lifecycle;
use cobro_core::money::format_amount;
use cobro_core::tax::{self, Totals};
use cobro_core::{AppSettings, Dataset, Lang, Line, Quote, QuoteState};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;
use std::sync::Arc;

#[component]
pub fn QuotesPage() -> impl IntoView {
    let rest = use_rest();
    move || {
        let rest = rest.get();
        match rest.as_slice() {
            [new] if new == "new" => view! { <QuoteEditor id=None /> }.into_any(),
            [id, edit] if edit == "edit" => view! { <QuoteEditor id=Some(id.clone()) /> }.into_any(),
            [id] => view! { <QuoteView id=id.clone() /> }.into_any(),
            _ => view! { <QuoteList /> }.into_any(),
        }
    }
}

#[component]
fn QuoteList() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    view! {
        <Page title=Signal::derive(move || crate::i18n::texts(i18n.lang.get()).nav_quotes) id="quotes">
            <div class="toolbar">
                <a class="button" id="new-quote" href="#/quotes/new">{tr(|t| t.new_quote)}</a>
            </div>
            {move || {
                let data = app.data.get()?;
                let lang = i18n.lang.get();
                let t = invoicing::texts(lang);
                let mut quotes = data.quotes.clone();
                cobro_core::order::sort_by_key(&mut quotes, |q| std::cmp::Reverse(q.issue_date));
                if quotes.is_empty() {
                    return Some(view! { <p class="empty">{t.quotes_empty}</p> }.into_any());
                }
                Some(view! {
                    <ul class="doc-list" id="quote-list">
                        {quotes
                            .into_iter()
                            .map(|q| {
                                let name = data
                                    .clients
                                    .iter()
                                    .find(|c| c.id == q.client_id)
                                    .map(|c| c.legal_name.clone())
                                    .unwrap_or_default();
                                let total = tax::quote_totals(&q)
                                    .map(|x| format_amount(x.total, &q.currency, lang))
                                    .unwrap_or_default();
                                view! {
                                    <li class="doc-row" data-quote=q.id.clone()>
                                        <a href=format!("#/quotes/{}", q.id)>
                                            <span class="doc-row-number">{q.number.clone().unwrap_or_else(|| t.draft.into())}</span>
                                            <span class="doc-row-client">{name}</span>
                                            <span class="doc-row-date">{invoicing::date(q.issue_date, lang)}</span>
                                            <span class="doc-row-status">{invoicing::quote_state(&q.state, lang)}</span>
                                            <span class="doc-row-amount">{total}</span>
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any())
            }}
        </Page>
    }
}

#[component]
fn QuoteEditor(id: Option<String>) -> impl IntoView {
    view! { <WithData child=move |data| view! { <QuoteForm data=data id=id.clone() /> } /> }
}

#[component]
fn QuoteForm(data: Arc<Dataset>, id: Option<String>) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let s = &data.settings;
    let today = clock::today();
    let existing = id
        .as_ref()
        .and_then(|id| data.quotes.iter().find(|q| &q.id == id).cloned());
    let base = existing.unwrap_or_else(|| Quote {
        id: new_id(),
        series_id: s.quote_series_id.clone().unwrap_or_default(),
        number: None,
        client_id: String::new(),
        po_number: String::new(),
        issue_date: today,
        valid_until: today.checked_add_days(chrono::Days::new(30)),
        currency: s.default_currency.clone(),
        lines: vec![Line {
            item_id: None,
            description: String::new(),
            quantity: Decimal::ONE,
            unit_price: Decimal::ZERO,
            discount_pct: Decimal::ZERO,
            vat: s.default_vat.clone(),
        }],
        withholding_pct: s.default_withholding_pct,
        invoice_discount_pct: Decimal::ZERO,
        notes: String::new(),
        state: QuoteState::Draft,
        invoice_id: None,
        updated_at: clock::now(),
    });
    let pct = |d: Decimal| {
        if d.is_zero() {
            String::new()
        } else {
            fields::show(d)
        }
    };
    let client = RwSignal::new(base.client_id.clone());
    let po = RwSignal::new(base.po_number.clone());
    let issue = RwSignal::new(base.issue_date.to_string());
    let valid = RwSignal::new(base.valid_until.map(|d| d.to_string()).unwrap_or_default());
    let currency = RwSignal::new(base.currency.clone());
    let withholding = RwSignal::new(pct(base.withholding_pct));
    let discount = RwSignal::new(pct(base.invoice_discount_pct));
    let notes = RwSignal::new(base.notes.clone());
    let lines = RwSignal::new(base.lines.iter().map(LineForm::from_line).collect::<Vec<_>>());
    let editable = base.state == QuoteState::Draft;
    let base = StoredValue::new(base);
    let clients = Memo::new(move |_| app.read(|d| d.clients.clone()));
    let items = Signal::derive(move || app.read(|d| d.items.clone()));
    let default_vat = Signal::derive(move || {
        app.data
            .with(|d| d.as_ref().map(|d| d.settings.default_vat.clone()))
            .unwrap_or_else(|| AppSettings::default().default_vat)
    });
    let built = Memo::new(move |_| -> Result<Quote, String> {
        let lang = i18n.lang.get();
        let t = invoicing::texts(lang);
        let lines = parse_lines(&lines.get(), lang)?;
        let withholding_pct = fields::number_or_zero(t.withholding_pct, &withholding.get(), lang)?;
        let invoice_discount_pct = fields::number_or_zero(t.invoice_discount_pct, &discount.get(), lang)?;
        if client.get().is_empty() {
            return Err(t.need_client.into());
        }
        let issue_date = fields::date(&issue.get()).ok_or(t.need_issue_date)?;
        let q = Quote {
            client_id: client.get(),
            po_number: po.get().trim().into(),
            issue_date,
            valid_until: fields::date(&valid.get()),
            currency: currency.get().trim().to_uppercase(),
            lines,
            withholding_pct,
            invoice_discount_pct,
            notes: notes.get(),
            ..base.get_value()
        };
        tax::quote_totals(&q).map_err(|e| invoicing::money_error(&e, lang))?;
        Ok(q)
    });
    let totals = Signal::derive(move || -> Result<Totals, String> {
        let lang = i18n.lang.get();
        let t = invoicing::texts(lang);
        let lines = parse_lines(&lines.get(), lang)?;
        let w = fields::number_or_zero(t.withholding_pct, &withholding.get(), lang)?;
        let d = fields::number_or_zero(t.invoice_discount_pct, &discount.get(), lang)?;
        tax::totals(&lines, d, w, &currency.get().trim().to_uppercase())
            .map_err(|e| invoicing::money_error(&e, lang))
    });
    let error = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let q = match built.get_untracked() {
            Ok(q) => q,
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        error.set(None);
        spawn_local(async move {
            let result = async {
                let db = app.db().await.map_err(|e| e.to_string())?;
                let q = Quote {
                    updated_at: clock::now(),
                    ..q
                };
                db.save(&q).await.map_err(|e| invoicing::op_error(&e, lang))?;
                Ok::<String, String>(q.id)
            }
            .await;
            match result {
                Ok(id) => {
                    navigate(&format!("#/quotes/{id}"));
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    let title = if id.is_some() {
        tr(|t| t.quote)
    } else {
        tr(|t| t.new_quote)
    };
    view! {
        <Page title=title id="quote-edit">
            <form class="form" id="quote-form" on:submit=save>
                <fieldset disabled=!editable>
                    <label class="field wide">
                        <span class="field-label">{tr(|t| t.client)}</span>
                        <select id="quote-client" on:change=move |ev| {
                            let cid = event_target_value(&ev);
                            if let Some(c) = clients.with_untracked(|cs| cs.iter().find(|c| c.id == cid).cloned()) {
                                currency.set(c.currency);
                            }
                            client.set(cid);
                        }>
                            <option value="">{tr(|t| t.choose_client)}</option>
                            {move || clients.get().into_iter().map(|c| {
                                let cid = c.id.clone();
                                view! { <option value=c.id.clone() prop:selected=move || client.get() == cid>{c.legal_name.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <Field label=tr(|t| t.po_number) value=po id="quote-po" />
                    <Field label=tr(|t| t.issue_date) value=issue id="quote-issue" kind="date" />
                    <Field label=tr(|t| t.valid_until) value=valid id="quote-valid" kind="date" />
                    <Field label=tr(|t| t.currency) value=currency id="quote-currency" />
                </fieldset>
                <LineEditor lines=lines items=items default_vat=default_vat />
                <fieldset class="adjustments">
                    <Field label=tr(|t| t.withholding_pct) value=withholding id="quote-withholding" inputmode="decimal" />
                    <Field label=tr(|t| t.invoice_discount_pct) value=discount id="quote-discount" inputmode="decimal" />
                </fieldset>
                <Area label=tr(|t| t.notes) value=notes id="quote-notes" />
                <TotalsView totals=totals currency=Signal::derive(move || currency.get().trim().to_uppercase()) />
                <When when=move || error.with(Option::is_some)>
                    <p class="form-error" role="alert" id="quote-error">{move || error.get().unwrap_or_default()}</p>
                </When>
                <div class="actions">
                    <button type="submit" id="quote-save" disabled=!editable>{tr(|t| t.save)}</button>
                    <a class="button secondary" href="#/quotes">{tr(|t| t.back)}</a>
                </div>
            </form>
        </Page>
    }
}

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
fn QuoteView(id: String) -> impl IntoView {
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
