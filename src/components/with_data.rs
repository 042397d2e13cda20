//! `<WithData>`: renders a form once the dataset has loaded, and not again on each
//! reload, so what the user is typing survives a write in this or another tab.

use crate::components::when::When;
use crate::state::use_app;
use cobro_core::Dataset;
use leptos::prelude::*;
use std::sync::Arc;

/// Renders `child` with the dataset once it has loaded (and not again on each reload,
/// so a form keeps what is being typed).
#[component]
pub fn WithData<F, V>(child: F) -> impl IntoView
where
    F: Fn(Arc<Dataset>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    // Only the child is generic: the `Show` and its closures exist once for every caller.
    with_data(Arc::new(move |d| child(d).into_any()))
}

fn with_data(child: Arc<dyn Fn(Arc<Dataset>) -> AnyView + Send + Sync>) -> impl IntoView {
    let app = use_app();
    view! {
        <When when=move || app.data.with(Option::is_some)>
            {
                let child = child.clone();
                move || app.data.get_untracked().map(|d| child(d))
            }
        </When>
    }
}
