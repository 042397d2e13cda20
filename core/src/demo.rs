//! Demo data: a realistic, reproducible business history for trying the app,
//! screenshots and benchmarks. Deterministic from a seed with a tiny local
//! PRNG (splitmix64), because the core has no randomness and must not pull a
//! crate in for this; the same spec always gives the same dataset.
//!
//! The follow-up is not invented: every sent invoice gets the steps of
//! [`schedule::plan`], and its story (receipt, payments, promises, disputes,
//! cancellation) is walked day by day through the same handlers the app uses.
//! The user works the agenda as it shows each invoice, one card at a time
//! (`follow_up::current`): steps done have their contact, a late contact
//! supersedes the steps it overtook, payments supersede what is left, disputes
//! are reviewed, promises add their check, old debts are re-contacted and some
//! end written off or with a lawyer. The user is modelled as having worked the
//! agenda up to a few days ago, and a handful of invoices are placed so that
//! `today`'s agenda shows every kind of step: the demo is for showing it.

use crate::model::*;
use crate::{follow_up, lifecycle, money, numbering, schedule, tax};
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

    // The user has done every step due before this day; later ones wait on the agenda.
    let behind_from = today
        .checked_sub_days(Days::new(rng.range(3, 6)))
        .unwrap_or(today);
    let walk = Walk {
        today,
        behind_from,
        policy: data.settings.policy.clone(),
    };

    // Issue dates first, sorted, so numbers follow dates as the law requires.
    let start = today.checked_sub_days(Days::new(HISTORY_DAYS)).unwrap_or(today);
    let showcase = showcase(&mut rng, &data.clients, &walk, spec.invoices);
    let mut dates: Vec<(NaiveDate, Option<usize>)> = (0..spec.invoices.saturating_sub(showcase.len()))
        .map(|_| {
            // A growing business: twice as many invoices now as on average (density rising
            // linearly), so the recent weeks, which the daily screens show, are not sparse.
            let day = start
                .checked_add_days(Days::new(rng.below(HISTORY_DAYS * HISTORY_DAYS + 1).isqrt()))
                .unwrap_or(today);
            (day, None)
        })
        .chain(showcase.into_iter().map(|(day, client)| (day, Some(client))))
        .collect();
    crate::order::sort_by_key(&mut dates, |(day, _)| *day);

    let mut inv_numbers = series(inv_series.clone(), DocKind::Invoice, "F", now);
    let mut cn_numbers = series(cn_series.clone(), DocKind::CreditNote, "R", now);
    let mut q_numbers = series(q_series.clone(), DocKind::Quote, "P", now);
    let mut quotes_made: Vec<(NaiveDate, usize)> = Vec::new();
    let mut credit_made: Vec<(NaiveDate, usize)> = Vec::new();
    for (issue, placed) in dates {
        let client = match placed {
            Some(i) => data.clients.get(i).cloned(),
            None => rng.pick(&data.clients).cloned(),
        };
        let Some(client) = client else {
            break;
        };
        let recent = (today - issue).num_days() <= 10;
        let draft = placed.is_none() && recent && rng.chance(30);
        let number = if draft {
            None
        } else {
            take_number(&mut inv_numbers, issue, now)
        };
        let mut inv = invoice(&mut rng, &client, &inv_series, number, issue, now);
        let Ok(totals) = tax::invoice_totals(&inv) else {
            continue;
        };
        let mut cancel_on = None;
        if !draft {
            let sent_on = match placed {
                Some(_) => issue,
                None => issue.checked_add_days(Days::new(rng.below(2))).unwrap_or(issue),
            }
            .min(today);
            inv.sent = Some(Sending {
                date: sent_on,
                channel: if rng.chance(80) {
                    Channel::Email
                } else {
                    Channel::Portal
                },
            });
            let story = match placed {
                // Placed to wait on today's agenda: unpaid, nothing else happened.
                Some(_) => Story::default(),
                None => {
                    cancel_on = ((today - issue).num_days() > 20 && rng.chance(3)).then(|| {
                        issue
                            .checked_add_days(Days::new(rng.range(1, 20)))
                            .unwrap_or(issue)
                            .min(today)
                    });
                    story(&mut rng, &inv, totals.total, sent_on, today, cancel_on)
                }
            };
            walk.follow_up(
                &mut rng,
                &mut data,
                &mut inv,
                &client,
                sent_on,
                story,
                &method_ids,
            );
        }
        if rng.chance(15) && issue > start.checked_add_days(Days::new(30)).unwrap_or(start) {
            let q = quote_for(&mut rng, &inv, &q_series, now);
            quotes_made.push((q.issue_date, data.quotes.len()));
            inv.quote_id = Some(q.id.clone());
            data.quotes.push(q);
        }
        if let Some(day) = cancel_on {
            let cn = credit_note_for(&mut rng, &inv, &cn_series, day, now);
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
    data.recurring = recurring(&mut rng, &data.clients, &inv_series, today, now);
    data
}

/// Two recurring schedules, made after everything else so that the rest of the demo is the
/// same with or without them, and with nothing due yet (the demo has exactly the invoices
/// asked for): a monthly retainer billed in advance from the first of next month, and a
/// quarterly report billed in arrears on the next quarter end, with withholding.
fn recurring(
    rng: &mut Rng,
    clients: &[Client],
    series_id: &Id,
    today: NaiveDate,
    now: Stamp,
) -> Vec<RecurringSchedule> {
    use chrono::Datelike;
    let domestic: Vec<&Client> = clients
        .iter()
        .filter(|c| c.address.country == "ES" && c.currency == "EUR")
        .collect();
    let (Some(first), Some(second)) = (
        domestic.first().copied().or(clients.first()),
        domestic.get(1).or(domestic.first()).copied().or(clients.first()),
    ) else {
        return Vec::new();
    };
    let line = |description: &str, price: &str| Line {
        item_id: None,
        description: description.into(),
        quantity: Decimal::ONE,
        unit_price: dec(price),
        discount_pct: Decimal::ZERO,
        vat: VatRate::Rate(Decimal::from(21)),
    };
    let next_month = today
        .with_day(1)
        .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
        .unwrap_or(today);
    // The quarterly invoice's first date: the next quarter end after today (nothing due yet).
    let quarter = crate::tax_figures::Quarter::of(today);
    let quarter_end = if quarter.last_day() > today {
        quarter.last_day()
    } else {
        quarter.next().last_day()
    };
    let schedule = |rng: &mut Rng, client: &Client, name: &str| RecurringSchedule {
        id: rng.uuid(),
        name: name.into(),
        client_id: client.id.clone(),
        series_id: series_id.clone(),
        po_number: String::new(),
        currency: client.currency.clone(),
        lines: Vec::new(),
        withholding_pct: Decimal::ZERO,
        invoice_discount_pct: Decimal::ZERO,
        early_payment: None,
        payment_method_ids: client.preferred_payment_method_ids.clone(),
        notes: String::new(),
        repeat: Repeat::Months(MonthlyRule {
            every: 1,
            on: MonthDay::Day(1),
        }),
        start: next_month,
        end: ScheduleEnd::Never,
        covers: Covers::Advance,
        paused: false,
        issue_on_open: false,
        made: 0,
        done_through: None,
        updated_at: now,
    };
    let retainer = RecurringSchedule {
        lines: vec![
            line("Mantenimiento web — {mes}", "350.00"),
            line("Hosting gestionado ({desde} – {hasta})", "25.00"),
        ],
        notes: "Cuota mensual de {periodo}.".into(),
        ..schedule(rng, first, "Mantenimiento web")
    };
    let report = RecurringSchedule {
        lines: vec![line("Informe trimestral de analítica: {periodo}", "600.00")],
        withholding_pct: Decimal::from(15),
        repeat: Repeat::Months(MonthlyRule {
            every: 3,
            on: MonthDay::Last,
        }),
        start: quarter_end,
        end: ScheduleEnd::After(8),
        covers: Covers::Arrears,
        ..schedule(rng, second, "Informe trimestral")
    };
    vec![retainer, report]
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
    crate::order::sort_by_key(made, |(d, _)| *d);
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
            archived: false,
            updated_at: now,
        },
        PaymentMethod {
            id: rng.uuid(),
            label: "Pago con tarjeta".into(),
            kind: PaymentMethodKind::CardLink {
                url: "https://pay.example.com/luciaromero".into(),
            },
            archived: false,
            updated_at: now,
        },
        PaymentMethod {
            id: rng.uuid(),
            label: "Bizum".into(),
            kind: PaymentMethodKind::Bizum {
                phone: "+34600123456".into(),
            },
            archived: false,
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
            spanish_company_id(rng.below(10_000_000))
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
        archived: false,
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

/// Kinds of step placed on `today`'s agenda, in the order they are placed (fewer on small demos).
const SHOWCASE: [StepKind; 6] = [
    StepKind::ReceiptCheck,
    StepKind::Reminder,
    StepKind::FormalLetter,
    StepKind::Escalation,
    StepKind::PreDue,
    StepKind::DueDay,
];

/// Issue dates and clients of invoices placed so that a step of each [`SHOWCASE`] kind falls due
/// in the days the user has not worked yet (`behind_from..=today`): with a few hundred invoices
/// spread over years, chance alone often leaves the agenda of a given day nearly empty, and the
/// demo is there to show it. One per 20 invoices, at most one per kind.
fn showcase(rng: &mut Rng, clients: &[Client], walk: &Walk, invoices: usize) -> Vec<(NaiveDate, usize)> {
    let p = &walk.policy;
    let backlog = u64::try_from((walk.today - walk.behind_from).num_days()).unwrap_or(0);
    let mut placed = Vec::new();
    for kind in SHOWCASE.iter().take(invoices / 20) {
        let Some(first) = usize::try_from(rng.below(clients.len() as u64)).ok() else {
            continue;
        };
        // A pre-due contact needs terms long enough not to be skipped.
        let wants_long = *kind == StepKind::PreDue;
        let client = (0..clients.len())
            .map(|k| (first + k) % clients.len())
            .find(|&i| !wants_long || clients.get(i).is_some_and(|c| c.payment_terms_days >= 30))
            .unwrap_or(first);
        let Some(terms) = clients.get(client).map(|c| i64::from(c.payment_terms_days)) else {
            continue;
        };
        let step_day = walk
            .today
            .checked_sub_days(Days::new(rng.below(backlog + 1)))
            .unwrap_or(walk.today);
        // Days from the issue (= sending) date to that step.
        let offset = match kind {
            StepKind::ReceiptCheck => p.receipt_check_after_send,
            StepKind::PreDue => terms - p.pre_due_before_due,
            StepKind::DueDay => terms,
            StepKind::Reminder => terms + p.reminders_after_due.first().copied().unwrap_or(7),
            StepKind::FormalLetter => terms + p.formal_letter_after_due,
            _ => terms + p.escalation_after_due,
        };
        let issue = step_day.checked_sub_days(Days::new(u64::try_from(offset).unwrap_or(0)));
        if let Some(issue) = issue.filter(|d| *d <= walk.today) {
            placed.push((issue, client));
        }
    }
    placed
}

/// Something the client (or the user, for a cancellation) does, whatever the follow-up says.
#[derive(Debug, Clone)]
enum Fact {
    Pay {
        amount: Decimal,
        note: &'static str,
        /// This payment leaves nothing owed.
        settles: bool,
    },
    OpenDispute,
    ResolveDispute,
    Cancel,
}

/// The client's side of an invoice, drawn before its follow-up is walked.
#[derive(Debug, Clone, Default)]
struct Story {
    /// Earliest first; none after `today`.
    facts: Vec<(NaiveDate, Fact)>,
    /// The first contact after the due date gets a promise to pay.
    promises: bool,
    total: Decimal,
}

impl Story {
    /// Adds a fact in date order, unless it would happen after `today`.
    fn add(&mut self, day: NaiveDate, fact: Fact, today: NaiveDate) {
        if day <= today {
            let at = self.facts.partition_point(|(d, _)| *d <= day);
            self.facts.insert(at, (day, fact));
        }
    }
}

const DISPUTE_REASON: &str = "El cliente no está conforme con las horas facturadas";
const CANCELLED: &str = "the invoice was cancelled by a credit note";

/// What the client does after `sent_on`: pays on time, late, in part or early with the discount,
/// promises, disputes or stays silent; or the invoice is cancelled on `cancel_on`.
fn story(
    rng: &mut Rng,
    inv: &Invoice,
    total: Decimal,
    sent_on: NaiveDate,
    today: NaiveDate,
    cancel_on: Option<NaiveDate>,
) -> Story {
    let after = |d: NaiveDate, days: u64| d.checked_add_days(Days::new(days)).unwrap_or(d);
    let mut s = Story {
        total,
        ..Story::default()
    };
    let pay = |amount, note, settles| Fact::Pay {
        amount,
        note,
        settles,
    };
    if let Some(day) = cancel_on {
        s.add(day, Fact::Cancel, today);
        return s;
    }
    let terms = u64::try_from((inv.due_date - inv.issue_date).num_days()).unwrap_or(0);
    let roll = rng.below(100);
    let offer = tax::invoice_totals(inv)
        .ok()
        .and_then(|t| tax::early_payment_offer(inv, &t).ok().flatten());
    match (roll, offer) {
        (0..=14, Some(offer)) => {
            let day = after(inv.issue_date, rng.below(10)).max(sent_on);
            s.add(day, pay(offer.amount, "Pronto pago", true), today);
        }
        (0..=44, _) => {
            let day = after(inv.issue_date, rng.range(terms / 2, terms)).max(sent_on);
            s.add(day, pay(total, "", true), today);
        }
        (45..=69, _) => {
            let day = after(inv.due_date, rng.range(1, 60));
            s.add(day, pay(total, "", true), today);
        }
        (70..=79, _) => {
            let half = money::round(total / Decimal::from(2), &inv.currency).unwrap_or(Decimal::ZERO);
            let day = after(inv.due_date, rng.below(20));
            s.add(day, pay(half, "Pago parcial", false), today);
            if rng.chance(50) {
                let day = after(inv.due_date, rng.range(21, 80));
                s.add(day, pay(total - half, "Resto", true), today);
            }
        }
        (80..=86, _) if inv.due_date < today => s.promises = true,
        (87..=89, _) if inv.due_date < today => {
            let opened = after(inv.due_date, rng.range(1, 10)).min(today);
            s.add(opened, Fact::OpenDispute, today);
            if rng.chance(50) {
                let resolved = after(opened, rng.range(5, 30));
                s.add(resolved, Fact::ResolveDispute, today);
                if rng.chance(50) {
                    s.add(after(resolved, rng.range(3, 20)), pay(total, "", true), today);
                }
            }
        }
        _ => {} // Unpaid so far: current or overdue.
    }
    s
}

/// How the user works the follow-up: every step due before `behind_from` was acted on (a little
/// late at times, some forgotten), none due since.
struct Walk {
    today: NaiveDate,
    behind_from: NaiveDate,
    policy: CollectionPolicy,
}

/// Replaces steps by id and appends new ones, as the app stores a handler's result.
fn upsert(steps: &mut Vec<FollowUpStep>, changed: Vec<FollowUpStep>) {
    for c in changed {
        match steps.iter_mut().find(|s| s.id == c.id) {
            Some(s) => *s = c,
            None => steps.push(c),
        }
    }
}

impl Walk {
    /// Plans the follow-up of an invoice sent on `sent_on` and walks it to `today`: the story's
    /// facts and the user's contacts, in date order, each through its `schedule`/`lifecycle`
    /// handler. The user acts on the invoice's current step (`follow_up::current`) as the
    /// agenda shows it, one card per invoice: acting late settles the most advanced step due
    /// by then and supersedes the earlier ones; after the policy they re-contact, while a
    /// dispute is open they review it, and after many fruitless contacts some debts are
    /// written off or handed to legal. Adds the steps, contacts and payments to `data` and the
    /// receipt and disputes to `inv`.
    #[allow(clippy::too_many_arguments)]
    fn follow_up(
        &self,
        rng: &mut Rng,
        data: &mut Dataset,
        inv: &mut Invoice,
        client: &Client,
        sent_on: NaiveDate,
        mut story: Story,
        methods: &[Id],
    ) {
        let policy = schedule::effective_policy(&self.policy, client).clone();
        let method = rng.pick(methods).cloned();
        let mut steps = schedule::plan(inv, sent_on, &policy, &mut || rng.uuid(), stamp(sent_on, 9));
        // This invoice's payments and contacts, for its balance and its facts.
        let mut paid: Vec<Payment> = Vec::new();
        let mut talked: Vec<ContactEntry> = Vec::new();
        let mut clock = sent_on;
        // The step the user will act on next, its date then, and when they act.
        let mut next: Option<((StepKind, NaiveDate), Option<NaiveDate>)> = None;
        loop {
            let owed = {
                let pays: Vec<&Payment> = paid.iter().collect();
                lifecycle::balance(inv, &pays, &[]).map(|b| b.owed).ok()
            };
            let step_refs: Vec<&FollowUpStep> = steps.iter().collect();
            let contact_refs: Vec<&ContactEntry> = talked.iter().collect();
            let facts = follow_up::Facts {
                invoice: inv,
                steps: &step_refs,
                contacts: &contact_refs,
                owed,
                cancelled: false,
            };
            let current = follow_up::current(&facts, &policy, clock);
            let act = current.as_ref().and_then(|c| {
                let key = (c.kind, c.planned);
                match &next {
                    Some((k, act)) if *k == key => *act,
                    _ => {
                        let act = self.act_on(rng, c, clock);
                        next = Some((key, act));
                        act
                    }
                }
            });
            let fact_first = match (story.facts.first(), act) {
                (Some((day, _)), Some(a)) => *day <= a,
                (Some(_), None) => true,
                (None, _) => false,
            };
            if fact_first {
                let (day, fact) = story.facts.remove(0);
                clock = day;
                let at = stamp(day, 12);
                match fact {
                    Fact::Pay {
                        amount,
                        note,
                        settles,
                    } => {
                        let payment = Payment {
                            id: rng.uuid(),
                            invoice_id: inv.id.clone(),
                            date: day,
                            amount,
                            method_id: method.clone(),
                            note: note.into(),
                            closed_steps: Vec::new(),
                            early_discount: None,
                            voided: None,
                            updated_at: at,
                        };
                        paid.push(payment.clone());
                        data.payments.push(payment);
                        if settles {
                            let closed = schedule::on_paid_in_full(&steps, at);
                            upsert(&mut steps, closed);
                            break;
                        }
                    }
                    Fact::OpenDispute => {
                        if let Ok(opened) = lifecycle::open_dispute(inv, day, DISPUTE_REASON, at) {
                            *inv = opened;
                            let outcome = Outcome::Disputed {
                                reason: DISPUTE_REASON.into(),
                            };
                            let c = contact(rng, inv, client, None, day, Channel::Email, outcome, "");
                            talked.push(c.clone());
                            data.contacts.push(c);
                        }
                    }
                    Fact::ResolveDispute => {
                        if let Ok(resolved) = lifecycle::resolve_dispute(inv, day, at) {
                            *inv = resolved;
                            if let Some(Ok(changed)) = inv
                                .disputes
                                .last()
                                .map(|d| schedule::on_dispute_resolved(&steps, d, &policy, at))
                            {
                                upsert(&mut steps, changed);
                            }
                            let note = "Revisadas las horas: la factura se mantiene";
                            let c = contact(
                                rng,
                                inv,
                                client,
                                None,
                                day,
                                Channel::Meeting,
                                Outcome::Other,
                                note,
                            );
                            talked.push(c.clone());
                            data.contacts.push(c);
                        }
                    }
                    Fact::Cancel => {
                        let skipped = steps
                            .iter()
                            .filter_map(|s| schedule::skip(s, CANCELLED, at).ok())
                            .collect();
                        upsert(&mut steps, skipped);
                        break;
                    }
                }
                continue;
            }
            let Some(day) = act else {
                break;
            };
            // What the agenda shows on the day the user gets to it: the most advanced step due.
            let Some(shown) = follow_up::current(&facts, &policy, day) else {
                break;
            };
            clock = day;
            let at = stamp(day, 10);
            let kind = shown.kind;
            let settled = schedule::settle(&shown, inv, day, &mut || rng.uuid(), at);
            let answered = settled.first().cloned();
            upsert(&mut steps, settled);
            let recontacts = steps
                .iter()
                .filter(|s| s.kind == StepKind::Recontact && matches!(s.state, StepState::Done { .. }))
                .count();
            let reviews = steps
                .iter()
                .filter(|s| s.kind == StepKind::DisputeReview && matches!(s.state, StepState::Done { .. }))
                .count();
            let (outcome, note) = if kind == StepKind::ReceiptCheck && rng.chance(60) {
                let receipt = Receipt {
                    date: day,
                    confirmed_by: client.ap_contact_name.clone(),
                    channel: answered.as_ref().map_or(Channel::Email, |s| s.channel),
                };
                if let Ok(confirmed) = lifecycle::confirm_receipt(inv, receipt, at) {
                    *inv = confirmed;
                }
                (Outcome::ConfirmedReceipt, "Confirmada la recepción")
            } else if story.promises
                && day > inv.due_date
                && kind != StepKind::PromiseCheck
                && kind != StepKind::DisputeReview
            {
                story.promises = false;
                let promised = day.checked_add_days(Days::new(rng.range(3, 20))).unwrap_or(day);
                let new_steps = schedule::on_promise(&steps, promised, &policy, inv, &mut || rng.uuid(), at);
                if let Ok(changed) = new_steps {
                    upsert(&mut steps, changed);
                }
                if rng.chance(60) {
                    let paid = Fact::Pay {
                        amount: story.total,
                        note: "Pago prometido",
                        settles: true,
                    };
                    story.add(promised, paid, self.today);
                }
                (Outcome::PromisedToPay { date: promised }, "Dice que paga pronto")
            } else {
                step_outcome(rng, kind, answered.as_ref().map_or(Channel::Phone, |s| s.channel))
            };
            let c = contact(
                rng,
                inv,
                client,
                answered.as_ref(),
                day,
                answered.as_ref().map_or(Channel::Phone, |s| s.channel),
                outcome,
                note,
            );
            talked.push(c.clone());
            data.contacts.push(c);
            // A debt chased for months, or a dispute that goes nowhere, is given up or handed
            // over: the closing facts the follow-up ends with.
            let give_up = (kind == StepKind::Recontact && recontacts >= 6 && rng.chance(35))
                || (kind == StepKind::DisputeReview && reviews >= 12 && rng.chance(25));
            if give_up {
                let (outcome, note) = if rng.chance(50) {
                    (Outcome::WrittenOff, "Incobrable: el cliente ha cerrado")
                } else {
                    (Outcome::HandedToLegal, "Enviada a Bufete Ruiz & Asociados")
                };
                let c = contact(rng, inv, client, None, day, Channel::Other, outcome, note);
                talked.push(c.clone());
                data.contacts.push(c);
                let closed = schedule::on_closed(&steps, at);
                upsert(&mut steps, closed);
                break;
            }
        }
        data.steps.extend(steps);
    }

    /// When the user acts on the current step `c` (never before `clock`, the last thing that
    /// happened): usually on its day, sometimes days later; `None` when they have not (yet):
    /// due on or after `behind_from`. Some escalations are put off until the re-contact that
    /// follows them shows (which is how a debt moves past its last step on a real agenda).
    fn act_on(&self, rng: &mut Rng, c: &follow_up::Current, clock: NaiveDate) -> Option<NaiveDate> {
        let from = c.due.max(clock);
        if from >= self.behind_from {
            return None;
        }
        let lag = if c.kind == StepKind::Escalation && rng.chance(20) {
            let back = 30 + rng.below(5);
            let at = from.checked_add_days(Days::new(back)).unwrap_or(from);
            return (at < self.behind_from).then_some(at);
        } else {
            match rng.below(100) {
                0..=54 => 0,
                55..=79 => 1,
                80..=94 => rng.range(2, 4),
                _ => rng.range(5, 16),
            }
        };
        let last = self.behind_from.pred_opt().unwrap_or(from);
        Some(from.checked_add_days(Days::new(lag)).unwrap_or(from).min(last))
    }
}

/// What came of a routine contact.
fn step_outcome(rng: &mut Rng, kind: StepKind, channel: Channel) -> (Outcome, &'static str) {
    if channel == Channel::Phone && rng.chance(40) {
        return (Outcome::NoAnswer, "No contesta; se vuelve a intentar");
    }
    let note = match kind {
        StepKind::ReceiptCheck => return (Outcome::NoAnswer, "Sin confirmación de recepción"),
        StepKind::PreDue => "Aviso de vencimiento próximo",
        StepKind::DueDay => "Recordatorio el día del vencimiento",
        StepKind::Reminder => "Recordatorio enviado",
        StepKind::FormalLetter => "Carta de reclamación enviada por burofax",
        StepKind::Escalation => "Propuesta de plan de pagos; si no, vía judicial",
        StepKind::PromiseCheck => return (Outcome::NoAnswer, "El pago prometido no ha llegado"),
        StepKind::SendInvoice => "Factura enviada",
        StepKind::Recontact => "Sigue pendiente; se insiste",
        StepKind::DisputeReview => "Incidencia en revisión por el cliente",
    };
    (Outcome::Other, note)
}

/// A contact about `inv` with its AP person, answering `step` if given.
#[allow(clippy::too_many_arguments)]
fn contact(
    rng: &mut Rng,
    inv: &Invoice,
    client: &Client,
    step: Option<&FollowUpStep>,
    date: NaiveDate,
    channel: Channel,
    outcome: Outcome,
    note: &str,
) -> ContactEntry {
    let who = match outcome {
        Outcome::WrittenOff | Outcome::HandedToLegal => String::new(),
        _ => client.ap_contact_name.clone(),
    };
    ContactEntry {
        id: rng.uuid(),
        client_id: inv.client_id.clone(),
        invoice_id: Some(inv.id.clone()),
        step_id: step.map(|s| s.id.clone()),
        date,
        channel,
        who,
        outcome,
        note: note.into(),
        updated_at: stamp(date, 10),
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
        payment_method_ids: Vec::new(),
        early_payment: None,
        state: QuoteState::Accepted { date: inv.issue_date },
        invoice_id: Some(inv.id.clone()),
        updated_at: now,
    }
}

fn credit_note_for(rng: &mut Rng, inv: &Invoice, series_id: &Id, day: NaiveDate, now: Stamp) -> CreditNote {
    CreditNote {
        id: rng.uuid(),
        series_id: series_id.clone(),
        number: None,
        invoice_id: inv.id.clone(),
        client_id: inv.client_id.clone(),
        issue_date: day,
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
        carried_over: BTreeMap::new(),
        updated_at: now,
    }
}

/// A company NIF (CIF) "B" + the 7 digits of `n` + its check digit, so the demo's clients pass
/// the same checks as the ones users type.
fn spanish_company_id(n: u64) -> String {
    let body = format!("B{n:07}");
    (0..10u8)
        .map(|d| format!("{body}{d}"))
        .find(|id| crate::tax_id::check_spanish(id.as_bytes()).is_ok())
        .unwrap_or(body)
}
