//! Small presentational pieces shared by the screens.

pub mod collections;
pub mod invoicing;
pub mod lang_switch;
pub mod more;
pub mod nav;
pub mod page;
pub mod update_banner;
pub mod verifactu;
pub mod when;
pub mod with_data;
