//! Void a payment: the reason, then the void itself. The payment stays on the invoice's
//! list, struck through, with the day and the reason.

use crate::components::collections::shared::Notice;
use crate::i18n::corrections::texts;
use crate::i18n::use_i18n;
use crate::platform::clock;
use crate::state::use_app;
use crate::storage::OpError;
use cobro_core::corrections::PaymentRow;
use cobro_core::money;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub(super) fn VoidForm(
    invoice_id: String,
    payment: PaymentRow,
    currency: String,
    notice: RwSignal<Notice>,
    close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let t = move || texts(i18n.lang.get());
    let reason = RwSignal::new(String::new());
    let missing = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let (invoice_id, payment_id) = (StoredValue::new(invoice_id), StoredValue::new(payment.id.clone()));
    let currency = StoredValue::new(currency);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let t = texts(lang);
        let why = reason.get_untracked().trim().to_string();
        if why.is_empty() {
            missing.set(true);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = async {
                let db = app.db().await.map_err(OpError::Storage)?;
                db.void_payment(
                    &invoice_id.get_value(),
                    &payment_id.get_value(),
                    &why,
                    clock::today(),
                    clock::now(),
                )
                .await
            }
            .await;
            busy.try_set(false);
            match result {
                Ok(done) => {
                    let owed = currency.with_value(|c| money::format_amount(done.owed, c, lang));
                    notice.try_set(Notice::Ok((t.voided_done)(&owed)));
                    let _ = close.try_run(());
                }
                Err(e) => {
                    notice.try_set(Notice::Err(format!(
                        "{}: {}",
                        t.failed,
                        crate::i18n::op_message(&e, lang)
                    )));
                }
            }
        });
    };
    let amount = payment.amount;
    let day = payment.date;
    view! {
        <form class="collect-form void-form" data-form="void-payment" on:submit=submit novalidate>
            <h4 class="form-title">
                {move || {
                    let lang = i18n.lang.get();
                    format!(
                        "{} · {} · {}",
                        t().void_title,
                        cobro_core::locale::date(day, lang),
                        currency.with_value(|c| money::format_amount(amount, c, lang)),
                    )
                }}
            </h4>
            <label class="field">
                <span>{move || t().reason}</span>
                <input
                    type="text"
                    data-field="reason"
                    required
                    aria-invalid=move || missing.get().to_string()
                    prop:value=move || reason.get()
                    on:input=move |ev| {
                        missing.set(false);
                        reason.set(event_target_value(&ev));
                    }
                />
                {move || missing.get().then(|| view! { <p class="field-error" role="alert" id="void-reason-error">{t().required}</p> })}
            </label>
            <div class="form-actions">
                <button type="submit" class="danger" data-action="confirm-void" disabled=move || busy.get()>{move || t().confirm_void}</button>
                <button type="button" class="secondary" data-action="cancel" on:click=move |_| close.run(())>{move || t().cancel}</button>
            </div>
        </form>
    }
}
