//! Cobro's domain core: every business rule of invoicing and collections as
//! plain Rust over plain data. No browser, no clock, no randomness: today's
//! date, the current instant and new ids are always arguments, so every rule
//! is testable natively and the app only asks and renders.

pub mod agenda;
pub mod backup;
pub mod collect;
pub mod corrections;
pub mod csv_export;
mod dates;
pub mod demo;
pub mod document;
pub mod draft;
pub mod draft_input;
pub mod follow_up;
pub mod forms;
pub mod guide;
pub mod ics;
pub mod late_interest;
pub mod ledger;
pub mod letter;
pub mod lifecycle;
pub mod locale;
pub mod model;
pub mod money;
pub mod numbering;
pub mod order;
pub mod pack;
pub mod payment_info;
pub mod priority;
pub mod recurring;
pub mod recurring_input;
pub mod reminder_text;
pub mod report;
pub mod schedule;
pub mod tax;
pub mod tax_csv;
pub mod tax_figures;
pub mod tax_id;
pub mod usage;
pub mod validity;
pub mod verifactu;

pub use model::*;
