//! What a form's last attempt found: the core's problems (`cobro_core::validity`), each at the
//! record field it names, said in the UI's language when shown; and why the last write failed.

use crate::i18n::{problems as words, use_i18n};
use cobro_core::validity::{FieldProblem, Invalid};
use cobro_core::Lang;
use leptos::prelude::*;

/// The problems of one form. A field shows the ones at its path; the form, its failure.
#[derive(Clone, Copy)]
pub struct Problems {
    found: RwSignal<Vec<FieldProblem>>,
    /// Why the last write failed (storage, a refusal), already in the user's words.
    failure: RwSignal<Option<String>>,
    lang: RwSignal<Lang>,
}

impl Default for Problems {
    fn default() -> Self {
        Self::new()
    }
}

impl Problems {
    pub fn new() -> Self {
        Self {
            found: RwSignal::new(Vec::new()),
            failure: RwSignal::new(None),
            lang: use_i18n().lang,
        }
    }

    /// Show what the core refused, each problem at its field (nothing happens if the form is
    /// gone).
    pub fn show(&self, invalid: Invalid) {
        let _ = self.failure.try_set(None);
        let _ = self.found.try_set(invalid.0);
    }

    /// The write failed: why, under the form (nothing happens if the form is gone).
    pub fn fail(&self, message: String) {
        let _ = self.failure.try_set(Some(message));
    }

    pub fn clear(&self) {
        self.found.set(Vec::new());
        self.failure.set(None);
    }

    /// The words of the problems at `path`, in the current language (tracks both).
    pub fn at(&self, path: &str) -> Option<String> {
        let lang = self.lang.get();
        self.found.with(|all| {
            let said: Vec<String> = all
                .iter()
                .filter(|p| p.path == path)
                .map(|p| words::field_problem(p, lang))
                .collect();
            (!said.is_empty()).then(|| said.join(" "))
        })
    }

    /// Whether a field at `path` has a problem (tracks).
    pub fn has(&self, path: &str) -> bool {
        self.found.with(|all| all.iter().any(|p| p.path == path))
    }

    /// Why the last write failed (tracks).
    pub fn failure(&self) -> Option<String> {
        self.failure.get()
    }

    /// Problems are shown (tracks).
    pub fn any(&self) -> bool {
        self.found.with(|all| !all.is_empty())
    }

    /// The field at `path` was edited: its problem is no longer known to hold.
    pub fn forget(&self, path: &str) {
        if self
            .found
            .with_untracked(|all| all.iter().any(|p| p.path == path))
        {
            self.found.update(|all| all.retain(|p| p.path != path));
        }
    }
}
