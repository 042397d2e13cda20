//! The schedule editor: the invoice to make (client, lines with period placeholders, terms,
//! payment methods, notes) and when (every N weeks or months, the day of the month, start,
//! end, the period each bills, issuing on opening). It shows the next invoice as it will be
//! made, filled in by the core, and says when saving will make drafts for dates already past.
//! An edit applies to the invoices not made yet (`recurring::edit`).

use super::lines::{parse_lines, LineEditor, LineForm};
use crate::components::forms::{CheckedArea, CheckedField, Problems};
use crate::components::invoicing::fields::{self, Check, Field};
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
use chrono::Datelike;
use cobro_core::recurring::{self};
use cobro_core::validity::{self, Invalid, Text};
use cobro_core::{
    AppSettings, Covers, Dataset, EarlyPaymentTerms, Line, MonthDay, MonthlyRule, RecurringSchedule, Repeat,
    ScheduleEnd,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;
use std::sync::Arc;

#[component]
pub(super) fn ScheduleEditor(id: Option<String>, from: Option<String>) -> impl IntoView {
    view! {
        <WithData child=move |data| view! { <EditorForm data=data id=id.clone() from=from.clone() /> } />
    }
}

/// A blank schedule with the app's defaults: monthly on the 1st from next month.
fn blank(settings: &AppSettings, today: chrono::NaiveDate) -> RecurringSchedule {
    let start = today
        .with_day(1)
        .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
        .unwrap_or(today);
    RecurringSchedule {
        id: new_id(),
        name: String::new(),
        client_id: String::new(),
        series_id: settings.invoice_series_id.clone().unwrap_or_default(),
        po_number: String::new(),
        currency: settings.default_currency.clone(),
        lines: vec![Line {
            item_id: None,
            description: String::new(),
            quantity: Decimal::ONE,
            unit_price: Decimal::ZERO,
            discount_pct: Decimal::ZERO,
            vat: settings.default_vat.clone(),
        }],
        withholding_pct: settings.default_withholding_pct,
        invoice_discount_pct: Decimal::ZERO,
        early_payment: None,
        payment_method_ids: Vec::new(),
        notes: String::new(),
        repeat: Repeat::Months(MonthlyRule {
            every: 1,
            on: MonthDay::Day(1),
        }),
        start,
        end: ScheduleEnd::Never,
        covers: Covers::Advance,
        paused: false,
        issue_on_open: false,
        made: 0,
        done_through: None,
        updated_at: clock::now(),
    }
}

#[component]
fn EditorForm(data: Arc<Dataset>, id: Option<String>, from: Option<String>) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let t0 = texts(i18n.lang.get_untracked());
    let today = clock::today();
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
                recurring::from_invoice(inv, new_id(), client, clock::now())
            }
            None => blank(&data.settings, today),
        }
    });
    let old = StoredValue::new(existing);

    let pct = |d: Decimal| {
        if d.is_zero() {
            String::new()
        } else {
            fields::show(d)
        }
    };
    let name = RwSignal::new(base.name.clone());
    let client = RwSignal::new(base.client_id.clone());
    let po = RwSignal::new(base.po_number.clone());
    let currency = RwSignal::new(base.currency.clone());
    let withholding = RwSignal::new(pct(base.withholding_pct));
    let discount = RwSignal::new(pct(base.invoice_discount_pct));
    let early_pct = RwSignal::new(
        base.early_payment
            .as_ref()
            .map(|e| fields::show(e.discount_pct))
            .unwrap_or_default(),
    );
    let early_days = RwSignal::new(
        base.early_payment
            .as_ref()
            .map_or_else(|| "10".to_string(), |e| e.within_days.to_string()),
    );
    let notes = RwSignal::new(base.notes.clone());
    let methods = RwSignal::new(base.payment_method_ids.clone());
    let lines = RwSignal::new(base.lines.iter().map(LineForm::from_line).collect::<Vec<_>>());
    let (every0, unit0, day0) = match base.repeat {
        Repeat::Weeks(n) => (n, "weeks", "1".to_string()),
        Repeat::Months(MonthlyRule { every, on }) => (
            every,
            "months",
            match on {
                MonthDay::Day(d) => d.to_string(),
                MonthDay::Last => "last".into(),
            },
        ),
    };
    let every = RwSignal::new(every0.to_string());
    let unit = RwSignal::new(unit0.to_string());
    let day = RwSignal::new(day0);
    let start = RwSignal::new(base.start.to_string());
    let (end0, count0, date0) = match base.end {
        ScheduleEnd::Never => ("never", "12".to_string(), String::new()),
        ScheduleEnd::After(n) => ("after", n.to_string(), String::new()),
        ScheduleEnd::On(d) => ("on", "12".to_string(), d.to_string()),
    };
    let end_kind = RwSignal::new(end0.to_string());
    let end_count = RwSignal::new(count0);
    let end_date = RwSignal::new(date0);
    let covers = RwSignal::new(
        match base.covers {
            Covers::Advance => "advance",
            Covers::Arrears => "arrears",
        }
        .to_string(),
    );
    let issue_on_open = RwSignal::new(base.issue_on_open);
    let base = StoredValue::new(base);

    let clients = Memo::new(move |_| app.read(|d| d.clients.clone()));
    let items = Signal::derive(move || app.read(|d| d.items.clone()));
    let all_methods = Signal::derive(move || app.read(|d| d.payment_methods.clone()));
    let default_vat = Signal::derive(move || {
        app.data
            .with(|d| d.as_ref().map(|d| d.settings.default_vat.clone()))
            .unwrap_or_else(|| AppSettings::default().default_vat)
    });

    let built = Memo::new(move |_| -> Result<RecurringSchedule, String> {
        let lang = i18n.lang.get();
        let ti = invoicing::texts(lang);
        let tr = texts(lang);
        if name.get().trim().is_empty() {
            return Err(tr.need_name.into());
        }
        if client.get().is_empty() {
            return Err(ti.need_client.into());
        }
        let lines = parse_lines(&lines.get(), lang)?;
        let withholding = fields::number_or_zero(ti.withholding_pct, &withholding.get(), lang)?;
        let discount = fields::number_or_zero(ti.invoice_discount_pct, &discount.get(), lang)?;
        let early = if early_pct.get().trim().is_empty() {
            None
        } else {
            Some(EarlyPaymentTerms {
                discount_pct: fields::number(ti.early_pct, &early_pct.get(), lang)?,
                within_days: fields::days(ti.early_days, &early_days.get(), lang)?,
            })
        };
        let n: u32 = every
            .get()
            .trim()
            .parse()
            .map_err(|_| tr.need_every.to_string())?;
        let repeat = if unit.get() == "weeks" {
            Repeat::Weeks(n)
        } else {
            let on = match day.get().as_str() {
                "last" => MonthDay::Last,
                d => MonthDay::Day(d.parse().unwrap_or(1)),
            };
            Repeat::Months(MonthlyRule { every: n, on })
        };
        let start = fields::date(&start.get()).ok_or(tr.need_start)?;
        let end = match end_kind.get().as_str() {
            "after" => ScheduleEnd::After(
                end_count
                    .get()
                    .trim()
                    .parse()
                    .map_err(|_| tr.need_count.to_string())?,
            ),
            "on" => ScheduleEnd::On(fields::date(&end_date.get()).ok_or(tr.need_end_date)?),
            _ => ScheduleEnd::Never,
        };
        let s = RecurringSchedule {
            name: name.get().trim().to_string(),
            client_id: client.get(),
            po_number: po.get().trim().to_string(),
            currency: currency.get().trim().to_uppercase(),
            lines,
            withholding_pct: withholding,
            invoice_discount_pct: discount,
            early_payment: early,
            payment_method_ids: methods.get(),
            notes: notes.get(),
            repeat,
            start,
            end,
            covers: if covers.get() == "arrears" {
                Covers::Arrears
            } else {
                Covers::Advance
            },
            issue_on_open: issue_on_open.get(),
            ..base.get_value()
        };
        // The schedule's own rules are the core's validity's, said at their fields on save.
        Ok(s)
    });
    // What is still wrong, said under the form while typing (the first thing only).
    let invalid = Memo::new(move |_| match built.get() {
        Err(e) => Some(e),
        Ok(s) => recurring::check(&s)
            .first()
            .map(|p| words::problem(p, i18n.lang.get())),
    });
    // What the schedule will be once saved (an edit keeps its count and cursor).
    let effective = move || {
        built.get().ok().map(|s| match old.get_value() {
            Some(old) => recurring::edit(&old, &s, today, clock::now()),
            None => s,
        })
    };
    let preview = Memo::new(move |_| {
        let s = effective()?;
        let next = recurring::next_date(&s)?;
        let c = clients.with(|cs| cs.iter().find(|c| c.id == s.client_id).cloned())?;
        Some(recurring::make_draft(&s, &c, next, clock::now()))
    });
    // What saving makes at once (a schedule years in the past makes the rest at the next run).
    let past = Memo::new(move |_| {
        effective().map_or(0, |s| recurring::due(&s, today).len().min(recurring::MAX_PER_RUN))
    });

    let error = RwSignal::new(None::<String>);
    // Each problem of the last attempt (the core's one validity), shown at its field in the
    // current language.
    let problems = Problems::new();
    let busy = RwSignal::new(false);
    let save = move |_| {
        let lang = i18n.lang.get_untracked();
        let s = match built.get_untracked() {
            Ok(s) => s,
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        // What storage would refuse, said before trying (the same rules it applies).
        let saved = match old.get_value() {
            Some(o) => recurring::edit(&o, &s, today, clock::now()),
            None => s.clone(),
        };
        if let Err(invalid) = validity::check_write(old.get_value().as_ref(), &saved, today) {
            error.set(Some(crate::i18n::problems::invalid(&invalid, lang)));
            problems.show(invalid);
            return;
        }
        error.set(None);
        problems.clear();
        busy.set(true);
        spawn_local(async move {
            let result = async {
                let db = app
                    .db()
                    .await
                    .map_err(|e| (crate::i18n::storage_message(&e, lang), Vec::new()))?;
                db.save_schedule(&s, clock::today(), clock::now())
                    .await
                    .map_err(|e| {
                        let found = match &e {
                            ScheduleOpError::Op(OpError::Invalid(i)) => i.0.clone(),
                            _ => Vec::new(),
                        };
                        (words::op_error(&e, lang), found)
                    })
            }
            .await;
            match result {
                Ok(_) => {
                    // Dates already past make their drafts now, not at the next opening.
                    super::opening::catch_up(app);
                    navigate("#/recurring");
                }
                Err((e, found)) => {
                    error.try_set(Some(e));
                    problems.show(Invalid(found));
                }
            }
            busy.try_set(false);
        });
    };
    let on_client = move |ev| {
        let cid = event_target_value(&ev);
        if let Some(c) = clients.with_untracked(|cs| cs.iter().find(|c| c.id == cid).cloned()) {
            currency.set(c.currency.clone());
            if !c.preferred_payment_method_ids.is_empty() {
                methods.set(c.preferred_payment_method_ids.clone());
            }
            if name.get_untracked().trim().is_empty() {
                name.set(c.legal_name.clone());
            }
        }
        client.set(cid);
    };
    let title = if is_new {
        Signal::derive(move || t().new_title)
    } else {
        Signal::derive(move || t().edit_title)
    };
    let tr = |pick: fn(&invoicing::T) -> &'static str| fields::tr(pick);
    let tw = move |pick: fn(&words::T) -> &'static str| Signal::derive(move || pick(texts(i18n.lang.get())));

    view! {
        <Page title=title id="recurring-edit">
            <form class="form schedule-form" id="schedule-form" on:submit=|ev| ev.prevent_default()>
                <When when=move || !is_new>
                    <p class="hint" id="edit-future">{move || t().edit_future}</p>
                </When>
                <fieldset>
                    <CheckedField label=tw(|t| t.name) value=name id="sch-name" path="name" problems=problems limit=Text::Name />
                    <label class="field wide">
                        <span class="field-label">{tr(|t| t.client)}</span>
                        <select id="sch-client" on:change=on_client>
                            <option value="">{tr(|t| t.choose_client)}</option>
                            {move || {
                                clients
                                    .get()
                                    .into_iter()
                                    .map(|c| {
                                        let cid = c.id.clone();
                                        view! {
                                            <option value=c.id.clone() prop:selected=move || client.get() == cid>
                                                {c.legal_name.clone()}
                                            </option>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </select>
                    </label>
                    <CheckedField label=tr(|t| t.po_number) value=po id="sch-po" path="po_number" problems=problems limit=Text::Reference />
                    <CheckedField label=tr(|t| t.currency) value=currency id="sch-currency" path="currency" problems=problems />
                </fieldset>
                <fieldset class="schedule-when" id="sch-when">
                    <legend>{move || t().col_every}</legend>
                    <CheckedField label=tw(|t| t.repeat_every) value=every id="sch-every" inputmode="numeric" path="repeat" problems=problems />
                    <label class="field">
                        <span class="field-label">{move || t().unit}</span>
                        <select id="sch-unit" on:change=move |ev| unit.set(event_target_value(&ev))>
                            <option value="months" prop:selected=move || unit.get() == "months">{move || t().unit_months}</option>
                            <option value="weeks" prop:selected=move || unit.get() == "weeks">{move || t().unit_weeks}</option>
                        </select>
                    </label>
                    <When when=move || unit.get() == "months">
                        <label class="field">
                            <span class="field-label">{move || t().day_of_month}</span>
                            <select id="sch-day" on:change=move |ev| day.set(event_target_value(&ev))>
                                {(1..=31)
                                    .map(|d: u8| {
                                        let (value, label, v2) = (d.to_string(), d.to_string(), d.to_string());
                                        view! { <option value=value prop:selected=move || day.get() == v2>{label}</option> }
                                    })
                                    .collect_view()}
                                <option value="last" prop:selected=move || day.get() == "last">{move || t().last_day}</option>
                            </select>
                        </label>
                    </When>
                    <CheckedField label=tw(|t| t.start) value=start id="sch-start" kind="date" path="start" problems=problems />
                    <label class="field">
                        <span class="field-label">{move || t().ends}</span>
                        <select id="sch-end" on:change=move |ev| end_kind.set(event_target_value(&ev))>
                            <option value="never" prop:selected=move || end_kind.get() == "never">{move || t().end_never}</option>
                            <option value="after" prop:selected=move || end_kind.get() == "after">{move || t().end_after}</option>
                            <option value="on" prop:selected=move || end_kind.get() == "on">{move || t().end_on}</option>
                        </select>
                    </label>
                    <When when=move || end_kind.get() == "after">
                        <CheckedField label=tw(|t| t.end_count) value=end_count id="sch-end-count" inputmode="numeric" path="end" problems=problems />
                    </When>
                    <When when=move || end_kind.get() == "on">
                        <CheckedField label=tw(|t| t.end_date) value=end_date id="sch-end-date" kind="date" path="end" problems=problems />
                    </When>
                    <label class="field wide">
                        <span class="field-label">{move || t().covers}</span>
                        <select id="sch-covers" on:change=move |ev| covers.set(event_target_value(&ev))>
                            <option value="advance" prop:selected=move || covers.get() == "advance">{move || t().covers_advance}</option>
                            <option value="arrears" prop:selected=move || covers.get() == "arrears">{move || t().covers_arrears}</option>
                        </select>
                    </label>
                    <div class="wide">
                        <Check label=tw(|t| t.issue_on_open) value=issue_on_open id="sch-issue-on-open" />
                        <p class="muted small">{move || t().issue_on_open_hint}</p>
                    </div>
                </fieldset>
                <p class="hint" id="placeholders-hint">{move || t().placeholders_hint}</p>
                <LineEditor lines=lines items=items default_vat=default_vat />
                // The lines' problems (the line editor has no place for them at each field).
                {move || {
                    let lang = i18n.lang.get();
                    let n = lines.with(Vec::len);
                    std::iter::once("lines".to_string())
                        .chain((0..n).map(|i| format!("lines[{i}].description")))
                        .filter_map(|path| {
                            let said = problems.at(&path)?;
                            let text = match crate::i18n::problems::field_label(&path, lang) {
                                Some(label) => format!("{label}: {said}"),
                                None => said,
                            };
                            Some(view! { <p class="field-error" role="alert" data-path=path>{text}</p> })
                        })
                        .collect_view()
                }}
                <fieldset class="adjustments">
                    <Field label=tr(|t| t.withholding_pct) value=withholding id="sch-withholding" inputmode="decimal" />
                    <Field label=tr(|t| t.invoice_discount_pct) value=discount id="sch-discount" inputmode="decimal" />
                    <Field label=tr(|t| t.early_pct) value=early_pct id="sch-early-pct" inputmode="decimal" />
                    <Field label=tr(|t| t.early_days) value=early_days id="sch-early-days" inputmode="numeric" />
                </fieldset>
                <fieldset class="methods" id="sch-methods">
                    <legend>{tr(|t| t.payment_methods)}</legend>
                    {move || {
                        all_methods
                            .get()
                            .into_iter()
                            .map(|m| {
                                let id = m.id.clone();
                                let id2 = m.id.clone();
                                let toggle = move |ev| {
                                    let on = event_target_checked(&ev);
                                    let id = id2.clone();
                                    methods.update(|v| {
                                        v.retain(|x| *x != id);
                                        if on {
                                            v.push(id);
                                        }
                                    });
                                };
                                view! {
                                    <label class="check">
                                        <input
                                            type="checkbox"
                                            data-method=m.id.clone()
                                            prop:checked=move || methods.with(|v| v.contains(&id))
                                            on:change=toggle
                                        />
                                        <span>{m.label.clone()}</span>
                                    </label>
                                }
                            })
                            .collect_view()
                    }}
                </fieldset>
                <CheckedArea label=tr(|t| t.notes) value=notes id="sch-notes" path="notes" problems=problems limit=Text::Note />
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
                </section>
                <When when=move || past.get() != 0>
                    <p class="hint" id="past-dates">{move || t().past_dates.replace("{n}", &past.get().to_string())}</p>
                </When>
                <When when=move || error.with(Option::is_some)>
                    <p class="form-error" role="alert" id="schedule-error">{move || error.get().unwrap_or_default()}</p>
                </When>
                <When when=move || invalid.with(Option::is_some) && error.with(Option::is_none)>
                    <p class="save-state" id="schedule-invalid">{move || invalid.get().unwrap_or_default()}</p>
                </When>
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
