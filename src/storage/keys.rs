//! Store and index names (schema v1, plus the index v2 added), one place for all of them. Records are
//! stored as serde objects keyed by their `id`; dates are "YYYY-MM-DD"
//! strings, so a date index sorts chronologically.

/// Singletons (business profile, settings) under out-of-line keys.
pub const META: &str = "meta";
pub const META_PROFILE: &str = "profile";
pub const META_SETTINGS: &str = "settings";

pub const PAYMENT_METHODS: &str = "payment_methods";
pub const SERIES: &str = "series";
/// Index `by_name` on `legal_name`.
pub const CLIENTS: &str = "clients";
pub const ITEMS: &str = "items";
/// Index `by_client` on `client_id`.
pub const QUOTES: &str = "quotes";
/// Indices `by_client` (client_id), `by_due` (due_date), `by_issue` (issue_date).
pub const INVOICES: &str = "invoices";
/// Index `by_invoice` on `invoice_id`.
pub const CREDIT_NOTES: &str = "credit_notes";
/// Index `by_invoice` on `invoice_id`.
pub const PAYMENTS: &str = "payments";
/// Indices `by_client` (client_id), `by_invoice` (invoice_id).
pub const CONTACTS: &str = "contacts";
/// Indices `by_invoice` (invoice_id), `by_due` (due); since v2 `by_state_due`
/// ([state.state, due]: open steps by date without reading closed ones).
pub const STEPS: &str = "steps";

pub const BY_CLIENT: &str = "by_client";
pub const BY_INVOICE: &str = "by_invoice";
pub const BY_DUE: &str = "by_due";
pub const BY_ISSUE: &str = "by_issue";
pub const BY_NAME: &str = "by_name";
pub const BY_STATE_DUE: &str = "by_state_due";

/// Every store keyed by record id.
pub const RECORD_STORES: [&str; 10] = [
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
