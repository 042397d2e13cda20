//! Cobro, the app (stub).
