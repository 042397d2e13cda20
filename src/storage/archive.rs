//! Archiving, restoring and deleting the records documents name (clients, catalogue items,
//! payment methods). Archive and restore change one record; a delete reads, in the same
//! transaction that deletes, every record that could name it and asks the core
//! ([`usage::check_delete`]), so a document written meanwhile in another tab stops it.

use super::error::OpError;
use super::keys::PACKS;
use super::packs::Packs;
use super::records::Record;
use super::Db;
use cobro_core::usage::{self, Archivable};
use cobro_core::{Client, ContactEntry, CreditNote, Dataset, Invoice, Payment, Quote, Stamp};

impl Db {
    /// Archive (hidden from pickers, kept where named) or restore a record.
    pub async fn set_archived<R: Record + Archivable>(
        &self,
        id: &str,
        archived: bool,
        now: Stamp,
    ) -> Result<R, OpError> {
        let tx = self.write(&[PACKS])?;
        let mut packs = Packs::new(&tx);
        let old: R = packs.own(id).await?.ok_or_else(|| OpError::NotFound {
            what: R::WHAT,
            id: id.to_string(),
        })?;
        let changed = old.with_archived(archived, now);
        packs.put_own(changed.clone()).await?;
        let written = packs.finish()?;
        self.commit(tx, written).await?;
        Ok(changed)
    }

    /// Delete a record that nothing names; refused (nothing written) when something does.
    pub async fn delete_unused<R: Record + Archivable>(&self, id: &str) -> Result<(), OpError> {
        let tx = self.write(&[PACKS])?;
        let mut packs = Packs::new(&tx);
        let Some(old) = packs.own::<R>(id).await? else {
            // Deleted meanwhile (another tab): nothing left to do.
            return Ok(());
        };
        let naming = Dataset {
            clients: packs.all::<Client>().await?,
            quotes: packs.all::<Quote>().await?,
            invoices: packs.all::<Invoice>().await?,
            credit_notes: packs.all::<CreditNote>().await?,
            payments: packs.all::<Payment>().await?,
            contacts: packs.all::<ContactEntry>().await?,
            ..Dataset::default()
        };
        usage::check_delete(&naming, old.target())?;
        packs.remove_own::<R>(id).await?;
        let written = packs.finish()?;
        self.commit(tx, written).await?;
        Ok(())
    }
}
