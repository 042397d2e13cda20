//! The typing buffer: what the editor holds that is not saved yet (a field still wrong, a
//! new invoice without a client), kept on this device in localStorage, written on every
//! change. Synchronous, so it survives closing the tab a moment after the last keystroke.
//!
//! Device-local on purpose: it is unfinished typing, not a record. A draft is saved to
//! IndexedDB (and so into backups) as soon as what is typed is a valid draft; until then its
//! text lives here, under `cobro.draft.<kind>.<id>`, and `cobro.draft.<kind>.new` names the
//! new draft that has no record yet. Deleting a draft removes its buffer.

use cobro_core::draft::DraftKind;
use cobro_core::draft_input::DraftInput;
use gloo_storage::{LocalStorage, Storage};

fn kind_key(kind: DraftKind) -> &'static str {
    match kind {
        DraftKind::Invoice => "invoice",
        DraftKind::Quote => "quote",
    }
}

fn key(kind: DraftKind, id: &str) -> String {
    format!("cobro.draft.{}.{id}", kind_key(kind))
}

fn pending_key(kind: DraftKind) -> String {
    format!("cobro.draft.{}.new", kind_key(kind))
}

/// What was typed into draft `id` and not saved, if anything.
pub fn read(kind: DraftKind, id: &str) -> Option<DraftInput> {
    LocalStorage::get(key(kind, id)).ok()
}

/// Keep what is typed into draft `id`. A failure (private mode, a full disk) leaves the
/// editor as it was: the draft itself is still saved whenever it is valid.
pub fn write(kind: DraftKind, id: &str, input: &DraftInput) {
    let _ = LocalStorage::set(key(kind, id), input);
}

/// Forget the buffer of draft `id` (saved, discarded or deleted).
pub fn remove(kind: DraftKind, id: &str) {
    LocalStorage::delete(key(kind, id));
}

/// The new draft being written that has no record yet.
pub fn pending(kind: DraftKind) -> Option<String> {
    LocalStorage::get(pending_key(kind)).ok()
}

pub fn set_pending(kind: DraftKind, id: &str) {
    let _ = LocalStorage::set(pending_key(kind), id);
}

pub fn clear_pending(kind: DraftKind) {
    LocalStorage::delete(pending_key(kind));
}

/// A new draft of this kind was started and never saved: its id, when its buffer is there.
pub fn unfinished(kind: DraftKind) -> Option<String> {
    pending(kind).filter(|id| read(kind, id).is_some())
}
