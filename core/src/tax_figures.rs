//! The figures a Spanish freelancer (or their accountant) copies into the tax forms, from the
//! invoices and credit notes Cobro issued: for a quarter, modelo 303 (VAT) and 130 (income-tax
//! instalment); for a year, modelo 390 (VAT summary) and the per-client list of modelo 347.
//!
//! Only the sales side is known here: expenses, deductible VAT and previous instalments live
//! outside Cobro, so the screen says which boxes it fills and which remain the user's.
//!
//! # Rules, and where they come from
//!
//! - **By issue date.** A document counts in the period its issue date falls in (the VAT on a
//!   sale is declared for the period it is invoiced, and a corrective invoice for the period it
//!   is issued in, not the one of the invoice it corrects). Drafts never count.
//! - **Modelo 303** ("Instrucciones del modelo 303", AEAT,
//!   <https://sede.agenciatributaria.gob.es/Sede/todas-gestiones/impuestos-tasas/iva/modelo-303-iva-autoliquidacion_/instrucciones.html>;
//!   boxes as in Orden EHA/3786/2008 as amended by Orden HFP/1124/2022, BOE-A-2022-19290):
//!   VAT charged, régimen general, base / rate / quota per rate: 4 % in [01]–[03], 10 % in
//!   [04]–[06], 21 % in [07]–[09]. Credit notes are "modificación de bases y cuotas" (art. 80
//!   LIVA), entered "with the sign that corresponds" in [14] base and [15] quota, not netted
//!   into the rate boxes. [27] is the total quota charged. Information boxes: [59] supplies of
//!   goods and services to other EU member states, [60] exports and similar exempt operations,
//!   [120] operations not subject by the place-of-supply rules, [122] operations where the
//!   customer accounts for the VAT (inversión del sujeto pasivo).
//! - **Modelo 130** (estimación directa, section I): [01] the income of the year up to the end of
//!   the quarter (bases, without VAT) and [06] the withholding clients made on it, also from
//!   1 January. The expenses ([02]) and earlier instalments ([05]) are the user's to add.
//! - **Modelo 390**: the year's figures, rate by rate, with the corrections and the volume of
//!   operations (every base: taxed, exempt and not subject).
//! - **Modelo 347** (RD 1065/2007, RGAT, arts. 31–35; Orden EHA/3012/2008, BOE-A-2008-16973;
//!   AEAT, "Instrucciones para cumplimentar el modelo 347"): every client whose operations in
//!   the year, **VAT included**, come to more than **3 005,06 EUR**, with the amount split by
//!   the quarter the invoices were issued in. Left out as the form's rules leave them out
//!   (art. 33.2 RGAT): operations subject to withholding (the client declares them in its
//!   modelo 190, art. 33.2 i), operations with clients outside Spain (exports, art. 33.2 h, and
//!   intra-EU operations declared in modelo 349, art. 33.2 i). Credit notes reduce the quarter
//!   they are issued in.
//!
//! Reasons for a 0 % line are free text in Cobro; [`classify`] reads them: a reason naming
//! "no sujeta" / "not subject" (or arts. 7, 68, 69, 70 LIVA) is *not subject*, one naming the
//! "inversión del sujeto pasivo" / "reverse charge" (art. 84 LIVA) is *reverse charge*, any
//! other is *exempt*. Whether a line goes to [59], [60] or [120] follows the client's country.
//!
//! Amounts are in euros: the forms are. Documents in another currency are counted apart
//! ([`TaxFigures::other_currencies`]) so the user converts them at the day's rate by hand.

use crate::model::{Client, CreditNote, Dataset, Invoice, VatRate};
use crate::money::MoneyError;
use crate::tax::{self, Totals};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use thiserror::Error;

/// The currency of the forms.
pub const EUR: &str = "EUR";

/// Modelo 347 lists a client whose year, VAT included, is more than this.
pub fn threshold_347() -> Decimal {
    Decimal::new(300_506, 2)
}

/// EU member states other than Spain (ISO 3166-1 alpha-2; Greece also as "EL", as VIES writes it).
const EU_OTHERS: [&str; 27] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "EL", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "SE",
];

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TaxFiguresError {
    #[error("document {document}: {source}")]
    Amounts { document: String, source: MoneyError },
}

/// A calendar quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Quarter {
    pub year: i32,
    /// 1 to 4.
    pub q: u8,
}

impl Quarter {
    /// The quarter `d` falls in.
    pub fn of(d: NaiveDate) -> Quarter {
        Quarter {
            year: d.year(),
            q: u8::try_from(d.month0() / 3 + 1).unwrap_or(1),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        let month = u32::from(self.q.clamp(1, 4)) * 3 - 2;
        NaiveDate::from_ymd_opt(self.year, month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        let next = Quarter {
            year: self.year + i32::from(self.q >= 4),
            q: self.q % 4 + 1,
        };
        next.first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    /// The quarter the screens open on, `today`: the one just ended while its forms are due
    /// (the first 30 days of the next quarter, when modelos 303 and 130 are filed), the
    /// current one otherwise.
    pub fn to_show(today: NaiveDate) -> Quarter {
        let current = Quarter::of(today);
        if (today - current.first_day()).num_days() < 30 {
            current.previous()
        } else {
            current
        }
    }

    pub fn previous(self) -> Quarter {
        match self.q {
            0 | 1 => Quarter {
                year: self.year - 1,
                q: 4,
            },
            q => Quarter {
                year: self.year,
                q: q - 1,
            },
        }
    }

    pub fn next(self) -> Quarter {
        match self.q {
            q if q >= 4 => Quarter {
                year: self.year + 1,
                q: 1,
            },
            q => Quarter {
                year: self.year,
                q: q + 1,
            },
        }
    }
}

/// The days a set of figures covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaxPeriod {
    Quarter(Quarter),
    Year(i32),
    /// From 1 January to the quarter's last day (modelo 130 counts the year so far).
    YearTo(Quarter),
}

impl TaxPeriod {
    pub fn first_day(self) -> NaiveDate {
        match self {
            TaxPeriod::Quarter(q) => q.first_day(),
            TaxPeriod::Year(y) => Quarter { year: y, q: 1 }.first_day(),
            TaxPeriod::YearTo(q) => Quarter { year: q.year, q: 1 }.first_day(),
        }
    }

    pub fn last_day(self) -> NaiveDate {
        match self {
            TaxPeriod::Quarter(q) => q.last_day(),
            TaxPeriod::Year(y) => Quarter { year: y, q: 4 }.last_day(),
            TaxPeriod::YearTo(q) => q.last_day(),
        }
    }

    pub fn contains(self, d: NaiveDate) -> bool {
        self.first_day() <= d && d <= self.last_day()
    }
}

/// How a line without VAT is declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Untaxed {
    /// Exempt (art. 20 and others LIVA; exports art. 21; intra-EU supplies art. 25).
    Exempt,
    /// Not subject (place-of-supply rules, arts. 68–70 LIVA, or art. 7).
    NotSubject,
    /// The customer accounts for the VAT (inversión del sujeto pasivo, art. 84 LIVA).
    ReverseCharge,
}

/// How a line's VAT treatment is declared: a rate, or untaxed of a kind.
pub fn classify(reason: &str) -> Untaxed {
    let r = reason.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| r.contains(w));
    if has(&[
        "sujeto pasivo",
        "reverse charge",
        "art. 84",
        "artículo 84",
        "articulo 84",
    ]) {
        Untaxed::ReverseCharge
    } else if has(&[
        "no sujet",
        "not subject",
        "outside the scope",
        "art. 7 ",
        "art. 7)",
        "art. 68",
        "art. 69",
        "art. 70",
        "artículo 69",
        "articulo 69",
        "artículo 70",
        "articulo 70",
    ]) {
        Untaxed::NotSubject
    } else {
        Untaxed::Exempt
    }
}

/// Where the client is, as the forms tell operations apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    Spain,
    /// Another EU member state.
    Eu,
    /// Outside the EU.
    World,
}

/// The client's place by its address's country ("ES", or empty, is Spain).
pub fn place(client: Option<&Client>) -> Place {
    let country = client
        .map(|c| c.address.country.trim().to_ascii_uppercase())
        .unwrap_or_default();
    if country.is_empty() || country == "ES" {
        Place::Spain
    } else if EU_OTHERS.contains(&country.as_str()) {
        Place::Eu
    } else {
        Place::World
    }
}

/// One VAT rate's figures.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RateFigures {
    /// In percent, normalised ("21", not "21.00").
    pub rate: Decimal,
    /// From invoices.
    pub base: Decimal,
    pub quota: Decimal,
    /// From credit notes: negative (they take off).
    pub corrections_base: Decimal,
    pub corrections_quota: Decimal,
}

impl RateFigures {
    pub fn net_base(&self) -> Decimal {
        self.base + self.corrections_base
    }

    pub fn net_quota(&self) -> Decimal {
        self.quota + self.corrections_quota
    }
}

/// The bases without VAT of one kind, reason and place (credit notes netted in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UntaxedFigures {
    pub kind: Untaxed,
    pub reason: String,
    pub place: Place,
    pub base: Decimal,
}

impl UntaxedFigures {
    /// The information box of modelo 303 these bases go in: [59] to other EU states (an EU
    /// business's reverse charge under its own state's law included), [60] exempt outside the
    /// EU (exports), [120] not subject in Spain by the place-of-supply rules outside the EU,
    /// [122] reverse charge on an operation subject in Spain (art. 84.Uno.2º LIVA); none for
    /// Spanish exempt or not-subject operations (modelo 390 has them).
    pub fn box_303(&self) -> Option<&'static str> {
        match (self.kind, self.place) {
            (Untaxed::ReverseCharge, Place::Spain) => Some("122"),
            (_, Place::Eu) => Some("59"),
            (Untaxed::Exempt, Place::World) => Some("60"),
            (Untaxed::NotSubject | Untaxed::ReverseCharge, Place::World) => Some("120"),
            (_, Place::Spain) => None,
        }
    }
}

/// One box of a form and its amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormBox {
    /// The box as the form numbers it ("07", "120").
    pub number: &'static str,
    pub amount: Decimal,
}

/// A period's figures, in euros.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxFigures {
    pub period: TaxPeriod,
    /// Highest rate first.
    pub rates: Vec<RateFigures>,
    /// By kind, place, then reason.
    pub untaxed: Vec<UntaxedFigures>,
    /// Income-tax withheld by clients (net of credit notes).
    pub withholding: Decimal,
    /// The bases the withholding was made on.
    pub withheld_base: Decimal,
    /// Every base: taxed, exempt, not subject (the volume of operations).
    pub base: Decimal,
    /// Every quota, net.
    pub vat: Decimal,
    /// What the documents total: base + VAT − withholding.
    pub total: Decimal,
    pub invoices: usize,
    pub credit_notes: usize,
    /// Documents in other currencies, left out: per currency, how many and their totals.
    pub other_currencies: Vec<(String, usize, Decimal)>,
}

impl TaxFigures {
    fn empty(period: TaxPeriod) -> Self {
        TaxFigures {
            period,
            rates: Vec::new(),
            untaxed: Vec::new(),
            withholding: Decimal::ZERO,
            withheld_base: Decimal::ZERO,
            base: Decimal::ZERO,
            vat: Decimal::ZERO,
            total: Decimal::ZERO,
            invoices: 0,
            credit_notes: 0,
            other_currencies: Vec::new(),
        }
    }

    /// The boxes of modelo 303 these figures fill (see the module documentation). A rate the
    /// form has no box for (an old or special rate) is left out here and shown by its rate.
    pub fn boxes_303(&self) -> Vec<FormBox> {
        let mut out = Vec::new();
        for (rate, [b, r, q]) in [
            (4, ["01", "02", "03"]),
            (10, ["04", "05", "06"]),
            (21, ["07", "08", "09"]),
        ] {
            if let Some(f) = self.rates.iter().find(|f| f.rate == Decimal::from(rate)) {
                out.push(FormBox {
                    number: b,
                    amount: f.base,
                });
                out.push(FormBox {
                    number: r,
                    amount: f.rate,
                });
                out.push(FormBox {
                    number: q,
                    amount: f.quota,
                });
            }
        }
        let (cb, cq) = self
            .rates
            .iter()
            .fold((Decimal::ZERO, Decimal::ZERO), |(b, q), f| {
                (b + f.corrections_base, q + f.corrections_quota)
            });
        if !cb.is_zero() || !cq.is_zero() {
            out.push(FormBox {
                number: "14",
                amount: cb,
            });
            out.push(FormBox {
                number: "15",
                amount: cq,
            });
        }
        out.push(FormBox {
            number: "27",
            amount: self.vat,
        });
        for number in ["59", "60", "120", "122"] {
            let amount = self
                .untaxed
                .iter()
                .filter(|u| u.box_303() == Some(number))
                .fold(Decimal::ZERO, |s, u| s + u.base);
            if !amount.is_zero() {
                out.push(FormBox { number, amount });
            }
        }
        out
    }
}

/// A document as the figures read it: its totals, sign and client.
struct Doc<'a> {
    id: &'a str,
    number: &'a str,
    client_id: &'a str,
    date: NaiveDate,
    currency: &'a str,
    withholding_pct: Decimal,
    /// +1 for invoices, −1 for credit notes.
    credit: bool,
    totals: Totals,
}

/// Every issued invoice and numbered credit note, with its totals (in file order).
fn documents(data: &Dataset) -> Result<Vec<Doc<'_>>, TaxFiguresError> {
    let mut out = Vec::new();
    let amounts = |id: &str, e: MoneyError| TaxFiguresError::Amounts {
        document: id.to_string(),
        source: e,
    };
    for inv in &data.invoices {
        if let Some(number) = &inv.number {
            out.push(invoice_doc(inv, number).map_err(|e| amounts(number, e))?);
        }
    }
    for cn in &data.credit_notes {
        if let Some(number) = &cn.number {
            out.push(credit_doc(cn, number).map_err(|e| amounts(number, e))?);
        }
    }
    Ok(out)
}

fn invoice_doc<'a>(inv: &'a Invoice, number: &'a str) -> Result<Doc<'a>, MoneyError> {
    Ok(Doc {
        id: &inv.id,
        number,
        client_id: &inv.client_id,
        date: inv.issue_date,
        currency: &inv.currency,
        withholding_pct: inv.withholding_pct,
        credit: false,
        totals: tax::invoice_totals(inv)?,
    })
}

fn credit_doc<'a>(cn: &'a CreditNote, number: &'a str) -> Result<Doc<'a>, MoneyError> {
    Ok(Doc {
        id: &cn.id,
        number,
        client_id: &cn.client_id,
        date: cn.issue_date,
        currency: &cn.currency,
        withholding_pct: cn.withholding_pct,
        credit: true,
        totals: tax::credit_note_totals(cn)?,
    })
}

impl Doc<'_> {
    /// `v` as it counts: negative for a credit note (a zero stays a plain zero, never "-0").
    fn signed(&self, v: Decimal) -> Decimal {
        if self.credit && !v.is_zero() {
            -v
        } else {
            v
        }
    }
}

/// The figures of `period` from `data`'s issued documents.
pub fn figures(data: &Dataset, period: TaxPeriod) -> Result<TaxFigures, TaxFiguresError> {
    let docs = documents(data)?;
    let client = |id: &str| data.clients.iter().find(|c| c.id == id);
    let mut out = TaxFigures::empty(period);
    let mut rates: BTreeMap<Decimal, RateFigures> = BTreeMap::new();
    let mut untaxed: BTreeMap<(Untaxed, Place, String), Decimal> = BTreeMap::new();
    let mut others: BTreeMap<String, (usize, Decimal)> = BTreeMap::new();
    for doc in docs.iter().filter(|d| period.contains(d.date)) {
        if doc.currency != EUR {
            let e = others.entry(doc.currency.to_string()).or_default();
            e.0 += 1;
            e.1 += doc.signed(doc.totals.total);
            continue;
        }
        if doc.credit {
            out.credit_notes += 1;
        } else {
            out.invoices += 1;
        }
        let place = place(client(doc.client_id));
        for g in &doc.totals.vat {
            match &g.vat {
                VatRate::Rate(rate) if !rate.is_zero() => {
                    let f = rates.entry(rate.normalize()).or_insert_with(|| RateFigures {
                        rate: rate.normalize(),
                        ..RateFigures::default()
                    });
                    if doc.credit {
                        f.corrections_base -= g.base;
                        f.corrections_quota -= g.tax;
                    } else {
                        f.base += g.base;
                        f.quota += g.tax;
                    }
                }
                VatRate::Rate(_) => {
                    *untaxed
                        .entry((Untaxed::Exempt, place, "0 %".to_string()))
                        .or_default() += doc.signed(g.base);
                }
                VatRate::Exempt(reason) => {
                    let reason = reason.trim().to_string();
                    *untaxed.entry((classify(&reason), place, reason)).or_default() += doc.signed(g.base);
                }
            }
        }
        out.base += doc.signed(doc.totals.base);
        out.vat += doc.signed(doc.totals.vat_total);
        out.total += doc.signed(doc.totals.total);
        out.withholding += doc.signed(doc.totals.withholding);
        if !doc.withholding_pct.is_zero() {
            out.withheld_base += doc.signed(doc.totals.base);
        }
    }
    out.rates = rates.into_values().rev().collect();
    out.untaxed = untaxed
        .into_iter()
        .map(|((kind, place, reason), base)| UntaxedFigures {
            kind,
            reason,
            place,
            base,
        })
        .collect();
    out.other_currencies = others.into_iter().map(|(c, (n, t))| (c, n, t)).collect();
    Ok(out)
}

/// Modelo 130's figures for a quarter: from 1 January to the quarter's last day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures130 {
    pub quarter: Quarter,
    /// [01]: income (every base, without VAT), year to date.
    pub income: Decimal,
    /// [06]: withholding made by clients, year to date.
    pub withholding: Decimal,
    /// The share of the income that had withholding, in percent (one decimal): a professional
    /// with at least 70 % of the previous year's income withheld need not file modelo 130.
    pub withheld_share: Option<Decimal>,
}

pub fn figures_130(data: &Dataset, quarter: Quarter) -> Result<Figures130, TaxFiguresError> {
    let ytd = figures(data, TaxPeriod::YearTo(quarter))?;
    let share = (!ytd.base.is_zero()).then(|| {
        (ytd.withheld_base * Decimal::ONE_HUNDRED / ytd.base)
            .round_dp_with_strategy(1, crate::money::ROUNDING)
    });
    Ok(Figures130 {
        quarter,
        income: ytd.base,
        withholding: ytd.withholding,
        withheld_share: share,
    })
}

/// One client of the modelo 347 list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client347 {
    pub client_id: String,
    pub name: String,
    pub tax_id: String,
    /// Amounts (VAT included) by the quarter the documents were issued in.
    pub quarters: [Decimal; 4],
    pub total: Decimal,
}

/// The modelo 347 list of a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List347 {
    pub year: i32,
    /// Clients above [`threshold_347`], highest total first.
    pub clients: Vec<Client347>,
    /// Clients with declarable operations that stay at or under the threshold.
    pub below: usize,
    /// Documents left out because they had withholding (declared by the client in its 190).
    pub left_out_withholding: usize,
    /// Documents left out because the client is outside Spain (exports, modelo 349).
    pub left_out_abroad: usize,
    /// Documents left out because they are not in euros.
    pub left_out_currency: usize,
}

/// The modelo 347 list of `year` (see the module documentation for what is left out).
pub fn list_347(data: &Dataset, year: i32) -> Result<List347, TaxFiguresError> {
    let period = TaxPeriod::Year(year);
    let docs = documents(data)?;
    let client = |id: &str| data.clients.iter().find(|c| c.id == id);
    let mut out = List347 {
        year,
        clients: Vec::new(),
        below: 0,
        left_out_withholding: 0,
        left_out_abroad: 0,
        left_out_currency: 0,
    };
    let mut by_client: BTreeMap<&str, [Decimal; 4]> = BTreeMap::new();
    for doc in docs.iter().filter(|d| period.contains(d.date)) {
        if doc.currency != EUR {
            out.left_out_currency += 1;
            continue;
        }
        if !doc.withholding_pct.is_zero() {
            out.left_out_withholding += 1;
            continue;
        }
        if place(client(doc.client_id)) != Place::Spain {
            out.left_out_abroad += 1;
            continue;
        }
        let q = usize::from(Quarter::of(doc.date).q.clamp(1, 4)) - 1;
        let amount = doc.signed(doc.totals.base + doc.totals.vat_total);
        if let Some(slot) = by_client.entry(doc.client_id).or_default().get_mut(q) {
            *slot += amount;
        }
    }
    for (id, quarters) in by_client {
        let total = quarters.iter().copied().sum::<Decimal>();
        if total > threshold_347() {
            let c = client(id);
            out.clients.push(Client347 {
                client_id: id.to_string(),
                name: c.map(|c| c.legal_name.clone()).unwrap_or_default(),
                tax_id: c.map(|c| c.tax_id.clone()).unwrap_or_default(),
                quarters,
                total,
            });
        } else {
            out.below += 1;
        }
    }
    crate::order::sort_by(&mut out.clients, |a, b| {
        b.total.cmp(&a.total).then_with(|| a.name.cmp(&b.name))
    });
    Ok(out)
}

/// The issued documents a period's figures are made of, for the screen's list that lets the
/// user check them by hand: number, date, client, base, VAT, withholding (credit notes
/// negative), oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRow {
    pub id: String,
    pub number: String,
    pub date: NaiveDate,
    pub client_name: String,
    pub credit_note: bool,
    pub currency: String,
    pub base: Decimal,
    pub vat: Decimal,
    pub withholding: Decimal,
}

pub fn document_rows(data: &Dataset, period: TaxPeriod) -> Result<Vec<DocRow>, TaxFiguresError> {
    let docs = documents(data)?;
    let name = |id: &str| {
        data.clients
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.legal_name.clone())
            .unwrap_or_default()
    };
    let mut rows: Vec<DocRow> = docs
        .iter()
        .filter(|d| period.contains(d.date))
        .map(|d| DocRow {
            id: d.id.to_string(),
            number: d.number.to_string(),
            date: d.date,
            client_name: name(d.client_id),
            credit_note: d.credit,
            currency: d.currency.to_string(),
            base: d.signed(d.totals.base),
            vat: d.signed(d.totals.vat_total),
            withholding: d.signed(d.totals.withholding),
        })
        .collect();
    crate::order::sort_by(&mut rows, |a, b| {
        a.date.cmp(&b.date).then_with(|| a.number.cmp(&b.number))
    });
    Ok(rows)
}
