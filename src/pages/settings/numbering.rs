//! Numbering series of invoices, credit notes and quotes: format until first use,
//! and continuing from another tool.

use crate::components::invoicing::fields::{self, tr, Check, Field};
use crate::i18n::{invoicing, use_i18n};
use crate::platform::clock;
use crate::state::use_app;
use chrono::Datelike;
use cobro_core::numbering;
use cobro_core::{DocKind, Lang, NumberingSeries};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The three numbering series (invoices, credit notes, quotes), each editable
/// until it numbers its first document.
#[component]
pub(super) fn Numbering() -> impl IntoView {
    let app = use_app();
    // Here, not in each form: saving reloads the data, which rebuilds the forms.
    let message = RwSignal::new(None::<(DocKind, Result<String, String>)>);
    view! {
        <section class="numbering-settings" id="numbering">
            <h2>{tr(|t| t.numbering)}</h2>
            <p class="hint">{tr(|t| t.numbering_intro)}</p>
            {move || {
                let all = app.read(|d| d.series.clone());
                [DocKind::Invoice, DocKind::CreditNote, DocKind::Quote]
                    .into_iter()
                    .filter_map(|kind| all.iter().find(|s| s.kind == kind).cloned())
                    .map(|series| view! { <SeriesForm series=series message=message /> })
                    .collect_view()
            }}
        </section>
    }
}

#[component]
fn SeriesForm(
    series: NumberingSeries,
    message: RwSignal<Option<(DocKind, Result<String, String>)>>,
) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let year = clock::today().year();
    let locked = numbering::series_in_use(&series);
    let key = if series.yearly_reset { year } else { 0 };
    let next_locked =
        series.last.get(&key).copied().unwrap_or(0) > series.carried_over.get(&key).copied().unwrap_or(0);
    let (name, slug): (fn(&invoicing::T) -> &'static str, &str) = match series.kind {
        DocKind::Invoice => (|t| t.series_invoices, "invoice"),
        DocKind::CreditNote => (|t| t.series_credit_notes, "credit-note"),
        DocKind::Quote => (|t| t.series_quotes, "quote"),
    };
    let prefix = RwSignal::new(series.prefix.clone());
    let include_year = RwSignal::new(series.include_year);
    let separator = RwSignal::new(series.separator.clone());
    let digits = RwSignal::new(series.padding.to_string());
    let yearly_reset = RwSignal::new(series.yearly_reset);
    let next = RwSignal::new(
        series
            .last
            .get(&key)
            .copied()
            .unwrap_or(0)
            .saturating_add(1)
            .to_string(),
    );
    let kind = series.kind;
    let id = series.id.clone();
    let current = StoredValue::new(series);
    let inputs = move |lang: Lang| -> Result<(numbering::SeriesFormat, u32), String> {
        let t = invoicing::texts(lang);
        let padding = fields::series_count::<u8>(t.series_digits, &digits.get(), lang)?;
        let next = fields::series_count::<u32>(t.series_next, &next.get(), lang)?;
        let format = numbering::SeriesFormat {
            prefix: prefix.get(),
            include_year: include_year.get(),
            separator: separator.get(),
            padding,
            yearly_reset: yearly_reset.get(),
        };
        Ok((format, next))
    };
    // The preview asks the core exactly as saving will (other series unchanged).
    let preview = move || {
        let lang = i18n.lang.get();
        let (format, next) = inputs(lang).ok()?;
        let others = app.read(|d| d.series.clone());
        let s = current
            .with_value(|s| numbering::edit_series(s, &others, format, Some((year, next)), clock::now()));
        s.ok().map(|s| numbering::peek_next(&s, year))
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let (format, next) = match untrack(|| inputs(lang)) {
            Ok(v) => v,
            Err(e) => {
                message.set(Some((kind, Err(e))));
                return;
            }
        };
        let id = id.clone();
        spawn_local(async move {
            let result = async {
                let db = app.db().await.map_err(|e| e.to_string())?;
                db.edit_series(&id, format, Some((year, next)), clock::now())
                    .await
                    .map_err(|e| invoicing::op_error(&e, lang))
            }
            .await;
            match result {
                Ok(_) => {
                    message.try_set(Some((kind, Ok(invoicing::texts(lang).saved.into()))));
                }
                Err(e) => {
                    message.try_set(Some((kind, Err(e))));
                }
            }
        });
    };
    view! {
        <form class="form series-form" id=format!("series-{slug}") data-series=slug on:submit=save novalidate>
            <fieldset>
                <legend>{tr(name)}</legend>
                {locked.then(|| view! { <p class="hint wide series-locked">{tr(|t| t.series_locked)}</p> })}
                <Field label=tr(|t| t.series_prefix) value=prefix disabled=locked />
                <Field label=tr(|t| t.series_separator) value=separator disabled=locked />
                <Field label=tr(|t| t.series_digits) value=digits inputmode="numeric" disabled=locked />
                <Field label=tr(|t| t.series_next) value=next inputmode="numeric" disabled=next_locked />
                <Check label=tr(|t| t.series_include_year) value=include_year disabled=locked />
                <Check label=tr(|t| t.series_yearly_reset) value=yearly_reset disabled=locked />
                <p class="wide series-preview" role="status">
                    {tr(|t| t.series_preview)} ": " <strong class="series-next">{preview}</strong>
                </p>
                {move || message.get().filter(|(k, _)| *k == kind).map(|(_, m)| match m {
                    Ok(text) => view! { <p class="save-state wide" role="status">{text}</p> }.into_any(),
                    Err(text) => view! { <p class="form-error wide" role="alert">{text}</p> }.into_any(),
                })}
                <div class="actions wide">
                    <button type="submit" disabled=locked && next_locked>{tr(|t| t.save)}</button>
                </div>
            </fieldset>
        </form>
    }
}
