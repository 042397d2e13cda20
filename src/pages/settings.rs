//! Settings (`#/settings`): the business profile printed on every invoice, the
//! payment methods offered (IBANs checked before they are ever printed), the
//! defaults of new documents, the collection policy's offsets, the language and
//! the catalogue of items the line editor picks from.

use crate::components::invoicing::fields::{self, tr, Check, Field};
use crate::components::page::Page;
use crate::components::when::When;
use crate::i18n::{invoicing, use_i18n};
use crate::pages::invoices::WithData;
use crate::platform::clock;
use crate::state::use_app;
use crate::storage::new_id;
use chrono::Datelike;
use cobro_core::money;
use cobro_core::numbering;
use cobro_core::payment_info::{validate_bic, validate_iban};
use cobro_core::{
    Address, AppSettings, BusinessProfile, CatalogItem, CollectionPolicy, Dataset, DocKind, Lang,
    NumberingSeries, PaymentMethod, PaymentMethodKind, VatRate,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Page title=Signal::derive(move || crate::i18n::texts(i18n.lang.get()).nav_settings) id="settings">
            <p class="lead">{move || crate::i18n::texts(i18n.lang.get()).settings_intro}</p>
            <WithData child=move |data| view! { <SettingsForm data=data.clone() /> <Methods /> <Numbering /> <Catalogue /> } />
        </Page>
    }
}

fn days_i64(label: &str, s: &str, lang: Lang) -> Result<i64, String> {
    fields::days(label, s, lang).map(i64::from)
}

#[component]
fn SettingsForm(data: Arc<Dataset>) -> impl IntoView {
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

/// The kinds of payment method the form offers.
const KINDS: [&str; 6] = ["bank", "card", "paypal", "bizum", "cash", "other"];

fn kind_name(kind: &str, t: &invoicing::T) -> &'static str {
    match kind {
        "bank" => t.bank_transfer,
        "card" => t.card_link,
        "paypal" => t.paypal,
        "bizum" => t.bizum,
        "cash" => t.cash,
        _ => t.other,
    }
}

/// Every payment method, each editable, and a form to add one.
#[component]
fn Methods() -> impl IntoView {
    let app = use_app();
    view! {
        <section class="methods-settings" id="payment-methods">
            <h2>{tr(|t| t.payment_methods)}</h2>
            {move || {
                app.read(|d| d.payment_methods.clone())
                    .into_iter()
                    .map(|m| view! { <MethodForm method=Some(m) /> })
                    .collect_view()
            }}
            <MethodForm method=None />
        </section>
    }
}

#[component]
fn MethodForm(method: Option<PaymentMethod>) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let is_new = method.is_none();
    let (kind0, iban0, bic0, holder0, bank0, detail0) = match method.as_ref().map(|m| &m.kind) {
        Some(PaymentMethodKind::BankTransfer {
            iban,
            bic,
            holder,
            bank,
        }) => (
            "bank",
            iban.clone(),
            bic.clone(),
            holder.clone(),
            bank.clone(),
            String::new(),
        ),
        Some(PaymentMethodKind::CardLink { url }) => (
            "card",
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            url.clone(),
        ),
        Some(PaymentMethodKind::PayPal { address }) => (
            "paypal",
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            address.clone(),
        ),
        Some(PaymentMethodKind::Bizum { phone }) => (
            "bizum",
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            phone.clone(),
        ),
        Some(PaymentMethodKind::Cash) => (
            "cash",
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ),
        Some(PaymentMethodKind::DirectDebit { note }) => (
            "other",
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            note.clone(),
        ),
        Some(PaymentMethodKind::Other { text }) => (
            "other",
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            text.clone(),
        ),
        None => (
            "bank",
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ),
    };
    let kind = RwSignal::new(kind0.to_string());
    let label = RwSignal::new(method.as_ref().map(|m| m.label.clone()).unwrap_or_default());
    let iban = RwSignal::new(iban0);
    let bic = RwSignal::new(bic0);
    let holder = RwSignal::new(holder0);
    let bank = RwSignal::new(bank0);
    let detail = RwSignal::new(detail0);
    let message = RwSignal::new(None::<Result<String, String>>);
    let id = StoredValue::new(method.map(|m| m.id).unwrap_or_else(new_id));
    let build = move |lang: Lang| -> Result<PaymentMethodKind, String> {
        Ok(match kind.get_untracked().as_str() {
            "bank" => {
                let iban =
                    validate_iban(&iban.get_untracked()).map_err(|e| invoicing::iban_error(&e, lang))?;
                let bic_text = bic.get_untracked();
                let bic = if bic_text.trim().is_empty() {
                    String::new()
                } else {
                    validate_bic(&bic_text).map_err(|e| invoicing::bic_error(&e, lang))?
                };
                PaymentMethodKind::BankTransfer {
                    iban,
                    bic,
                    holder: holder.get_untracked().trim().into(),
                    bank: bank.get_untracked().trim().into(),
                }
            }
            "card" => PaymentMethodKind::CardLink {
                url: detail.get_untracked().trim().into(),
            },
            "paypal" => PaymentMethodKind::PayPal {
                address: detail.get_untracked().trim().into(),
            },
            "bizum" => PaymentMethodKind::Bizum {
                phone: detail.get_untracked().trim().into(),
            },
            "cash" => PaymentMethodKind::Cash,
            _ => PaymentMethodKind::Other {
                text: detail.get_untracked().trim().into(),
            },
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let t = invoicing::texts(lang);
        let built = build(lang);
        let kind_value = match built {
            Ok(k) => k,
            Err(e) => {
                message.set(Some(Err(e)));
                return;
            }
        };
        let label_text = match label.get_untracked().trim() {
            "" => kind_name(&kind.get_untracked(), t).to_string(),
            l => l.to_string(),
        };
        let record = PaymentMethod {
            id: id.get_value(),
            label: label_text,
            kind: kind_value,
            updated_at: clock::now(),
        };
        spawn_local(async move {
            let result = async {
                let db = app.db().await.map_err(|e| e.to_string())?;
                db.save(&record).await.map_err(|e| invoicing::op_error(&e, lang))
            }
            .await;
            match result {
                Ok(()) => {
                    message.try_set(Some(Ok(t.saved.into())));
                    if is_new {
                        // The saved method appears in the list above; this form starts a new one.
                        id.set_value(new_id());
                        label.set(String::new());
                        iban.set(String::new());
                        bic.set(String::new());
                        holder.set(String::new());
                        bank.set(String::new());
                        detail.set(String::new());
                    }
                }
                Err(e) => {
                    message.try_set(Some(Err(e)));
                }
            }
        });
    };
    let is_bank = move || kind.get() == "bank";
    view! {
        <form class="form method-form" data-method=move || if is_new { "new".to_string() } else { id.get_value() } on:submit=save novalidate>
            <fieldset>
                <legend>{move || if is_new { invoicing::texts(i18n.lang.get()).add_method.to_string() } else { label.get() }}</legend>
                <label class="field">
                    <span class="field-label">{tr(|t| t.kind)}</span>
                    <select class="method-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                        {KINDS.map(|k| view! {
                            <option value=k prop:selected=move || kind.get() == k>
                                {move || kind_name(k, invoicing::texts(i18n.lang.get()))}
                            </option>
                        })}
                    </select>
                </label>
                <Field label=tr(|t| t.method_label) value=label />
                <When
                    when=is_bank
                    fallback=move || view! {
                        <When when=move || kind.get() != "cash">
                            <Field label=tr(|t| t.detail) value=detail />
                        </When>
                    }
                >
                    <label class="field">
                        <span class="field-label">{tr(|t| t.iban)}</span>
                        <input type="text" class="method-iban" bind:value=iban />
                    </label>
                    <Field label=tr(|t| t.bic) value=bic />
                    <Field label=tr(|t| t.holder) value=holder />
                    <Field label=tr(|t| t.bank) value=bank />
                </When>
                {move || message.get().map(|m| match m {
                    Ok(text) => view! { <p class="save-state wide" role="status">{text}</p> }.into_any(),
                    Err(text) => view! { <p class="form-error wide method-error" role="alert">{text}</p> }.into_any(),
                })}
                <div class="actions wide">
                    <button type="submit" class="method-save">{tr(|t| t.save)}</button>
                </div>
            </fieldset>
        </form>
    }
}

/// The VAT choices of a catalogue item (value of the select), as in the line editor.
const ITEM_RATES: [&str; 4] = ["21", "10", "4", "0"];
const EXEMPT: &str = "exempt";

/// The catalogue: every item (name, price, VAT) with edit and delete, and one
/// form that adds a new item or edits the chosen one.
/// The three numbering series (invoices, credit notes, quotes), each editable
/// until it numbers its first document.
#[component]
fn Numbering() -> impl IntoView {
    let app = use_app();
    // Here, not in each form: saving reloads the data, which rebuilds the forms.
    let message = RwSignal::new(None::<(DocKind, Result<String, String>)>);
    view! {
        <section class="numbering-settings" id="numbering">
            <h2>{tr(|t| t.numbering)}</h2>
            <p class="hint">{tr(|t| t.numbering_intro)}</p>
            {move || {
                let all = app.read(|d| d.series.clone());
                [DocKind::Invoice, DocKind::CreditNote, DocKind::Quote]
                    .into_iter()
                    .filter_map(|kind| all.iter().find(|s| s.kind == kind).cloned())
                    .map(|series| view! { <SeriesForm series=series message=message /> })
                    .collect_view()
            }}
        </section>
    }
}

#[component]
fn SeriesForm(
    series: NumberingSeries,
    message: RwSignal<Option<(DocKind, Result<String, String>)>>,
) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let year = clock::today().year();
    let locked = numbering::series_in_use(&series);
    let key = if series.yearly_reset { year } else { 0 };
    let next_locked =
        series.last.get(&key).copied().unwrap_or(0) > series.carried_over.get(&key).copied().unwrap_or(0);
    let (name, slug): (fn(&invoicing::T) -> &'static str, &str) = match series.kind {
        DocKind::Invoice => (|t| t.series_invoices, "invoice"),
        DocKind::CreditNote => (|t| t.series_credit_notes, "credit-note"),
        DocKind::Quote => (|t| t.series_quotes, "quote"),
    };
    let prefix = RwSignal::new(series.prefix.clone());
    let include_year = RwSignal::new(series.include_year);
    let separator = RwSignal::new(series.separator.clone());
    let digits = RwSignal::new(series.padding.to_string());
    let yearly_reset = RwSignal::new(series.yearly_reset);
    let next = RwSignal::new(
        series
            .last
            .get(&key)
            .copied()
            .unwrap_or(0)
            .saturating_add(1)
            .to_string(),
    );
    let kind = series.kind;
    let id = series.id.clone();
    let current = StoredValue::new(series);
    let inputs = move |lang: Lang| -> Result<(numbering::SeriesFormat, u32), String> {
        let t = invoicing::texts(lang);
        let padding = fields::series_count::<u8>(t.series_digits, &digits.get(), lang)?;
        let next = fields::series_count::<u32>(t.series_next, &next.get(), lang)?;
        let format = numbering::SeriesFormat {
            prefix: prefix.get(),
            include_year: include_year.get(),
            separator: separator.get(),
            padding,
            yearly_reset: yearly_reset.get(),
        };
        Ok((format, next))
    };
    // The preview asks the core exactly as saving will (other series unchanged).
    let preview = move || {
        let lang = i18n.lang.get();
        let (format, next) = inputs(lang).ok()?;
        let others = app.read(|d| d.series.clone());
        let s = current
            .with_value(|s| numbering::edit_series(s, &others, format, Some((year, next)), clock::now()));
        s.ok().map(|s| numbering::peek_next(&s, year))
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let (format, next) = match untrack(|| inputs(lang)) {
            Ok(v) => v,
            Err(e) => {
                message.set(Some((kind, Err(e))));
                return;
            }
        };
        let id = id.clone();
        spawn_local(async move {
            let result = async {
                let db = app.db().await.map_err(|e| e.to_string())?;
                db.edit_series(&id, format, Some((year, next)), clock::now())
                    .await
                    .map_err(|e| invoicing::op_error(&e, lang))
            }
            .await;
            match result {
                Ok(_) => {
                    message.try_set(Some((kind, Ok(invoicing::texts(lang).saved.into()))));
                }
                Err(e) => {
                    message.try_set(Some((kind, Err(e))));
                }
            }
        });
    };
    view! {
        <form class="form series-form" id=format!("series-{slug}") data-series=slug on:submit=save novalidate>
            <fieldset>
                <legend>{tr(name)}</legend>
                {locked.then(|| view! { <p class="hint wide series-locked">{tr(|t| t.series_locked)}</p> })}
                <Field label=tr(|t| t.series_prefix) value=prefix disabled=locked />
                <Field label=tr(|t| t.series_separator) value=separator disabled=locked />
                <Field label=tr(|t| t.series_digits) value=digits inputmode="numeric" disabled=locked />
                <Field label=tr(|t| t.series_next) value=next inputmode="numeric" disabled=next_locked />
                <Check label=tr(|t| t.series_include_year) value=include_year disabled=locked />
                <Check label=tr(|t| t.series_yearly_reset) value=yearly_reset disabled=locked />
                <p class="wide series-preview" role="status">
                    {tr(|t| t.series_preview)} ": " <strong class="series-next">{preview}</strong>
                </p>
                {move || message.get().filter(|(k, _)| *k == kind).map(|(_, m)| match m {
                    Ok(text) => view! { <p class="save-state wide" role="status">{text}</p> }.into_any(),
                    Err(text) => view! { <p class="form-error wide" role="alert">{text}</p> }.into_any(),
                })}
                <div class="actions wide">
                    <button type="submit" disabled=locked && next_locked>{tr(|t| t.save)}</button>
                </div>
            </fieldset>
        </form>
    }
}

#[component]
fn Catalogue() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    // `None`: the form adds a new item; `Some(id)`: it edits that item.
    let editing = RwSignal::new(None::<String>);
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let price = RwSignal::new(String::new());
    let vat = RwSignal::new("21".to_string());
    let reason = RwSignal::new(String::new());
    let message = RwSignal::new(None::<Result<String, String>>);
    let clear = move || {
        editing.set(None);
        name.set(String::new());
        description.set(String::new());
        price.set(String::new());
        vat.set("21".into());
        reason.set(String::new());
    };
    let edit = move |item: CatalogItem| {
        editing.set(Some(item.id.clone()));
        name.set(item.name);
        description.set(item.description);
        price.set(fields::show(item.unit_price));
        match item.vat {
            VatRate::Rate(r) => {
                vat.set(r.normalize().to_string());
                reason.set(String::new());
            }
            VatRate::Exempt(why) => {
                vat.set(EXEMPT.into());
                reason.set(why);
            }
        }
        message.set(None);
    };
    let build = move |lang: Lang| -> Result<CatalogItem, String> {
        let t = invoicing::texts(lang);
        let item_name = name.get_untracked().trim().to_string();
        if item_name.is_empty() {
            return Err(t.item_name_required.into());
        }
        let unit_price = fields::number(t.unit_price, &price.get_untracked(), lang)?;
        let unit_price =
            money::check_price("unit price", unit_price).map_err(|e| invoicing::money_error(&e, lang))?;
        let vat_choice = vat.get_untracked();
        let vat_rate = if vat_choice == EXEMPT {
            let why = reason.get_untracked().trim().to_string();
            if why.is_empty() {
                return Err(format!("{}: {}", t.exempt_reason, t.need_exempt_reason));
            }
            VatRate::Exempt(why)
        } else {
            VatRate::Rate(fields::number(t.vat, &vat_choice, lang)?)
        };
        Ok(CatalogItem {
            id: editing.get_untracked().unwrap_or_else(new_id),
            name: item_name,
            description: description.get_untracked().trim().into(),
            unit_price,
            vat: vat_rate,
            updated_at: clock::now(),
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let record = match build(lang) {
            Ok(r) => r,
            Err(e) => {
                message.set(Some(Err(e)));
                return;
            }
        };
        spawn_local(async move {
            let result = async {
                let db = app.db().await.map_err(|e| e.to_string())?;
                db.save(&record).await.map_err(|e| invoicing::op_error(&e, lang))
            }
            .await;
            match result {
                Ok(()) => {
                    message.try_set(Some(Ok(invoicing::texts(lang).saved.into())));
                    clear();
                }
                Err(e) => {
                    message.try_set(Some(Err(e)));
                }
            }
        });
    };
    let delete = move |id: String| {
        let lang = i18n.lang.get_untracked();
        spawn_local(async move {
            let result = async {
                let db = app.db().await.map_err(|e| e.to_string())?;
                db.remove::<CatalogItem>(&id)
                    .await
                    .map_err(|e| invoicing::op_error(&e, lang))
            }
            .await;
            match result {
                Ok(()) => {
                    if editing.get_untracked().as_deref() == Some(id.as_str()) {
                        clear();
                    }
                    message.try_set(Some(Ok(invoicing::texts(lang).item_deleted.into())));
                }
                Err(e) => {
                    message.try_set(Some(Err(e)));
                }
            }
        });
    };
    let exempt = move || vat.get() == EXEMPT;
    view! {
        <section class="catalogue-settings" id="catalogue">
            <h2>{tr(|t| t.catalogue)}</h2>
            {move || {
                let lang = i18n.lang.get();
                let (items, currency) = app.read(|d| (d.items.clone(), d.settings.default_currency.clone()));
                if items.is_empty() {
                    return view! { <p class="empty" id="catalogue-empty">{invoicing::texts(lang).catalogue_empty}</p> }
                        .into_any();
                }
                let mut items = items;
                cobro_core::order::sort_by_key(&mut items, |i| i.name.to_lowercase());
                view! {
                    <ul class="catalogue-list" id="catalogue-list">
                        {items
                            .into_iter()
                            .map(|item| {
                                let id = item.id.clone();
                                let shown = item.clone();
                                view! {
                                    <li class="catalogue-row" data-item=item.id.clone()>
                                        <span class="catalogue-name">{item.name.clone()}</span>
                                        <span class="catalogue-price" data-amount=item.unit_price.to_string()>
                                            {money::format_amount(item.unit_price, &currency, lang)}
                                        </span>
                                        <span class="catalogue-vat">{invoicing::vat_label(&item.vat, lang)}</span>
                                        <span class="catalogue-actions">
                                            <button type="button" class="secondary item-edit" on:click=move |_| edit(shown.clone())>
                                                {invoicing::texts(lang).edit}
                                                <span class="visually-hidden">{format!(" {}", item.name)}</span>
                                            </button>
                                            <button type="button" class="secondary item-delete" on:click=move |_| delete(id.clone())>
                                                {invoicing::texts(lang).delete}
                                                <span class="visually-hidden">{format!(" {}", item.name)}</span>
                                            </button>
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <form class="form item-form" id="item-form" on:submit=save novalidate>
                <fieldset>
                    <legend>
                        {move || {
                            let t = invoicing::texts(i18n.lang.get());
                            if editing.get().is_some() { t.edit_item } else { t.add_item }
                        }}
                    </legend>
                    <Field label=tr(|t| t.item_name) value=name id="item-name" required=true />
                    <Field label=tr(|t| t.description) value=description id="item-description" />
                    <Field label=tr(|t| t.unit_price) value=price id="item-price" inputmode="decimal" />
                    <label class="field">
                        <span class="field-label">{tr(|t| t.vat)}</span>
                        <select id="item-vat" on:change=move |ev| vat.set(event_target_value(&ev))>
                            {ITEM_RATES.map(|r| view! { <option value=r prop:selected=move || vat.get() == r>{format!("{r} %")}</option> })}
                            <option value=EXEMPT prop:selected=exempt>{tr(|t| t.exempt)}</option>
                        </select>
                    </label>
                    <When when=exempt>
                        <Field label=tr(|t| t.exempt_reason) value=reason id="item-reason" />
                    </When>
                    {move || message.get().map(|m| match m {
                        Ok(text) => view! { <p class="save-state wide" role="status" id="item-saved">{text}</p> }.into_any(),
                        Err(text) => view! { <p class="form-error wide" role="alert" id="item-error">{text}</p> }.into_any(),
                    })}
                    <div class="actions wide">
                        <button type="submit" id="item-save">{tr(|t| t.save)}</button>
                        <When when=move || editing.get().is_some()>
                            <button type="button" class="secondary" id="item-cancel" on:click=move |_| { clear(); message.set(None); }>
                                {tr(|t| t.cancel)}
                            </button>
                        </When>
                    </div>
                </fieldset>
            </form>
        </section>
    }
}
