//! The Settings section of the billing records: the mode and what it means, whether the
//! business is covered (not in the Basque Country or Navarra; a Spanish NIF), the state of the
//! chain, the signing certificate (loaded once from a .p12/.pfx file: the key becomes a
//! non-extractable WebCrypto key and the file's bytes are dropped), what the user must do,
//! the producer's data and the *declaración responsable* of this version.

use super::tv;
use crate::components::invoicing::fields::Field;
use crate::i18n::{invoicing, use_i18n, verifactu};
use crate::platform::{clock, files, worker};
use crate::state::use_app;
use crate::worker::protocol::{CertRefused, Job, Reply};
use cobro_core::verifactu::chain::Report;
use cobro_core::verifactu::status::{status, Status};
use cobro_core::verifactu::{normalise_nif, SYSTEM_ID, SYSTEM_NAME};
use cobro_core::AppSettings;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Hand the certificate file to the backup worker, which reads it, imports its key into
/// WebCrypto (non-extractable), keeps both and signs what is pending.
async fn load_certificate(
    app: crate::state::AppState,
    t: &'static verifactu::T,
    input: web_sys::HtmlInputElement,
    password: String,
) -> Result<(), &'static str> {
    let file = files::chosen_file(&input).ok_or(t.cert_choose)?;
    let db = app.db().await.map_err(|_| t.cert_browser)?;
    let job = Job::LoadCertificate {
        password,
        now: clock::now(),
    };
    match worker::ask_once(db.name(), &job, Some(file.into())).await {
        Ok((Reply::CertificateLoaded(Ok(())), _)) => Ok(()),
        Ok((Reply::CertificateLoaded(Err(e)), _)) => Err(match e {
            CertRefused::WrongPassword => t.cert_wrong_password,
            CertRefused::NotPkcs12 => t.cert_not_p12,
            CertRefused::Unsupported => t.cert_unsupported,
            CertRefused::NoKey => t.cert_no_key,
            CertRefused::Browser => t.cert_browser,
        }),
        _ => Err(t.cert_browser),
    }
}

/// The status of the records, checked in the backup worker (see `worker::records`). With no
/// record, event or certificate stored there is nothing to check or sign, and the status is
/// the profile's alone: computed here, without starting the worker.
async fn checked_status(app: crate::state::AppState) -> Option<Status> {
    let db = app.db().await.ok()?;
    let stored = db.has_billing_entries().await.unwrap_or(true) || db.has_certificate().await.unwrap_or(true);
    if !stored {
        let profile = db.profile().await.unwrap_or_default();
        return Some(status(
            &profile,
            0,
            0,
            &Report::default(),
            0,
            None,
            clock::today(),
        ));
    }
    let job = Job::CheckRecords {
        now: clock::now(),
        today: clock::today(),
    };
    match worker::ask_once(db.name(), &job, None).await {
        Ok((Reply::RecordsChecked(s), _)) => s,
        _ => None,
    }
}

#[component]
pub fn VerifactuSection() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let current = RwSignal::new(None::<Status>);
    let refresh = move || {
        spawn_local(async move {
            if let Some(s) = checked_status(app).await {
                let _ = current.try_set(Some(s));
            }
        });
    };
    refresh();

    let password = RwSignal::new(String::new());
    let file_input = NodeRef::<leptos::html::Input>::new();
    let cert_message = RwSignal::new(None::<Result<&'static str, &'static str>>);
    let load = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(input) = file_input.get_untracked() else {
            return;
        };
        let pw = password.get_untracked();
        spawn_local(async move {
            let t = verifactu::texts(i18n.lang.get_untracked());
            let outcome = load_certificate(app, t, input, pw).await;
            let _ = cert_message.try_set(Some(outcome.map(|()| t.cert_loaded)));
            if cert_message
                .try_get_untracked()
                .flatten()
                .is_some_and(|m| m.is_ok())
            {
                let _ = password.try_set(String::new());
            }
            refresh();
        });
    };

    let settings = app.read(|d| d.settings.verifactu.clone());
    let producer_name = RwSignal::new(settings.producer_name.clone());
    let producer_nif = RwSignal::new(settings.producer_nif.clone());
    let producer_address = RwSignal::new(settings.producer_address.clone());
    let declaration_signed = RwSignal::new(settings.declaration_signed.clone());
    let producer_message = RwSignal::new(None::<Result<String, String>>);
    let save_producer = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        spawn_local(async move {
            let lang = i18n.lang.get_untracked();
            let outcome = async {
                let db = app
                    .db()
                    .await
                    .map_err(|e| crate::i18n::storage_message(&e, lang))?;
                let s = db
                    .settings()
                    .await
                    .map_err(|e| crate::i18n::storage_message(&e, lang))?;
                let mut vf = s.verifactu.clone();
                vf.producer_name = producer_name.get_untracked().trim().to_string();
                vf.producer_nif = normalise_nif(&producer_nif.get_untracked());
                vf.producer_address = producer_address.get_untracked().trim().to_string();
                vf.declaration_signed = declaration_signed.get_untracked().trim().to_string();
                vf.ledger = Default::default();
                let next = AppSettings {
                    verifactu: vf,
                    updated_at: Some(clock::now()),
                    ..s
                };
                db.save_settings(&next)
                    .await
                    .map_err(|e| crate::i18n::op_message(&e, lang))?;
                Ok::<_, String>(verifactu::texts(lang).saved.to_string())
            }
            .await;
            let _ = producer_message.try_set(Some(outcome));
        });
    };

    let producer_shown = move || {
        let (name, nif) = app.read(|d| {
            let vf = &d.settings.verifactu;
            let or = |a: &str, b: &str| {
                if a.trim().is_empty() {
                    b.to_string()
                } else {
                    a.to_string()
                }
            };
            (
                or(&vf.producer_name, &d.profile.name),
                normalise_nif(&or(&vf.producer_nif, &d.profile.tax_id)),
            )
        });
        format!("{name} ({nif})")
    };

    view! {
        <section class="verifactu-settings" id="verifactu">
            <h2>{tv(|t| t.title)}</h2>
            <p class="verifactu-mode"><strong>{tv(|t| t.mode_label)} ": "</strong><span id="verifactu-mode">{tv(|t| t.mode_value)}</span></p>
            <p class="hint">{tv(|t| t.mode_help)}</p>
            {move || current.get().map(|s| {
                let lang = i18n.lang.get();
                let t = verifactu::texts(lang);
                view! {
                    {s.foral.then(|| view! { <p class="form-error" role="alert" id="verifactu-foral">{t.foral}</p> })}
                    {(!s.keeps_records).then(|| view! { <p class="form-error" role="alert" id="verifactu-no-nif">{t.no_nif}</p> })}
                    <dl class="verifactu-counts">
                        <div><dt>{t.records}</dt><dd id="verifactu-records">{s.records}</dd></div>
                        <div><dt>{t.events}</dt><dd id="verifactu-events">{s.events}</dd></div>
                        <div><dt>{t.unsigned}</dt><dd id="verifactu-unsigned">{s.unsigned}</dd></div>
                        <div><dt>{t.anomalies}</dt><dd id="verifactu-anomalies">{s.anomalies}</dd></div>
                    </dl>
                    {(s.anomalies == 0 && s.records > 0).then(|| view! { <p class="save-state" role="status">{t.chain_ok}</p> })}
                    <h3>{t.cert_title}</h3>
                    {match s.certificate.clone() {
                        None => view! { <p class="hint" id="verifactu-no-cert">{t.cert_none}</p> }.into_any(),
                        Some(c) => view! {
                            <dl class="verifactu-cert" id="verifactu-cert">
                                <div><dt>{t.cert_holder}</dt><dd id="verifactu-cert-holder">{c.holder.clone()}</dd></div>
                                <div><dt>{t.cert_nif}</dt><dd>{c.nif.clone().unwrap_or_default()}</dd></div>
                                <div><dt>{t.cert_issuer}</dt><dd>{c.issuer.clone()}</dd></div>
                                <div><dt>{t.cert_expires}</dt><dd>{c.expires.map(|d| invoicing::date(d, lang)).unwrap_or_default()}</dd></div>
                            </dl>
                            {c.nif_mismatch.then(|| view! { <p class="form-error" role="alert">{t.cert_nif_mismatch}</p> })}
                        }.into_any(),
                    }}
                }
            })}
            <form class="form verifactu-cert-form" id="verifactu-cert-form" on:submit=load novalidate>
                <label class="field">
                    <span class="field-label">{tv(|t| t.cert_file)}</span>
                    <input type="file" id="verifactu-cert-file" accept=".p12,.pfx,application/x-pkcs12" node_ref=file_input />
                </label>
                <label class="field">
                    <span class="field-label">{tv(|t| t.cert_password)}</span>
                    <input type="password" id="verifactu-cert-password" autocomplete="off" bind:value=password />
                </label>
                {move || cert_message.get().map(|m| match m {
                    Ok(text) => view! { <p class="save-state wide" role="status" id="verifactu-cert-ok">{text}</p> }.into_any(),
                    Err(text) => view! { <p class="form-error wide" role="alert" id="verifactu-cert-error">{text}</p> }.into_any(),
                })}
                <div class="actions wide">
                    <button type="submit" id="verifactu-cert-load">{tv(|t| t.cert_load)}</button>
                </div>
            </form>
            <h3>{tv(|t| t.todo_title)}</h3>
            <ol class="verifactu-todo">
                {move || verifactu::texts(i18n.lang.get()).todo.iter().map(|line| view! { <li>{*line}</li> }).collect_view()}
            </ol>
            <h3>{tv(|t| t.producer_title)}</h3>
            <p class="hint">{tv(|t| t.producer_help)}</p>
            <form class="form verifactu-producer" id="verifactu-producer" on:submit=save_producer novalidate>
                <Field label=tv(|t| t.producer_name) value=producer_name id="verifactu-producer-name" />
                <Field label=tv(|t| t.producer_nif) value=producer_nif id="verifactu-producer-nif" />
                <Field label=tv(|t| t.producer_address) value=producer_address id="verifactu-producer-address" />
                <Field label=tv(|t| t.declaration_signed) value=declaration_signed id="verifactu-declaration-signed" />
                {move || producer_message.get().map(|m| match m {
                    Ok(text) => view! { <p class="save-state wide" role="status">{text}</p> }.into_any(),
                    Err(text) => view! { <p class="form-error wide" role="alert">{text}</p> }.into_any(),
                })}
                <div class="actions wide">
                    <button type="submit" id="verifactu-producer-save">{tv(|t| t.save)}</button>
                </div>
            </form>
            <details class="verifactu-declaration" id="verifactu-declaration">
                <summary>{tv(|t| t.declaration_title)}</summary>
                <p class="hint">{tv(|t| t.declaration_intro)}</p>
                <dl>
                    <div><dt>{tv(|t| t.decl_system)}</dt><dd>{SYSTEM_NAME}</dd></div>
                    <div><dt>{tv(|t| t.decl_id)}</dt><dd>{SYSTEM_ID}</dd></div>
                    <div><dt>{tv(|t| t.decl_version)}</dt><dd id="verifactu-version">{env!("CARGO_PKG_VERSION")}</dd></div>
                    <div><dt>{tv(|t| t.decl_components)}</dt><dd>{tv(|t| t.decl_components_value)}</dd></div>
                    <div><dt>{tv(|t| t.decl_producer)}</dt><dd id="verifactu-producer-shown">{producer_shown}</dd></div>
                    <div><dt>{tv(|t| t.producer_address)}</dt><dd>{move || app.read(|d| d.settings.verifactu.producer_address.clone())}</dd></div>
                    <div><dt>{tv(|t| t.decl_modes)}</dt><dd>{tv(|t| t.decl_modes_value)}</dd></div>
                    <div><dt>{tv(|t| t.decl_multi)}</dt><dd>{tv(|t| t.decl_multi_value)}</dd></div>
                    <div><dt>{tv(|t| t.decl_signature)}</dt><dd>{tv(|t| t.decl_signature_value)}</dd></div>
                </dl>
                <p>{tv(|t| t.decl_statement)}</p>
                <p id="verifactu-declaration-signed-shown">{move || app.read(|d| d.settings.verifactu.declaration_signed.clone())}</p>
            </details>
        </section>
    }
}
