//! Cancelling (or partly correcting) an issued invoice with a credit note (factura rectificativa):
//! the numbered credit note, its series and the invoice marked cancelled are
//! written in one transaction, and the invoice's open follow-up steps close
//! (nobody chases a cancelled invoice). Same shape as `ops.rs`.

use super::error::OpError;
use super::keys::*;
use super::packs::Packs;
use super::Db;
use chrono::NaiveDate;
use cobro_core::lifecycle::{self, CreditRequest, CreditScope};
use cobro_core::pack::upsert_by_id;
use cobro_core::schedule;
use cobro_core::{AppSettings, Client, CreditNote, Id, Invoice, NumberingSeries, Stamp};

impl Db {
    /// Cancel an issued invoice in full with a credit note dated `date`.
    /// The credit-note series is the one named in the settings; it is read
    /// and written back inside the transaction, so numbers stay consecutive.
    pub async fn issue_credit_note(
        &self,
        invoice_id: &str,
        reason: &str,
        date: NaiveDate,
        new_id: &mut dyn FnMut() -> Id,
        now: Stamp,
    ) -> Result<(CreditNote, Invoice), OpError> {
        self.issue_credit_note_for(invoice_id, CreditScope::Full, reason, date, new_id, now)
            .await
    }

    /// Issue a credit note for `scope`: the whole invoice (cancelling it) or
    /// some lines (a correction; the invoice stays issued and owes less). The
    /// core refuses crediting more than what remains after earlier notes.
    pub async fn issue_credit_note_for(
        &self,
        invoice_id: &str,
        scope: CreditScope,
        reason: &str,
        date: NaiveDate,
        new_id: &mut dyn FnMut() -> Id,
        now: Stamp,
    ) -> Result<(CreditNote, Invoice), OpError> {
        let tx = self.write(&[PACKS, META])?;
        let mut packs = Packs::new(&tx);
        let not_found = |what: &'static str, id: &str| OpError::NotFound {
            what,
            id: id.to_string(),
        };
        let mut fam = packs.family(invoice_id).await?;
        let inv: Invoice = fam
            .invoice()
            .cloned()
            .ok_or_else(|| not_found("invoice", invoice_id))?;
        let client: Client = packs
            .own(&inv.client_id)
            .await?
            .ok_or_else(|| not_found("client", &inv.client_id))?;
        let settings: AppSettings = tx.get(META, META_SETTINGS).await?.unwrap_or_default();
        let series_id = settings.credit_note_series_id.unwrap_or_default();
        let series: NumberingSeries = packs
            .own(&series_id)
            .await?
            .ok_or_else(|| not_found("credit-note numbering series", &series_id))?;
        let refs: Vec<&CreditNote> = fam.credit_notes.iter().collect();
        let request = CreditRequest {
            scope,
            reason: reason.to_string(),
            date,
        };
        let (note, series, cancelled) =
            lifecycle::credit_note_for(&inv, &refs, &client, request, &series, new_id, now)?;
        // Its billing record (a corrective, VERI*FACTU law) is part of issuing it.
        let doc = super::verifactu::Doc::CreditNote {
            note: &note,
            original: &inv,
        };
        super::verifactu::write_record(&tx, doc, &client, now).await?;
        // A cancelled invoice owes nothing: its open steps close like a paid
        // one's. A partial correction leaves the follow-up as it was.
        let closed = if cancelled.cancelled_by.is_some() {
            schedule::on_paid_in_full(&fam.steps, now)
        } else {
            Vec::new()
        };
        upsert_by_id(&mut fam.credit_notes, &note);
        upsert_by_id(&mut fam.invoices, &cancelled);
        for s in &closed {
            upsert_by_id(&mut fam.steps, s);
        }
        packs.put_own(series).await?;
        packs.put_family(fam)?;
        let written = packs.finish()?;
        self.commit(tx, written).await?;
        self.sign_after(now).await;
        Ok((note, cancelled))
    }
}
