//! Closing an invoice's follow-up while money is still owed (written off, or handed to a
//! lawyer or collection agency), and reopening it: each a closing fact of the contact log with
//! its date and note (`cobro_core::follow_up::closure`).

use super::shared::{iso, parse_iso, write_and_report, DateField, Notice};
use crate::i18n::collections::{follow, texts};
use crate::i18n::use_i18n;
use crate::platform::clock;
use crate::state::use_app;
use crate::storage::new_id;
use cobro_core::{Channel, ContactEntry, Outcome};
use leptos::prelude::*;

#[component]
pub fn CloseForm(
    client_id: String,
    invoice_id: String,
    /// Reopening a closed follow-up instead of closing one.
    reopen: bool,
    notice: RwSignal<Notice>,
    close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let (tl, fl) = (texts(lang), follow(lang));
    let app = use_app();
    let date = RwSignal::new(iso(clock::today()));
    let kind = RwSignal::new("written_off".to_string());
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<&'static str>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let (tx, fx) = (texts(lang), follow(lang));
        let Some(day) = parse_iso(&date.get_untracked()) else {
            error.set(Some(tx.bad_date));
            return;
        };
        let text = note.get_untracked().trim().to_string();
        if text.is_empty() {
            error.set(Some(fx.note_needed));
            return;
        }
        error.set(None);
        let outcome = match (reopen, kind.get_untracked().as_str()) {
            (true, _) => Outcome::Reopened,
            (false, "handed_to_legal") => Outcome::HandedToLegal,
            (false, _) => Outcome::WrittenOff,
        };
        let now = clock::now();
        let entry = ContactEntry {
            id: new_id(),
            client_id: client_id.clone(),
            invoice_id: Some(invoice_id.clone()),
            step_id: None,
            date: day,
            channel: Channel::Other,
            who: String::new(),
            outcome,
            note: text,
            updated_at: now,
        };
        write_and_report(app, notice, tx, move |db| async move {
            db.log_contact(&entry, &mut new_id, now).await?;
            let _ = close.try_run(());
            Ok(tx.saved.to_string())
        });
    };
    view! {
        <form class="collect-form" data-form=if reopen { "reopen" } else { "close" } on:submit=submit novalidate>
            {(!reopen).then(|| view! {
                <label class="field">
                    <span>{fl.close_kind}</span>
                    <select data-field="closing" prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="written_off">{fl.write_off}</option>
                        <option value="handed_to_legal">{fl.hand_to_legal}</option>
                    </select>
                </label>
            })}
            <DateField value=date label=tl.date field="date" />
            <label class="field wide">
                <span>{tl.note}</span>
                <textarea data-field="note" rows="2" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            </label>
            {move || error.get().map(|e| view! { <p class="notice err" role="alert">{e}</p> })}
            <div class="form-actions">
                <button type="submit" data-action="save">{tl.save}</button>
                <button type="button" class="secondary" on:click=move |_| close.run(())>{tl.cancel}</button>
            </div>
        </form>
    }
}
