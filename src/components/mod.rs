//! Small presentational pieces shared by the screens.

pub mod backup_notice;
pub mod checklist;
pub mod collections;
pub mod document;
pub mod editor;
pub mod empty_state;
pub mod filters;
pub mod forms;
pub mod icons;
pub mod invoicing;
pub mod lang_switch;
pub mod more;
pub mod nav;
pub mod page;
pub mod payments;
pub mod record_actions;
pub mod share_text;
pub mod update_banner;
pub mod verifactu;
pub mod when;
pub mod with_data;
