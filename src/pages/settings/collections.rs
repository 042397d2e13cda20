//! Settings' collections section: the follow-up beyond the policy's steps (sending reminder,
//! re-contact cadence, dispute reviews), whether the formal letter claims the statutory
//! late-payment interest, and the legal rate per semester (the published ones, which the user
//! sees and may correct or extend). The core reads the form (`CollectionsInput`) and says
//! each problem at its field, a rate's at its row.

use crate::components::forms::{save_form, CheckedCell, CheckedField, Problems, SaveOutcome};
use crate::components::invoicing::fields::Check;
use crate::i18n::collections::{follow, Follow};
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::state::use_app;
use cobro_core::forms::{rate_path, CollectionsInput, RateInput};
use cobro_core::validity::Invalid;
use cobro_core::{AppSettings, Dataset};
use leptos::prelude::*;
use std::sync::Arc;

/// One row of the rates table: its fields' signals.
#[derive(Clone, Copy)]
struct RateRow {
    year: RwSignal<String>,
    half: RwSignal<u8>,
    rate: RwSignal<String>,
    source: RwSignal<String>,
}

impl RateRow {
    fn new(r: RateInput) -> Self {
        Self {
            year: RwSignal::new(r.year),
            half: RwSignal::new(r.half),
            rate: RwSignal::new(r.rate),
            source: RwSignal::new(r.source),
        }
    }

    fn input(&self) -> RateInput {
        RateInput {
            year: self.year.get_untracked(),
            half: self.half.get_untracked(),
            rate: self.rate.get_untracked(),
            source: self.source.get_untracked(),
        }
    }
}

#[component]
pub(super) fn CollectionsSettings(data: Arc<Dataset>) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let f = move || follow(i18n.lang.get());
    // Newest first, each rate written the way the user types numbers ("10,15" in Spanish).
    let input0 = CollectionsInput::from_settings(&data.settings, i18n.lang.get_untracked());
    let send = RwSignal::new(input0.send_after_issue);
    let recontact = RwSignal::new(input0.recontact_every);
    let review_after = RwSignal::new(input0.dispute_review_after);
    let review_every = RwSignal::new(input0.dispute_review_every);
    let claim = RwSignal::new(input0.late_payment_claim);
    let rows = RwSignal::new(input0.rates.into_iter().map(RateRow::new).collect::<Vec<_>>());
    let problems = Problems::new();
    let message = RwSignal::new(None::<String>);
    // Rows added later belong to this form, not to the click that adds them.
    let owner = Owner::current();

    // The core builds the settings from what is typed over `current` (as stored now).
    let build = move |current: AppSettings| -> Result<AppSettings, Invalid> {
        let input = CollectionsInput {
            send_after_issue: send.get_untracked(),
            recontact_every: recontact.get_untracked(),
            dispute_review_after: review_after.get_untracked(),
            dispute_review_every: review_every.get_untracked(),
            late_payment_claim: claim.get_untracked(),
            rates: rows.with_untracked(|r| r.iter().map(RateRow::input).collect()),
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
        save_form(
            app,
            problems,
            lang,
            move |db| async move { db.save_settings(&settings).await },
            move || {
                message.try_set(Some(invoicing::texts(lang).saved.into()));
            },
        );
    };
    let add = move |_| {
        let row = rows.with_untracked(|r| RateInput::after(r.first().map(RateRow::input).as_ref()));
        let row = match &owner {
            Some(o) => o.with(|| RateRow::new(row)),
            None => RateRow::new(row),
        };
        // The rows move down: problems said at their old places no longer fit.
        problems.clear();
        rows.update(|r| r.insert(0, row));
    };
    let days = move |label: fn(&Follow) -> &'static str,
                     value: RwSignal<String>,
                     id: &'static str,
                     path: &'static str| {
        let label = Signal::derive(move || label(follow(i18n.lang.get())));
        view! { <CheckedField label=label value=value id=id path=path problems=problems inputmode="numeric" /> }
    };

    view! {
        <form class="form" id="collections-settings" on:submit=save novalidate>
            <fieldset>
                <legend>{move || f().settings_heading}</legend>
                <p class="muted">{move || f().settings_intro}</p>
                {days(|f| f.send_after_issue, send, "set-send-after", "policy.send_after_issue")}
                {days(|f| f.recontact_every, recontact, "set-recontact", "policy.recontact_every")}
                {days(|f| f.dispute_review_after, review_after, "set-review-after", "policy.dispute_review_after")}
                {days(|f| f.dispute_review_every, review_every, "set-review-every", "policy.dispute_review_every")}
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
                                rows.get()
                                    .into_iter()
                                    .enumerate()
                                    .map(|(at, row)| {
                                        let label = move |column: fn(&Follow) -> &'static str| {
                                            Signal::derive(move || format!("{} — {}", column(f()), row.year.get()))
                                        };
                                        let cell = move |field: &'static str| (format!("rate-{at}-{field}"), rate_path(at, field));
                                        let (year_id, year_path) = cell("year");
                                        let (rate_id, rate_path_) = cell("rate");
                                        let (source_id, source_path) = cell("source");
                                        let half = row.half;
                                        view! {
                                            <tr data-row=at>
                                                <td><CheckedCell label=label(|f| f.year) value=row.year id=year_id path=year_path problems=problems inputmode="numeric" class="narrow" field="year" /></td>
                                                <td>
                                                    <select data-field="half" aria-label=move || f().half on:change=move |ev| {
                                                        half.set(if event_target_value(&ev) == "2" { 2 } else { 1 });
                                                    }>
                                                        <option value="1" prop:selected=move || half.get() == 1>{move || f().first_half}</option>
                                                        <option value="2" prop:selected=move || half.get() == 2>{move || f().second_half}</option>
                                                    </select>
                                                </td>
                                                <td><CheckedCell label=label(|f| f.rate) value=row.rate id=rate_id path=rate_path_ problems=problems inputmode="decimal" class="narrow" field="rate" /></td>
                                                <td><CheckedCell label=label(|f| f.source) value=row.source id=source_id path=source_path problems=problems field="source" limit=cobro_core::validity::Text::ShortNote /></td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
            </fieldset>
            <SaveOutcome problems=problems saved=message error_id="collections-settings-error" saved_id="collections-settings-saved" />
            <div class="actions">
                <button type="submit" id="collections-settings-save">{move || invoicing::texts(i18n.lang.get()).save}</button>
            </div>
        </form>
    }
}
