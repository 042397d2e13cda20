//! Spanish strings (the default language).
use super::Texts;

pub static ES: Texts = Texts {
    app_name: "Cobro",
    tagline: "Facturas y cobros, en tu navegador",
    nav_label: "Secciones",
    nav_agenda: "Agenda",
    nav_invoices: "Facturas",
    nav_quotes: "Presupuestos",
    nav_clients: "Clientes",
    nav_reports: "Informes",
    nav_settings: "Ajustes",
    nav_backup: "Copia de seguridad",
    nav_recurring: "Periódicas",
    nav_taxes: "Impuestos",
    language: "Idioma",
    update_available: "Hay una versión nueva de Cobro.",
    update_reload: "Recargar",
    agenda_empty: "Nada que hacer hoy. Aquí verás a quién contactar y por qué.",
    invoices_empty: "Todavía no hay facturas.",
    quotes_empty: "Todavía no hay presupuestos.",
    clients_empty: "Todavía no hay clientes.",
    settings_intro: "Tu empresa, formas de pago, series de numeración y política de cobro.",
    backup_intro: "Tus datos viven solo en este navegador. Exporta una copia con regularidad.",
    upgraded_elsewhere:
        "Cobro se ha actualizado en otra pestaña. Recarga esta página para seguir trabajando.",
    storage_full: "El navegador no tiene más espacio para Cobro: este cambio no se ha guardado, y todo lo \
        guardado antes sigue intacto. Descarga ahora una copia de seguridad, libera espacio en este \
        dispositivo (o permite más almacenamiento) y vuelve a intentarlo.",
    screen_not_loaded: "Esta pantalla no se ha podido cargar: Cobro se ha actualizado o no hay conexión. \
        Tus datos no se han tocado. Recarga la página para abrirla.",
};
