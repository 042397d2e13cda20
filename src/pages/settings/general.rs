//! The general settings form: business profile and logo, defaults of new documents
//! and the collection policy's offsets, saved together.

use crate::components::invoicing::fields::{self, tr, Check, Field};
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::state::use_app;
use cobro_core::money;
use cobro_core::{Address, AppSettings, BusinessProfile, CollectionPolicy, Dataset, Lang, VatRate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

fn days_i64(label: &str, s: &str, lang: Lang) -> Result<i64, String> {
    fields::days(label, s, lang).map(i64::from)
}

#[component]
pub(super) fn SettingsForm(data: Arc<Dataset>) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let p = data.profile.clone();
    let s = data.settings.clone();
    let name = RwSignal::new(p.name.clone());
    let tax_id = RwSignal::new(p.tax_id.clone());
    let street = RwSignal::new(p.address.street.clone());
    let postal = RwSignal::new(p.address.postal_code.clone());
    let city = RwSignal::new(p.address.city.clone());
    let country = RwSignal::new(p.address.country.clone());
    let email = RwSignal::new(p.email.clone());
    let phone = RwSignal::new(p.phone.clone());
    let currency = RwSignal::new(s.default_currency.clone());
    let terms = RwSignal::new(s.default_payment_terms_days.to_string());
    let vat = RwSignal::new(match &s.default_vat {
        VatRate::Rate(r) => r.normalize().to_string(),
        VatRate::Exempt(_) => "0".into(),
    });
    let withholding = RwSignal::new(fields::show(s.default_withholding_pct));
    let pol = &s.policy;
    let receipt = RwSignal::new(pol.receipt_check_after_send.to_string());
    let pre_due = RwSignal::new(pol.pre_due_before_due.to_string());
    let due_day = RwSignal::new(pol.due_day_reminder);
    let reminders = RwSignal::new(
        pol.reminders_after_due
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    );
    let letter = RwSignal::new(pol.formal_letter_after_due.to_string());
    let escalation = RwSignal::new(pol.escalation_after_due.to_string());
    let promise = RwSignal::new(pol.promise_check_after.to_string());
    let weekends = RwSignal::new(pol.shift_weekends_to_monday);
    let language = RwSignal::new(s.language);
    let message = RwSignal::new(None::<Result<String, String>>);
    let logo = RwSignal::new(p.logo_data_url.clone());
    let logo_error = RwSignal::new(None::<fn(&invoicing::T) -> &'static str>);
    let (profile0, settings0) = (StoredValue::new(p), StoredValue::new(s));
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

    let build = move |lang: Lang, now: cobro_core::Stamp| -> Result<(BusinessProfile, AppSettings), String> {
        let t = invoicing::texts(lang);
        if name.get_untracked().trim().is_empty() {
            return Err(t.name_required.into());
        }
        let profile = BusinessProfile {
            name: name.get_untracked().trim().into(),
            tax_id: tax_id.get_untracked().trim().into(),
            address: Address {
                street: street.get_untracked(),
                postal_code: postal.get_untracked(),
                city: city.get_untracked(),
                country: country.get_untracked().trim().to_uppercase(),
                ..profile0.get_value().address
            },
            email: email.get_untracked().trim().into(),
            phone: phone.get_untracked().trim().into(),
            logo_data_url: logo.get_untracked(),
            updated_at: Some(now),
        };
        let reminders_after_due = reminders
            .get_untracked()
            .split(',')
            .filter(|x| !x.trim().is_empty())
            .map(|x| days_i64(t.reminders_after_due, x, lang))
            .collect::<Result<Vec<_>, _>>()?;
        let policy = CollectionPolicy {
            receipt_check_after_send: days_i64(t.receipt_check_after_send, &receipt.get_untracked(), lang)?,
            pre_due_before_due: days_i64(t.pre_due_before_due, &pre_due.get_untracked(), lang)?,
            due_day_reminder: due_day.get_untracked(),
            reminders_after_due,
            formal_letter_after_due: days_i64(t.formal_letter_after_due, &letter.get_untracked(), lang)?,
            escalation_after_due: days_i64(t.escalation_after_due, &escalation.get_untracked(), lang)?,
            promise_check_after: days_i64(t.promise_check_after, &promise.get_untracked(), lang)?,
            shift_weekends_to_monday: weekends.get_untracked(),
        };
        let settings = AppSettings {
            language: language.get_untracked(),
            default_currency: money::parse_currency(&currency.get_untracked())
                .map_err(|e| invoicing::money_error(&e, lang))?,
            default_payment_terms_days: fields::days(t.default_terms, &terms.get_untracked(), lang)?,
            default_vat: VatRate::Rate(fields::number(t.default_vat, &vat.get_untracked(), lang)?),
            default_withholding_pct: money::check_percent(
                "withholding",
                fields::number_or_zero(t.default_withholding, &withholding.get_untracked(), lang)?,
            )
            .map_err(|e| invoicing::money_error(&e, lang))?,
            policy,
            updated_at: Some(now),
            ..settings0.get_value()
        };
        Ok((profile, settings))
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let now = clock::now();
        let built = build(lang, now);
        let (profile, settings) = match built {
            Ok(x) => x,
            Err(e) => {
                message.set(Some(Err(e)));
                return;
            }
        };
        let ui_lang = settings.language;
        spawn_local(async move {
            let result = async {
                let db = app.db().await.map_err(|e| e.to_string())?;
                db.save_profile(&profile)
                    .await
                    .map_err(|e| crate::i18n::storage_message(&e, lang))?;
                db.save_settings(&settings)
                    .await
                    .map_err(|e| crate::i18n::storage_message(&e, lang))
            }
            .await;
            match result {
                Ok(()) => {
                    i18n.set(ui_lang);
                    message.try_set(Some(Ok(invoicing::texts(ui_lang).saved.into())));
                }
                Err(e) => {
                    message.try_set(Some(Err(e)));
                }
            }
        });
    };

    view! {
        <form class="form" id="settings-form" on:submit=save novalidate>
            <fieldset>
                <legend>{tr(|t| t.profile)}</legend>
                <Field label=tr(|t| t.business_name) value=name id="set-name" required=true />
                <Field label=tr(|t| t.tax_id) value=tax_id id="set-tax-id" />
                <Field label=tr(|t| t.street) value=street id="set-street" />
                <Field label=tr(|t| t.postal_code) value=postal id="set-postal" />
                <Field label=tr(|t| t.city) value=city id="set-city" />
                <Field label=tr(|t| t.country) value=country id="set-country" />
                <Field label=tr(|t| t.email) value=email id="set-email" kind="email" />
                <Field label=tr(|t| t.phone) value=phone id="set-phone" kind="tel" />
                <div class="logo-field">
                    <label class="field">
                        <span class="field-label">{tr(|t| t.logo)}</span>
                        <input type="file" id="set-logo" accept="image/png,image/jpeg,image/svg+xml" on:change=pick_logo />
                    </label>
                    {move || logo.get().filter(|u| crate::components::invoicing::document::is_inline_image(u)).map(|url| view! {
                        <img class="logo-preview" id="logo-preview" src=url alt=move || name.get() />
                        <button type="button" class="secondary" id="logo-remove" on:click=move |_| logo.set(None)>{tr(|t| t.logo_remove)}</button>
                    })}
                    {move || logo_error.get().map(|why| view! {
                        <p class="form-error" role="alert" id="logo-error">{move || why(invoicing::texts(i18n.lang.get()))}</p>
                    })}
                </div>
            </fieldset>
            <fieldset>
                <legend>{tr(|t| t.defaults)}</legend>
                <Field label=tr(|t| t.default_currency) value=currency id="set-currency" />
                <Field label=tr(|t| t.default_terms) value=terms id="set-terms" inputmode="numeric" />
                <label class="field">
                    <span class="field-label">{tr(|t| t.default_vat)}</span>
                    <select id="set-vat" on:change=move |ev| vat.set(event_target_value(&ev))>
                        {["21", "10", "4", "0"].map(|r| view! { <option value=r prop:selected=move || vat.get() == r>{format!("{r} %")}</option> })}
                    </select>
                </label>
                <Field label=tr(|t| t.default_withholding) value=withholding id="set-withholding" inputmode="decimal" />
                <label class="field">
                    <span class="field-label">{tr(|t| t.language)}</span>
                    <select id="set-language" on:change=move |ev| language.set(if event_target_value(&ev) == "en" { Lang::En } else { Lang::Es })>
                        <option value="es" prop:selected=move || language.get() == Lang::Es>"Español"</option>
                        <option value="en" prop:selected=move || language.get() == Lang::En>"English"</option>
                    </select>
                </label>
            </fieldset>
            <fieldset>
                <legend>{tr(|t| t.policy)}</legend>
                <Field label=tr(|t| t.receipt_check_after_send) value=receipt id="set-receipt" inputmode="numeric" />
                <Field label=tr(|t| t.pre_due_before_due) value=pre_due id="set-pre-due" inputmode="numeric" />
                <Check label=tr(|t| t.due_day_reminder) value=due_day id="set-due-day" />
                <Field label=tr(|t| t.reminders_after_due) value=reminders id="set-reminders" />
                <Field label=tr(|t| t.formal_letter_after_due) value=letter id="set-letter" inputmode="numeric" />
                <Field label=tr(|t| t.escalation_after_due) value=escalation id="set-escalation" inputmode="numeric" />
                <Field label=tr(|t| t.promise_check_after) value=promise id="set-promise" inputmode="numeric" />
                <Check label=tr(|t| t.shift_weekends) value=weekends id="set-weekends" />
            </fieldset>
            {move || message.get().map(|m| match m {
                Ok(text) => view! { <p class="save-state" role="status" id="settings-saved">{text}</p> }.into_any(),
                Err(text) => view! { <p class="form-error" role="alert" id="settings-error">{text}</p> }.into_any(),
            })}
            <div class="actions">
                <button type="submit" id="settings-save">{tr(|t| t.save)}</button>
            </div>
        </form>
    }
}

/// The image types a logo may be; all are shown by browsers and printers alike.
const LOGO_TYPES: [&str; 3] = ["image/png", "image/jpeg", "image/svg+xml"];
/// A logo travels inside every backup and invoice view: keep it small.
const LOGO_MAX_BYTES: f64 = 200.0 * 1024.0;
