//! Store names of the schema, one place for all of them.
//!
//! Since schema v3 every record lives in a *pack* (see `cobro_core::pack`): one entry of the
//! `packs` store per kind of record, class (start-up, hot, cold) and bucket, keyed by its pack
//! id (`b.steps.07`) and holding `{ id, data }`, `data` being the records as one JSON array in
//! UTF-8 bytes. Years of data are then a few hundred entries instead of 130 000, which is
//! what made restores, exports and start-ups take seconds. The business profile and the
//! settings are the two entries of `meta`.
//!
//! Schemas v1 and v2 kept one entry per record in one store per kind, keyed by `id`, under the
//! kind's name; the v3 upgrade moves those records into packs and deletes the stores. The
//! kind names stay in use: they are what other tabs are told changed.

/// Singletons (business profile, settings) under out-of-line keys.
pub const META: &str = "meta";
pub const META_PROFILE: &str = "profile";
pub const META_SETTINGS: &str = "settings";

/// Since v3: every record, in packs keyed by their id (`cobro_core::pack::PackId`).
pub const PACKS: &str = "packs";

// Kinds of records: the names of the v1/v2 stores, of the backup's stores and of the
// changes announced to other tabs.
pub const PAYMENT_METHODS: &str = "payment_methods";
pub const SERIES: &str = "series";
pub const CLIENTS: &str = "clients";
pub const ITEMS: &str = "items";
pub const QUOTES: &str = "quotes";
pub const INVOICES: &str = "invoices";
pub const CREDIT_NOTES: &str = "credit_notes";
pub const PAYMENTS: &str = "payments";
pub const CONTACTS: &str = "contacts";
pub const STEPS: &str = "steps";
/// Recurring-invoice schedules (packs only: they came after v2).
pub const RECURRING: &str = "recurring";

/// The v1/v2 stores, one record per entry keyed by `id`, moved into packs by the v3 upgrade.
pub const LEGACY_STORES: [&str; 10] = [
    PAYMENT_METHODS,
    SERIES,
    CLIENTS,
    ITEMS,
    QUOTES,
    INVOICES,
    CREDIT_NOTES,
    PAYMENTS,
    CONTACTS,
    STEPS,
];

/// Indexes of the v1/v2 stores (created by those versions' upgrade steps).
pub const BY_CLIENT: &str = "by_client";
pub const BY_INVOICE: &str = "by_invoice";
pub const BY_DUE: &str = "by_due";
pub const BY_ISSUE: &str = "by_issue";
pub const BY_NAME: &str = "by_name";
pub const BY_STATE_DUE: &str = "by_state_due";

/// Every store of the current schema.
pub const STORES: [&str; 2] = [META, PACKS];
