//! Command-line tool over backup files (stub).
fn main() {}
