//! One invoice on the agenda, as a card: which step and why it is there (how late the invoice
//! is, what it supersedes, what was last done and when), how much, and the one-tap actions the
//! core's card view model offers (call, email, share, done, snooze, formal letter). It renders
//! `cobro_core::agenda::Card` and adds only labels.

use super::contact_form::ContactForm;
use super::send_form::SendForm;
use super::shared::{
    iso, kind_slug, outcome_words, parse_iso, show_date, write_and_report, DateField, Notice, NoticeLine,
};
use crate::components::share_text::ShareText;
use crate::components::when::When;
use crate::i18n::collections::{follow, texts};
use crate::i18n::use_i18n;
use crate::platform::clock;
use crate::state::use_app;
use crate::storage::new_id;
use cobro_core::agenda::{Card, CardKind, DoneWith, LastKind};
use cobro_core::{money, Lang};
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    Done,
    Snooze,
}

/// "Último: no contesta, el 23/01/2026" from the card's last action (or payment).
fn last_words(card: &Card, lang: Lang) -> String {
    let (t, f) = (texts(lang), follow(lang));
    match &card.last {
        None => f.nothing_yet.to_string(),
        Some(last) => {
            let what = match &last.what {
                LastKind::Sent { channel } => (f.last_sent)(t.channel_how(*channel)),
                LastKind::Paid { amount } => {
                    (f.last_paid)(&money::format_amount(*amount, &card.currency, lang))
                }
                LastKind::Contact { outcome, step, .. } => {
                    let o = outcome_words(t, outcome, lang);
                    match step {
                        Some(kind) => format!("{} · {o}", t.kind(*kind)),
                        None => o,
                    }
                }
            };
            (f.last)(&what, &show_date(last.date, lang))
        }
    }
}

/// A card (`actions` false on the coming-up list, which only informs).
#[component]
pub fn AgendaCard(card: Card) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let f = move || follow(i18n.lang.get());
    let lang = move || i18n.lang.get();
    let app = use_app();
    let open = RwSignal::new(Open::Nothing);
    let notice = RwSignal::new(Notice::None);
    let snooze_to = RwSignal::new(iso(clock::today().succ_opt().unwrap_or_else(clock::today)));
    let card = StoredValue::new(card);
    let c = card.get_value();
    let CardKind::FollowUp {
        step,
        supersedes,
        snoozed,
        promises_broken,
        dispute,
    } = c.kind.clone();
    let kind = step.kind;
    let step_id = step.step_id.clone().unwrap_or_default();
    let planned = step.planned;
    let days = c.days_overdue;
    let owed = c.owed;
    let currency = c.currency.clone();
    // Copy, share or email the day's text: one component for every reminder text.
    let share_text = c
        .message
        .clone()
        .filter(|_| c.actions.share)
        .map(|m| (m.subject, m.body, c.actions.email.clone()));
    let collect_href = format!("#/agenda/invoice/{}", c.invoice_id);
    let letter_href = format!("#/agenda/letter/{}", c.invoice_id);
    let close = Callback::new(move |()| open.set(Open::Nothing));

    let on_snooze = {
        let step = step.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let tx = texts(i18n.lang.get_untracked());
            let Some(to) = parse_iso(&snooze_to.get_untracked()) else {
                notice.set(Notice::Err(tx.bad_date.to_string()));
                return;
            };
            let today = clock::today();
            if to < today {
                notice.set(Notice::Err(tx.bad_date.to_string()));
                return;
            }
            let (step, invoice_id) = (step.clone(), card.with_value(|c| c.invoice_id.clone()));
            write_and_report(app, notice, tx, move |db| async move {
                db.snooze_invoice(&invoice_id, &step, to, today, &mut new_id, clock::now())
                    .await?;
                Ok(tx.saved.to_string())
            });
        }
    };
    let superseded = (!supersedes.is_empty()).then_some(move || {
        // Two reminders missed read "Recordatorio (2)", not the same word twice.
        let mut names: Vec<(&str, usize)> = Vec::new();
        for kind in &supersedes {
            let name = t().kind(*kind);
            match names.last_mut() {
                Some((last, n)) if *last == name => *n += 1,
                _ => names.push((name, 1)),
            }
        }
        let names: Vec<String> = names
            .into_iter()
            .map(|(name, n)| {
                if n > 1 {
                    format!("{name} ({n})")
                } else {
                    name.to_owned()
                }
            })
            .collect();
        (f().supersedes)(&names.join(", "))
    });

    view! {
        <li
            class="agenda-item"
            class:late={days > 0}
            data-rank=c.rank
            data-step=step_id
            data-kind=kind_slug(kind)
            data-invoice=c.number.clone()
            data-owed=owed.map(|o| o.to_string()).unwrap_or_default()
        >
            <div class="ai-head">
                <span class="ai-kind">{move || t().kind(kind)}</span>
                <span class="ai-due" data-days=days>{move || (t().due_words)(days)}</span>
            </div>
            <div class="ai-client">{c.client_name.clone()}</div>
            <div class="ai-meta">
                <span>{move || t().invoice} " " <strong>{c.number.clone()}</strong></span>
                {(!c.po.is_empty()).then(|| { let po = c.po.clone(); view! { <span>{move || t().po} " " {po.clone()}</span> } })}
                {(!c.ap_name.is_empty()).then(|| { let ap = c.ap_name.clone(); view! { <span>{move || t().ap_contact} ": " {ap.clone()}</span> } })}
            </div>
            <div class="ai-amount">
                <span class="visually-hidden">{move || t().owed}</span>
                <span class="amount">{move || owed.map_or_else(|| "?".to_string(), |o| money::format_amount(o, &currency, lang()))}</span>
                <span class="ai-when">
                    {move || (t().planned_for)(&show_date(card.with_value(|c| c.due), lang()))}
                    {move || snoozed.then(|| format!(" · {}", (t().snoozed_from)(&show_date(planned, lang()))))}
                </span>
            </div>
            <p class="ai-why" data-why="last">{move || card.with_value(|c| last_words(c, lang()))}</p>
            {superseded.map(|s| view! { <p class="ai-why" data-why="supersedes">{s}</p> })}
            {(promises_broken > 0).then(|| view! { <p class="ai-why warn" data-why="promises">{move || (f().promises_broken)(promises_broken)}</p> })}
            {dispute.map(|(d, r)| view! { <p class="ai-why warn" data-why="dispute">{move || (t().dispute_open)(&show_date(d, lang()), &r)}</p> })}
            <When when=move || card.with_value(|c| c.actions.done.is_some())>
                <div class="ai-actions">
                    {card.with_value(|c| c.actions.call.clone()).map(|href| view! {
                        <a class="button" data-action="call" href=href>{move || t().call}</a>
                    })}
                    <button
                        type="button"
                        data-action="done"
                        aria-expanded=move || (open.get() == Open::Done).to_string()
                        on:click=move |_| open.set(if open.get() == Open::Done { Open::Nothing } else { Open::Done })
                    >
                        {move || if kind == cobro_core::StepKind::SendInvoice { t().mark_sent } else { t().mark_done }}
                    </button>
                    <button
                        type="button"
                        class="secondary"
                        data-action="snooze"
                        aria-expanded=move || (open.get() == Open::Snooze).to_string()
                        on:click=move |_| open.set(if open.get() == Open::Snooze { Open::Nothing } else { Open::Snooze })
                    >
                        {move || t().snooze}
                    </button>
                    {card.with_value(|c| c.actions.letter).then(|| view! {
                        <a class="button secondary" data-action="letter" href=letter_href.clone()>{move || f().letter}</a>
                    })}
                    <a class="button secondary" data-action="open" href=collect_href.clone()>{move || t().open_invoice}</a>
                </div>
                {share_text.clone().map(|(subject, body, mailto)| view! { <ShareText subject body mailto /> })}
            </When>
            {move || match open.get() {
                Open::Done => card.with_value(|c| match c.actions.done {
                    Some(DoneWith::Send) => view! { <SendForm invoice_id=c.invoice_id.clone() notice=notice close=close /> }.into_any(),
                    _ => view! {
                        <ContactForm
                            client_id=c.client_id.clone()
                            invoice_id=Some(c.invoice_id.clone())
                            step_id=step.step_id.clone()
                            shown=Some(step.clone())
                            channel=cobro_core::schedule::suggested_channel(kind, 0)
                            who=c.ap_name.clone()
                            notice=notice
                            on_close=close
                        />
                    }.into_any(),
                }),
                Open::Snooze => view! {
                    <form class="collect-form" data-form="snooze" on:submit=on_snooze.clone() novalidate>
                        <DateField value=snooze_to label=texts(i18n.lang.get_untracked()).snooze_until field="snooze-to" />
                        <div class="form-actions">
                            <button type="submit" data-action="save">{move || t().save}</button>
                            <button type="button" class="secondary" on:click=move |_| close.run(())>{move || t().cancel}</button>
                        </div>
                    </form>
                }.into_any(),
                Open::Nothing => ().into_any(),
            }}
            <NoticeLine notice=notice />
        </li>
    }
}
