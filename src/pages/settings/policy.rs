//! The collection policy's offsets: when each contact of the follow-up falls. A section of
//! its own (saved on its own, the other settings read again when saving), so it can move
//! with the rest of the collection settings.

use crate::components::forms::{save_form, CheckedField, Problems, SaveOutcome};
use crate::components::invoicing::fields::{tr, Check};
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::state::use_app;
use cobro_core::forms::PolicyInput;
use cobro_core::validity::Invalid;
use cobro_core::{AppSettings, CollectionPolicy};
use leptos::prelude::*;

#[component]
pub(super) fn PolicyForm(policy: CollectionPolicy) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let input0 = PolicyInput::from_policy(&policy);
    let receipt = RwSignal::new(input0.receipt_check_after_send);
    let pre_due = RwSignal::new(input0.pre_due_before_due);
    let due_day = RwSignal::new(input0.due_day_reminder);
    let reminders = RwSignal::new(input0.reminders_after_due);
    let letter = RwSignal::new(input0.formal_letter_after_due);
    let escalation = RwSignal::new(input0.escalation_after_due);
    let promise = RwSignal::new(input0.promise_check_after);
    let weekends = RwSignal::new(input0.shift_weekends_to_monday);
    let problems = Problems::new();
    let message = RwSignal::new(None::<String>);
    // The core builds the settings with this policy over `current` (as stored now), every
    // problem at its field.
    let build = move |current: AppSettings| -> Result<AppSettings, Invalid> {
        let input = PolicyInput {
            receipt_check_after_send: receipt.get_untracked(),
            pre_due_before_due: pre_due.get_untracked(),
            due_day_reminder: due_day.get_untracked(),
            reminders_after_due: reminders.get_untracked(),
            formal_letter_after_due: letter.get_untracked(),
            escalation_after_due: escalation.get_untracked(),
            promise_check_after: promise.get_untracked(),
            shift_weekends_to_monday: weekends.get_untracked(),
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
    let field = move |label: fn(&invoicing::T) -> &'static str,
                      value: RwSignal<String>,
                      id: &'static str,
                      path: &'static str| {
        view! { <CheckedField label=tr(label) value=value id=id path=path problems=problems inputmode="numeric" /> }
    };
    view! {
        <form class="form" id="policy-form" on:submit=save novalidate>
            <fieldset>
                <legend>{tr(|t| t.policy)}</legend>
                {field(|t| t.receipt_check_after_send, receipt, "set-receipt", "policy.receipt_check_after_send")}
                {field(|t| t.pre_due_before_due, pre_due, "set-pre-due", "policy.pre_due_before_due")}
                <Check label=tr(|t| t.due_day_reminder) value=due_day id="set-due-day" />
                <CheckedField label=tr(|t| t.reminders_after_due) value=reminders id="set-reminders" path="policy.reminders_after_due" problems=problems />
                {field(|t| t.formal_letter_after_due, letter, "set-letter", "policy.formal_letter_after_due")}
                {field(|t| t.escalation_after_due, escalation, "set-escalation", "policy.escalation_after_due")}
                {field(|t| t.promise_check_after, promise, "set-promise", "policy.promise_check_after")}
                <Check label=tr(|t| t.shift_weekends) value=weekends id="set-weekends" />
            </fieldset>
            <SaveOutcome problems=problems saved=message error_id="policy-error" saved_id="policy-saved" />
            <div class="actions">
                <button type="submit" id="policy-save">{tr(|t| t.save)}</button>
            </div>
        </form>
    }
}
