//! One invoice as a document, with what can be done to it: print, edit a draft, cancel or
//! correct it with a credit note (each credit note a document of its own), and its
//! collections panel.

use super::credit::PartialCredit;
use crate::components::document::{Document, DocumentLanguage};
use crate::components::invoicing::fields::{tr, Area};
use crate::components::page::Page;
use crate::components::when::When;
use crate::i18n::{documents, invoicing, use_i18n};
use crate::platform::clock;
use crate::platform::print::print_page;
use crate::state::use_app;
use crate::storage::new_id;
use cobro_core::document::{self, DocumentView};
use cobro_core::ledger::Ledger;
use cobro_core::lifecycle::InvoiceStatus;
use cobro_core::money::format_amount;
use cobro_core::{tax, Invoice};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// One credit note of the invoice as its page lists it.
#[derive(Clone, PartialEq)]
struct NoteRow {
    id: String,
    number: String,
    date: chrono::NaiveDate,
    reason: String,
    total: Option<rust_decimal::Decimal>,
    currency: String,
}

/// What the invoice page shows of one invoice.
#[derive(Clone, PartialEq)]
struct Shown {
    inv: Invoice,
    status: InvoiceStatus,
    notes: Vec<NoteRow>,
}

#[component]
pub(super) fn InvoiceView(id: String) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let credit_open = RwSignal::new(false);
    let partial_open = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let credit_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let id = StoredValue::new(id);
    let do_credit = move |_| {
        let lang = i18n.lang.get_untracked();
        let why = reason.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let result = async {
                let db = app
                    .db()
                    .await
                    .map_err(|e| crate::i18n::storage_message(&e, lang))?;
                db.issue_credit_note(&id.get_value(), &why, clock::today(), &mut new_id, clock::now())
                    .await
                    .map_err(|e| invoicing::op_error(&e, lang))
            }
            .await;
            busy.try_set(false);
            match result {
                Ok(_) => {
                    credit_open.try_set(false);
                    credit_error.try_set(None);
                }
                Err(e) => {
                    credit_error.try_set(Some(e));
                }
            }
        });
    };
    // What the page shows, worked out once per change of the data. Every part below reads
    // it, and only the parts whose input changed are built again: a form the user has open
    // (collections, partial credit) must not lose what was typed because a payment, another
    // tab or a sync elsewhere reloaded the data.
    let shown = Memo::new(move |_| {
        app.data.with(|d| {
            let data = d.as_ref()?;
            let inv = data.invoices.iter().find(|i| i.id == id.get_value()).cloned();
            Some(inv.map(|inv| {
                let ledger = Ledger::new(data);
                let status = ledger
                    .status(&inv, clock::today())
                    .unwrap_or(InvoiceStatus::Draft);
                let notes = ledger
                    .credit_notes_of(&inv.id)
                    .iter()
                    .map(|cn| NoteRow {
                        id: cn.id.clone(),
                        number: cn.number.clone().unwrap_or_default(),
                        date: cn.issue_date,
                        reason: cn.reason.clone(),
                        total: tax::credit_note_total(cn).ok(),
                        currency: cn.currency.clone(),
                    })
                    .collect();
                Shown { inv, status, notes }
            }))
        })
    });
    // The document, rebuilt when the invoice (or what it prints of the rest) changes.
    let doc = Memo::new(move |_| -> Option<DocumentView> {
        let lang = i18n.lang.get();
        let inv = shown.with(|s| s.as_ref()?.as_ref().map(|s| s.inv.clone()))?;
        app.data
            .with(|d| d.as_ref().map(|d| document::invoice_document(d, &inv, lang)))
    });
    let creditable = Memo::new(move |_| {
        shown.with(|s| match s {
            // An issued invoice's lines never change: the form outlives a payment or a sending.
            Some(Some(s)) if s.inv.number.is_some() && s.inv.cancelled_by.is_none() => Some(s.inv.clone()),
            _ => None,
        })
    });
    let issued = Memo::new(move |_| shown.with(|s| matches!(s, Some(Some(s)) if s.inv.number.is_some())));
    let head = move || {
        let lang = i18n.lang.get();
        let t = invoicing::texts(lang);
        shown.with(|s| {
            let s = s.as_ref()?;
            let Some(s) = s else {
                return Some(view! { <p class="form-error" role="alert">{t.not_found}</p> }.into_any());
            };
            let inv = &s.inv;
            let cancelled_by = inv.cancelled_by.as_ref().and_then(|cid| s.notes.iter().find(|n| &n.id == cid));
            let is_draft = inv.number.is_none();
            let can_credit = !is_draft && inv.cancelled_by.is_none();
            let edit_href = format!("#/invoices/{}/edit", inv.id);
            Some(view! {
                <div class="doc-actions no-print">
                    <span class="status-badge" id="invoice-status" data-status=invoicing::status_slug(s.status)>
                        {invoicing::status(s.status, lang)}
                    </span>
                    <button type="button" id="print-invoice" on:click=|_| print_page()>{t.print}</button>
                    {is_draft.then(|| view! { <a class="button secondary" id="edit-invoice" href=edit_href.clone()>{t.edit}</a> })}
                    {can_credit.then(|| view! {
                        <button type="button" class="secondary" id="open-partial-credit" on:click=move |_| {
                            partial_open.update(|o| *o = !*o);
                            credit_open.set(false);
                        }>
                            {t.credit_partial}
                        </button>
                        <button type="button" class="secondary" id="open-credit" on:click=move |_| {
                            credit_open.update(|o| *o = !*o);
                            partial_open.set(false);
                        }>
                            {t.credit_note}
                        </button>
                    })}
                    <a class="button secondary" id="make-recurring" href=format!("#/recurring/new/{}", inv.id)>
                        {crate::i18n::recurring::texts(lang).make_recurring}
                    </a>
                    <a class="button secondary" href="#/invoices">{t.back}</a>
                </div>
                {cancelled_by.map(|n| view! {
                    <p class="notice-banner no-print" id="cancelled-by">
                        {t.cancelled_by} " "
                        <a href=format!("#/invoices/credit-notes/{}", n.id)><strong>{n.number.clone()}</strong></a>
                    </p>
                })}
            }.into_any())
        })
    };
    let notes = move || {
        let lang = i18n.lang.get();
        let t = invoicing::texts(lang);
        shown.with(|s| {
            let s = s.as_ref()?.as_ref()?;
            (!s.notes.is_empty()).then(|| view! {
                <section class="credit-notes no-print" id="credit-notes">
                    <h2>{t.credit_notes}</h2>
                    <ul class="doc-list">
                        {s.notes.iter().map(|n| {
                            let amount = n.total.map(|v| format_amount(-v, &n.currency, lang)).unwrap_or_default();
                            view! {
                                <li class="doc-row credit-note" data-credit-note=n.id.clone()>
                                    <a href=format!("#/invoices/credit-notes/{}", n.id)>
                                        <span class="doc-row-number">{n.number.clone()}</span>
                                        <span class="doc-row-client">{n.reason.clone()}</span>
                                        <span class="doc-row-date">{invoicing::date(n.date, lang)}</span>
                                        <span class="doc-row-status">{documents::texts(lang).kind_credit_note}</span>
                                        <span class="doc-row-amount">{amount}</span>
                                    </a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            })
        })
    };
    view! {
        <Page title=tr(|t| t.invoice) id="invoice-view">
            {head}
            <When when=move || credit_open.get() && creditable.with(Option::is_some)>
                <form class="form credit-form no-print" id="credit-form" on:submit=|ev| ev.prevent_default()>
                    <Area label=tr(|t| t.credit_reason) value=reason id="credit-reason" />
                    <When when=move || credit_error.with(Option::is_some)>
                        <p class="form-error" role="alert" id="credit-error">{move || credit_error.get().unwrap_or_default()}</p>
                    </When>
                    <button type="button" id="confirm-credit" on:click=do_credit disabled=move || busy.get()>
                        {tr(|t| t.credit_confirm)}
                    </button>
                </form>
            </When>
            {move || {
                let invoice = creditable.get()?;
                partial_open.get().then(|| view! { <PartialCredit invoice=invoice open=partial_open /> })
            }}
            {move || doc.get().map(|v| view! {
                <DocumentLanguage lang=v.lang />
                <Document view=v id="invoice-doc" />
            })}
            {notes}
            {move || issued.get().then(|| view! {
                <div class="no-print">
                    <crate::components::collections::collect_panel::CollectPanel invoice_id=id.get_value() />
                </div>
            })}
        </Page>
    }
}
