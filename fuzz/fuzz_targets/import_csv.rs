//! The two CSV imports, the registry's and the expert pool's: any bytes give rows or an error
//! that names a line, never a panic.

#![no_main]

use laureate::service::experts::parse_experts_csv;
use laureate::service::registry::parse_import;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (which, bytes) = match data.split_first() {
        Some((w, rest)) => (*w, rest),
        None => return,
    };
    if which % 2 == 0 {
        let _ = parse_import(bytes);
    } else {
        let _ = parse_experts_csv(bytes);
    }
});
