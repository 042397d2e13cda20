//! Archiving, restoring and deleting the records documents name (clients, catalogue items,
//! payment methods). Archive and restore change one record; a delete reads, in the same
//! transaction that deletes, every record that could name it and asks the core
//! ([`usage::check_delete`]), so a document written meanwhile in another tab stops it.
//! The operations take the kind as a value, not a type: one copy of each in the download.

use super::error::OpError;
use super::keys::PACKS;
use super::packs::Packs;
use super::records::Record;
use super::Db;
use cobro_core::usage::{self, Archivable, Target};
use cobro_core::{
    CatalogItem, Client, ContactEntry, CreditNote, Dataset, Invoice, Payment, PaymentMethod, Quote, Stamp,
};

/// The kinds of record that are archived rather than deleted while something names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveKind {
    Client,
    Item,
    Method,
}

impl ArchiveKind {
    fn target(self, id: &str) -> Target<'_> {
        match self {
            Self::Client => Target::Client(id),
            Self::Item => Target::Item(id),
            Self::Method => Target::Method(id),
        }
    }

    fn what(self) -> &'static str {
        match self {
            Self::Client => Client::WHAT,
            Self::Item => CatalogItem::WHAT,
            Self::Method => PaymentMethod::WHAT,
        }
    }
}

/// `id` archived or restored in `packs`; whether there was such a record.
async fn flip<R: Record + Archivable>(
    packs: &mut Packs<'_, '_>,
    id: &str,
    archived: bool,
    now: Stamp,
) -> Result<bool, OpError> {
    let Some(old) = packs.own::<R>(id).await? else {
        return Ok(false);
    };
    packs.put_own(old.with_archived(archived, now)).await?;
    Ok(true)
}

/// Every record that can name a client, item or method.
async fn naming_records(packs: &mut Packs<'_, '_>) -> Result<Dataset, OpError> {
    Ok(Dataset {
        clients: packs.all::<Client>().await?,
        quotes: packs.all::<Quote>().await?,
        invoices: packs.all::<Invoice>().await?,
        credit_notes: packs.all::<CreditNote>().await?,
        payments: packs.all::<Payment>().await?,
        contacts: packs.all::<ContactEntry>().await?,
        ..Dataset::default()
    })
}

impl Db {
    /// Archive (hidden from pickers, kept where named) or restore a record.
    pub async fn set_archived(
        &self,
        kind: ArchiveKind,
        id: &str,
        archived: bool,
        now: Stamp,
    ) -> Result<(), OpError> {
        let tx = self.write(&[PACKS])?;
        let mut packs = Packs::new(&tx);
        let found = match kind {
            ArchiveKind::Client => flip::<Client>(&mut packs, id, archived, now).await?,
            ArchiveKind::Item => flip::<CatalogItem>(&mut packs, id, archived, now).await?,
            ArchiveKind::Method => flip::<PaymentMethod>(&mut packs, id, archived, now).await?,
        };
        if !found {
            return Err(OpError::NotFound {
                what: kind.what(),
                id: id.to_string(),
            });
        }
        let written = packs.finish()?;
        self.commit(tx, written).await?;
        Ok(())
    }

    /// Delete a record that nothing names; refused (nothing written) when something does.
    pub async fn delete_unused(&self, kind: ArchiveKind, id: &str) -> Result<(), OpError> {
        let tx = self.write(&[PACKS])?;
        let mut packs = Packs::new(&tx);
        let exists = match kind {
            ArchiveKind::Client => packs.own::<Client>(id).await?.is_some(),
            ArchiveKind::Item => packs.own::<CatalogItem>(id).await?.is_some(),
            ArchiveKind::Method => packs.own::<PaymentMethod>(id).await?.is_some(),
        };
        if !exists {
            // Deleted meanwhile (another tab): nothing left to do.
            return Ok(());
        }
        usage::check_delete(&naming_records(&mut packs).await?, kind.target(id))?;
        match kind {
            ArchiveKind::Client => packs.remove_own::<Client>(id).await?,
            ArchiveKind::Item => packs.remove_own::<CatalogItem>(id).await?,
            ArchiveKind::Method => packs.remove_own::<PaymentMethod>(id).await?,
        };
        let written = packs.finish()?;
        self.commit(tx, written).await?;
        Ok(())
    }
}
