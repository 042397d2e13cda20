//! The formal collection letter as a printable document (the policy's "formal letter" step):
//! letterhead, the client's address, every overdue invoice of that client with what is owed
//! and, between businesses, the statutory late-payment interest and the 40 EUR compensation
//! per invoice (Ley 3/2004, [`crate::late_interest`]), how to pay, and the signature.
//!
//! The view model is built here, every text in the letter's language (the client's) and every
//! amount and date already written as the letter prints them, so the figures are tested
//! natively; [`Letter::document`] hands it to the one document component as a
//! [`DocumentView`], so the letter looks and prints like every other document the business
//! sends.

use crate::collect;
use crate::document::{
    self, Column, DocumentKind, DocumentView, Section, Table, TableRow, TotalKind, TotalRow,
};
use crate::follow_up::{self, Phase};
use crate::late_interest::{self, Interest, Rates};
use crate::ledger::Ledger;
use crate::model::{Address, BusinessProfile, Client, Lang, PaymentMethod};
use crate::money;
use crate::reminder_text::{format_date, DEFAULT_DEADLINE_DAYS};
use crate::report;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

/// A party of the letter: who writes and who receives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Party {
    pub name: String,
    /// "NIF: B12345678", or empty.
    pub tax_id: String,
    /// Street, postal code and city, region and country: the non-empty ones.
    pub address: Vec<String>,
    /// Email and phone (sender) or "To the attention of …" (recipient): the non-empty ones.
    pub contact: Vec<String>,
}

/// One invoice claimed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub invoice_id: String,
    pub number: String,
    pub issue_date: String,
    pub due_date: String,
    pub days_late: i64,
    pub currency: String,
    /// Owed, as printed, and as a number.
    pub owed: String,
    pub owed_amount: Decimal,
    /// Late-payment interest to the letter's date (empty when not claimed).
    pub interest: String,
    pub interest_amount: Decimal,
    /// The fixed compensation (empty when not claimed).
    pub compensation: String,
    pub interest_detail: Option<Interest>,
}

/// The sums of one currency, as printed and as numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Total {
    pub currency: String,
    pub owed: String,
    pub owed_amount: Decimal,
    pub interest: String,
    pub interest_amount: Decimal,
    pub compensation: String,
    pub compensation_amount: Decimal,
    pub total: String,
    pub total_amount: Decimal,
}

/// Column titles and headings, in the letter's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Labels {
    pub invoice: &'static str,
    pub issued: &'static str,
    pub due: &'static str,
    pub days_late: &'static str,
    pub owed: &'static str,
    pub interest: &'static str,
    pub compensation: &'static str,
    pub total: &'static str,
    pub how_to_pay: &'static str,
    pub basis: &'static str,
}

/// The letter, ready to print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Letter {
    pub lang: Lang,
    /// "Requerimiento de pago" / "Demand for payment".
    pub title: &'static str,
    pub date: NaiveDate,
    /// "Madrid, 1 de diciembre de 2026".
    pub place_and_date: String,
    pub sender: Party,
    /// `data:image/…` logo of the sender, if any.
    pub logo: Option<String>,
    pub recipient: Party,
    pub subject: String,
    pub greeting: String,
    /// The paragraphs before the table.
    pub intro: Vec<String>,
    pub labels: Labels,
    pub rows: Vec<Row>,
    pub totals: Vec<Total>,
    /// The late-payment claim is made (business client, policy on).
    pub claim: bool,
    /// How the interest was computed: rates by semester, the day count.
    pub basis: Vec<String>,
    /// Some rate is an estimate (no published rate known for a semester).
    pub estimated_rate: bool,
    /// How to pay, one line per method, and the reference to quote.
    pub how_to_pay: Vec<String>,
    /// The paragraphs after the table.
    pub outro: Vec<String>,
    pub closing: String,
    pub signature: Vec<String>,
}

/// The amount written with the currency's minor unit always shown ("40,00 €").
fn amount(value: Decimal, currency: &str, lang: Lang) -> String {
    let mut v = value;
    if let Some(units) = money::minor_units(currency) {
        v.rescale(units);
    }
    money::format_amount(v, currency, lang)
}

/// "1 de diciembre de 2026" / "1 December 2026".
pub fn long_date(date: NaiveDate, lang: Lang) -> String {
    const ES: [&str; 12] = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let m = date.month0() as usize;
    match lang {
        Lang::Es => format!(
            "{} de {} de {}",
            date.day(),
            ES.get(m).copied().unwrap_or(""),
            date.year()
        ),
        Lang::En => format!(
            "{} {} {}",
            date.day(),
            EN.get(m).copied().unwrap_or(""),
            date.year()
        ),
    }
}

fn address_lines(a: &Address) -> Vec<String> {
    let city = format!("{} {}", a.postal_code.trim(), a.city.trim())
        .trim()
        .to_owned();
    let region = [a.region.trim(), a.country.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    [a.street.trim().to_owned(), city, region]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect()
}

fn tax_line(tax_id: &str, lang: Lang) -> String {
    let id = tax_id.trim();
    match (id.is_empty(), lang) {
        (true, _) => String::new(),
        (false, Lang::Es) => format!("NIF: {id}"),
        (false, Lang::En) => format!("Tax ID: {id}"),
    }
}

/// The formal letter to the client of invoice `invoice_id` on `today`: every invoice of that
/// client in follow-up (owed, not closed, not disputed) that is overdue, oldest due first.
/// `None` when the invoice is unknown or its client has nothing overdue to claim.
pub fn letter(
    ledger: &Ledger,
    profile: &BusinessProfile,
    invoice_id: &str,
    today: NaiveDate,
) -> Option<Letter> {
    let first = ledger.invoice_index(invoice_id)?;
    let client_id = ledger.data.invoices.get(first)?.client_id.clone();
    let client: Option<&Client> = ledger.client_of_index(first);
    let lang = client.map_or(Lang::Es, |c| c.language);
    let claim = collect::policy(ledger, first).late_payment_claim;
    let rates = Rates::with(&ledger.data.settings.late_interest_rates);

    let mut claimed: Vec<usize> = ledger
        .data
        .invoices
        .iter()
        .enumerate()
        .filter(|(_, inv)| inv.client_id == client_id && inv.due_date < today)
        .filter(|(i, _)| {
            collect::facts(ledger, *i, today)
                .is_some_and(|f| follow_up::phase(&f, today) == Some(Phase::Policy))
        })
        .map(|(i, _)| i)
        .collect();
    if claimed.is_empty() {
        return None;
    }
    crate::order::sort_by_key(&mut claimed, |i| {
        ledger
            .data
            .invoices
            .get(*i)
            .map(|inv| (inv.due_date, inv.number.clone()))
    });

    let mut rows = Vec::new();
    let mut estimated = false;
    let mut used_rates: Vec<(i32, u8, Decimal)> = Vec::new();
    for index in claimed {
        let Some(inv) = ledger.data.invoices.get(index) else {
            continue;
        };
        let owed = report::balance_as_of(ledger, inv, today).ok()?.owed;
        let cur = inv.currency.as_str();
        let detail = if claim {
            // What was owed at the due date, then after each payment or credit note since.
            let mut days: Vec<NaiveDate> = ledger
                .payments_of_index(index)
                .iter()
                .map(|p| p.date)
                .chain(
                    ledger
                        .credit_notes_of_index(index)
                        .iter()
                        .filter(|c| c.number.is_some())
                        .map(|c| c.issue_date),
                )
                .filter(|d| *d > inv.due_date && *d <= today)
                .collect();
            days.sort_unstable();
            days.dedup();
            let mut owed_after = vec![(
                inv.due_date,
                report::balance_as_of(ledger, inv, inv.due_date).ok()?.owed,
            )];
            for d in days {
                owed_after.push((d, report::balance_as_of(ledger, inv, d).ok()?.owed));
            }
            let i = late_interest::interest(inv.due_date, today, &owed_after, &rates, cur).ok()?;
            estimated |= i.estimated;
            for a in &i.accruals {
                let (y, h) = late_interest::semester(a.from);
                if !used_rates.iter().any(|(uy, uh, _)| (*uy, *uh) == (y, h)) {
                    used_rates.push((y, h, a.rate_pct));
                }
            }
            Some(i)
        } else {
            None
        };
        let interest_amount = detail.as_ref().map_or(Decimal::ZERO, |i| i.total);
        rows.push(Row {
            invoice_id: inv.id.clone(),
            number: inv.number.clone().unwrap_or_default(),
            issue_date: format_date(inv.issue_date, lang),
            due_date: format_date(inv.due_date, lang),
            days_late: (today - inv.due_date).num_days(),
            currency: cur.to_owned(),
            owed: amount(owed, cur, lang),
            owed_amount: owed,
            interest: if claim {
                amount(interest_amount, cur, lang)
            } else {
                String::new()
            },
            interest_amount,
            compensation: if claim {
                amount(late_interest::COMPENSATION_EUR, "EUR", lang)
            } else {
                String::new()
            },
            interest_detail: detail,
        });
    }

    // Totals per currency. The compensation is in euros whatever the invoice's currency, so
    // the euro total carries it for every invoice claimed (a euro line of its own when no
    // invoice is in euros).
    let mut currencies: Vec<String> = rows.iter().map(|r| r.currency.clone()).collect();
    if claim {
        currencies.push("EUR".to_owned());
    }
    currencies.sort();
    currencies.dedup();
    let claimed_n = Decimal::from(rows.len());
    let totals = currencies
        .iter()
        .map(|cur| {
            let mine = rows.iter().filter(|r| &r.currency == cur);
            let owed: Decimal = mine.clone().map(|r| r.owed_amount).sum();
            let interest: Decimal = mine.map(|r| r.interest_amount).sum();
            let euro = claim && cur == "EUR";
            let compensation = if euro {
                late_interest::COMPENSATION_EUR * claimed_n
            } else {
                Decimal::ZERO
            };
            let total = owed + interest + compensation;
            Total {
                currency: cur.clone(),
                owed: amount(owed, cur, lang),
                owed_amount: owed,
                interest: if claim {
                    amount(interest, cur, lang)
                } else {
                    String::new()
                },
                interest_amount: interest,
                compensation: if euro {
                    amount(compensation, cur, lang)
                } else {
                    String::new()
                },
                compensation_amount: compensation,
                total: amount(total, cur, lang),
                total_amount: total,
            }
        })
        .collect();

    used_rates.sort_unstable_by_key(|(y, h, _)| (*y, *h));
    let texts = Texts::new(lang);
    let numbers: Vec<String> = rows.iter().map(|r| r.number.clone()).collect();
    let deadline = DEFAULT_DEADLINE_DAYS;
    let client_name = client.map_or(String::new(), |c| c.legal_name.clone());
    let methods: Vec<&PaymentMethod> = {
        let inv = ledger.data.invoices.get(first)?;
        let mut ids = inv.payment_method_ids.clone();
        if ids.is_empty() {
            ids = client.map_or(Vec::new(), |c| c.preferred_payment_method_ids.clone());
        }
        ids.iter()
            .filter_map(|id| ledger.data.payment_methods.iter().find(|m| &m.id == id))
            .collect()
    };
    let mut how_to_pay: Vec<String> = collect::payment_instructions(&methods, lang)
        .lines()
        .map(str::to_owned)
        .collect();
    how_to_pay.push(texts.reference(&numbers.join(", ")));
    let basis = if claim {
        let mut lines: Vec<String> = used_rates
            .iter()
            .map(|(y, h, rate)| texts.rate_line(*y, *h, *rate))
            .collect();
        lines.push(texts.day_count.to_owned());
        if estimated {
            lines.push(texts.estimated.to_owned());
        }
        lines
    } else {
        Vec::new()
    };
    let city = profile.address.city.trim();
    let place_and_date = if city.is_empty() {
        long_date(today, lang)
    } else {
        format!("{city}, {}", long_date(today, lang))
    };
    let attention = client
        .map(|c| c.ap_contact_name.trim())
        .filter(|n| !n.is_empty())
        .map(|n| texts.attention(n));
    let greeting = match (lang, attention.is_some()) {
        (Lang::Es, true) => format!("Estimado/a {}:", client.map_or("", |c| c.ap_contact_name.trim())),
        (Lang::Es, false) => "Muy señores míos:".to_owned(),
        (Lang::En, true) => format!("Dear {},", client.map_or("", |c| c.ap_contact_name.trim())),
        (Lang::En, false) => "Dear Sir or Madam,".to_owned(),
    };
    let closing = match (lang, attention.is_some()) {
        (Lang::Es, _) => "Atentamente,",
        (Lang::En, true) => "Yours sincerely,",
        (Lang::En, false) => "Yours faithfully,",
    };
    Some(Letter {
        lang,
        title: texts.title,
        date: today,
        place_and_date,
        sender: Party {
            name: profile.name.clone(),
            tax_id: tax_line(&profile.tax_id, lang),
            address: address_lines(&profile.address),
            contact: [profile.email.trim(), profile.phone.trim()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        },
        logo: profile.logo_data_url.clone(),
        recipient: Party {
            name: client_name.clone(),
            tax_id: client.map_or(String::new(), |c| tax_line(&c.tax_id, lang)),
            address: client.map_or(Vec::new(), |c| address_lines(&c.address)),
            contact: attention.into_iter().collect(),
        },
        subject: texts.subject(&numbers),
        greeting,
        intro: texts.intro(&profile.name, &client_name, rows.len(), claim),
        labels: texts.labels.clone(),
        rows,
        totals,
        claim,
        basis,
        estimated_rate: estimated,
        how_to_pay,
        outro: texts.outro(deadline, claim),
        closing: closing.to_owned(),
        signature: [profile.name.trim(), profile.tax_id.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
    })
}

/// The letter's wording in one language.
struct Texts {
    lang: Lang,
    title: &'static str,
    labels: Labels,
    day_count: &'static str,
    estimated: &'static str,
}

impl Texts {
    fn new(lang: Lang) -> Self {
        match lang {
            Lang::Es => Self {
                lang,
                title: "Requerimiento de pago",
                labels: Labels {
                    invoice: "Factura",
                    issued: "Fecha",
                    due: "Vencimiento",
                    days_late: "Días de retraso",
                    owed: "Pendiente",
                    interest: "Intereses de demora",
                    compensation: "Indemnización",
                    total: "Total",
                    how_to_pay: "Forma de pago",
                    basis: "Cálculo de los intereses",
                },
                day_count: "Interés simple desde el día siguiente al vencimiento hasta la fecha de esta carta, sobre el importe pendiente de cada día, con años de 365 días (art. 7 de la Ley 3/2004).",
                estimated: "Para algún semestre aún no se conoce el tipo publicado en el BOE: se ha aplicado el último publicado.",
            },
            Lang::En => Self {
                lang,
                title: "Demand for payment",
                labels: Labels {
                    invoice: "Invoice",
                    issued: "Date",
                    due: "Due",
                    days_late: "Days late",
                    owed: "Outstanding",
                    interest: "Late-payment interest",
                    compensation: "Compensation",
                    total: "Total",
                    how_to_pay: "How to pay",
                    basis: "How the interest is computed",
                },
                day_count: "Simple interest from the day after the due date to the date of this letter, on the amount outstanding each day, on a 365-day year (art. 7 of Spanish Law 3/2004).",
                estimated: "For some half-year the rate published in the BOE is not known yet: the latest published one was applied.",
            },
        }
    }

    fn subject(&self, numbers: &[String]) -> String {
        let list = numbers.join(", ");
        match (self.lang, numbers.len()) {
            (Lang::Es, 1) => format!("Requerimiento formal de pago de la factura {list}"),
            (Lang::Es, _) => format!("Requerimiento formal de pago de las facturas {list}"),
            (Lang::En, 1) => format!("Formal demand for payment of invoice {list}"),
            (Lang::En, _) => format!("Formal demand for payment of invoices {list}"),
        }
    }

    fn attention(&self, name: &str) -> String {
        match self.lang {
            Lang::Es => format!("A la atención de {name}"),
            Lang::En => format!("For the attention of {name}"),
        }
    }

    fn reference(&self, numbers: &str) -> String {
        match self.lang {
            Lang::Es => format!("Indique como concepto: {numbers}"),
            Lang::En => format!("Please quote as reference: {numbers}"),
        }
    }

    fn rate_line(&self, year: i32, half: u8, rate: Decimal) -> String {
        let pct = crate::locale::percent(rate, 2, self.lang);
        match self.lang {
            Lang::Es => format!(
                "{} semestre de {year}: {pct} anual",
                if half == 1 { "Primer" } else { "Segundo" },
            ),
            Lang::En => format!(
                "{} half of {year}: {pct} a year",
                if half == 1 { "First" } else { "Second" }
            ),
        }
    }

    fn intro(&self, business: &str, client: &str, invoices: usize, claim: bool) -> Vec<String> {
        let one = invoices == 1;
        match self.lang {
            Lang::Es => {
                let mut p = vec![format!(
                    "Por medio de la presente, y en nombre de {business}, le requiero formalmente el pago {} que a continuación se detalla{}, emitida{} a {client} y vencida{} sin que hasta la fecha se haya recibido su pago.",
                    if one { "de la factura" } else { "de las facturas" },
                    if one { "" } else { "n" },
                    if one { "" } else { "s" },
                    if one { "" } else { "s" },
                )];
                if claim {
                    p.push("Conforme a la Ley 3/2004, de 29 de diciembre, por la que se establecen medidas de lucha contra la morosidad en las operaciones comerciales, el importe pendiente devenga intereses de demora desde el día siguiente a su vencimiento, sin necesidad de aviso previo (arts. 5 y 7), y da derecho a una indemnización fija de 40 euros por factura por los costes de cobro (art. 8).".to_owned());
                }
                p
            }
            Lang::En => {
                let mut p = vec![format!(
                    "On behalf of {business}, I hereby formally demand payment of the {} listed below, issued to {client}, which {} now overdue and {} not been paid to date.",
                    if one { "invoice" } else { "invoices" },
                    if one { "is" } else { "are" },
                    if one { "has" } else { "have" },
                )];
                if claim {
                    p.push("Under Spanish Law 3/2004 of 29 December on measures to combat late payment in commercial transactions (transposing Directive 2011/7/EU), the amount outstanding accrues late-payment interest from the day after its due date without any prior notice (arts. 5 and 7), and entitles the creditor to a fixed compensation of 40 euros per invoice for recovery costs (art. 8).".to_owned());
                }
                p
            }
        }
    }

    fn outro(&self, deadline: u32, claim: bool) -> Vec<String> {
        match self.lang {
            Lang::Es => vec![
                format!(
                    "Le ruego que abone {} en el plazo de {deadline} días naturales desde la recepción de esta carta. De no recibirlo, me veré en la necesidad de reclamarlo por la vía judicial{}.",
                    if claim { "el total indicado" } else { "el importe pendiente" },
                    if claim { ", junto con los intereses que se sigan devengando hasta el pago" } else { "" }
                ),
                "Si ya ha realizado el pago, le ruego que me envíe el justificante y disculpe las molestias.".to_owned(),
            ],
            Lang::En => vec![
                format!(
                    "Please pay {} within {deadline} calendar days of receiving this letter. Otherwise I will have to claim it through the courts{}.",
                    if claim { "the total above" } else { "the amount outstanding" },
                    if claim { ", together with the interest accruing until payment" } else { "" }
                ),
                "If you have already paid, please send me the proof of payment and accept my apologies for this letter.".to_owned(),
            ],
        }
    }
}

impl Letter {
    /// The letter as the one document component draws it: the business's letterhead and the
    /// client's address as the parties; place and date, subject, greeting and body before the
    /// table of the invoices claimed (one row per invoice, keyed by its number); the sums per
    /// currency as the totals; then how the interest was computed, how to pay, the closing
    /// paragraphs and the signature.
    pub fn document(&self) -> DocumentView {
        let l = &self.labels;
        let text = |key, heading: Option<&str>, paragraphs: Vec<String>| Section {
            key,
            heading: heading.map(String::from),
            paragraphs,
        };
        let column = |key, label: &str, numeric| Column {
            key,
            label: label.into(),
            numeric,
        };
        let mut columns = vec![
            column("invoice", l.invoice, false),
            column("issued", l.issued, true),
            column("due", l.due, true),
            column("days-late", l.days_late, true),
            column("owed", l.owed, true),
        ];
        if self.claim {
            columns.push(column("interest", l.interest, true));
            columns.push(column("compensation", l.compensation, true));
        }
        let rows = self
            .rows
            .iter()
            .map(|r| {
                let mut cells = vec![
                    r.number.clone(),
                    r.issue_date.clone(),
                    r.due_date.clone(),
                    crate::locale::integer(r.days_late, self.lang),
                    r.owed.clone(),
                ];
                if self.claim {
                    cells.push(r.interest.clone());
                    cells.push(r.compensation.clone());
                }
                TableRow {
                    key: Some(r.number.clone()),
                    cells,
                    note: None,
                }
            })
            .collect();
        // One block of sums per currency; the currency named only when there are several.
        let several = self.totals.len() > 1;
        let label = |word: &str, cur: &str| {
            if several {
                format!("{word} ({cur})")
            } else {
                word.to_owned()
            }
        };
        let mut totals = Vec::new();
        for t in &self.totals {
            let cur = t.currency.as_str();
            if self.claim {
                let parts = [
                    (l.owed, &t.owed, t.owed_amount),
                    (l.interest, &t.interest, t.interest_amount),
                    (l.compensation, &t.compensation, t.compensation_amount),
                ];
                for (word, printed, value) in parts {
                    if !value.is_zero() {
                        totals.push(TotalRow {
                            kind: TotalKind::Other,
                            label: label(word, cur),
                            amount: printed.clone(),
                            value,
                        });
                    }
                }
            }
            totals.push(TotalRow {
                kind: TotalKind::Total,
                label: label(l.total, cur),
                amount: t.total.clone(),
                value: t.total_amount,
            });
        }
        let party = |p: &Party, logo: Option<String>| document::Party {
            heading: String::new(),
            name: p.name.trim().to_owned(),
            tax_id: p.tax_id.clone(),
            address: p.address.clone(),
            contact: p.contact.clone(),
            logo: logo.filter(|u| document::is_inline_image(u)),
        };
        let mut sections = Vec::new();
        if !self.basis.is_empty() {
            sections.push(text("basis", Some(l.basis), self.basis.clone()));
        }
        sections.push(text("how-to-pay", Some(l.how_to_pay), self.how_to_pay.clone()));
        sections.push(text("outro", None, self.outro.clone()));
        sections.push(text("closing", None, vec![self.closing.clone()]));
        sections.push(text("signature", None, self.signature.clone()));
        DocumentView {
            kind: DocumentKind::Letter,
            lang: self.lang,
            title: self.title.to_owned(),
            number: String::new(),
            numbered: false,
            seller: party(&self.sender, self.logo.clone()),
            buyer: party(&self.recipient, None),
            meta: Vec::new(),
            verification: None,
            intro: vec![
                text("dateline", None, vec![self.place_and_date.clone()]),
                text("subject", None, vec![self.subject.clone()]),
                text("greeting", None, vec![self.greeting.clone()]),
                text("body", None, self.intro.clone()),
            ],
            table: Some(Table { columns, rows }),
            totals,
            currency: self
                .totals
                .first()
                .map_or_else(|| "EUR".to_owned(), |t| t.currency.clone()),
            sections,
            payment: None,
            notes: None,
            problem: None,
        }
    }
}
