//! One module per screen.

pub mod agenda;
pub mod agenda_detail;
pub mod backup;
pub mod clients;
pub mod first_run;
pub mod invoices;
pub mod on_demand;
pub mod quotes;
pub mod recurring;
pub mod reports;
pub mod settings;
pub mod taxes;
