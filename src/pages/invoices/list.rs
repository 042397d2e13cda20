//! The invoice list: invoices and their credit notes, rows computed once per dataset,
//! filtered per keystroke, shown in pages so that years of invoices never slow typing down.
//! The total of what is shown leaves out cancelled invoices and the credit notes that
//! cancelled them, and says how many it left out.

use crate::components::editor::{buffer, DraftKind};
use crate::components::empty_state::EmptyState;
use crate::components::filters::Filters;
use crate::components::invoicing::fields::{self, tr, Field};
use crate::components::page::Page;
use crate::components::when::When;
use crate::i18n::{documents, guide, invoicing, use_i18n};
use crate::platform::clock;
use crate::state::use_app;
use chrono::NaiveDate;
use cobro_core::guide::Screen;
use cobro_core::ledger::Ledger;
use cobro_core::lifecycle::InvoiceStatus;
use cobro_core::money::format_amount;
use cobro_core::tax;
use cobro_core::Dataset;
use leptos::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::sync::Arc;

/// One invoice as the list shows it, computed once per dataset (status, total,
/// client name, the lower-cased text the search looks in), so a keystroke in
/// the search only filters: with years of invoices, rebuilding the ledger and
/// every total per keystroke was what made typing lag.
struct ListRow {
    id: String,
    /// Where the row leads: the document, or the editor of a draft.
    href: String,
    number: Option<String>,
    client_id: String,
    client: String,
    client_key: String,
    issue_date: NaiveDate,
    currency: String,
    /// `None` for a credit note.
    status: Option<InvoiceStatus>,
    /// Signed: a credit note takes its total off.
    total: Option<Decimal>,
    /// Whether the total of what is shown counts it: not a cancelled invoice, nor the credit
    /// note that cancelled one (together they are nothing).
    counted: bool,
    haystack: String,
}

/// The status filter's value for credit notes.
const CREDIT_NOTE: &str = "credit-note";

impl ListRow {
    fn slug(&self) -> &'static str {
        self.status.map_or(CREDIT_NOTE, invoicing::status_slug)
    }
}

/// The rows of one dataset; equal only to itself, so a memo of it never
/// compares thousands of rows.
#[derive(Clone)]
struct ListRows(Arc<Vec<Arc<ListRow>>>);

impl PartialEq for ListRows {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Rows rendered at first and added by each "show more": more than a desktop screen
/// holds, few enough that a keystroke which replaces every row stays near a frame.
/// The benchmark measured 200: a keystroke replacing them took ~100 ms with 10 000
/// invoices, nearly all of it building and laying out rows nobody had scrolled to.
const LIST_PAGE: usize = 50;

/// Whether the filtered rows changed: other rows, or rows of another dataset
/// (pointer comparison, so an unchanged result notifies nothing and costs nothing).
fn rows_changed(a: Option<&Vec<Arc<ListRow>>>, b: Option<&Vec<Arc<ListRow>>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.len() != b.len() || a.iter().zip(b).any(|(x, y)| !Arc::ptr_eq(x, y)),
        _ => true,
    }
}

fn list_rows(data: &Dataset, today: NaiveDate) -> ListRows {
    let ledger = Ledger::new(data);
    let name = |id: &str| {
        ledger
            .client(id)
            .map(|c| c.legal_name.clone())
            .unwrap_or_default()
    };
    let invoices = data.invoices.iter().filter_map(|inv| {
        let status = ledger.status(inv, today).ok()?;
        let client = name(&inv.client_id);
        let haystack = format!(
            "{} {} {}",
            inv.number.as_deref().unwrap_or_default(),
            client,
            inv.po_number
        )
        .to_lowercase();
        let href = if inv.number.is_some() {
            format!("#/invoices/{}", inv.id)
        } else {
            format!("#/invoices/{}/edit", inv.id)
        };
        Some(Arc::new(ListRow {
            id: inv.id.clone(),
            href,
            number: inv.number.clone(),
            client_id: inv.client_id.clone(),
            client_key: client.to_lowercase(),
            client,
            issue_date: inv.issue_date,
            currency: inv.currency.clone(),
            status: Some(status),
            total: tax::invoice_total(inv).ok(),
            counted: status != InvoiceStatus::Cancelled,
            haystack,
        }))
    });
    let notes = data
        .credit_notes
        .iter()
        .filter(|cn| cn.number.is_some())
        .map(|cn| {
            let client = name(&cn.client_id);
            let number = cn.number.clone();
            let haystack = format!("{} {client}", number.as_deref().unwrap_or_default()).to_lowercase();
            // A note that cancelled its invoice is left out with it; a partial one takes its
            // amount off the total.
            let cancelled = ledger
                .invoice(&cn.invoice_id)
                .is_some_and(|i| i.cancelled_by.as_deref() == Some(cn.id.as_str()));
            Arc::new(ListRow {
                id: cn.id.clone(),
                href: format!("#/invoices/credit-notes/{}", cn.id),
                number,
                client_id: cn.client_id.clone(),
                client_key: client.to_lowercase(),
                client,
                issue_date: cn.issue_date,
                currency: cn.currency.clone(),
                status: None,
                total: tax::credit_note_total(cn).ok().map(|t| -t),
                counted: !cancelled,
                haystack,
            })
        });
    ListRows(Arc::new(invoices.chain(notes).collect()))
}

#[component]
pub(super) fn InvoiceList() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let status_filter = RwSignal::new(String::new());
    let client_filter = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let date_from = RwSignal::new(String::new());
    let date_to = RwSignal::new(String::new());
    let sort = RwSignal::new(String::from("number"));
    let limit = RwSignal::new(LIST_PAGE);
    // Once per dataset.
    let all = Memo::new(move |_| {
        app.data.with(|d| {
            d.as_deref()
                .map(|data| list_rows(data, clock::today()))
                .unwrap_or_else(|| ListRows(Arc::new(Vec::new())))
        })
    });
    // Once per dataset and sort order (filtering keeps the order).
    let sorted = Memo::new(move |_| {
        let rows = all.get();
        let mode = sort.get();
        let mut order: Vec<&Arc<ListRow>> = rows.0.iter().collect();
        let newest = |a: &ListRow, b: &ListRow| b.issue_date.cmp(&a.issue_date).then(b.number.cmp(&a.number));
        match mode.as_str() {
            "oldest" => cobro_core::order::sort_by(&mut order, |a, b| newest(b, a)),
            "amount" => {
                cobro_core::order::sort_by(&mut order, |a, b| b.total.cmp(&a.total).then(newest(a, b)))
            }
            "client" => cobro_core::order::sort_by(&mut order, |a, b| {
                a.client_key.cmp(&b.client_key).then(newest(a, b))
            }),
            _ => cobro_core::order::sort_by(&mut order, |a, b| newest(a, b)),
        }
        let order: Vec<Arc<ListRow>> = order.into_iter().cloned().collect();
        ListRows(Arc::new(order))
    });
    let rows = Memo::new_with_compare(
        move |_| {
            let needle = text.get().trim().to_lowercase();
            let st = status_filter.get();
            let cl = client_filter.get();
            let day = |s: String| fields::date(&s);
            let (from, to) = (day(date_from.get()), day(date_to.get()));
            sorted.with(|order| {
                order
                    .0
                    .iter()
                    .filter(|r| {
                        (st.is_empty() || st == r.slug())
                            && (cl.is_empty() || cl == r.client_id)
                            && (needle.is_empty() || r.haystack.contains(&needle))
                            && from.is_none_or(|f| r.issue_date >= f)
                            && to.is_none_or(|t| r.issue_date <= t)
                    })
                    .cloned()
                    .collect::<Vec<_>>()
            })
        },
        rows_changed,
    );
    // The list below is rebuilt only when this flips, and updated row by row otherwise.
    let empty = Memo::new(move |_| rows.with(Vec::is_empty));
    let by_currency = Memo::new(move |_| {
        let mut by_cur: BTreeMap<String, Decimal> = BTreeMap::new();
        rows.with(|rows| {
            for r in rows.iter().filter(|r| r.counted) {
                *by_cur.entry(r.currency.clone()).or_default() += r.total.unwrap_or_default();
            }
        });
        by_cur
    });
    // Cancelled invoices among the rows shown, which the total leaves out.
    let left_out = Memo::new(move |_| {
        rows.with(|rows| {
            rows.iter()
                .filter(|r| r.status == Some(InvoiceStatus::Cancelled))
                .count()
        })
    });
    let unfinished = buffer::unfinished(DraftKind::Invoice).is_some();
    // For tests and assistive tooling: "EUR=1234.50;USD=10.00".
    let sums_data = move || {
        by_currency
            .get()
            .into_iter()
            .map(|(c, d)| format!("{c}={d}"))
            .collect::<Vec<_>>()
            .join(";")
    };
    let sums = move || {
        let lang = i18n.lang.get();
        by_currency
            .get()
            .into_iter()
            .map(|(c, d)| format_amount(d, &c, lang))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let clients = move || app.read(|d| d.clients.clone());
    let active_filters = Signal::derive(move || {
        [status_filter, client_filter, date_from, date_to]
            .iter()
            .filter(|f| f.with(|v| !v.is_empty()))
            .count()
    });
    view! {
        <Page title=Signal::derive(move || crate::i18n::texts(i18n.lang.get()).nav_invoices) id="invoices">
            <div class="toolbar">
                <a class="button" id="new-invoice" href="#/invoices/new">{tr(|t| t.new_invoice)}</a>
                <a class="button secondary" id="to-recurring" href="#/recurring">
                    {move || crate::i18n::recurring::texts(i18n.lang.get()).title}
                </a>
            <Filters active=active_filters>
                <label class="field">
                    <span class="field-label">{tr(|t| t.status)}</span>
                    <select id="filter-status" on:change=move |ev| status_filter.set(event_target_value(&ev))>
                        <option value="">{tr(|t| t.all)}</option>
                        {move || {
                            let lang = i18n.lang.get();
                            invoicing::STATUSES
                                .map(|s| view! { <option value=invoicing::status_slug(s)>{invoicing::status(s, lang)}</option> })
                                .collect_view()
                        }}
                        <option value=CREDIT_NOTE>{move || documents::texts(i18n.lang.get()).kind_credit_note}</option>
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">{tr(|t| t.client)}</span>
                    <select id="filter-client" on:change=move |ev| client_filter.set(event_target_value(&ev))>
                        <option value="">{tr(|t| t.all)}</option>
                        {move || clients().into_iter().map(|c| view! { <option value=c.id.clone()>{c.legal_name.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <Field label=tr(|t| t.date_from) value=date_from id="filter-from" kind="date" />
                <Field label=tr(|t| t.date_to) value=date_to id="filter-to" kind="date" />
                <label class="field">
                    <span class="field-label">{tr(|t| t.sort_by)}</span>
                    <select id="sort-by" on:change=move |ev| sort.set(event_target_value(&ev))>
                        <option value="number">{tr(|t| t.sort_number)}</option>
                        <option value="oldest">{tr(|t| t.sort_oldest)}</option>
                        <option value="amount">{tr(|t| t.sort_amount)}</option>
                        <option value="client">{tr(|t| t.sort_client)}</option>
                    </select>
                </label>
            </Filters>
            </div>
            {unfinished.then(|| view! {
                <p class="notice-banner" id="unfinished-invoice">
                    {move || documents::texts(i18n.lang.get()).pending_new_invoice} " "
                    <a href="#/invoices/new">{move || documents::texts(i18n.lang.get()).continue_it}</a>
                </p>
            })}
            <Field label=tr(|t| t.text_filter) value=text id="filter-text" kind="search" />
            <p class="shown-total" id="shown-total" data-amounts=sums_data data-left-out=move || left_out.get()>
                {tr(|t| t.shown_total)} ": " <strong>{sums}</strong>
                {move || {
                    let n = left_out.get();
                    (n > 0).then(|| {
                        let text = documents::with_n(documents::texts(i18n.lang.get()).left_out_cancelled, n);
                        view! { " " <span class="left-out" id="left-out">"(" {text} ")"</span> }
                    })
                }}
            </p>
            {move || {
                let lang = i18n.lang.get();
                let t = invoicing::texts(lang);
                if empty.get() {
                    return if all.with(|a| a.0.is_empty()) {
                        view! { <EmptyState screen=Screen::Invoices id="invoices-empty" /> }.into_any()
                    } else {
                        view! { <p class="empty" id="no-match">{guide::texts(lang).no_match}</p> }.into_any()
                    };
                }
                view! {
                    <ul class="doc-list" id="invoice-list">
                        <For
                            each=move || rows.with(|r| r.iter().take(limit.get()).cloned().collect::<Vec<_>>())
                            key=|r| Arc::as_ptr(r) as usize
                            children=move |r| {
                                let href = r.href.clone();
                                let number = r.number.clone().unwrap_or_else(|| t.draft.to_string());
                                let status = match r.status {
                                    Some(s) => invoicing::status(s, lang),
                                    None => documents::texts(lang).kind_credit_note,
                                };
                                let amount = r.total.map(|d| format_amount(d, &r.currency, lang)).unwrap_or_default();
                                view! {
                                    <li
                                        class="doc-row"
                                        data-invoice=r.id.clone()
                                        data-kind=if r.status.is_some() { "invoice" } else { CREDIT_NOTE }
                                        data-counted=r.counted.to_string()
                                        data-status=r.slug()
                                        data-date=r.issue_date.to_string()
                                        data-amount=r.total.map(|d| d.to_string()).unwrap_or_default()
                                        data-client=r.client.clone()
                                    >
                                        <a href=href>
                                            <span class="doc-row-number">{number}</span>
                                            <span class="doc-row-client">{r.client.clone()}</span>
                                            <span class="doc-row-date">{invoicing::date(r.issue_date, lang)}</span>
                                            <span class="doc-row-status">{status}</span>
                                            <span class="doc-row-amount">{amount}</span>
                                        </a>
                                    </li>
                                }
                            }
                        />
                    </ul>
                    <When when=move || { rows.with(Vec::len) > limit.get() }>
                        <p class="list-more">
                            <span id="list-count" data-shown=move || limit.get().min(rows.with(Vec::len)) data-total=move || rows.with(Vec::len)>
                                {move || format!("{} / {}", limit.get().min(rows.with(Vec::len)), rows.with(Vec::len))}
                            </span>
                            " "
                            <button type="button" class="secondary" id="show-more" on:click=move |_| limit.update(|l| *l += LIST_PAGE)>
                                {tr(|t| t.show_more)}
                            </button>
                        </p>
                    </When>
                }
                .into_any()
            }}
        </Page>
    }
}
