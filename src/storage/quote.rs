//! Named operations on quotes that touch more than one record: sending (which
//! numbers the quote from its series) and turning an accepted quote into an
//! invoice draft (the draft and the link back on the quote). One transaction
//! each, same shape as `ops.rs`.

use super::error::OpError;
use super::keys::*;
use super::Db;
use chrono::NaiveDate;
use cobro_core::lifecycle;
use cobro_core::{AppSettings, Client, Id, Invoice, NumberingSeries, Quote, Stamp};

impl Db {
    /// Send (or re-send) a quote on `date`; the first sending numbers it.
    pub async fn send_quote(&self, quote_id: &str, date: NaiveDate, now: Stamp) -> Result<Quote, OpError> {
        let stores = [QUOTES, SERIES];
        let tx = self.write(&stores)?;
        let quote: Quote = tx.get(QUOTES, quote_id).await?.ok_or_else(|| OpError::NotFound {
            what: "quote",
            id: quote_id.to_string(),
        })?;
        let series: NumberingSeries =
            tx.get(SERIES, &quote.series_id)
                .await?
                .ok_or_else(|| OpError::NotFound {
                    what: "numbering series",
                    id: quote.series_id.clone(),
                })?;
        let (sent, series) = lifecycle::mark_quote_sent(&quote, &series, date, now)?;
        tx.put(SERIES, &series).await?;
        tx.put(QUOTES, &sent).await?;
        self.commit(tx, &stores).await?;
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
        let stores = [QUOTES, CLIENTS, META, INVOICES];
        let tx = self.write(&stores)?;
        let quote: Quote = tx.get(QUOTES, quote_id).await?.ok_or_else(|| OpError::NotFound {
            what: "quote",
            id: quote_id.to_string(),
        })?;
        let client: Client = tx
            .get(CLIENTS, &quote.client_id)
            .await?
            .ok_or_else(|| OpError::NotFound {
                what: "client",
                id: quote.client_id.clone(),
            })?;
        let settings: AppSettings = tx.get(META, META_SETTINGS).await?.unwrap_or_default();
        let series_id = settings.invoice_series_id.unwrap_or_default();
        let (invoice, linked) =
            lifecycle::quote_to_invoice_draft(&quote, &client, &series_id, issue_date, new_id, now)?;
        tx.put(INVOICES, &invoice).await?;
        tx.put(QUOTES, &linked).await?;
        self.commit(tx, &stores).await?;
        Ok(invoice)
    }
}
