//! The collection policy's offsets: when each contact of the follow-up falls. A section of
//! its own (saved on its own, the other settings read again when saving), so it can move
//! with the rest of the collection settings.

use crate::components::forms::{save_form, CheckedField, Problems, SaveOutcome};
use crate::components::invoicing::fields::{self, tr, Check};
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::state::use_app;
use cobro_core::{AppSettings, CollectionPolicy, Lang};
use leptos::prelude::*;

#[component]
pub(super) fn PolicyForm(policy: CollectionPolicy) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let pol = policy;
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
    let problems = Problems::new();
    let message = RwSignal::new(None::<String>);
    let build = move |lang: Lang| -> Result<CollectionPolicy, Vec<(String, String)>> {
        let t = invoicing::texts(lang);
        let mut found: Vec<(String, String)> = Vec::new();
        let mut days = |label: &str, path: &str, value: RwSignal<String>| {
            fields::days(label, &value.get_untracked(), lang)
                .map(i64::from)
                .map_err(|e| found.push((format!("policy.{path}"), e)))
                .unwrap_or_default()
        };
        let receipt_check_after_send = days(t.receipt_check_after_send, "receipt_check_after_send", receipt);
        let pre_due_before_due = days(t.pre_due_before_due, "pre_due_before_due", pre_due);
        let formal_letter_after_due = days(t.formal_letter_after_due, "formal_letter_after_due", letter);
        let escalation_after_due = days(t.escalation_after_due, "escalation_after_due", escalation);
        let promise_check_after = days(t.promise_check_after, "promise_check_after", promise);
        let reminders_after_due = reminders
            .get_untracked()
            .split(',')
            .filter(|x| !x.trim().is_empty())
            .map(|x| fields::days(t.reminders_after_due, x, lang).map(i64::from))
            .collect::<Result<Vec<_>, _>>()
            .unwrap_or_else(|e| {
                found.push(("policy.reminders_after_due".into(), e));
                Vec::new()
            });
        if !found.is_empty() {
            return Err(found);
        }
        Ok(CollectionPolicy {
            receipt_check_after_send,
            pre_due_before_due,
            due_day_reminder: due_day.get_untracked(),
            reminders_after_due,
            formal_letter_after_due,
            escalation_after_due,
            promise_check_after,
            shift_weekends_to_monday: weekends.get_untracked(),
            // The follow-up after the policy and the late-payment claim: the collections form.
            ..app.read(|d| d.settings.policy.clone())
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        message.set(None);
        let policy = match build(lang) {
            Ok(p) => {
                problems.clear();
                p
            }
            Err(found) => {
                problems.set(found);
                return;
            }
        };
        let settings = AppSettings {
            policy,
            updated_at: Some(clock::now()),
            ..app.read(|d| d.settings.clone())
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
