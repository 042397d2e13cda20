//! The client form: identity, the accounts-payable contact and the payment instructions
//! the client gave, terms, currency and language. Each refused value is said at its field.

use crate::components::forms::{save_form, CheckedArea, CheckedField, Problems};
use crate::components::invoicing::fields::{self, tr, Check};
use crate::components::page::Page;
use crate::components::with_data::WithData;
use crate::i18n::{corrections, invoicing, use_i18n};
use crate::platform::clock;
use crate::platform::route::navigate;
use crate::state::use_app;
use crate::storage::new_id;
use cobro_core::money;
use cobro_core::{Address, Client, Dataset, Lang};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub(super) fn ClientEditor(id: Option<String>) -> impl IntoView {
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
        archived: false,
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
    let problems = Problems::new();
    let base = StoredValue::new(base);
    let title = if id.is_some() {
        tr(|t| t.clients_edit_title)
    } else {
        tr(|t| t.clients_new_title)
    };

    // Every problem at its field at once.
    let build = move |lang: Lang| -> Result<Client, Vec<(String, String)>> {
        let t = invoicing::texts(lang);
        let mut found: Vec<(String, String)> = Vec::new();
        let mut at = |path: &str, message: String| found.push((path.to_string(), message));
        if legal_name.get_untracked().trim().is_empty() {
            at("legal_name", corrections::texts(lang).required.into());
        }
        let terms_days = fields::days(t.payment_terms_days, &terms.get_untracked(), lang)
            .map_err(|e| at("payment_terms_days", e))
            .ok();
        let currency = money::parse_currency(&currency.get_untracked())
            .map_err(|e| at("currency", invoicing::money_error(&e, lang)))
            .ok();
        let limit = credit_limit.get_untracked();
        let credit_limit = if limit.trim().is_empty() {
            Some(None)
        } else {
            fields::number(t.credit_limit, &limit, lang)
                .map_err(|e| at("credit_limit", e))
                .ok()
                .map(Some)
        };
        let (Some(terms_days), Some(currency), Some(credit_limit)) = (terms_days, currency, credit_limit)
        else {
            return Err(found);
        };
        if !found.is_empty() {
            return Err(found);
        }
        let base = base.get_value();
        Ok(Client {
            legal_name: legal_name.get_untracked().trim().into(),
            tax_id: tax_id.get_untracked().trim().into(),
            address: Address {
                street: street.get_untracked().trim().into(),
                postal_code: postal.get_untracked().trim().into(),
                city: city.get_untracked().trim().into(),
                country: country.get_untracked().trim().to_uppercase(),
                ..base.address.clone()
            },
            ap_contact_name: ap_name.get_untracked().trim().into(),
            ap_contact_email: ap_email.get_untracked().trim().into(),
            ap_contact_phone: ap_phone.get_untracked().trim().into(),
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
        let client = match build(lang) {
            Ok(c) => c,
            Err(found) => {
                problems.set(found);
                return;
            }
        };
        problems.clear();
        let id = client.id.clone();
        save_form(
            app,
            problems,
            lang,
            move |db| async move { db.save(&client).await },
            move || navigate(&format!("#/clients/{id}")),
        );
    };
    let field = move |label: fn(&invoicing::T) -> &'static str,
                      value: RwSignal<String>,
                      id: &'static str,
                      path: &'static str| {
        view! { <CheckedField label=tr(label) value=value id=id path=path problems=problems /> }
    };

    view! {
        <Page title=title id="client-edit">
            <form class="form" id="client-form" on:submit=save novalidate>
                <fieldset>
                    <CheckedField label=tr(|t| t.legal_name) value=legal_name id="client-name" path="legal_name" problems=problems required=true />
                    {field(|t| t.tax_id, tax_id, "client-tax-id", "tax_id")}
                    {field(|t| t.street, street, "client-street", "address.street")}
                    {field(|t| t.postal_code, postal, "client-postal", "address.postal_code")}
                    {field(|t| t.city, city, "client-city", "address.city")}
                    {field(|t| t.country, country, "client-country", "address.country")}
                </fieldset>
                <fieldset>
                    {field(|t| t.ap_contact_name, ap_name, "client-ap-name", "ap_contact_name")}
                    <CheckedField label=tr(|t| t.ap_contact_email) value=ap_email id="client-ap-email" path="ap_contact_email" problems=problems kind="email" />
                    <CheckedField label=tr(|t| t.ap_contact_phone) value=ap_phone id="client-ap-phone" path="ap_contact_phone" problems=problems kind="tel" />
                    <CheckedArea label=tr(|t| t.billing_instructions) value=instructions id="client-instructions" path="billing_instructions" problems=problems />
                    <Check label=tr(|t| t.po_required) value=po_required id="client-po-required" />
                </fieldset>
                <fieldset>
                    <CheckedField label=tr(|t| t.payment_terms_days) value=terms id="client-terms" path="payment_terms_days" problems=problems inputmode="numeric" />
                    {field(|t| t.currency, currency, "client-currency", "currency")}
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
                    <CheckedField label=tr(|t| t.credit_limit) value=credit_limit id="client-credit-limit" path="credit_limit" problems=problems inputmode="decimal" />
                    <CheckedArea label=tr(|t| t.notes) value=notes id="client-notes" path="notes" problems=problems />
                </fieldset>
                {move || problems.at("").map(|m| view! { <p class="form-error" role="alert" id="client-error">{m}</p> })}
                {move || (!problems.is_empty() && problems.at("").is_none()).then(|| view! {
                    <p class="form-error" role="alert" id="client-error">{move || corrections::texts(i18n.lang.get()).check_fields}</p>
                })}
                <div class="actions">
                    <button type="submit" id="client-save">{tr(|t| t.save)}</button>
                    <a class="button secondary" href="#/clients">{tr(|t| t.cancel)}</a>
                </div>
            </form>
        </Page>
    }
}
