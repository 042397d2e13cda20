//! Any bytes given to the backup parser: it must answer, never panic, and whatever it
//! accepts must be consistent data that exports to a file it reads back the same.
#![no_main]

use cobro_core::backup::{export, parse, parse_bytes, validate, ParseOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let lenient = ParseOptions {
        accept_checksum_mismatch: true,
        ..ParseOptions::default()
    };
    for opts in [ParseOptions::default(), lenient] {
        match parse_bytes(bytes, opts) {
            Ok(b) => {
                assert!(validate(&b.data).is_empty(), "accepted inconsistent data");
                let again = export(&b.data, b.exported_at, &b.app_version).expect("export");
                assert_eq!(parse(&again).map(|x| x.data).ok(), Some(b.data));
            }
            Err(e) => assert!(!e.problems.is_empty()),
        }
    }
});
