//! Lookups from a wire value or a name to a code: `match`es, in blocks for large catalogs.

use proc_macro2::TokenStream;

use crate::model::{Code, CodeRepr, CodeValue};

use super::Emitter;
use super::bulk::{self, Lines};

/// The most codes `from_code` matches in one `match`.
const LOOKUP_BLOCK: usize = 256;

/// The last arm of every `match` in `from_code`.
const NONE: &str = "_ => return ::core::option::Option::None,";

/// The block of a string code in `from_code`: FNV-1a over its bytes, as the generated `block`
/// function computes it.
pub(super) fn string_block(code: &[u8], blocks: usize) -> usize {
    let mut hash: u32 = 0x811c_9dc5;
    for &byte in code {
        hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
    }
    hash as usize % blocks
}

impl Emitter<'_> {
    pub(super) fn lookup_fn(&self) -> TokenStream {
        let codes = &self.catalog.codes;
        // String codes are matched as bytes: byte-string patterns compile to a decision tree
        // on the length and then on single bytes, where `&str` patterns compile to one string
        // comparison per arm.
        let parameter = format!("code: {}", self.catalog.repr.rust_type());
        let scrutinee = match self.catalog.repr {
            CodeRepr::Str => "code.as_bytes()",
            CodeRepr::U32 | CodeRepr::I64 => "code",
        };
        let mut out = Lines::with_capacity(256 + codes.len() * 64);
        out.line(format_args!(
            "/// The code with this wire value, if the catalog has one."
        ));
        out.open(format_args!(
            "pub const fn from_code({parameter}) -> ::core::option::Option<Self> {{"
        ));
        if codes.len() <= LOOKUP_BLOCK {
            let arms = codes
                .iter()
                .map(|code| (self.pattern(code), code.variant.as_str()));
            direct_match(&mut out, scrutinee, arms);
        } else {
            self.blocked_lookup(&mut out, scrutinee);
        }
        out.close(format_args!("}}"));
        self.splices.marker(out.into_string())
    }

    /// `from_reason`: the code with an AIP-193 reason, matched as `from_code` matches string
    /// codes (in hashed blocks for a large catalog, so that the generated code's compile time
    /// stays linear in the catalog).
    pub(super) fn reason_lookup_fn(&self) -> TokenStream {
        let codes = &self.catalog.codes;
        let mut out = Lines::with_capacity(256 + codes.len() * 64);
        out.line(format_args!(
            "/// The code whose [`Self::reason`] is `reason`, if any."
        ));
        out.line(format_args!("#[must_use]"));
        out.open(format_args!(
            "pub const fn from_reason(reason: &str) -> ::core::option::Option<Self> {{"
        ));
        if codes.len() <= LOOKUP_BLOCK {
            let arms = codes.iter().map(|code| {
                let pattern = bulk::byte_string(code.rpc.reason.as_bytes());
                (pattern, code.variant.as_str())
            });
            direct_match(&mut out, "reason.as_bytes()", arms);
        } else {
            let reasons: Vec<&[u8]> = codes
                .iter()
                .map(|code| code.rpc.reason.as_bytes())
                .collect();
            hashed_blocks(&mut out, &reasons, "reason");
            close_blocks(&mut out);
        }
        out.close(format_args!("}}"));
        self.splices.marker(out.into_string())
    }

    /// A code's value as a `match` pattern.
    pub(super) fn pattern(&self, code: &Code) -> String {
        match &code.value {
            CodeValue::Str(slug) => bulk::byte_string(slug.as_bytes()),
            value => self.code_literal(value),
        }
    }

    /// The body of `from_code` for a large catalog: a `match` of blocks, each a `match` that
    /// finds the index into `ALL` (integer codes: runs of at most [`LOOKUP_BLOCK`] consecutive
    /// codes; string codes: by a hash, half as many on average). rustc's time for one `match`
    /// grows with the square of its arms, and for each path to a variant with the number of
    /// variants, so one `match` of every code, each arm naming its variant, would make the
    /// generated code's compile time grow with the square of the catalog.
    pub(super) fn blocked_lookup(&self, out: &mut Lines, scrutinee: &str) {
        let codes = &self.catalog.codes;
        let block = |out: &mut Lines, selector: &str, indexes: &[usize]| {
            out.open(format_args!("{selector} => match {scrutinee} {{"));
            for &index in indexes {
                out.line(format_args!("{} => {index},", self.pattern(&codes[index])));
            }
            out.line(format_args!("{NONE}"));
            out.close(format_args!("}},"));
        };
        match self.catalog.repr {
            CodeRepr::Str => {
                let slugs: Vec<&[u8]> = codes
                    .iter()
                    .map(|code| match &code.value {
                        CodeValue::Str(slug) => slug.as_bytes(),
                        CodeValue::Int(_) => &[],
                    })
                    .collect();
                hashed_blocks(out, &slugs, "code");
            }
            CodeRepr::U32 | CodeRepr::I64 => {
                let mut sorted: Vec<usize> = (0..codes.len()).collect();
                sorted.sort_by_key(|&index| match codes[index].value {
                    CodeValue::Int(value) => value,
                    CodeValue::Str(_) => 0,
                });
                out.line(format_args!(
                    "// Blocks of consecutive codes, each matched on its own."
                ));
                out.open(format_args!("let index = match code {{"));
                for indexes in sorted.chunks(LOOKUP_BLOCK) {
                    let (first, last) = (&codes[indexes[0]], &codes[indexes[indexes.len() - 1]]);
                    let range = format!("{}..={}", self.pattern(first), self.pattern(last));
                    block(out, &range, indexes);
                }
            }
        }
        close_blocks(out);
    }
}

/// The body of a lookup small enough for one `match`: `Some(match scrutinee { … })`, an arm
/// per code from its pattern to its variant.
fn direct_match<'a>(
    out: &mut Lines,
    scrutinee: &str,
    arms: impl Iterator<Item = (String, &'a str)>,
) {
    out.open(format_args!("::core::option::Option::Some("));
    out.open(format_args!("match {scrutinee} {{"));
    for (pattern, variant) in arms {
        out.line(format_args!("{pattern} => Self::{variant},"));
    }
    out.line(format_args!("{NONE}"));
    out.close(format_args!("}},"));
    out.close(format_args!(")"));
}

/// The end of a blocked lookup: the `let index = match … {` of the blocks closed, and the code
/// at the index found.
fn close_blocks(out: &mut Lines) {
    out.line(format_args!("{NONE}"));
    out.close(format_args!("}};"));
    out.line(format_args!(
        "::core::option::Option::Some(Self::ALL[index])"
    ));
}

/// The start of a lookup of `keys` (one per code, in catalog order) by the string parameter
/// `param`: a `block` function hashing it (FNV-1a), and `let index = match block(..) {` with
/// one arm per block, each a `match` of its keys to their indexes. The caller closes it.
fn hashed_blocks(out: &mut Lines, keys: &[&[u8]], param: &str) {
    let blocks = keys.len().div_ceil(LOOKUP_BLOCK / 2);
    let mut members = vec![Vec::new(); blocks];
    for (index, key) in keys.iter().enumerate() {
        members[string_block(key, blocks)].push(index);
    }
    out.line(format_args!(
        "// Blocks of codes by a hash of the {param} (FNV-1a), each matched on its own."
    ));
    out.open(format_args!("const fn block(code: &[u8]) -> usize {{"));
    out.line(format_args!("let mut hash: u32 = 0x811c_9dc5;"));
    out.line(format_args!("let mut at = 0;"));
    out.open(format_args!("while at < code.len() {{"));
    out.line(format_args!(
        "hash = (hash ^ code[at] as u32).wrapping_mul(0x0100_0193);"
    ));
    out.line(format_args!("at += 1;"));
    out.close(format_args!("}}"));
    out.line(format_args!("hash as usize % {blocks}"));
    out.close(format_args!("}}"));
    out.open(format_args!(
        "let index = match block({param}.as_bytes()) {{"
    ));
    for (block, indexes) in members.iter().enumerate() {
        out.open(format_args!("{block} => match {param}.as_bytes() {{"));
        for &index in indexes {
            out.line(format_args!(
                "{} => {index},",
                bulk::byte_string(keys[index])
            ));
        }
        out.line(format_args!("{NONE}"));
        out.close(format_args!("}},"));
    }
}
