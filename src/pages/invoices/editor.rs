//! The draft editor: a form that saves itself as the user types (each valid change,
//! shortly after the last keystroke) and issues the draft, taking its number.

use crate::components::invoicing::fields::{self, tr, Area, Field};
use crate::components::invoicing::lines::{parse_lines, LineEditor, LineForm};
use crate::components::invoicing::totals::TotalsView;
use crate::components::page::Page;
use crate::components::when::When;
use crate::components::with_data::WithData;
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::platform::route::{navigate, replace_hash};
use crate::state::{use_app, AppState};
use crate::storage::new_id;
use cobro_core::lifecycle;
use cobro_core::tax::{self, Totals};
use cobro_core::{AppSettings, Dataset, EarlyPaymentTerms, Invoice, Lang, Line};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;
use std::sync::Arc;
use std::time::Duration;

/// The figures of a document that do not depend on who it is for.
#[derive(Clone, PartialEq)]
struct Amounts {
    lines: Vec<Line>,
    withholding: Decimal,
    discount: Decimal,
    early: Option<EarlyPaymentTerms>,
}

/// Where a draft's saving stands.
#[derive(Clone, PartialEq)]
enum SaveState {
    Idle,
    Saving,
    Saved,
    /// Nothing was saved: what is wrong with the input.
    Invalid(String),
    Failed(String),
}

#[component]
pub(super) fn InvoiceEditor(id: Option<String>) -> impl IntoView {
    let app = use_app();
    // The form reads the data once (typing must survive other tabs' reloads), so it is
    // mounted again only when the invoice appears or disappears: opened right after a
    // restore, it would otherwise say "not found" until the next visit.
    let wanted = id.clone();
    let present = Memo::new(move |_| {
        app.data.with(|d| match (d, &wanted) {
            (Some(d), Some(id)) => d.invoices.iter().any(|i| &i.id == id),
            _ => true,
        })
    });
    move || {
        present.track();
        let id = id.clone();
        view! { <WithData child=move |data| view! { <EditorForm data=data id=id.clone() /> } /> }
    }
}

#[component]
fn EditorForm(data: Arc<Dataset>, id: Option<String>) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let t0 = invoicing::texts(i18n.lang.get_untracked());
    let existing = id
        .as_ref()
        .and_then(|id| data.invoices.iter().find(|i| &i.id == id).cloned());
    if id.is_some() && existing.is_none() {
        return view! {
            <Page title=tr(|t| t.edit_invoice) id="invoice-edit">
                <p class="form-error" role="alert">{t0.not_found}</p>
            </Page>
        }
        .into_any();
    }
    if let Some(inv) = &existing {
        if let Err(e) = lifecycle::ensure_editable(inv) {
            let msg = invoicing::lifecycle_error(&e, i18n.lang.get_untracked());
            let href = format!("#/invoices/{}", inv.id);
            return view! {
                <Page title=tr(|t| t.edit_invoice) id="invoice-edit">
                    <p class="form-error" role="alert" id="invoice-locked">{msg}</p>
                    <a href=href>{t0.invoice}</a>
                </Page>
            }
            .into_any();
        }
    }
    let today = clock::today();
    let settings = &data.settings;
    let base = existing.unwrap_or_else(|| Invoice {
        id: new_id(),
        series_id: settings.invoice_series_id.clone().unwrap_or_default(),
        number: None,
        client_id: String::new(),
        po_number: String::new(),
        issue_date: today,
        delivery_date: None,
        due_date: lifecycle::due_date(today, settings.default_payment_terms_days),
        currency: settings.default_currency.clone(),
        lines: vec![Line {
            item_id: None,
            description: String::new(),
            quantity: Decimal::ONE,
            unit_price: Decimal::ZERO,
            discount_pct: Decimal::ZERO,
            vat: settings.default_vat.clone(),
        }],
        withholding_pct: settings.default_withholding_pct,
        invoice_discount_pct: Decimal::ZERO,
        early_payment: None,
        payment_method_ids: Vec::new(),
        notes: String::new(),
        quote_id: None,
        sent: None,
        receipt: None,
        disputes: Vec::new(),
        cancelled_by: None,
        updated_at: clock::now(),
    });
    let is_new = id.is_none();
    let inv_id = base.id.clone();
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
    let delivery = RwSignal::new(base.delivery_date.map(|d| d.to_string()).unwrap_or_default());
    let due = RwSignal::new(base.due_date.to_string());
    let currency = RwSignal::new(base.currency.clone());
    let withholding = RwSignal::new(pct(base.withholding_pct));
    let discount = RwSignal::new(pct(base.invoice_discount_pct));
    let early_pct = RwSignal::new(
        base.early_payment
            .as_ref()
            .map(|e| fields::show(e.discount_pct))
            .unwrap_or_default(),
    );
    let early_days = RwSignal::new(
        base.early_payment
            .as_ref()
            .map(|e| e.within_days.to_string())
            .unwrap_or_else(|| "10".into()),
    );
    let notes = RwSignal::new(base.notes.clone());
    let methods = RwSignal::new(base.payment_method_ids.clone());
    let lines = RwSignal::new(base.lines.iter().map(LineForm::from_line).collect::<Vec<_>>());
    let base = StoredValue::new(base);

    let clients = Memo::new(move |_| app.read(|d| d.clients.clone()));
    let items = Signal::derive(move || app.read(|d| d.items.clone()));
    let all_methods = Signal::derive(move || app.read(|d| d.payment_methods.clone()));
    let default_vat = Signal::derive(move || {
        app.data
            .with(|d| d.as_ref().map(|d| d.settings.default_vat.clone()))
            .unwrap_or_else(|| AppSettings::default().default_vat)
    });
    let selected_client = move || {
        let id = client.get();
        clients.with(|cs| cs.iter().find(|c| c.id == id).cloned())
    };

    let amounts = Memo::new(move |_| -> Result<Amounts, String> {
        let lang = i18n.lang.get();
        let t = invoicing::texts(lang);
        let lines = parse_lines(&lines.get(), lang)?;
        let withholding = fields::number_or_zero(t.withholding_pct, &withholding.get(), lang)?;
        let discount = fields::number_or_zero(t.invoice_discount_pct, &discount.get(), lang)?;
        let early = if early_pct.get().trim().is_empty() {
            None
        } else {
            Some(EarlyPaymentTerms {
                discount_pct: fields::number(t.early_pct, &early_pct.get(), lang)?,
                within_days: fields::days(t.early_days, &early_days.get(), lang)?,
            })
        };
        Ok(Amounts {
            lines,
            withholding,
            discount,
            early,
        })
    });
    let totals = Signal::derive(move || -> Result<Totals, String> {
        let lang = i18n.lang.get();
        let a = amounts.get()?;
        tax::totals(
            &a.lines,
            a.discount,
            a.withholding,
            &currency.get().trim().to_uppercase(),
        )
        .map_err(|e| invoicing::money_error(&e, lang))
    });
    let built = Memo::new(move |_| -> Result<Invoice, String> {
        let lang = i18n.lang.get();
        let t = invoicing::texts(lang);
        let a = amounts.get()?;
        let base = base.get_value();
        if client.get().is_empty() {
            return Err(t.need_client.into());
        }
        if base.series_id.is_empty() {
            return Err(t.need_series.into());
        }
        let issue_date = fields::date(&issue.get()).ok_or(t.need_issue_date)?;
        let due_date = fields::date(&due.get()).ok_or(t.need_due_date)?;
        let inv = Invoice {
            client_id: client.get(),
            po_number: po.get().trim().to_string(),
            issue_date,
            delivery_date: fields::date(&delivery.get()),
            due_date,
            currency: currency.get().trim().to_uppercase(),
            lines: a.lines,
            withholding_pct: a.withholding,
            invoice_discount_pct: a.discount,
            early_payment: a.early,
            payment_method_ids: methods.get(),
            notes: notes.get(),
            ..base
        };
        let totals = tax::invoice_totals(&inv).map_err(|e| invoicing::money_error(&e, lang))?;
        tax::early_payment_offer(&inv, &totals).map_err(|e| invoicing::money_error(&e, lang))?;
        Ok(inv)
    });

    // Drafts save themselves: each valid change is written 600 ms after the last keystroke.
    let state = RwSignal::new(SaveState::Idle);
    let generation = StoredValue::new(0u64);
    let first_save = StoredValue::new(is_new);
    let save_now = move |inv: Invoice| async move {
        // The editor may be gone by the time this finishes: only `try_` access after an await.
        let lang = i18n.lang.try_get_untracked().unwrap_or_default();
        state.try_set(SaveState::Saving);
        let result = save_draft(app, inv, lang).await;
        match result {
            Ok(id) => {
                state.try_set(SaveState::Saved);
                if first_save.try_get_value() == Some(true) {
                    first_save.try_set_value(false);
                    replace_hash(&format!("#/invoices/{id}/edit"));
                }
                true
            }
            Err(e) => {
                state.try_set(SaveState::Failed(e));
                false
            }
        }
    };
    Effect::new(move |prev: Option<()>| {
        let result = built.get();
        if prev.is_none() {
            if let Err(msg) = result {
                if !is_new {
                    state.set(SaveState::Invalid(msg));
                }
            }
            return;
        }
        generation.update_value(|g| *g += 1);
        match result {
            Err(msg) => state.set(SaveState::Invalid(msg)),
            Ok(inv) => {
                let mine = generation.get_value();
                set_timeout(
                    move || {
                        if generation.try_get_value() == Some(mine) {
                            spawn_local(async move {
                                save_now(inv).await;
                            });
                        }
                    },
                    Duration::from_millis(600),
                );
            }
        }
    });

    let on_client = move |ev| {
        let cid = event_target_value(&ev);
        if let Some(c) = clients.with_untracked(|cs| cs.iter().find(|c| c.id == cid).cloned()) {
            currency.set(c.currency.clone());
            if let Some(d) = fields::date(&issue.get_untracked()) {
                due.set(lifecycle::due_date(d, c.payment_terms_days).to_string());
            }
            if !c.preferred_payment_method_ids.is_empty() {
                methods.set(c.preferred_payment_method_ids.clone());
            }
        }
        client.set(cid);
    };
    // Moving the issue date moves the due date by the client's terms.
    let on_issue = move |ev| {
        let value = event_target_value(&ev);
        if let (Some(d), Some(c)) = (fields::date(&value), selected_client()) {
            due.set(lifecycle::due_date(d, c.payment_terms_days).to_string());
        }
        issue.set(value);
    };

    let issue_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let do_issue = {
        let inv_id = inv_id.clone();
        move |_| {
            let lang = i18n.lang.get_untracked();
            generation.update_value(|g| *g += 1);
            let inv = match built.get_untracked() {
                Ok(inv) => inv,
                Err(msg) => {
                    issue_error.set(Some(msg));
                    return;
                }
            };
            issue_error.set(None);
            busy.set(true);
            let inv_id = inv_id.clone();
            spawn_local(async move {
                if save_now(inv).await {
                    match issue_invoice(app, &inv_id, lang).await {
                        Ok(()) => navigate(&format!("#/invoices/{inv_id}")),
                        Err(e) => {
                            issue_error.try_set(Some(e));
                        }
                    }
                }
                busy.try_set(false);
            });
        }
    };

    let status_text = move || {
        let t = invoicing::texts(i18n.lang.get());
        match state.get() {
            SaveState::Idle => String::new(),
            SaveState::Saving => t.saving.to_string(),
            SaveState::Saved => t.draft_saved.to_string(),
            SaveState::Invalid(m) | SaveState::Failed(m) => format!("{} {m}", t.draft_not_saved),
        }
    };
    let status_class = move || match state.get() {
        SaveState::Invalid(_) | SaveState::Failed(_) => "save-state form-error",
        _ => "save-state",
    };
    let title = if is_new {
        tr(|t| t.new_invoice)
    } else {
        tr(|t| t.edit_invoice)
    };

    view! {
        <Page title=title id="invoice-edit">
            <form class="form invoice-form" id="invoice-form" data-invoice=inv_id.clone() on:submit=|ev| ev.prevent_default()>
                <fieldset>
                    <label class="field wide">
                        <span class="field-label">{tr(|t| t.client)}</span>
                        <select id="inv-client" on:change=on_client>
                            <option value="">{tr(|t| t.choose_client)}</option>
                            {move || {
                                clients
                                    .get()
                                    .into_iter()
                                    .map(|c| {
                                        let cid = c.id.clone();
                                        view! {
                                            <option value=c.id.clone() prop:selected=move || client.get() == cid>
                                                {c.legal_name.clone()}
                                            </option>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </select>
                    </label>
                    {move || selected_client().map(|c| {
                        let instructions = c.billing_instructions.trim().to_string();
                        view! {
                            {c.po_required.then(|| view! { <p class="hint" id="po-hint">{tr(|t| t.po_required_hint)}</p> })}
                            {(!instructions.is_empty()).then(|| view! {
                                <p class="hint" id="client-instructions">
                                    <strong>{tr(|t| t.client_instructions)} ": "</strong>
                                    {instructions.clone()}
                                </p>
                            })}
                        }
                    })}
                    <Field label=tr(|t| t.po_number) value=po id="inv-po" />
                    <label class="field">
                        <span class="field-label">{tr(|t| t.issue_date)}</span>
                        <input type="date" id="inv-issue" prop:value=move || issue.get() on:change=on_issue />
                    </label>
                    <Field label=tr(|t| t.delivery_date) value=delivery id="inv-delivery" kind="date" />
                    <Field label=tr(|t| t.due_date) value=due id="inv-due" kind="date" />
                    <Field label=tr(|t| t.currency) value=currency id="inv-currency" />
                </fieldset>
                <LineEditor lines=lines items=items default_vat=default_vat />
                <fieldset class="adjustments">
                    <Field label=tr(|t| t.withholding_pct) value=withholding id="inv-withholding" inputmode="decimal" />
                    <Field label=tr(|t| t.invoice_discount_pct) value=discount id="inv-discount" inputmode="decimal" />
                    <Field label=tr(|t| t.early_pct) value=early_pct id="inv-early-pct" inputmode="decimal" />
                    <Field label=tr(|t| t.early_days) value=early_days id="inv-early-days" inputmode="numeric" />
                </fieldset>
                <fieldset class="methods" id="inv-methods">
                    <legend>{tr(|t| t.payment_methods)}</legend>
                    {move || {
                        all_methods
                            .get()
                            .into_iter()
                            .map(|m| {
                                let id = m.id.clone();
                                let id2 = m.id.clone();
                                let toggle = move |ev| {
                                    let on = event_target_checked(&ev);
                                    let id = id2.clone();
                                    methods.update(|v| {
                                        v.retain(|x| *x != id);
                                        if on {
                                            v.push(id);
                                        }
                                    });
                                };
                                view! {
                                    <label class="check">
                                        <input
                                            type="checkbox"
                                            data-method=m.id.clone()
                                            prop:checked=move || methods.with(|v| v.contains(&id))
                                            on:change=toggle
                                        />
                                        <span>{m.label.clone()}</span>
                                    </label>
                                }
                            })
                            .collect_view()
                    }}
                </fieldset>
                <Area label=tr(|t| t.notes) value=notes id="inv-notes" />
                <TotalsView totals=totals currency=Signal::derive(move || currency.get().trim().to_uppercase()) />
                <p class=status_class id="save-state" role="status" aria-live="polite">{status_text}</p>
                <When when=move || issue_error.with(Option::is_some)>
                    <p class="form-error" role="alert" id="issue-error">{move || issue_error.get().unwrap_or_default()}</p>
                </When>
                <div class="actions">
                    <button type="button" id="issue-invoice" on:click=do_issue disabled=move || busy.get()>
                        {tr(|t| t.issue)}
                    </button>
                    <a class="button secondary" href="#/invoices">{tr(|t| t.back)}</a>
                </div>
            </form>
        </Page>
    }
    .into_any()
}

/// Write a draft (stamped now); returns its id.
async fn save_draft(app: AppState, inv: Invoice, lang: Lang) -> Result<String, String> {
    let db = app.db().await.map_err(|e| e.to_string())?;
    let inv = Invoice {
        updated_at: clock::now(),
        ..inv
    };
    db.save(&inv).await.map_err(|e| invoicing::op_error(&e, lang))?;
    Ok(inv.id)
}

async fn issue_invoice(app: AppState, id: &str, lang: Lang) -> Result<(), String> {
    let db = app.db().await.map_err(|e| e.to_string())?;
    db.issue_invoice(id, clock::now())
        .await
        .map_err(|e| invoicing::op_error(&e, lang))?;
    Ok(())
}
