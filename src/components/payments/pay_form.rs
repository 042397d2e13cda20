//! Record a payment, or correct one: date, amount (prefilled with what settles the invoice),
//! method, note. While it is typed the form says what it would do (what stays owed, whether
//! it settles, with which early-payment discount); a date after today or an amount of zero
//! is refused at its field; an amount beyond what is owed is asked about, with the excess,
//! before anything is written.

use super::records::Owned;
use crate::components::collections::shared::{amount_input, iso, parse_iso, Notice};
use crate::i18n::corrections::{percent, texts, T};
use crate::i18n::use_i18n;
use crate::platform::clock;
use crate::state::use_app;
use crate::storage::{new_id, OpError};
use cobro_core::corrections::{self, PaymentError, PaymentPreview, PaymentRow};
use cobro_core::ledger::Ledger;
use cobro_core::{locale, money, Lang, Payment};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;

/// What the form's fields say, or why a field cannot be read.
enum Typed {
    Ok(Payment),
    BadDate,
    BadAmount,
}

/// A message under a field.
fn field_error(id: &'static str, text: impl Fn() -> Option<String> + Send + Sync + 'static) -> impl IntoView {
    move || text().map(|m| view! { <p class="field-error" role="alert" id=id>{m}</p> })
}

/// Record a payment on `invoice_id` (or, with `correcting`, the payment that replaces it).
/// Reports in `notice`; `close` is called once it is written.
#[component]
pub fn PayForm(
    invoice_id: String,
    /// The payment this form corrects.
    #[prop(optional)]
    correcting: Option<PaymentRow>,
    notice: RwSignal<Notice>,
    close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let lang0 = i18n.lang.get_untracked();
    let today = clock::today();
    let id = StoredValue::new(invoice_id);
    let replacing = StoredValue::new(correcting.as_ref().map(|c| c.id.clone()));
    // What it starts from is read once: the data changing under the form keeps what is typed.
    let start = app.with_current(|d| {
        d.and_then(|d| {
            corrections::pay_form_start(
                &Ledger::new(d),
                &id.get_value(),
                correcting.as_ref().map_or(today, |c| c.date),
                correcting.as_ref().and_then(|c| c.method_id.as_deref()),
            )
        })
    });
    let Some(start) = start else {
        return ().into_any();
    };
    let currency = StoredValue::new(start.currency.clone());
    let date = RwSignal::new(iso(correcting.as_ref().map_or(today, |c| c.date)));
    let amount = RwSignal::new(amount_input(
        correcting.as_ref().map_or(start.suggested, |c| c.amount),
        lang0,
    ));
    let method = RwSignal::new(match &correcting {
        Some(c) => c.method_id.clone().unwrap_or_default(),
        None => start
            .methods
            .first()
            .map(|(id, _)| id.clone())
            .unwrap_or_default(),
    });
    let note = RwSignal::new(correcting.as_ref().map(|c| c.note.clone()).unwrap_or_default());
    let reason = RwSignal::new(String::new());
    // The excess the user was asked about, and the one they accepted.
    let asking = RwSignal::new(None::<Decimal>);
    let confirmed = RwSignal::new(None::<Decimal>);
    let busy = RwSignal::new(false);
    let payment_id = StoredValue::new(new_id());

    let typed = move || -> Typed {
        let Some(day) = parse_iso(&date.get()) else {
            return Typed::BadDate;
        };
        let Ok(value) = money::parse_amount(&amount.get()) else {
            return Typed::BadAmount;
        };
        Typed::Ok(Payment {
            id: payment_id.get_value(),
            invoice_id: id.get_value(),
            date: day,
            amount: value,
            method_id: Some(method.get()).filter(|m| !m.is_empty()),
            note: note.get().trim().to_string(),
            early_discount: None,
            closed_steps: Vec::new(),
            voided: None,
            updated_at: clock::now(),
        })
    };
    // What the typed payment would do, asked of the core on the current data.
    let preview = Memo::new(move |_| -> Option<Result<PaymentPreview, PaymentError>> {
        let Typed::Ok(p) = typed() else { return None };
        app.data.with(|d| {
            let owned = Owned::of(d.as_deref()?, &id.get_value())?;
            Some(corrections::preview(
                &owned.records(),
                &p,
                replacing.get_value().as_deref(),
                today,
            ))
        })
    });
    // Typing a new amount or date takes back an answer given to another figure.
    Effect::new(move |_| {
        date.track();
        amount.track();
        asking.set(None);
        confirmed.set(None);
    });

    let fmt = move |v: Decimal, lang: Lang| currency.with_value(|c| money::format_amount(v, c, lang));
    let t = move || texts(i18n.lang.get());
    let date_error = move || match (typed(), preview.get()) {
        (Typed::BadDate, _) => Some(t().bad_date.to_string()),
        (_, Some(Err(e @ PaymentError::InFuture { .. }))) => {
            Some(crate::i18n::corrections::payment_error(&e, i18n.lang.get()))
        }
        _ => None,
    };
    let amount_error = move || match (typed(), preview.get()) {
        (Typed::BadAmount, _) => Some(t().bad_amount.to_string()),
        (_, Some(Err(e @ PaymentError::NotPositive { .. }))) => {
            Some(crate::i18n::corrections::payment_error(&e, i18n.lang.get()))
        }
        _ => None,
    };
    let effect_line = move || {
        let lang = i18n.lang.get();
        let t = texts(lang);
        match preview.get()? {
            Ok(p) if p.excess > Decimal::ZERO => None,
            Ok(p) => Some(match (&p.discount, p.settles) {
                (Some(d), _) => (t.settles_with_discount)(&fmt(d.amount, lang)),
                (None, true) => t.settles.to_string(),
                (None, false) => (t.owed_after)(&fmt(p.owed_after, lang)),
            }),
            Err(_) => None,
        }
    };

    let submit = move || {
        let lang = i18n.lang.get_untracked();
        let t = texts(lang);
        let Typed::Ok(payment) = untrack(typed) else {
            return;
        };
        match preview.get_untracked() {
            Some(Ok(p)) if p.excess > Decimal::ZERO && confirmed.get_untracked() != Some(p.excess) => {
                asking.set(Some(p.excess));
                return;
            }
            Some(Err(PaymentError::InFuture { .. } | PaymentError::NotPositive { .. })) => return,
            _ => {}
        }
        let excess = confirmed.get_untracked();
        let replacing = replacing.get_value();
        let reason = reason.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let result = async {
                let db = app.db().await.map_err(OpError::Storage)?;
                let today = clock::today();
                let now = clock::now();
                match &replacing {
                    Some(old) => {
                        db.correct_payment(old, &payment, &reason, today, excess, now)
                            .await
                    }
                    None => db.record_payment(&payment, today, excess, now).await,
                }
            }
            .await;
            busy.try_set(false);
            match result {
                Ok(done) => {
                    let owed = currency.with_value(|c| money::format_amount(done.owed, c, lang));
                    let mut message = if replacing.is_some() {
                        (t.corrected_done)(&owed)
                    } else {
                        (t.recorded)(&owed)
                    };
                    if done.overpaid > Decimal::ZERO {
                        let over = currency.with_value(|c| money::format_amount(done.overpaid, c, lang));
                        message = format!("{message} · {}", (t.overpaid)(&over));
                    }
                    notice.try_set(Notice::Ok(message));
                    // The form may be gone by now (another tab reloaded the data).
                    let _ = close.try_run(());
                }
                // Another tab paid meanwhile: ask again, with the new figure.
                Err(OpError::Payment(PaymentError::Overpayment { by, .. })) => {
                    asking.try_set(Some(by));
                    confirmed.try_set(None);
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
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit();
    };
    let offer = start.offer.map(|(pct, deadline, amount)| {
        move || {
            let lang = i18n.lang.get();
            (texts(lang).offer)(
                &percent(pct, lang),
                &locale::date(deadline, lang),
                &fmt(amount, lang),
            )
        }
    });
    let title: fn(&T) -> &'static str = if correcting.is_some() {
        |t| t.correct_title
    } else {
        |t| t.record_title
    };
    let is_correction = correcting.is_some();
    let methods = start.methods.clone();

    view! {
        <form class="collect-form pay-form" data-form="payment" on:submit=on_submit novalidate>
            <h4 class="form-title">{move || title(t())}</h4>
            {offer.map(|o| view! { <p class="hint" id="pay-offer">{o}</p> })}
            <label class="field">
                <span>{move || t().date}</span>
                <input
                    type="date"
                    data-field="date"
                    required
                    max=iso(today)
                    aria-invalid=move || date_error().is_some().to_string()
                    prop:value=move || date.get()
                    on:input=move |ev| date.set(event_target_value(&ev))
                />
                {field_error("pay-date-error", date_error)}
            </label>
            <label class="field">
                <span>{move || format!("{} ({})", t().amount, currency.get_value())}</span>
                <input
                    type="text"
                    data-field="amount"
                    inputmode="decimal"
                    aria-invalid=move || amount_error().is_some().to_string()
                    prop:value=move || amount.get()
                    on:input=move |ev| amount.set(event_target_value(&ev))
                />
                {field_error("pay-amount-error", amount_error)}
                {move || effect_line().map(|m| view! { <p class="hint" id="pay-preview" role="status">{m}</p> })}
            </label>
            <label class="field">
                <span>{move || t().method}</span>
                <select data-field="method" prop:value=move || method.get() on:change=move |ev| method.set(event_target_value(&ev))>
                    {methods
                        .into_iter()
                        .map(|(id, label)| view! { <option value=id>{label}</option> })
                        .collect_view()}
                    <option value="">{move || t().no_method}</option>
                </select>
            </label>
            <label class="field">
                <span>{move || t().note}</span>
                <input type="text" data-field="note" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
            </label>
            {is_correction.then(|| view! {
                <label class="field">
                    <span>{move || t().reason_optional}</span>
                    <input type="text" data-field="reason" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
                </label>
            })}
            {move || asking.get().map(|excess| {
                let lang = i18n.lang.get();
                let owed = match preview.get() {
                    Some(Ok(p)) => p.settling,
                    _ => Decimal::ZERO,
                };
                view! {
                    <div class="notice warn overpay" role="alert" id="overpay-question" data-excess=excess.to_string()>
                        <p>{(texts(lang).overpay_question)(&fmt(excess, lang), &fmt(owed, lang))}</p>
                        <div class="form-actions">
                            <button
                                type="button"
                                data-action="confirm-overpayment"
                                on:click=move |_| {
                                    confirmed.set(Some(excess));
                                    submit();
                                }
                            >
                                {texts(lang).overpay_confirm}
                            </button>
                            <button type="button" class="secondary" data-action="change-amount" on:click=move |_| asking.set(None)>
                                {texts(lang).overpay_change}
                            </button>
                        </div>
                    </div>
                }
            })}
            <div class="form-actions">
                <button type="submit" data-action="save" disabled=move || busy.get()>{move || t().save}</button>
                <button type="button" class="secondary" data-action="cancel" on:click=move |_| close.run(())>{move || t().cancel}</button>
            </div>
        </form>
    }
    .into_any()
}
