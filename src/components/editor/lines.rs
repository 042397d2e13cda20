//! The lines of a document being edited: description, quantity, unit price, discount and VAT
//! (the core's choices; an exemption asks for its legal ground), the catalogue pick, and each
//! line's amount. A card per line on a phone, a table row per line on a wide screen (the
//! container decides, `style/editor.css`); a problem shows under the field it is about.
//! Invoices, quotes and recurring schedules all edit their lines with it: each form says
//! which problem, in words, stands at which field of which line.

use super::form::{LineForm, LineOwner};
use crate::components::invoicing::fields::tr;
use crate::components::when::When;
use crate::i18n::{documents, use_i18n};
use cobro_core::draft::{self, VatChoice};
use cobro_core::draft_input::{self, LineField};
use cobro_core::money::format_amount;
use cobro_core::{CatalogItem, Lang, VatRate};
use leptos::prelude::*;
use rust_decimal::Decimal;

/// What the lines need from the form around them.
#[derive(Clone, Copy)]
pub struct LinesContext {
    /// Makes a new line's signals (owned by the form).
    pub owner: LineOwner,
    pub lines: RwSignal<Vec<LineForm>>,
    /// The catalogue, for the optional item pick.
    pub items: Signal<Vec<CatalogItem>>,
    /// VAT of a new line.
    pub default_vat: Signal<VatRate>,
    /// The words of the problem shown now at a field of a line (from 0), if any; tracked,
    /// so each field follows the form's problems and the language.
    pub problem: Callback<(usize, LineField), Option<String>>,
    /// Each line's amount, while the lines can be computed.
    pub amounts: Signal<Option<Vec<Decimal>>>,
    pub currency: Signal<String>,
}

/// "21 %" / "21%" / "Exento".
fn vat_label(c: &VatChoice, lang: Lang) -> String {
    match (c.rate, lang) {
        (Some(r), _) => cobro_core::locale::percent(r, 4, lang),
        (None, Lang::Es) => "Exento".into(),
        (None, Lang::En) => "Exempt".into(),
    }
}

#[component]
pub fn LineEditor(cx: LinesContext) -> impl IntoView {
    let i18n = use_i18n();
    let add = move |_| {
        let line = cx
            .owner
            .line(&draft::blank_line_input(&cx.default_vat.get_untracked()));
        cx.lines.update(|v| v.push(line));
    };
    let has_items = move || cx.items.with(|i| !i.is_empty());
    let t = move || documents::texts(i18n.lang.get());
    view! {
        <fieldset class="lines lines-editor" id="lines">
            <legend>{tr(|t| t.lines)}</legend>
            // Column heads for the table layout; each field keeps its own label for phones
            // and screen readers.
            <div class="line-heads" aria-hidden="true" class:with-items=has_items>
                <When when=has_items><span class="h-item">{tr(|t| t.catalogue_item)}</span></When>
                <span class="h-desc">{tr(|t| t.description)}</span>
                <span class="h-num">{tr(|t| t.quantity)}</span>
                <span class="h-num">{tr(|t| t.unit_price)}</span>
                <span class="h-num">{tr(|t| t.discount_pct)}</span>
                <span>{tr(|t| t.vat)}</span>
                <span class="h-num">{move || t().line_amount}</span>
                <span></span>
            </div>
            <For each=move || cx.lines.get() key=|l| l.key let:line>
                <LineRow line=line cx=cx />
            </For>
            <button type="button" class="secondary add-line" id="add-line" on:click=add>
                {tr(|t| t.add_line)}
            </button>
        </fieldset>
    }
}

#[component]
fn LineRow(line: LineForm, cx: LinesContext) -> impl IntoView {
    let i18n = use_i18n();
    let index = Memo::new(move |_| {
        cx.lines
            .with(|v| v.iter().position(|l| l.key == line.key))
            .unwrap_or(0)
    });
    let remove = move |_| cx.lines.update(|v| v.retain(|l| l.key != line.key));
    let pick = move |ev| {
        let id = event_target_value(&ev);
        if let Some(item) = cx.items.get_untracked().into_iter().find(|i| i.id == id) {
            let (vat, reason) = draft_input::vat_text(&item.vat);
            line.description.set(if item.description.is_empty() {
                item.name.clone()
            } else {
                item.description.clone()
            });
            line.unit_price
                .set(draft_input::show(item.unit_price, i18n.lang.get_untracked()));
            line.vat.set(vat);
            line.reason.set(reason);
        }
        line.item.set(id);
    };
    let has_items = move || cx.items.with(|i| !i.is_empty());
    let exempt = move || line.vat.get() == draft_input::EXEMPT;
    let problem = move |field: LineField| Signal::derive(move || cx.problem.run((index.get(), field)));
    let amount = move || {
        let lang = i18n.lang.get();
        let i = index.get();
        cx.amounts
            .with(|a| a.as_ref().and_then(|a| a.get(i).copied()))
            .map(|a| format_amount(a, &cx.currency.get(), lang))
            .unwrap_or_default()
    };
    let label = move |n: usize| documents::with_n(documents::texts(i18n.lang.get()).line_n, n);
    view! {
        <div class="line-row" data-line=line.key class:with-items=has_items class:exempt=exempt>
            <p class="line-number">{move || label(index.get() + 1)}</p>
            <When when=has_items>
                <div class="field l-item">
                    <label class="field-label">
                    <span class="label-text">{tr(|t| t.catalogue_item)}</span>
                    <select class="line-item" on:change=pick>
                        <option value="">{tr(|t| t.no_item)}</option>
                        {move || {
                            cx.items
                                .get()
                                .into_iter()
                                .map(|i| {
                                    let id = i.id.clone();
                                    view! {
                                        <option value=i.id.clone() prop:selected=move || line.item.get() == id>
                                            {i.name.clone()}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                    </label>
                </div>
            </When>
            <LineInput class="l-desc" input_class="line-description" label=tr(|t| t.description) value=line.description problem=problem(LineField::Description) />
            <LineInput class="l-num" input_class="line-quantity" label=tr(|t| t.quantity) value=line.quantity problem=problem(LineField::Quantity) numeric=true />
            <LineInput class="l-num l-price" input_class="line-price" label=tr(|t| t.unit_price) value=line.unit_price problem=problem(LineField::UnitPrice) numeric=true />
            <LineInput class="l-num l-disc" input_class="line-discount" label=tr(|t| t.discount_pct) value=line.discount problem=problem(LineField::Discount) numeric=true />
            <div class="field l-vat">
                <label class="field-label">
                    <span class="label-text">{tr(|t| t.vat)}</span>
                    <select class="line-vat" on:change=move |ev| line.vat.set(event_target_value(&ev))>
                        {move || {
                            let lang = i18n.lang.get();
                            draft::vat_choices(&line.vat.get())
                                .into_iter()
                                .map(|c| {
                                    let value = c.value.clone();
                                    let text = vat_label(&c, lang);
                                    view! { <option value=c.value.clone() prop:selected=move || line.vat.get() == value>{text}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
                <FieldProblem problem=problem(LineField::Vat) />
            </div>
            <p class="l-amount" aria-live="off">
                <span class="field-label">{move || documents::texts(i18n.lang.get()).line_amount}</span>
                <span class="line-amount">{amount}</span>
            </p>
            <button
                type="button"
                class="secondary remove-line"
                aria-label=move || documents::with_n(documents::texts(i18n.lang.get()).remove_line_n, index.get() + 1)
                on:click=remove
            >
                <span class="remove-text">{tr(|t| t.remove_line)}</span>
                <span class="remove-icon" aria-hidden="true">"×"</span>
            </button>
            <When when=exempt>
                <LineInput class="l-reason" input_class="line-reason" label=tr(|t| t.exempt_reason) value=line.reason problem=problem(LineField::Reason) />
            </When>
        </div>
    }
}

/// One labelled input of a line, its problem under it.
#[component]
fn LineInput(
    class: &'static str,
    input_class: &'static str,
    label: Signal<&'static str>,
    value: RwSignal<String>,
    problem: Signal<Option<String>>,
    #[prop(optional)] numeric: bool,
) -> impl IntoView {
    let invalid = move || problem.with(Option::is_some).then_some("true");
    view! {
        <div class=format!("field {class}") class:has-problem=move || problem.with(Option::is_some)>
            <label class="field-label">
                <span class="label-text">{move || label.get()}</span>
                <input
                    type="text"
                    class=input_class
                    inputmode=numeric.then_some("decimal")
                    aria-invalid=invalid
                    bind:value=value
                />
            </label>
            <FieldProblem problem=problem />
        </div>
    }
}

/// The problem of a field, under it (announced when it appears).
#[component]
pub fn FieldProblem(problem: Signal<Option<String>>) -> impl IntoView {
    move || {
        problem
            .get()
            .map(|p| view! { <span class="field-problem" role="status">{p}</span> })
    }
}
