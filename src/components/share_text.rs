//! A ready-made text (a reminder, a letter) and the three ways to send it: copy it to the
//! clipboard (everywhere, with a visible confirmation), the share sheet (where the browser
//! has one: phones) and the mail app (when there is an address). The text itself can be read
//! before sending, and selected by hand if copying fails.

use super::icons::{Icon, Svg};
use crate::i18n::{guide::texts, use_i18n};
use crate::platform::{clipboard, share};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// How long the "copied" confirmation stays (the status line announces it once).
const CONFIRMATION: Duration = Duration::from_secs(5);

/// What the last attempt to copy or share said.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Said {
    Nothing,
    Copied,
    CopyFailed,
    ShareFailed,
}

impl Said {
    /// For styling and tests (`data-said`).
    fn slug(self) -> &'static str {
        match self {
            Said::Nothing => "",
            Said::Copied => "copied",
            Said::CopyFailed => "copy-failed",
            Said::ShareFailed => "share-failed",
        }
    }
}

#[component]
pub fn ShareText(
    /// The email's subject, also the share sheet's title.
    subject: String,
    /// The message.
    body: String,
    /// A ready `mailto:` link, when there is an address to write to.
    mailto: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || texts(i18n.lang.get());
    let said = RwSignal::new(Said::Nothing);
    // Each confirmation clears only itself, not a newer one.
    let attempt = StoredValue::new(0u32);
    let text = StoredValue::new((subject.clone(), body.clone()));
    let on_copy = move |_| {
        let (_, body) = text.get_value();
        attempt.update_value(|n| *n += 1);
        let this = attempt.get_value();
        spawn_local(async move {
            let result = clipboard::copy(&body).await;
            said.try_set(if result.is_ok() {
                Said::Copied
            } else {
                Said::CopyFailed
            });
            if result.is_ok() {
                set_timeout(
                    move || {
                        if attempt.try_get_value() == Some(this) {
                            said.try_set(Said::Nothing);
                        }
                    },
                    CONFIRMATION,
                );
            }
        });
    };
    let on_share = move |_| {
        let (subject, body) = text.get_value();
        spawn_local(async move {
            if share::share(&subject, &body).await.is_err() {
                said.try_set(Said::ShareFailed);
            }
        });
    };
    view! {
        <div class="share-text">
            <div class="share-actions">
                <button type="button" class="secondary" data-action="copy" on:click=on_copy>
                    <Svg icon=Icon::Copy />
                    <span>{move || t().copy}</span>
                </button>
                {share::available()
                    .then(|| {
                        view! {
                            <button type="button" class="secondary" data-action="share" on:click=on_share>
                                <Svg icon=Icon::Share />
                                <span>{move || t().share}</span>
                            </button>
                        }
                    })}
                {mailto
                    .map(|href| {
                        view! {
                            <a class="button secondary" data-action="email" href=href>
                                <Svg icon=Icon::Mail />
                                <span>{move || t().email}</span>
                            </a>
                        }
                    })}
            </div>
            <p class="share-status" role="status" data-said=move || said.get().slug()>
                {move || match said.get() {
                    Said::Nothing => ().into_any(),
                    Said::Copied => view! { <Svg icon=Icon::Check /> " " {t().copied} }.into_any(),
                    Said::CopyFailed => t().copy_failed.into_any(),
                    Said::ShareFailed => t().share_failed.into_any(),
                }}
            </p>
            <details class="share-preview">
                <summary>{move || t().see_text}</summary>
                {(!subject.is_empty())
                    .then(|| {
                        view! {
                            <p class="share-subject">
                                <strong>{move || t().subject} ": "</strong>
                                {subject}
                            </p>
                        }
                    })}
                <p class="share-body">{body}</p>
            </details>
        </div>
    }
}
