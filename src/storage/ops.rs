//! The named operations: one function per thing the user does that touches
//! several records, each one readwrite transaction over every store involved.
//!
//! Shape of each: open the transaction, read what the rule needs *inside*
//! it, ask the core (synchronous, so the transaction stays active and no
//! other tab can slip in between the read and the write), write the results,
//! commit. Any `?` before the commit drops the transaction, which rolls it
//! back: nothing of a refused or failed operation is ever visible.

use super::error::OpError;
use super::keys::*;
use super::tx::Tx;
use super::Db;
use chrono::NaiveDate;
use cobro_core::lifecycle::{self, LifecycleError};
use cobro_core::numbering;
use cobro_core::schedule;
use cobro_core::{
    AppSettings, Client, CollectionPolicy, ContactEntry, CreditNote, FollowUpStep, Id, Invoice,
    NumberingSeries, Outcome, Payment, Receipt, Sending, Stamp, StepState,
};
use indexed_db_futures::KeyRange;
use rust_decimal::Decimal;
use wasm_bindgen::JsValue;

/// What recording a payment did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRecorded {
    /// Still owed after this payment (zero when paid in full).
    pub owed: Decimal,
    /// Paid beyond what was owed (the UI flags it).
    pub overpaid: Decimal,
    /// Steps closed because the invoice is now paid in full.
    pub closed_steps: Vec<FollowUpStep>,
}

/// What logging a contact changed besides the entry itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactLogged {
    /// The invoice, when the outcome changed it (receipt confirmed, dispute opened).
    pub invoice: Option<Invoice>,
    /// Steps created or changed (the answered step, a promise check…).
    pub steps: Vec<FollowUpStep>,
}

async fn need<T: serde::de::DeserializeOwned>(
    tx: &Tx<'_>,
    store: &str,
    what: &'static str,
    id: &str,
) -> Result<T, OpError> {
    tx.get(store, id).await?.ok_or_else(|| OpError::NotFound {
        what,
        id: id.to_string(),
    })
}

async fn steps_of(tx: &Tx<'_>, invoice_id: &str) -> Result<Vec<FollowUpStep>, OpError> {
    Ok(tx
        .by_index(STEPS, BY_INVOICE, KeyRange::Only(JsValue::from_str(invoice_id)))
        .await?)
}

/// The policy for this client's invoices: the client's own, else the app's.
async fn policy_for(tx: &Tx<'_>, client: &Client) -> Result<CollectionPolicy, OpError> {
    let settings: AppSettings = tx.get(META, META_SETTINGS).await?.unwrap_or_default();
    Ok(schedule::effective_policy(&settings.policy, client).clone())
}

/// Replace `steps` entries by id with `changed` (the core returns only what changed).
fn apply(steps: &mut Vec<FollowUpStep>, changed: &[FollowUpStep]) {
    for c in changed {
        match steps.iter_mut().find(|s| s.id == c.id) {
            Some(s) => *s = c.clone(),
            None => steps.push(c.clone()),
        }
    }
}

impl Db {
    /// Issue a draft: give it the next number of its series. The series is
    /// read inside the transaction that writes it back, and IndexedDB runs
    /// readwrite transactions over the same store one after another, so two
    /// tabs issuing at once still get consecutive, unique numbers.
    pub async fn issue_invoice(&self, invoice_id: &str, now: Stamp) -> Result<Invoice, OpError> {
        let stores = [INVOICES, CLIENTS, SERIES];
        let tx = self.write(&stores)?;
        let draft: Invoice = need(&tx, INVOICES, "invoice", invoice_id).await?;
        let client: Client = need(&tx, CLIENTS, "client", &draft.client_id).await?;
        let series: NumberingSeries = need(&tx, SERIES, "numbering series", &draft.series_id).await?;
        let (issued, series) = lifecycle::issue_invoice(&draft, &client, &series, now)?;
        tx.put(SERIES, &series).await?;
        tx.put(INVOICES, &issued).await?;
        self.commit(tx, &stores).await?;
        Ok(issued)
    }

    /// Change how a series numbers. Read and written in one transaction with
    /// every series, so an issue in another tab either happens before (and the
    /// core then refuses a format change) or after: a counter is never rewound.
    pub async fn edit_series(
        &self,
        series_id: &str,
        format: numbering::SeriesFormat,
        next: Option<(i32, u32)>,
        now: Stamp,
    ) -> Result<NumberingSeries, OpError> {
        let tx = self.write(&[SERIES])?;
        let all: Vec<NumberingSeries> = tx.all(SERIES).await?;
        let series = all
            .iter()
            .find(|s| s.id == series_id)
            .ok_or_else(|| OpError::NotFound {
                what: "numbering series",
                id: series_id.to_string(),
            })?;
        let edited = numbering::edit_series(series, &all, format, next, now)?;
        if edited != *series {
            tx.put(SERIES, &edited).await?;
            self.commit(tx, &[SERIES]).await?;
        }
        Ok(edited)
    }

    /// Record that an issued invoice was sent and plan its follow-up under
    /// the client's policy. Sending again restarts the receipt check (the
    /// other steps keep their dates: the due date did not move).
    pub async fn send_invoice(
        &self,
        invoice_id: &str,
        sending: Sending,
        new_id: &mut dyn FnMut() -> Id,
        now: Stamp,
    ) -> Result<(Invoice, Vec<FollowUpStep>), OpError> {
        let stores = [INVOICES, CLIENTS, META, STEPS];
        let tx = self.write(&stores)?;
        let inv: Invoice = need(&tx, INVOICES, "invoice", invoice_id).await?;
        let client: Client = need(&tx, CLIENTS, "client", &inv.client_id).await?;
        let policy = policy_for(&tx, &client).await?;
        let existing = steps_of(&tx, invoice_id).await?;
        let date = sending.date;
        let sent = lifecycle::mark_sent(&inv, sending, now)?;
        let steps = if existing.is_empty() {
            schedule::plan(&sent, date, &policy, new_id, now)
        } else {
            schedule::on_resend(&existing, date, &policy, &sent, new_id, now)?
        };
        tx.put(INVOICES, &sent).await?;
        for s in &steps {
            tx.put(STEPS, s).await?;
        }
        self.commit(tx, &stores).await?;
        Ok((sent, steps))
    }

    /// Record money received; when it settles the invoice, every open step
    /// is closed in the same transaction (no reminder for a paid invoice).
    pub async fn record_payment(&self, payment: &Payment, now: Stamp) -> Result<PaymentRecorded, OpError> {
        if payment.amount <= Decimal::ZERO {
            return Err(OpError::NotPositive {
                amount: payment.amount,
            });
        }
        let stores = [INVOICES, PAYMENTS, CREDIT_NOTES, STEPS];
        let tx = self.write(&stores)?;
        let inv: Invoice = need(&tx, INVOICES, "invoice", &payment.invoice_id).await?;
        if inv.number.is_none() {
            return Err(LifecycleError::NotIssued.into());
        }
        if inv.cancelled_by.is_some() {
            return Err(LifecycleError::Cancelled.into());
        }
        let by_invoice = || KeyRange::Only(JsValue::from_str(&payment.invoice_id));
        let mut payments: Vec<Payment> = tx.by_index(PAYMENTS, BY_INVOICE, by_invoice()).await?;
        let credits: Vec<CreditNote> = tx.by_index(CREDIT_NOTES, BY_INVOICE, by_invoice()).await?;
        let steps = steps_of(&tx, &payment.invoice_id).await?;
        // Replacing a payment (an edit) must not count it twice.
        payments.retain(|p| p.id != payment.id);
        payments.push(payment.clone());
        let pays: Vec<&Payment> = payments.iter().collect();
        let cns: Vec<&CreditNote> = credits.iter().collect();
        let balance = lifecycle::balance(&inv, &pays, &cns).map_err(LifecycleError::from)?;
        let closed_steps = if balance.owed.is_zero() {
            schedule::on_paid_in_full(&steps, now)
        } else {
            Vec::new()
        };
        tx.put(PAYMENTS, payment).await?;
        for s in &closed_steps {
            tx.put(STEPS, s).await?;
        }
        self.commit(tx, &stores).await?;
        Ok(PaymentRecorded {
            owed: balance.owed,
            overpaid: balance.overpaid,
            closed_steps,
        })
    }

    /// Log a contact with a client. When it answers a step, that step is
    /// done; when it is about an invoice, its outcome acts on it: a confirmed
    /// receipt is recorded, a promise schedules its check (and quiets the
    /// reminders before it), a dispute opens (which pauses the follow-up).
    pub async fn log_contact(
        &self,
        entry: &ContactEntry,
        new_id: &mut dyn FnMut() -> Id,
        now: Stamp,
    ) -> Result<ContactLogged, OpError> {
        let stores = [CONTACTS, CLIENTS, INVOICES, META, STEPS];
        let tx = self.write(&stores)?;
        let client: Client = need(&tx, CLIENTS, "client", &entry.client_id).await?;
        let mut changed_steps: Vec<FollowUpStep> = Vec::new();
        let mut changed_invoice = None;

        if let Some(step_id) = &entry.step_id {
            let step: FollowUpStep = need(&tx, STEPS, "follow-up step", step_id).await?;
            // Answering a step that another tab already closed is not an error: the contact still happened.
            if step.state == StepState::Open {
                changed_steps.push(schedule::on_step_done(&step, entry.date, now)?);
            }
        }

        if let Some(invoice_id) = &entry.invoice_id {
            let inv: Invoice = need(&tx, INVOICES, "invoice", invoice_id).await?;
            if inv.client_id != client.id {
                return Err(LifecycleError::ClientMismatch.into());
            }
            match &entry.outcome {
                Outcome::ConfirmedReceipt => {
                    let receipt = Receipt {
                        date: entry.date,
                        confirmed_by: entry.who.clone(),
                        channel: entry.channel,
                    };
                    changed_invoice = Some(lifecycle::confirm_receipt(&inv, receipt, now)?);
                }
                Outcome::Disputed { reason } => {
                    changed_invoice = Some(lifecycle::open_dispute(&inv, entry.date, reason, now)?);
                }
                Outcome::PromisedToPay { date } => {
                    let policy = policy_for(&tx, &client).await?;
                    let mut steps = steps_of(&tx, invoice_id).await?;
                    apply(&mut steps, &changed_steps);
                    let promised = schedule::on_promise(&steps, *date, &policy, &inv, new_id, now)?;
                    apply(&mut changed_steps, &promised);
                }
                Outcome::NoAnswer | Outcome::Paid | Outcome::Other => {}
            }
        }

        tx.put(CONTACTS, entry).await?;
        if let Some(inv) = &changed_invoice {
            tx.put(INVOICES, inv).await?;
        }
        for s in &changed_steps {
            tx.put(STEPS, s).await?;
        }
        self.commit(tx, &stores).await?;
        Ok(ContactLogged {
            invoice: changed_invoice,
            steps: changed_steps,
        })
    }

    /// The dispute on an invoice is over: close it and resume the follow-up
    /// from the most advanced step that fell due meanwhile.
    pub async fn resolve_dispute(
        &self,
        invoice_id: &str,
        date: NaiveDate,
        now: Stamp,
    ) -> Result<(Invoice, Vec<FollowUpStep>), OpError> {
        let stores = [INVOICES, CLIENTS, META, STEPS];
        let tx = self.write(&stores)?;
        let inv: Invoice = need(&tx, INVOICES, "invoice", invoice_id).await?;
        let client: Client = need(&tx, CLIENTS, "client", &inv.client_id).await?;
        let policy = policy_for(&tx, &client).await?;
        let steps = steps_of(&tx, invoice_id).await?;
        let resolved = lifecycle::resolve_dispute(&inv, date, now)?;
        let changed = match resolved.disputes.last() {
            Some(d) => schedule::on_dispute_resolved(&steps, d, &policy, now)?,
            None => Vec::new(),
        };
        tx.put(INVOICES, &resolved).await?;
        for s in &changed {
            tx.put(STEPS, s).await?;
        }
        self.commit(tx, &stores).await?;
        Ok((resolved, changed))
    }
}
