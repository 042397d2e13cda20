//! The quote editor: the same line editor and totals as invoices.

use crate::components::invoicing::fields::{self, tr, Area, Field};
use crate::components::invoicing::lines::{parse_lines, LineEditor, LineForm};
use crate::components::invoicing::totals::TotalsView;
use crate::components::page::Page;
use crate::components::when::When;
use crate::components::with_data::WithData;
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::platform::route::navigate;
use crate::state::use_app;
use crate::storage::new_id;
use cobro_core::tax::{self, Totals};
use cobro_core::{AppSettings, Dataset, Line, Quote, QuoteState};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;
use std::sync::Arc;

#[component]
pub(super) fn QuoteEditor(id: Option<String>) -> impl IntoView {
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
