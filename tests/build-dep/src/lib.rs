//! A crate that uses `errcat-codegen` from its `build.rs`, exactly as any user would. Its
//! catalogs exercise every feature of the format; compiling it under `#![deny(warnings)]`
//! proves the generated code is warning-free.

#![deny(warnings)]

/// Integer codes past `u32`, templates, deprecation, aliases, nested problems.
pub mod ledger {
    include!(concat!(env!("OUT_DIR"), "/ledger.rs"));
}

/// String slugs, prefix groups, prelude names as variants and types.
pub mod shop {
    include!(concat!(env!("OUT_DIR"), "/shop.rs"));
}

/// Retired codes (tombstones).
pub mod depot {
    include!(concat!(env!("OUT_DIR"), "/depot.rs"));
}
