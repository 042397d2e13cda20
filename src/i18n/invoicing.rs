//! Strings of the invoicing screens, Spanish and English.

use cobro_core::Lang;

pub struct T {
    pub placeholder: &'static str,
}

static ES: T = T { placeholder: "" };
static EN: T = T { placeholder: "" };

pub fn texts(lang: Lang) -> &'static T {
    match lang {
        Lang::Es => &ES,
        Lang::En => &EN,
    }
}
