//! Collections pieces: the panel on an invoice page, the contact form, the agenda rows, and
//! the small helpers they share.

pub mod agenda_item;
pub mod charts;
pub mod collect_panel;
pub mod contact_form;
pub mod shared;
