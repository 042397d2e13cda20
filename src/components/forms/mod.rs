//! Form fields that show the core's verdict where it applies: each field names the path of
//! the record field it edits (`legal_name`, `address.city`, `kind.iban`), the form puts the
//! problems the core found under the field with that path, in the UI's language, and a
//! counter appears as a text nears its length limit.

mod address;
mod field;
mod problems;
mod save;

pub use address::{AddressFields, AddressInputs};
pub use field::{CheckedArea, CheckedCell, CheckedField};
pub use problems::Problems;
pub use save::{save_form, SaveOutcome};
