//! The defaults of new documents (currency, payment terms, VAT, withholding) and the
//! language of the business data. Saved on their own: the settings are read again when
//! saving, so what another section saved meanwhile is kept.

use crate::components::forms::{save_form, CheckedField, Problems, SaveOutcome};
use crate::components::invoicing::fields::{self, tr};
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::state::use_app;
use cobro_core::money;
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
    // Every problem at its field at once; `current` is the settings as stored now.
    let build = move |lang: Lang, current: AppSettings| -> Result<AppSettings, Vec<(String, String)>> {
        let t = invoicing::texts(lang);
        let mut found: Vec<(String, String)> = Vec::new();
        let mut at = |path: &str, m: String| found.push((path.into(), m));
        let currency = money::parse_currency(&currency.get_untracked())
            .map_err(|e| at("default_currency", invoicing::money_error(&e, lang)))
            .ok();
        let terms = fields::days(t.default_terms, &terms.get_untracked(), lang)
            .map_err(|e| at("default_payment_terms_days", e))
            .ok();
        let vat = fields::number(t.default_vat, &vat.get_untracked(), lang)
            .map_err(|e| at("default_vat", e))
            .ok();
        let withholding = fields::number_or_zero(t.default_withholding, &withholding.get_untracked(), lang)
            .and_then(|w| {
                money::check_percent("withholding", w).map_err(|e| invoicing::money_error(&e, lang))
            })
            .map_err(|e| at("default_withholding_pct", e))
            .ok();
        match (currency, terms, vat, withholding) {
            (Some(currency), Some(terms), Some(vat), Some(withholding)) if found.is_empty() => {
                Ok(AppSettings {
                    language: language.get_untracked(),
                    default_currency: currency,
                    default_payment_terms_days: terms,
                    default_vat: VatRate::Rate(vat),
                    default_withholding_pct: withholding,
                    updated_at: Some(clock::now()),
                    ..current
                })
            }
            _ => Err(found),
        }
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        message.set(None);
        let settings = match build(lang, app.read(|d| d.settings.clone())) {
            Ok(s) => {
                problems.clear();
                s
            }
            Err(found) => {
                problems.set(found);
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
