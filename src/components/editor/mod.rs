//! One editor for invoices and quotes. It holds what is typed as text ([`DraftInput`]),
//! keeps it on this device on every change ([`buffer`]) and saves the draft whenever the core
//! accepts the text as a draft, so nothing typed is ever lost while a field is wrong; each
//! problem shows at its field. Invoices are issued after a confirmation that names the
//! number they will take; drafts can be deleted after one.

pub mod buffer;
mod confirm;
mod form;
mod lines;
mod methods;

pub use form::{LineForm, LineOwner};
pub use lines::{LineEditor, LinesContext};
pub use methods::MethodChoice;

use crate::components::invoicing::fields::tr;
use crate::components::invoicing::totals::TotalsView;
use crate::components::page::Page;
use crate::components::when::When;
use crate::components::with_data::WithData;
use crate::i18n::{documents, invoicing, use_i18n};
use crate::platform::clock;
use crate::platform::route::{navigate, replace_hash};
use crate::state::{use_app, AppState};
use crate::storage::new_id;
use cobro_core::draft::{self, IssuePreview};
use cobro_core::draft_input::{self, DraftInput, FieldId, FieldProblem};
use cobro_core::lifecycle::{self, LifecycleError};
use cobro_core::money::format_amount;
use cobro_core::tax::Totals;
use cobro_core::usage;
use cobro_core::{AppSettings, Client, Dataset, Invoice, Lang, Quote};
use confirm::Confirm;
use form::Form;
use leptos::prelude::*;
use leptos::task::spawn_local;
use lines::FieldProblem as ProblemNote;
use std::sync::Arc;
use std::time::Duration;

pub use cobro_core::draft::DraftKind;

/// The record being edited, as stored (or as a new one starts).
#[derive(Clone, PartialEq)]
enum Base {
    Invoice(Invoice),
    Quote(Quote),
}

/// A draft the core accepted, ready to store.
#[derive(Clone, PartialEq)]
enum Doc {
    Invoice(Invoice),
    Quote(Quote),
}

impl Base {
    fn parse(&self, input: &DraftInput) -> Result<Doc, Vec<FieldProblem>> {
        match self {
            Base::Invoice(b) => draft_input::parse_invoice(input, b).map(Doc::Invoice),
            Base::Quote(b) => draft_input::parse_quote(input, b).map(Doc::Quote),
        }
    }

    fn input(&self, lang: Lang) -> DraftInput {
        match self {
            Base::Invoice(i) => DraftInput::from_invoice(i, lang),
            Base::Quote(q) => DraftInput::from_quote(q, lang),
        }
    }
}

/// Where a draft's saving stands.
#[derive(Clone, PartialEq)]
enum SaveState {
    Idle,
    Saving,
    Saved,
    Failed(String),
}

/// The draft `id` of `kind` (`None`: a new one, for `client` when given).
#[component]
pub fn DocumentEditor(kind: DraftKind, id: Option<String>, client: Option<String>) -> impl IntoView {
    let app = use_app();
    // The form reads the data once (typing must survive other tabs' reloads), so it is
    // mounted again only when the draft appears or disappears: opened right after a
    // restore, it would otherwise say "not found" until the next visit.
    let wanted = id.clone();
    let present = Memo::new(move |_| {
        app.data.with(|d| match (d, &wanted) {
            (Some(d), Some(id)) => match kind {
                DraftKind::Invoice => d.invoices.iter().any(|i| &i.id == id),
                DraftKind::Quote => d.quotes.iter().any(|q| &q.id == id),
            },
            _ => true,
        })
    });
    move || {
        present.track();
        let (id, client) = (id.clone(), client.clone());
        view! {
            <WithData child=move |data| view! { <EditorForm data=data kind=kind id=id.clone() client=client.clone() /> } />
        }
    }
}

fn page_id(kind: DraftKind) -> &'static str {
    match kind {
        DraftKind::Invoice => "invoice-edit",
        DraftKind::Quote => "quote-edit",
    }
}

fn list_href(kind: DraftKind) -> &'static str {
    match kind {
        DraftKind::Invoice => "#/invoices",
        DraftKind::Quote => "#/quotes",
    }
}

fn view_href(kind: DraftKind, id: &str) -> String {
    format!("{}/{id}", list_href(kind))
}

/// The stored draft, or why it cannot be edited here.
fn stored(data: &Dataset, kind: DraftKind, id: &str) -> Option<Result<Base, LifecycleError>> {
    match kind {
        DraftKind::Invoice => data
            .invoices
            .iter()
            .find(|i| i.id == id)
            .map(|i| lifecycle::ensure_editable(i).map(|()| Base::Invoice(i.clone()))),
        DraftKind::Quote => data
            .quotes
            .iter()
            .find(|q| q.id == id)
            .map(|q| draft::ensure_quote_editable(q).map(|()| Base::Quote(q.clone()))),
    }
}

fn fresh(kind: DraftKind, settings: &AppSettings, id: String) -> Base {
    let (today, now) = (clock::today(), clock::now());
    match kind {
        DraftKind::Invoice => Base::Invoice(draft::new_invoice(settings, today, id, now)),
        DraftKind::Quote => Base::Quote(draft::new_quote(settings, today, id, now)),
    }
}

#[component]
fn EditorForm(
    data: Arc<Dataset>,
    kind: DraftKind,
    id: Option<String>,
    client: Option<String>,
) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let lang0 = i18n.lang.get_untracked();
    let t0 = invoicing::texts(lang0);
    let title = match (kind, id.is_some()) {
        (DraftKind::Invoice, false) => tr(|t| t.new_invoice),
        (DraftKind::Invoice, true) => tr(|t| t.edit_invoice),
        (DraftKind::Quote, false) => tr(|t| t.new_quote),
        (DraftKind::Quote, true) => tr(|t| t.quote),
    };

    // What is edited: a stored draft, the new draft left unfinished on this device, or a new one.
    let (base, stored_input, restored) = match &id {
        Some(id) => match stored(&data, kind, id) {
            None => {
                return view! {
                    <Page title=title id=page_id(kind)>
                        <p class="form-error" role="alert">{t0.not_found}</p>
                    </Page>
                }
                .into_any()
            }
            Some(Err(e)) => {
                let msg = invoicing::lifecycle_error(&e, lang0);
                let href = view_href(kind, id);
                return view! {
                    <Page title=title id=page_id(kind)>
                        <p class="form-error" role="alert" id="invoice-locked">{msg}</p>
                        <a href=href>{t0.back}</a>
                    </Page>
                }
                .into_any();
            }
            Some(Ok(base)) => {
                let saved = base.input(lang0);
                let typed = buffer::read(kind, id).filter(|b| *b != saved);
                (base, Some(saved), typed)
            }
        },
        None => {
            let pending = buffer::unfinished(kind);
            let exists = |pid: &str| stored(&data, kind, pid).is_some();
            match pending {
                Some(pid) if !exists(&pid) => {
                    let typed = buffer::read(kind, &pid);
                    (fresh(kind, &data.settings, pid), None, typed)
                }
                other => {
                    if other.is_some() {
                        buffer::clear_pending(kind);
                    }
                    (fresh(kind, &data.settings, new_id()), None, None)
                }
            }
        }
    };
    let doc_id = match &base {
        Base::Invoice(i) => i.id.clone(),
        Base::Quote(q) => q.id.clone(),
    };
    // What the form shows when nothing typed is kept: the stored draft, or a new one (for
    // the client the address names).
    let mut fresh_input = base.input(lang0);
    let chosen = client
        .as_deref()
        .and_then(|cid| data.clients.iter().find(|c| c.id == cid));
    if let (None, Some(c)) = (&stored_input, chosen) {
        draft::choose_client(&mut fresh_input, c, kind);
    }
    let form = Form::new(restored.as_ref().unwrap_or(&fresh_input));
    let fresh_input = StoredValue::new(fresh_input);
    let base = StoredValue::new(base);
    let doc_id = StoredValue::new(doc_id);
    // The input as it is stored in the record (`None` until the record exists).
    let record_input = StoredValue::new(stored_input.clone());
    let is_restored = RwSignal::new(restored.is_some());
    let prefix = match kind {
        DraftKind::Invoice => "inv",
        DraftKind::Quote => "quote",
    };

    let input = Memo::new(move |_| form.input());
    let parsed = Memo::new(move |_| input.with(|i| base.with_value(|b| b.parse(i))));
    // Pickers leave archived records out, except those this draft already names.
    let keep_client = form.client.get_untracked();
    let clients = Memo::new(move |_| {
        app.read(|d| {
            usage::pickable(&d.clients, Some(&keep_client))
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let client_of = move |cid: &str| clients.with_untracked(|cs| cs.iter().find(|c| c.id == cid).cloned());
    let selected_client = Memo::new(move |_| {
        let cid = form.client.get();
        clients.with(|cs| cs.iter().find(|c| c.id == cid).cloned())
    });
    // Problems show once the draft is stored, restored or touched: a new form does not start
    // by scolding.
    let touched = RwSignal::new(stored_input.is_some() || restored.is_some() || chosen.is_some());
    let attempted = RwSignal::new(false);
    let issue_problems = Memo::new(move |_| {
        if !attempted.get() || kind != DraftKind::Invoice {
            return Vec::new();
        }
        match (parsed.get(), selected_client.get()) {
            (Ok(Doc::Invoice(inv)), Some(c)) => match lifecycle::validate_draft(&inv, &c) {
                Err(ps) => draft_input::issue_problems(&ps),
                Ok(()) => Vec::new(),
            },
            _ => Vec::new(),
        }
    });
    let problems = Memo::new(move |_| {
        if !touched.get() && !attempted.get() {
            return Vec::new();
        }
        let mut all = parsed.with(|p| p.as_ref().err().cloned().unwrap_or_default());
        all.extend(issue_problems.get());
        all
    });
    let problem_at = move |field: FieldId| {
        Signal::derive(move || {
            let lang = i18n.lang.get();
            problems.with(|ps| {
                ps.iter()
                    .find(|p| p.field == field)
                    .map(|p| documents::problem(field, &p.problem, lang))
            })
        })
    };
    // Problems no field shows (the series, the lines as a whole).
    let general = Signal::derive(move || {
        let lang = i18n.lang.get();
        problems.with(|ps| {
            ps.iter()
                .filter(|p| matches!(p.field, FieldId::Series | FieldId::Lines))
                .map(|p| documents::problem(p.field, &p.problem, lang))
                .collect::<Vec<_>>()
        })
    });
    let live = Memo::new(move |_| input.with(draft_input::live_totals));
    let currency = Signal::derive(move || form.currency.get().trim().to_uppercase());
    let totals = Signal::derive(move || -> Result<Totals, String> {
        live.get().ok_or_else(|| {
            let lang = i18n.lang.get();
            documents::attention(problems.with(Vec::len).max(1), lang)
        })
    });

    // Saving: the text is kept on the device at every change; the draft is written 600 ms
    // after the last change that makes it a valid draft.
    let state = RwSignal::new(SaveState::Idle);
    let generation = StoredValue::new(0u64);
    let save_now = move |doc: Doc, typed: DraftInput| async move {
        // The editor may be gone by the time this finishes: only `try_` access after an await.
        let lang = i18n.lang.try_get_untracked().unwrap_or_default();
        state.try_set(SaveState::Saving);
        match save(app, doc, lang).await {
            Ok(id) => {
                state.try_set(SaveState::Saved);
                let first = record_input.try_with_value(Option::is_none).unwrap_or(false);
                record_input.try_set_value(Some(typed.clone()));
                if untrack(|| input.try_get()) == Some(typed) {
                    buffer::remove(kind, &id);
                }
                if first {
                    buffer::clear_pending(kind);
                    replace_hash(&format!("{}/{id}/edit", list_href(kind)));
                }
                true
            }
            Err(e) => {
                state.try_set(SaveState::Failed(e));
                false
            }
        }
    };
    Effect::new(move |_| {
        let typed = input.get();
        // Any change makes a save still waiting for its 600 ms out of date.
        generation.update_value(|g| *g += 1);
        let id = doc_id.get_value();
        let stored = record_input.get_value();
        // Nothing to keep: what is typed is what is stored (or the untouched new form).
        let baseline = stored.clone().unwrap_or_else(|| fresh_input.get_value());
        if typed == baseline {
            buffer::remove(kind, &id);
            if stored.is_none() {
                buffer::clear_pending(kind);
            }
            return;
        }
        touched.set(true);
        buffer::write(kind, &id, &typed);
        if stored.is_none() {
            buffer::set_pending(kind, &id);
        }
        let Ok(doc) = parsed.get_untracked() else {
            return;
        };
        let mine = generation.get_value();
        set_timeout(
            move || {
                if generation.try_get_value() == Some(mine) {
                    spawn_local(async move {
                        save_now(doc, typed).await;
                    });
                }
            },
            Duration::from_millis(600),
        );
    });

    let on_client = move |ev| {
        let cid = event_target_value(&ev);
        let mut typed = form.snapshot();
        match client_of(&cid) {
            Some(c) => draft::choose_client(&mut typed, &c, kind),
            None => typed.client = cid,
        }
        form.set(&typed);
    };
    let terms_days = move || {
        selected_client
            .get_untracked()
            .map(|c: Client| c.payment_terms_days)
            .unwrap_or_else(|| app.read(|d| d.settings.default_payment_terms_days))
    };
    let on_issue_date = move |ev| {
        let value = event_target_value(&ev);
        let mut typed = form.snapshot();
        let old = std::mem::replace(&mut typed.issue_date, value);
        draft::issue_date_changed(&mut typed, kind, terms_days(), &old);
        form.set(&typed);
    };

    // Leaving a restored buffer: back to what is stored (or a fresh form).
    let discard = move |_| {
        let id = doc_id.get_value();
        buffer::remove(kind, &id);
        buffer::clear_pending(kind);
        form.set(&fresh_input.get_value());
        is_restored.set(false);
        touched.set(record_input.with_value(Option::is_some));
    };

    let focus_first_problem = move || {
        request_animation_frame(|| {
            let first = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector("[aria-invalid=\"true\"]").ok().flatten());
            if let Some(el) =
                first.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
            {
                let _ = el.focus();
            }
        });
    };

    // Issuing: check, show what will happen, then issue.
    let preview = RwSignal::new(None::<IssuePreview>);
    let issue_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let do_issue = move |_| {
        let lang = i18n.lang.get_untracked();
        attempted.set(true);
        issue_error.set(None);
        let Ok(Doc::Invoice(inv)) = parsed.get_untracked() else {
            focus_first_problem();
            return;
        };
        let found = app.read(|d| {
            let series = d.series.iter().find(|s| s.id == inv.series_id).cloned();
            let client = d.clients.iter().find(|c| c.id == inv.client_id).cloned();
            Some((series, client))
        });
        let (Some(series), Some(client)) = found.unwrap_or((None, None)) else {
            issue_error.set(Some(invoicing::texts(lang).need_series.into()));
            return;
        };
        match draft::issue_preview(&inv, &client, &series) {
            Ok(p) => preview.set(Some(p)),
            Err(LifecycleError::InvalidDraft(_)) => focus_first_problem(),
            Err(e) => issue_error.set(Some(invoicing::lifecycle_error(&e, lang))),
        }
    };
    let confirm_issue = Callback::new(move |()| {
        let lang = i18n.lang.get_untracked();
        let (Ok(doc), typed) = (parsed.get_untracked(), form.snapshot()) else {
            preview.set(None);
            return;
        };
        generation.update_value(|g| *g += 1);
        busy.set(true);
        let id = doc_id.get_value();
        spawn_local(async move {
            if save_now(doc, typed).await {
                match issue(app, &id, lang).await {
                    Ok(()) => {
                        buffer::remove(kind, &id);
                        navigate(&view_href(kind, &id));
                    }
                    Err(e) => {
                        preview.try_set(None);
                        issue_error.try_set(Some(e));
                    }
                }
            } else {
                preview.try_set(None);
            }
            busy.try_set(false);
        });
    });

    // Saving a quote and seeing it.
    let save_and_view = move |_| {
        attempted.set(true);
        let (Ok(doc), typed) = (parsed.get_untracked(), form.snapshot()) else {
            focus_first_problem();
            return;
        };
        generation.update_value(|g| *g += 1);
        let id = doc_id.get_value();
        spawn_local(async move {
            if save_now(doc, typed).await {
                navigate(&view_href(kind, &id));
            }
        });
    };

    // Deleting the draft.
    let deleting = RwSignal::new(false);
    let confirm_delete = Callback::new(move |()| {
        let lang = i18n.lang.get_untracked();
        let id = doc_id.get_value();
        generation.update_value(|g| *g += 1);
        busy.set(true);
        spawn_local(async move {
            let result = delete(app, kind, &id, lang).await;
            busy.try_set(false);
            match result {
                Ok(()) => {
                    buffer::remove(kind, &id);
                    if buffer::pending(kind).as_deref() == Some(id.as_str()) {
                        buffer::clear_pending(kind);
                    }
                    navigate(list_href(kind));
                }
                Err(e) => {
                    deleting.try_set(false);
                    issue_error.try_set(Some(e));
                }
            }
        });
    });

    let status_text = move || {
        let lang = i18n.lang.get();
        let t = invoicing::texts(lang);
        let d = documents::texts(lang);
        let n = problems.with(Vec::len);
        let unsaved = parsed.with(Result::is_err) && n > 0;
        match state.get() {
            _ if unsaved => format!("{} {}", documents::attention(n, lang), d.kept_here),
            SaveState::Idle => String::new(),
            SaveState::Saving => t.saving.to_string(),
            SaveState::Saved => t.draft_saved.to_string(),
            SaveState::Failed(m) => format!("{} {m}", t.draft_not_saved),
        }
    };
    let status_class = move || {
        let unsaved = parsed.with(Result::is_err) && problems.with(|p| !p.is_empty());
        match state.get() {
            _ if unsaved => "save-state attention",
            SaveState::Failed(_) => "save-state form-error",
            _ => "save-state",
        }
    };

    // An archived catalogue item stays offered on the lines of the draft that already use it.
    let keep_items: Vec<String> = form
        .lines
        .with_untracked(|ls| ls.iter().map(|l| l.item.get_untracked()).collect());
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
    let cx = LinesContext {
        owner: form.line_owner(),
        lines: form.lines,
        items,
        default_vat,
        problem: Callback::new(move |(line, field)| {
            let at = FieldId::Line { line, field };
            let lang = i18n.lang.get();
            problems.with(|ps| {
                ps.iter()
                    .find(|p| p.field == at)
                    .map(|p| documents::problem(at, &p.problem, lang))
            })
        }),
        amounts: Signal::derive(move || live.with(|t| t.as_ref().map(|t| t.line_amounts.clone()))),
        currency,
    };
    let d = move || documents::texts(i18n.lang.get());
    let (client_problem, issue_problem) = (problem_at(FieldId::Client), problem_at(FieldId::IssueDate));
    let form_id = format!("{prefix}-form");
    let ids = move |name: &str| format!("{prefix}-{name}");

    view! {
        <Page title=title id=page_id(kind)>
            <form class="form doc-editor" id=form_id data-invoice=doc_id.get_value() data-kind=prefix on:submit=|ev| ev.prevent_default() novalidate>
                <When when=move || is_restored.get()>
                    <div class="notice-banner editor-restored" id="draft-restored" role="status">
                        <span>{move || d().recovered}</span>
                        " "
                        <button type="button" class="secondary" id="discard-input" on:click=discard>{move || d().discard_input}</button>
                    </div>
                </When>
                <fieldset class="editor-head">
                    <legend>{move || d().document_fieldset}</legend>
                    <div class="field wide f-client" class:has-problem=move || client_problem.with(Option::is_some)>
                        <label class="field-label">
                            {tr(|t| t.client)}
                            <select id=ids("client") on:change=on_client aria-invalid=move || client_problem.with(Option::is_some).then_some("true")>
                                <option value="">{tr(|t| t.choose_client)}</option>
                                {move || {
                                    clients
                                        .get()
                                        .into_iter()
                                        .map(|c| {
                                            let cid = c.id.clone();
                                            view! {
                                                <option value=c.id.clone() prop:selected=move || form.client.get() == cid>
                                                    {c.legal_name.clone()}
                                                </option>
                                            }
                                        })
                                        .collect_view()
                                }}
                            </select>
                        </label>
                        <ProblemNote problem=client_problem />
                    </div>
                    {move || selected_client.get().map(|c| {
                        let instructions = c.billing_instructions.trim().to_string();
                        view! {
                            {(c.po_required && kind == DraftKind::Invoice).then(|| view! { <p class="hint wide" id="po-hint">{tr(|t| t.po_required_hint)}</p> })}
                            {(!instructions.is_empty()).then(|| view! {
                                <p class="hint wide" id="client-instructions">
                                    <strong>{tr(|t| t.client_instructions)} ": "</strong>
                                    {instructions.clone()}
                                </p>
                            })}
                        }
                    })}
                    <EditorField label=tr(|t| t.po_number) value=form.po id=ids("po") problem=problem_at(FieldId::Po) />
                    <div class="field f-date" class:has-problem=move || issue_problem.with(Option::is_some)>
                        <label class="field-label">
                            {tr(|t| t.issue_date)}
                            <input
                                type="date"
                                id=ids("issue")
                                prop:value=move || form.issue_date.get()
                                on:change=on_issue_date
                                aria-invalid=move || issue_problem.with(Option::is_some).then_some("true")
                            />
                        </label>
                        <ProblemNote problem=issue_problem />
                    </div>
                    {match kind {
                        DraftKind::Invoice => view! {
                            <EditorField label=tr(|t| t.due_date) value=form.due_date id=ids("due") kind="date" problem=problem_at(FieldId::DueDate) class="f-date" />
                            <EditorField label=tr(|t| t.delivery_date) value=form.delivery_date id=ids("delivery") kind="date" problem=problem_at(FieldId::DeliveryDate) class="f-date" />
                        }
                        .into_any(),
                        DraftKind::Quote => view! {
                            <EditorField label=tr(|t| t.valid_until) value=form.valid_until id=ids("valid") kind="date" problem=problem_at(FieldId::ValidUntil) class="f-date" />
                        }
                        .into_any(),
                    }}
                    <EditorField label=tr(|t| t.currency) value=form.currency id=ids("currency") problem=problem_at(FieldId::Currency) class="f-currency" />
                </fieldset>
                <LineEditor cx=cx />
                <div class="editor-bottom">
                    <div class="editor-terms">
                        <fieldset class="adjustments">
                            <legend>{move || d().terms_fieldset}</legend>
                            <EditorField label=tr(|t| t.withholding_pct) value=form.withholding id=ids("withholding") inputmode="decimal" problem=problem_at(FieldId::Withholding) />
                            <EditorField label=tr(|t| t.invoice_discount_pct) value=form.discount id=ids("discount") inputmode="decimal" problem=problem_at(FieldId::Discount) />
                        </fieldset>
                        <fieldset class="adjustments early">
                            <legend>{move || d().early_fieldset}</legend>
                            <EditorField label=tr(|t| t.early_pct) value=form.early_pct id=ids("early-pct") inputmode="decimal" problem=problem_at(FieldId::EarlyPct) />
                            <EditorField label=tr(|t| t.early_days) value=form.early_days id=ids("early-days") inputmode="numeric" problem=problem_at(FieldId::EarlyDays) />
                        </fieldset>
                        <MethodChoice chosen=form.methods id=ids("methods") legend=tr(|t| t.payment_methods) />
                        <div class="field wide">
                            <label class="field-label">
                                {tr(|t| t.notes)}
                                <textarea id=ids("notes") rows="3" bind:value=form.notes></textarea>
                            </label>
                        </div>
                    </div>
                    <div class="editor-totals">
                        <TotalsView totals=totals currency=currency />
                    </div>
                </div>
                <When when=move || general.with(|g| !g.is_empty())>
                    <ul class="form-error editor-problems" id="editor-problems" role="alert">
                        {move || general.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                    </ul>
                </When>
                <p class=status_class id="save-state" role="status" aria-live="polite">{status_text}</p>
                <When when=move || issue_error.with(Option::is_some)>
                    <p class="form-error" role="alert" id="issue-error">{move || issue_error.get().unwrap_or_default()}</p>
                </When>
                <div class="actions editor-actions">
                    {match kind {
                        DraftKind::Invoice => view! {
                            <button type="button" id="issue-invoice" on:click=do_issue disabled=move || busy.get()>
                                {tr(|t| t.issue)}
                            </button>
                            <a class="button secondary" id="preview-invoice" href=move || view_href(kind, &doc_id.get_value())>
                                {move || d().preview}
                            </a>
                        }
                        .into_any(),
                        DraftKind::Quote => view! {
                            <button type="button" id="quote-save" on:click=save_and_view disabled=move || busy.get()>
                                {move || d().quote_save}
                            </button>
                        }
                        .into_any(),
                    }}
                    <button type="button" class="secondary danger" id="delete-draft" on:click=move |_| deleting.set(true)>
                        {move || d().delete_draft}
                    </button>
                    <a class="button secondary" href=list_href(kind)>{tr(|t| t.back)}</a>
                </div>
            </form>
            {move || preview.get().map(|p| issue_panel(p, i18n.lang.get(), busy.into(), confirm_issue, Callback::new(move |()| preview.set(None))))}
            {move || deleting.get().then(|| {
                let d = d();
                view! {
                    <Confirm
                        id="delete-confirm"
                        title=d.delete_title.to_string()
                        facts=Vec::new()
                        note=d.delete_text.to_string()
                        yes=d.delete_yes.to_string()
                        yes_id="confirm-delete"
                        no=d.delete_no.to_string()
                        no_id="cancel-delete"
                        danger=true
                        busy=busy.into()
                        on_yes=confirm_delete
                        on_no=Callback::new(move |()| deleting.set(false))
                    />
                }
            })}
        </Page>
    }
    .into_any()
}

/// The confirmation before issuing: number, client, total, dates.
fn issue_panel(
    p: IssuePreview,
    lang: Lang,
    busy: Signal<bool>,
    on_yes: Callback<()>,
    on_no: Callback<()>,
) -> impl IntoView {
    let d = documents::texts(lang);
    let facts = vec![
        (d.confirm_number.to_string(), p.number.clone(), "number"),
        (d.confirm_client.to_string(), p.client_name.clone(), "client"),
        (
            d.confirm_total.to_string(),
            format_amount(p.total, &p.currency, lang),
            "total",
        ),
        (
            d.confirm_issue_date.to_string(),
            invoicing::date(p.issue_date, lang),
            "issue",
        ),
        (
            d.confirm_due.to_string(),
            invoicing::date(p.due_date, lang),
            "due",
        ),
    ];
    view! {
        <Confirm
            id="issue-confirm"
            title=d.confirm_title.to_string()
            facts=facts
            note=d.confirm_final.to_string()
            yes=documents::with_n(d.confirm_yes, &p.number)
            yes_id="confirm-issue"
            no=d.confirm_no.to_string()
            no_id="cancel-issue"
            busy=busy
            on_yes=on_yes
            on_no=on_no
        />
    }
}

/// A labelled input of the editor, its problem under it.
#[component]
fn EditorField(
    label: Signal<&'static str>,
    value: RwSignal<String>,
    id: String,
    problem: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let invalid = move || problem.with(Option::is_some).then_some("true");
    view! {
        <div class=format!("field {class}") class:has-problem=move || problem.with(Option::is_some)>
            <label class="field-label">
                {move || label.get()}
                <input type=kind id=id inputmode=inputmode aria-invalid=invalid bind:value=value />
            </label>
            <ProblemNote problem=problem />
        </div>
    }
}

/// Write a draft (stamped now); returns its id.
async fn save(app: AppState, doc: Doc, lang: Lang) -> Result<String, String> {
    let db = app
        .db()
        .await
        .map_err(|e| crate::i18n::storage_message(&e, lang))?;
    let now = clock::now();
    let written = match doc {
        Doc::Invoice(inv) => {
            let inv = Invoice {
                updated_at: now,
                ..inv
            };
            db.save(&inv).await.map(|()| inv.id)
        }
        Doc::Quote(q) => {
            let q = Quote { updated_at: now, ..q };
            db.save(&q).await.map(|()| q.id)
        }
    };
    written.map_err(|e| invoicing::op_error(&e, lang))
}

async fn issue(app: AppState, id: &str, lang: Lang) -> Result<(), String> {
    let db = app
        .db()
        .await
        .map_err(|e| crate::i18n::storage_message(&e, lang))?;
    db.issue_invoice(id, clock::now())
        .await
        .map_err(|e| invoicing::op_error(&e, lang))?;
    Ok(())
}

async fn delete(app: AppState, kind: DraftKind, id: &str, lang: Lang) -> Result<(), String> {
    let db = app
        .db()
        .await
        .map_err(|e| crate::i18n::storage_message(&e, lang))?;
    match kind {
        DraftKind::Invoice => db.delete_invoice_draft(id, clock::now()).await,
        DraftKind::Quote => db.delete_quote_draft(id).await,
    }
    .map_err(|e| invoicing::op_error(&e, lang))
}
