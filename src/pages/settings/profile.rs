//! The business profile printed as the seller on every document: name, tax id, address,
//! contact and logo. Each refused value is said at its field.

use crate::components::forms::{
    save_form, AddressFields, AddressInputs, CheckedField, Problems, SaveOutcome,
};
use crate::components::invoicing::fields::tr;
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::state::use_app;
use cobro_core::forms::{AddressInput, ProfileInput};
use cobro_core::validity::{Invalid, Text};
use cobro_core::BusinessProfile;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The image types a logo may be; all are shown by browsers and printers alike.
const LOGO_TYPES: [&str; 3] = ["image/png", "image/jpeg", "image/svg+xml"];
/// A logo travels inside every backup and invoice view: keep it small.
const LOGO_MAX_BYTES: f64 = 200.0 * 1024.0;

#[component]
pub(super) fn ProfileForm(profile: BusinessProfile) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let p = profile;
    let name = RwSignal::new(p.name.clone());
    let tax_id = RwSignal::new(p.tax_id.clone());
    let address = AddressFields::new(AddressInput::from_address(&p.address));
    let email = RwSignal::new(p.email.clone());
    let phone = RwSignal::new(p.phone.clone());
    let problems = Problems::new();
    let message = RwSignal::new(None::<String>);
    let logo = RwSignal::new(p.logo_data_url.clone());
    let logo_error = RwSignal::new(None::<fn(&invoicing::T) -> &'static str>);
    let pick_logo = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let refuse = |why: fn(&invoicing::T) -> &'static str| {
            logo_error.set(Some(why));
            input.set_value("");
        };
        if !LOGO_TYPES.contains(&file.type_().as_str()) {
            return refuse(|t| t.logo_wrong_type);
        }
        if file.size() > LOGO_MAX_BYTES {
            return refuse(|t| t.logo_too_big);
        }
        let Ok(reader) = web_sys::FileReader::new() else {
            return refuse(|t| t.logo_unreadable);
        };
        let done = reader.clone();
        let onload = Closure::once_into_js(move || match done.result().ok().and_then(|v| v.as_string()) {
            Some(url) => {
                logo.set(Some(url));
                logo_error.set(None);
            }
            None => logo_error.set(Some(|t| t.logo_unreadable)),
        });
        reader.set_onload(Some(onload.unchecked_ref()));
        if reader.read_as_data_url(&file).is_err() {
            refuse(|t| t.logo_unreadable);
        }
    };
    let old = StoredValue::new(p);
    // The core builds the profile from what is typed (the logo chosen apart), every problem at
    // its field.
    let build = move || -> Result<BusinessProfile, Invalid> {
        let input = ProfileInput {
            name: name.get_untracked(),
            tax_id: tax_id.get_untracked(),
            address: address.input(),
            email: email.get_untracked(),
            phone: phone.get_untracked(),
        };
        let old = BusinessProfile {
            logo_data_url: logo.get_untracked(),
            ..old.get_value()
        };
        input.build(&old, clock::now(), clock::today())
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        message.set(None);
        let profile = match build() {
            Ok(p) => {
                problems.clear();
                p
            }
            Err(invalid) => {
                problems.show(invalid);
                return;
            }
        };
        save_form(
            app,
            problems,
            lang,
            move |db| async move { db.save_profile(&profile).await },
            move || {
                message.try_set(Some(invoicing::texts(lang).saved.into()));
            },
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
        <form class="form" id="settings-form" on:submit=save novalidate>
            <fieldset>
                <legend>{tr(|t| t.profile)}</legend>
                <CheckedField label=tr(|t| t.business_name) value=name id="set-name" path="name" problems=problems required=true limit=Text::Name />
                {field(|t| t.tax_id, tax_id, "set-tax-id", "tax_id", Text::TaxId)}
                <AddressInputs fields=address prefix="set" problems=problems />
                <CheckedField label=tr(|t| t.email) value=email id="set-email" path="email" problems=problems kind="email" limit=Text::Email />
                <CheckedField label=tr(|t| t.phone) value=phone id="set-phone" path="phone" problems=problems kind="tel" limit=Text::Phone />
                <div class="logo-field">
                    <label class="field">
                        <span class="field-label">{tr(|t| t.logo)}</span>
                        <input type="file" id="set-logo" accept="image/png,image/jpeg,image/svg+xml" on:change=pick_logo />
                    </label>
                    {move || logo.get().filter(|u| cobro_core::document::is_inline_image(u)).map(|url| view! {
                        <img class="logo-preview" id="logo-preview" src=url alt=move || name.get() />
                        <button type="button" class="secondary" id="logo-remove" on:click=move |_| logo.set(None)>{tr(|t| t.logo_remove)}</button>
                    })}
                    {move || logo_error.get().map(|why| view! {
                        <p class="form-error" role="alert" id="logo-error">{move || why(invoicing::texts(i18n.lang.get()))}</p>
                    })}
                </div>
            </fieldset>
            <SaveOutcome problems=problems saved=message error_id="settings-error" saved_id="settings-saved" />
            <div class="actions">
                <button type="submit" id="settings-save">{tr(|t| t.save)}</button>
            </div>
        </form>
    }
}
