//! The app's icons, drawn here as inline SVG paths on a 24-unit grid: shipped inside the
//! wasm, so they work offline, cost no request and need no icon font. Stroked in
//! `currentColor` (style/guide.css), so an icon takes the colour of the text beside it.

use leptos::prelude::*;

/// Every icon the app draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Icon {
    Agenda,
    Invoices,
    Quotes,
    Clients,
    Reports,
    Settings,
    Backup,
    More,
    Recurring,
    Tax,
    Copy,
    Share,
    Mail,
    Check,
    Circle,
    Filter,
    Close,
    Plus,
    Warning,
}

impl Icon {
    /// The drawing: one path of 2-unit round strokes (dots are zero-length lines).
    fn path(self) -> &'static str {
        match self {
            // A calendar page.
            Icon::Agenda => "M5 5h14a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2zM3 10h18M8 3v4M16 3v4M8 14h.01M12 14h.01M16 14h.01M8 17.5h.01",
            // A sheet with a folded corner and two lines of text.
            Icon::Invoices => "M6 2h8l6 6v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zM14 2v6h6M8 13h8M8 17h5",
            // A clipboard with a list.
            Icon::Quotes => "M9 3h6v3H9zM16 4.5h2a2 2 0 0 1 2 2V20a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V6.5a2 2 0 0 1 2-2h2M8 11h8M8 15h8M8 19h4",
            // A person.
            Icon::Clients => "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0",
            // A bar chart on its base line.
            Icon::Reports => "M3 21h18M6 21v-7M11 21V9M16 21v-5M20 21V5",
            // Three sliders.
            Icon::Settings => "M4 6h9M17 6h3M15 4v4M4 12h3M11 12h9M9 10v4M4 18h11M19 18h1M17 16v4",
            // An arrow down into a tray: a file saved on this device.
            Icon::Backup => "M12 3v11M7 9l5 5 5-5M4 15v4a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-4",
            // Three dots (small circles, so they weigh as much as the other icons' lines).
            Icon::More => "M4 12a1 1 0 1 0 2 0 1 1 0 1 0-2 0zM11 12a1 1 0 1 0 2 0 1 1 0 1 0-2 0zM18 12a1 1 0 1 0 2 0 1 1 0 1 0-2 0z",
            // Two arrows chasing each other round.
            Icon::Recurring => "M20 11a8 8 0 0 0-14.5-4.5M4 13a8 8 0 0 0 14.5 4.5M5 3v4h4M19 21v-4h-4",
            // A per cent sign.
            Icon::Tax => "M19 5L5 19M7 9a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM17 19a2 2 0 1 0 0-4 2 2 0 0 0 0 4z",
            // Two overlapping sheets.
            Icon::Copy => "M10 9h9a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1h-9a1 1 0 0 1-1-1V10a1 1 0 0 1 1-1zM5 15H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v1",
            // An arrow up out of a box.
            Icon::Share => "M12 15V3M7 8l5-5 5 5M5 12v7a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-7",
            // An envelope.
            Icon::Mail => "M4 5h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zM3 7l9 6 9-6",
            Icon::Check => "M5 12.5l4.5 4.5L19 7.5",
            Icon::Circle => "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z",
            // A funnel.
            Icon::Filter => "M3 5h18l-7 8.5V19l-4 2v-7.5z",
            Icon::Close => "M6 6l12 12M18 6L6 18",
            Icon::Plus => "M12 5v14M5 12h14",
            // A triangle with an exclamation mark.
            Icon::Warning => "M12 3.5l9.5 17h-19zM12 10v4.5M12 17.5h.01",
        }
    }
}

/// An icon beside a text, hidden from screen readers (the text says what it means).
#[component]
pub fn Svg(icon: Icon) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=icon.path() />
        </svg>
    }
}
