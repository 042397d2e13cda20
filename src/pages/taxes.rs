//! The tax figures screen (`#/taxes/<year>/<quarter>`): for the quarter, the VAT charged rate
//! by rate with the credit notes apart, the operations without VAT, the boxes of modelo 303,
//! withholding, modelo 130 and the documents it all comes from; for the year, the modelo 390
//! summary and the modelo 347 list. It prints as an A4 page (the print stylesheet hides the
//! controls) and downloads as CSV in both dialects. Every figure is `cobro_core::tax_figures`.

use crate::components::collections::shared::{Notice, NoticeLine};
use crate::components::page::Page;
use crate::i18n::tax::{self as words, eur, pct, texts};
use crate::i18n::use_i18n;
use crate::platform::route::{navigate, use_rest};
use crate::platform::{clock, download, print};
use crate::state::use_app;
use cobro_core::csv_export::Dialect;
use cobro_core::tax_csv;
use cobro_core::tax_figures::{self, DocRow, Figures130, List347, Quarter, TaxFigures, TaxPeriod};
use cobro_core::Lang;
use leptos::prelude::*;

/// Everything the screen shows for one quarter.
#[derive(Clone, PartialEq)]
struct Shown {
    quarter: Quarter,
    figures: TaxFigures,
    f130: Figures130,
    docs: Vec<DocRow>,
    year: TaxFigures,
    list: List347,
}

fn compute(data: &cobro_core::Dataset, quarter: Quarter) -> Result<Shown, String> {
    let e = |e: tax_figures::TaxFiguresError| e.to_string();
    Ok(Shown {
        quarter,
        figures: tax_figures::figures(data, TaxPeriod::Quarter(quarter)).map_err(e)?,
        f130: tax_figures::figures_130(data, quarter).map_err(e)?,
        docs: tax_figures::document_rows(data, TaxPeriod::Quarter(quarter)).map_err(e)?,
        year: tax_figures::figures(data, TaxPeriod::Year(quarter.year)).map_err(e)?,
        list: tax_figures::list_347(data, quarter.year).map_err(e)?,
    })
}

/// The quarter the route names (`#/taxes/2027/1`), or the one to show today.
fn quarter_of(rest: &[String]) -> Quarter {
    match rest {
        [y, q] => match (y.parse::<i32>(), q.parse::<u8>()) {
            (Ok(year), Ok(q)) if (1..=4).contains(&q) && (2000..=2100).contains(&year) => Quarter { year, q },
            _ => Quarter::to_show(clock::today()),
        },
        _ => Quarter::to_show(clock::today()),
    }
}

fn href(q: Quarter) -> String {
    format!("#/taxes/{}/{}", q.year, q.q)
}

#[component]
pub fn TaxesPage() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let rest = use_rest();
    let quarter = Memo::new(move |_| quarter_of(&rest.get()));
    let shown = Memo::new(move |_| {
        let q = quarter.get();
        app.data.with(|d| d.as_ref().map(|d| compute(d, q)))
    });
    // Years to choose from: those with documents, and this one.
    let years = Memo::new(move |_| {
        let this = chrono::Datelike::year(&clock::today());
        let mut ys: Vec<i32> = app.read(|d| {
            d.invoices
                .iter()
                .filter(|i| i.number.is_some())
                .map(|i| chrono::Datelike::year(&i.issue_date))
                .collect()
        });
        ys.push(this);
        ys.push(quarter.get().year);
        ys.sort_unstable();
        ys.dedup();
        ys.reverse();
        ys
    });
    let profile = Memo::new(move |_| app.read(|d| (d.profile.name.clone(), d.profile.tax_id.clone())));
    let notice = RwSignal::new(Notice::None);

    let download = move |what: &'static str, dialect: Dialect| {
        let lang = i18n.lang.get_untracked();
        let Some(Ok(s)) = shown.get_untracked() else {
            return;
        };
        let (text, name) = match what {
            "347" => (
                tax_csv::list_347_csv(&s.list, dialect, lang),
                format!("cobro-347-{}", s.quarter.year),
            ),
            _ => (
                tax_csv::figures_csv(&s.figures, Some(&s.f130), dialect, lang),
                format!("cobro-impuestos-{}-{}T", s.quarter.year, s.quarter.q),
            ),
        };
        let suffix = match dialect {
            Dialect::Comma => "",
            Dialect::Semicolon => "-es",
        };
        if let Err(e) =
            download::download_text(&format!("{name}{suffix}.csv"), "text/csv;charset=utf-8", &text)
        {
            notice.set(Notice::Err(format!("{}: {e}", texts(lang).failed)));
        }
    };

    view! {
        <Page title=Signal::derive(move || t().title) id="taxes">
            <p class="muted no-print">{move || t().intro}</p>
            <p class="print-only tax-print-head">
                {move || {
                    let (name, nif) = profile.get();
                    format!("{} · {name} · {nif}", t().title)
                }}
            </p>
            <form class="tax-controls no-print" on:submit=|ev| ev.prevent_default()>
                <label class="field">
                    <span class="field-label">{move || t().year}</span>
                    <select id="tax-year" on:change=move |ev| {
                        if let Ok(year) = event_target_value(&ev).parse::<i32>() {
                            navigate(&href(Quarter { year, q: quarter.get_untracked().q }));
                        }
                    }>
                        {move || years.get().into_iter().map(|y| view! {
                            <option value=y.to_string() prop:selected=move || quarter.get().year == y>{y.to_string()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">{move || t().quarter}</span>
                    <select id="tax-quarter" on:change=move |ev| {
                        if let Ok(q) = event_target_value(&ev).parse::<u8>() {
                            navigate(&href(Quarter { year: quarter.get_untracked().year, q }));
                        }
                    }>
                        {(1u8..=4).map(|q| view! {
                            <option value=q.to_string() prop:selected=move || quarter.get().q == q>
                                {move || match i18n.lang.get() { Lang::Es => format!("{q}T"), Lang::En => format!("Q{q}") }}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
                <button type="button" class="secondary" id="tax-print" on:click=move |_| print::print_page()>{move || t().print}</button>
            </form>
            {move || match shown.get() {
                None => view! { <p class="empty">"…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="notice err" role="alert">{e}</p> }.into_any(),
                Some(Ok(s)) => view! { <Figures s=s /> }.into_any(),
            }}
            <section class="report-csv no-print" aria-labelledby="tax-csv-heading">
                <h2 id="tax-csv-heading">{move || t().csv_title}</h2>
                <div class="csv-buttons">
                    <button type="button" class="secondary" id="tax-csv-comma" on:click=move |_| download("figures", Dialect::Comma)>
                        {move || format!("{} · {}", t().csv_figures, t().csv_comma)}
                    </button>
                    <button type="button" class="secondary" id="tax-csv-semicolon" on:click=move |_| download("figures", Dialect::Semicolon)>
                        {move || format!("{} · {}", t().csv_figures, t().csv_semicolon)}
                    </button>
                    <button type="button" class="secondary" id="tax-347-comma" on:click=move |_| download("347", Dialect::Comma)>
                        {move || format!("{} · {}", t().csv_347, t().csv_comma)}
                    </button>
                    <button type="button" class="secondary" id="tax-347-semicolon" on:click=move |_| download("347", Dialect::Semicolon)>
                        {move || format!("{} · {}", t().csv_347, t().csv_semicolon)}
                    </button>
                </div>
                <NoticeLine notice=notice />
            </section>
            <p class="muted small">{move || t().disclaimer}</p>
        </Page>
    }
}

/// The figures of one quarter and its year.
#[component]
fn Figures(s: Shown) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    let t = move || texts(i18n.lang.get());
    let f = s.figures.clone();
    let quarter = s.quarter;
    let boxes = f.boxes_303();
    let f130 = s.f130.clone();
    let year = s.year.clone();
    let list = s.list.clone();
    let docs = s.docs.clone();
    let empty = f.invoices == 0 && f.credit_notes == 0;
    view! {
        <h2 class="tax-period" id="tax-period">{move || words::quarter(quarter, lang())}</h2>
        {empty.then(|| view! { <p class="empty" id="tax-nothing">{move || t().nothing}</p> })}
        <section class="tax-section" id="tax-vat" aria-labelledby="tax-vat-heading">
            <h3 id="tax-vat-heading">{move || t().vat_title}</h3>
            <div class="table-scroll">
                <table class="report-table tax-table">
                    <thead>
                        <tr>
                            <th>{move || t().col_rate}</th>
                            <th></th>
                            <th class="amount">{move || t().col_base}</th>
                            <th class="amount">{move || t().col_quota}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {f.rates.iter().map(|r| {
                            let r = r.clone();
                            let rate = r.rate.to_string();
                            let has_corrections = !r.corrections_base.is_zero() || !r.corrections_quota.is_zero();
                            let r2 = r.clone();
                            view! {
                                <tr data-rate=rate.clone() data-kind="invoices">
                                    <td>{move || pct(r.rate, lang())}</td>
                                    <td>{move || t().invoices}</td>
                                    <td class="amount" data-field="base">{move || eur(r.base, lang())}</td>
                                    <td class="amount" data-field="quota">{move || eur(r.quota, lang())}</td>
                                </tr>
                                {has_corrections.then(|| {
                                    let r = r2.clone();
                                    view! {
                                        <tr data-rate=rate.clone() data-kind="corrections">
                                            <td></td>
                                            <td>{move || t().corrections}</td>
                                            <td class="amount" data-field="base">{move || eur(r.corrections_base, lang())}</td>
                                            <td class="amount" data-field="quota">{move || eur(r.corrections_quota, lang())}</td>
                                        </tr>
                                    }
                                })}
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {(!f.untaxed.is_empty()).then(|| {
                let untaxed = f.untaxed.clone();
                view! {
                    <h3>{move || t().untaxed_title}</h3>
                    <div class="table-scroll">
                        <table class="report-table tax-table" id="tax-untaxed">
                            <thead>
                                <tr>
                                    <th>{move || t().col_kind}</th>
                                    <th>{move || t().col_reason}</th>
                                    <th>{move || t().col_box}</th>
                                    <th class="amount">{move || t().col_base}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {untaxed.into_iter().map(|u| {
                                    let (kind, place, base) = (u.kind, u.place, u.base);
                                    view! {
                                        <tr>
                                            <td>{move || words::untaxed(kind, place, lang())}</td>
                                            <td>{u.reason.clone()}</td>
                                            <td>{u.box_303().map(|b| format!("[{b}]"))}</td>
                                            <td class="amount">{move || eur(base, lang())}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            })}
            <h3>{move || t().boxes_title}</h3>
            <dl class="tax-boxes" id="tax-boxes">
                {boxes.into_iter().map(|b| {
                    let number = b.number;
                    let is_rate = matches!(number, "02" | "05" | "08");
                    view! {
                        <div class="tax-box" data-box=number>
                            <dt><span class="box-number">{format!("[{number}]")}</span> {move || t().box_name(number)}</dt>
                            <dd data-field="amount">{move || if is_rate { pct(b.amount, lang()) } else { eur(b.amount, lang()) }}</dd>
                        </div>
                    }
                }).collect_view()}
            </dl>
            <p class="muted small">{move || t().boxes_note}</p>
            {f.other_currencies.iter().map(|(currency, n, total)| {
                let (currency, n, total) = (currency.clone(), *n, *total);
                let code = currency.clone();
                view! {
                    <p class="notice warn" data-currency=code>
                        {move || t().other_currency
                            .replace("{n}", &n.to_string())
                            .replace("{currency}", &currency)
                            .replace("{total}", &cobro_core::money::format_amount(total, &currency, lang()))}
                    </p>
                }
            }).collect_view()}
        </section>
        <section class="tax-section kpis" id="tax-totals" aria-label=move || t().totals_title>
            <Kpi id="tax-withholding" label=Signal::derive(move || t().withholding) value=Signal::derive(move || eur(f.withholding, lang())) />
            <Kpi id="tax-withheld-base" label=Signal::derive(move || t().withheld_base) value=Signal::derive(move || eur(f.withheld_base, lang())) />
            <Kpi id="tax-total-vat" label=Signal::derive(move || t().total_vat) value=Signal::derive(move || eur(f.vat, lang())) />
            <Kpi id="tax-total-base" label=Signal::derive(move || t().total_base) value=Signal::derive(move || eur(f.base, lang())) />
            <Kpi id="tax-total" label=Signal::derive(move || t().total_invoiced) value=Signal::derive(move || eur(f.total, lang())) />
            <p class="muted small" id="tax-count">
                {move || t().documents_count.replace("{i}", &f.invoices.to_string()).replace("{c}", &f.credit_notes.to_string())}
            </p>
        </section>
        <section class="tax-section" id="tax-130" aria-labelledby="tax-130-heading">
            <h3 id="tax-130-heading">{move || t().m130_title}</h3>
            <dl class="tax-boxes">
                <div class="tax-box" data-box="130-01">
                    <dt><span class="box-number">"[01]"</span> {move || t().income_ytd}</dt>
                    <dd data-field="amount">{move || eur(f130.income, lang())}</dd>
                </div>
                <div class="tax-box" data-box="130-06">
                    <dt><span class="box-number">"[06]"</span> {move || t().withholding_ytd}</dt>
                    <dd data-field="amount">{move || eur(f130.withholding, lang())}</dd>
                </div>
            </dl>
            <p class="muted small">{move || t().m130_note}</p>
            {f130.withheld_share.map(|share| view! {
                <p class="muted small" id="tax-share">{move || t().share_note.replace("{pct}", &pct(share, lang()))}</p>
            })}
        </section>
        <section class="tax-section tax-docs" id="tax-docs" aria-labelledby="tax-docs-heading">
            <h3 id="tax-docs-heading">{move || t().docs_title}</h3>
            <div class="table-scroll">
                <table class="report-table tax-table">
                    <thead>
                        <tr>
                            <th>{move || t().col_number}</th>
                            <th>{move || t().col_date}</th>
                            <th>{move || t().col_client}</th>
                            <th class="amount">{move || t().col_base}</th>
                            <th class="amount">{move || t().col_vat}</th>
                            <th class="amount">{move || t().col_withholding}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {docs.into_iter().map(|d| {
                            let (date, base, vat, wh, currency) = (d.date, d.base, d.vat, d.withholding, d.currency.clone());
                            let money = move |v| cobro_core::money::format_amount(v, &currency, lang());
                            let money2 = money.clone();
                            let money3 = money.clone();
                            view! {
                                <tr data-number=d.number.clone() data-credit=d.credit_note.to_string()
                                    data-base=d.base.to_string() data-vat=d.vat.to_string() data-withholding=d.withholding.to_string()
                                    data-currency=d.currency.clone()>
                                    <td>{d.number.clone()}</td>
                                    <td>{move || words_date(date, lang())}</td>
                                    <td>{d.client_name.clone()}</td>
                                    <td class="amount">{move || money(base)}</td>
                                    <td class="amount">{move || money2(vat)}</td>
                                    <td class="amount">{move || money3(wh)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <section class="tax-section tax-year" id="tax-390" aria-labelledby="tax-390-heading">
            <h2 id="tax-390-heading">{move || format!("{} · {}", t().year_title, quarter.year)}</h2>
            <div class="table-scroll">
                <table class="report-table tax-table">
                    <thead>
                        <tr>
                            <th>{move || t().col_rate}</th>
                            <th class="amount">{move || t().col_base}</th>
                            <th class="amount">{move || t().col_quota}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {year.rates.iter().map(|r| {
                            let (rate, base, quota) = (r.rate, r.net_base(), r.net_quota());
                            view! {
                                <tr data-rate=rate.to_string()>
                                    <td>{move || pct(rate, lang())}</td>
                                    <td class="amount">{move || eur(base, lang())}</td>
                                    <td class="amount">{move || eur(quota, lang())}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <dl class="tax-boxes">
                <div class="tax-box" id="tax-volume">
                    <dt>{move || t().volume}</dt>
                    <dd>{move || eur(year.base, lang())}</dd>
                </div>
                <div class="tax-box">
                    <dt>{move || t().total_vat}</dt>
                    <dd>{move || eur(year.vat, lang())}</dd>
                </div>
                <div class="tax-box">
                    <dt>{move || t().withholding}</dt>
                    <dd>{move || eur(year.withholding, lang())}</dd>
                </div>
            </dl>
        </section>
        <section class="tax-section tax-347" id="tax-347" aria-labelledby="tax-347-heading">
            <h3 id="tax-347-heading">{move || format!("{} · {}", t().m347_title, quarter.year)}</h3>
            <p class="muted small">{move || t().m347_note}</p>
            {if list.clients.is_empty() {
                view! { <p class="empty">{move || t().m347_empty}</p> }.into_any()
            } else {
                let clients = list.clients.clone();
                view! {
                    <div class="table-scroll">
                        <table class="report-table tax-table">
                            <thead>
                                <tr>
                                    <th>{move || t().col_tax_id}</th>
                                    <th>{move || t().col_client}</th>
                                    {(1u8..=4).map(|q| view! {
                                        <th class="amount">{move || match lang() { Lang::Es => format!("{q}T"), Lang::En => format!("Q{q}") }}</th>
                                    }).collect_view()}
                                    <th class="amount">{move || t().col_total}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {clients.into_iter().map(|c| {
                                    let (quarters, total) = (c.quarters, c.total);
                                    view! {
                                        <tr data-client=c.client_id.clone() data-total=c.total.to_string()>
                                            <td>{c.tax_id.clone()}</td>
                                            <td>{c.name.clone()}</td>
                                            {quarters.into_iter().map(|v| view! { <td class="amount">{move || eur(v, lang())}</td> }).collect_view()}
                                            <td class="amount">{move || eur(total, lang())}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <p class="muted small" id="tax-347-left-out">
                {move || t().m347_left_out
                    .replace("{w}", &list.left_out_withholding.to_string())
                    .replace("{a}", &list.left_out_abroad.to_string())
                    .replace("{c}", &list.left_out_currency.to_string())
                    .replace("{b}", &list.below.to_string())}
            </p>
        </section>
    }
}

fn words_date(d: chrono::NaiveDate, lang: Lang) -> String {
    crate::i18n::invoicing::date(d, lang)
}

/// One figure with its label.
#[component]
fn Kpi(id: &'static str, label: Signal<&'static str>, value: Signal<String>) -> impl IntoView {
    view! {
        <div class="kpi" id=id>
            <span class="kpi-label">{move || label.get()}</span>
            <span class="kpi-value" data-field="value">{move || value.get()}</span>
        </div>
    }
}
