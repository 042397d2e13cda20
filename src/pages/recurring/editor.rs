//! The schedule editor: the invoice to make (client, lines with period placeholders, terms,
//! payment methods, notes) and when (every N weeks or months, the day of the month, start,
//! end, the period each bills, issuing on opening). What is typed stays text
//! ([`ScheduleInput`]) and the core builds the schedule from it, every problem at its field;
//! the lines are the invoice editor's. It shows the next invoice as it will be made, filled in
//! by the core, and says when saving will make drafts for dates already past. An edit applies
//! to the invoices not made yet (`recurring::edit`).

use crate::components::editor::{LineEditor, LineForm, LineOwner, LinesContext, MethodChoice};
use crate::components::forms::{CheckedArea, CheckedField, Problems};
use crate::components::invoicing::fields::{self, Check};
use crate::components::invoicing::totals::TotalsView;
use crate::components::page::Page;
use crate::components::when::When;
use crate::components::with_data::WithData;
use crate::i18n::recurring::{self as words, texts};
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::platform::route::navigate;
use crate::state::use_app;
use crate::storage::new_id;
use crate::storage::recurring::ScheduleOpError;
use crate::storage::OpError;
use cobro_core::draft_input::{self, DraftInput, LineField, EXEMPT};
use cobro_core::recurring;
use cobro_core::recurring_input::{self as input, EndKind, ScheduleInput, Unit};
use cobro_core::validity::{Invalid, Text};
use cobro_core::{usage, AppSettings, Covers, Dataset};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

#[component]
pub(super) fn ScheduleEditor(id: Option<String>, from: Option<String>) -> impl IntoView {
    view! {
        <WithData child=move |data| view! { <EditorForm data=data id=id.clone() from=from.clone() /> } />
    }
}

/// The fields of the form, one signal each (typing in one redraws only it).
#[derive(Clone, Copy)]
struct Fields {
    name: RwSignal<String>,
    client: RwSignal<String>,
    po: RwSignal<String>,
    currency: RwSignal<String>,
    lines: RwSignal<Vec<LineForm>>,
    withholding: RwSignal<String>,
    discount: RwSignal<String>,
    early_pct: RwSignal<String>,
    early_days: RwSignal<String>,
    methods: RwSignal<Vec<String>>,
    notes: RwSignal<String>,
    every: RwSignal<String>,
    unit: RwSignal<Unit>,
    day: RwSignal<String>,
    start: RwSignal<String>,
    end: RwSignal<EndKind>,
    end_count: RwSignal<String>,
    end_date: RwSignal<String>,
    covers: RwSignal<Covers>,
    issue_on_open: RwSignal<bool>,
}

impl Fields {
    fn new(i: ScheduleInput, owner: LineOwner) -> Self {
        Self {
            name: RwSignal::new(i.name),
            client: RwSignal::new(i.client),
            po: RwSignal::new(i.po),
            currency: RwSignal::new(i.currency),
            lines: RwSignal::new(i.lines.iter().map(|l| owner.line(l)).collect()),
            withholding: RwSignal::new(i.withholding),
            discount: RwSignal::new(i.discount),
            early_pct: RwSignal::new(i.early_pct),
            early_days: RwSignal::new(i.early_days),
            methods: RwSignal::new(i.methods),
            notes: RwSignal::new(i.notes),
            every: RwSignal::new(i.every),
            unit: RwSignal::new(i.unit),
            day: RwSignal::new(i.day),
            start: RwSignal::new(i.start),
            end: RwSignal::new(i.end),
            end_count: RwSignal::new(i.end_count),
            end_date: RwSignal::new(i.end_date),
            covers: RwSignal::new(i.covers),
            issue_on_open: RwSignal::new(i.issue_on_open),
        }
    }

    /// Everything typed (tracked).
    fn input(&self) -> ScheduleInput {
        ScheduleInput {
            name: self.name.get(),
            client: self.client.get(),
            po: self.po.get(),
            currency: self.currency.get(),
            lines: self.lines.get().iter().map(LineForm::input).collect(),
            withholding: self.withholding.get(),
            discount: self.discount.get(),
            early_pct: self.early_pct.get(),
            early_days: self.early_days.get(),
            methods: self.methods.get(),
            notes: self.notes.get(),
            every: self.every.get(),
            unit: self.unit.get(),
            day: self.day.get(),
            start: self.start.get(),
            end: self.end.get(),
            end_count: self.end_count.get(),
            end_date: self.end_date.get(),
            covers: self.covers.get(),
            issue_on_open: self.issue_on_open.get(),
        }
    }
}

fn unit_value(u: Unit) -> &'static str {
    match u {
        Unit::Weeks => "weeks",
        Unit::Months => "months",
    }
}

fn end_value(e: EndKind) -> &'static str {
    match e {
        EndKind::Never => "never",
        EndKind::After => "after",
        EndKind::On => "on",
    }
}

fn covers_value(c: Covers) -> &'static str {
    match c {
        Covers::Advance => "advance",
        Covers::Arrears => "arrears",
    }
}

/// The path of the record field a line's field is checked at (an exemption's reason is the
/// VAT treatment's).
fn line_path(line: usize, field: LineField, exempt: bool) -> Option<String> {
    let key = match field {
        LineField::Description => "description",
        LineField::Quantity => "quantity",
        LineField::UnitPrice => "unit_price",
        LineField::Discount => "discount_pct",
        LineField::Vat if !exempt => "vat",
        LineField::Reason if exempt => "vat",
        LineField::Vat | LineField::Reason => return None,
    };
    Some(format!("lines[{line}].{key}"))
}

#[component]
fn EditorForm(data: Arc<Dataset>, id: Option<String>, from: Option<String>) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let lang0 = i18n.lang.get_untracked();
    let t0 = texts(lang0);
    let (today, opened) = (clock::today(), clock::now());
    let existing = id
        .as_ref()
        .and_then(|id| data.recurring.iter().find(|s| &s.id == id).cloned());
    if id.is_some() && existing.is_none() {
        return view! {
            <Page title=Signal::derive(move || t().edit_title) id="recurring-edit">
                <p class="form-error" role="alert" id="schedule-not-found">{t0.not_found}</p>
                <a href="#/recurring">{t0.back}</a>
            </Page>
        }
        .into_any();
    }
    let is_new = existing.is_none();
    let base = existing.clone().unwrap_or_else(|| {
        let source = from
            .as_ref()
            .and_then(|inv| data.invoices.iter().find(|i| &i.id == inv));
        match source {
            Some(inv) => {
                let client = data
                    .clients
                    .iter()
                    .find(|c| c.id == inv.client_id)
                    .map(|c| c.legal_name.clone())
                    .unwrap_or_default();
                recurring::from_invoice(inv, new_id(), client, opened)
            }
            None => input::new_schedule(&data.settings, today, new_id(), opened),
        }
    });
    let owner = LineOwner::current();
    let f = Fields::new(ScheduleInput::from_schedule(&base, lang0), owner);
    let old = StoredValue::new(existing);
    let base = StoredValue::new(base);

    // Pickers leave archived records out, except those this schedule already names.
    let keep_client = f.client.get_untracked();
    let keep_items: Vec<String> = f
        .lines
        .with_untracked(|ls| ls.iter().map(|l| l.item.get_untracked()).collect());
    let clients = Memo::new(move |_| {
        app.read(|d| {
            usage::pickable(&d.clients, Some(&keep_client))
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let items = Signal::derive(move || {
        app.read(|d| {
            d.items
                .iter()
                .filter(|i| !i.archived || keep_items.contains(&i.id))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let default_vat = Signal::derive(move || {
        app.read(|d| Some(d.settings.default_vat.clone()))
            .unwrap_or_else(|| AppSettings::default().default_vat)
    });

    // The schedule the core builds from what is typed, or every problem at its field.
    let built = Memo::new(move |_| {
        let typed = f.input();
        base.with_value(|b| old.with_value(|o| typed.build(b, o.as_ref(), opened, today)))
    });
    // Problems show from the first attempt to save on, following every change after it.
    let problems = Problems::new();
    let attempted = RwSignal::new(false);
    Effect::new(move |_| {
        let found = built.with(|b| b.as_ref().err().cloned());
        if attempted.get() {
            problems.show(found.unwrap_or(Invalid(Vec::new())));
        }
    });
    // All of them in a sentence each under the form, labelled by field.
    let summary = Memo::new(move |_| {
        if !attempted.get() {
            return None;
        }
        let lang = i18n.lang.get();
        built.with(|b| b.as_ref().err().map(|e| crate::i18n::problems::invalid(e, lang)))
    });
    // The totals of the lines as typed, whatever else is missing.
    let live = Memo::new(move |_| {
        draft_input::live_totals(&DraftInput {
            lines: f.lines.get().iter().map(LineForm::input).collect(),
            currency: f.currency.get(),
            withholding: f.withholding.get(),
            discount: f.discount.get(),
            ..DraftInput::default()
        })
    });
    let currency = Signal::derive(move || f.currency.get().trim().to_uppercase());
    // What the schedule will be once saved (an edit keeps its count and cursor).
    let effective = move || {
        built.get().ok().map(|s| match old.get_value() {
            Some(old) => recurring::edit(&old, &s, today, opened),
            None => s,
        })
    };
    let preview = Memo::new(move |_| {
        let s = effective()?;
        let next = recurring::next_date(&s)?;
        let c = clients.with(|cs| cs.iter().find(|c| c.id == s.client_id).cloned())?;
        Some(recurring::make_draft(&s, &c, next, opened))
    });
    // What saving makes at once (a schedule years in the past makes the rest at the next run).
    let past = Memo::new(move |_| {
        effective().map_or(0, |s| recurring::due(&s, today).len().min(recurring::MAX_PER_RUN))
    });

    let busy = RwSignal::new(false);
    let focus_first_problem = move || {
        request_animation_frame(|| {
            let first = web_sys::window().and_then(|w| w.document()).and_then(|d| {
                d.query_selector("#schedule-form [aria-invalid=\"true\"]")
                    .ok()
                    .flatten()
            });
            if let Some(el) =
                first.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
            {
                let _ = el.focus();
            }
        });
    };
    let save = move |_| {
        attempted.set(true);
        let lang = i18n.lang.get_untracked();
        let s = match built.get_untracked() {
            Ok(s) => s,
            Err(invalid) => {
                problems.show(invalid);
                focus_first_problem();
                return;
            }
        };
        busy.set(true);
        spawn_local(async move {
            let result = async {
                let db = app
                    .db()
                    .await
                    .map_err(|e| ScheduleOpError::Op(OpError::Storage(e)))?;
                db.save_schedule(&s, clock::today(), clock::now()).await
            }
            .await;
            match result {
                Ok(_) => {
                    // Dates already past make their drafts now, not at the next opening.
                    super::opening::catch_up(app);
                    navigate("#/recurring");
                }
                Err(ScheduleOpError::Op(OpError::Invalid(found))) => problems.show(found),
                Err(e) => problems.fail(words::op_error(&e, lang)),
            }
            busy.try_set(false);
        });
    };
    let on_client = move |ev| {
        let cid = event_target_value(&ev);
        if let Some(c) = clients.with_untracked(|cs| cs.iter().find(|c| c.id == cid).cloned()) {
            f.currency.set(c.currency.clone());
            if !c.preferred_payment_method_ids.is_empty() {
                f.methods.set(c.preferred_payment_method_ids.clone());
            }
            if f.name.get_untracked().trim().is_empty() {
                f.name.set(c.legal_name.clone());
            }
        }
        f.client.set(cid);
        problems.forget("client_id");
    };
    let on_unit = move |ev| {
        let unit = if event_target_value(&ev) == unit_value(Unit::Weeks) {
            Unit::Weeks
        } else {
            Unit::Months
        };
        f.unit.set(unit);
    };
    let on_day = move |ev| {
        f.day.set(event_target_value(&ev));
        problems.forget(input::DAY);
    };
    let on_end = move |ev| {
        let value = event_target_value(&ev);
        let end = [EndKind::After, EndKind::On]
            .into_iter()
            .find(|e| end_value(*e) == value)
            .unwrap_or(EndKind::Never);
        f.end.set(end);
        problems.forget("end");
    };
    let on_covers = move |ev| {
        let covers = if event_target_value(&ev) == covers_value(Covers::Arrears) {
            Covers::Arrears
        } else {
            Covers::Advance
        };
        f.covers.set(covers);
    };
    let title = if is_new {
        Signal::derive(move || t().new_title)
    } else {
        Signal::derive(move || t().edit_title)
    };
    let tr = |pick: fn(&invoicing::T) -> &'static str| fields::tr(pick);
    let tw = move |pick: fn(&words::T) -> &'static str| Signal::derive(move || pick(texts(i18n.lang.get())));
    let cx = LinesContext {
        owner,
        lines: f.lines,
        items,
        default_vat,
        problem: Callback::new(move |(line, field): (usize, LineField)| {
            let exempt = f
                .lines
                .with(|ls| ls.get(line).is_some_and(|l: &LineForm| l.vat.get() == EXEMPT));
            problems.at(&line_path(line, field, exempt)?)
        }),
        amounts: Signal::derive(move || live.with(|t| t.as_ref().map(|t| t.line_amounts.clone()))),
        currency,
    };
    let totals = Signal::derive(move || live.get().ok_or_else(String::new));
    // A select with the core's problems at `path` under it (as `CheckedField` shows them).
    let select_problem = move |path: &'static str, id: &'static str| {
        move || {
            problems
                .at(path)
                .map(|m| view! { <span class="field-error" role="alert" id=format!("{id}-error")>{m}</span> })
        }
    };

    view! {
        <Page title=title id="recurring-edit">
            <form class="form schedule-form" id="schedule-form" on:submit=|ev| ev.prevent_default() novalidate>
                <When when=move || !is_new>
                    <p class="hint" id="edit-future">{move || t().edit_future}</p>
                </When>
                <fieldset>
                    <CheckedField label=tw(|t| t.name) value=f.name id="sch-name" path="name" problems=problems limit=Text::Name />
                    <label class="field wide" class:invalid=move || problems.has("client_id")>
                        <span class="field-label">{tr(|t| t.client)}</span>
                        <select
                            id="sch-client"
                            on:change=on_client
                            aria-invalid=move || problems.has("client_id").to_string()
                            aria-describedby="sch-client-error"
                        >
                            <option value="">{tr(|t| t.choose_client)}</option>
                            {move || {
                                clients
                                    .get()
                                    .into_iter()
                                    .map(|c| {
                                        let cid = c.id.clone();
                                        view! {
                                            <option value=c.id.clone() prop:selected=move || f.client.get() == cid>
                                                {c.legal_name.clone()}
                                            </option>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </select>
                        {select_problem("client_id", "sch-client")}
                    </label>
                    <CheckedField label=tr(|t| t.po_number) value=f.po id="sch-po" path="po_number" problems=problems limit=Text::Reference />
                    <CheckedField label=tr(|t| t.currency) value=f.currency id="sch-currency" path="currency" problems=problems />
                </fieldset>
                <fieldset class="schedule-when" id="sch-when">
                    <legend>{move || t().col_every}</legend>
                    <CheckedField label=tw(|t| t.repeat_every) value=f.every id="sch-every" inputmode="numeric" path=input::EVERY problems=problems />
                    <label class="field">
                        <span class="field-label">{move || t().unit}</span>
                        <select id="sch-unit" on:change=on_unit>
                            {[Unit::Months, Unit::Weeks]
                                .map(|u| {
                                    let label = move || match u {
                                        Unit::Months => t().unit_months,
                                        Unit::Weeks => t().unit_weeks,
                                    };
                                    view! { <option value=unit_value(u) prop:selected=move || f.unit.get() == u>{label}</option> }
                                })}
                        </select>
                    </label>
                    <When when=move || f.unit.get() == Unit::Months>
                        <label class="field" class:invalid=move || problems.has(input::DAY)>
                            <span class="field-label">{move || t().day_of_month}</span>
                            <select
                                id="sch-day"
                                aria-invalid=move || problems.has(input::DAY).to_string()
                                aria-describedby="sch-day-error"
                                on:change=on_day
                            >
                                {(1..=31)
                                    .map(|d: u8| {
                                        let (value, label, v2) = (d.to_string(), d.to_string(), d.to_string());
                                        view! { <option value=value prop:selected=move || f.day.get() == v2>{label}</option> }
                                    })
                                    .collect_view()}
                                <option value=input::LAST_DAY prop:selected=move || f.day.get() == input::LAST_DAY>
                                    {move || t().last_day}
                                </option>
                            </select>
                            {select_problem(input::DAY, "sch-day")}
                        </label>
                    </When>
                    <CheckedField label=tw(|t| t.start) value=f.start id="sch-start" kind="date" path="start" problems=problems />
                    <label class="field">
                        <span class="field-label">{move || t().ends}</span>
                        <select id="sch-end" on:change=on_end>
                            {[EndKind::Never, EndKind::After, EndKind::On]
                                .map(|e| {
                                    let label = move || match e {
                                        EndKind::Never => t().end_never,
                                        EndKind::After => t().end_after,
                                        EndKind::On => t().end_on,
                                    };
                                    view! { <option value=end_value(e) prop:selected=move || f.end.get() == e>{label}</option> }
                                })}
                        </select>
                    </label>
                    <When when=move || f.end.get() == EndKind::After>
                        <CheckedField label=tw(|t| t.end_count) value=f.end_count id="sch-end-count" inputmode="numeric" path="end" problems=problems />
                    </When>
                    <When when=move || f.end.get() == EndKind::On>
                        <CheckedField label=tw(|t| t.end_date) value=f.end_date id="sch-end-date" kind="date" path="end" problems=problems />
                    </When>
                    <label class="field wide">
                        <span class="field-label">{move || t().covers}</span>
                        <select id="sch-covers" on:change=on_covers>
                            {[Covers::Advance, Covers::Arrears]
                                .map(|c| {
                                    let label = move || match c {
                                        Covers::Advance => t().covers_advance,
                                        Covers::Arrears => t().covers_arrears,
                                    };
                                    view! { <option value=covers_value(c) prop:selected=move || f.covers.get() == c>{label}</option> }
                                })}
                        </select>
                    </label>
                    <div class="wide">
                        <Check label=tw(|t| t.issue_on_open) value=f.issue_on_open id="sch-issue-on-open" />
                        <p class="muted small">{move || t().issue_on_open_hint}</p>
                    </div>
                </fieldset>
                <p class="hint" id="placeholders-hint">{move || t().placeholders_hint}</p>
                <LineEditor cx=cx />
                // The lines as a whole (none, amounts too large to compute).
                {move || problems.at("lines").map(|m| view! { <p class="field-error" role="alert" id="lines-error" data-path="lines">{m}</p> })}
                <fieldset class="adjustments">
                    <CheckedField label=tr(|t| t.withholding_pct) value=f.withholding id="sch-withholding" inputmode="decimal" path="withholding_pct" problems=problems />
                    <CheckedField label=tr(|t| t.invoice_discount_pct) value=f.discount id="sch-discount" inputmode="decimal" path="invoice_discount_pct" problems=problems />
                    <CheckedField label=tr(|t| t.early_pct) value=f.early_pct id="sch-early-pct" inputmode="decimal" path="early_payment.discount_pct" problems=problems />
                    <CheckedField label=tr(|t| t.early_days) value=f.early_days id="sch-early-days" inputmode="numeric" path="early_payment.within_days" problems=problems />
                </fieldset>
                <MethodChoice chosen=f.methods id="sch-methods" legend=tr(|t| t.payment_methods) />
                <CheckedArea label=tr(|t| t.notes) value=f.notes id="sch-notes" path="notes" problems=problems limit=Text::Note />
                <section class="schedule-preview" id="schedule-preview" aria-live="polite">
                    <h2>{move || t().preview}</h2>
                    {move || preview.get().map(|inv| {
                        let lang = i18n.lang.get();
                        view! {
                            <p data-field="next-date"><strong>{words::date(inv.issue_date, lang)}</strong></p>
                            <ul class="preview-lines">
                                {inv.lines.iter().map(|l| view! { <li>{l.description.clone()}</li> }).collect_view()}
                            </ul>
                            {(!inv.notes.trim().is_empty()).then(|| view! { <p class="muted">{inv.notes.clone()}</p> })}
                        }
                    })}
                    <When when=move || live.with(Option::is_some)>
                        <TotalsView totals=totals currency=currency />
                    </When>
                </section>
                <When when=move || past.get() != 0>
                    <p class="hint" id="past-dates">{move || t().past_dates.replace("{n}", &past.get().to_string())}</p>
                </When>
                {move || {
                    problems
                        .failure()
                        .or_else(|| summary.get())
                        .map(|text| view! { <p class="form-error" role="alert" id="schedule-error">{text}</p> })
                }}
                <div class="actions">
                    <button type="button" id="save-schedule" on:click=save disabled=move || busy.get()>
                        {move || t().save}
                    </button>
                    <a class="button secondary" href="#/recurring">{move || t().back}</a>
                </div>
            </form>
        </Page>
    }
    .into_any()
}
