//! Rules for what a code means to an RPC client: gRPC code, reason, domain, retry semantics.
//!
//! A value the catalog leaves to its default (a reason made from the variant name, a gRPC
//! code from the HTTP status, the domain from the catalog's name) that changes together with
//! a breaking change of what it is made from is not reported again: that change says it.

use crate::ident;
use crate::model::{Catalog, Code, GrpcCode};

use super::report::{Class, Rule, Semver};
use super::{Differ, Item, changed};

impl Differ<'_> {
    /// The catalog's `domain`.
    pub(super) fn domain(&mut self, old: &Catalog, new: &Catalog) {
        let derived = old.domain == old.name && new.domain == new.name;
        if let Some((a, b)) = changed(&old.domain, &new.domain)
            && !(derived && old.name != new.name)
        {
            self.replaced(
                Class::Breaking,
                Rule::DomainChanged,
                &Item::catalog(),
                "domain",
                a,
                b,
            )
            .because("gRPC clients tell errors apart by reason and domain");
        }
    }

    /// One code's gRPC code, reason and retry semantics; the code's changes reported so far
    /// start at `before`.
    pub(super) fn rpc(&mut self, old: &Code, new: &Code, before: usize) {
        let item = Item::code(old);
        let (a, b) = (&old.rpc, &new.rpc);
        let broken = self.changes[before..]
            .iter()
            .any(|change| change.class == Class::Breaking);
        let mapped = |code: &Code| code.rpc.grpc == GrpcCode::from_http(code.status, code.success);
        let named =
            |code: &Code| code.rpc.reason == ident::shouty_case(ident::unraw(&code.variant));
        if let Some((x, y)) = changed(&a.grpc, &b.grpc)
            && !(broken && mapped(old) && mapped(new))
        {
            self.replaced(Class::Breaking, Rule::GrpcChanged, &item, "grpc", x, y)
                .because("gRPC clients dispatch on the status code");
        }
        if let Some((x, y)) = changed(&a.reason, &b.reason)
            && !(broken && named(old) && named(new))
        {
            self.replaced(Class::Breaking, Rule::ReasonChanged, &item, "reason", x, y)
                .because("clients match `ErrorInfo.reason`; write `reason:` to keep it");
        }
        match (a.retryable, b.retryable) {
            (true, false) => {
                self.replaced(
                    Class::Breaking,
                    Rule::RetryableRemoved,
                    &item,
                    "retryable",
                    true,
                    false,
                )
                .because("old clients keep retrying a request that cannot succeed, or is not safe, again");
            }
            (false, true) => {
                self.replaced(
                    Class::Compatible,
                    Rule::RetryableAdded,
                    &item,
                    "retryable",
                    false,
                    true,
                )
                .because("old clients give up where they could retry");
            }
            _ => {}
        }
        if a.retryable
            && b.retryable
            && let Some((x, y)) = changed(&a.retry_after, &b.retry_after)
        {
            let seconds =
                |delay: &Option<u32>| delay.map_or("none".to_owned(), |s| format!("{s}s"));
            self.replaced(
                Class::Compatible,
                Rule::RetryAfterChanged,
                &item,
                "retry_after",
                seconds(x),
                seconds(y),
            )
            .rust(Semver::Minor)
            .because("a hint: the server's own `Retry-After` or `RetryInfo` says when");
        }
    }
}
