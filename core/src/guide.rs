//! The guided start: which basics a new business still lacks (the agenda's "getting started"
//! checklist), what a screen with nothing to show should lead to next, and when the agenda's
//! backup notice shows. Answers from the dataset alone, so every screen tells the same story.

use crate::model::Dataset;
use chrono::NaiveDate;

/// One of the basics a business needs before Cobro can do its job, in the order to do them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basic {
    /// Name, tax id and postal address: what every invoice must print about the seller.
    Business,
    /// At least one way to be paid, printed on invoices.
    PaymentMethod,
    /// Someone to invoice.
    Client,
    /// One issued invoice (a draft is not an invoice yet: it has no number and no follow-up).
    Invoice,
    /// One backup downloaded: until then everything lives in one browser only.
    Backup,
}

impl Basic {
    /// Every basic, in the order the checklist lists them.
    pub const ALL: [Basic; 5] = [
        Basic::Business,
        Basic::PaymentMethod,
        Basic::Client,
        Basic::Invoice,
        Basic::Backup,
    ];
}

/// A basic and whether the data shows it done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChecklistItem {
    pub basic: Basic,
    pub done: bool,
}

/// The getting-started checklist, one item per [`Basic`] in [`Basic::ALL`]'s order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checklist {
    pub items: [ChecklistItem; 5],
}

impl Checklist {
    /// How many basics are done.
    pub fn done_count(&self) -> usize {
        self.items.iter().filter(|i| i.done).count()
    }

    /// Whether every basic is done.
    pub fn all_done(&self) -> bool {
        self.items.iter().all(|i| i.done)
    }

    /// The first basic still to do: the one the checklist offers as its action.
    pub fn next(&self) -> Option<Basic> {
        self.items.iter().find(|i| !i.done).map(|i| i.basic)
    }

    /// Whether the agenda shows the checklist: always while a basic is missing (it cannot be
    /// waved away before the business can invoice and keep its records), and once all are
    /// done until the user dismisses it.
    pub fn shown(&self, dismissed: bool) -> bool {
        !self.all_done() || !dismissed
    }
}

/// Which basics `data` shows done.
pub fn checklist(data: &Dataset) -> Checklist {
    let done = |basic| match basic {
        Basic::Business => {
            let p = &data.profile;
            let filled = |s: &str| !s.trim().is_empty();
            filled(&p.name)
                && filled(&p.tax_id)
                && filled(&p.address.street)
                && filled(&p.address.postal_code)
                && filled(&p.address.city)
        }
        Basic::PaymentMethod => !data.payment_methods.is_empty(),
        Basic::Client => !data.clients.is_empty(),
        Basic::Invoice => data.invoices.iter().any(|i| i.number.is_some()),
        Basic::Backup => data.settings.last_export_at.is_some(),
    };
    Checklist {
        items: Basic::ALL.map(|basic| ChecklistItem {
            basic,
            done: done(basic),
        }),
    }
}

/// A screen that can have nothing to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    /// Nothing to do today.
    Agenda,
    /// No invoices (drafts included).
    Invoices,
    /// No quotes.
    Quotes,
    /// No clients.
    Clients,
    /// No figures for the period.
    Reports,
}

/// Why a screen is empty, from the furthest-back missing step of the way an invoice is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Situation {
    /// No client yet: everything starts there.
    NoClients,
    /// Clients, but not one invoice, not even a draft.
    NoInvoices,
    /// Only drafts: nothing issued, so nothing to follow up or measure.
    OnlyDrafts,
    /// Clients, no quotes (the quote list's own case).
    NoQuotes,
    /// The business is running and there is simply nothing here right now.
    Nothing,
}

/// What an empty screen's one primary action does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NextAction {
    AddClient,
    NewInvoice,
    NewQuote,
    /// Open the invoice list, where the drafts wait to be issued.
    IssueDraft,
}

/// What an empty screen says and offers: the app turns `situation` into a sentence for
/// `screen` and `action` into a button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmptyState {
    pub screen: Screen,
    pub situation: Situation,
    /// `None` when there is nothing to do about it (a quiet day on a running business).
    pub action: Option<NextAction>,
}

/// The empty state of `screen`, asked when it has nothing to show. The action is the next
/// step on the way to what the screen shows: a client before any document, an invoice before
/// any follow-up or figure, issuing before drafts count.
pub fn empty_state(screen: Screen, data: &Dataset) -> EmptyState {
    let no_clients = data.clients.is_empty();
    let no_invoices = data.invoices.is_empty();
    let none_issued = !data.invoices.iter().any(|i| i.number.is_some());
    let (situation, action) = match screen {
        Screen::Clients => (Situation::NoClients, Some(NextAction::AddClient)),
        Screen::Quotes if no_clients => (Situation::NoClients, Some(NextAction::AddClient)),
        Screen::Quotes => (Situation::NoQuotes, Some(NextAction::NewQuote)),
        _ if no_invoices && no_clients => (Situation::NoClients, Some(NextAction::AddClient)),
        _ if no_invoices => (Situation::NoInvoices, Some(NextAction::NewInvoice)),
        Screen::Agenda | Screen::Reports if none_issued => {
            (Situation::OnlyDrafts, Some(NextAction::IssueDraft))
        }
        _ => (Situation::Nothing, None),
    };
    EmptyState {
        screen,
        situation,
        action,
    }
}

/// Whether the agenda shows the "backup due" notice today: when the backup rule warns and
/// the user has not waved it away today. Dismissing hides it for the rest of that day only,
/// so a due backup is asked for again every day until it is made.
pub fn backup_notice_shown(warn: bool, dismissed_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    warn && dismissed_on != Some(today)
}
