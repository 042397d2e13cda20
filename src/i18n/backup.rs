//! Strings of the backup screen, Spanish and English.

use cobro_core::backup::Store;
use cobro_core::Lang;

pub struct T {
    pub stored_here: &'static str,
    pub persisted_yes: &'static str,
    pub persisted_no: &'static str,
    pub usage: &'static str,
    pub export_title: &'static str,
    pub export_button: &'static str,
    pub exported: &'static str,
    pub never_backed_up: &'static str,
    pub last_backup_days: &'static str,
    pub backup_due: &'static str,
    pub import_title: &'static str,
    pub import_help: &'static str,
    pub choose_file: &'static str,
    pub rejected: &'static str,
    pub checksum_warning: &'static str,
    pub accept_edited: &'static str,
    pub preview_title: &'static str,
    pub documents_between: &'static str,
    pub conflicts: &'static str,
    pub merge_blocked: &'static str,
    pub replace: &'static str,
    pub merge: &'static str,
    pub replace_warning: &'static str,
    pub download_current: &'static str,
    pub cancel: &'static str,
    pub imported: &'static str,
    pub notes: &'static str,
    pub col_store: &'static str,
    pub col_in_file: &'static str,
    pub col_added: &'static str,
    pub col_updated: &'static str,
    pub col_kept: &'static str,
    pub failed: &'static str,
    pub stores: [&'static str; 12],
}

static ES: T = T {
    stored_here: "Guardado en este dispositivo",
    persisted_yes: "El navegador ha concedido almacenamiento persistente: no borrará estos datos por falta de espacio.",
    persisted_no: "El navegador no ha concedido almacenamiento persistente: podría borrar estos datos si le falta espacio. Exporta copias a menudo.",
    usage: "Espacio usado",
    export_title: "Exportar",
    export_button: "Descargar copia de seguridad",
    exported: "Copia descargada.",
    never_backed_up: "Todavía no has descargado ninguna copia.",
    last_backup_days: "Última copia: hace {n} días.",
    backup_due: "Conviene hacer una copia ahora.",
    import_title: "Restaurar",
    import_help: "Elige un archivo de copia de Cobro (.json). Verás qué contiene antes de cambiar nada.",
    choose_file: "Archivo de copia",
    rejected: "Este archivo no se puede restaurar. No se ha cambiado nada:",
    checksum_warning: "El contenido del archivo no coincide con su suma de control: alguien lo ha editado después de exportarlo.",
    accept_edited: "Lo he editado yo y quiero importarlo igualmente",
    preview_title: "Contenido del archivo",
    documents_between: "Documentos del {from} al {to}",
    conflicts: "Conflictos",
    merge_blocked: "No se puede combinar: algún número de documento chocaría con otro. Puedes reemplazarlo todo.",
    replace: "Reemplazar todo",
    merge: "Combinar (gana lo más reciente)",
    replace_warning: "Reemplazar borra lo que hay ahora en este dispositivo. Descarga antes una copia de lo actual.",
    download_current: "Descargar copia de lo actual",
    cancel: "Cancelar",
    imported: "Copia restaurada.",
    notes: "Avisos",
    col_store: "Datos",
    col_in_file: "En el archivo",
    col_added: "Nuevos",
    col_updated: "Actualizados",
    col_kept: "Se conservan",
    failed: "No se pudo completar",
    stores: [
        "Empresa", "Ajustes", "Formas de pago", "Series", "Clientes", "Catálogo", "Presupuestos", "Facturas",
        "Rectificativas", "Cobros", "Contactos", "Seguimientos",
    ],
};

static EN: T = T {
    stored_here: "Stored on this device",
    persisted_yes: "The browser granted persistent storage: it will not delete this data to free space.",
    persisted_no: "The browser has not granted persistent storage: it may delete this data when space runs low. Export backups often.",
    usage: "Space used",
    export_title: "Export",
    export_button: "Download backup",
    exported: "Backup downloaded.",
    never_backed_up: "You have not downloaded a backup yet.",
    last_backup_days: "Last backup: {n} days ago.",
    backup_due: "Time to make a backup.",
    import_title: "Restore",
    import_help: "Choose a Cobro backup file (.json). You will see what it holds before anything changes.",
    choose_file: "Backup file",
    rejected: "This file cannot be restored. Nothing was changed:",
    checksum_warning: "The file's content does not match its checksum: it was edited after it was exported.",
    accept_edited: "I edited it myself and want to import it anyway",
    preview_title: "What the file holds",
    documents_between: "Documents from {from} to {to}",
    conflicts: "Conflicts",
    merge_blocked: "Cannot merge: some document numbers would clash. You can replace everything instead.",
    replace: "Replace everything",
    merge: "Merge (newest wins)",
    replace_warning: "Replacing deletes what is on this device now. Download a copy of it first.",
    download_current: "Download a copy of the current data",
    cancel: "Cancel",
    imported: "Backup restored.",
    notes: "Notes",
    col_store: "Data",
    col_in_file: "In the file",
    col_added: "New",
    col_updated: "Updated",
    col_kept: "Kept",
    failed: "Could not finish",
    stores: [
        "Business", "Settings", "Payment methods", "Series", "Clients", "Catalogue", "Quotes", "Invoices",
        "Credit notes", "Payments", "Contacts", "Follow-up steps",
    ],
};

pub fn texts(lang: Lang) -> &'static T {
    match lang {
        Lang::Es => &ES,
        Lang::En => &EN,
    }
}

impl T {
    /// The name of a store as the user knows it.
    pub fn store(&self, store: Store) -> &'static str {
        let i = match store {
            Store::Profile => 0,
            Store::Settings => 1,
            Store::PaymentMethods => 2,
            Store::Series => 3,
            Store::Clients => 4,
            Store::Items => 5,
            Store::Quotes => 6,
            Store::Invoices => 7,
            Store::CreditNotes => 8,
            Store::Payments => 9,
            Store::Contacts => 10,
            Store::Steps => 11,
        };
        self.stores[i]
    }
}
