//! Numbering series of invoices, credit notes and quotes: format until first use,
//! and continuing from another tool. The core reads the form (`SeriesInput`), so the
//! preview and the save ask it the same question and its problems show at their fields.

use crate::components::forms::{save_form, CheckedField, Problems, SaveOutcome};
use crate::components::invoicing::fields::{tr, Check};
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::state::use_app;
use crate::storage::OpError;
use chrono::Datelike;
use cobro_core::forms::{series_problem, SeriesInput};
use cobro_core::numbering;
use cobro_core::validity::Invalid;
use cobro_core::{DocKind, NumberingSeries};
use leptos::prelude::*;

/// The three numbering series (invoices, credit notes, quotes), each editable
/// until it numbers its first document.
#[component]
pub(super) fn Numbering() -> impl IntoView {
    let app = use_app();
    // Here, not in each form: saving reloads the data, which rebuilds the forms.
    let saved = [(); 3].map(|()| RwSignal::new(None::<String>));
    view! {
        <section class="numbering-settings" id="numbering">
            <h2>{tr(|t| t.numbering)}</h2>
            <p class="hint">{tr(|t| t.numbering_intro)}</p>
            {move || {
                let all = app.read(|d| d.series.clone());
                [DocKind::Invoice, DocKind::CreditNote, DocKind::Quote]
                    .into_iter()
                    .zip(saved)
                    .filter_map(|(kind, saved)| all.iter().find(|s| s.kind == kind).cloned().map(|s| (s, saved)))
                    .map(|(series, saved)| view! { <SeriesForm series=series saved=saved /> })
                    .collect_view()
            }}
        </section>
    }
}

#[component]
fn SeriesForm(series: NumberingSeries, saved: RwSignal<Option<String>>) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let year = clock::today().year();
    let locked = numbering::series_in_use(&series);
    let next_locked = !SeriesInput::next_open(&series, year);
    type Name = fn(&invoicing::T) -> &'static str;
    let (name, slug, error_id, saved_id): (Name, &'static str, &'static str, &'static str) = match series.kind
    {
        DocKind::Invoice => (
            |t| t.series_invoices,
            "invoice",
            "series-invoice-error",
            "series-invoice-saved",
        ),
        DocKind::CreditNote => (
            |t| t.series_credit_notes,
            "credit-note",
            "series-credit-note-error",
            "series-credit-note-saved",
        ),
        DocKind::Quote => (
            |t| t.series_quotes,
            "quote",
            "series-quote-error",
            "series-quote-saved",
        ),
    };
    let input0 = SeriesInput::from_series(&series, year);
    let prefix = RwSignal::new(input0.prefix);
    let separator = RwSignal::new(input0.separator);
    let digits = RwSignal::new(input0.digits);
    let next = RwSignal::new(input0.next);
    let include_year = RwSignal::new(input0.include_year);
    let yearly_reset = RwSignal::new(input0.yearly_reset);
    let problems = Problems::new();
    let id = series.id.clone();
    let current = StoredValue::new(series);
    let input = move || SeriesInput {
        prefix: prefix.get(),
        separator: separator.get(),
        digits: digits.get(),
        next: next.get(),
        include_year: include_year.get(),
        yearly_reset: yearly_reset.get(),
    };
    // The preview asks the core exactly as saving will (the other series as stored now).
    let preview = move || {
        let input = input();
        let others = app.read(|d| d.series.clone());
        let edit = current
            .with_value(|s| input.build(s, &others, year, clock::now()))
            .ok()?;
        Some(numbering::peek_next(&edit.edited, year))
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        saved.set(None);
        let others = app.read(|d| d.series.clone());
        let edit = match untrack(|| current.with_value(|s| input().build(s, &others, year, clock::now()))) {
            Ok(edit) => {
                problems.clear();
                edit
            }
            Err(invalid) => {
                problems.show(invalid);
                return;
            }
        };
        let id = id.clone();
        save_form(
            app,
            problems,
            lang,
            move |db| async move {
                // What storage refuses (another tab numbered meanwhile) is said at its field too.
                match db
                    .edit_series(&id, edit.format, Some(edit.next), clock::now())
                    .await
                {
                    Ok(_) => Ok(()),
                    Err(OpError::Series(e)) => Err(OpError::Invalid(Invalid(vec![series_problem(e)]))),
                    Err(e) => Err(e),
                }
            },
            move || {
                saved.try_set(Some(invoicing::texts(lang).saved.into()));
            },
        );
    };
    let field_id = move |field: &str| format!("series-{slug}-{field}");
    view! {
        <form class="form series-form" id=format!("series-{slug}") data-series=slug on:submit=save novalidate>
            <fieldset>
                <legend>{tr(name)}</legend>
                {locked.then(|| view! { <p class="hint wide series-locked">{tr(|t| t.series_locked)}</p> })}
                <CheckedField label=tr(|t| t.series_prefix) value=prefix id=field_id("prefix") path="prefix" problems=problems disabled=locked />
                <CheckedField label=tr(|t| t.series_separator) value=separator id=field_id("separator") path="separator" problems=problems disabled=locked />
                <CheckedField label=tr(|t| t.series_digits) value=digits id=field_id("digits") path="padding" problems=problems inputmode="numeric" disabled=locked />
                <CheckedField label=tr(|t| t.series_next) value=next id=field_id("next") path="next" problems=problems inputmode="numeric" disabled=next_locked />
                <Check label=tr(|t| t.series_include_year) value=include_year disabled=locked />
                <Check label=tr(|t| t.series_yearly_reset) value=yearly_reset disabled=locked />
                <p class="wide series-preview" role="status">
                    {tr(|t| t.series_preview)} ": " <strong class="series-next">{preview}</strong>
                </p>
                <div class="wide">
                    <SaveOutcome problems=problems saved=saved error_id=error_id saved_id=saved_id />
                </div>
                <div class="actions wide">
                    <button type="submit" disabled=locked && next_locked>{tr(|t| t.save)}</button>
                </div>
            </fieldset>
        </form>
    }
}
