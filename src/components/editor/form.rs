//! The editor's state: one signal per field (so typing in one field redraws only it) that
//! together read and write a [`DraftInput`], the text the core parses; the lines' signals
//! serve any form with invoice lines (the recurring schedule's too).

use cobro_core::draft_input::{DraftInput, LineInput};
use cobro_core::Id;
use leptos::prelude::*;
use std::cell::Cell;

thread_local! {
    static NEXT_KEY: Cell<u64> = const { Cell::new(1) };
}

/// A key for a line, stable while it is edited (the list is keyed by it, so removing a
/// line never moves the text of another).
fn next_key() -> u64 {
    NEXT_KEY.with(|k| {
        let v = k.get();
        k.set(v + 1);
        v
    })
}

/// One line as the user is typing it.
#[derive(Clone, Copy)]
pub struct LineForm {
    pub key: u64,
    pub item: RwSignal<String>,
    pub description: RwSignal<String>,
    pub quantity: RwSignal<String>,
    pub unit_price: RwSignal<String>,
    pub discount: RwSignal<String>,
    /// A rate ("21") or `exempt`.
    pub vat: RwSignal<String>,
    pub reason: RwSignal<String>,
}

impl LineForm {
    pub fn new(l: &LineInput) -> Self {
        Self {
            key: next_key(),
            item: RwSignal::new(l.item.clone()),
            description: RwSignal::new(l.description.clone()),
            quantity: RwSignal::new(l.quantity.clone()),
            unit_price: RwSignal::new(l.unit_price.clone()),
            discount: RwSignal::new(l.discount.clone()),
            vat: RwSignal::new(l.vat.clone()),
            reason: RwSignal::new(l.reason.clone()),
        }
    }

    /// The line's text (tracked).
    pub fn input(&self) -> LineInput {
        LineInput {
            item: self.item.get(),
            description: self.description.get(),
            quantity: self.quantity.get(),
            unit_price: self.unit_price.get(),
            discount: self.discount.get(),
            vat: self.vat.get(),
            reason: self.reason.get(),
        }
    }

    fn set(&self, l: &LineInput) {
        set_if(self.item, &l.item);
        set_if(self.description, &l.description);
        set_if(self.quantity, &l.quantity);
        set_if(self.unit_price, &l.unit_price);
        set_if(self.discount, &l.discount);
        set_if(self.vat, &l.vat);
        set_if(self.reason, &l.reason);
    }
}

/// Set a field only when it changes, so writing the whole input back wakes only what moved.
fn set_if(signal: RwSignal<String>, value: &str) {
    if signal.with_untracked(|v| v != value) {
        signal.set(value.to_string());
    }
}

/// Makes the lines of one editor. Their signals belong to the editor, not to whatever part
/// of the page was current when a button made them (a notice that then goes away would take
/// them along).
#[derive(Clone, Copy)]
pub struct LineOwner(StoredValue<Option<Owner>>);

impl LineOwner {
    /// The lines' owner: the component being built now.
    pub fn current() -> Self {
        Self(StoredValue::new(Owner::current()))
    }

    /// A line, its signals owned by the editor.
    pub fn line(&self, l: &LineInput) -> LineForm {
        self.0.with_value(|o| match o {
            Some(owner) => owner.with(|| LineForm::new(l)),
            None => LineForm::new(l),
        })
    }
}

/// Every field of the editor.
#[derive(Clone, Copy)]
pub struct Form {
    owner: LineOwner,
    pub client: RwSignal<String>,
    pub po: RwSignal<String>,
    pub issue_date: RwSignal<String>,
    pub delivery_date: RwSignal<String>,
    pub due_date: RwSignal<String>,
    pub valid_until: RwSignal<String>,
    pub currency: RwSignal<String>,
    pub withholding: RwSignal<String>,
    pub discount: RwSignal<String>,
    pub early_pct: RwSignal<String>,
    pub early_days: RwSignal<String>,
    pub methods: RwSignal<Vec<Id>>,
    pub notes: RwSignal<String>,
    pub lines: RwSignal<Vec<LineForm>>,
}

impl Form {
    pub fn new(input: &DraftInput) -> Self {
        Self {
            owner: LineOwner::current(),
            client: RwSignal::new(input.client.clone()),
            po: RwSignal::new(input.po.clone()),
            issue_date: RwSignal::new(input.issue_date.clone()),
            delivery_date: RwSignal::new(input.delivery_date.clone()),
            due_date: RwSignal::new(input.due_date.clone()),
            valid_until: RwSignal::new(input.valid_until.clone()),
            currency: RwSignal::new(input.currency.clone()),
            withholding: RwSignal::new(input.withholding.clone()),
            discount: RwSignal::new(input.discount.clone()),
            early_pct: RwSignal::new(input.early_pct.clone()),
            early_days: RwSignal::new(input.early_days.clone()),
            methods: RwSignal::new(input.methods.clone()),
            notes: RwSignal::new(input.notes.clone()),
            lines: RwSignal::new(input.lines.iter().map(LineForm::new).collect()),
        }
    }

    /// Everything typed (tracked: a memo of it follows every keystroke).
    pub fn input(&self) -> DraftInput {
        DraftInput {
            client: self.client.get(),
            po: self.po.get(),
            issue_date: self.issue_date.get(),
            delivery_date: self.delivery_date.get(),
            due_date: self.due_date.get(),
            valid_until: self.valid_until.get(),
            currency: self.currency.get(),
            withholding: self.withholding.get(),
            discount: self.discount.get(),
            early_pct: self.early_pct.get(),
            early_days: self.early_days.get(),
            methods: self.methods.get(),
            notes: self.notes.get(),
            lines: self.lines.get().iter().map(LineForm::input).collect(),
        }
    }

    /// What is typed now, without tracking.
    pub fn snapshot(&self) -> DraftInput {
        untrack(|| self.input())
    }

    /// Show `input` in the fields (a client chosen, a discarded buffer, dates moved).
    pub fn set(&self, input: &DraftInput) {
        set_if(self.client, &input.client);
        set_if(self.po, &input.po);
        set_if(self.issue_date, &input.issue_date);
        set_if(self.delivery_date, &input.delivery_date);
        set_if(self.due_date, &input.due_date);
        set_if(self.valid_until, &input.valid_until);
        set_if(self.currency, &input.currency);
        set_if(self.withholding, &input.withholding);
        set_if(self.discount, &input.discount);
        set_if(self.early_pct, &input.early_pct);
        set_if(self.early_days, &input.early_days);
        set_if(self.notes, &input.notes);
        if self.methods.with_untracked(|m| m != &input.methods) {
            self.methods.set(input.methods.clone());
        }
        let same_count = self.lines.with_untracked(|l| l.len() == input.lines.len());
        if same_count {
            for (form, line) in self.lines.get_untracked().iter().zip(&input.lines) {
                form.set(line);
            }
        } else {
            let lines = input.lines.iter().map(|l| self.new_line(l)).collect();
            self.lines.set(lines);
        }
    }

    /// A line for this form, its signals owned by the editor.
    pub fn new_line(&self, l: &LineInput) -> LineForm {
        self.owner.line(l)
    }

    /// What makes this form's lines.
    pub fn line_owner(&self) -> LineOwner {
        self.owner
    }
}
