//! Marking an invoice as sent (or sent again): date and channel. Used by the invoice's
//! collection panel and by the agenda's "send it" card, whose step it settles.

use super::shared::{iso, parse_iso, write_and_report, ChannelSelect, DateField, Notice};
use crate::i18n::collections::texts;
use crate::i18n::use_i18n;
use crate::platform::clock;
use crate::state::use_app;
use crate::storage::new_id;
use cobro_core::{Channel, Sending};
use leptos::prelude::*;

#[component]
pub fn SendForm(
    /// The invoice sent.
    #[prop(into)]
    invoice_id: String,
    notice: RwSignal<Notice>,
    /// Called after a successful save (close the form) and on cancel.
    close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tl = texts(i18n.lang.get_untracked());
    let app = use_app();
    let date = RwSignal::new(iso(clock::today()));
    let channel = RwSignal::new(Channel::Email);
    let id = StoredValue::new(invoice_id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let tx = texts(i18n.lang.get_untracked());
        let Some(day) = parse_iso(&date.get_untracked()) else {
            notice.set(Notice::Err(tx.bad_date.into()));
            return;
        };
        let sending = Sending {
            date: day,
            channel: channel.get_untracked(),
        };
        let invoice_id = id.get_value();
        write_and_report(app, notice, tx, move |db| async move {
            db.send_invoice(&invoice_id, sending, &mut new_id, clock::now())
                .await?;
            // The form may be gone by now (another tab reloaded the data): then nothing to close.
            let _ = close.try_run(());
            Ok(tx.saved.to_string())
        });
    };
    view! {
        <form class="collect-form" data-form="send" on:submit=submit novalidate>
            <DateField value=date label=tl.date field="date" />
            <ChannelSelect value=channel label=tl.channel />
            <div class="form-actions">
                <button type="submit" data-action="save">{tl.save}</button>
                <button type="button" class="secondary" on:click=move |_| close.run(())>{tl.cancel}</button>
            </div>
        </form>
    }
}
