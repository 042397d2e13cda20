//! The problems a form's last check found, by field path, in the UI's language.

use leptos::prelude::*;

/// (field path, message) for every problem found; a field shows the ones for its path.
#[derive(Clone, Copy)]
pub struct Problems(RwSignal<Vec<(String, String)>>);

impl Default for Problems {
    fn default() -> Self {
        Self::new()
    }
}

impl Problems {
    pub fn new() -> Self {
        Self(RwSignal::new(Vec::new()))
    }

    /// Replace every problem with these (nothing happens if the form is gone).
    pub fn set(&self, found: Vec<(String, String)>) {
        let _ = self.0.try_set(found);
    }

    pub fn clear(&self) {
        self.0.set(Vec::new());
    }

    /// The messages at `path`, joined (tracks the signal).
    pub fn at(&self, path: &str) -> Option<String> {
        self.0.with(|all| {
            let found: Vec<&str> = all
                .iter()
                .filter(|(p, _)| p == path)
                .map(|(_, m)| m.as_str())
                .collect();
            (!found.is_empty()).then(|| found.join(" "))
        })
    }

    /// The field at `path` was edited: its problem is no longer known to hold.
    pub fn forget(&self, path: &str) {
        if self.0.with_untracked(|all| all.iter().any(|(p, _)| p == path)) {
            self.0.update(|all| all.retain(|(p, _)| p != path));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.with_untracked(Vec::is_empty)
    }
}
