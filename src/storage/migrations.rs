//! Schema versions and the upgrade step of each: opening a database created
//! by any older version runs every step after it, in order, inside the one
//! version-change transaction the browser gives us.

use super::keys::*;
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyPath;

/// The schema this build writes.
pub const CURRENT_VERSION: u32 = 1;

/// Bring a database from `old` (0 = new) to [`CURRENT_VERSION`].
pub fn upgrade(db: &Database, old: u32) -> indexed_db_futures::Result<()> {
    if old < 1 {
        v1(db)?;
    }
    Ok(())
}

fn v1(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(META).build()?;
    // (store, [(index name, field)]): the lookups the screens need without a full scan.
    let stores: [(&str, &[(&str, &str)]); 10] = [
        (PAYMENT_METHODS, &[]),
        (SERIES, &[]),
        (CLIENTS, &[(BY_NAME, "legal_name")]),
        (ITEMS, &[]),
        (QUOTES, &[(BY_CLIENT, "client_id")]),
        (
            INVOICES,
            &[
                (BY_CLIENT, "client_id"),
                (BY_DUE, "due_date"),
                (BY_ISSUE, "issue_date"),
            ],
        ),
        (CREDIT_NOTES, &[(BY_INVOICE, "invoice_id")]),
        (PAYMENTS, &[(BY_INVOICE, "invoice_id")]),
        (CONTACTS, &[(BY_CLIENT, "client_id"), (BY_INVOICE, "invoice_id")]),
        (STEPS, &[(BY_INVOICE, "invoice_id"), (BY_DUE, "due")]),
    ];
    for (name, indices) in stores {
        let store = db
            .create_object_store(name)
            .with_key_path(KeyPath::One("id"))
            .build()?;
        for (index, field) in indices {
            store.create_index(*index, KeyPath::One(*field)).build()?;
        }
    }
    Ok(())
}
