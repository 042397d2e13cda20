//! Clients: the searchable list with what each owes (`#/clients`), the form
//! (`#/clients/new`, `#/clients/<id>/edit`) with the payment instructions the
//! client gave, and the whole relationship on one page (`#/clients/<id>`).

use crate::components::invoicing::fields::{self, tr, Area, Check, Field};
use crate::components::more::{ShowMore, LIST_PAGE};
use crate::components::page::Page;
use crate::components::when::When;
use crate::components::with_data::WithData;
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::platform::route::{navigate, use_rest};
use crate::state::use_app;
use crate::storage::new_id;
use chrono::Days;
use cobro_core::ledger::Ledger;
use cobro_core::money::{self, format_amount};
use cobro_core::report::{self, ClientStats, PerCurrency, Period};
use cobro_core::{Address, Client, Dataset, Lang};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;
use std::sync::Arc;

#[component]
pub fn ClientsPage() -> impl IntoView {
    let rest = use_rest();
    move || {
        let rest = rest.get();
        match rest.as_slice() {
            [new] if new == "new" => view! { <ClientEditor id=None /> }.into_any(),
            [id, edit] if edit == "edit" => view! { <ClientEditor id=Some(id.clone()) /> }.into_any(),
            [id] => view! { <ClientView id=id.clone() /> }.into_any(),
            _ => view! { <ClientList /> }.into_any(),
        }
    }
}

/// Per-client figures over the last year, as of today.
fn stats(data: &Dataset) -> BTreeMap<String, ClientStats> {
    let today = clock::today();
    let from = today.checked_sub_days(Days::new(365)).unwrap_or(today);
    let ledger = Ledger::new(data);
    let mut by_id = BTreeMap::new();
    if let Ok(r) = report::report(&ledger, today, Period { from, to: today }) {
        // Inserted one by one: `collect` into a map would sort first, with one more
        // copy of the sort routine in the download for this one element type.
        for c in r.clients {
            by_id.insert(c.client_id.to_string(), c);
        }
    }
    by_id
}

fn amounts(map: &PerCurrency, lang: Lang) -> String {
    if map.is_empty() {
        return "—".into();
    }
    map.iter()
        .map(|(c, d)| format_amount(*d, c, lang))
        .collect::<Vec<_>>()
        .join(" · ")
}

#[component]
fn ClientList() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let search = RwSignal::new(String::new());
    let shown = RwSignal::new(LIST_PAGE);
    let total = RwSignal::new(0usize);
    let figures = Memo::new(move |_| app.data.with(|d| d.as_deref().map(stats).unwrap_or_default()));
    view! {
        <Page title=Signal::derive(move || crate::i18n::texts(i18n.lang.get()).nav_clients) id="clients">
            <div class="toolbar">
                <a class="button" id="new-client" href="#/clients/new">{tr(|t| t.new_client)}</a>
            </div>
            <Field label=tr(|t| t.search) value=search id="client-search" kind="search" />
            {move || {
                let lang = i18n.lang.get();
                let t = invoicing::texts(lang);
                let needle = search.get().trim().to_lowercase();
                let mut clients: Vec<Client> = app
                    .data
                    .with(|d| d.as_ref().map(|d| d.clients.clone()).unwrap_or_default())
                    .into_iter()
                    .filter(|c| {
                        needle.is_empty()
                            || c.legal_name.to_lowercase().contains(&needle)
                            || c.tax_id.to_lowercase().contains(&needle)
                    })
                    .collect();
                cobro_core::order::sort_by_key(&mut clients, |c| c.legal_name.to_lowercase());
                total.set(clients.len());
                if clients.is_empty() {
                    return view! { <p class="empty">{crate::i18n::texts(lang).clients_empty}</p> }.into_any();
                }
                let figs = figures.get();
                view! {
                    <ul class="doc-list" id="client-list">
                        {clients
                            .into_iter()
                            .take(shown.get())
                            .map(|c| {
                                let f = figs.get(&c.id);
                                let outstanding = f.map(|f| amounts(&f.outstanding, lang)).unwrap_or_else(|| "—".into());
                                let overdue = f.map(|f| amounts(&f.overdue, lang)).unwrap_or_else(|| "—".into());
                                view! {
                                    <li class="doc-row" data-client=c.id.clone()>
                                        <a href=format!("#/clients/{}", c.id)>
                                            <span class="doc-row-number">{c.legal_name.clone()}</span>
                                            <span class="doc-row-client">{c.tax_id.clone()}</span>
                                            <span class="doc-row-amount">{t.outstanding} ": " {outstanding}</span>
                                            <span class="doc-row-status">{t.overdue} ": " {overdue}</span>
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <ShowMore shown=shown total=total id="client-list" />
        </Page>
    }
}

#[component]
fn ClientEditor(id: Option<String>) -> impl IntoView {
    view! { <WithData child=move |data| view! { <ClientForm data=data id=id.clone() /> } /> }
}

#[component]
fn ClientForm(data: Arc<Dataset>, id: Option<String>) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let existing = id
        .as_ref()
        .and_then(|id| data.clients.iter().find(|c| &c.id == id).cloned());
    let s = &data.settings;
    let base = existing.unwrap_or_else(|| Client {
        id: new_id(),
        legal_name: String::new(),
        tax_id: String::new(),
        address: Address {
            country: "ES".into(),
            ..Address::default()
        },
        ap_contact_name: String::new(),
        ap_contact_email: String::new(),
        ap_contact_phone: String::new(),
        billing_instructions: String::new(),
        po_required: false,
        payment_terms_days: s.default_payment_terms_days,
        preferred_payment_method_ids: Vec::new(),
        currency: s.default_currency.clone(),
        language: s.language,
        credit_limit: None,
        notes: String::new(),
        policy_override: None,
        updated_at: clock::now(),
    });
    let legal_name = RwSignal::new(base.legal_name.clone());
    let tax_id = RwSignal::new(base.tax_id.clone());
    let street = RwSignal::new(base.address.street.clone());
    let postal = RwSignal::new(base.address.postal_code.clone());
    let city = RwSignal::new(base.address.city.clone());
    let country = RwSignal::new(base.address.country.clone());
    let ap_name = RwSignal::new(base.ap_contact_name.clone());
    let ap_email = RwSignal::new(base.ap_contact_email.clone());
    let ap_phone = RwSignal::new(base.ap_contact_phone.clone());
    let instructions = RwSignal::new(base.billing_instructions.clone());
    let po_required = RwSignal::new(base.po_required);
    let terms = RwSignal::new(base.payment_terms_days.to_string());
    let currency = RwSignal::new(base.currency.clone());
    let language = RwSignal::new(base.language);
    let credit_limit = RwSignal::new(base.credit_limit.map(fields::show).unwrap_or_default());
    let notes = RwSignal::new(base.notes.clone());
    let error = RwSignal::new(None::<String>);
    let base = StoredValue::new(base);
    let title = if id.is_some() {
        tr(|t| t.clients_edit_title)
    } else {
        tr(|t| t.clients_new_title)
    };

    let build = move |lang: Lang| -> Result<Client, String> {
        let t = invoicing::texts(lang);
        if legal_name.get_untracked().trim().is_empty() {
            return Err(t.legal_name_required.into());
        }
        let terms_days = fields::days(t.payment_terms_days, &terms.get_untracked(), lang)?;
        let currency =
            money::parse_currency(&currency.get_untracked()).map_err(|e| invoicing::money_error(&e, lang))?;
        let limit = credit_limit.get_untracked();
        let credit_limit = if limit.trim().is_empty() {
            None
        } else {
            Some(fields::number(t.credit_limit, &limit, lang)?)
        };
        let base = base.get_value();
        Ok(Client {
            legal_name: legal_name.get_untracked().trim().into(),
            tax_id: tax_id.get_untracked().trim().into(),
            address: Address {
                street: street.get_untracked(),
                postal_code: postal.get_untracked(),
                city: city.get_untracked(),
                country: country.get_untracked().trim().to_uppercase(),
                ..base.address.clone()
            },
            ap_contact_name: ap_name.get_untracked(),
            ap_contact_email: ap_email.get_untracked(),
            ap_contact_phone: ap_phone.get_untracked(),
            billing_instructions: instructions.get_untracked(),
            po_required: po_required.get_untracked(),
            payment_terms_days: terms_days,
            currency,
            language: language.get_untracked(),
            credit_limit,
            notes: notes.get_untracked(),
            updated_at: clock::now(),
            ..base
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let built = build(lang);
        let client = match built {
            Ok(c) => c,
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        error.set(None);
        spawn_local(async move {
            let result = async {
                let db = app.db().await.map_err(|e| e.to_string())?;
                db.save(&client).await.map_err(|e| invoicing::op_error(&e, lang))
            }
            .await;
            match result {
                Ok(()) => {
                    navigate(&format!("#/clients/{}", client.id));
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };

    view! {
        <Page title=title id="client-edit">
            <form class="form" id="client-form" on:submit=save novalidate>
                <fieldset>
                    <Field label=tr(|t| t.legal_name) value=legal_name id="client-name" required=true />
                    <Field label=tr(|t| t.tax_id) value=tax_id id="client-tax-id" />
                    <Field label=tr(|t| t.street) value=street id="client-street" />
                    <Field label=tr(|t| t.postal_code) value=postal id="client-postal" />
                    <Field label=tr(|t| t.city) value=city id="client-city" />
                    <Field label=tr(|t| t.country) value=country id="client-country" />
                </fieldset>
                <fieldset>
                    <Field label=tr(|t| t.ap_contact_name) value=ap_name id="client-ap-name" />
                    <Field label=tr(|t| t.ap_contact_email) value=ap_email id="client-ap-email" kind="email" />
                    <Field label=tr(|t| t.ap_contact_phone) value=ap_phone id="client-ap-phone" kind="tel" />
                    <Area label=tr(|t| t.billing_instructions) value=instructions id="client-instructions" />
                    <Check label=tr(|t| t.po_required) value=po_required id="client-po-required" />
                </fieldset>
                <fieldset>
                    <Field label=tr(|t| t.payment_terms_days) value=terms id="client-terms" inputmode="numeric" />
                    <Field label=tr(|t| t.currency) value=currency id="client-currency" />
                    <label class="field">
                        <span class="field-label">{tr(|t| t.language)}</span>
                        <select
                            id="client-language"
                            on:change=move |ev| language.set(if event_target_value(&ev) == "en" { Lang::En } else { Lang::Es })
                        >
                            <option value="es" prop:selected=move || language.get() == Lang::Es>"Español"</option>
                            <option value="en" prop:selected=move || language.get() == Lang::En>"English"</option>
                        </select>
                    </label>
                    <Field label=tr(|t| t.credit_limit) value=credit_limit id="client-credit-limit" inputmode="decimal" />
                    <Area label=tr(|t| t.notes) value=notes id="client-notes" />
                </fieldset>
                <When when=move || error.with(Option::is_some)>
                    <p class="form-error" role="alert" id="client-error">{move || error.get().unwrap_or_default()}</p>
                </When>
                <div class="actions">
                    <button type="submit" id="client-save">{tr(|t| t.save)}</button>
                    <a class="button secondary" href="#/clients">{tr(|t| t.cancel)}</a>
                </div>
            </form>
        </Page>
    }
}

#[component]
fn ClientView(id: String) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
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
                    .map(|d| format!("{} {}", d.round_dp(1).normalize(), t.days))
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
                        view! {
                            <li>{invoicing::date(p.date, lang)} " · " {format_amount(p.amount, &cur, lang)} " · " {number_of(&p.invoice_id)}</li>
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
                        <div class="actions">
                            <a class="button" id="edit-client" href=format!("#/clients/{}/edit", c.id)>{t.edit}</a>
                            <a class="button secondary" href="#/invoices/new">{t.new_invoice}</a>
                        </div>
                    </div>
                    {section(t.invoices, "client-invoices", no_invoices, invoice_rows.into_any())}
                    {section(t.quotes, "client-quotes", no_quotes, quote_rows.into_any())}
                    {section(t.payments, "client-payments", no_payments, payment_rows.into_any())}
                    {section(t.contacts, "client-contacts", no_contacts, contact_rows.into_any())}
                    <crate::pages::recurring::client::ClientSchedules client_id=c.id.clone() />
                }.into_any())
            }}
        </Page>
    }
}
