//! The named operations: one function per thing the user does that touches
//! several records, each one readwrite transaction over every store involved.
//!
//! Shape of each: open the transaction, read what the rule needs *inside* it (the invoice's
//! family, its client, the series), ask the core (synchronous, so the transaction stays
//! active and no other tab can slip in between the read and the write), put the results back,
//! commit. Any `?` before the commit drops the transaction, which rolls it back: nothing of a
//! refused or failed operation is ever visible.

use super::error::OpError;
use super::keys::*;
use super::packs::Packs;
use super::Db;
use chrono::NaiveDate;
use cobro_core::corrections::{self, PaymentError};
use cobro_core::lifecycle::{self, LifecycleError};
use cobro_core::numbering;
use cobro_core::pack::{upsert_by_id, Family};
use cobro_core::schedule;
use cobro_core::{
    AppSettings, Client, CollectionPolicy, ContactEntry, FollowUpStep, Id, Invoice, NumberingSeries, Outcome,
    Payment, Receipt, Sending, Stamp, StepState,
};
use rust_decimal::Decimal;

/// What recording, voiding or correcting a payment did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRecorded {
    /// Still owed after this payment (zero when paid in full).
    pub owed: Decimal,
    /// Paid beyond what was owed (the UI flags it).
    pub overpaid: Decimal,
    /// The early-payment discount the invoice's balance grants.
    pub early_discount: Decimal,
    /// Steps closed because the invoice is now paid in full, or opened again because a void
    /// left it owed.
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

fn not_found(what: &'static str, id: &str) -> OpError {
    OpError::NotFound {
        what,
        id: id.to_string(),
    }
}

/// The invoice of a family, or why there is none.
fn invoice_of(fam: &Family) -> Result<Invoice, OpError> {
    fam.invoice()
        .cloned()
        .ok_or_else(|| not_found("invoice", &fam.key))
}

async fn client(packs: &mut Packs<'_, '_>, id: &str) -> Result<Client, OpError> {
    packs.own(id).await?.ok_or_else(|| not_found("client", id))
}

/// The policy for this client's invoices: the client's own, else the app's.
async fn policy_for(db_tx: &super::tx::Tx<'_>, client: &Client) -> Result<CollectionPolicy, OpError> {
    let settings: AppSettings = db_tx.get(META, META_SETTINGS).await?.unwrap_or_default();
    Ok(schedule::effective_policy(&settings.policy, client).clone())
}

/// Replace `steps` entries by id with `changed` (the core returns only what changed).
fn apply(steps: &mut Vec<FollowUpStep>, changed: &[FollowUpStep]) {
    for c in changed {
        upsert_by_id(steps, c);
    }
}

impl Db {
    /// Issue a draft: give it the next number of its series. The series is
    /// read inside the transaction that writes it back, and IndexedDB runs
    /// readwrite transactions over the same store one after another, so two
    /// tabs issuing at once still get consecutive, unique numbers.
    pub async fn issue_invoice(&self, invoice_id: &str, now: Stamp) -> Result<Invoice, OpError> {
        let tx = self.write(&[PACKS, META])?;
        let mut packs = Packs::new(&tx);
        let mut fam = packs.family(invoice_id).await?;
        let draft = invoice_of(&fam)?;
        let client = client(&mut packs, &draft.client_id).await?;
        let series: NumberingSeries = packs
            .own(&draft.series_id)
            .await?
            .ok_or_else(|| not_found("numbering series", &draft.series_id))?;
        let (issued, series) = lifecycle::issue_invoice(&draft, &client, &series, now)?;
        // Its billing record (VERI*FACTU law) is part of issuing it.
        super::verifactu::write_record(&tx, super::verifactu::Doc::Invoice(&issued), &client, now).await?;
        packs.put_own(series).await?;
        upsert_by_id(&mut fam.invoices, &issued);
        packs.put_family(fam)?;
        let written = packs.finish()?;
        self.commit(tx, written).await?;
        // Signed right after the commit (WebCrypto cannot run inside the transaction); a
        // failure leaves it pending, signed at the next chance and reported meanwhile.
        self.sign_after(now).await;
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
        let tx = self.write(&[PACKS])?;
        let mut packs = Packs::new(&tx);
        let all: Vec<NumberingSeries> = packs.all().await?;
        let series = all
            .iter()
            .find(|s| s.id == series_id)
            .ok_or_else(|| not_found("numbering series", series_id))?;
        let edited = numbering::edit_series(series, &all, format, next, now)?;
        if edited != *series {
            packs.put_own(edited.clone()).await?;
            let written = packs.finish()?;
            self.commit(tx, written).await?;
        }
        Ok(edited)
    }

    /// Record that an issued invoice was sent and plan its follow-up under
    /// the client's policy. Sending again restarts the receipt check (the
    /// other steps keep their dates: the due date did not move). A "send it"
    /// step put off earlier is done on the day of sending.
    pub async fn send_invoice(
        &self,
        invoice_id: &str,
        sending: Sending,
        new_id: &mut dyn FnMut() -> Id,
        now: Stamp,
    ) -> Result<(Invoice, Vec<FollowUpStep>), OpError> {
        let tx = self.write(&[PACKS, META])?;
        let mut packs = Packs::new(&tx);
        let mut fam = packs.family(invoice_id).await?;
        let inv = invoice_of(&fam)?;
        let client = client(&mut packs, &inv.client_id).await?;
        let policy = policy_for(&tx, &client).await?;
        let date = sending.date;
        let sent = lifecycle::mark_sent(&inv, sending, now)?;
        let steps = schedule::on_sent(&fam.steps, &sent, date, &policy, new_id, now)?;
        upsert_by_id(&mut fam.invoices, &sent);
        apply(&mut fam.steps, &steps);
        packs.put_family(fam)?;
        let written = packs.finish()?;
        self.commit(tx, written).await?;
        Ok((sent, steps))
    }

    /// Record money received (checked by the core: not dated after `today`, beyond what is
    /// owed only up to `confirmed_excess`); when it settles the invoice, every open step is
    /// closed in the same transaction (no reminder for a paid invoice).
    pub async fn record_payment(
        &self,
        payment: &Payment,
        today: NaiveDate,
        confirmed_excess: Option<Decimal>,
        now: Stamp,
    ) -> Result<PaymentRecorded, OpError> {
        self.change_payments(&payment.invoice_id, |records| {
            corrections::record_payment(records, payment, today, confirmed_excess, now)
        })
        .await
    }

    /// Void a payment: kept on file with `today` and `reason`, counted nowhere; the steps it
    /// had closed open again when the invoice is owed again.
    pub async fn void_payment(
        &self,
        invoice_id: &str,
        payment_id: &str,
        reason: &str,
        today: NaiveDate,
        now: Stamp,
    ) -> Result<PaymentRecorded, OpError> {
        self.change_payments(invoice_id, |records| {
            corrections::void_payment(records, payment_id, reason, today, now)
        })
        .await
    }

    /// Correct a payment: void `old_id` and record `new` in its place, in one transaction.
    pub async fn correct_payment(
        &self,
        old_id: &str,
        new: &Payment,
        reason: &str,
        today: NaiveDate,
        confirmed_excess: Option<Decimal>,
        now: Stamp,
    ) -> Result<PaymentRecorded, OpError> {
        self.change_payments(&new.invoice_id, |records| {
            corrections::correct_payment(records, old_id, new, reason, today, confirmed_excess, now)
        })
        .await
    }

    /// The shape every payment operation shares: the invoice's family read inside the
    /// transaction, the core's change applied to it, written back.
    async fn change_payments(
        &self,
        invoice_id: &str,
        change: impl FnOnce(&corrections::InvoiceRecords) -> Result<corrections::PaymentChange, PaymentError>,
    ) -> Result<PaymentRecorded, OpError> {
        let tx = self.write(&[PACKS])?;
        let mut packs = Packs::new(&tx);
        let mut fam = packs.family(invoice_id).await?;
        let inv = invoice_of(&fam)?;
        let done = change(&corrections::InvoiceRecords {
            invoice: &inv,
            payments: &fam.payments,
            credit_notes: &fam.credit_notes,
            steps: &fam.steps,
        })?;
        for p in &done.payments {
            upsert_by_id(&mut fam.payments, p);
        }
        apply(&mut fam.steps, &done.steps);
        packs.put_family(fam)?;
        let written = packs.finish()?;
        self.commit(tx, written).await?;
        Ok(PaymentRecorded {
            owed: done.balance.owed,
            overpaid: done.balance.overpaid,
            early_discount: done.balance.early_discount,
            closed_steps: done.steps,
        })
    }

    /// Log a contact with a client. When it answers a step, that step is
    /// done; when it is about an invoice, its outcome acts on it: a confirmed
    /// receipt is recorded, a promise schedules its check (and quiets the
    /// reminders before it), a dispute opens (which pauses the follow-up), a
    /// closing fact (written off, handed to legal) closes its open steps.
    pub async fn log_contact(
        &self,
        entry: &ContactEntry,
        new_id: &mut dyn FnMut() -> Id,
        now: Stamp,
    ) -> Result<ContactLogged, OpError> {
        self.answer_card(entry, None, new_id, now).await
    }

    /// "Done" on an agenda card: the contact is logged as by [`Self::log_contact`], and the
    /// step the card showed (`shown`, on the day `today` it was shown) is settled with the
    /// earlier steps it supersedes, worked out again inside the transaction from the family's
    /// facts: if the follow-up moved on meanwhile (another tab), only that step, if still
    /// open, is done. A step the card derived (re-contact, review, send it) is stored now,
    /// with the entry's `step_id` when it has one.
    pub async fn answer_card(
        &self,
        entry: &ContactEntry,
        shown: Option<(cobro_core::follow_up::StepRef, NaiveDate)>,
        new_id: &mut dyn FnMut() -> Id,
        now: Stamp,
    ) -> Result<ContactLogged, OpError> {
        let tx = self.write(&[PACKS, META])?;
        let mut packs = Packs::new(&tx);
        let client = client(&mut packs, &entry.client_id).await?;
        let mut fam = packs.family(cobro_core::pack::contact_family(entry)).await?;
        let mut changed_steps: Vec<FollowUpStep> = Vec::new();
        let mut changed_invoice = None;
        let mut entry = entry.clone();

        if let Some((shown, today)) = &shown {
            let policy = policy_for(&tx, &client).await?;
            let settled = cobro_core::follow_up::with_family(&fam, |facts| {
                schedule::settle_shown(facts, &policy, *today, shown, entry.date, new_id, now)
            })
            .unwrap_or_default();
            // The contact names the step it answered, stored just now if it was derived.
            entry.step_id = settled.first().map(|s| s.id.clone()).or(entry.step_id.clone());
            changed_steps.extend(settled);
        } else if let Some(step_id) = &entry.step_id {
            // A step the contact answers is one of its invoice's, so of this family.
            let step = fam
                .steps
                .iter()
                .find(|s| &s.id == step_id)
                .cloned()
                .ok_or_else(|| not_found("follow-up step", step_id))?;
            // Answering a step that another tab already closed is not an error: the contact still happened.
            if step.state == StepState::Open {
                changed_steps.push(schedule::on_step_done(&step, entry.date, now)?);
            }
        }

        if let Some(invoice_id) = &entry.invoice_id {
            let inv = invoice_of(&fam).map_err(|_| not_found("invoice", invoice_id))?;
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
                    let mut steps = fam.steps.clone();
                    apply(&mut steps, &changed_steps);
                    let promised = schedule::on_promise(&steps, *date, &policy, &inv, new_id, now)?;
                    apply(&mut changed_steps, &promised);
                }
                Outcome::WrittenOff | Outcome::HandedToLegal => {
                    let mut steps = fam.steps.clone();
                    apply(&mut steps, &changed_steps);
                    let closed = schedule::on_closed(&steps, now);
                    apply(&mut changed_steps, &closed);
                }
                Outcome::NoAnswer | Outcome::Paid | Outcome::Other | Outcome::Reopened => {}
            }
        }

        upsert_by_id(&mut fam.contacts, &entry);
        if let Some(inv) = &changed_invoice {
            upsert_by_id(&mut fam.invoices, inv);
        }
        apply(&mut fam.steps, &changed_steps);
        packs.put_family(fam)?;
        let written = packs.finish()?;
        self.commit(tx, written).await?;
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
        let tx = self.write(&[PACKS, META])?;
        let mut packs = Packs::new(&tx);
        let mut fam = packs.family(invoice_id).await?;
        let inv = invoice_of(&fam)?;
        let client = client(&mut packs, &inv.client_id).await?;
        let policy = policy_for(&tx, &client).await?;
        let resolved = lifecycle::resolve_dispute(&inv, date, now)?;
        let changed = match resolved.disputes.last() {
            Some(d) => schedule::on_dispute_resolved(&fam.steps, d, &policy, now)?,
            None => Vec::new(),
        };
        upsert_by_id(&mut fam.invoices, &resolved);
        apply(&mut fam.steps, &changed);
        packs.put_family(fam)?;
        let written = packs.finish()?;
        self.commit(tx, written).await?;
        Ok((resolved, changed))
    }
}
