//! First run: set up the business, one payment method and numbering, or load
//! the demo, or restore a backup. Shown on the agenda route until there is a
//! business profile (see `needs_first_run` in app.rs).

use crate::components::forms::{CheckedField, Problems};
use crate::components::invoicing::fields::{self, tr};
use crate::components::page::Page;
use crate::components::when::When;
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::state::use_app;
use crate::storage::new_id;
use chrono::Datelike;
use cobro_core::numbering;
use cobro_core::payment_info::{validate_bic, validate_iban};
use cobro_core::{
    Address, AppSettings, BusinessProfile, DocKind, NumberingSeries, PaymentMethod, PaymentMethodKind,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn FirstRunPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let name = RwSignal::new(String::new());
    let tax_id = RwSignal::new(String::new());
    let street = RwSignal::new(String::new());
    let postal = RwSignal::new(String::new());
    let city = RwSignal::new(String::new());
    let country = RwSignal::new("ES".to_string());
    let email = RwSignal::new(String::new());
    let holder = RwSignal::new(String::new());
    let iban = RwSignal::new(String::new());
    let bic = RwSignal::new(String::new());
    let prefix = RwSignal::new("F".to_string());
    let next = RwSignal::new("1".to_string());
    let year = clock::today().year();
    // The three usual series, the invoice one as typed (prefix, where numbering
    // continues from another tool), or the core's reason it cannot be.
    let series_for =
        move |lang: cobro_core::Lang, now: cobro_core::Stamp, mut id: Box<dyn FnMut() -> String>| {
            let t = invoicing::texts(lang);
            let next = fields::series_count::<u32>(t.series_next, &next.get(), lang)
                .map_err(|e| ("next".to_string(), e))?;
            let mut series: Vec<NumberingSeries> = [DocKind::Invoice, DocKind::CreditNote, DocKind::Quote]
                .into_iter()
                .map(|k| NumberingSeries::default_for(k, id(), now))
                .collect();
            if let Some(first) = series.first() {
                let format = numbering::SeriesFormat {
                    prefix: prefix.get(),
                    ..numbering::SeriesFormat::from(first)
                };
                let edited = numbering::edit_series(first, &series, format, Some((year, next)), now)
                    .map_err(|e| ("prefix".to_string(), invoicing::series_error(&e, lang)))?;
                series[0] = edited;
            }
            Ok::<_, (String, String)>(series)
        };
    let preview = move || {
        let series = series_for(i18n.lang.get(), clock::now(), Box::new(String::new)).ok()?;
        series.first().map(|s| numbering::peek_next(s, year))
    };
    let error = RwSignal::new(None::<String>);
    let problems = Problems::new();
    let busy = RwSignal::new(false);

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let t = invoicing::texts(lang);
        // Every problem at its field at once.
        let mut found: Vec<(String, String)> = Vec::new();
        if name.get_untracked().trim().is_empty() {
            found.push((
                "name".into(),
                crate::i18n::corrections::texts(lang).required.into(),
            ));
        }
        let iban_ok = validate_iban(&iban.get_untracked())
            .map_err(|e| found.push(("kind.iban".into(), invoicing::iban_error(&e, lang))))
            .unwrap_or_default();
        let bic_text = bic.get_untracked();
        let bic_ok = if bic_text.trim().is_empty() {
            String::new()
        } else {
            validate_bic(&bic_text)
                .map_err(|e| found.push(("kind.bic".into(), invoicing::bic_error(&e, lang))))
                .unwrap_or_default()
        };
        if let Err(e) = untrack(|| series_for(lang, clock::now(), Box::new(String::new))) {
            found.push(e);
        }
        if !found.is_empty() {
            problems.set(found);
            return;
        }
        problems.clear();
        error.set(None);
        busy.set(true);
        let now = clock::now();
        let holder_text = match holder.get_untracked().trim() {
            "" => name.get_untracked().trim().to_string(),
            h => h.to_string(),
        };
        let method = PaymentMethod {
            id: new_id(),
            label: t.bank_transfer.into(),
            kind: PaymentMethodKind::BankTransfer {
                iban: iban_ok,
                bic: bic_ok,
                holder: holder_text,
                bank: String::new(),
            },
            archived: false,
            updated_at: now,
        };
        let series = match untrack(|| series_for(lang, now, Box::new(new_id))) {
            Ok(s) => s,
            Err(e) => {
                problems.set(vec![e]);
                busy.set(false);
                return;
            }
        };
        let mut settings = app
            .data
            .get_untracked()
            .map(|d| d.settings.clone())
            .unwrap_or_default();
        let id_of = |k: DocKind| series.iter().find(|s| s.kind == k).map(|s| s.id.clone());
        settings = AppSettings {
            language: lang,
            invoice_series_id: id_of(DocKind::Invoice),
            credit_note_series_id: id_of(DocKind::CreditNote),
            quote_series_id: id_of(DocKind::Quote),
            updated_at: Some(now),
            ..settings
        };
        let profile = BusinessProfile {
            name: name.get_untracked().trim().into(),
            tax_id: tax_id.get_untracked().trim().into(),
            address: Address {
                street: street.get_untracked(),
                postal_code: postal.get_untracked(),
                city: city.get_untracked(),
                region: String::new(),
                country: country.get_untracked().trim().to_uppercase(),
            },
            logo_data_url: None,
            email: email.get_untracked().trim().into(),
            phone: String::new(),
            updated_at: Some(now),
        };
        spawn_local(async move {
            let result = async {
                let db = app.db().await.map_err(|e| e.to_string())?;
                db.save(&method)
                    .await
                    .map_err(|e| invoicing::op_error(&e, lang))?;
                for s in &series {
                    db.save(s).await.map_err(|e| invoicing::op_error(&e, lang))?;
                }
                db.save_settings(&settings)
                    .await
                    .map_err(|e| crate::i18n::storage_message(&e, lang))?;
                // Last: the profile's name is what ends the first run.
                db.save_profile(&profile)
                    .await
                    .map_err(|e| crate::i18n::storage_message(&e, lang))?;
                Ok::<(), String>(())
            }
            .await;
            busy.try_set(false);
            // Committed writes are in the data already: the first run ends with the profile's name.
            if let Err(e) = result {
                error.try_set(Some(e));
            }
        });
    };

    let demo = move |_| {
        busy.set(true);
        spawn_local(async move {
            // The agenda replaces this page once the data is in: only `try_` access after the await.
            if let Err(e) = app.load_demo(clock::today()).await {
                error.try_set(Some(e));
            }
            busy.try_set(false);
        });
    };

    view! {
        <Page title=tr(|t| t.fr_title) id="first-run">
            <p class="lead">{tr(|t| t.fr_intro)}</p>
            <form class="form" id="first-run-form" on:submit=save novalidate>
                <fieldset>
                    <legend>{tr(|t| t.fr_business)}</legend>
                    <CheckedField label=tr(|t| t.business_name) value=name id="fr-name" path="name" problems=problems required=true />
                    <CheckedField label=tr(|t| t.tax_id) value=tax_id id="fr-tax-id" path="tax_id" problems=problems />
                    <CheckedField label=tr(|t| t.street) value=street id="fr-street" path="address.street" problems=problems />
                    <CheckedField label=tr(|t| t.postal_code) value=postal id="fr-postal" path="address.postal_code" problems=problems />
                    <CheckedField label=tr(|t| t.city) value=city id="fr-city" path="address.city" problems=problems />
                    <CheckedField label=tr(|t| t.country) value=country id="fr-country" path="address.country" problems=problems />
                    <CheckedField label=tr(|t| t.email) value=email id="fr-email" path="email" problems=problems kind="email" />
                </fieldset>
                <fieldset>
                    <legend>{tr(|t| t.fr_payment)}</legend>
                    <CheckedField label=tr(|t| t.iban) value=iban id="fr-iban" path="kind.iban" problems=problems required=true />
                    <CheckedField label=tr(|t| t.bic) value=bic id="fr-bic" path="kind.bic" problems=problems />
                    <CheckedField label=tr(|t| t.holder) value=holder id="fr-holder" path="kind.holder" problems=problems />
                </fieldset>
                <fieldset>
                    <legend>{tr(|t| t.numbering)}</legend>
                    <CheckedField label=tr(|t| t.series_prefix) value=prefix id="fr-prefix" path="prefix" problems=problems />
                    <CheckedField label=tr(|t| t.series_next) value=next id="fr-next" path="next" problems=problems inputmode="numeric" />
                    <p class="wide series-preview" role="status">
                        {tr(|t| t.series_preview)} ": " <strong id="fr-series-next">{preview}</strong>
                    </p>
                </fieldset>
                <When when=move || error.with(Option::is_some)>
                    <p class="form-error" role="alert" id="first-run-error">
                        {move || error.get().unwrap_or_default()}
                    </p>
                </When>
                <div class="actions">
                    <button type="submit" id="first-run-save" disabled=move || busy.get()>
                        {tr(|t| t.fr_start)}
                    </button>
                </div>
            </form>
            <section class="alt-start">
                <p>{tr(|t| t.fr_or)}</p>
                <div class="actions">
                    <button type="button" class="secondary" id="load-demo" on:click=demo disabled=move || busy.get()>
                        {tr(|t| t.load_demo)}
                    </button>
                    <a class="button secondary" id="restore-backup" href="#/backup">
                        {tr(|t| t.restore_backup)}
                    </a>
                </div>
            </section>
        </Page>
    }
}
