//! A second look before an action that cannot be undone (issuing, deleting): a panel over
//! the page that says what will happen, with the safe choice one tap away. In-page, not the
//! browser's `confirm()`, so it speaks the app's language and can show figures.

use leptos::html;
use leptos::prelude::*;

/// The panel; `facts` are label/value pairs (the number an invoice will take…).
#[component]
pub fn Confirm(
    /// Stable hook: `issue-confirm`, `delete-confirm`.
    id: &'static str,
    title: String,
    facts: Vec<(String, String, &'static str)>,
    note: String,
    yes: String,
    yes_id: &'static str,
    no: String,
    no_id: &'static str,
    /// The yes button is dangerous (deleting): drawn as such.
    #[prop(optional)]
    danger: bool,
    busy: Signal<bool>,
    on_yes: Callback<()>,
    on_no: Callback<()>,
) -> impl IntoView {
    let (title_id, labelled_by) = (format!("{id}-title"), format!("{id}-title"));
    let (note_id, described_by) = (format!("{id}-note"), format!("{id}-note"));
    let yes_ref = NodeRef::<html::Button>::new();
    // The safe way on is the keyboard's first stop: Escape or Tab+Enter never confirm by
    // accident, but the confirming button is focused so the flow stays quick.
    Effect::new(move |_| {
        if let Some(b) = yes_ref.get() {
            let _ = b.focus();
        }
    });
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            on_no.run(());
        }
    };
    view! {
        <div class="confirm-backdrop no-print">
            <section
                class="confirm"
                id=id
                role="alertdialog"
                aria-modal="true"
                aria-labelledby=labelled_by
                aria-describedby=described_by
                on:keydown=on_key
            >
                <h2 id=title_id>{title}</h2>
                {(!facts.is_empty()).then(|| view! {
                    <dl class="confirm-facts">
                        {facts
                            .into_iter()
                            .map(|(label, value, key)| view! {
                                <div class="confirm-fact">
                                    <dt>{label}</dt>
                                    <dd id=format!("{id}-{key}")>{value}</dd>
                                </div>
                            })
                            .collect_view()}
                    </dl>
                })}
                <p id=note_id class="confirm-note">{note}</p>
                <div class="actions">
                    <button
                        type="button"
                        id=yes_id
                        class:danger=danger
                        node_ref=yes_ref
                        disabled=move || busy.get()
                        on:click=move |_| on_yes.run(())
                    >
                        {yes}
                    </button>
                    <button type="button" class="secondary" id=no_id on:click=move |_| on_no.run(())>
                        {no}
                    </button>
                </div>
            </section>
        </div>
    }
}
