//! Collections on an invoice's page: status and what is owed, the next step of its follow-up
//! (or the closing fact that ended it); mark as sent, confirm receipt or send again; log a
//! contact; record a payment (prefilled with what settles it); resolve a dispute; write it off
//! or hand it to legal, or reopen it; the formal letter; and the invoice's follow-up steps,
//! payments and contact log.
//! The invoice page renders `<CollectPanel invoice_id=…/>` for issued invoices.

use super::close_form::CloseForm;
use super::contact_form::ContactForm;
use super::send_form::SendForm;
use super::shared::{
    iso, kind_slug, outcome_words, parse_iso, show_date, write_and_report, DateField, Notice, NoticeLine,
};
use crate::components::payments::{PayForm, PaymentList};
use crate::i18n::collections::{follow, texts, T};
use crate::i18n::use_i18n;
use crate::platform::clock;
use crate::state::use_app;
use chrono::NaiveDate;
use cobro_core::follow_up::{self, ClosureKind, Phase};
use cobro_core::ledger::Ledger;
use cobro_core::lifecycle::{self, InvoiceStatus};
use cobro_core::{collect, money, tax, Channel, Lang, Outcome, StepKind, StepState};
use leptos::prelude::*;

/// What the panel shows, copied out of the dataset.
#[derive(Clone, Debug, PartialEq)]
struct Model {
    invoice_id: String,
    number: String,
    client_id: String,
    ap_name: String,
    status: InvoiceStatus,
    currency: String,
    total: rust_decimal::Decimal,
    paid: rust_decimal::Decimal,
    owed: rust_decimal::Decimal,
    overpaid: rust_decimal::Decimal,
    due: NaiveDate,
    sent: Option<(NaiveDate, Channel)>,
    receipt: Option<(NaiveDate, String)>,
    dispute: Option<(NaiveDate, String)>,
    offer: Option<(String, NaiveDate, rust_decimal::Decimal)>,
    receipt_step: Option<String>,
    /// The follow-up's current step: kind and date.
    next: Option<(StepKind, NaiveDate)>,
    /// The closing fact in force: which, since when, why.
    closure: Option<(ClosureKind, NaiveDate, String)>,
    /// Overdue and followed up: the formal letter can claim it.
    claimable: bool,
    steps: Vec<(String, StepKind, NaiveDate, StepState, Option<NaiveDate>)>,
    contacts: Vec<(NaiveDate, Channel, String, Outcome, String)>,
}

enum Load {
    Missing,
    Draft,
    Ready(Box<Model>),
}

fn model(data: &cobro_core::Dataset, id: &str, today: NaiveDate) -> Load {
    let ledger = Ledger::new(data);
    let Some(inv) = ledger.invoice(id) else {
        return Load::Missing;
    };
    let Some(number) = inv.number.clone() else {
        return Load::Draft;
    };
    let Ok(balance) = ledger.balance(inv) else {
        return Load::Missing;
    };
    let client = ledger.client(&inv.client_id);
    let index = ledger.invoice_index(id);
    let phase_and_next = index.and_then(|i| {
        let facts = collect::facts(&ledger, i, today)?;
        let phase = follow_up::phase(&facts, today);
        let next = follow_up::current(&facts, collect::policy(&ledger, i), today).map(|c| (c.kind, c.due));
        Some((phase, next))
    });
    let (phase, next) = phase_and_next.unwrap_or((None, None));
    let closure = follow_up::closure(ledger.contacts_of(id).iter().copied(), today)
        .map(|c| (c.kind, c.date, c.note.to_string()));
    let mut steps: Vec<_> = ledger
        .steps_of(id)
        .iter()
        .map(|s| (s.id.clone(), s.kind, s.due, s.state.clone(), s.snoozed_from))
        .collect();
    cobro_core::order::sort_by_key(&mut steps, |s| (s.2, s.1));
    let receipt_step = ledger
        .steps_of(id)
        .iter()
        .find(|s| s.kind == StepKind::ReceiptCheck && s.state == StepState::Open)
        .map(|s| s.id.clone());
    // Newest first: the last word with the client is what matters next.
    let mut contacts: Vec<_> = data
        .contacts
        .iter()
        .filter(|c| c.invoice_id.as_deref() == Some(id))
        .collect();
    cobro_core::order::sort_by_key(&mut contacts, |c| std::cmp::Reverse((c.date, c.updated_at)));
    let offer = tax::invoice_totals(inv)
        .ok()
        .and_then(|t| tax::early_payment_offer(inv, &t).ok().flatten())
        .filter(|o| today <= o.deadline && balance.paid.is_zero())
        .map(|o| (o.discount_pct.normalize().to_string(), o.deadline, o.amount));
    Load::Ready(Box::new(Model {
        invoice_id: id.to_string(),
        number,
        client_id: inv.client_id.clone(),
        ap_name: client.map(|c| c.ap_contact_name.clone()).unwrap_or_default(),
        status: lifecycle::status(inv, &balance, today),
        currency: inv.currency.clone(),
        total: balance.total,
        paid: balance.paid,
        owed: balance.owed,
        overpaid: balance.overpaid,
        due: inv.due_date,
        sent: inv.sent.as_ref().map(|s| (s.date, s.channel)),
        receipt: inv.receipt.as_ref().map(|r| (r.date, r.confirmed_by.clone())),
        dispute: lifecycle::current_dispute(inv).map(|d| (d.opened, d.reason.clone())),
        offer,
        receipt_step,
        next,
        closure,
        claimable: phase == Some(Phase::Policy) && today > inv.due_date,
        steps,
        contacts: contacts
            .into_iter()
            .map(|c| {
                (
                    c.date,
                    c.channel,
                    c.who.clone(),
                    c.outcome.clone(),
                    c.note.clone(),
                )
            })
            .collect(),
    }))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Action {
    None,
    Send,
    Receipt,
    Resend,
    Log,
    Pay,
    Resolve,
    Close,
    Reopen,
}

fn state_words(t: &T, s: &StepState, lang: Lang) -> String {
    match s {
        StepState::Open => t.state_open.to_string(),
        StepState::Done { date } => (t.state_done)(&show_date(*date, lang)),
        StepState::Skipped { reason } => {
            format!(
                "{}: {}",
                t.state_skipped,
                crate::i18n::problems::step_reason(reason, lang)
            )
        }
        StepState::Superseded => t.state_superseded.to_string(),
    }
}

#[component]
pub fn CollectPanel(
    /// The invoice this panel acts on.
    invoice_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let app = use_app();
    let today = clock::today();
    let action = RwSignal::new(Action::None);
    let notice = RwSignal::new(Notice::None);
    // The payment list's line, under the list where its forms open. Opening any form here
    // or there clears both: a word about an earlier payment must not stay beside a newer
    // one ("overpaid by…" beside the correction that took the overpayment away).
    let list_notice = RwSignal::new(Notice::None);
    let id = StoredValue::new(invoice_id.clone());

    let load = Memo::new(move |_| {
        app.data.with(|d| match d {
            None => None,
            Some(data) => match model(data, &id.get_value(), today) {
                Load::Ready(m) => Some(Ok(m)),
                Load::Missing => Some(Err(false)),
                Load::Draft => Some(Err(true)),
            },
        })
    });

    // The facts and the lists follow every change of the data; the open form does not: a
    // payment, a sending or another tab reloads the data, and what the user was typing stays.
    let ready = Memo::new(move |_| load.with(|l| matches!(l, Some(Ok(_)))));
    let form = move || {
        if !ready.get() {
            return None;
        }
        let a = action.get();
        let m = load.with_untracked(|l| match l {
            Some(Ok(m)) => Some(m.clone()),
            _ => None,
        })?;
        Some(view! { <ActionForm a=a m=*m id=id action=action notice=notice /> })
    };

    view! {
        <section class="collect-panel" data-invoice=invoice_id aria-labelledby="collect-heading">
            <h2 id="collect-heading">{move || t().collect_heading}</h2>
            {move || match load.get() {
                None => view! { <p class="empty">{move || t().loading}</p> }.into_any(),
                Some(Err(false)) => view! { <p class="notice err" id="collect-missing">{move || t().not_found}</p> }.into_any(),
                Some(Err(true)) => view! { <p class="empty" id="collect-draft">{move || t().not_issued}</p> }.into_any(),
                Some(Ok(m)) => view! { <Facts m=*m action=action notice=notice list_notice=list_notice /> }.into_any(),
            }}
            {form}
            <NoticeLine notice=notice />
            {move || ready.get().then(|| view! { <PaymentList invoice_id=id.get_value() notice=list_notice panel_notice=notice /> })}
            {move || load.get().and_then(Result::ok).map(|m| view! { <History m=*m /> })}
        </section>
    }
}

/// Status, amounts, what has happened, and the buttons that open a form.
#[component]
fn Facts(
    m: Model,
    action: RwSignal<Action>,
    notice: RwSignal<Notice>,
    /// The payment list's line, out of date once another form opens.
    list_notice: RwSignal<Notice>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let lang = move || i18n.lang.get();
    let m = StoredValue::new(m);
    let fmt = move |v: rust_decimal::Decimal| m.with_value(|m| money::format_amount(v, &m.currency, lang()));
    let mv = m.get_value();
    let owes = mv.owed > rust_decimal::Decimal::ZERO;
    let sent = mv.sent.is_some();
    let receipt = mv.receipt.is_some();
    let disputed = mv.dispute.is_some();
    let closed = mv.closure.is_some();
    let letter_href = mv.claimable.then(|| format!("#/agenda/letter/{}", mv.invoice_id));
    let open_btn = move |a: Action, label: fn(&T) -> &'static str, key: &'static str| {
        view! {
            <button
                type="button"
                class:secondary=move || action.get() != a
                data-action=key
                aria-expanded=move || (action.get() == a).to_string()
                on:click=move |_| {
                    notice.set(Notice::None);
                    list_notice.set(Notice::None);
                    action.set(if action.get() == a { Action::None } else { a });
                }
            >
                {move || label(t())}
            </button>
        }
    };

    view! {
        <dl class="collect-facts">
            <div>
                <dt>{move || t().status}</dt>
                <dd id="collect-status" data-status=format!("{:?}", mv.status)>{move || t().status_name(m.with_value(|m| m.status))}</dd>
            </div>
            <div>
                <dt>{move || t().total}</dt>
                <dd>{move || fmt(m.with_value(|m| m.total))}</dd>
            </div>
            <div>
                <dt>{move || t().paid}</dt>
                <dd id="collect-paid">{move || fmt(m.with_value(|m| m.paid))}</dd>
            </div>
            <div>
                <dt>{move || t().owed}</dt>
                <dd id="collect-owed" data-owed=mv.owed.to_string() class="amount">{move || fmt(m.with_value(|m| m.owed))}</dd>
            </div>
            <div>
                <dt>{move || t().due_date}</dt>
                <dd>{move || show_date(m.with_value(|m| m.due), lang())}</dd>
            </div>
        </dl>
        {(mv.overpaid > rust_decimal::Decimal::ZERO)
            .then(|| view! { <p class="notice warn" id="collect-overpaid">{move || (t().overpaid_by)(&fmt(m.with_value(|m| m.overpaid)))}</p> })}
        <ul class="collect-history">
            {mv.sent.map(|(d, _)| view! { <li id="collect-sent">{move || (t().sent_on)(&show_date(d, lang()))}</li> })}
            {mv.receipt
                .clone()
                .map(|(d, who)| view! { <li id="collect-receipt">{move || (t().receipt_on)(&show_date(d, lang()), &who)}</li> })}
            {mv.dispute
                .clone()
                .map(|(d, r)| view! { <li id="collect-dispute" class="warn">{move || (t().dispute_open)(&show_date(d, lang()), &r)}</li> })}
            {mv.offer
                .clone()
                .map(|(pct, d, a)| {
                    view! { <li id="collect-offer">{move || (t().early_offer)(&pct, &show_date(d, lang()), &fmt(a))}</li> }
                })}
            {mv.closure.clone().map(|(kind, d, note)| {
                let kind_slug = match kind { ClosureKind::WrittenOff => "written_off", ClosureKind::Legal => "legal" };
                view! {
                    <li id="collect-closed" class="warn" data-closure=kind_slug>
                        {move || match kind {
                            ClosureKind::WrittenOff => (follow(lang()).closed_written_off)(&show_date(d, lang()), &note),
                            ClosureKind::Legal => (follow(lang()).closed_legal)(&show_date(d, lang()), &note),
                        }}
                    </li>
                }
            })}
            {(!closed && owes).then(|| view! {
                <li id="collect-next" data-kind=mv.next.map(|(k, _)| kind_slug(k)).unwrap_or_default()>
                    {move || match mv.next {
                        Some((k, d)) => (follow(lang()).next_step)(t().kind(k), &show_date(d, lang())),
                        None => follow(lang()).no_next_step.to_string(),
                    }}
                </li>
            })}
        </ul>
        <div class="collect-actions no-print">
            {(!sent).then(|| open_btn(Action::Send, |t| t.mark_sent, "mark-sent"))}
            {(sent && !receipt).then(|| open_btn(Action::Receipt, |t| t.confirm_receipt, "confirm-receipt"))}
            {(sent && !receipt).then(|| open_btn(Action::Resend, |t| t.resend, "resend"))}
            {open_btn(Action::Log, |t| t.log_contact, "log-contact")}
            {owes.then(|| open_btn(Action::Pay, |t| t.record_payment, "record-payment"))}
            {disputed.then(|| open_btn(Action::Resolve, |t| t.resolve_dispute, "resolve-dispute"))}
            {letter_href.map(|href| view! {
                <a class="button secondary" data-action="letter" href=href>{move || follow(lang()).letter}</a>
            })}
            {(owes && !closed).then(|| open_btn(Action::Close, |t| follow(t.lang).close, "close-follow-up"))}
            {closed.then(|| open_btn(Action::Reopen, |t| follow(t.lang).reopen, "reopen-follow-up"))}
        </div>
    }
}

/// The form a button opened, built from the panel's facts at the moment it opened.
#[component]
fn ActionForm(
    a: Action,
    m: Model,
    id: StoredValue<String>,
    action: RwSignal<Action>,
    notice: RwSignal<Notice>,
) -> impl IntoView {
    let close = Callback::new(move |()| action.set(Action::None));
    match a {
        Action::Send | Action::Resend => view! { <SendForm invoice_id=id.get_value() notice=notice close=close /> }.into_any(),
        Action::Close | Action::Reopen => view! {
            <CloseForm client_id=m.client_id.clone() invoice_id=id.get_value() reopen={a == Action::Reopen} notice=notice close=close />
        }
        .into_any(),
        Action::Receipt => view! {
            <ContactForm
                client_id=m.client_id.clone()
                invoice_id=Some(id.get_value())
                step_id=m.receipt_step.clone()
                channel=Channel::Email
                who=m.ap_name.clone()
                receipt_only=true
                notice=notice
                on_close=close
            />
        }
        .into_any(),
        Action::Log => view! {
            <ContactForm
                client_id=m.client_id.clone()
                invoice_id=Some(id.get_value())
                channel=Channel::Phone
                who=m.ap_name.clone()
                notice=notice
                on_close=close
            />
        }
        .into_any(),
        Action::Pay => view! { <PayForm invoice_id=id.get_value() notice=notice close=close /> }.into_any(),
        Action::Resolve => view! { <ResolveForm id=id notice=notice close=close /> }.into_any(),
        Action::None => ().into_any(),
    }
}

/// The invoice's follow-up steps and contacts (its payments: `PaymentList`).
#[component]
fn History(m: Model) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let lang = move || i18n.lang.get();
    view! {
        <h3>{move || t().steps_heading}</h3>
        {if m.steps.is_empty() {
            view! { <p class="empty">{move || t().no_steps}</p> }.into_any()
        } else {
            view! {
                <ol class="collect-steps" id="collect-steps">
                    {m.steps
                        .iter()
                        .cloned()
                        .map(|(sid, kind, due, state, snoozed)| {
                            let open = state == StepState::Open;
                            let state_slug = match &state {
                                StepState::Open => "open",
                                StepState::Done { .. } => "done",
                                StepState::Skipped { .. } => "skipped",
                                StepState::Superseded => "superseded",
                            };
                            view! {
                                <li data-step=sid data-kind=kind_slug(kind) data-state=state_slug class:open=open>
                                    <span class="step-date">{move || show_date(due, lang())}</span>
                                    <span class="step-kind">{move || t().kind(kind)}</span>
                                    <span class="step-state">
                                        {let state = state.clone(); move || state_words(t(), &state, lang())}
                                        {move || snoozed.map(|d| format!(" · {}", (t().snoozed_from)(&show_date(d, lang()))))}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            }
                .into_any()
        }}
        <h3>{move || t().contacts_heading}</h3>
        {if m.contacts.is_empty() {
            view! { <p class="empty">{move || t().no_contacts}</p> }.into_any()
        } else {
            view! {
                <ul class="collect-contacts" id="collect-contacts">
                    {m.contacts
                        .iter()
                        .cloned()
                        .map(|(d, ch, who, outcome, note)| {
                            view! {
                                <li>
                                    <span>{move || show_date(d, lang())}</span>
                                    " · "
                                    <span>{move || t().channel_name(ch)}</span>
                                    {(!who.is_empty()).then(|| format!(" · {who}"))}
                                    " · "
                                    <strong>{let o = outcome.clone(); move || outcome_words(t(), &o, lang())}</strong>
                                    {(!note.is_empty()).then(|| view! { <div class="muted">{note.clone()}</div> })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
    }
}

/// The dispute is over: on which day.
#[component]
fn ResolveForm(id: StoredValue<String>, notice: RwSignal<Notice>, close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let tl = texts(i18n.lang.get_untracked());
    let app = use_app();
    let date = RwSignal::new(iso(clock::today()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let tx = texts(i18n.lang.get_untracked());
        let Some(day) = parse_iso(&date.get_untracked()) else {
            notice.set(Notice::Err(tx.bad_date.into()));
            return;
        };
        let invoice_id = id.get_value();
        write_and_report(app, notice, tx, move |db| async move {
            db.resolve_dispute(&invoice_id, day, clock::now()).await?;
            // The form may be gone by now (another tab reloaded the data): then nothing to close.
            let _ = close.try_run(());
            Ok(tx.saved.to_string())
        });
    };
    view! {
        <form class="collect-form" data-form="resolve" on:submit=submit novalidate>
            <DateField value=date label=tl.date field="date" />
            <div class="form-actions">
                <button type="submit" data-action="save">{tl.save}</button>
                <button type="button" class="secondary" on:click=move |_| close.run(())>{tl.cancel}</button>
            </div>
        </form>
    }
}
