//! Collections pieces shown on other screens (e.g. the panel on an invoice page).

pub mod collect_panel;
