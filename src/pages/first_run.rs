//! First run: set up the business, one payment method and numbering, or load
//! the demo, or restore a backup. Shown on the agenda route until there is a
//! business profile (see `needs_first_run` in app.rs).

use crate::components::forms::{CheckedField, Problems};
use crate::components::invoicing::fields::{self, tr, Field};
use crate::components::page::Page;
use crate::components::when::When;
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::state::use_app;
use crate::storage::new_id;
use chrono::Datelike;
use cobro_core::forms::{AddressInput, MethodInput, MethodKind, ProfileInput};
use cobro_core::numbering;
use cobro_core::payment_info;
use cobro_core::validity::{FieldProblem, Text};
use cobro_core::{AppSettings, BusinessProfile, DocKind, NumberingSeries};
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
    // Each problem of the last attempt, shown at its field in the current language.
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let at = move |path: &'static str| fields::problem_at(problems, path);
    // The numbering's problems, said by the screen (the core has no record for them yet).
    let series_problems = Problems::new();
    let busy = RwSignal::new(false);

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let t = invoicing::texts(lang);
        let now = clock::now();
        let today = clock::today();
        let profile_input = ProfileInput {
            name: name.get_untracked(),
            tax_id: tax_id.get_untracked(),
            address: AddressInput {
                street: street.get_untracked(),
                postal_code: postal.get_untracked(),
                city: city.get_untracked(),
                region: String::new(),
                country: country.get_untracked(),
            },
            email: email.get_untracked(),
            phone: String::new(),
        };
        // An empty holder is the business itself: its name is what a transfer QR code
        // carries, so it must fit the code's 70 characters as a holder would.
        let method_input = MethodInput {
            label: t.bank_transfer.into(),
            kind: MethodKind::BankTransfer,
            iban: iban.get_untracked(),
            bic: bic.get_untracked(),
            holder: payment_info::beneficiary_name(&holder.get_untracked(), &name.get_untracked())
                .trim()
                .to_string(),
            bank: String::new(),
            detail: String::new(),
        };
        let profile = profile_input.build(&BusinessProfile::default(), now, today);
        let method = method_input.build(new_id(), None, now, today);
        let (profile, method) = match (profile, method) {
            (Ok(p), Ok(m)) => (p, m),
            (p, m) => {
                let mut all = p.err().map(|e| e.0).unwrap_or_default();
                all.extend(m.err().map(|e| e.0).unwrap_or_default());
                error.set(all.first().map(|first| {
                    match crate::i18n::problems::field_label(&first.path, lang) {
                        Some(label) => {
                            format!("{label}: {}", crate::i18n::problems::field_problem(first, lang))
                        }
                        None => crate::i18n::problems::field_problem(first, lang),
                    }
                }));
                problems.set(all);
                return;
            }
        };
        error.set(None);
        problems.set(Vec::new());
        series_problems.clear();
        busy.set(true);
        let series = match untrack(|| series_for(lang, now, Box::new(new_id))) {
            Ok(s) => s,
            Err(e) => {
                series_problems.set(vec![e]);
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
        spawn_local(async move {
            let result = async {
                let db = app
                    .db()
                    .await
                    .map_err(|e| crate::i18n::storage_message(&e, lang))?;
                db.save(&method)
                    .await
                    .map_err(|e| invoicing::op_error(&e, lang))?;
                for s in &series {
                    db.save(s).await.map_err(|e| invoicing::op_error(&e, lang))?;
                }
                db.save_settings(&settings)
                    .await
                    .map_err(|e| crate::i18n::invoicing::op_error(&e, lang))?;
                // Last: the profile's name is what ends the first run.
                db.save_profile(&profile)
                    .await
                    .map_err(|e| crate::i18n::invoicing::op_error(&e, lang))?;
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
            if let Err(e) = app.load_demo(clock::today(), i18n.lang.get_untracked()).await {
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
                    <Field label=tr(|t| t.business_name) value=name id="fr-name" required=true error=at("name") limit=Text::Name />
                    <Field label=tr(|t| t.tax_id) value=tax_id id="fr-tax-id" error=at("tax_id") limit=Text::TaxId />
                    <Field label=tr(|t| t.street) value=street id="fr-street" error=at("address.street") limit=Text::Street />
                    <Field label=tr(|t| t.postal_code) value=postal id="fr-postal" error=at("address.postal_code") limit=Text::PostalCode />
                    <Field label=tr(|t| t.city) value=city id="fr-city" error=at("address.city") limit=Text::City />
                    <Field label=tr(|t| t.country) value=country id="fr-country" error=at("address.country") limit=Text::Country />
                    <Field label=tr(|t| t.email) value=email id="fr-email" kind="email" error=at("email") limit=Text::Email />
                </fieldset>
                <fieldset>
                    <legend>{tr(|t| t.fr_payment)}</legend>
                    <Field label=tr(|t| t.iban) value=iban id="fr-iban" required=true error=at("kind.iban") limit=Text::Iban />
                    <Field label=tr(|t| t.bic) value=bic id="fr-bic" error=at("kind.bic") limit=Text::Bic />
                    <Field label=tr(|t| t.holder) value=holder id="fr-holder" error=at("kind.holder") limit=Text::Holder />
                </fieldset>
                <fieldset>
                    <legend>{tr(|t| t.numbering)}</legend>
                    <CheckedField label=tr(|t| t.series_prefix) value=prefix id="fr-prefix" path="prefix" problems=series_problems />
                    <CheckedField label=tr(|t| t.series_next) value=next id="fr-next" path="next" problems=series_problems inputmode="numeric" />
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
