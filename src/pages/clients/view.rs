//! A client's whole relationship on one page: who to talk to and how they want to be
//! invoiced, what they owe and how they pay, their invoices, quotes, payments (voided ones
//! marked) and contacts; new documents for them, and archive or delete.

use super::{amounts, stats};
use crate::components::invoicing::fields::tr;
use crate::components::page::Page;
use crate::components::record_actions::{Kind, RecordActions, RecordMessage};
use crate::i18n::{corrections, invoicing, use_i18n};
use crate::platform::clock;
use crate::platform::route::navigate;
use crate::state::use_app;
use cobro_core::ledger::Ledger;
use cobro_core::locale;
use cobro_core::money::format_amount;
use leptos::prelude::*;

#[component]
pub(super) fn ClientView(id: String) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    // Outside the page's body, which is rebuilt when the data changes (an archive does).
    let actions = RecordMessage::new();
    let deleted = Callback::new(|()| navigate("#/clients"));
    view! {
        <Page title=tr(|t| t.client) id="client-view">
            {move || {
                let data = app.data.get()?;
                let lang = i18n.lang.get();
                let t = invoicing::texts(lang);
                let Some(c) = data.clients.iter().find(|c| c.id == id).cloned() else {
                    return Some(view! { <p class="form-error" role="alert">{t.not_found}</p> }.into_any());
                };
                let figs = stats(&data);
                let f = figs.get(&c.id);
                let outstanding = f.map(|f| amounts(&f.outstanding, lang)).unwrap_or_else(|| "—".into());
                let overdue = f.map(|f| amounts(&f.overdue, lang)).unwrap_or_else(|| "—".into());
                let avg = f
                    .and_then(|f| f.average_days_to_pay)
                    .map(|d| locale::days(d, 1, lang))
                    .unwrap_or_else(|| "—".into());
                let ledger = Ledger::new(&data);
                let today = clock::today();
                let mut invoices: Vec<_> = data.invoices.iter().filter(|i| i.client_id == c.id).collect();
                cobro_core::order::sort_by_key(&mut invoices, |i| std::cmp::Reverse(i.issue_date));
                let inv_ids: Vec<&str> = invoices.iter().map(|i| i.id.as_str()).collect();
                let number_of = |id: &str| {
                    data.invoices
                        .iter()
                        .find(|i| i.id == id)
                        .and_then(|i| i.number.clone())
                        .unwrap_or_default()
                };
                let invoice_rows = invoices
                    .iter()
                    .map(|i| {
                        let status = ledger.status(i, today).ok();
                        let total = cobro_core::tax::invoice_totals(i)
                            .map(|x| format_amount(x.total, &i.currency, lang))
                            .unwrap_or_default();
                        view! {
                            <li>
                                <a href=format!("#/invoices/{}", i.id)>{i.number.clone().unwrap_or_else(|| t.draft.into())}</a>
                                " · " {invoicing::date(i.issue_date, lang)} " · " {total} " · "
                                {status.map(|s| invoicing::status(s, lang))}
                            </li>
                        }
                    })
                    .collect_view();
                let quote_rows = data
                    .quotes
                    .iter()
                    .filter(|q| q.client_id == c.id)
                    .map(|q| view! {
                        <li>
                            <a href=format!("#/quotes/{}", q.id)>{q.number.clone().unwrap_or_else(|| t.draft.into())}</a>
                            " · " {invoicing::date(q.issue_date, lang)} " · " {invoicing::quote_state(&q.state, lang)}
                        </li>
                    })
                    .collect_view();
                let payment_rows = data
                    .payments
                    .iter()
                    .filter(|p| inv_ids.contains(&p.invoice_id.as_str()))
                    .map(|p| {
                        let cur = data
                            .invoices
                            .iter()
                            .find(|i| i.id == p.invoice_id)
                            .map(|i| i.currency.clone())
                            .unwrap_or_default();
                        let voided = p.voided.is_some();
                        view! {
                            <li class:voided=voided data-state=if voided { "voided" } else { "counts" }>
                                <span class="voided-text">
                                    {invoicing::date(p.date, lang)} " · " {format_amount(p.amount, &cur, lang)} " · " {number_of(&p.invoice_id)}
                                </span>
                                {voided.then(|| view! { " " <span class="badge">{corrections::texts(lang).voided}</span> })}
                            </li>
                        }
                    })
                    .collect_view();
                let contact_rows = data
                    .contacts
                    .iter()
                    .filter(|k| k.client_id == c.id)
                    .map(|k| view! { <li>{invoicing::date(k.date, lang)} " · " {k.who.clone()} " · " {k.note.clone()}</li> })
                    .collect_view();
                let section = |title: &'static str, id: &'static str, empty: bool, rows: AnyView| {
                    view! {
                        <section class="client-section" id=id>
                            <h2>{title}</h2>
                            {if empty { view! { <p class="muted">{t.nothing_yet}</p> }.into_any() } else { view! { <ul>{rows}</ul> }.into_any() }}
                        </section>
                    }
                };
                let no_invoices = invoices.is_empty();
                let no_quotes = !data.quotes.iter().any(|q| q.client_id == c.id);
                let no_payments = !data.payments.iter().any(|p| inv_ids.contains(&p.invoice_id.as_str()));
                let no_contacts = !data.contacts.iter().any(|k| k.client_id == c.id);
                Some(view! {
                    <div class="client-head">
                        <h2 id="client-legal-name">{c.legal_name.clone()}</h2>
                        <p>{t.tax_id} ": " {c.tax_id.clone()}</p>
                        <p>{c.ap_contact_name.clone()} " " {c.ap_contact_email.clone()} " " {c.ap_contact_phone.clone()}</p>
                        {c.po_required.then(|| view! { <p class="hint">{t.po_required_hint}</p> })}
                        {(!c.billing_instructions.trim().is_empty()).then(|| view! { <p class="hint">{c.billing_instructions.clone()}</p> })}
                        <dl class="figures">
                            <dt>{t.outstanding}</dt><dd id="client-outstanding">{outstanding}</dd>
                            <dt>{t.overdue}</dt><dd id="client-overdue">{overdue}</dd>
                            <dt>{t.avg_days_to_pay}</dt><dd id="client-avg-days">{avg}</dd>
                        </dl>
                        {c.archived.then(|| view! { <p class="hint" id="client-archived">{corrections::texts(lang).archived_client_hint}</p> })}
                        <div class="actions">
                            <a class="button" id="edit-client" href=format!("#/clients/{}/edit", c.id)>{t.edit}</a>
                            <a class="button secondary" id="client-new-invoice" href=format!("#/invoices/new?client={}", c.id)>{t.new_invoice}</a>
                            <a class="button secondary" id="client-new-quote" href=format!("#/quotes/new?client={}", c.id)>{t.new_quote}</a>
                            <RecordActions kind=Kind::Client id=c.id.clone() name=c.legal_name.clone() archived=c.archived message=actions on_deleted=deleted />
                        </div>
                    </div>
                    {section(t.invoices, "client-invoices", no_invoices, invoice_rows.into_any())}
                    {section(t.quotes, "client-quotes", no_quotes, quote_rows.into_any())}
                    {section(corrections::texts(lang).payments_heading, "client-payments", no_payments, payment_rows.into_any())}
                    {section(t.contacts, "client-contacts", no_contacts, contact_rows.into_any())}
                    <crate::pages::recurring::client::ClientSchedules client_id=c.id.clone() />
                }.into_any())
            }}
        </Page>
    }
}
