//! The client form: identity, the accounts-payable contact and the payment instructions
//! the client gave, terms, currency and language. Each refused value is said at its field.

use crate::components::forms::{
    save_form, AddressFields, AddressInputs, CheckedArea, CheckedField, Problems, SaveOutcome,
};
use crate::components::invoicing::fields::{tr, Check};
use crate::components::page::Page;
use crate::components::with_data::WithData;
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::platform::route::navigate;
use crate::state::use_app;
use crate::storage::new_id;
use cobro_core::forms::ClientInput;
use cobro_core::validity::{Invalid, Text};
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
    let existing_is_none = existing.is_none();
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
    let is_new = existing_is_none;
    let input0 = ClientInput::from_client(&base, i18n.lang.get_untracked());
    let legal_name = RwSignal::new(input0.legal_name);
    let tax_id = RwSignal::new(input0.tax_id);
    let address = AddressFields::new(input0.address);
    let ap_name = RwSignal::new(input0.ap_contact_name);
    let ap_email = RwSignal::new(input0.ap_contact_email);
    let ap_phone = RwSignal::new(input0.ap_contact_phone);
    let instructions = RwSignal::new(input0.billing_instructions);
    let po_required = RwSignal::new(input0.po_required);
    let terms = RwSignal::new(input0.payment_terms_days);
    let currency = RwSignal::new(input0.currency);
    let language = RwSignal::new(input0.language);
    let credit_limit = RwSignal::new(input0.credit_limit);
    let notes = RwSignal::new(input0.notes);
    let problems = Problems::new();
    // A saved client opens its page: nothing to say here once saved.
    let saved = RwSignal::new(None::<String>);
    let base = StoredValue::new(base);
    let title = if id.is_some() {
        tr(|t| t.clients_edit_title)
    } else {
        tr(|t| t.clients_new_title)
    };

    // The core builds the client from what is typed, with every problem at its field.
    let build = move || -> Result<Client, Invalid> {
        let input = ClientInput {
            legal_name: legal_name.get_untracked(),
            tax_id: tax_id.get_untracked(),
            address: address.input(),
            ap_contact_name: ap_name.get_untracked(),
            ap_contact_email: ap_email.get_untracked(),
            ap_contact_phone: ap_phone.get_untracked(),
            billing_instructions: instructions.get_untracked(),
            po_required: po_required.get_untracked(),
            payment_terms_days: terms.get_untracked(),
            currency: currency.get_untracked(),
            language: language.get_untracked(),
            credit_limit: credit_limit.get_untracked(),
            notes: notes.get_untracked(),
        };
        base.with_value(|b| input.build(b, is_new, clock::now(), clock::today()))
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let client = match build() {
            Ok(c) => c,
            Err(invalid) => {
                problems.show(invalid);
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
                      path: &'static str,
                      limit: Text| {
        view! { <CheckedField label=tr(label) value=value id=id path=path problems=problems limit=limit /> }
    };

    view! {
        <Page title=title id="client-edit">
            <form class="form" id="client-form" on:submit=save novalidate>
                <fieldset>
                    <CheckedField label=tr(|t| t.legal_name) value=legal_name id="client-name" path="legal_name" problems=problems required=true limit=Text::Name />
                    {field(|t| t.tax_id, tax_id, "client-tax-id", "tax_id", Text::TaxId)}
                    <AddressInputs fields=address prefix="client" problems=problems />
                </fieldset>
                <fieldset>
                    {field(|t| t.ap_contact_name, ap_name, "client-ap-name", "ap_contact_name", Text::Person)}
                    <CheckedField label=tr(|t| t.ap_contact_email) value=ap_email id="client-ap-email" path="ap_contact_email" problems=problems kind="email" limit=Text::Email />
                    <CheckedField label=tr(|t| t.ap_contact_phone) value=ap_phone id="client-ap-phone" path="ap_contact_phone" problems=problems kind="tel" limit=Text::Phone />
                    <CheckedArea label=tr(|t| t.billing_instructions) value=instructions id="client-instructions" path="billing_instructions" problems=problems limit=Text::Note />
                    <Check label=tr(|t| t.po_required) value=po_required id="client-po-required" />
                </fieldset>
                <fieldset>
                    <CheckedField label=tr(|t| t.payment_terms_days) value=terms id="client-terms" path="payment_terms_days" problems=problems inputmode="numeric" />
                    <CheckedField label=tr(|t| t.currency) value=currency id="client-currency" path="currency" problems=problems />
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
                    <CheckedArea label=tr(|t| t.notes) value=notes id="client-notes" path="notes" problems=problems limit=Text::Note />
                </fieldset>
                <SaveOutcome problems=problems saved=saved error_id="client-error" saved_id="client-saved" />
                <div class="actions">
                    <button type="submit" id="client-save">{tr(|t| t.save)}</button>
                    <a class="button secondary" href="#/clients">{tr(|t| t.cancel)}</a>
                </div>
            </form>
        </Page>
    }
}
