//! Strings of the recurring invoices (list, editor, the client's schedules), Spanish and English.

use crate::storage::recurring::ScheduleOpError;
use chrono::NaiveDate;
use cobro_core::recurring::{ScheduleProblem, Status};
use cobro_core::{Lang, MonthDay, MonthlyRule, Repeat};

pub struct T {
    pub title: &'static str,
    pub intro: &'static str,
    pub to_issue_title: &'static str,
    pub to_issue_empty: &'static str,
    /// The agenda's section of recurring drafts waiting.
    pub agenda_title: &'static str,
    pub agenda_open: &'static str,
    pub issue: &'static str,
    pub review: &'static str,
    /// "{n}": how many.
    pub issue_all: &'static str,
    pub confirm_issue_one: &'static str,
    /// "{n}": how many.
    pub confirm_issue_all: &'static str,
    pub confirm: &'static str,
    pub cancel: &'static str,
    /// "{n}": how many.
    pub issued_n: &'static str,
    pub schedules_title: &'static str,
    pub empty: &'static str,
    pub new: &'static str,
    pub edit: &'static str,
    pub pause: &'static str,
    pub resume: &'static str,
    pub end: &'static str,
    pub confirm_end: &'static str,
    /// "{date}".
    pub next_on: &'static str,
    pub paused: &'static str,
    pub ended: &'static str,
    /// "{n}".
    pub made_n: &'static str,
    /// "{n}".
    pub waiting_n: &'static str,
    pub col_name: &'static str,
    pub col_client: &'static str,
    pub col_every: &'static str,
    pub col_status: &'static str,
    pub col_amount: &'static str,
    pub col_date: &'static str,
    pub col_actions: &'static str,
    pub new_title: &'static str,
    pub edit_title: &'static str,
    pub name: &'static str,
    pub repeat_every: &'static str,
    pub unit: &'static str,
    pub unit_weeks: &'static str,
    pub unit_months: &'static str,
    pub day_of_month: &'static str,
    pub last_day: &'static str,
    pub start: &'static str,
    pub ends: &'static str,
    pub end_never: &'static str,
    pub end_after: &'static str,
    pub end_on: &'static str,
    pub end_count: &'static str,
    pub end_date: &'static str,
    pub covers: &'static str,
    pub covers_advance: &'static str,
    pub covers_arrears: &'static str,
    pub issue_on_open: &'static str,
    pub issue_on_open_hint: &'static str,
    pub placeholders_hint: &'static str,
    pub preview: &'static str,
    /// "{n}".
    pub past_dates: &'static str,
    pub edit_future: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub back: &'static str,
    pub not_found: &'static str,
    pub need_name: &'static str,
    pub need_start: &'static str,
    pub need_count: &'static str,
    pub need_end_date: &'static str,
    pub need_every: &'static str,
    pub make_recurring: &'static str,
    pub client_schedules: &'static str,
    pub client_schedules_empty: &'static str,
}

static ES: T = T {
    title: "Facturas periódicas",
    intro: "Cuando llega su fecha, Cobro prepara el borrador al abrirse, con el periodo escrito en sus textos. Tú lo revisas y lo emites.",
    to_issue_title: "Por emitir",
    to_issue_empty: "No hay borradores periódicos por emitir.",
    agenda_title: "Facturas periódicas por emitir",
    agenda_open: "Revisar y emitir",
    issue: "Emitir",
    review: "Revisar",
    issue_all: "Emitir todas ({n})",
    confirm_issue_one: "Se le asignará el siguiente número de la serie y ya no se podrá modificar.",
    confirm_issue_all: "Se emitirán {n} facturas, de la más antigua a la más reciente, con números consecutivos. Ya no se podrán modificar.",
    confirm: "Confirmar",
    cancel: "Cancelar",
    issued_n: "Facturas emitidas: {n}.",
    schedules_title: "Programadas",
    empty: "Aún no hay facturas periódicas. Crea una, o abre una factura y pulsa «Hacer periódica».",
    new: "Nueva factura periódica",
    edit: "Editar",
    pause: "Pausar",
    resume: "Reanudar",
    end: "Terminar",
    confirm_end: "No se harán más facturas con esta programación.",
    next_on: "Próxima: {date}",
    paused: "En pausa",
    ended: "Terminada",
    made_n: "Hechas: {n}",
    waiting_n: "por emitir: {n}",
    col_name: "Nombre",
    col_client: "Cliente",
    col_every: "Frecuencia",
    col_status: "Estado",
    col_amount: "Importe",
    col_date: "Fecha",
    col_actions: "Acciones",
    new_title: "Nueva factura periódica",
    edit_title: "Factura periódica",
    name: "Nombre (para reconocerla)",
    repeat_every: "Repetir cada",
    unit: "Unidad",
    unit_weeks: "semanas",
    unit_months: "meses",
    day_of_month: "Día del mes",
    last_day: "Último día del mes",
    start: "Primera factura a partir del",
    ends: "Termina",
    end_never: "Nunca",
    end_after: "Tras un número de facturas",
    end_on: "En una fecha",
    end_count: "Número de facturas",
    end_date: "Última fecha",
    covers: "Cada factura cobra su periodo",
    covers_advance: "Por adelantado",
    covers_arrears: "Vencido",
    issue_on_open: "Emitirlas al abrir Cobro, sin revisarlas",
    issue_on_open_hint: "Se numeran como cualquier factura. Sin marcar, quedan como borradores para que los revises.",
    placeholders_hint: "En las líneas y las notas puedes escribir {mes}, {periodo}, {desde}, {hasta} y {año}: cada factura los rellena con su periodo, en el idioma del cliente.",
    preview: "Próxima factura",
    past_dates: "Al guardar se prepararán {n} borradores de fechas ya pasadas.",
    edit_future: "Los cambios valen para las facturas que aún no se han hecho; las ya hechas no cambian.",
    save: "Guardar",
    saved: "Guardada.",
    back: "Volver",
    not_found: "Esta factura periódica no existe (puede que se borrara en otra pestaña).",
    need_name: "Ponle un nombre.",
    need_start: "Indica la fecha de la primera factura.",
    need_count: "El número de facturas debe ser un número entero mayor que cero.",
    need_end_date: "Indica la última fecha.",
    need_every: "«Repetir cada» debe ser un número entero mayor que cero.",
    make_recurring: "Hacer periódica",
    client_schedules: "Facturas periódicas",
    client_schedules_empty: "Este cliente no tiene facturas periódicas.",
};

static EN: T = T {
    title: "Recurring invoices",
    intro: "When one comes due, Cobro prepares its draft as it opens, with the period written into its texts. You review and issue it.",
    to_issue_title: "To issue",
    to_issue_empty: "No recurring drafts waiting to be issued.",
    agenda_title: "Recurring invoices to issue",
    agenda_open: "Review and issue",
    issue: "Issue",
    review: "Review",
    issue_all: "Issue all ({n})",
    confirm_issue_one: "It takes the series' next number and can no longer be changed.",
    confirm_issue_all: "{n} invoices will be issued, oldest first, with consecutive numbers. They can no longer be changed.",
    confirm: "Confirm",
    cancel: "Cancel",
    issued_n: "Invoices issued: {n}.",
    schedules_title: "Schedules",
    empty: "No recurring invoices yet. Create one, or open an invoice and choose “Make recurring”.",
    new: "New recurring invoice",
    edit: "Edit",
    pause: "Pause",
    resume: "Resume",
    end: "End",
    confirm_end: "This schedule will make no more invoices.",
    next_on: "Next: {date}",
    paused: "Paused",
    ended: "Ended",
    made_n: "Made: {n}",
    waiting_n: "to issue: {n}",
    col_name: "Name",
    col_client: "Client",
    col_every: "Frequency",
    col_status: "Status",
    col_amount: "Amount",
    col_date: "Date",
    col_actions: "Actions",
    new_title: "New recurring invoice",
    edit_title: "Recurring invoice",
    name: "Name (to recognise it)",
    repeat_every: "Repeat every",
    unit: "Unit",
    unit_weeks: "weeks",
    unit_months: "months",
    day_of_month: "Day of the month",
    last_day: "Last day of the month",
    start: "First invoice from",
    ends: "Ends",
    end_never: "Never",
    end_after: "After a number of invoices",
    end_on: "On a date",
    end_count: "Number of invoices",
    end_date: "Last date",
    covers: "Each invoice bills its period",
    covers_advance: "In advance",
    covers_arrears: "In arrears",
    issue_on_open: "Issue them when Cobro opens, without review",
    issue_on_open_hint: "They are numbered like any invoice. Unticked, they wait as drafts for you to review.",
    placeholders_hint: "In the lines and notes you can write {month}, {period}, {from}, {to} and {year}: each invoice fills them in with its period, in the client's language.",
    preview: "Next invoice",
    past_dates: "Saving prepares {n} drafts for dates already past.",
    edit_future: "Changes apply to the invoices not made yet; those already made stay as they are.",
    save: "Save",
    saved: "Saved.",
    back: "Back",
    not_found: "This recurring invoice does not exist (it may have been deleted in another tab).",
    need_name: "Give it a name.",
    need_start: "Give the date of the first invoice.",
    need_count: "The number of invoices must be a whole number above zero.",
    need_end_date: "Give the last date.",
    need_every: "“Repeat every” must be a whole number above zero.",
    make_recurring: "Make recurring",
    client_schedules: "Recurring invoices",
    client_schedules_empty: "This client has no recurring invoices.",
};

pub fn texts(lang: Lang) -> &'static T {
    match lang {
        Lang::Es => &ES,
        Lang::En => &EN,
    }
}

fn ordinal_en(day: u8) -> String {
    let suffix = match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{day}{suffix}")
}

/// "Cada mes, el día 1" / "Every 2 weeks" / "Every 3 months, on the last day".
pub fn every(repeat: Repeat, lang: Lang) -> String {
    match (repeat, lang) {
        (Repeat::Weeks(1), Lang::Es) => "Cada semana".into(),
        (Repeat::Weeks(n), Lang::Es) => format!("Cada {n} semanas"),
        (Repeat::Weeks(1), Lang::En) => "Every week".into(),
        (Repeat::Weeks(n), Lang::En) => format!("Every {n} weeks"),
        (Repeat::Months(MonthlyRule { every, on }), Lang::Es) => {
            let when = match on {
                MonthDay::Day(d) => format!("el día {d}"),
                MonthDay::Last => "el último día".into(),
            };
            match every {
                1 => format!("Cada mes, {when}"),
                n => format!("Cada {n} meses, {when}"),
            }
        }
        (Repeat::Months(MonthlyRule { every, on }), Lang::En) => {
            let when = match on {
                MonthDay::Day(d) => format!("on the {}", ordinal_en(d)),
                MonthDay::Last => "on the last day".into(),
            };
            match every {
                1 => format!("Every month, {when}"),
                n => format!("Every {n} months, {when}"),
            }
        }
    }
}

/// Where a schedule stands, in words.
pub fn status(s: Status, lang: Lang) -> String {
    let t = texts(lang);
    match s {
        Status::Active { next } => t.next_on.replace("{date}", &date(next, lang)),
        Status::Paused => t.paused.into(),
        Status::Ended => t.ended.into(),
    }
}

pub fn date(d: NaiveDate, lang: Lang) -> String {
    crate::i18n::invoicing::date(d, lang)
}

/// A schedule problem in plain words.
pub fn problem(p: &ScheduleProblem, lang: Lang) -> String {
    match (p, lang) {
        (ScheduleProblem::NoName, _) => texts(lang).need_name.into(),
        (ScheduleProblem::NoLines, Lang::Es) => "La factura necesita al menos una línea.".into(),
        (ScheduleProblem::NoLines, Lang::En) => "The invoice needs at least one line.".into(),
        (ScheduleProblem::EveryOutOfRange { max, .. }, Lang::Es) => {
            format!("«Repetir cada» debe estar entre 1 y {max}.")
        }
        (ScheduleProblem::EveryOutOfRange { max, .. }, Lang::En) => {
            format!("“Repeat every” must be from 1 to {max}.")
        }
        (ScheduleProblem::DayOutOfRange { day }, Lang::Es) => {
            format!("El día {day} no existe: elige del 1 al 31 o el último día.")
        }
        (ScheduleProblem::DayOutOfRange { day }, Lang::En) => {
            format!("Day {day} does not exist: choose 1 to 31 or the last day.")
        }
        (ScheduleProblem::AfterZero(_), _) => texts(lang).need_count.into(),
        (ScheduleProblem::EndsBeforeStart { start, end }, Lang::Es) => format!(
            "Termina el {} antes de empezar el {}.",
            date(*end, lang),
            date(*start, lang)
        ),
        (ScheduleProblem::EndsBeforeStart { start, end }, Lang::En) => format!(
            "It ends on {}, before it starts on {}.",
            date(*end, lang),
            date(*start, lang)
        ),
        (ScheduleProblem::Amounts(e), _) => crate::i18n::invoicing::money_error(e, lang),
        (ScheduleProblem::NotWhole { text }, Lang::Es) => {
            format!("«{text}» no es un número entero: escribe uno sin decimales (12).")
        }
        (ScheduleProblem::NotWhole { text }, Lang::En) => {
            format!("“{text}” is not a whole number: type one without decimals (12).")
        }
        (ScheduleProblem::NotADate { text }, Lang::Es) => {
            format!("«{text}» no es una fecha: elígela en el calendario.")
        }
        (ScheduleProblem::NotADate { text }, Lang::En) => {
            format!("“{text}” is not a date: pick it from the calendar.")
        }
    }
}

/// A refused schedule change in plain words.
pub fn op_error(e: &ScheduleOpError, lang: Lang) -> String {
    match e {
        ScheduleOpError::Op(op) => crate::i18n::invoicing::op_error(op, lang),
        ScheduleOpError::Invalid(problems) => problems
            .iter()
            .map(|p| problem(p, lang))
            .collect::<Vec<_>>()
            .join(" "),
    }
}
