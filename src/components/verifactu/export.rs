//! Handing the records to the Tax Agency on request: the billing records and the events
//! generated in a period, as the AEAT's XML (the submission message of `SuministroLR.xsd`, at
//! most 1 000 records a file; the events one `RegistroEvento` each), with the AEAT's request
//! reference when there is one. Each export is logged as an event (08, 09).

use super::{error_text, tv};
use crate::components::invoicing::fields::Field;
use crate::i18n::{use_i18n, verifactu};
use crate::platform::{clock, download};
use crate::state::use_app;
use chrono::{Datelike, NaiveDate};
use cobro_core::verifactu::export::{self, Header};
use cobro_core::verifactu::normalise_nif;
use leptos::prelude::*;
use leptos::task::spawn_local;

fn day_bounds(
    from: NaiveDate,
    to: NaiveDate,
) -> Option<(
    chrono::DateTime<chrono::FixedOffset>,
    chrono::DateTime<chrono::FixedOffset>,
)> {
    let now = crate::storage::verifactu::local(clock::now());
    let off = *now.offset();
    let a = from.and_hms_opt(0, 0, 0)?.and_local_timezone(off).single()?;
    let b = to.and_hms_opt(23, 59, 59)?.and_local_timezone(off).single()?;
    Some((a, b))
}

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
                let _ = db.sign_pending(clock::now()).await;
                let ledger = db
                    .ledger()
                    .await
                    .map_err(|e| crate::i18n::storage_message(&e, lang))?;
                let profile = db
                    .profile()
                    .await
                    .map_err(|e| crate::i18n::storage_message(&e, lang))?;
                let list = if events { &ledger.events } else { &ledger.records };
                let chosen = export::in_period(list, events, a, b);
                if chosen.is_empty() {
                    return Ok(t.nothing_to_export);
                }
                let (start, end) = day_bounds(a, b).ok_or_else(|| t.failed.to_string())?;
                let stamp = format!("{a}_{b}");
                if events {
                    let text = export::events_file(&chosen);
                    download::download_text(&format!("cobro-eventos-{stamp}.xml"), "application/xml", &text)
                        .map_err(|_| t.failed.to_string())?;
                    db.log_event(&export::events_event(&chosen, start, end), clock::now())
                        .await
                        .map_err(|e| error_text(&e, lang))?;
                } else {
                    let header = Header {
                        name: profile.name.trim().chars().take(120).collect(),
                        nif: normalise_nif(&profile.tax_id),
                        request_ref: Some(reference.get_untracked().trim().to_string())
                            .filter(|r| !r.is_empty()),
                    };
                    let files = export::records_files(&header, &chosen);
                    let many = files.len() > 1;
                    for (i, text) in files.iter().enumerate() {
                        let name = if many {
                            format!("cobro-registros-{stamp}-{}.xml", i + 1)
                        } else {
                            format!("cobro-registros-{stamp}.xml")
                        };
                        download::download_text(&name, "application/xml", text)
                            .map_err(|_| t.failed.to_string())?;
                    }
                    db.log_event(&export::records_event(&chosen, start, end), clock::now())
                        .await
                        .map_err(|e| error_text(&e, lang))?;
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
