//! An invoice's payments on its page: the list (voided ones kept, struck through, with the
//! day and the reason; the early-payment discount taken), and the forms that record, correct
//! or void a payment. The rules (what is refused, what an overpayment needs, which steps open
//! again) are the core's (`cobro_core::corrections`); these only ask and render.

mod list;
mod pay_form;
mod records;
mod void_form;

pub use list::PaymentList;
pub use pay_form::PayForm;
