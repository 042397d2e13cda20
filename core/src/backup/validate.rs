//! Semantic checks of a dataset: what types alone cannot say (ids unique,
//! references resolve, document numbers unique, totals computable, dates and
//! currencies sane). Run on every import, and usable on live data too.

use super::{index, Problem, ProblemCode, MAX_YEAR, MIN_YEAR};
use crate::ledger::IdMap as HashMap;
use crate::model::{Dataset, DocKind, NumberingSeries, ScheduleEnd};
use crate::numbering::{self, SequenceProblem};
use crate::recurring::{self, ScheduleProblem};
use crate::{money, tax};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::collections::hash_map::Entry;
use std::fmt;

/// Every semantic problem of `data`, each with the JSON path it would have in
/// a backup (`$.data.invoices[3].client_id`, indexes in the dataset's order).
/// Empty means the data is consistent.
pub fn validate(data: &Dataset) -> Vec<Problem> {
    let mut v = Checker { problems: Vec::new() };
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
    v.unique("payments", data.payments.iter().map(|r| r.id.as_str()));
    v.unique("contacts", data.contacts.iter().map(|r| r.id.as_str()));
    let series_of = |id: &str| ids.series.get(id).and_then(|&i| data.series.get(i));

    let s = &data.settings;
    v.currency(Loc::settings("default_currency"), &s.default_currency);
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

    for (i, c) in data.clients.iter().enumerate() {
        let p = Rec::new("clients", i);
        v.currency(p.field("currency"), &c.currency);
        for (j, m) in c.preferred_payment_method_ids.iter().enumerate() {
            v.exists(
                p.item("preferred_payment_method_ids", j),
                "payment method",
                m,
                &ids.methods,
            );
        }
        if let Some(limit) = c.credit_limit {
            v.positive(p.field("credit_limit"), limit);
        }
    }

    let mut numbers = Numbers::default();
    for (i, q) in data.quotes.iter().enumerate() {
        let p = Rec::new("quotes", i);
        v.exists(p.field("client_id"), "client", &q.client_id, &ids.clients);
        v.series_ref(
            p.field("series_id"),
            &q.series_id,
            DocKind::Quote,
            series_of(&q.series_id),
        );
        numbers.check(&mut v, p, &q.series_id, q.number.as_deref());
        v.date(p.field("issue_date"), q.issue_date);
        if let Some(d) = q.valid_until {
            v.date(p.field("valid_until"), d);
        }
        if v.currency(p.field("currency"), &q.currency) {
            v.amounts(p.at(), tax::quote_totals(q));
        }
        if let Some(inv) = &q.invoice_id {
            v.exists(p.field("invoice_id"), "invoice", inv, &ids.invoices);
        }
    }

    for (i, inv) in data.invoices.iter().enumerate() {
        let p = Rec::new("invoices", i);
        v.exists(p.field("client_id"), "client", &inv.client_id, &ids.clients);
        v.series_ref(
            p.field("series_id"),
            &inv.series_id,
            DocKind::Invoice,
            series_of(&inv.series_id),
        );
        numbers.check(&mut v, p, &inv.series_id, inv.number.as_deref());
        v.date(p.field("issue_date"), inv.issue_date);
        if v.date(p.field("due_date"), inv.due_date) && inv.due_date < inv.issue_date {
            v.push(
                p.field("due_date"),
                ProblemCode::DueBeforeIssue {
                    due: inv.due_date,
                    issued: inv.issue_date,
                },
            );
        }
        for (key, d) in [
            ("delivery_date", inv.delivery_date),
            ("sent", inv.sent.as_ref().map(|s| s.date)),
            ("receipt", inv.receipt.as_ref().map(|r| r.date)),
        ] {
            if let Some(d) = d {
                v.date(p.field(key), d);
            }
        }
        for (j, d) in inv.disputes.iter().enumerate() {
            v.date(p.item("disputes", j).sub("opened"), d.opened);
        }
        if v.currency(p.field("currency"), &inv.currency) {
            match tax::invoice_totals(inv) {
                Ok(totals) => v.amounts(p.field("early_payment"), tax::early_payment_offer(inv, &totals)),
                Err(e) => v.amounts::<()>(p.at(), Err(e)),
            }
        }
        for (j, m) in inv.payment_method_ids.iter().enumerate() {
            v.exists(p.item("payment_method_ids", j), "payment method", m, &ids.methods);
        }
        if let Some(q) = &inv.quote_id {
            v.exists(p.field("quote_id"), "quote", q, &ids.quotes);
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
                        target: "credit note",
                        id: cn.clone(),
                    },
                ),
                Some(note) if note.invoice_id != inv.id => v.push(
                    path,
                    ProblemCode::Inconsistent {
                        detail: format!("credit note “{cn}” is about another invoice"),
                    },
                ),
                Some(_) => {}
            }
        }
    }

    for (i, cn) in data.credit_notes.iter().enumerate() {
        let p = Rec::new("credit_notes", i);
        v.exists(p.field("client_id"), "client", &cn.client_id, &ids.clients);
        v.series_ref(
            p.field("series_id"),
            &cn.series_id,
            DocKind::CreditNote,
            series_of(&cn.series_id),
        );
        numbers.check(&mut v, p, &cn.series_id, cn.number.as_deref());
        v.date(p.field("issue_date"), cn.issue_date);
        if v.currency(p.field("currency"), &cn.currency) {
            v.amounts(p.at(), tax::credit_note_totals(cn));
        }
        match ids
            .invoices
            .get(cn.invoice_id.as_str())
            .and_then(|&k| data.invoices.get(k))
        {
            None => v.push(
                p.field("invoice_id"),
                ProblemCode::MissingReference {
                    target: "invoice",
                    id: cn.invoice_id.clone(),
                },
            ),
            Some(inv) => {
                if inv.client_id != cn.client_id {
                    v.push(
                        p.field("client_id"),
                        ProblemCode::Inconsistent {
                            detail: "the credit note's client is not the invoice's client".into(),
                        },
                    );
                }
                if inv.currency != cn.currency {
                    v.push(
                        p.field("currency"),
                        ProblemCode::Inconsistent {
                            detail: format!(
                                "the credit note is in {}, its invoice in {}",
                                cn.currency, inv.currency
                            ),
                        },
                    );
                }
            }
        }
    }

    for (i, pay) in data.payments.iter().enumerate() {
        let p = Rec::new("payments", i);
        v.date(p.field("date"), pay.date);
        v.positive(p.field("amount"), pay.amount);
        match ids
            .invoices
            .get(pay.invoice_id.as_str())
            .and_then(|&k| data.invoices.get(k))
        {
            None => v.push(
                p.field("invoice_id"),
                ProblemCode::MissingReference {
                    target: "invoice",
                    id: pay.invoice_id.clone(),
                },
            ),
            Some(inv) if inv.number.is_none() => v.push(
                p.field("invoice_id"),
                ProblemCode::Inconsistent {
                    detail: "a payment cannot be recorded against a draft invoice".into(),
                },
            ),
            Some(_) => {}
        }
        if let Some(m) = &pay.method_id {
            v.exists(p.field("method_id"), "payment method", m, &ids.methods);
        }
    }

    for (i, c) in data.contacts.iter().enumerate() {
        let p = Rec::new("contacts", i);
        v.date(p.field("date"), c.date);
        v.exists(p.field("client_id"), "client", &c.client_id, &ids.clients);
        if let Some(inv) = &c.invoice_id {
            v.exists(p.field("invoice_id"), "invoice", inv, &ids.invoices);
        }
        if let Some(st) = &c.step_id {
            v.exists(p.field("step_id"), "follow-up step", st, &ids.steps);
        }
    }

    for (i, st) in data.steps.iter().enumerate() {
        let p = Rec::new("steps", i);
        v.date(p.field("due"), st.due);
        v.exists(p.field("invoice_id"), "invoice", &st.invoice_id, &ids.invoices);
    }

    v.unique("recurring", data.recurring.iter().map(|r| r.id.as_str()));
    for (i, s) in data.recurring.iter().enumerate() {
        let p = Rec::new("recurring", i);
        v.exists(p.field("client_id"), "client", &s.client_id, &ids.clients);
        v.series_ref(
            p.field("series_id"),
            &s.series_id,
            DocKind::Invoice,
            series_of(&s.series_id),
        );
        v.date(p.field("start"), s.start);
        if let ScheduleEnd::On(end) = s.end {
            v.date(p.field("end"), end);
        }
        if let Some(done) = s.done_through {
            v.date(p.field("done_through"), done);
        }
        for (j, m) in s.payment_method_ids.iter().enumerate() {
            v.exists(p.item("payment_method_ids", j), "payment method", m, &ids.methods);
        }
        if !v.currency(p.field("currency"), &s.currency) {
            continue;
        }
        // The same rules a save through storage applies.
        for problem in recurring::check(s) {
            let (field, code) = match problem {
                ScheduleProblem::Amounts(e) => (
                    p.at(),
                    ProblemCode::InvalidAmounts {
                        detail: e.to_string(),
                    },
                ),
                ScheduleProblem::NoName => (p.field("name"), inconsistent(&problem)),
                ScheduleProblem::NoLines => (p.field("lines"), inconsistent(&problem)),
                ScheduleProblem::EveryOutOfRange { .. } | ScheduleProblem::DayOutOfRange { .. } => {
                    (p.field("repeat"), inconsistent(&problem))
                }
                ScheduleProblem::AfterZero(_) | ScheduleProblem::EndsBeforeStart { .. } => {
                    (p.field("end"), inconsistent(&problem))
                }
            };
            v.push(field, code);
        }
    }

    // Lines' `item_id` is deliberately not checked: a line keeps its own text and
    // price, so deleting a catalogue item must not make old documents invalid.

    v.problems
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
            Some(Problem::new(
                path,
                ProblemCode::Numbering {
                    detail: p.to_string(),
                },
            ))
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
                    detail: "an issued document needs a number".into(),
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

/// A record of a store, as its place in a backup: `$.data.<store>[<i>]`.
#[derive(Clone, Copy)]
struct Rec {
    store: &'static str,
    i: usize,
}

impl Rec {
    fn new(store: &'static str, i: usize) -> Self {
        Self { store, i }
    }

    fn at(self) -> Loc {
        Loc {
            rec: Some(self),
            key: None,
            item: None,
            sub: None,
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
        write!(f, "$.data.{}[{}]", self.store, self.i)
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
    sub: Option<&'static str>,
}

impl Loc {
    fn settings(key: &'static str) -> Self {
        Self {
            rec: None,
            key: Some(key),
            item: None,
            sub: None,
        }
    }

    fn sub(self, key: &'static str) -> Self {
        Self {
            sub: Some(key),
            ..self
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
        if let Some(key) = self.sub {
            write!(f, ".{key}")?;
        }
        Ok(())
    }
}

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn push(&mut self, at: Loc, code: ProblemCode) {
        self.problems.push(Problem::new(at.to_string(), code));
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

    fn exists(&mut self, at: Loc, target: &'static str, id: &str, ids: &HashMap<&str, usize>) {
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
                    target: "series",
                    id: id.to_string(),
                },
            ),
            Some(s) if s.kind != kind => self.push(
                at,
                ProblemCode::WrongSeriesKind {
                    id: id.to_string(),
                    expected: kind_name(kind),
                    actual: kind_name(s.kind),
                },
            ),
            Some(_) => {}
        }
    }

    /// True when the date is plausible.
    fn date(&mut self, at: Loc, d: NaiveDate) -> bool {
        let ok = (MIN_YEAR..=MAX_YEAR).contains(&d.year());
        if !ok {
            self.push(at, ProblemCode::DateOutOfRange { date: d });
        }
        ok
    }

    /// True when the currency is known (so totals can be computed in it).
    fn currency(&mut self, at: Loc, code: &str) -> bool {
        let ok = money::minor_units(code).is_some();
        if !ok {
            self.push(
                at,
                ProblemCode::UnknownCurrency {
                    code: code.to_string(),
                },
            );
        }
        ok
    }

    fn positive(&mut self, at: Loc, amount: Decimal) {
        if amount <= Decimal::ZERO {
            self.push(at, ProblemCode::NotPositive { amount });
        }
    }

    fn amounts<T>(&mut self, doc: Loc, totals: Result<T, money::MoneyError>) {
        if let Err(e) = totals {
            self.push(
                doc,
                ProblemCode::InvalidAmounts {
                    detail: e.to_string(),
                },
            );
        }
    }
}

fn inconsistent(problem: &ScheduleProblem) -> ProblemCode {
    ProblemCode::Inconsistent {
        detail: problem.to_string(),
    }
}

fn kind_name(k: DocKind) -> &'static str {
    match k {
        DocKind::Invoice => "invoice",
        DocKind::CreditNote => "credit note",
        DocKind::Quote => "quote",
    }
}
