//! The daily agenda (practice 4): one card per invoice whose current step is due, highest
//! worth first ([`crate::priority`]), then what falls due in the coming days and every other
//! invoice's next step, so that no owed invoice is ever out of sight.
//!
//! Each invoice has one current step, derived from its facts ([`crate::follow_up`]); the agenda
//! is every issued invoice that is owed and not closed, placed by that step's date:
//! - **due**: the step is due today or earlier: a card, with the steps it supersedes;
//! - **upcoming**: due within the next days (the screen's "coming up" list);
//! - **later**: due after that.
//!
//! Invoices handed to legal are counted apart (still owed, followed up elsewhere); written-off
//! ones are not owed any more as far as the books go.
//!
//! **Other kinds of item.** An item is a [`Task`] with the few fields the ranking reads (date,
//! worth, days overdue, a number and an id). Adding a kind of work to the agenda (recurring
//! drafts "to issue", say) is: a variant of [`Task`], a function that lists its items with
//! their date and worth (chained in [`agenda`]), its arms in [`Task::number`] and [`Task::id`],
//! and its card in [`card`] (a variant of [`CardKind`]). The lists, the ranking and the bounded
//! screen then take it as they are.

use crate::collect;
use crate::follow_up::{self, ClosureKind, Current, LastWhat, StepRef};
use crate::ledger::Ledger;
use crate::lifecycle;
use crate::model::{BusinessProfile, Channel, Client, Invoice, Lang, Outcome, StepKind};
use crate::priority::{self, Rank, Scale};
use crate::reminder_text::{self, Message};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// Days ahead the "coming up" list covers, by default.
pub const UPCOMING_DAYS: u32 = 14;

/// How many cards a screen shows at first, and adds on each "show more".
pub const PAGE: usize = 30;

/// One invoice's follow-up as the agenda holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp<'l> {
    /// Position of the invoice in `data.invoices`.
    pub index: usize,
    pub invoice: &'l Invoice,
    /// `None` when the client record is missing: the debt is listed anyway.
    pub client: Option<&'l Client>,
    /// Still owed; `None` if it could not be computed (bad data to fix): listed anyway.
    pub owed: Option<Decimal>,
    pub current: Current<'l>,
    pub promises_broken: u32,
}

/// What an agenda item is about (see the module doc for adding a kind).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Task<'l> {
    /// An invoice's current follow-up step.
    FollowUp(Box<FollowUp<'l>>),
}

impl Task<'_> {
    /// The document number the item is about, for a stable order.
    pub fn number(&self) -> &str {
        match self {
            Task::FollowUp(f) => f.invoice.number.as_deref().unwrap_or(""),
        }
    }

    /// The record id the item is about, for a stable order.
    pub fn id(&self) -> &str {
        match self {
            Task::FollowUp(f) => &f.invoice.id,
        }
    }
}

/// One item of the agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item<'l> {
    /// When it is to be done.
    pub due: NaiveDate,
    /// What doing it is worth now ([`priority::worth`]).
    pub worth: Decimal,
    /// Days past the due date of the document it is about (negative: days left).
    pub days_overdue: i64,
    pub task: Task<'l>,
}

impl<'l> Item<'l> {
    fn rank(&self) -> Rank<'_> {
        Rank {
            worth: self.worth,
            days_overdue: self.days_overdue,
            due: self.due,
            number: self.task.number(),
            id: self.task.id(),
        }
    }

    /// The invoice follow-up, when it is one.
    pub fn follow_up(&self) -> Option<&FollowUp<'l>> {
        match &self.task {
            Task::FollowUp(f) => Some(f),
        }
    }
}

/// The whole agenda on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agenda<'l> {
    pub today: NaiveDate,
    /// Due today or earlier, one per invoice, highest worth first.
    pub due: Vec<Item<'l>>,
    /// Due in the next `upcoming_days` days, earliest first (then by worth).
    pub upcoming: Vec<Item<'l>>,
    /// Due later than that, earliest first (then by worth).
    pub later: Vec<Item<'l>>,
    /// Invoices handed to legal that are still owed: out of the agenda, counted here.
    pub with_legal: usize,
    /// The currency amounts are weighed in (see [`priority`]).
    pub reference_currency: String,
}

impl<'l> Agenda<'l> {
    /// Every item, due first, then upcoming, then later.
    pub fn all(&self) -> impl Iterator<Item = &Item<'l>> + '_ {
        self.due.iter().chain(&self.upcoming).chain(&self.later)
    }
}

/// The agenda on `today`, with the "coming up" list covering `upcoming_days` days.
pub fn agenda<'l, 'a: 'l>(ledger: &'l Ledger<'a>, today: NaiveDate, upcoming_days: u32) -> Agenda<'l> {
    let mut with_legal = 0;
    let mut follow_ups: Vec<FollowUp<'l>> = Vec::new();
    for (index, events) in ledger.events().iter().enumerate() {
        if !events.issued || events.issue > today || events.cancelled_at(today) {
            continue;
        }
        let Some(facts) = collect::facts(ledger, index, today) else {
            continue;
        };
        if facts.owed.is_some_and(|o| o <= Decimal::ZERO) {
            continue;
        }
        let policy = collect::policy(ledger, index);
        let Some(current) = follow_up::current(&facts, policy, today) else {
            let closed = follow_up::closure(facts.contacts.iter().copied(), today);
            if closed.is_some_and(|c| c.kind == ClosureKind::Legal) {
                with_legal += 1;
            }
            continue;
        };
        follow_ups.push(FollowUp {
            index,
            invoice: facts.invoice,
            client: ledger.client_of_index(index),
            owed: facts.owed,
            current,
            promises_broken: follow_up::promises_broken(&facts, today),
        });
    }
    let scale = Scale::new(
        follow_ups
            .iter()
            .filter_map(|f| Some((f.invoice.currency.as_str(), f.owed?))),
        &ledger.data.settings.default_currency,
    );
    let end = today
        .checked_add_days(chrono::Days::new(u64::from(upcoming_days)))
        .unwrap_or(NaiveDate::MAX);
    let mut out = Agenda {
        today,
        due: Vec::new(),
        upcoming: Vec::new(),
        later: Vec::new(),
        with_legal,
        reference_currency: scale.reference().to_owned(),
    };
    for f in follow_ups {
        let days_overdue = (today - f.invoice.due_date).num_days();
        let owed = f.owed.unwrap_or(Decimal::ZERO);
        let worth = priority::worth(
            scale.to_reference(&f.invoice.currency, owed),
            days_overdue,
            f.current.kind,
            f.promises_broken,
        );
        let item = Item {
            due: f.current.due,
            worth,
            days_overdue,
            task: Task::FollowUp(Box::new(f)),
        };
        if item.due <= today {
            out.due.push(item);
        } else if item.due <= end {
            out.upcoming.push(item);
        } else {
            out.later.push(item);
        }
    }
    crate::order::sort_by(&mut out.due, |a, b| priority::order(&a.rank(), &b.rank()));
    for list in [&mut out.upcoming, &mut out.later] {
        crate::order::sort_by(list, |a, b| {
            a.due
                .cmp(&b.due)
                .then_with(|| priority::order(&a.rank(), &b.rank()))
        });
    }
    out
}

/// What was last done about the invoice, as the card says it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Last {
    pub date: NaiveDate,
    pub what: LastKind,
}

/// The kind of the last thing done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LastKind {
    Sent {
        channel: Channel,
    },
    Contact {
        channel: Channel,
        outcome: Outcome,
        /// The step it answered, if any.
        step: Option<StepKind>,
    },
    /// A payment came in (the invoice is still owed, so it was a part).
    Paid {
        amount: Decimal,
    },
}

/// What "done" opens on a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DoneWith {
    /// The contact form (with the outcome): the step is settled when it is saved.
    Contact,
    /// The sending form: marking it sent is what settles "send it".
    Send,
}

/// The actions a card offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actions {
    /// `tel:` link, when the client has a phone.
    pub call: Option<String>,
    /// `mailto:` link with the text, when the client has an email address.
    pub email: Option<String>,
    /// The text can be shared (or copied).
    pub share: bool,
    /// "Done" on the current step; `None` on a card that only informs (coming up).
    pub done: Option<DoneWith>,
    /// The invoice can be put off.
    pub snooze: bool,
    /// The formal letter (A4, with the late-payment claim) can be printed.
    pub letter: bool,
}

/// The kind of card (see the module doc for adding a kind).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CardKind {
    FollowUp {
        /// The step the card acts on.
        step: StepRef,
        /// Earlier steps due now that acting on this one closes as superseded.
        supersedes: Vec<StepKind>,
        /// The step was put off (from `step.planned` to `due`).
        snoozed: bool,
        /// Promised dates that passed unpaid.
        promises_broken: u32,
        /// The open dispute (the review card): when and why.
        dispute: Option<(NaiveDate, String)>,
    },
}

/// One card as a screen shows it: every value it prints and every action it offers, with
/// the ready-to-send text of the day. The component renders it and adds only its labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Card {
    /// Changes whenever anything the card shows changes (a screen keys its list with it).
    pub key: String,
    /// 1 for the first card of its list.
    pub rank: usize,
    pub kind: CardKind,
    /// When it is to be done.
    pub due: NaiveDate,
    pub worth: Decimal,
    pub invoice_id: String,
    pub number: String,
    pub client_id: String,
    pub client_name: String,
    pub ap_name: String,
    pub ap_email: String,
    pub ap_phone: String,
    pub po: String,
    pub currency: String,
    /// Still owed; `None` when it cannot be computed.
    pub owed: Option<Decimal>,
    /// The invoice's due date, and how late it is on the day (negative: days left).
    pub invoice_due: NaiveDate,
    pub days_overdue: i64,
    pub last: Option<Last>,
    pub actions: Actions,
    /// The email of the day, in `message_lang` (the client's language).
    pub message: Option<Message>,
    pub message_lang: Lang,
}

/// The card of `item` (at `rank` in its list) on `today`; `actionable` for the cards of the day
/// (the coming-up list only informs).
pub fn card(
    ledger: &Ledger,
    profile: &BusinessProfile,
    item: &Item,
    rank: usize,
    today: NaiveDate,
    actionable: bool,
) -> Card {
    match &item.task {
        Task::FollowUp(f) => follow_up_card(ledger, profile, item, f, rank, today, actionable),
    }
}

fn follow_up_card(
    ledger: &Ledger,
    profile: &BusinessProfile,
    item: &Item,
    f: &FollowUp,
    rank: usize,
    today: NaiveDate,
    actionable: bool,
) -> Card {
    let inv = f.invoice;
    let kind = f.current.kind;
    let (message, message_lang) = match collect::message_on(ledger, profile, f.index, kind, today) {
        Some((m, lang)) => (Some(m), lang),
        None => (None, f.client.map_or(Lang::Es, |c| c.language)),
    };
    let text = |get: fn(&Client) -> &str| f.client.map_or(String::new(), |c| get(c).trim().to_owned());
    let ap_email = text(|c| &c.ap_contact_email);
    let ap_phone = text(|c| &c.ap_contact_phone);
    let email = message
        .as_ref()
        .filter(|_| !ap_email.is_empty())
        .map(|m| reminder_text::mailto_url(&ap_email, m));
    let call = (!ap_phone.is_empty()).then(|| format!("tel:{}", ap_phone.replace([' ', '-', '.'], "")));
    let claimable = matches!(
        kind,
        StepKind::FormalLetter | StepKind::Escalation | StepKind::Recontact
    );
    let actions = Actions {
        call: call.filter(|_| actionable),
        email: email.filter(|_| actionable),
        share: actionable && message.is_some(),
        done: actionable.then_some(if kind == StepKind::SendInvoice {
            DoneWith::Send
        } else {
            DoneWith::Contact
        }),
        snooze: actionable,
        letter: actionable && claimable && item.days_overdue > 0,
    };
    let facts = collect::facts(ledger, f.index, today);
    let done = facts
        .as_ref()
        .and_then(|facts| follow_up::last_done(facts, today))
        .map(|l| Last {
            date: l.date,
            what: match l.what {
                LastWhat::Sent { channel } => LastKind::Sent { channel },
                LastWhat::Contact {
                    channel,
                    outcome,
                    step,
                } => LastKind::Contact {
                    channel,
                    outcome: outcome.clone(),
                    step,
                },
            },
        });
    // A payment counts as the last thing that happened when nothing was logged after it.
    let paid = ledger
        .payments_of_index(f.index)
        .iter()
        .filter(|p| p.date <= today)
        .max_by(|a, b| (a.date, a.updated_at, &a.id).cmp(&(b.date, b.updated_at, &b.id)))
        .map(|p| Last {
            date: p.date,
            what: LastKind::Paid { amount: p.amount },
        });
    let last = match (done, paid) {
        (Some(d), Some(p)) => Some(if p.date >= d.date { p } else { d }),
        (d, p) => d.or(p),
    };
    let dispute = (kind == StepKind::DisputeReview)
        .then(|| lifecycle::current_dispute(inv).map(|d| (d.opened, d.reason.clone())))
        .flatten();
    let step = f.current.reference();
    let mut card = Card {
        key: String::new(),
        rank,
        kind: CardKind::FollowUp {
            step,
            supersedes: f.current.supersedes.iter().map(|s| s.kind).collect(),
            snoozed: f.current.snoozed,
            promises_broken: f.promises_broken,
            dispute,
        },
        due: item.due,
        worth: item.worth,
        invoice_id: inv.id.clone(),
        number: inv.number.clone().unwrap_or_default(),
        client_id: inv.client_id.clone(),
        client_name: f.client.map_or(String::new(), |c| c.legal_name.clone()),
        ap_name: text(|c| &c.ap_contact_name),
        ap_email,
        ap_phone,
        po: inv.po_number.trim().to_owned(),
        currency: inv.currency.clone(),
        owed: f.owed,
        invoice_due: inv.due_date,
        days_overdue: item.days_overdue,
        last,
        actions,
        message,
        message_lang,
    };
    card.key = card_key(&card);
    card
}

/// A fingerprint of everything a card shows (FNV-1a over its JSON form): the same card on
/// another day, or after a change elsewhere, keeps its key and is not built again on screen.
fn card_key(card: &Card) -> String {
    let json = serde_json::to_string(card).unwrap_or_default();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in json.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{}-{h:016x}", card.invoice_id)
}
