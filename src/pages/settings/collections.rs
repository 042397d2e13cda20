//! Settings' collections section: the follow-up beyond the policy's steps (sending reminder,
//! re-contact cadence, dispute reviews), whether the formal letter claims the statutory
//! late-payment interest, and the legal rate per semester (the published ones, which the user
//! sees and may correct or extend).

use crate::components::collections::shared::amount_input;
use crate::components::invoicing::fields::{self, Check};
use crate::i18n::collections::{follow, Follow};
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::state::use_app;
use cobro_core::late_interest::{self, RateProblem, Rates};
use cobro_core::{AppSettings, CollectionPolicy, Dataset, Lang, SemesterRate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// One row of the rates table as typed.
#[derive(Clone, Debug, PartialEq)]
struct RateRow {
    year: String,
    half: u8,
    rate: String,
    source: String,
}

/// A labelled number of days bound to a string signal.
#[component]
fn Days(label: fn(&Follow) -> &'static str, value: RwSignal<String>, id: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="field">
            <span class="field-label">{move || label(follow(i18n.lang.get()))}</span>
            <input type="text" inputmode="numeric" id=id prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
        </label>
    }
}

/// A whole number of days from 1 up.
fn days(s: &str, lang: Lang) -> Result<i64, String> {
    s.trim()
        .parse::<i64>()
        .ok()
        .filter(|d| *d >= 1)
        .ok_or_else(|| follow(lang).bad_days.to_string())
}

#[component]
pub(super) fn CollectionsSettings(data: Arc<Dataset>) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let f = move || follow(i18n.lang.get());
    let settings0 = StoredValue::new(data.settings.clone());
    let p = &data.settings.policy;
    let send = RwSignal::new(p.send_after_issue.to_string());
    let recontact = RwSignal::new(p.recontact_every.to_string());
    let review_after = RwSignal::new(p.dispute_review_after.to_string());
    let review_every = RwSignal::new(p.dispute_review_every.to_string());
    let claim = RwSignal::new(p.late_payment_claim);
    // Newest first, each rate written the way the user types numbers ("10,15" in Spanish).
    let lang0 = i18n.lang.get_untracked();
    let rows = RwSignal::new(
        Rates::with(&data.settings.late_interest_rates)
            .table()
            .iter()
            .rev()
            .map(|r| RateRow {
                year: r.year.to_string(),
                half: r.half,
                rate: amount_input(r.rate_pct.normalize(), lang0),
                source: r.source.clone(),
            })
            .collect::<Vec<_>>(),
    );
    let message = RwSignal::new(None::<Result<String, String>>);

    let build = move |lang: Lang| -> Result<AppSettings, String> {
        let fx = follow(lang);
        let mut rates = Vec::new();
        for r in rows.get_untracked() {
            let year = r
                .year
                .trim()
                .parse::<i32>()
                .map_err(|_| fx.bad_year.to_string())?;
            let rate_pct = fields::number(fx.rate, &r.rate, lang).map_err(|_| fx.bad_rate.to_string())?;
            let rate = SemesterRate {
                year,
                half: r.half,
                rate_pct,
                source: r.source.trim().to_string(),
            };
            late_interest::check(&rate).map_err(|p| match p {
                RateProblem::Year => fx.bad_year.to_string(),
                RateProblem::Half | RateProblem::Rate => fx.bad_rate.to_string(),
            })?;
            rates.push(rate);
        }
        // Oldest first, so a semester entered twice keeps its last (topmost) row.
        rates.reverse();
        let s = settings0.get_value();
        Ok(AppSettings {
            policy: CollectionPolicy {
                send_after_issue: days(&send.get_untracked(), lang)?,
                recontact_every: days(&recontact.get_untracked(), lang)?,
                dispute_review_after: days(&review_after.get_untracked(), lang)?,
                dispute_review_every: days(&review_every.get_untracked(), lang)?,
                late_payment_claim: claim.get_untracked(),
                ..s.policy.clone()
            },
            late_interest_rates: late_interest::user_entries(&rates),
            updated_at: Some(clock::now()),
            ..s
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let settings = match build(lang) {
            Ok(s) => s,
            Err(e) => {
                message.set(Some(Err(e)));
                return;
            }
        };
        spawn_local(async move {
            let result = async {
                let db = app
                    .db()
                    .await
                    .map_err(|e| crate::i18n::storage_message(&e, lang))?;
                db.save_settings(&settings)
                    .await
                    .map_err(|e| crate::i18n::op_message(&e, lang))
            }
            .await;
            message.try_set(Some(result.map(|()| invoicing::texts(lang).saved.to_string())));
        });
    };
    let add = move |_| {
        let next = rows.with_untracked(|r| {
            let latest = r
                .first()
                .and_then(|r| r.year.trim().parse::<i32>().ok().map(|y| (y, r.half)));
            match latest {
                Some((y, 1)) => (y, 2),
                Some((y, _)) => (y + 1, 1),
                None => (2026, 1),
            }
        });
        rows.update(|r| {
            r.insert(
                0,
                RateRow {
                    year: next.0.to_string(),
                    half: next.1,
                    rate: String::new(),
                    source: String::new(),
                },
            )
        });
    };
    let cell = move |at: usize, pick: fn(&RateRow) -> String, set: fn(&mut RateRow, String)| {
        (
            move || rows.with(|r| r.get(at).map(pick).unwrap_or_default()),
            move |ev: leptos::ev::Event| {
                let v = event_target_value(&ev);
                rows.update(|r| {
                    if let Some(row) = r.get_mut(at) {
                        set(row, v);
                    }
                });
            },
        )
    };

    view! {
        <form class="form" id="collections-settings" on:submit=save novalidate>
            <fieldset>
                <legend>{move || f().settings_heading}</legend>
                <p class="muted">{move || f().settings_intro}</p>
                <Days label=|f| f.send_after_issue value=send id="set-send-after" />
                <Days label=|f| f.recontact_every value=recontact id="set-recontact" />
                <Days label=|f| f.dispute_review_after value=review_after id="set-review-after" />
                <Days label=|f| f.dispute_review_every value=review_every id="set-review-every" />
                <Check label=Signal::derive(move || follow(i18n.lang.get()).late_payment_claim) value=claim id="set-late-claim" />
            </fieldset>
            <fieldset>
                <legend>{move || f().rates_heading}</legend>
                <p class="muted">{move || f().rates_intro}</p>
                <button type="button" class="secondary" id="add-rate" on:click=add>{move || f().add_rate}</button>
                <div class="table-scroll">
                    <table class="rates-table" id="rates-table">
                        <thead>
                            <tr>
                                <th scope="col">{move || f().year}</th>
                                <th scope="col">{move || f().half}</th>
                                <th scope="col">{move || f().rate}</th>
                                <th scope="col">{move || f().source}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                (0..rows.with(Vec::len))
                                    .map(|at| {
                                        let (year, on_year) = cell(at, |r| r.year.clone(), |r, v| r.year = v);
                                        let (rate, on_rate) = cell(at, |r| r.rate.clone(), |r, v| r.rate = v);
                                        let (source, on_source) = cell(at, |r| r.source.clone(), |r, v| r.source = v);
                                        let half = move || rows.with(|r| r.get(at).map_or(1, |r| r.half));
                                        view! {
                                            <tr data-row=at>
                                                <td><input type="text" inputmode="numeric" class="narrow" data-field="year" aria-label=move || f().year prop:value=year on:input=on_year /></td>
                                                <td>
                                                    <select data-field="half" aria-label=move || f().half on:change=move |ev| {
                                                        let h = if event_target_value(&ev) == "2" { 2 } else { 1 };
                                                        rows.update(|r| if let Some(row) = r.get_mut(at) { row.half = h; });
                                                    }>
                                                        <option value="1" prop:selected=move || half() == 1>{move || f().first_half}</option>
                                                        <option value="2" prop:selected=move || half() == 2>{move || f().second_half}</option>
                                                    </select>
                                                </td>
                                                <td><input type="text" inputmode="decimal" class="narrow" data-field="rate" aria-label=move || f().rate prop:value=rate on:input=on_rate /></td>
                                                <td><input type="text" data-field="source" aria-label=move || f().source prop:value=source on:input=on_source /></td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
            </fieldset>
            {move || message.get().map(|m| match m {
                Ok(text) => view! { <p class="save-state" role="status" id="collections-settings-saved">{text}</p> }.into_any(),
                Err(text) => view! { <p class="form-error" role="alert" id="collections-settings-error">{text}</p> }.into_any(),
            })}
            <div class="actions">
                <button type="submit" id="collections-settings-save">{move || invoicing::texts(i18n.lang.get()).save}</button>
            </div>
        </form>
    }
}
