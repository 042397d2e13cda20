//! Deleting a draft (an invoice or a quote the user does not want after all): the core
//! says which drafts may go, one transaction removes it, and a draft made from a quote
//! hands the quote back (unlinked, so it can be invoiced again). Same shape as `ops.rs`.

use super::error::OpError;
use super::keys::*;
use super::packs::Packs;
use super::Db;
use cobro_core::draft;
use cobro_core::{Invoice, Quote, Stamp};

impl Db {
    /// Delete the draft invoice `id`; deleting one that is already gone is not an error.
    /// An issued invoice is refused (correct it with a credit note).
    pub async fn delete_invoice_draft(&self, id: &str, now: Stamp) -> Result<(), OpError> {
        let tx = self.write(&[PACKS])?;
        let mut packs = Packs::new(&tx);
        let mut fam = packs.family(id).await?;
        let Some(inv) = fam.invoice().cloned() else {
            return Ok(());
        };
        draft::ensure_invoice_deletable(&inv)?;
        if let Some(qid) = &inv.quote_id {
            if let Some(quote) = packs.own::<Quote>(qid).await? {
                if let Some(unlinked) = draft::unlink_quote(&quote, id, now) {
                    packs.put_own(unlinked).await?;
                }
            }
        }
        fam.invoices.retain(|i: &Invoice| i.id != id);
        packs.put_family(fam)?;
        let written = packs.finish()?;
        self.commit(tx, written).await?;
        Ok(())
    }

    /// Delete the draft quote `id` (never numbered, never sent); one already gone is fine.
    pub async fn delete_quote_draft(&self, id: &str) -> Result<(), OpError> {
        let tx = self.write(&[PACKS])?;
        let mut packs = Packs::new(&tx);
        let Some(quote) = packs.own::<Quote>(id).await? else {
            return Ok(());
        };
        draft::ensure_quote_deletable(&quote)?;
        packs.remove_own::<Quote>(id).await?;
        let written = packs.finish()?;
        self.commit(tx, written).await?;
        Ok(())
    }
}
