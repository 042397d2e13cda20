//! "A new version is available — Reload": shown when the service worker has a waiting build.

use crate::components::when::When;
use crate::i18n::use_i18n;
use crate::platform::sw::WaitingUpdate;
use leptos::prelude::*;

#[component]
pub fn UpdateBanner(update: ReadSignal<Option<WaitingUpdate>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <When when=move || update.with(Option::is_some)>
            <div class="update-banner" role="status" id="update-banner">
                <span>{move || i18n.t().update_available}</span>
                <button
                    type="button"
                    on:click=move |_| {
                        if let Some(u) = update.get_untracked() {
                            u.activate();
                        }
                    }
                >
                    {move || i18n.t().update_reload}
                </button>
            </div>
        </When>
    }
}
