//! Collections pieces: the panel on an invoice page, the contact, sending and closing forms,
//! the agenda's cards, the formal letter, and the small helpers they share.

pub mod agenda_item;
pub mod charts;
pub mod close_form;
pub mod collect_panel;
pub mod contact_form;
pub mod letter;
pub mod send_form;
pub mod shared;
