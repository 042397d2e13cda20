//! The schedule form's line editor: description, quantity, unit price, discount and VAT
//! (21/10/4/0 % or exempt with its reason), with an optional pick from the catalogue.
//! Inputs stay text until parsed, so a typo is shown as a message instead of being
//! silently dropped. (Invoices and quotes use `components::editor`; a schedule's lines
//! carry period placeholders and are checked only when the schedule is saved.)

use crate::components::invoicing::fields::{self, tr};
use crate::components::when::When;
use crate::i18n::{invoicing, use_i18n};
use cobro_core::{CatalogItem, Lang, Line, VatRate};
use leptos::prelude::*;
use rust_decimal::Decimal;
use std::cell::Cell;

thread_local! {
    static NEXT_KEY: Cell<u64> = const { Cell::new(1) };
}

fn next_key() -> u64 {
    NEXT_KEY.with(|k| {
        let v = k.get();
        k.set(v + 1);
        v
    })
}

/// The VAT choices offered (value of the select).
const RATES: [&str; 4] = ["21", "10", "4", "0"];
const EXEMPT: &str = "exempt";

/// One line as the user is typing it.
#[derive(Clone, Copy)]
pub struct LineForm {
    key: u64,
    pub item: RwSignal<String>,
    pub description: RwSignal<String>,
    pub quantity: RwSignal<String>,
    pub unit_price: RwSignal<String>,
    pub discount: RwSignal<String>,
    /// A rate ("21") or "exempt".
    pub vat: RwSignal<String>,
    pub reason: RwSignal<String>,
}

fn vat_fields(vat: &VatRate) -> (String, String) {
    match vat {
        VatRate::Rate(r) => (r.normalize().to_string(), String::new()),
        VatRate::Exempt(why) => (EXEMPT.to_string(), why.clone()),
    }
}

impl LineForm {
    pub fn from_line(line: &Line) -> Self {
        let (vat, reason) = vat_fields(&line.vat);
        Self {
            key: next_key(),
            item: RwSignal::new(line.item_id.clone().unwrap_or_default()),
            description: RwSignal::new(line.description.clone()),
            quantity: RwSignal::new(fields::show(line.quantity)),
            unit_price: RwSignal::new(fields::show(line.unit_price)),
            discount: RwSignal::new(if line.discount_pct.is_zero() {
                String::new()
            } else {
                fields::show(line.discount_pct)
            }),
            vat: RwSignal::new(vat),
            reason: RwSignal::new(reason),
        }
    }

    pub fn blank(default_vat: &VatRate) -> Self {
        Self::from_line(&Line {
            item_id: None,
            description: String::new(),
            quantity: Decimal::ONE,
            unit_price: Decimal::ZERO,
            discount_pct: Decimal::ZERO,
            vat: default_vat.clone(),
        })
    }

    /// The line, or what is wrong with what was typed (line numbers from 1).
    fn parse(&self, n: usize, lang: Lang) -> Result<Line, String> {
        let t = invoicing::texts(lang);
        let at = |e: String| invoicing::on_line(n, &e, lang);
        let quantity = fields::number(t.quantity, &self.quantity.get(), lang).map_err(at)?;
        let unit_price = fields::number(t.unit_price, &self.unit_price.get(), lang).map_err(at)?;
        let discount_pct = fields::number_or_zero(t.discount_pct, &self.discount.get(), lang).map_err(at)?;
        let vat_choice = self.vat.get();
        let vat = if vat_choice == EXEMPT {
            let reason = self.reason.get().trim().to_string();
            if reason.is_empty() {
                return Err(at(t.need_exempt_reason.to_string()));
            }
            VatRate::Exempt(reason)
        } else {
            VatRate::Rate(fields::number(t.vat, &vat_choice, lang).map_err(at)?)
        };
        let item = self.item.get();
        Ok(Line {
            item_id: (!item.is_empty()).then_some(item),
            description: self.description.get(),
            quantity,
            unit_price,
            discount_pct,
            vat,
        })
    }
}

/// Every line parsed, or the first problem in plain words.
pub fn parse_lines(lines: &[LineForm], lang: Lang) -> Result<Vec<Line>, String> {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| l.parse(i + 1, lang))
        .collect()
}

/// The editable list of lines.
#[component]
pub fn LineEditor(
    lines: RwSignal<Vec<LineForm>>,
    /// The catalogue, for the optional item pick.
    items: Signal<Vec<CatalogItem>>,
    /// VAT of a new line.
    default_vat: Signal<VatRate>,
) -> impl IntoView {
    let i18n = use_i18n();
    let add = move |_| {
        let line = LineForm::blank(&default_vat.get_untracked());
        lines.update(|v| v.push(line));
    };
    view! {
        <fieldset class="lines" id="lines">
            <legend>{tr(|t| t.lines)}</legend>
            <For each=move || lines.get() key=|l| l.key let:line>
                <LineRow line=line lines=lines items=items />
            </For>
            <button type="button" class="secondary" id="add-line" on:click=add>
                {move || invoicing::texts(i18n.lang.get()).add_line}
            </button>
        </fieldset>
    }
}

#[component]
fn LineRow(line: LineForm, lines: RwSignal<Vec<LineForm>>, items: Signal<Vec<CatalogItem>>) -> impl IntoView {
    let remove = move |_| lines.update(|v| v.retain(|l| l.key != line.key));
    let pick = move |ev| {
        let id = event_target_value(&ev);
        if let Some(item) = items.get_untracked().into_iter().find(|i| i.id == id) {
            let (vat, reason) = vat_fields(&item.vat);
            line.description.set(if item.description.is_empty() {
                item.name.clone()
            } else {
                item.description.clone()
            });
            line.unit_price.set(fields::show(item.unit_price));
            line.vat.set(vat);
            line.reason.set(reason);
        }
        line.item.set(id);
    };
    let has_items = move || items.with(|i| !i.is_empty());
    let exempt = move || line.vat.get() == EXEMPT;
    view! {
        <div class="line-row" data-line=line.key>
            <When when=has_items>
                <label class="field">
                    <span class="field-label">{tr(|t| t.catalogue_item)}</span>
                    <select class="line-item" on:change=pick>
                        <option value="">{tr(|t| t.no_item)}</option>
                        {move || {
                            items
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
            </When>
            <label class="field wide">
                <span class="field-label">{tr(|t| t.description)}</span>
                <input type="text" class="line-description" bind:value=line.description />
            </label>
            <label class="field num">
                <span class="field-label">{tr(|t| t.quantity)}</span>
                <input type="text" inputmode="decimal" class="line-quantity" bind:value=line.quantity />
            </label>
            <label class="field num">
                <span class="field-label">{tr(|t| t.unit_price)}</span>
                <input type="text" inputmode="decimal" class="line-price" bind:value=line.unit_price />
            </label>
            <label class="field num">
                <span class="field-label">{tr(|t| t.discount_pct)}</span>
                <input type="text" inputmode="decimal" class="line-discount" bind:value=line.discount />
            </label>
            <label class="field num">
                <span class="field-label">{tr(|t| t.vat)}</span>
                <select class="line-vat" on:change=move |ev| line.vat.set(event_target_value(&ev))>
                    {RATES.map(|r| view! {
                        <option value=r prop:selected=move || line.vat.get() == r>{format!("{r} %")}</option>
                    })}
                    <option value=EXEMPT prop:selected=exempt>{tr(|t| t.exempt)}</option>
                </select>
            </label>
            <When when=exempt>
                <label class="field wide">
                    <span class="field-label">{tr(|t| t.exempt_reason)}</span>
                    <input type="text" class="line-reason" bind:value=line.reason />
                </label>
            </When>
            <button type="button" class="secondary remove-line" on:click=remove>
                {tr(|t| t.remove_line)}
            </button>
        </div>
    }
}
