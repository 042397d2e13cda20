//! The payments of an invoice, newest first: each with its method and note, the
//! early-payment discount it settled with, and for a voided one the day and the reason
//! (struck through, never gone). A payment that counts can be corrected or voided; the form
//! opens under the list and outlives changes of the data.

use super::pay_form::PayForm;
use super::void_form::VoidForm;
use crate::components::collections::shared::{Notice, NoticeLine};
use crate::i18n::corrections::{percent, texts};
use crate::i18n::use_i18n;
use crate::state::use_app;
use cobro_core::corrections::{self, PaymentRow, PaymentsView};
use cobro_core::ledger::Ledger;
use cobro_core::{locale, money, Lang};
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
enum Open {
    None,
    Correct(PaymentRow),
    Void(PaymentRow),
}

/// One payment's line; its buttons open a form and clear what `notices` said before.
fn row(
    r: PaymentRow,
    currency: &str,
    lang: Lang,
    open: RwSignal<Open>,
    notices: [RwSignal<Notice>; 2],
) -> impl IntoView {
    let t = texts(lang);
    let fmt = |v| money::format_amount(v, currency, lang);
    let date = |d| locale::date(d, lang);
    let counts = r.voided.is_none();
    let details = [r.method.clone(), r.note.clone()]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let replaced = r.voided.as_ref().is_some_and(|v| v.replaced_by.is_some());
    let voided = r.voided.as_ref().map(|v| match &v.replaced_by {
        Some(_) if v.reason.trim().is_empty() => (t.replaced_on)(&date(v.date)),
        _ => (t.voided_on)(&date(v.date), &v.reason),
    });
    let discount = r
        .discount
        .as_ref()
        .map(|d| (t.discount_taken)(&fmt(d.amount), &percent(d.discount_pct, lang), d.within_days));
    let corrects = r.corrects.map(|(d, a)| (t.corrects)(&fmt(a), &date(d)));
    let (for_correct, for_void) = (r.clone(), r.clone());
    let open_form = move |form: Open| {
        for n in notices {
            n.set(Notice::None);
        }
        open.set(form);
    };
    view! {
        <li
            data-payment=r.id.clone()
            data-amount=r.amount.to_string()
            data-state=if counts { "counts" } else { "voided" }
            class:voided=!counts
        >
            <span class="payment-date">{date(r.date)}</span>
            <span class="amount payment-amount">{fmt(r.amount)}</span>
            {(!details.is_empty()).then(|| view! { <span class="muted">{details}</span> })}
            {discount.map(|d| view! { <span class="payment-discount">{d}</span> })}
            {corrects.map(|c| view! { <span class="muted payment-corrects">{c}</span> })}
            {voided.map(|v| view! { <span class="payment-voided" class:replaced=replaced>{v}</span> })}
            {(r.can_correct || r.can_void).then(|| view! {
                <span class="payment-actions no-print">
                    {r.can_correct.then(|| view! {
                        <button type="button" class="secondary" data-action="correct-payment" on:click=move |_| open_form(Open::Correct(for_correct.clone()))>
                            {t.correct}
                        </button>
                    })}
                    {r.can_void.then(|| view! {
                        <button type="button" class="secondary" data-action="void-payment" on:click=move |_| open_form(Open::Void(for_void.clone()))>
                            {t.void}
                        </button>
                    })}
                </span>
            })}
        </li>
    }
}

/// The invoice's payments with their correct and void actions.
#[component]
pub fn PaymentList(
    invoice_id: String,
    /// What the list's last form did, shown under it.
    notice: RwSignal<Notice>,
    /// The panel's line above (after recording a payment), out of date once a form opens here.
    panel_notice: RwSignal<Notice>,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let id = StoredValue::new(invoice_id);
    let open = RwSignal::new(Open::None);
    let view_model = Memo::new(move |_| -> Option<PaymentsView> {
        app.data
            .with(|d| corrections::payments_view(&Ledger::new(d.as_deref()?), &id.get_value()))
    });
    let list = move || {
        let lang = i18n.lang.get();
        let t = texts(lang);
        let v = view_model.get()?;
        let discount = v.discount.as_ref().map(|d| {
            (t.discount_taken)(
                &money::format_amount(d.amount, &v.currency, lang),
                &percent(d.discount_pct, lang),
                d.within_days,
            )
        });
        let rows = if v.rows.is_empty() {
            view! { <p class="empty">{t.no_payments}</p> }.into_any()
        } else {
            let currency = v.currency.clone();
            view! {
                <ul class="collect-payments" id="collect-payments">
                    {v.rows.into_iter().map(|r| row(r, &currency, lang, open, [notice, panel_notice])).collect_view()}
                </ul>
            }
            .into_any()
        };
        Some(view! {
            {discount.map(|d| view! { <p class="payments-discount" id="payments-discount">{d}</p> })}
            {rows}
        })
    };
    // The open form is built from what the row showed when it was opened, not rebuilt as
    // the data changes, so that what is typed stays.
    let close = Callback::new(move |()| open.set(Open::None));
    let form = move || {
        let currency = view_model.with_untracked(|v| v.as_ref().map(|v| v.currency.clone()))?;
        Some(match open.get() {
            Open::None => ().into_any(),
            Open::Correct(r) => view! { <PayForm invoice_id=id.get_value() correcting=r notice=notice close=close /> }.into_any(),
            Open::Void(r) => view! { <VoidForm invoice_id=id.get_value() payment=r currency=currency notice=notice close=close /> }.into_any(),
        })
    };
    view! {
        <section class="payments" aria-labelledby="payments-heading">
            <h3 id="payments-heading">{move || texts(i18n.lang.get()).payments_heading}</h3>
            {list}
            {form}
            <NoticeLine notice=notice />
        </section>
    }
}
