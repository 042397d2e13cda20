//! The contact form: when, how, with whom, what came of it and a note. Used to mark an agenda
//! card's step done, to log any contact on an invoice, and (with the outcome fixed) to confirm
//! receipt. It only builds the `ContactEntry`; `Db::answer_card` / `Db::log_contact` do what
//! the card's step and the outcome mean.

use super::shared::{iso, parse_iso, write_and_report, ChannelSelect, DateField, Notice, TextField};
use crate::components::when::When;
use crate::i18n::collections::texts;
use crate::i18n::use_i18n;
use crate::platform::clock;
use crate::state::use_app;
use crate::storage::new_id;
use cobro_core::follow_up::StepRef;
use cobro_core::{Channel, ContactEntry, Outcome};
use leptos::prelude::*;

const OUTCOMES: [&str; 6] = [
    "no_answer",
    "confirmed_receipt",
    "promised_to_pay",
    "disputed",
    "paid",
    "other",
];

#[component]
pub fn ContactForm(
    client_id: String,
    invoice_id: Option<String>,
    /// The follow-up step this contact answers (closing it).
    #[prop(default = None)]
    step_id: Option<String>,
    /// The step an agenda card showed: settling it also closes what it supersedes, and a
    /// derived step (re-contact, review) is stored as done.
    #[prop(default = None)]
    shown: Option<StepRef>,
    /// Suggested channel (the step's).
    channel: Channel,
    /// Suggested person (the client's AP contact).
    #[prop(into)]
    who: String,
    /// Fixed "confirmed receipt" outcome: the receipt form.
    #[prop(optional)]
    receipt_only: bool,
    /// Where the outcome of the save is reported.
    notice: RwSignal<Notice>,
    /// Called after a successful save (close the form) and on cancel.
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let app = use_app();
    // Labels are read once: a form lives for one action.
    let tl = texts(i18n.lang.get_untracked());
    let today = clock::today();
    let date = RwSignal::new(iso(today));
    let channel = RwSignal::new(channel);
    let who = RwSignal::new(who);
    let outcome = RwSignal::new(
        if receipt_only {
            "confirmed_receipt"
        } else {
            "no_answer"
        }
        .to_string(),
    );
    let promised = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<&'static str>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let tx = texts(i18n.lang.get_untracked());
        let Some(day) = parse_iso(&date.get_untracked()) else {
            error.set(Some(tx.bad_date));
            return;
        };
        let result = match outcome.get_untracked().as_str() {
            "no_answer" => Ok(Outcome::NoAnswer),
            "confirmed_receipt" => Ok(Outcome::ConfirmedReceipt),
            "promised_to_pay" => parse_iso(&promised.get_untracked())
                .map(|date| Outcome::PromisedToPay { date })
                .ok_or(tx.promised_needed),
            "disputed" => {
                let r = reason.get_untracked().trim().to_string();
                if r.is_empty() {
                    Err(tx.reason_needed)
                } else {
                    Ok(Outcome::Disputed { reason: r })
                }
            }
            "paid" => Ok(Outcome::Paid),
            _ => Ok(Outcome::Other),
        };
        let outcome = match result {
            Ok(o) => o,
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        error.set(None);
        let now = clock::now();
        let entry = ContactEntry {
            id: new_id(),
            client_id: client_id.clone(),
            invoice_id: invoice_id.clone(),
            step_id: step_id.clone(),
            date: day,
            channel: channel.get_untracked(),
            who: who.get_untracked().trim().to_string(),
            outcome,
            note: note.get_untracked().trim().to_string(),
            updated_at: now,
        };
        let shown = shown.clone().map(|s| (s, today));
        write_and_report(app, notice, tx, move |db| async move {
            db.answer_card(&entry, shown, &mut new_id, now).await?;
            // The form may be gone by now (another tab reloaded the data): then nothing to close.
            let _ = on_close.try_run(());
            Ok(tx.saved.to_string())
        });
    };

    view! {
        <form class="collect-form contact-form" data-form="contact" on:submit=submit novalidate>
            <DateField value=date label=tl.date field="date" />
            <ChannelSelect value=channel label=tl.channel />
            <TextField value=who label=tl.who field="who" />
            <When when=move || !receipt_only>
                <label class="field">
                    <span>{move || t().outcome}</span>
                    <select
                        data-field="outcome"
                        prop:value=move || outcome.get()
                        on:change=move |ev| outcome.set(event_target_value(&ev))
                    >
                        {OUTCOMES
                            .into_iter()
                            .map(|o| view! { <option value=o>{move || t().outcome_name(o)}</option> })
                            .collect_view()}
                    </select>
                </label>
            </When>
            <When when=move || outcome.get() == "promised_to_pay">
                <DateField value=promised label=tl.promised_date field="promised" />
            </When>
            <When when=move || outcome.get() == "disputed">
                <TextField value=reason label=tl.reason field="reason" />
            </When>
            <label class="field wide">
                <span>{move || t().note}</span>
                <textarea
                    data-field="note"
                    rows="2"
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                ></textarea>
            </label>
            <When when=move || error.get().is_some()>
                <p class="notice err" role="alert">{move || error.get().unwrap_or_default()}</p>
            </When>
            <div class="form-actions">
                <button type="submit" data-action="save">{move || t().save}</button>
                <button type="button" class="secondary" on:click=move |_| on_close.run(())>
                    {move || t().cancel}
                </button>
            </div>
        </form>
    }
}
