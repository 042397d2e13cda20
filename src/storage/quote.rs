//! Named operations on quotes that touch more than one record: sending (which
//! numbers the quote from its series) and turning an accepted quote into an
//! invoice draft (the draft and the link back on the quote). One transaction
//! each, same shape as `ops.rs`.

use super::error::OpError;
use super::keys::*;
use super::packs::Packs;
use super::Db;
use chrono::NaiveDate;
use cobro_core::lifecycle;
use cobro_core::pack::Family;
use cobro_core::{AppSettings, Client, Id, Invoice, NumberingSeries, Quote, Stamp};

impl Db {
    /// Send (or re-send) a quote on `date`; the first sending numbers it.
    pub async fn send_quote(&self, quote_id: &str, date: NaiveDate, now: Stamp) -> Result<Quote, OpError> {
        let tx = self.write(&[PACKS])?;
        let mut packs = Packs::new(&tx);
        let quote: Quote = packs.own(quote_id).await?.ok_or_else(|| OpError::NotFound {
            what: "quote",
            id: quote_id.to_string(),
        })?;
        let series: NumberingSeries =
            packs
                .own(&quote.series_id)
                .await?
                .ok_or_else(|| OpError::NotFound {
                    what: "numbering series",
                    id: quote.series_id.clone(),
                })?;
        let (sent, series) = lifecycle::mark_quote_sent(&quote, &series, date, now)?;
        packs.put_own(series).await?;
        packs.put_own(sent.clone()).await?;
        let written = packs.finish()?;
        self.commit(tx, written).await?;
        Ok(sent)
    }

    /// The invoice draft an accepted quote becomes, dated `issue_date`, in the
    /// invoice series of the settings; the quote is linked to it in the same write.
    pub async fn invoice_from_quote(
        &self,
        quote_id: &str,
        issue_date: NaiveDate,
        new_id: &mut dyn FnMut() -> Id,
        now: Stamp,
    ) -> Result<Invoice, OpError> {
        let tx = self.write(&[PACKS, META])?;
        let mut packs = Packs::new(&tx);
        let quote: Quote = packs.own(quote_id).await?.ok_or_else(|| OpError::NotFound {
            what: "quote",
            id: quote_id.to_string(),
        })?;
        let client: Client = packs
            .own(&quote.client_id)
            .await?
            .ok_or_else(|| OpError::NotFound {
                what: "client",
                id: quote.client_id.clone(),
            })?;
        let settings: AppSettings = tx.get(META, META_SETTINGS).await?.unwrap_or_default();
        let series_id = settings.invoice_series_id.unwrap_or_default();
        let (invoice, linked) =
            lifecycle::quote_to_invoice_draft(&quote, &client, &series_id, issue_date, new_id, now)?;
        // The draft starts a family of its own (its id is new).
        let mut fam: Family = packs.family(&invoice.id).await?;
        fam.invoices = vec![invoice.clone()];
        packs.put_family(fam)?;
        packs.put_own(linked).await?;
        let written = packs.finish()?;
        self.commit(tx, written).await?;
        Ok(invoice)
    }
}
