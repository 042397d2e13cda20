//! The defaults of new documents (currency, payment terms, VAT, withholding) and the
//! language of the business data. Saved on their own: the settings are read again when
//! saving, so what another section saved meanwhile is kept.

use crate::components::forms::{save_form, CheckedField, Problems, SaveOutcome};
use crate::components::invoicing::fields::{self, tr};
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::state::use_app;
use cobro_core::forms::DefaultsInput;
use cobro_core::validity::Invalid;
use cobro_core::{AppSettings, Lang, VatRate};
use leptos::prelude::*;

#[component]
pub(super) fn DefaultsForm(settings: AppSettings) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let s = settings;
    let currency = RwSignal::new(s.default_currency.clone());
    let terms = RwSignal::new(s.default_payment_terms_days.to_string());
    let vat = RwSignal::new(match &s.default_vat {
        VatRate::Rate(r) => r.normalize().to_string(),
        VatRate::Exempt(_) => "0".into(),
    });
    let withholding = RwSignal::new(fields::show(s.default_withholding_pct));
    let language = RwSignal::new(s.language);
    let problems = Problems::new();
    let message = RwSignal::new(None::<String>);
    // The core builds the settings from what is typed over `current` (as stored now), every
    // problem at its field.
    let build = move |current: AppSettings| -> Result<AppSettings, Invalid> {
        let input = DefaultsInput {
            currency: currency.get_untracked(),
            payment_terms_days: terms.get_untracked(),
            vat: vat.get_untracked(),
            withholding_pct: withholding.get_untracked(),
            language: language.get_untracked(),
        };
        input.build(&current, clock::now(), clock::today())
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        message.set(None);
        let settings = match build(app.read(|d| d.settings.clone())) {
            Ok(s) => {
                problems.clear();
                s
            }
            Err(invalid) => {
                problems.show(invalid);
                return;
            }
        };
        let ui_lang = settings.language;
        save_form(
            app,
            problems,
            lang,
            move |db| async move { db.save_settings(&settings).await },
            move || {
                i18n.set(ui_lang);
                message.try_set(Some(invoicing::texts(ui_lang).saved.into()));
            },
        );
    };
    view! {
        <form class="form" id="defaults-form" on:submit=save novalidate>
            <fieldset>
                <legend>{tr(|t| t.defaults)}</legend>
                <CheckedField label=tr(|t| t.default_currency) value=currency id="set-currency" path="default_currency" problems=problems />
                <CheckedField label=tr(|t| t.default_terms) value=terms id="set-terms" path="default_payment_terms_days" problems=problems inputmode="numeric" />
                <label class="field">
                    <span class="field-label">{tr(|t| t.default_vat)}</span>
                    <select id="set-vat" on:change=move |ev| vat.set(event_target_value(&ev))>
                        {["21", "10", "4", "0"].map(|r| view! { <option value=r prop:selected=move || vat.get() == r>{format!("{r} %")}</option> })}
                    </select>
                </label>
                <CheckedField label=tr(|t| t.default_withholding) value=withholding id="set-withholding" path="default_withholding_pct" problems=problems inputmode="decimal" />
                <label class="field">
                    <span class="field-label">{tr(|t| t.language)}</span>
                    <select id="set-language" on:change=move |ev| language.set(if event_target_value(&ev) == "en" { Lang::En } else { Lang::Es })>
                        <option value="es" prop:selected=move || language.get() == Lang::Es>"Español"</option>
                        <option value="en" prop:selected=move || language.get() == Lang::En>"English"</option>
                    </select>
                </label>
            </fieldset>
            <SaveOutcome problems=problems saved=message error_id="defaults-error" saved_id="defaults-saved" />
            <div class="actions">
                <button type="submit" id="defaults-save">{tr(|t| t.save)}</button>
            </div>
        </form>
    }
}
