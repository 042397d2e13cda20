//! The navigation between areas. On a phone, a bottom bar within a thumb's reach holds the
//! four areas of daily work and "More", which opens a sheet with the rest; from 900 px the
//! same entries form a side rail, all visible (CSS decides). Every entry comes from one
//! table, [`ENTRIES`]: a new screen is one line there.
//!
//! Why these four in the bar: on a phone the day is about collecting, so the agenda (whom to
//! contact today), invoices (write one on the spot, find one while on the phone), clients
//! (who owes what, their contact) and reports (what is owed and overdue) are used daily;
//! quotes, settings and backups are desk work, done less often, and still two taps away.

use super::icons::{Icon, Svg};
use super::when::When;
use crate::i18n::{self, guide, use_i18n};
use crate::platform::route::Route;
use crate::platform::{clock, durability};
use crate::state::use_app;
use cobro_core::Lang;
use leptos::prelude::*;

/// Where an entry sits on a phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// In the bottom bar (at most four, with "More" as the fifth).
    Bar,
    /// In the sheet "More" opens (and after the bar's entries in the desktop rail).
    More,
}

/// Something an entry's badge signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Badge {
    None,
    /// The backup rule (`platform::durability`) says a backup is due.
    BackupDue,
}

impl Badge {
    /// What a screen reader hears after the entry's label while the badge shows.
    fn words(self, lang: Lang) -> &'static str {
        match self {
            Badge::None => "",
            Badge::BackupDue => guide::texts(lang).badge_backup_due,
        }
    }
}

/// One entry of the navigation.
pub struct Entry {
    pub route: Route,
    pub icon: Icon,
    pub place: Place,
    pub label: fn(Lang) -> &'static str,
    pub badge: Badge,
}

/// The navigation, in order: the bar's entries, then the sheet's. One line per entry.
#[rustfmt::skip]
pub const ENTRIES: &[Entry] = &[
    Entry { route: Route::Agenda, icon: Icon::Agenda, place: Place::Bar, label: |l| i18n::texts(l).nav_agenda, badge: Badge::None },
    Entry { route: Route::Invoices, icon: Icon::Invoices, place: Place::Bar, label: |l| i18n::texts(l).nav_invoices, badge: Badge::None },
    Entry { route: Route::Clients, icon: Icon::Clients, place: Place::Bar, label: |l| i18n::texts(l).nav_clients, badge: Badge::None },
    Entry { route: Route::Reports, icon: Icon::Reports, place: Place::Bar, label: |l| i18n::texts(l).nav_reports, badge: Badge::None },
    Entry { route: Route::Quotes, icon: Icon::Quotes, place: Place::More, label: |l| i18n::texts(l).nav_quotes, badge: Badge::None },
    Entry { route: Route::Recurring, icon: Icon::Recurring, place: Place::More, label: |l| i18n::texts(l).nav_recurring, badge: Badge::None },
    Entry { route: Route::Taxes, icon: Icon::Tax, place: Place::More, label: |l| i18n::texts(l).nav_taxes, badge: Badge::None },
    Entry { route: Route::Settings, icon: Icon::Settings, place: Place::More, label: |l| i18n::texts(l).nav_settings, badge: Badge::None },
    Entry { route: Route::Backup, icon: Icon::Backup, place: Place::More, label: |l| i18n::texts(l).nav_backup, badge: Badge::BackupDue },
];

/// Whether a backup is due, by the rule the Backup page shows; followed on every data change.
pub fn use_backup_due() -> Memo<bool> {
    let app = use_app();
    Memo::new(move |_| {
        app.data.with(|d| {
            d.as_deref()
                .is_some_and(|d| durability::backup_reminder(&d.settings, &d.invoices, clock::now()).warn)
        })
    })
}

#[component]
pub fn Nav(route: ReadSignal<Route>) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let backup_due = use_backup_due();
    let lit = move |b: Badge| match b {
        Badge::None => false,
        Badge::BackupDue => backup_due.get(),
    };
    // Going anywhere closes the sheet.
    Effect::new(move |_| {
        route.track();
        open.set(false);
    });
    let toggle = NodeRef::<leptos::html::Button>::new();
    let entries = move |place: Place| {
        ENTRIES
            .iter()
            .filter(move |e| e.place == place)
            .map(move |e| {
                let r = e.route;
                let (label, badge, icon) = (e.label, e.badge, e.icon);
                view! {
                    <li>
                        <a
                            href=r.href()
                            data-route=r.slug()
                            aria-current=move || (route.get() == r).then_some("page")
                            data-badge=move || lit(badge).then_some("on")
                        >
                            <Svg icon=icon />
                            <span class="nav-label">{move || label(i18n.lang.get())}</span>
                            <When when=move || lit(badge)>
                                <span class="nav-badge" aria-hidden="true"></span>
                                <span class="visually-hidden">
                                    {move || format!(" ({})", badge.words(i18n.lang.get()))}
                                </span>
                            </When>
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    let in_more = move || {
        ENTRIES
            .iter()
            .any(|e| e.place == Place::More && e.route == route.get())
    };
    // The badge of the first entry in the sheet that shows one.
    let more_badge = move || {
        ENTRIES
            .iter()
            .find(|e| e.place == Place::More && lit(e.badge))
            .map(|e| e.badge)
    };
    let more_lit = move || more_badge().is_some();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            if let Some(b) = toggle.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    view! {
        <nav class="nav" class:more-open=move || open.get() aria-label=move || i18n.t().nav_label on:keydown=on_key>
            <ul class="nav-bar">
                {entries(Place::Bar)}
                <li class="nav-more-item">
                    <button
                        type="button"
                        id="nav-more-toggle"
                        class="nav-more-toggle"
                        class:current=in_more
                        node_ref=toggle
                        aria-expanded=move || open.get().to_string()
                        aria-controls="nav-more"
                        data-badge=move || more_lit().then_some("on")
                        on:click=move |_| open.update(|o| *o = !*o)
                    >
                        <Svg icon=Icon::More />
                        <span class="nav-label">{move || guide::texts(i18n.lang.get()).nav_more}</span>
                        <When when=more_lit>
                            <span class="nav-badge" aria-hidden="true"></span>
                            <span class="visually-hidden">
                                {move || {
                                    more_badge().map(|b| format!(" ({})", b.words(i18n.lang.get())))
                                }}
                            </span>
                        </When>
                    </button>
                </li>
            </ul>
            <ul class="nav-sheet" id="nav-more">
                {entries(Place::More)}
            </ul>
            <div class="nav-backdrop" aria-hidden="true" on:click=move |_| open.set(false)></div>
        </nav>
    }
}
