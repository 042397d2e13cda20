//! Strings of the guided start and the phone shell, Spanish and English: the "More" sheet and
//! its badge, the getting-started checklist, empty screens, the agenda's backup notice, the
//! filter toggle and the copy / share / email buttons of a ready-made text.

use cobro_core::guide::{Basic, NextAction, Screen, Situation};
use cobro_core::locale;
use cobro_core::Lang;

pub struct T {
    pub nav_more: &'static str,
    /// Read out after an entry's label when it has a badge.
    pub badge_backup_due: &'static str,
    pub checklist_title: &'static str,
    /// "{done} of {all} done".
    pub checklist_progress: &'static str,
    pub checklist_all_done: &'static str,
    pub checklist_dismiss: &'static str,
    /// Read out after a checklist item: whether it is done.
    pub done_word: &'static str,
    pub todo_word: &'static str,
    pub filter: &'static str,
    /// Read out after the filter toggle: how many filters are on.
    pub filters_active: &'static str,
    pub no_match: &'static str,
    pub backup_notice_title: &'static str,
    pub backup_never: &'static str,
    /// "{n}": the invoices issued or changed since the last backup.
    pub backup_invoices_since: &'static str,
    pub backup_risk: &'static str,
    pub backup_now: &'static str,
    pub not_now: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub share: &'static str,
    pub email: &'static str,
    pub share_failed: &'static str,
    pub see_text: &'static str,
    pub subject: &'static str,
}

static ES: T = T {
    nav_more: "Más",
    badge_backup_due: "copia pendiente",
    checklist_title: "Primeros pasos",
    checklist_progress: "{done} de {all} hechos",
    checklist_all_done: "Todo listo: Cobro ya sigue tus cobros y tus datos tienen copia.",
    checklist_dismiss: "Ocultar",
    done_word: "hecho",
    todo_word: "pendiente",
    filter: "Filtrar",
    filters_active: "filtros activos",
    no_match: "Nada coincide con estos filtros.",
    backup_notice_title: "Toca hacer una copia de seguridad",
    backup_never: "Todavía no has descargado ninguna copia.",
    backup_invoices_since: "{n} facturas emitidas o cambiadas desde entonces.",
    backup_risk: "Tus datos viven solo en este navegador: si los pierde, solo una copia los recupera.",
    backup_now: "Descargar copia ahora",
    not_now: "Ahora no",
    copy: "Copiar texto",
    copied: "Texto copiado",
    copy_failed: "No se pudo copiar: abre «Ver el texto», selecciónalo y cópialo a mano.",
    share: "Compartir",
    email: "Correo",
    share_failed: "No se pudo compartir: copia el texto y pégalo donde quieras enviarlo.",
    see_text: "Ver el texto",
    subject: "Asunto",
};

static EN: T = T {
    nav_more: "More",
    badge_backup_due: "backup due",
    checklist_title: "Getting started",
    checklist_progress: "{done} of {all} done",
    checklist_all_done: "All set: Cobro is following up your invoices and your data has a backup.",
    checklist_dismiss: "Hide",
    done_word: "done",
    todo_word: "to do",
    filter: "Filter",
    filters_active: "filters on",
    no_match: "Nothing matches these filters.",
    backup_notice_title: "Time for a backup",
    backup_never: "You have not downloaded a backup yet.",
    backup_invoices_since: "{n} invoices issued or changed since then.",
    backup_risk: "Your data lives only in this browser: if it loses it, only a backup brings it back.",
    backup_now: "Download backup now",
    not_now: "Not now",
    copy: "Copy text",
    copied: "Text copied",
    copy_failed: "Could not copy: open “See the text”, select it and copy it by hand.",
    share: "Share",
    email: "Email",
    share_failed: "Could not share: copy the text and paste it where you want to send it.",
    see_text: "See the text",
    subject: "Subject",
};

pub fn texts(lang: Lang) -> &'static T {
    match lang {
        Lang::Es => &ES,
        Lang::En => &EN,
    }
}

/// A checklist item's words.
pub fn basic(b: Basic, lang: Lang) -> &'static str {
    match (lang, b) {
        (Lang::Es, Basic::Business) => "Los datos de tu empresa: nombre, NIF y dirección",
        (Lang::Es, Basic::PaymentMethod) => "Una forma de cobro para imprimir en las facturas",
        (Lang::Es, Basic::Client) => "Tu primer cliente",
        (Lang::Es, Basic::Invoice) => "Tu primera factura emitida",
        (Lang::Es, Basic::Backup) => "Tu primera copia de seguridad",
        (Lang::En, Basic::Business) => "Your business details: name, tax ID and address",
        (Lang::En, Basic::PaymentMethod) => "A way to get paid, printed on your invoices",
        (Lang::En, Basic::Client) => "Your first client",
        (Lang::En, Basic::Invoice) => "Your first issued invoice",
        (Lang::En, Basic::Backup) => "Your first backup",
    }
}

/// What an empty screen says, for why it is empty. `None`: the screen keeps its own sentence
/// (a quiet day on the agenda, no figures in the period).
pub fn empty_sentence(screen: Screen, situation: Situation, lang: Lang) -> Option<&'static str> {
    use Screen as S;
    use Situation as W;
    Some(match (lang, screen, situation) {
        (_, _, W::Nothing) => return None,
        (Lang::Es, S::Clients, _) => {
            "Añade tu primer cliente: a quién facturas, su NIF y a quién escribir para cobrar."
        }
        (Lang::Es, S::Invoices, W::NoClients) => {
            "Para emitir una factura necesitas un cliente. Empieza por añadir el primero."
        }
        (Lang::Es, S::Invoices, _) => {
            "Todavía no hay facturas. Escribe la primera: queda en borrador hasta que la emitas."
        }
        (Lang::Es, S::Quotes, W::NoClients) => {
            "Un presupuesto necesita un cliente. Empieza por añadir el primero."
        }
        (Lang::Es, S::Quotes, _) => {
            "Todavía no hay presupuestos. Cuando un cliente acepte uno, se convierte en factura sin volver a escribirla."
        }
        (Lang::Es, S::Agenda, W::NoClients) => {
            "Aquí verás cada día a quién contactar para cobrar y por qué. Empieza por añadir tu primer cliente."
        }
        (Lang::Es, S::Agenda, W::OnlyDrafts) => {
            "Tus facturas siguen en borrador. Emite una y su seguimiento aparecerá aquí."
        }
        (Lang::Es, S::Agenda, _) => {
            "Aquí verás cada día a quién contactar para cobrar y por qué, en cuanto emitas tu primera factura."
        }
        (Lang::Es, S::Reports, W::NoClients) => {
            "Los informes muestran lo pendiente, lo vencido y cuánto tardan en pagarte. Empieza por añadir tu primer cliente."
        }
        (Lang::Es, S::Reports, W::OnlyDrafts) => {
            "Los informes cuentan solo facturas emitidas, y las tuyas siguen en borrador. Emite una."
        }
        (Lang::Es, S::Reports, _) => {
            "Los informes muestran lo pendiente, lo vencido y cuánto tardan en pagarte, en cuanto emitas tu primera factura."
        }
        (Lang::En, S::Clients, _) => {
            "Add your first client: whom you invoice, their tax ID and whom to write to about payment."
        }
        (Lang::En, S::Invoices, W::NoClients) => "An invoice needs a client. Start by adding your first one.",
        (Lang::En, S::Invoices, _) => "No invoices yet. Write your first one: it stays a draft until you issue it.",
        (Lang::En, S::Quotes, W::NoClients) => "A quote needs a client. Start by adding your first one.",
        (Lang::En, S::Quotes, _) => {
            "No quotes yet. When a client accepts one, it becomes an invoice without typing it again."
        }
        (Lang::En, S::Agenda, W::NoClients) => {
            "Every day, this is where you will see whom to contact about payment and why. Start by adding your first client."
        }
        (Lang::En, S::Agenda, W::OnlyDrafts) => {
            "Your invoices are still drafts. Issue one and its follow-up will show here."
        }
        (Lang::En, S::Agenda, _) => {
            "Every day, this is where you will see whom to contact about payment and why, once you issue your first invoice."
        }
        (Lang::En, S::Reports, W::NoClients) => {
            "Reports show what is owed, what is overdue and how long clients take to pay. Start by adding your first client."
        }
        (Lang::En, S::Reports, W::OnlyDrafts) => {
            "Reports count issued invoices only, and yours are still drafts. Issue one."
        }
        (Lang::En, S::Reports, _) => {
            "Reports show what is owed, what is overdue and how long clients take to pay, once you issue your first invoice."
        }
    })
}

/// The label of an empty screen's primary action.
pub fn action(a: NextAction, lang: Lang) -> &'static str {
    match (lang, a) {
        (Lang::Es, NextAction::AddClient) => "Añadir cliente",
        (Lang::Es, NextAction::NewInvoice) => "Nueva factura",
        (Lang::Es, NextAction::NewQuote) => "Nuevo presupuesto",
        (Lang::Es, NextAction::IssueDraft) => "Ver los borradores",
        (Lang::En, NextAction::AddClient) => "Add a client",
        (Lang::En, NextAction::NewInvoice) => "New invoice",
        (Lang::En, NextAction::NewQuote) => "New quote",
        (Lang::En, NextAction::IssueDraft) => "See the drafts",
    }
}

/// "Tu última copia es de hace 12 días." / "Your last backup was 12 days ago."
pub fn last_backup(days: i64, lang: Lang) -> String {
    let when = locale::relative_offset(days.saturating_neg(), lang);
    match lang {
        Lang::Es => format!("Tu última copia es de {when}."),
        Lang::En => format!("Your last backup was {when}."),
    }
}
