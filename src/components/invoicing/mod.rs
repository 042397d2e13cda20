//! Invoicing pieces: labelled fields, live totals for the editor, the SEPA QR code.
//! (The editor is `components/editor`, the documents `components/document`.)

pub mod fields;
pub mod qr;
pub mod totals;
