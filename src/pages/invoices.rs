//! Invoices: the list (`#/invoices`), the draft editor (`#/invoices/new`,
//! `#/invoices/<id>/edit`) that saves as you type and issues, and the
//! printable invoice (`#/invoices/<id>`) with its credit note and the
//! collections panel.

use crate::components::invoicing::document::InvoiceDocument;
use crate::components::invoicing::fields::{self, tr, Area, Field};
use crate::components::invoicing::lines::{parse_lines, LineEditor, LineForm};
use crate::components::invoicing::totals::TotalsView;
use crate::components::page::Page;
use crate::components::when::When;
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::platform::route::{navigate, use_rest};
use crate::state::{use_app, AppState};
use crate::storage::new_id;
use chrono::NaiveDate;
use cobro_core::ledger::Ledger;
use cobro_core::lifecycle::{self, CreditScope, InvoiceStatus};
use cobro_core::money::format_amount;
use cobro_core::tax::{self, Totals};
use cobro_core::{AppSettings, Dataset, EarlyPaymentTerms, Invoice, Lang, Line};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

#[component]
pub fn InvoicesPage() -> impl IntoView {
    let rest = use_rest();
    move || {
        let rest = rest.get();
        match rest.as_slice() {
            [new] if new == "new" => view! { <InvoiceEditor id=None /> }.into_any(),
            [id, edit] if edit == "edit" => view! { <InvoiceEditor id=Some(id.clone()) /> }.into_any(),
            [id] => view! { <InvoiceView id=id.clone() /> }.into_any(),
            _ => view! { <InvoiceList /> }.into_any(),
        }
    }
}

/// Change the address bar without a `hashchange` (the screen stays as it is).
pub(crate) fn replace_hash(href: &str) {
    let Some(window) = web_sys::window() else { return };
    let Ok(history) = js_sys::Reflect::get(&window, &"history".into()) else {
        return;
    };
    let Ok(replace) = js_sys::Reflect::get(&history, &"replaceState".into()) else {
        return;
    };
    if let Ok(f) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(replace) {
        let _ = f.call3(&history, &wasm_bindgen::JsValue::NULL, &"".into(), &href.into());
    }
}

/// Renders `child` with the dataset once it has loaded (and not again on each reload,
/// so a form keeps what is being typed).
#[component]
pub fn WithData<F, V>(child: F) -> impl IntoView
where
    F: Fn(Arc<Dataset>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    // Only the child is generic: the `Show` and its closures exist once for every caller.
    with_data(Arc::new(move |d| child(d).into_any()))
}

fn with_data(child: Arc<dyn Fn(Arc<Dataset>) -> AnyView + Send + Sync>) -> impl IntoView {
    let app = use_app();
    view! {
        <When when=move || app.data.with(Option::is_some)>
            {
                let child = child.clone();
                move || app.data.get_untracked().map(|d| child(d))
            }
        </When>
    }
}

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
fn InvoiceEditor(id: Option<String>) -> impl IntoView {
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

fn print_page() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

#[component]
fn InvoiceView(id: String) -> impl IntoView {
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
                let db = app.db().await.map_err(|e| e.to_string())?;
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
                let notes: Vec<_> = ledger
                    .credit_notes_of(&inv.id)
                    .iter()
                    .map(|cn| {
                        (
                            cn.number.clone().unwrap_or_default(),
                            cn.reason.clone(),
                            cn.id.clone(),
                        )
                    })
                    .collect();
                Shown { inv, status, notes }
            }))
        })
    });
    let creditable = Memo::new(move |_| {
        shown.with(|s| match s {
            // An issued invoice's lines never change: the form outlives a payment or a sending.
            Some(Some(s)) if s.inv.number.is_some() && s.inv.cancelled_by.is_none() => {
                Some((s.inv.id.clone(), s.inv.lines.clone()))
            }
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
            let cancelled_by = inv
                .cancelled_by
                .as_ref()
                .and_then(|cid| s.notes.iter().find(|n| &n.2 == cid))
                .map(|n| n.0.clone());
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
                    <a class="button secondary" href="#/invoices">{t.back}</a>
                </div>
                {cancelled_by.map(|n| view! {
                    <p class="notice-banner no-print" id="cancelled-by">{t.cancelled_by} " " <strong>{n}</strong></p>
                })}
            }.into_any())
        })
    };
    let body = move || {
        let data = app.data.get()?;
        let t = invoicing::texts(i18n.lang.get());
        shown.with(|s| {
            let s = s.as_ref()?.as_ref()?;
            Some(view! {
                <InvoiceDocument inv=s.inv.clone() data=data />
                {(!s.notes.is_empty()).then(|| view! {
                    <section class="credit-notes no-print" id="credit-notes">
                        <h2>{t.credit_notes}</h2>
                        <ul>{s.notes.iter().map(|(n, r, _)| view! { <li class="credit-note">{n.clone()} " — " {r.clone()}</li> }).collect_view()}</ul>
                    </section>
                })}
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
                let (invoice_id, lines) = creditable.get()?;
                partial_open.get().then(|| view! { <PartialCredit invoice_id lines open=partial_open /> })
            }}
            {body}
            {move || issued.get().then(|| view! {
                <div class="no-print">
                    <crate::components::collections::collect_panel::CollectPanel invoice_id=id.get_value() />
                </div>
            })}
        </Page>
    }
}

/// What the invoice page shows of one invoice.
#[derive(Clone, PartialEq)]
struct Shown {
    inv: Invoice,
    status: InvoiceStatus,
    /// Its credit notes: number, reason, id.
    notes: Vec<(String, String, String)>,
}

/// Correct an issued invoice with a credit note for some units of some lines
/// (a partial factura rectificativa): the invoice stays issued and owes less.
#[component]
fn PartialCredit(invoice_id: String, lines: Vec<Line>, open: RwSignal<bool>) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let qtys: Vec<RwSignal<String>> = lines.iter().map(|_| RwSignal::new("0".to_string())).collect();
    let rows = lines
        .iter()
        .zip(qtys.iter().copied())
        .enumerate()
        .map(|(i, (l, q))| {
            let id = format!("credit-qty-{i}");
            let max = l.quantity.normalize().to_string();
            view! {
                <tr class="credit-line" data-line=i>
                    <td>{l.description.clone()}</td>
                    <td class="num">{max.clone()}</td>
                    <td class="num">
                        <label class="visually-hidden" for=id.clone()>{tr(|t| t.credit_qty)} " — " {l.description.clone()}</label>
                        <input id=id class="credit-qty" type="number" inputmode="decimal" min="0" max=max step="any" bind:value=q />
                    </td>
                </tr>
            }
        })
        .collect_view();
    let source = StoredValue::new((invoice_id, lines));
    let qtys = StoredValue::new(qtys);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let t = invoicing::texts(lang);
        let (invoice_id, source_lines) = source.get_value();
        let mut lines = Vec::new();
        for (l, q) in source_lines.iter().zip(qtys.get_value()) {
            let q = match fields::number(t.credit_qty, &q.get_untracked(), lang) {
                Ok(q) => q,
                Err(e) => return error.set(Some(e)),
            };
            if q < Decimal::ZERO || q > l.quantity {
                return error.set(Some(t.credit_qty_range.into()));
            }
            if q > Decimal::ZERO {
                lines.push(Line {
                    quantity: q,
                    ..l.clone()
                });
            }
        }
        if lines.is_empty() {
            return error.set(Some(t.credit_nothing.into()));
        }
        let why = reason.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let result = async {
                let db = app.db().await.map_err(|e| e.to_string())?;
                db.issue_credit_note_for(
                    &invoice_id,
                    CreditScope::Lines(lines),
                    &why,
                    clock::today(),
                    &mut new_id,
                    clock::now(),
                )
                .await
                .map_err(|e| invoicing::op_error(&e, lang))
            }
            .await;
            busy.try_set(false);
            match result {
                Ok(_) => {
                    open.try_set(false);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    view! {
        <form class="form credit-form no-print" id="partial-credit-form" on:submit=submit novalidate>
            <table class="credit-lines">
                <thead>
                    <tr>
                        <th>{tr(|t| t.description)}</th>
                        <th class="num">{tr(|t| t.quantity)}</th>
                        <th class="num">{tr(|t| t.credit_qty)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <Area label=tr(|t| t.credit_reason) value=reason id="partial-credit-reason" />
            {move || error.get().map(|e| view! { <p class="form-error" role="alert" id="partial-credit-error">{e}</p> })}
            <button type="submit" id="confirm-partial-credit" disabled=move || busy.get()>
                {tr(|t| t.credit_partial_confirm)}
            </button>
        </form>
    }
}

/// One invoice as the list shows it, computed once per dataset (status, total,
/// client name, the lower-cased text the search looks in), so a keystroke in
/// the search only filters: with years of invoices, rebuilding the ledger and
/// every total per keystroke was what made typing lag.
struct ListRow {
    id: String,
    number: Option<String>,
    client_id: String,
    client: String,
    client_key: String,
    issue_date: NaiveDate,
    currency: String,
    status: InvoiceStatus,
    total: Option<Decimal>,
    haystack: String,
}

/// The rows of one dataset; equal only to itself, so a memo of it never
/// compares thousands of rows.
#[derive(Clone)]
struct ListRows(Arc<Vec<Arc<ListRow>>>);

impl PartialEq for ListRows {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Rows rendered at first and added by each "show more": more than a desktop screen
/// holds, few enough that a keystroke which replaces every row stays near a frame.
/// The benchmark measured 200: a keystroke replacing them took ~100 ms with 10 000
/// invoices, nearly all of it building and laying out rows nobody had scrolled to.
const LIST_PAGE: usize = 50;

/// Whether the filtered rows changed: other rows, or rows of another dataset
/// (pointer comparison, so an unchanged result notifies nothing and costs nothing).
fn rows_changed(a: Option<&Vec<Arc<ListRow>>>, b: Option<&Vec<Arc<ListRow>>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.len() != b.len() || a.iter().zip(b).any(|(x, y)| !Arc::ptr_eq(x, y)),
        _ => true,
    }
}

fn list_rows(data: &Dataset, today: NaiveDate) -> ListRows {
    let ledger = Ledger::new(data);
    let rows = data
        .invoices
        .iter()
        .filter_map(|inv| {
            let status = ledger.status(inv, today).ok()?;
            let client = ledger
                .client(&inv.client_id)
                .map(|c| c.legal_name.clone())
                .unwrap_or_default();
            let haystack = format!(
                "{} {} {}",
                inv.number.as_deref().unwrap_or_default(),
                client,
                inv.po_number
            )
            .to_lowercase();
            Some(Arc::new(ListRow {
                id: inv.id.clone(),
                number: inv.number.clone(),
                client_id: inv.client_id.clone(),
                client_key: client.to_lowercase(),
                client,
                issue_date: inv.issue_date,
                currency: inv.currency.clone(),
                status,
                total: tax::invoice_totals(inv).ok().map(|t| t.total),
                haystack,
            }))
        })
        .collect();
    ListRows(Arc::new(rows))
}

#[component]
fn InvoiceList() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let status_filter = RwSignal::new(String::new());
    let client_filter = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let date_from = RwSignal::new(String::new());
    let date_to = RwSignal::new(String::new());
    let sort = RwSignal::new(String::from("number"));
    let limit = RwSignal::new(LIST_PAGE);
    // Once per dataset.
    let all = Memo::new(move |_| {
        app.data.with(|d| {
            d.as_deref()
                .map(|data| list_rows(data, clock::today()))
                .unwrap_or_else(|| ListRows(Arc::new(Vec::new())))
        })
    });
    // Once per dataset and sort order (filtering keeps the order).
    let sorted = Memo::new(move |_| {
        let rows = all.get();
        let mode = sort.get();
        let mut order: Vec<&Arc<ListRow>> = rows.0.iter().collect();
        let newest = |a: &ListRow, b: &ListRow| b.issue_date.cmp(&a.issue_date).then(b.number.cmp(&a.number));
        match mode.as_str() {
            "oldest" => cobro_core::order::sort_by(&mut order, |a, b| newest(b, a)),
            "amount" => {
                cobro_core::order::sort_by(&mut order, |a, b| b.total.cmp(&a.total).then(newest(a, b)))
            }
            "client" => cobro_core::order::sort_by(&mut order, |a, b| {
                a.client_key.cmp(&b.client_key).then(newest(a, b))
            }),
            _ => cobro_core::order::sort_by(&mut order, |a, b| newest(a, b)),
        }
        let order: Vec<Arc<ListRow>> = order.into_iter().cloned().collect();
        ListRows(Arc::new(order))
    });
    let rows = Memo::new_with_compare(
        move |_| {
            let needle = text.get().trim().to_lowercase();
            let st = status_filter.get();
            let cl = client_filter.get();
            let day = |s: String| fields::date(&s);
            let (from, to) = (day(date_from.get()), day(date_to.get()));
            sorted.with(|order| {
                order
                    .0
                    .iter()
                    .filter(|r| {
                        (st.is_empty() || st == invoicing::status_slug(r.status))
                            && (cl.is_empty() || cl == r.client_id)
                            && (needle.is_empty() || r.haystack.contains(&needle))
                            && from.is_none_or(|f| r.issue_date >= f)
                            && to.is_none_or(|t| r.issue_date <= t)
                    })
                    .cloned()
                    .collect::<Vec<_>>()
            })
        },
        rows_changed,
    );
    // The list below is rebuilt only when this flips, and updated row by row otherwise.
    let empty = Memo::new(move |_| rows.with(Vec::is_empty));
    let by_currency = Memo::new(move |_| {
        let mut by_cur: BTreeMap<String, Decimal> = BTreeMap::new();
        rows.with(|rows| {
            for r in rows {
                *by_cur.entry(r.currency.clone()).or_default() += r.total.unwrap_or_default();
            }
        });
        by_cur
    });
    // For tests and assistive tooling: "EUR=1234.50;USD=10.00".
    let sums_data = move || {
        by_currency
            .get()
            .into_iter()
            .map(|(c, d)| format!("{c}={d}"))
            .collect::<Vec<_>>()
            .join(";")
    };
    let sums = move || {
        let lang = i18n.lang.get();
        by_currency
            .get()
            .into_iter()
            .map(|(c, d)| format_amount(d, &c, lang))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let clients = move || app.read(|d| d.clients.clone());
    view! {
        <Page title=Signal::derive(move || crate::i18n::texts(i18n.lang.get()).nav_invoices) id="invoices">
            <div class="toolbar">
                <a class="button" id="new-invoice" href="#/invoices/new">{tr(|t| t.new_invoice)}</a>
            </div>
            <div class="filters">
                <label class="field">
                    <span class="field-label">{tr(|t| t.status)}</span>
                    <select id="filter-status" on:change=move |ev| status_filter.set(event_target_value(&ev))>
                        <option value="">{tr(|t| t.all)}</option>
                        {move || {
                            let lang = i18n.lang.get();
                            invoicing::STATUSES
                                .map(|s| view! { <option value=invoicing::status_slug(s)>{invoicing::status(s, lang)}</option> })
                                .collect_view()
                        }}
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">{tr(|t| t.client)}</span>
                    <select id="filter-client" on:change=move |ev| client_filter.set(event_target_value(&ev))>
                        <option value="">{tr(|t| t.all)}</option>
                        {move || clients().into_iter().map(|c| view! { <option value=c.id.clone()>{c.legal_name.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <Field label=tr(|t| t.text_filter) value=text id="filter-text" kind="search" />
                <Field label=tr(|t| t.date_from) value=date_from id="filter-from" kind="date" />
                <Field label=tr(|t| t.date_to) value=date_to id="filter-to" kind="date" />
                <label class="field">
                    <span class="field-label">{tr(|t| t.sort_by)}</span>
                    <select id="sort-by" on:change=move |ev| sort.set(event_target_value(&ev))>
                        <option value="number">{tr(|t| t.sort_number)}</option>
                        <option value="oldest">{tr(|t| t.sort_oldest)}</option>
                        <option value="amount">{tr(|t| t.sort_amount)}</option>
                        <option value="client">{tr(|t| t.sort_client)}</option>
                    </select>
                </label>
            </div>
            <p class="shown-total" id="shown-total" data-amounts=sums_data>{tr(|t| t.shown_total)} ": " <strong>{sums}</strong></p>
            {move || {
                let lang = i18n.lang.get();
                let t = invoicing::texts(lang);
                if empty.get() {
                    return view! { <p class="empty">{t.invoices_empty}</p> }.into_any();
                }
                view! {
                    <ul class="doc-list" id="invoice-list">
                        <For
                            each=move || rows.with(|r| r.iter().take(limit.get()).cloned().collect::<Vec<_>>())
                            key=|r| Arc::as_ptr(r) as usize
                            children=move |r| {
                                let href = if r.number.is_some() {
                                    format!("#/invoices/{}", r.id)
                                } else {
                                    format!("#/invoices/{}/edit", r.id)
                                };
                                let number = r.number.clone().unwrap_or_else(|| t.draft.to_string());
                                let amount = r.total.map(|d| format_amount(d, &r.currency, lang)).unwrap_or_default();
                                view! {
                                    <li
                                        class="doc-row"
                                        data-invoice=r.id.clone()
                                        data-status=invoicing::status_slug(r.status)
                                        data-date=r.issue_date.to_string()
                                        data-amount=r.total.map(|d| d.to_string()).unwrap_or_default()
                                        data-client=r.client.clone()
                                    >
                                        <a href=href>
                                            <span class="doc-row-number">{number}</span>
                                            <span class="doc-row-client">{r.client.clone()}</span>
                                            <span class="doc-row-date">{invoicing::date(r.issue_date, lang)}</span>
                                            <span class="doc-row-status">{invoicing::status(r.status, lang)}</span>
                                            <span class="doc-row-amount">{amount}</span>
                                        </a>
                                    </li>
                                }
                            }
                        />
                    </ul>
                    <When when=move || { rows.with(Vec::len) > limit.get() }>
                        <p class="list-more">
                            <span id="list-count" data-shown=move || limit.get().min(rows.with(Vec::len)) data-total=move || rows.with(Vec::len)>
                                {move || format!("{} / {}", limit.get().min(rows.with(Vec::len)), rows.with(Vec::len))}
                            </span>
                            " "
                            <button type="button" class="secondary" id="show-more" on:click=move |_| limit.update(|l| *l += LIST_PAGE)>
                                {tr(|t| t.show_more)}
                            </button>
                        </p>
                    </When>
                }
                .into_any()
            }}
        </Page>
    }
}
