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

/// Keywords and prelude, std and serde names as codes, variants, types, fields and params.
pub mod names {
    include!(concat!(env!("OUT_DIR"), "/names.rs"));
}

/// Integer codes at the ends of `i64`, negative, and past `u32`.
pub mod edges_i64 {
    include!(concat!(env!("OUT_DIR"), "/edges_i64.rs"));
}

/// Integer codes at both ends of `u32`.
pub mod edges_u32 {
    include!(concat!(env!("OUT_DIR"), "/edges_u32.rs"));
}

/// Quotes, backslashes, comment markers, braces, line breaks, tabs, emoji, CJK, control and
/// bidirectional characters; a byte order mark and CR LF line ends.
pub mod text {
    include!(concat!(env!("OUT_DIR"), "/text.rs"));
}

/// More integer codes than one `match` of `from_code` holds, in shuffled order.
pub mod many_ints {
    include!(concat!(env!("OUT_DIR"), "/many_ints.rs"));
}

/// More string codes than one `match` of `from_code` holds.
pub mod many_slugs {
    include!(concat!(env!("OUT_DIR"), "/many_slugs.rs"));
}

/// Only `name` and `codes`: every other key takes its default.
pub mod minimal {
    include!(concat!(env!("OUT_DIR"), "/minimal.rs"));
}

/// Written names with acronyms in capitals (`TRSerializationFailure`), kept as written.
pub mod acronyms {
    include!(concat!(env!("OUT_DIR"), "/acronyms.rs"));
}

/// The same code in a private module: clippy's `upper_case_acronyms` spares exported items,
/// so only here does it look at the written names. (Unused, as private items are.)
#[allow(dead_code)]
mod acronyms_private {
    include!(concat!(env!("OUT_DIR"), "/acronyms.rs"));
}

/// The keys of the wire model: `code_in: status`, nullable and constrained fields, open and
/// closed objects, fields per code, values fixed per code, several statuses for one code.
pub mod wire {
    include!(concat!(env!("OUT_DIR"), "/wire.rs"));
}

/// gRPC codes, reasons, domain and retry semantics, with defaults per group and catalog.
pub mod rpc {
    include!(concat!(env!("OUT_DIR"), "/rpc.rs"));
}
