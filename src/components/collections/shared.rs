//! Helpers the collections components share: dates in and out of `<input type=date>`, the
//! channel picker, slugs for `data-*` hooks, and running a write then reloading the data.

use crate::i18n::collections::T;
use crate::state::AppState;
use crate::storage::{Db, OpError};
use chrono::NaiveDate;
use cobro_core::reminder_text::format_date;
use cobro_core::{Channel, Lang, Outcome, StepKind};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

pub const CHANNELS: [Channel; 6] = [
    Channel::Email,
    Channel::Phone,
    Channel::Letter,
    Channel::Meeting,
    Channel::Portal,
    Channel::Other,
];

/// The value an `<input type=date>` holds (`Display` is `%Y-%m-%d`, without chrono's
/// strftime interpreter in the download).
pub fn iso(d: NaiveDate) -> String {
    d.to_string()
}

/// A date typed in an `<input type=date>` ("" or malformed: `None`). The browser only
/// ever gives such an input "" or `yyyy-mm-dd`, which `FromStr` reads exactly as
/// `parse_from_str(_, "%Y-%m-%d")` would, through the parser serde already needs.
pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    s.trim().parse().ok()
}

/// A date as people read it in `lang`.
pub fn show_date(d: NaiveDate, lang: Lang) -> String {
    format_date(d, lang)
}

pub fn channel_slug(c: Channel) -> &'static str {
    match c {
        Channel::Email => "email",
        Channel::Phone => "phone",
        Channel::Letter => "letter",
        Channel::Meeting => "meeting",
        Channel::Portal => "portal",
        Channel::Other => "other",
    }
}

pub fn channel_from_slug(s: &str) -> Channel {
    CHANNELS
        .into_iter()
        .find(|c| channel_slug(*c) == s)
        .unwrap_or(Channel::Other)
}

/// The `data-kind` of a step (the serde name).
pub fn kind_slug(k: StepKind) -> &'static str {
    match k {
        StepKind::ReceiptCheck => "receipt_check",
        StepKind::PreDue => "pre_due",
        StepKind::DueDay => "due_day",
        StepKind::Reminder => "reminder",
        StepKind::FormalLetter => "formal_letter",
        StepKind::Escalation => "escalation",
        StepKind::PromiseCheck => "promise_check",
        StepKind::SendInvoice => "send_invoice",
        StepKind::Recontact => "recontact",
        StepKind::DisputeReview => "dispute_review",
    }
}

/// What came of a contact, as the contact log and the agenda's cards say it.
pub fn outcome_words(t: &T, o: &Outcome, lang: Lang) -> String {
    match o {
        Outcome::NoAnswer => t.outcome_name("no_answer").to_string(),
        Outcome::ConfirmedReceipt => t.outcome_name("confirmed_receipt").to_string(),
        Outcome::PromisedToPay { date } => {
            format!(
                "{} {}",
                t.outcome_name("promised_to_pay").trim_end_matches('…'),
                show_date(*date, lang)
            )
        }
        // The form's choice names the reason it asks for ("(motivo)"); here the reason itself.
        Outcome::Disputed { reason } => {
            let name = t.outcome_name("disputed");
            let name = name.split(" (").next().unwrap_or(name);
            format!("{name}: {reason}")
        }
        Outcome::Paid => t.outcome_name("paid").to_string(),
        Outcome::Other => t.outcome_name("other").to_string(),
        Outcome::WrittenOff => t.outcome_name("written_off").to_string(),
        Outcome::HandedToLegal => t.outcome_name("handed_to_legal").to_string(),
        Outcome::Reopened => t.outcome_name("reopened").to_string(),
    }
}

/// A money amount as an input prefill in the user's style ("1210,50" in Spanish).
pub fn amount_input(value: rust_decimal::Decimal, lang: Lang) -> String {
    let s = value.to_string();
    match lang {
        Lang::Es => s.replace('.', ","),
        Lang::En => s,
    }
}

/// What the last action said: nothing yet, done (with a message), or failed (with why).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    None,
    Ok(String),
    Err(String),
}

/// The notice line under a form or a list (`role=status` so screen readers hear it).
#[component]
pub fn NoticeLine(notice: RwSignal<Notice>) -> impl IntoView {
    move || match notice.get() {
        Notice::None => ().into_any(),
        Notice::Ok(m) => view! { <p class="notice ok" role="status" data-notice="ok">{m}</p> }.into_any(),
        Notice::Err(m) => view! { <p class="notice err" role="alert" data-notice="error">{m}</p> }.into_any(),
    }
}

/// What a write returns: the message to show, or why it failed.
type WriteFuture = Pin<Box<dyn Future<Output = Result<String, OpError>>>>;

/// Run a write against the database and report the outcome in `notice` (what it committed
/// is in the app's data already). `t` gives the failure prefix in the UI language (and a
/// full disk is said in it too).
pub fn write_and_report<F, Fut>(app: AppState, notice: RwSignal<Notice>, t: &'static T, write: F)
where
    F: FnOnce(Rc<Db>) -> Fut + 'static,
    Fut: Future<Output = Result<String, OpError>> + 'static,
{
    // Only the write itself is generic: the rest runs as one routine for every caller
    // instead of one copy per write in the download.
    run_write(app, notice, t, Box::new(move |db| Box::pin(write(db))));
}

fn run_write(
    app: AppState,
    notice: RwSignal<Notice>,
    t: &'static T,
    write: Box<dyn FnOnce(Rc<Db>) -> WriteFuture>,
) {
    spawn_local(async move {
        let result = match app.db().await {
            Ok(db) => write(db).await,
            Err(e) => Err(OpError::Storage(e)),
        };
        // The card or panel may be gone by the time the write ends (a thing the user left).
        notice.try_set(match result {
            Ok(message) => Notice::Ok(message),
            Err(e) => Notice::Err(format!("{}: {}", t.failed, crate::i18n::op_message(&e, t.lang))),
        });
    });
}

/// A `<select>` of channels bound to `value`.
#[component]
pub fn ChannelSelect(value: RwSignal<Channel>, #[prop(into)] label: String) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let t = move || crate::i18n::collections::texts(i18n.lang.get());
    view! {
        <label class="field">
            <span>{label}</span>
            <select
                data-field="channel"
                prop:value=move || channel_slug(value.get())
                on:change=move |ev| value.set(channel_from_slug(&event_target_value(&ev)))
            >
                {CHANNELS
                    .into_iter()
                    .map(|c| view! { <option value=channel_slug(c)>{move || t().channel_name(c)}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}

/// A labelled `<input type=date>` bound to a string signal.
#[component]
pub fn DateField(value: RwSignal<String>, #[prop(into)] label: String, field: &'static str) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                type="date"
                data-field=field
                required
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </label>
    }
}

/// A labelled text input bound to a string signal.
#[component]
pub fn TextField(
    value: RwSignal<String>,
    #[prop(into)] label: String,
    field: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                type="text"
                data-field=field
                inputmode=inputmode
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </label>
    }
}
