//! The browser's print dialog: every document prints from the screen it is shown on.

/// Opens the print dialog for the current page.
pub fn print_page() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}
