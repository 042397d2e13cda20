//! One contact to make, as a card: who, which invoice, how much, how late, what kind of contact,
//! and the one-tap actions (call, email, share, done with an outcome, snooze).

use super::contact_form::ContactForm;
use super::shared::{iso, kind_slug, parse_iso, show_date, write_and_report, DateField, Notice, NoticeLine};
use crate::components::share_text::ShareText;
use crate::components::when::When;
use crate::i18n::collections::texts;
use crate::i18n::use_i18n;
use crate::platform::clock;
use crate::state::use_app;
use chrono::NaiveDate;
use cobro_core::agenda::AgendaItem;
use cobro_core::ledger::Ledger;
use cobro_core::{collect, money, reminder_text, BusinessProfile, Channel, FollowUpStep, StepKind};
use leptos::prelude::*;

/// Everything a card shows, copied out of the borrowed agenda item.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub step: FollowUpStep,
    pub kind: StepKind,
    pub invoice_id: String,
    pub client_id: String,
    pub client_name: String,
    pub ap_name: String,
    pub ap_phone: String,
    pub number: String,
    pub po: String,
    pub owed: String,
    pub owed_raw: String,
    pub days_past_due: i64,
    pub step_due: NaiveDate,
    pub snoozed_from: Option<NaiveDate>,
    pub channel: Channel,
    pub mailto: Option<String>,
    pub share: Option<(String, String)>,
}

impl Row {
    pub fn new(
        item: &AgendaItem,
        ledger: &Ledger,
        profile: &BusinessProfile,
        today: NaiveDate,
        lang: cobro_core::Lang,
    ) -> Self {
        let message = collect::step_message(ledger, profile, item.step, today);
        let email = item.ap_contact_email().trim();
        let mailto = message
            .as_ref()
            .filter(|_| !email.is_empty())
            .map(|(m, _)| reminder_text::mailto_url(email, m));
        Self {
            step: item.step.clone(),
            kind: item.step.kind,
            invoice_id: item.invoice.id.clone(),
            client_id: item.invoice.client_id.clone(),
            client_name: item.client_name().to_string(),
            ap_name: item.ap_contact_name().to_string(),
            ap_phone: item.ap_contact_phone().trim().to_string(),
            number: item.invoice_number().to_string(),
            po: item.invoice.po_number.trim().to_string(),
            owed: item
                .owed
                .map(|o| money::format_amount(o, &item.invoice.currency, lang))
                .unwrap_or_else(|| "?".into()),
            owed_raw: item.owed.map(|o| o.to_string()).unwrap_or_default(),
            days_past_due: item.days_past_invoice_due,
            step_due: item.step.due,
            snoozed_from: item.step.snoozed_from,
            channel: item.step.channel,
            mailto,
            share: message.map(|(m, _)| (m.subject, m.body)),
        }
    }
}

impl Row {
    /// The card's key in a list: the step, and a fingerprint of everything the card shows, so
    /// that a card whose contents changed (a payment lowered what is owed) is built again while
    /// the others are kept as they are.
    pub fn key(&self) -> (String, u64) {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (
            &self.step.updated_at,
            self.kind,
            &self.client_name,
            &self.ap_name,
            &self.ap_phone,
            &self.number,
            &self.po,
            &self.owed,
            self.days_past_due,
            self.step_due,
            self.snoozed_from,
            self.channel,
        )
            .hash(&mut h);
        (&self.mailto, &self.share).hash(&mut h);
        (self.step.id.clone(), h.finish())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    Done,
    Snooze,
}

/// A card with actions (`actions: false` for the upcoming list: read-only).
#[component]
pub fn AgendaCard(row: Row, actions: bool) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let app = use_app();
    let open = RwSignal::new(Open::Nothing);
    let notice = RwSignal::new(Notice::None);
    let snooze_to = RwSignal::new(iso(clock::today().succ_opt().unwrap_or_else(clock::today)));
    let Row {
        step,
        kind,
        invoice_id,
        client_id,
        client_name,
        ap_name,
        ap_phone,
        number,
        po,
        owed,
        owed_raw,
        days_past_due,
        step_due,
        snoozed_from,
        channel,
        mailto,
        share,
    } = row;
    let step_id = step.id.clone();
    let lang = move || i18n.lang.get();
    let collect_href = format!("#/agenda/invoice/{invoice_id}");

    let on_snooze = {
        let step = step.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let tx = texts(i18n.lang.get_untracked());
            let Some(to) = parse_iso(&snooze_to.get_untracked()) else {
                notice.set(Notice::Err(tx.bad_date.to_string()));
                return;
            };
            let now = clock::now();
            match cobro_core::schedule::snooze(&step, to, clock::today(), now) {
                Ok(moved) => write_and_report(app, notice, tx, move |db| async move {
                    db.save(&moved).await?;
                    Ok(tx.saved.to_string())
                }),
                Err(e) => notice.set(Notice::Err(format!(
                    "{}: {}",
                    tx.failed,
                    crate::i18n::problems::schedule(&e, tx.lang)
                ))),
            }
        }
    };
    let close = Callback::new(move |()| open.set(Open::Nothing));

    view! {
        <li
            class="agenda-item"
            class:late={days_past_due > 0}
            data-step=step_id.clone()
            data-kind=kind_slug(kind)
            data-invoice=number.clone()
            data-owed=owed_raw
        >
            <div class="ai-head">
                <span class="ai-kind">{move || t().kind(kind)}</span>
                <span class="ai-due" data-days=days_past_due>{move || (t().due_words)(days_past_due)}</span>
            </div>
            <div class="ai-client">{client_name}</div>
            <div class="ai-meta">
                <span>{move || t().invoice} " " <strong>{number.clone()}</strong></span>
                {(!po.is_empty()).then(|| view! { <span>{move || t().po} " " {po.clone()}</span> })}
                {(!ap_name.is_empty())
                    .then(|| view! { <span>{move || t().ap_contact} ": " {ap_name.clone()}</span> })}
            </div>
            <div class="ai-amount">
                <span class="visually-hidden">{move || t().owed}</span>
                <span class="amount">{owed}</span>
                <span class="ai-when">
                    {move || (t().planned_for)(&show_date(step_due, lang()))}
                    {move || snoozed_from.map(|d| format!(" · {}", (t().snoozed_from)(&show_date(d, lang()))))}
                </span>
            </div>
            <When when=move || actions>
                <div class="ai-actions">
                    {(!ap_phone.is_empty())
                        .then(|| {
                            view! {
                                <a class="button" data-action="call" href=format!("tel:{}", ap_phone.replace(' ', ""))>
                                    {move || t().call}
                                </a>
                            }
                        })}
                    <button
                        type="button"
                        data-action="done"
                        aria-expanded=move || (open.get() == Open::Done).to_string()
                        on:click=move |_| open.set(if open.get() == Open::Done { Open::Nothing } else { Open::Done })
                    >
                        {move || t().mark_done}
                    </button>
                    <button
                        type="button"
                        class="secondary"
                        data-action="snooze"
                        aria-expanded=move || (open.get() == Open::Snooze).to_string()
                        on:click=move |_| {
                            open.set(if open.get() == Open::Snooze { Open::Nothing } else { Open::Snooze })
                        }
                    >
                        {move || t().snooze}
                    </button>
                    <a class="button secondary" data-action="open" href=collect_href.clone()>
                        {move || t().open_invoice}
                    </a>
                </div>
                {share.clone().map(|(subject, body)| view! { <ShareText subject body mailto=mailto.clone() /> })}
            </When>
            {
                let client_id = client_id.clone();
                let invoice_id = invoice_id.clone();
                let step_id = step.id.clone();
                let who = ap_name.clone();
                move || match open.get() {
                    Open::Done => {
                        view! {
                            <ContactForm
                                client_id=client_id.clone()
                                invoice_id=Some(invoice_id.clone())
                                step_id=Some(step_id.clone())
                                channel=channel
                                who=who.clone()
                                notice=notice
                                on_close=close
                            />
                        }
                            .into_any()
                    }
                    Open::Snooze => {
                        view! {
                            <form class="collect-form" data-form="snooze" on:submit=on_snooze.clone() novalidate>
                                <DateField value=snooze_to label=texts(i18n.lang.get_untracked()).snooze_until field="snooze-to" />
                                <div class="form-actions">
                                    <button type="submit" data-action="save">{move || t().save}</button>
                                    <button type="button" class="secondary" on:click=move |_| close.run(())>
                                        {move || t().cancel}
                                    </button>
                                </div>
                            </form>
                        }
                            .into_any()
                    }
                    Open::Nothing => ().into_any(),
                }
            }
            <NoticeLine notice=notice />
        </li>
    }
}
