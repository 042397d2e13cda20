//! First run: set up the business, one payment method and numbering, or load
//! the demo, or restore a backup. Shown on the agenda route until there is a
//! business profile (see `needs_first_run` in app.rs).

use crate::components::forms::{AddressFields, AddressInputs, CheckedField, Problems, SaveOutcome};
use crate::components::invoicing::fields::tr;
use crate::components::page::Page;
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::state::use_app;
use crate::storage::new_id;
use crate::storage::OpError;
use chrono::Datelike;
use cobro_core::forms::{AddressInput, FirstSeriesInput, MethodInput, MethodKind, ProfileInput};
use cobro_core::numbering;
use cobro_core::payment_info;
use cobro_core::validity::{Invalid, Text};
use cobro_core::{AppSettings, BusinessProfile, DocKind};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn FirstRunPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let name = RwSignal::new(String::new());
    let tax_id = RwSignal::new(String::new());
    let address = AddressFields::new(AddressInput {
        country: "ES".into(),
        ..AddressInput::default()
    });
    let email = RwSignal::new(String::new());
    let holder = RwSignal::new(String::new());
    let iban = RwSignal::new(String::new());
    let bic = RwSignal::new(String::new());
    let prefix = RwSignal::new("F".to_string());
    let next = RwSignal::new("1".to_string());
    let year = clock::today().year();
    // The three usual series, the invoice one as typed (prefix, where numbering continues
    // from another tool), or the core's problems at those two fields.
    let series_for = move |now: cobro_core::Stamp, ids: [String; 3]| {
        let input = FirstSeriesInput {
            prefix: prefix.get(),
            next: next.get(),
        };
        input.build(ids, year, now)
    };
    let preview = move || {
        let series = series_for(clock::now(), Default::default()).ok()?;
        series.first().map(|s| numbering::peek_next(s, year))
    };
    // Each problem of the last attempt at its field, and why the writes failed.
    let problems = Problems::new();
    let busy = RwSignal::new(false);
    // The first run ends on the agenda: there is no "saved" line to say.
    let saved = RwSignal::new(None::<String>);

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let t = invoicing::texts(lang);
        let now = clock::now();
        let today = clock::today();
        let profile_input = ProfileInput {
            name: name.get_untracked(),
            tax_id: tax_id.get_untracked(),
            address: address.input(),
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
        let series = untrack(|| series_for(now, [new_id(), new_id(), new_id()]));
        let (profile, method, series) = match (profile, method, series) {
            (Ok(p), Ok(m), Ok(s)) => (p, m, s),
            (p, m, s) => {
                let mut all = p.err().map(|e| e.0).unwrap_or_default();
                all.extend(m.err().map(|e| e.0).unwrap_or_default());
                all.extend(s.err().map(|e| e.0).unwrap_or_default());
                problems.show(Invalid(all));
                return;
            }
        };
        problems.clear();
        busy.set(true);
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
                let db = app.db().await.map_err(OpError::Storage)?;
                db.save(&method).await?;
                for s in &series {
                    db.save(s).await?;
                }
                db.save_settings(&settings).await?;
                // Last: the profile's name is what ends the first run.
                db.save_profile(&profile).await
            }
            .await;
            busy.try_set(false);
            // Committed writes are in the data already: the first run ends with the profile's name.
            match result {
                Ok(()) => {}
                Err(OpError::Invalid(invalid)) => problems.show(invalid),
                Err(e) => problems.fail(invoicing::op_error(&e, lang)),
            }
        });
    };

    let demo = move |_| {
        busy.set(true);
        spawn_local(async move {
            // The agenda replaces this page once the data is in: only `try_` access after the await.
            if let Err(e) = app.load_demo(clock::today(), i18n.lang.get_untracked()).await {
                problems.fail(e);
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
                    <CheckedField label=tr(|t| t.business_name) value=name id="fr-name" path="name" problems=problems required=true limit=Text::Name />
                    <CheckedField label=tr(|t| t.tax_id) value=tax_id id="fr-tax-id" path="tax_id" problems=problems limit=Text::TaxId />
                    <AddressInputs fields=address prefix="fr" problems=problems />
                    <CheckedField label=tr(|t| t.email) value=email id="fr-email" path="email" problems=problems kind="email" limit=Text::Email />
                </fieldset>
                <fieldset>
                    <legend>{tr(|t| t.fr_payment)}</legend>
                    <CheckedField label=tr(|t| t.iban) value=iban id="fr-iban" path="kind.iban" problems=problems required=true limit=Text::Iban />
                    <CheckedField label=tr(|t| t.bic) value=bic id="fr-bic" path="kind.bic" problems=problems limit=Text::Bic />
                    <CheckedField label=tr(|t| t.holder) value=holder id="fr-holder" path="kind.holder" problems=problems limit=Text::Holder />
                </fieldset>
                <fieldset>
                    <legend>{tr(|t| t.numbering)}</legend>
                    <CheckedField label=tr(|t| t.series_prefix) value=prefix id="fr-prefix" path="prefix" problems=problems />
                    <CheckedField label=tr(|t| t.series_next) value=next id="fr-next" path="next" problems=problems inputmode="numeric" />
                    <p class="wide series-preview" role="status">
                        {tr(|t| t.series_preview)} ": " <strong id="fr-series-next">{preview}</strong>
                    </p>
                </fieldset>
                <SaveOutcome problems=problems saved=saved error_id="first-run-error" saved_id="first-run-saved" />
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
