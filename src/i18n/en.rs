//! English strings.
use super::Texts;

pub static EN: Texts = Texts {
    app_name: "Cobro",
    tagline: "Invoices and collections, in your browser",
    nav_label: "Sections",
    nav_agenda: "Agenda",
    nav_invoices: "Invoices",
    nav_quotes: "Quotes",
    nav_clients: "Clients",
    nav_reports: "Reports",
    nav_settings: "Settings",
    nav_backup: "Backup",
    nav_recurring: "Recurring",
    nav_taxes: "Taxes",
    language: "Language",
    update_available: "A new version of Cobro is available.",
    update_reload: "Reload",
    agenda_empty: "Nothing to do today. This is where you will see whom to contact and why.",
    invoices_empty: "No invoices yet.",
    quotes_empty: "No quotes yet.",
    clients_empty: "No clients yet.",
    settings_intro: "Your business, payment methods, numbering series and collection policy.",
    backup_intro: "Your data lives only in this browser. Export a copy regularly.",
    upgraded_elsewhere: "Cobro was updated in another tab. Reload this page to keep working.",
    storage_full: "The browser has no more storage space for Cobro: this change was not saved, and \
        everything saved before is intact. Download a backup now, free space on this device (or \
        allow more storage) and try again.",
    screen_not_loaded: "This screen could not be loaded: Cobro was updated or there is no connection. \
        Your data was not touched. Reload the page to open it.",
};
