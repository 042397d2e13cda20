//! Semantic checks of a dataset: what types alone cannot say (ids unique, references
//! resolve, document numbers unique, records that fit together) and, through
//! [`crate::validity`], every record's own rules (totals computable, dates and currencies
//! sane, and the input rules, which older files may break: those become notes). Run on
//! every import, and usable on live data too.

use super::{index, Inconsistency, Problem, ProblemCode, Store};
use crate::ledger::IdMap as HashMap;
use crate::model::{Dataset, DocKind, NumberingSeries, Outcome};
use crate::numbering::{self, SequenceProblem};
use crate::validity::{Context, FieldProblem, Rule, Severity, Validate};
use std::collections::hash_map::Entry;
use std::fmt;

/// What [`validate_with_notes`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verdict {
    /// What stops an import.
    pub problems: Vec<Problem>,
    /// Values the forms would not accept today, kept as they are ([`ProblemCode::KeptAsIs`]).
    pub notes: Vec<Problem>,
}

/// Every semantic problem of `data`, each with the JSON path it would have in
/// a backup (`$.data.invoices[3].client_id`, indexes in the dataset's order).
/// Empty means the data is consistent.
pub fn validate(data: &Dataset) -> Vec<Problem> {
    validate_with_notes(data).problems
}

/// [`validate`], with the values worth a note.
pub fn validate_with_notes(data: &Dataset) -> Verdict {
    let mut v = Checker {
        problems: Vec::new(),
        notes: Vec::new(),
    };
    let ids = Ids {
        methods: v.unique(
            "payment_methods",
            data.payment_methods.iter().map(|r| r.id.as_str()),
        ),
        series: v.unique("series", data.series.iter().map(|r| r.id.as_str())),
        clients: v.unique("clients", data.clients.iter().map(|r| r.id.as_str())),
        quotes: v.unique("quotes", data.quotes.iter().map(|r| r.id.as_str())),
        invoices: v.unique("invoices", data.invoices.iter().map(|r| r.id.as_str())),
        credit_notes: v.unique("credit_notes", data.credit_notes.iter().map(|r| r.id.as_str())),
        steps: v.unique("steps", data.steps.iter().map(|r| r.id.as_str())),
    };
    v.unique("items", data.items.iter().map(|r| r.id.as_str()));
    let payment_ids = v.unique("payments", data.payments.iter().map(|r| r.id.as_str()));
    v.unique("contacts", data.contacts.iter().map(|r| r.id.as_str()));
    let series_of = |id: &str| ids.series.get(id).and_then(|&i| data.series.get(i));

    v.record(Rec::single("profile"), &data.profile);
    let s = &data.settings;
    v.record(Rec::single("settings"), s);
    for (key, id, kind) in [
        ("invoice_series_id", &s.invoice_series_id, DocKind::Invoice),
        (
            "credit_note_series_id",
            &s.credit_note_series_id,
            DocKind::CreditNote,
        ),
        ("quote_series_id", &s.quote_series_id, DocKind::Quote),
    ] {
        if let Some(id) = id {
            v.series_ref(Loc::settings(key), id, kind, series_of(id));
        }
    }

    // The user's late-payment rates: a real half-year, a percentage, one per semester.
    let mut semesters = std::collections::HashSet::new();
    for (j, r) in s.late_interest_rates.iter().enumerate() {
        let at = Loc {
            item: Some(j),
            ..Loc::settings("late_interest_rates")
        };
        if crate::late_interest::check(r).is_err() {
            v.push(
                at,
                ProblemCode::Inconsistent {
                    what: Inconsistency::LateRate {
                        year: r.year,
                        half: r.half,
                        rate_pct: r.rate_pct,
                    },
                },
            );
        }
        if !semesters.insert((r.year, r.half)) {
            v.push(
                at,
                ProblemCode::Inconsistent {
                    what: Inconsistency::LateRateTwice {
                        year: r.year,
                        half: r.half,
                    },
                },
            );
        }
    }

    for (i, m) in data.payment_methods.iter().enumerate() {
        v.record(Rec::new("payment_methods", i), m);
    }
    for (i, s) in data.series.iter().enumerate() {
        v.record(Rec::new("series", i), s);
    }
    for (i, it) in data.items.iter().enumerate() {
        v.record(Rec::new("items", i), it);
    }

    for (i, c) in data.clients.iter().enumerate() {
        let p = Rec::new("clients", i);
        v.record(p, c);
        for (j, m) in c.preferred_payment_method_ids.iter().enumerate() {
            v.exists(
                p.item("preferred_payment_method_ids", j),
                Store::PaymentMethods,
                m,
                &ids.methods,
            );
        }
    }

    let mut numbers = Numbers::default();
    for (i, q) in data.quotes.iter().enumerate() {
        let p = Rec::new("quotes", i);
        v.record(p, q);
        v.exists(p.field("client_id"), Store::Clients, &q.client_id, &ids.clients);
        v.series_ref(
            p.field("series_id"),
            &q.series_id,
            DocKind::Quote,
            series_of(&q.series_id),
        );
        numbers.check(&mut v, p, &q.series_id, q.number.as_deref());
        if let Some(inv) = &q.invoice_id {
            v.exists(p.field("invoice_id"), Store::Invoices, inv, &ids.invoices);
        }
        for (j, m) in q.payment_method_ids.iter().enumerate() {
            v.exists(
                p.item("payment_method_ids", j),
                Store::PaymentMethods,
                m,
                &ids.methods,
            );
        }
    }

    for (i, inv) in data.invoices.iter().enumerate() {
        let p = Rec::new("invoices", i);
        v.record(p, inv);
        v.exists(p.field("client_id"), Store::Clients, &inv.client_id, &ids.clients);
        v.series_ref(
            p.field("series_id"),
            &inv.series_id,
            DocKind::Invoice,
            series_of(&inv.series_id),
        );
        numbers.check(&mut v, p, &inv.series_id, inv.number.as_deref());
        for (j, m) in inv.payment_method_ids.iter().enumerate() {
            v.exists(
                p.item("payment_method_ids", j),
                Store::PaymentMethods,
                m,
                &ids.methods,
            );
        }
        if let Some(q) = &inv.quote_id {
            v.exists(p.field("quote_id"), Store::Quotes, q, &ids.quotes);
        }
        if let Some(cn) = &inv.cancelled_by {
            let path = p.field("cancelled_by");
            match ids
                .credit_notes
                .get(cn.as_str())
                .and_then(|&k| data.credit_notes.get(k))
            {
                None => v.push(
                    path,
                    ProblemCode::MissingReference {
                        target: Store::CreditNotes,
                        id: cn.clone(),
                    },
                ),
                Some(note) if note.invoice_id != inv.id => v.push(
                    path,
                    ProblemCode::Inconsistent {
                        what: Inconsistency::CreditNoteOfAnotherInvoice { id: cn.clone() },
                    },
                ),
                Some(_) => {}
            }
        }
    }

    for (i, cn) in data.credit_notes.iter().enumerate() {
        let p = Rec::new("credit_notes", i);
        v.record(p, cn);
        v.exists(p.field("client_id"), Store::Clients, &cn.client_id, &ids.clients);
        v.series_ref(
            p.field("series_id"),
            &cn.series_id,
            DocKind::CreditNote,
            series_of(&cn.series_id),
        );
        numbers.check(&mut v, p, &cn.series_id, cn.number.as_deref());
        match ids
            .invoices
            .get(cn.invoice_id.as_str())
            .and_then(|&k| data.invoices.get(k))
        {
            None => v.push(
                p.field("invoice_id"),
                ProblemCode::MissingReference {
                    target: Store::Invoices,
                    id: cn.invoice_id.clone(),
                },
            ),
            Some(inv) => {
                if inv.client_id != cn.client_id {
                    v.push(
                        p.field("client_id"),
                        ProblemCode::Inconsistent {
                            what: Inconsistency::CreditNoteClient,
                        },
                    );
                }
                if inv.currency != cn.currency {
                    v.push(
                        p.field("currency"),
                        ProblemCode::Inconsistent {
                            what: Inconsistency::CreditNoteCurrency {
                                note: cn.currency.clone(),
                                invoice: inv.currency.clone(),
                            },
                        },
                    );
                }
            }
        }
    }

    for (i, pay) in data.payments.iter().enumerate() {
        let p = Rec::new("payments", i);
        v.record(p, pay);
        match ids
            .invoices
            .get(pay.invoice_id.as_str())
            .and_then(|&k| data.invoices.get(k))
        {
            None => v.push(
                p.field("invoice_id"),
                ProblemCode::MissingReference {
                    target: Store::Invoices,
                    id: pay.invoice_id.clone(),
                },
            ),
            Some(inv) if inv.number.is_none() => v.push(
                p.field("invoice_id"),
                ProblemCode::Inconsistent {
                    what: Inconsistency::PaymentOnDraft,
                },
            ),
            Some(_) => {}
        }
        if let Some(m) = &pay.method_id {
            v.exists(p.field("method_id"), Store::PaymentMethods, m, &ids.methods);
        }
        if let Some(void) = &pay.voided {
            match &void.replaced_by {
                None => {}
                Some(other) => {
                    v.exists(
                        p.field("voided.replaced_by"),
                        Store::Payments,
                        other,
                        &payment_ids,
                    );
                    let same_invoice = payment_ids
                        .get(other.as_str())
                        .and_then(|&k| data.payments.get(k))
                        .is_none_or(|o| o.invoice_id == pay.invoice_id);
                    if !same_invoice {
                        v.push(
                            p.field("voided.replaced_by"),
                            ProblemCode::Inconsistent {
                                what: Inconsistency::ReplacedByOtherInvoice,
                            },
                        );
                    }
                }
            }
        }
    }

    for (i, c) in data.contacts.iter().enumerate() {
        let p = Rec::new("contacts", i);
        v.record(p, c);
        v.exists(p.field("client_id"), Store::Clients, &c.client_id, &ids.clients);
        if let Some(inv) = &c.invoice_id {
            v.exists(p.field("invoice_id"), Store::Invoices, inv, &ids.invoices);
        }
        if let Some(st) = &c.step_id {
            v.exists(p.field("step_id"), Store::Steps, st, &ids.steps);
        }
        // A closing fact (written off, handed to legal, reopened) closes an invoice's follow-up.
        let closing = matches!(
            c.outcome,
            Outcome::WrittenOff | Outcome::HandedToLegal | Outcome::Reopened
        );
        if closing && c.invoice_id.is_none() {
            v.push(
                p.field("invoice_id"),
                ProblemCode::Inconsistent {
                    what: Inconsistency::ClosingWithoutInvoice,
                },
            );
        }
    }

    for (i, st) in data.steps.iter().enumerate() {
        let p = Rec::new("steps", i);
        v.record(p, st);
        v.exists(
            p.field("invoice_id"),
            Store::Invoices,
            &st.invoice_id,
            &ids.invoices,
        );
    }

    v.unique("recurring", data.recurring.iter().map(|r| r.id.as_str()));
    for (i, s) in data.recurring.iter().enumerate() {
        let p = Rec::new("recurring", i);
        v.record(p, s);
        v.exists(p.field("client_id"), Store::Clients, &s.client_id, &ids.clients);
        v.series_ref(
            p.field("series_id"),
            &s.series_id,
            DocKind::Invoice,
            series_of(&s.series_id),
        );
        for (j, m) in s.payment_method_ids.iter().enumerate() {
            v.exists(
                p.item("payment_method_ids", j),
                Store::PaymentMethods,
                m,
                &ids.methods,
            );
        }
    }

    // Lines' `item_id` is deliberately not checked: a line keeps its own text and
    // price, so deleting a catalogue item must not make old documents invalid.

    Verdict {
        problems: v.problems,
        notes: v.notes,
    }
}

/// Numbering findings (gaps, numbers out of date order, numbers not in the
/// series' pattern, a counter behind the numbers used) from
/// [`numbering::check_all`], located at their series. They are notes, not
/// errors: a restore must never be refused for them, since refusing would
/// strand the very records the user needs to fix them. Duplicates, unknown
/// series and wrong kinds are left out: [`validate`] reports those, per document.
pub fn numbering_notes(data: &Dataset) -> Vec<Problem> {
    let series_index: HashMap<&str, usize> = data
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    numbering::check_all(data)
        .into_iter()
        .filter_map(|p| {
            let series_id = match &p {
                SequenceProblem::Gap { series_id, .. }
                | SequenceProblem::NotInSeries { series_id, .. }
                | SequenceProblem::YearMismatch { series_id, .. }
                | SequenceProblem::OutOfDateOrder { series_id, .. }
                | SequenceProblem::CounterBehind { series_id, .. } => series_id,
                SequenceProblem::Duplicate { .. }
                | SequenceProblem::UnknownSeries { .. }
                | SequenceProblem::WrongKind { .. } => return None,
            };
            let path = series_index
                .get(series_id.as_str())
                .map_or_else(|| "$.data.series".to_string(), |&i| index("$.data.series", i));
            Some(Problem::new(path, ProblemCode::Numbering { finding: p }))
        })
        .collect()
}

/// Positions of records by id, per store that others refer to.
struct Ids<'a> {
    methods: HashMap<&'a str, usize>,
    series: HashMap<&'a str, usize>,
    clients: HashMap<&'a str, usize>,
    quotes: HashMap<&'a str, usize>,
    invoices: HashMap<&'a str, usize>,
    credit_notes: HashMap<&'a str, usize>,
    steps: HashMap<&'a str, usize>,
}

/// Issued numbers seen so far, per series: a number may appear once.
#[derive(Default)]
struct Numbers<'a> {
    seen: HashMap<(&'a str, &'a str), Rec>,
}

impl<'a> Numbers<'a> {
    fn check(&mut self, v: &mut Checker, doc: Rec, series: &'a str, number: Option<&'a str>) {
        let Some(number) = number else { return };
        let here = doc.field("number");
        if number.trim().is_empty() {
            v.push(
                here,
                ProblemCode::Inconsistent {
                    what: Inconsistency::NoNumber,
                },
            );
            return;
        }
        match self.seen.get(&(series, number)) {
            Some(other) => v.push(
                here,
                ProblemCode::DuplicateNumber {
                    number: number.to_string(),
                    other: other.to_string(),
                },
            ),
            None => {
                self.seen.insert((series, number), doc);
            }
        }
    }
}

/// A record of a store, as its place in a backup: `$.data.<store>[<i>]`, or `$.data.<store>`
/// for the profile and the settings.
#[derive(Clone, Copy)]
struct Rec {
    store: &'static str,
    i: Option<usize>,
}

impl Rec {
    fn new(store: &'static str, i: usize) -> Self {
        Self { store, i: Some(i) }
    }

    fn single(store: &'static str) -> Self {
        Self { store, i: None }
    }

    fn at(self) -> Loc {
        Loc {
            rec: Some(self),
            key: None,
            item: None,
        }
    }

    fn field(self, key: &'static str) -> Loc {
        Loc {
            key: Some(key),
            ..self.at()
        }
    }

    /// Item `j` of the list in field `key`.
    fn item(self, key: &'static str, j: usize) -> Loc {
        Loc {
            item: Some(j),
            ..self.field(key)
        }
    }
}

impl fmt::Display for Rec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.i {
            Some(i) => write!(f, "$.data.{}[{i}]", self.store),
            None => write!(f, "$.data.{}", self.store),
        }
    }
}

/// Where a checked value sits in a backup (`$.data.invoices[3].disputes[0].opened`), kept as
/// its parts and written out only when a problem is found there: a clean dataset of years of
/// records then costs no path text at all. Keys are plain identifiers, so they need no quoting.
#[derive(Clone, Copy)]
struct Loc {
    /// `None`: the settings object.
    rec: Option<Rec>,
    key: Option<&'static str>,
    item: Option<usize>,
}

impl Loc {
    fn settings(key: &'static str) -> Self {
        Self {
            rec: None,
            key: Some(key),
            item: None,
        }
    }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.rec {
            Some(rec) => write!(f, "{rec}")?,
            None => f.write_str("$.data.settings")?,
        }
        if let Some(key) = self.key {
            write!(f, ".{key}")?;
        }
        if let Some(j) = self.item {
            write!(f, "[{j}]")?;
        }
        Ok(())
    }
}

struct Checker {
    problems: Vec<Problem>,
    notes: Vec<Problem>,
}

impl Checker {
    fn push(&mut self, at: Loc, code: ProblemCode) {
        self.problems.push(Problem::new(at.to_string(), code));
    }

    /// A record's own rules: refusals as problems (with the codes the import has always
    /// used), input rules as notes.
    fn record(&mut self, rec: Rec, r: &impl Validate) {
        for FieldProblem { path, rule, severity } in r.problems(Context::default()) {
            let at = if path.is_empty() {
                rec.to_string()
            } else {
                format!("{rec}.{path}")
            };
            match severity {
                Severity::Refuse => self.problems.push(Problem::new(at, refusal(rule))),
                Severity::Warn => self.notes.push(Problem::new(at, ProblemCode::KeptAsIs { rule })),
            }
        }
    }

    /// Index of each id in `store`, reporting every repeat.
    fn unique<'a>(
        &mut self,
        store: &'static str,
        ids: impl Iterator<Item = &'a str>,
    ) -> HashMap<&'a str, usize> {
        let mut seen: HashMap<&str, usize> =
            HashMap::with_capacity_and_hasher(ids.size_hint().0, Default::default());
        // One look-up per id (an entry, not a get and then an insert): every record's id.
        for (i, id) in ids.enumerate() {
            match seen.entry(id) {
                Entry::Occupied(first) => self.push(
                    Rec::new(store, i).field("id"),
                    ProblemCode::DuplicateId {
                        id: id.to_string(),
                        other: Rec::new(store, *first.get()).to_string(),
                    },
                ),
                Entry::Vacant(slot) => {
                    slot.insert(i);
                }
            }
        }
        seen
    }

    fn exists(&mut self, at: Loc, target: Store, id: &str, ids: &HashMap<&str, usize>) {
        if !ids.contains_key(id) {
            self.push(
                at,
                ProblemCode::MissingReference {
                    target,
                    id: id.to_string(),
                },
            );
        }
    }

    fn series_ref(&mut self, at: Loc, id: &str, kind: DocKind, series: Option<&NumberingSeries>) {
        match series {
            None => self.push(
                at,
                ProblemCode::MissingReference {
                    target: Store::Series,
                    id: id.to_string(),
                },
            ),
            Some(s) if s.kind != kind => self.push(
                at,
                ProblemCode::WrongSeriesKind {
                    id: id.to_string(),
                    expected: kind,
                    actual: s.kind,
                },
            ),
            Some(_) => {}
        }
    }
}

/// The problem code of a refused record rule.
fn refusal(rule: Rule) -> ProblemCode {
    match rule {
        Rule::DateOutOfRange { date } => ProblemCode::DateOutOfRange { date },
        Rule::UnknownCurrency { code } => ProblemCode::UnknownCurrency { code },
        Rule::Money(error) => ProblemCode::InvalidAmounts { error },
        Rule::NotPositive { amount } => ProblemCode::NotPositive { amount },
        Rule::DueBeforeIssue { due, issued } => ProblemCode::DueBeforeIssue { due, issued },
        rule => ProblemCode::Invalid { rule },
    }
}
