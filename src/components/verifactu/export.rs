//! Handing the records to the Tax Agency on request: the billing records and the events
//! generated in a period, as the AEAT's XML (the submission message of `SuministroLR.xsd`, at
//! most 1 000 records a file; the events one `RegistroEvento` each), with the AEAT's request
//! reference when there is one. Each export is logged as an event (08, 09). The files are made
//! in the backup worker (`worker::records`; it runs for the Backup page anyway).

use super::tv;
use crate::components::invoicing::fields::Field;
use crate::i18n::{use_i18n, verifactu};
use crate::platform::{clock, download, worker};
use crate::state::use_app;
use crate::worker::protocol::{Job, Reply};
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn VerifactuExport() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let today = clock::today();
    let first = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let from = RwSignal::new(first.to_string());
    let to = RwSignal::new(today.to_string());
    let reference = RwSignal::new(String::new());
    let message = RwSignal::new(None::<Result<&'static str, String>>);

    let run = move |events: bool| {
        spawn_local(async move {
            let lang = i18n.lang.get_untracked();
            let t = verifactu::texts(lang);
            let (Ok(a), Ok(b)) = (
                from.get_untracked().parse::<NaiveDate>(),
                to.get_untracked().parse::<NaiveDate>(),
            ) else {
                let _ = message.try_set(Some(Err(t.failed.to_string())));
                return;
            };
            let outcome = async {
                let db = app
                    .db()
                    .await
                    .map_err(|e| crate::i18n::storage_message(&e, lang))?;
                // The XML is made (and the export logged) in the backup worker, where the
                // records' code lives; the page downloads what it hands back.
                let job = Job::ExportRecords {
                    events,
                    from: a,
                    to: b,
                    reference: Some(reference.get_untracked().trim().to_string()),
                    now: clock::now(),
                    lang,
                };
                let files = match worker::ask(db.name(), &job, None).await {
                    Ok((Reply::RecordsExported(files), _)) => files?,
                    _ => return Err(t.failed.to_string()),
                };
                if files.is_empty() {
                    return Ok(t.nothing_to_export);
                }
                for (name, text) in &files {
                    download::download_text(name, "application/xml", text)
                        .map_err(|_| t.failed.to_string())?;
                }
                Ok(t.exported)
            }
            .await;
            let _ = message.try_set(Some(outcome));
        });
    };

    view! {
        <section class="card verifactu-export" id="verifactu-export">
            <h2>{tv(|t| t.export_title)}</h2>
            <p class="hint">{tv(|t| t.export_help)}</p>
            <div class="form">
                <Field label=tv(|t| t.export_from) value=from id="verifactu-from" kind="date" />
                <Field label=tv(|t| t.export_to) value=to id="verifactu-to" kind="date" />
                <Field label=tv(|t| t.export_ref) value=reference id="verifactu-ref" />
                {move || message.get().map(|m| match m {
                    Ok(text) => view! { <p class="save-state wide" role="status" id="verifactu-export-ok">{text}</p> }.into_any(),
                    Err(text) => view! { <p class="form-error wide" role="alert" id="verifactu-export-error">{text}</p> }.into_any(),
                })}
                <div class="actions wide">
                    <button type="button" id="verifactu-export-records" on:click=move |_| run(false)>{tv(|t| t.export_records)}</button>
                    <button type="button" class="secondary" id="verifactu-export-events" on:click=move |_| run(true)>{tv(|t| t.export_events)}</button>
                </div>
            </div>
        </section>
    }
}
