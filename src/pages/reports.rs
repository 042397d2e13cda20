//! The numbers (practice 7): for a chosen period (default the last 12 months) and per
//! currency: outstanding, overdue, ageing, DSO and its monthly line, who pays late, days to pay
//! per client, and the payments to expect. Printable; CSV exports for the accountant.
//! Every figure comes from `cobro_core::report`, the same function `cobro report` prints.

use crate::components::collections::charts::{BarChart, Datum, LineChart};
use crate::components::collections::shared::{iso, parse_iso, show_date, DateField, Notice, NoticeLine};
use crate::components::empty_state::EmptyState;
use crate::components::more::{ShowMore, LIST_PAGE};
use crate::components::page::Page;
use crate::i18n::collections::{texts, T};
use crate::i18n::problems;
use crate::i18n::use_i18n;
use crate::platform::{clock, download};
use crate::state::use_app;
use chrono::{Datelike, Days, Months, NaiveDate};
use cobro_core::csv_export::{self, Dialect};
use cobro_core::guide::Screen;
use cobro_core::ledger::Ledger;
use cobro_core::report::{self, AgeBucket, ClientStats, CurrencyFigures, DsoSeries, Period, Report};
use cobro_core::{locale, money, Lang};
use leptos::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Months of the DSO line.
const DSO_MONTHS: u32 = 12;

/// The default period: the 12 months up to today (both ends included).
fn default_period(today: NaiveDate) -> Period {
    let from = today
        .checked_sub_months(Months::new(12))
        .and_then(|d| d.checked_add_days(Days::new(1)))
        .unwrap_or(today);
    Period { from, to: today }
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let tl = texts(i18n.lang.get_untracked());
    let app = use_app();
    let today = clock::today();
    let period0 = default_period(today);
    let from = RwSignal::new(iso(period0.from));
    let to = RwSignal::new(iso(period0.to));
    let notice = RwSignal::new(Notice::None);

    let period = Memo::new(move |_| match (parse_iso(&from.get()), parse_iso(&to.get())) {
        (Some(f), Some(t)) if f <= t => Some(Period { from: f, to: t }),
        _ => None,
    });
    let computed = Memo::new(move |_| {
        let p = period.get()?;
        app.data.with(|d| {
            d.as_ref().map(|data| {
                let ledger = Ledger::new(data);
                let r = report::report(&ledger, today, p);
                let series = report::dso_series(&ledger, today, DSO_MONTHS).unwrap_or_default();
                (r, series)
            })
        })
    });

    let export = move |kind: &'static str, dialect: Dialect| {
        let lang = i18n.lang.get_untracked();
        let tx = texts(lang);
        let Some(p) = period.get_untracked() else {
            notice.set(Notice::Err(tx.period_invalid.into()));
            return;
        };
        let text = app.data.with_untracked(|d| {
            d.as_ref().map(|data| {
                let ledger = Ledger::new(data);
                match kind {
                    "payments" => csv_export::payments_csv(&ledger, p, dialect, lang),
                    _ => csv_export::documents_csv(&ledger, p, dialect, lang),
                }
            })
        });
        let suffix = match dialect {
            Dialect::Comma => "",
            Dialect::Semicolon => "-es",
        };
        let name = format!("cobro-{kind}-{}-{}{suffix}.csv", iso(p.from), iso(p.to));
        if let Some(text) = text {
            if let Err(e) = download::download_text(&name, "text/csv;charset=utf-8", &text) {
                notice.set(Notice::Err(format!(
                    "{}: {}",
                    tx.failed,
                    problems::download(&e, lang)
                )));
            }
        }
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };

    view! {
        <Page title=Signal::derive(move || i18n.t().nav_reports) id="reports">
            <form class="report-controls no-print" on:submit=|ev| ev.prevent_default()>
                <DateField value=from label=tl.from field="from" />
                <DateField value=to label=tl.to field="to" />
                <button type="button" class="secondary" id="report-print" on:click=print>{move || t().print}</button>
                <a class="button secondary" id="to-taxes" href="#/taxes">
                    {move || crate::i18n::tax::texts(i18n.lang.get()).link_from_reports}
                </a>
            </form>
            <p class="print-only period-note">
                {move || period.get().map(|p| (t().period_note)(&show_date(p.from, i18n.lang.get()), &show_date(p.to, i18n.lang.get())))}
            </p>
            {move || match computed.get() {
                _ if period.get().is_none() => view! { <p class="notice err" role="alert">{move || t().period_invalid}</p> }.into_any(),
                None => view! { <p class="empty">{move || t().loading}</p> }.into_any(),
                Some((Err(e), _)) => {
                    view! { <p class="notice err" role="alert">{move || problems::report(&e, i18n.lang.get())}</p> }.into_any()
                }
                Some((Ok(r), series)) => view! { <ReportView r=r series=series /> }.into_any(),
            }}
            {move || {
                // What early-payment discounts cost in the period (settled in it), per currency.
                let p = period.get()?;
                let lang = i18n.lang.get();
                let granted = app.data.with(|d| {
                    d.as_ref().map(|data| cobro_core::corrections::discounts_granted(&Ledger::new(data), p))
                })?;
                (!granted.is_empty()).then(|| {
                    let amounts: Vec<String> = granted.iter().map(|(c, a)| money::format_amount(*a, c, lang)).collect();
                    view! {
                        <p class="payments-discount" id="report-discounts">
                            {(crate::i18n::corrections::texts(lang).discounts_granted)(&amounts.join(" · "))}
                        </p>
                    }
                })
            }}
            <section class="report-csv no-print" aria-labelledby="csv-heading">
                <h2 id="csv-heading">"CSV"</h2>
                <p class="muted">{move || t().csv_hint}</p>
                <div class="csv-buttons">
                    <button type="button" class="secondary" id="csv-invoices-comma" on:click=move |_| export("invoices", Dialect::Comma)>
                        {move || format!("{} · {}", t().csv_invoices, t().csv_comma)}
                    </button>
                    <button type="button" class="secondary" id="csv-invoices-semicolon" on:click=move |_| export("invoices", Dialect::Semicolon)>
                        {move || format!("{} · {}", t().csv_invoices, t().csv_semicolon)}
                    </button>
                    <button type="button" class="secondary" id="csv-payments-comma" on:click=move |_| export("payments", Dialect::Comma)>
                        {move || format!("{} · {}", t().csv_payments, t().csv_comma)}
                    </button>
                    <button type="button" class="secondary" id="csv-payments-semicolon" on:click=move |_| export("payments", Dialect::Semicolon)>
                        {move || format!("{} · {}", t().csv_payments, t().csv_semicolon)}
                    </button>
                </div>
                <NoticeLine notice=notice />
            </section>
        </Page>
    }
}

fn bucket_name(t: &T, b: AgeBucket) -> &'static str {
    match b {
        AgeBucket::Current => t.bucket_current,
        AgeBucket::Days1To30 => t.bucket_1_30,
        AgeBucket::Days31To60 => t.bucket_31_60,
        AgeBucket::Days61To90 => t.bucket_61_90,
        AgeBucket::Over90 => t.bucket_over_90,
    }
}

const BUCKETS: [AgeBucket; 5] = [
    AgeBucket::Current,
    AgeBucket::Days1To30,
    AgeBucket::Days31To60,
    AgeBucket::Days61To90,
    AgeBucket::Over90,
];

/// A share as the language writes it ("74,4 %"), a dash when there is none.
fn pct(p: Option<Decimal>, lang: Lang) -> String {
    p.map_or("–".into(), |p| locale::percent(p, 1, lang))
}

/// An average number of days ("30,5"), a dash when there is none.
fn days(d: Option<Decimal>, lang: Lang) -> String {
    d.map_or("–".into(), |d| locale::decimal_trimmed(d, 1, lang))
}

#[component]
fn ReportView(r: Report, series: BTreeMap<String, DsoSeries>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    if r.currencies.is_empty() {
        return view! { <EmptyState screen=Screen::Reports id="report-empty" quiet=Signal::derive(move || t().no_figures) /> }.into_any();
    }
    let clients = r.clients.clone();
    view! {
        <div class="report" id="report" data-open=r.open_count data-overdue=r.overdue_count>
            {r.currencies
                .into_iter()
                .map(|(code, f)| {
                    let s = series.get(&code).cloned().unwrap_or_default();
                    view! { <CurrencyBlock code=code f=f series=s /> }
                })
                .collect_view()}
            <ClientTable clients=clients />
        </div>
    }
    .into_any()
}

#[component]
fn CurrencyBlock(code: String, f: CurrencyFigures, series: DsoSeries) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let lang = move || i18n.lang.get();
    let c = code.clone();
    let fmt = move |v: Decimal| money::format_amount(v, &c, lang());
    let fmt = StoredValue::new(fmt);
    let f = StoredValue::new(f);
    let fv = f.get_value();
    let ageing_chart = {
        let code = code.clone();
        move || {
            let t = t();
            let data = BUCKETS
                .iter()
                .map(|b| {
                    let bucket = f.with_value(|f| f.ageing.bucket(*b).clone());
                    Datum {
                        label: bucket_name(t, *b).to_string(),
                        value: Some(bucket.amount),
                        text: format!(
                            "{} ({})",
                            money::format_amount(bucket.amount, &code, lang()),
                            locale::integer(bucket.count as i64, lang())
                        ),
                    }
                })
                .collect::<Vec<_>>();
            view! { <BarChart data=data title=format!("{} {code}", t.ageing) id=format!("ageing-{code}") /> }
        }
    };
    let dso_chart = {
        let code = code.clone();
        move || {
            let t = t();
            let data = series
                .iter()
                .map(|(end, v)| Datum {
                    label: month_label(*end, lang()),
                    value: *v,
                    text: v
                        .map(|v| locale::decimal_trimmed(v, 1, lang()))
                        .unwrap_or_default(),
                })
                .collect::<Vec<_>>();
            view! { <LineChart data=data title=format!("{} {code}", t.dso_monthly) id=format!("dso-{code}") /> }
        }
    };
    view! {
        <section class="report-currency" data-currency=code.clone() aria-label=code.clone()>
            <h2>{code.clone()}</h2>
            <div class="kpis">
                <div class="kpi" data-kpi="outstanding" data-amount=fv.outstanding.to_string() data-count=fv.open_count>
                    <span class="kpi-label">{move || t().outstanding}</span>
                    <span class="kpi-value">{move || fmt.with_value(|f| f(fv.outstanding))}</span>
                    <span class="kpi-sub">{move || (t().invoices_n)(fv.open_count)}</span>
                </div>
                <div class="kpi" data-kpi="overdue" data-amount=fv.overdue.to_string() data-count=fv.overdue_count>
                    <span class="kpi-label">{move || t().overdue}</span>
                    <span class="kpi-value">{move || fmt.with_value(|f| f(fv.overdue))}</span>
                    <span class="kpi-sub">{move || (t().invoices_n)(fv.overdue_count)}</span>
                </div>
                <div class="kpi" data-kpi="delinquency" data-value=fv.overdue_amount_pct.map(|p| p.to_string()).unwrap_or_default()>
                    <span class="kpi-label">{move || t().delinquency}</span>
                    <span class="kpi-value">{move || pct(fv.overdue_amount_pct, lang())}</span>
                </div>
                <div class="kpi" data-kpi="dso" data-value=fv.dso.map(|p| p.to_string()).unwrap_or_default()>
                    <span class="kpi-label">{move || t().dso}</span>
                    <span class="kpi-value">{move || fv.dso.map_or("–".to_string(), |d| locale::days(d, 1, lang()))}</span>
                </div>
            </div>
            {(fv.written_off.count > 0 || fv.with_legal.count > 0).then(|| {
                let (off, legal) = (fv.written_off.clone(), fv.with_legal.clone());
                view! {
                    <p class="muted report-closed" data-written-off=off.amount.to_string() data-with-legal=legal.amount.to_string()>
                        {move || {
                            let f = crate::i18n::collections::follow(lang());
                            (f.report_closed)(&fmt.with_value(|f| f(off.amount)), off.count, &fmt.with_value(|f| f(legal.amount)), legal.count)
                        }}
                    </p>
                }
            })}
            <h3>{move || t().ageing}</h3>
            <table class="report-table ageing" data-table="ageing">
                <tbody>
                    {BUCKETS
                        .iter()
                        .map(|b| {
                            let bucket = fv.ageing.bucket(*b).clone();
                            let b = *b;
                            view! {
                                <tr data-bucket=format!("{b:?}") data-amount=bucket.amount.to_string() data-count=bucket.count>
                                    <th scope="row">{move || bucket_name(t(), b)}</th>
                                    <td class="amount">{move || fmt.with_value(|f| f(bucket.amount))}</td>
                                    <td>{bucket.count}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            {ageing_chart}
            <h3>{move || t().dso_monthly}</h3>
            {dso_chart}
            <h3>{move || t().top_late}</h3>
            {if fv.top_late_payers.is_empty() {
                view! { <p class="empty">{move || t().nobody_late}</p> }.into_any()
            } else {
                view! {
                    <table class="report-table" data-table="late">
                        <thead>
                            <tr>
                                <th scope="col">{move || t().client}</th>
                                <th scope="col">{move || t().overdue}</th>
                                <th scope="col">{move || t().avg_days_late}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {fv.top_late_payers
                                .iter()
                                .cloned()
                                .map(|p| {
                                    view! {
                                        <tr data-client=p.client_id.clone() data-amount=p.overdue.to_string()>
                                            <td>{p.legal_name.clone()}</td>
                                            <td class="amount">
                                                {move || fmt.with_value(|f| f(p.overdue))} " (" {p.overdue_count} ")"
                                            </td>
                                            <td>{move || days(p.average_days_late, lang())}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            }}
            <h3>{move || t().expected}</h3>
            <table class="report-table" data-table="expected">
                <tbody>
                    <tr data-expected="7" data-amount=fv.expected.next_7_days.amount.to_string()>
                        <th scope="row">{move || t().next_7}</th>
                        <td class="amount">{move || fmt.with_value(|f| f(fv.expected.next_7_days.amount))}</td>
                        <td>{fv.expected.next_7_days.count}</td>
                    </tr>
                    <tr data-expected="30" data-amount=fv.expected.next_30_days.amount.to_string()>
                        <th scope="row">{move || t().next_30}</th>
                        <td class="amount">{move || fmt.with_value(|f| f(fv.expected.next_30_days.amount))}</td>
                        <td>{fv.expected.next_30_days.count}</td>
                    </tr>
                    {fv.expected
                        .weeks
                        .iter()
                        .cloned()
                        .map(|w| {
                            view! {
                                <tr data-week=w.monday.to_string() data-amount=w.expected.amount.to_string()>
                                    <th scope="row">{move || (t().week_of)(&show_date(w.monday, lang()))}</th>
                                    <td class="amount">{move || fmt.with_value(|f| f(w.expected.amount))}</td>
                                    <td>{w.expected.count}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// `11/26` or `Nov 26` (chrono's `%m/%y` and `%b %y`, written by hand: its strftime
/// interpreter is code every user downloads).
fn month_label(end: NaiveDate, lang: Lang) -> String {
    let year = end.year().rem_euclid(100);
    match lang {
        Lang::Es => format!("{:02}/{year:02}", end.month()),
        Lang::En => format!("{} {year:02}", cobro_core::reminder_text::month_abbr(end)),
    }
}

#[component]
fn ClientTable(clients: Vec<ClientStats>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let shown = RwSignal::new(LIST_PAGE);
    let total = clients.len();
    view! {
        <section class="report-clients">
            <h2>{move || t().per_client}</h2>
            <div class="table-scroll">
                <table class="report-table" data-table="clients">
                    <thead>
                        <tr>
                            <th scope="col">{move || t().client}</th>
                            <th scope="col">{move || t().paid_count}</th>
                            <th scope="col">{move || t().avg_days_to_pay}</th>
                            <th scope="col">{move || t().paid_late_pct}</th>
                            <th scope="col">{move || t().avg_days_late}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let lang = i18n.lang.get();
                            clients
                            .iter()
                            .take(shown.get())
                            .map(|c| {
                                view! {
                                    <tr data-client=c.client_id.clone() data-days=c.average_days_to_pay.map(|d| d.to_string()).unwrap_or_default()>
                                        <td>{c.legal_name.clone()}</td>
                                        <td>{c.paid_count}</td>
                                        <td>{days(c.average_days_to_pay, lang)}</td>
                                        <td>{pct(c.paid_late_pct, lang)}</td>
                                        <td>{days(c.average_days_late, lang)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            <ShowMore shown=shown total=Signal::stored(total) id="report-clients" />
        </section>
    }
}
