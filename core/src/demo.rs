//! Demo data: a realistic, reproducible business history for trying the app,
//! screenshots and benchmarks. Deterministic from a seed with a tiny local
//! PRNG (splitmix64), because the core has no randomness and must not pull a
//! crate in for this; the same spec always gives the same dataset.

use crate::model::*;
use crate::{money, numbering, tax};
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// What to generate. `clients` is at least 1 when there are invoices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSpec {
    pub clients: usize,
    pub invoices: usize,
    pub seed: u64,
    /// The history ends here: nothing is dated after it.
    pub today: NaiveDate,
}

/// Years of history the invoices are spread over, ending at `today`.
const HISTORY_DAYS: u64 = 3 * 365;

/// splitmix64: tiny, fast and good enough for made-up data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(usize::try_from(self.below(items.len() as u64)).unwrap_or(0))
    }

    /// A version-4-shaped UUID string.
    fn uuid(&mut self) -> Id {
        let (a, b) = (self.next(), self.next());
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0x0fff,
            0x8000 | ((b >> 48) & 0x3fff),
            b & 0xffff_ffff_ffff
        )
    }
}

const ES_KINDS: [&str; 10] = [
    "Construcciones",
    "Talleres",
    "Distribuciones",
    "Asesoría",
    "Grupo",
    "Hostelería",
    "Transportes",
    "Clínica Dental",
    "Editorial",
    "Bodegas",
];
const ES_NAMES: [&str; 12] = [
    "García",
    "Martínez",
    "Ñandú",
    "Iberia Sur",
    "del Norte",
    "López",
    "Sánchez",
    "Alcalá",
    "Montseny",
    "Guadalquivir",
    "Peña",
    "Vidal",
];
const ES_FORMS: [&str; 3] = ["S.L.", "S.A.", "S.L.U."];
const EN_FIRST: [&str; 8] = [
    "Bright", "Northern", "Blue", "Oak", "Silver", "Red Kite", "Harbour", "Summit",
];
const EN_SECOND: [&str; 8] = [
    "Pixel",
    "Works",
    "Media",
    "Labs",
    "Foods",
    "Consulting",
    "Studio",
    "Logistics",
];
const EN_FORMS: [&str; 3] = ["Ltd", "LLC", "Inc."];
const ES_CITIES: [(&str, &str, &str); 5] = [
    ("Madrid", "Madrid", "28013"),
    ("Barcelona", "Barcelona", "08002"),
    ("Sevilla", "Sevilla", "41001"),
    ("Valencia", "Valencia", "46002"),
    ("Bilbao", "Bizkaia", "48001"),
];
/// Services a design/development freelancer bills: description, unit price, billed by the hour.
const SERVICES: [(&str, &str, bool); 8] = [
    ("Diseño de interfaz (horas)", "45.00", true),
    ("Desarrollo web (horas)", "55.00", true),
    ("Consultoría técnica (horas)", "70.00", true),
    ("Mantenimiento mensual", "120.00", false),
    ("Logo design", "900.00", false),
    ("Copywriting (hours)", "40.00", true),
    ("Hosting anual", "180.00", false),
    ("Formación in company (jornada)", "600.00", false),
];

/// A deterministic demo dataset: clients, several years of invoices with
/// payments (on time, late, partial, early with discount), disputes,
/// promises, contacts, credit notes and quotes, all ending at `spec.today`.
pub fn generate(spec: DemoSpec) -> Dataset {
    let mut rng = Rng(spec.seed);
    let today = spec.today;
    let now = stamp(today, 18);
    let mut data = Dataset::default();

    let methods = payment_methods(&mut rng, now);
    let method_ids: Vec<Id> = methods.iter().map(|m| m.id.clone()).collect();
    data.payment_methods = methods;
    data.profile = BusinessProfile {
        name: "Lucía Romero · Estudio de diseño".into(),
        tax_id: "12345678Z".into(),
        address: Address {
            street: "Calle del Prado 4, 2º B".into(),
            postal_code: "28014".into(),
            city: "Madrid".into(),
            region: "Madrid".into(),
            country: "ES".into(),
        },
        logo_data_url: None,
        email: "hola@luciaromero.es".into(),
        phone: "+34 600 123 456".into(),
        updated_at: Some(now),
    };
    let (inv_series, cn_series, q_series) = (rng.uuid(), rng.uuid(), rng.uuid());
    data.settings = AppSettings {
        invoice_series_id: Some(inv_series.clone()),
        credit_note_series_id: Some(cn_series.clone()),
        quote_series_id: Some(q_series.clone()),
        updated_at: Some(now),
        ..AppSettings::default()
    };

    let client_count = if spec.invoices > 0 {
        spec.clients.max(1)
    } else {
        spec.clients
    };
    data.clients = (0..client_count)
        .map(|_| client(&mut rng, &method_ids, now))
        .collect();

    // Issue dates first, sorted, so numbers follow dates as the law requires.
    let start = today.checked_sub_days(Days::new(HISTORY_DAYS)).unwrap_or(today);
    let mut dates: Vec<NaiveDate> = (0..spec.invoices)
        .map(|_| {
            start
                .checked_add_days(Days::new(rng.below(HISTORY_DAYS + 1)))
                .unwrap_or(today)
        })
        .collect();
    dates.sort();

    let mut inv_numbers = series(inv_series.clone(), DocKind::Invoice, "F", now);
    let mut cn_numbers = series(cn_series.clone(), DocKind::CreditNote, "R", now);
    let mut q_numbers = series(q_series.clone(), DocKind::Quote, "P", now);
    let mut quotes_made: Vec<(NaiveDate, usize)> = Vec::new();
    let mut credit_made: Vec<(NaiveDate, usize)> = Vec::new();
    for issue in dates {
        let Some(client) = rng.pick(&data.clients).cloned() else {
            break;
        };
        let recent = (today - issue).num_days() <= 10;
        let draft = recent && rng.chance(30);
        let number = if draft {
            None
        } else {
            take_number(&mut inv_numbers, issue, now)
        };
        let mut inv = invoice(&mut rng, &client, &inv_series, number, issue, now);
        let Ok(totals) = tax::invoice_totals(&inv) else {
            continue;
        };
        if !draft {
            let sent_on = issue
                .checked_add_days(Days::new(rng.below(2)))
                .unwrap_or(issue)
                .min(today);
            inv.sent = Some(Sending {
                date: sent_on,
                channel: if rng.chance(80) {
                    Channel::Email
                } else {
                    Channel::Portal
                },
            });
            history(
                &mut rng,
                &mut data,
                &mut inv,
                totals.total,
                sent_on,
                today,
                &method_ids,
            );
        }
        if rng.chance(15) && issue > start.checked_add_days(Days::new(30)).unwrap_or(start) {
            let q = quote_for(&mut rng, &inv, &q_series, now);
            quotes_made.push((q.issue_date, data.quotes.len()));
            inv.quote_id = Some(q.id.clone());
            data.quotes.push(q);
        }
        let paid_nothing = !data.payments.iter().any(|p| p.invoice_id == inv.id);
        if !draft && paid_nothing && (today - issue).num_days() > 20 && rng.chance(3) {
            let cn = credit_note_for(&mut rng, &inv, &cn_series, today, now);
            inv.cancelled_by = Some(cn.id.clone());
            credit_made.push((cn.issue_date, data.credit_notes.len()));
            data.credit_notes.push(cn);
        }
        data.invoices.push(inv);
    }

    // A few open and rejected quotes that never became invoices.
    for _ in 0..(spec.invoices / 25) {
        let Some(c) = rng.pick(&data.clients).cloned() else {
            break;
        };
        let issued = today.checked_sub_days(Days::new(rng.below(120))).unwrap_or(today);
        let base = invoice(&mut rng, &c, &inv_series, None, issued, now);
        let mut q = quote_for(&mut rng, &base, &q_series, now);
        q.issue_date = issued;
        q.valid_until = issued.checked_add_days(Days::new(30));
        q.state = match rng.below(3) {
            0 => QuoteState::Sent { date: issued },
            1 => QuoteState::Rejected {
                date: issued.checked_add_days(Days::new(5)).unwrap_or(issued).min(today),
            },
            _ => QuoteState::Draft,
        };
        q.invoice_id = None;
        quotes_made.push((q.issue_date, data.quotes.len()));
        data.quotes.push(q);
    }

    // Draft quotes take no number.
    quotes_made.retain(|(_, i)| {
        data.quotes
            .get(*i)
            .is_some_and(|q| !matches!(q.state, QuoteState::Draft))
    });
    number_by_date(&mut quotes_made, &mut q_numbers, now, |i, n| {
        if let Some(q) = data.quotes.get_mut(i) {
            q.number = Some(n);
        }
    });
    number_by_date(&mut credit_made, &mut cn_numbers, now, |i, n| {
        if let Some(c) = data.credit_notes.get_mut(i) {
            c.number = Some(n);
        }
    });

    data.series = vec![inv_numbers, cn_numbers, q_numbers];
    // TODO(schedule): once `crate::schedule::plan` is merged, plan the
    // follow-up steps of every sent invoice here and link contacts to them.
    data
}

/// The next number of `series` for a document dated `date`, recorded in the series.
fn take_number(series: &mut NumberingSeries, date: NaiveDate, now: Stamp) -> Option<String> {
    let (number, updated) = numbering::next_number(series, date, now).ok()?;
    *series = updated;
    Some(number)
}

/// Number documents in date order (a stable sort keeps creation order on ties).
fn number_by_date(
    made: &mut [(NaiveDate, usize)],
    series: &mut NumberingSeries,
    now: Stamp,
    mut set: impl FnMut(usize, String),
) {
    made.sort_by_key(|(d, _)| *d);
    for (date, i) in made.iter() {
        if let Some(n) = take_number(series, *date, now) {
            set(*i, n);
        }
    }
}

fn stamp(day: NaiveDate, hour: u32) -> Stamp {
    day.and_hms_opt(hour.min(23), 0, 0).unwrap_or_default().and_utc()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap_or(Decimal::ZERO)
}

fn payment_methods(rng: &mut Rng, now: Stamp) -> Vec<PaymentMethod> {
    vec![
        PaymentMethod {
            id: rng.uuid(),
            label: "Cuenta BBVA".into(),
            kind: PaymentMethodKind::BankTransfer {
                iban: "ES9121000418450200051332".into(),
                bic: "BBVAESMMXXX".into(),
                holder: "Lucía Romero".into(),
                bank: "BBVA".into(),
            },
            updated_at: now,
        },
        PaymentMethod {
            id: rng.uuid(),
            label: "Pago con tarjeta".into(),
            kind: PaymentMethodKind::CardLink {
                url: "https://pay.example.com/luciaromero".into(),
            },
            updated_at: now,
        },
        PaymentMethod {
            id: rng.uuid(),
            label: "Bizum".into(),
            kind: PaymentMethodKind::Bizum {
                phone: "+34600123456".into(),
            },
            updated_at: now,
        },
    ]
}

fn client(rng: &mut Rng, methods: &[Id], now: Stamp) -> Client {
    let spanish = rng.chance(70);
    let pick = |rng: &mut Rng, xs: &[&str]| rng.pick(xs).copied().unwrap_or_default().to_string();
    let (legal_name, address, currency, language) = if spanish {
        let (city, region, postal) = rng
            .pick(&ES_CITIES)
            .copied()
            .unwrap_or(("Madrid", "Madrid", "28013"));
        let name = format!(
            "{} {} {}",
            pick(rng, &ES_KINDS),
            pick(rng, &ES_NAMES),
            pick(rng, &ES_FORMS)
        );
        let street = format!("Calle {} {}", pick(rng, &ES_NAMES), rng.range(1, 120));
        let address = Address {
            street,
            postal_code: postal.into(),
            city: city.into(),
            region: region.into(),
            country: "ES".into(),
        };
        (name, address, "EUR", Lang::Es)
    } else {
        let name = format!(
            "{} {} {}",
            pick(rng, &EN_FIRST),
            pick(rng, &EN_SECOND),
            pick(rng, &EN_FORMS)
        );
        let usd = rng.chance(30);
        let address = Address {
            street: format!("{} High Street", rng.range(1, 200)),
            postal_code: if usd { "10001".into() } else { "EC1A 1BB".into() },
            city: if usd { "New York".into() } else { "London".into() },
            region: if usd { "NY".into() } else { String::new() },
            country: if usd { "US".into() } else { "GB".into() },
        };
        (name, address, if usd { "USD" } else { "EUR" }, Lang::En)
    };
    let slug: String = legal_name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(12)
        .collect::<String>()
        .to_lowercase();
    let terms = [15u32, 30, 30, 30, 45, 60, 90];
    Client {
        id: rng.uuid(),
        legal_name,
        tax_id: if spanish {
            format!("B{:08}", rng.below(100_000_000))
        } else {
            format!("GB{:09}", rng.below(1_000_000_000))
        },
        address,
        ap_contact_name: pick(
            rng,
            &[
                "Marta Gil",
                "Jordi Puig",
                "Ana Torres",
                "John Smith",
                "Emma Brown",
                "Carlos Ruiz",
            ],
        ),
        ap_contact_email: format!("ap@{slug}.example"),
        ap_contact_phone: format!("+34 9{:08}", rng.below(100_000_000)),
        billing_instructions: if rng.chance(30) {
            "Subir la factura al portal de proveedores".into()
        } else {
            String::new()
        },
        po_required: rng.chance(20),
        payment_terms_days: rng.pick(&terms).copied().unwrap_or(30),
        preferred_payment_method_ids: methods
            .iter()
            .take(usize::try_from(rng.range(1, 2)).unwrap_or(1))
            .cloned()
            .collect(),
        currency: currency.into(),
        language,
        credit_limit: rng.chance(25).then(|| Decimal::from(rng.range(2, 20) * 1000)),
        notes: String::new(),
        policy_override: None,
        updated_at: now,
    }
}

fn invoice(
    rng: &mut Rng,
    c: &Client,
    series_id: &Id,
    number: Option<String>,
    issue: NaiveDate,
    now: Stamp,
) -> Invoice {
    let domestic = c.address.country == "ES";
    let lines = (0..rng.range(1, 3))
        .map(|_| {
            let (desc, price, hourly) = rng.pick(&SERVICES).copied().unwrap_or(SERVICES[0]);
            Line {
                item_id: None,
                description: desc.into(),
                quantity: if hourly {
                    Decimal::from(rng.range(2, 40))
                } else {
                    Decimal::ONE
                },
                unit_price: dec(price),
                discount_pct: if rng.chance(10) {
                    Decimal::from(10)
                } else {
                    Decimal::ZERO
                },
                vat: if domestic {
                    VatRate::Rate(Decimal::from(21))
                } else {
                    VatRate::Exempt("Operación no sujeta (art. 69 LIVA)".into())
                },
            }
        })
        .collect();
    Invoice {
        id: rng.uuid(),
        series_id: series_id.clone(),
        number,
        client_id: c.id.clone(),
        po_number: if c.po_required {
            format!("PO-{}", rng.range(10_000, 99_999))
        } else {
            String::new()
        },
        issue_date: issue,
        delivery_date: None,
        due_date: issue
            .checked_add_days(Days::new(u64::from(c.payment_terms_days)))
            .unwrap_or(issue),
        currency: c.currency.clone(),
        lines,
        withholding_pct: if domestic && rng.chance(40) {
            Decimal::from(15)
        } else {
            Decimal::ZERO
        },
        invoice_discount_pct: Decimal::ZERO,
        early_payment: rng.chance(15).then(|| EarlyPaymentTerms {
            discount_pct: Decimal::from(3),
            within_days: 10,
        }),
        payment_method_ids: c.preferred_payment_method_ids.clone(),
        notes: String::new(),
        quote_id: None,
        sent: None,
        receipt: None,
        disputes: Vec::new(),
        cancelled_by: None,
        updated_at: now,
    }
}

/// What happened after sending: receipt, payments, disputes, promises, contacts.
fn history(
    rng: &mut Rng,
    data: &mut Dataset,
    inv: &mut Invoice,
    total: Decimal,
    sent_on: NaiveDate,
    today: NaiveDate,
    methods: &[Id],
) {
    let after = |d: NaiveDate, days: u64| d.checked_add_days(Days::new(days)).unwrap_or(d);
    let now = stamp(today, 18);
    let (inv_id, client_id) = (inv.id.clone(), inv.client_id.clone());
    let contact = |data: &mut Dataset, rng: &mut Rng, date: NaiveDate, channel, outcome, note: &str| {
        data.contacts.push(ContactEntry {
            id: rng.uuid(),
            client_id: client_id.clone(),
            invoice_id: Some(inv_id.clone()),
            step_id: None,
            date,
            channel,
            who: "AP".into(),
            outcome,
            note: note.into(),
            updated_at: now,
        });
    };
    let receipt_on = after(sent_on, rng.range(1, 3));
    if receipt_on <= today && rng.chance(60) {
        inv.receipt = Some(Receipt {
            date: receipt_on,
            confirmed_by: "AP".into(),
            channel: Channel::Phone,
        });
        contact(
            data,
            rng,
            receipt_on,
            Channel::Phone,
            Outcome::ConfirmedReceipt,
            "Confirmada la recepción",
        );
    }
    let method = rng.pick(methods).cloned();
    let pay = |data: &mut Dataset, date: NaiveDate, amount: Decimal, note: &str, rng: &mut Rng| {
        if date <= today && amount > Decimal::ZERO {
            data.payments.push(Payment {
                id: rng.uuid(),
                invoice_id: inv_id.clone(),
                date,
                amount,
                method_id: method.clone(),
                note: note.into(),
                updated_at: now,
            });
        }
    };
    let terms = u64::try_from((inv.due_date - inv.issue_date).num_days()).unwrap_or(0);
    let roll = rng.below(100);
    let offer = tax::invoice_totals(inv)
        .ok()
        .and_then(|t| tax::early_payment_offer(inv, &t).ok().flatten());
    match (roll, offer) {
        (0..=14, Some(offer)) => pay(
            data,
            after(inv.issue_date, rng.below(10)),
            offer.amount,
            "Pronto pago",
            rng,
        ),
        (0..=44, _) => pay(
            data,
            after(inv.issue_date, rng.range(terms / 2, terms)),
            total,
            "",
            rng,
        ),
        (45..=69, _) => {
            let late = after(inv.due_date, rng.range(1, 60));
            if late > today {
                contact(
                    data,
                    rng,
                    after(inv.due_date, 7).min(today),
                    Channel::Email,
                    Outcome::NoAnswer,
                    "Recordatorio enviado",
                );
            }
            pay(data, late, total, "", rng)
        }
        (70..=79, _) => {
            let half = money::round(total / Decimal::from(2), &inv.currency).unwrap_or(Decimal::ZERO);
            pay(
                data,
                after(inv.due_date, rng.below(20)),
                half,
                "Pago parcial",
                rng,
            );
            if rng.chance(50) {
                pay(
                    data,
                    after(inv.due_date, rng.range(21, 80)),
                    total - half,
                    "Resto",
                    rng,
                );
            }
        }
        (80..=86, _) if inv.due_date < today => {
            let promised = after(today, rng.range(3, 20));
            let when = after(inv.due_date, 7).min(today);
            contact(
                data,
                rng,
                when,
                Channel::Phone,
                Outcome::PromisedToPay { date: promised },
                "Dice que paga pronto",
            );
        }
        (87..=89, _) if inv.due_date < today => {
            let opened = after(inv.due_date, rng.range(1, 10)).min(today);
            let resolved = rng
                .chance(50)
                .then(|| after(opened, rng.range(5, 30)))
                .filter(|d| *d <= today);
            let reason = "El cliente no está conforme con las horas facturadas";
            inv.disputes.push(Dispute {
                opened,
                reason: reason.into(),
                resolved,
            });
            contact(
                data,
                rng,
                opened,
                Channel::Email,
                Outcome::Disputed {
                    reason: reason.into(),
                },
                "",
            );
        }
        _ => {} // Unpaid so far: current or overdue.
    }
}

fn quote_for(rng: &mut Rng, inv: &Invoice, series_id: &Id, now: Stamp) -> Quote {
    let issued = inv
        .issue_date
        .checked_sub_days(Days::new(rng.range(5, 25)))
        .unwrap_or(inv.issue_date);
    Quote {
        id: rng.uuid(),
        series_id: series_id.clone(),
        number: None,
        client_id: inv.client_id.clone(),
        po_number: inv.po_number.clone(),
        issue_date: issued,
        valid_until: issued.checked_add_days(Days::new(30)),
        currency: inv.currency.clone(),
        lines: inv.lines.clone(),
        withholding_pct: inv.withholding_pct,
        invoice_discount_pct: inv.invoice_discount_pct,
        notes: String::new(),
        state: QuoteState::Accepted { date: inv.issue_date },
        invoice_id: Some(inv.id.clone()),
        updated_at: now,
    }
}

fn credit_note_for(rng: &mut Rng, inv: &Invoice, series_id: &Id, today: NaiveDate, now: Stamp) -> CreditNote {
    CreditNote {
        id: rng.uuid(),
        series_id: series_id.clone(),
        number: None,
        invoice_id: inv.id.clone(),
        client_id: inv.client_id.clone(),
        issue_date: inv
            .issue_date
            .checked_add_days(Days::new(rng.range(1, 20)))
            .unwrap_or(today)
            .min(today),
        reason: "Factura emitida por error: se anula".into(),
        currency: inv.currency.clone(),
        lines: inv.lines.clone(),
        withholding_pct: inv.withholding_pct,
        invoice_discount_pct: inv.invoice_discount_pct,
        full_cancellation: true,
        updated_at: now,
    }
}

fn series(id: Id, kind: DocKind, prefix: &str, now: Stamp) -> NumberingSeries {
    NumberingSeries {
        id,
        kind,
        prefix: prefix.into(),
        include_year: true,
        separator: "-".into(),
        padding: 4,
        yearly_reset: true,
        last: BTreeMap::new(),
        updated_at: now,
    }
}
