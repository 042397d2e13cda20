//! `<When>`: Leptos's `<Show>` compiled once. `<Show>` is generic over its condition and its
//! children, so each of its two dozen uses brought its own memo, effect and view code into
//! the download; here the condition is a `Signal<bool>` and the children are boxed.

use leptos::either::Either;
use leptos::prelude::*;

/// Renders `children` while `when` is true and `fallback` (nothing by default) otherwise.
/// Like `<Show>`, the condition is memoised: the children are rebuilt only when it flips.
#[component]
pub fn When(
    children: ChildrenFn,
    /// The condition; a closure becomes a derived signal.
    #[prop(into)]
    when: Signal<bool>,
    /// What is rendered while the condition is false.
    #[prop(optional, into)]
    fallback: ViewFn,
) -> impl IntoView {
    let shown = Memo::new(move |_| when.get());
    move || match shown.get() {
        true => Either::Left(children()),
        false => Either::Right(fallback.run()),
    }
}
