//! What a code means to an RPC client: its gRPC status code, its AIP-193 reason and domain,
//! and whether and when a client may retry. Defaults come from the code's group, then the
//! catalog; the gRPC code last from the HTTP status ([`GrpcCode::from_http`]).

use std::collections::HashMap;

use crate::diagnostic::locate::YamlPath;
use crate::diagnostic::{Problem, did_you_mean, quoted_list};
use crate::ident;
use crate::load::raw::{RawCatalog, RawCode, RawRpcDefaults};
use crate::model::{Code, Envelope, GrpcCode, Rpc, TypeNames};

use super::codes::live_codes;
use super::{Checker, code_path, root};

/// The longest reason AIP-193 allows.
const MAX_REASON: usize = 63;

impl Rpc {
    /// The facts of a code before [`Checker::rpc`] works them out.
    pub(super) fn unset() -> Self {
        Rpc {
            grpc: GrpcCode::Unknown,
            reason: String::new(),
            retryable: false,
            retry_after: None,
        }
    }
}

/// One level of defaults (the catalog's or a group's), checked, with where it is written.
struct Level {
    grpc: Option<GrpcCode>,
    retryable: Option<bool>,
    retry_after: Option<u32>,
}

impl Checker {
    /// Checks `domain` and every level's `grpc`, `reason`, `retryable` and `retry_after`, and
    /// fills in each code's [`Rpc`].
    pub(super) fn rpc(&mut self, raw: &RawCatalog, codes: &mut [Code]) {
        // The default, the catalog's name, is checked as a name.
        if raw.domain_written {
            self.domain(&raw.domain);
        }
        let catalog = self.level(&raw.rpc, &root(), None);
        let groups: Vec<Level> = raw
            .groups
            .iter()
            .enumerate()
            .map(|(index, group)| {
                self.level(
                    &group.rpc,
                    &root().key("groups").index(index),
                    Some(&catalog),
                )
            })
            .collect();
        let entries: Vec<(usize, &RawCode)> = live_codes(raw).collect();
        for ((index, entry), code) in entries.iter().zip(codes.iter_mut()) {
            let group = code.group.and_then(|group| groups.get(group));
            code.rpc = self.code_rpc(entry, code, *index, group, &catalog);
        }
        self.unique_reasons(&entries, codes);
    }

    /// Reports each reason a code shares with the code before it that has it, unless both are
    /// made from one Rust name (reported as such). The paths are only built for a report:
    /// this runs once per code of every catalog.
    fn unique_reasons(&mut self, entries: &[(usize, &RawCode)], codes: &[Code]) {
        // Each reason with the position of the last code that has it.
        let mut reasons: HashMap<&str, usize> = HashMap::with_capacity(codes.len());
        let made_from = |at: usize| entries[at].1.reason.is_none().then(|| &codes[at].variant);
        for (at, ((_, entry), code)) in entries.iter().zip(codes).enumerate() {
            if entry.reason.is_none() && !usable_name(&code.variant) {
                // The name is reported already; its reason would repeat that.
                continue;
            }
            let previous = reasons.insert(&code.rpc.reason, at);
            if let Some(first) = previous
                // Two codes of one Rust name are reported as such.
                && (made_from(at).is_none() || made_from(at) != made_from(first))
            {
                let path = |at: usize| {
                    let (index, entry) = entries[at];
                    reason_path(entry, &code_path(index))
                };
                self.report(
                    Problem::at(path(at), format!("duplicate reason `{}`", code.rpc.reason))
                        .hint("every code needs a reason of its own: clients tell errors apart by it; write `reason:` with another name")
                        .see("first used", path(first)),
                );
            }
        }
    }

    /// The generated `GrpcCode` enum and the field that keeps a constructor's params take
    /// names no catalog type or envelope field may take.
    pub(super) fn rpc_names(&mut self, types: &TypeNames, envelope: &Envelope) {
        let grpc_enum = crate::model::grpc_enum_name(types);
        const PARAMS_FIELD: &str = "errcat_params";
        let taken = |path: YamlPath, what: &str| {
            Problem::at(
                path,
                format!("{what} `{grpc_enum}` is the name of the generated enum of gRPC codes"),
            )
            .hint("choose another name")
        };
        if [&types.code, &types.group, &types.or_unknown, &types.unknown].contains(&&grpc_enum) {
            self.report(taken(
                root().key("type_name"),
                "a type named after `type_name` as",
            ));
        }
        let grpc_status = format!("{}GrpcStatus", types.prefix);
        if envelope.name == grpc_status || envelope.schemas.contains_key(&grpc_status) {
            self.report(
                Problem::at(root().key("envelope"), format!("`{grpc_status}` is the name of the generated type of received gRPC statuses"))
                    .hint("choose another name for the envelope or schema"),
            );
        }
        if envelope.name == grpc_enum {
            self.report(taken(
                root().key("envelope").key("name"),
                "the envelope name",
            ));
        }
        if envelope.schemas.contains_key(&grpc_enum) {
            self.report(taken(
                root()
                    .key("envelope")
                    .key("schemas")
                    .key(grpc_enum.clone())
                    .the_key(),
                "the schema name",
            ));
        }
        if let Some(index) = envelope
            .fields
            .iter()
            .position(|field| ident::unraw(&field.ident) == PARAMS_FIELD)
        {
            let field = &envelope.fields[index];
            let path = if field.per_code {
                root().key("codes")
            } else {
                root().key("envelope").key("fields").index(index)
            };
            self.report(
                Problem::at(path, format!("field `{}` takes the Rust name `{PARAMS_FIELD}`, which keeps the params of typed constructors", field.wire_name))
                    .hint("rename the field"),
            );
        }
    }

    fn domain(&mut self, domain: &str) {
        if domain.is_empty() || domain.chars().any(|c| c.is_whitespace() || c.is_control()) {
            self.report(
                Problem::at(root().key("domain"), format!("domain {domain:?} is not a name"))
                    .hint("the AIP-193 error domain names the service, without spaces, e.g. `shop.example.com`"),
            );
        }
    }

    /// The defaults written at `path` (the catalog's, or a group's under `outer`), checked.
    fn level(&mut self, raw: &RawRpcDefaults, path: &YamlPath, outer: Option<&Level>) -> Level {
        let grpc = raw
            .grpc
            .as_deref()
            .and_then(|name| self.grpc_name(name, path.key("grpc")));
        if grpc == Some(GrpcCode::Ok) {
            self.report(
                Problem::at(path.key("grpc"), "the default gRPC code of errors is `OK`")
                    .hint("`grpc` here applies to the error codes under it; `OK` is for success; name an error code such as `UNAVAILABLE`"),
            );
        }
        let retryable = raw
            .retryable
            .or_else(|| outer.and_then(|outer| outer.retryable));
        if raw.retry_after.is_some() && retryable != Some(true) {
            self.report(retry_after_alone(path.key("retry_after")));
        }
        Level {
            grpc: grpc.or_else(|| outer.and_then(|outer| outer.grpc)),
            retryable,
            retry_after: raw
                .retry_after
                .or_else(|| outer.and_then(|outer| outer.retry_after)),
        }
    }

    fn code_rpc(
        &mut self,
        entry: &RawCode,
        code: &Code,
        index: usize,
        group: Option<&Level>,
        catalog: &Level,
    ) -> Rpc {
        let level = group.unwrap_or(catalog);
        let written = entry
            .grpc
            .as_deref()
            .and_then(|name| self.grpc_name(name, code_path(index).key("grpc")));
        let grpc = match written {
            Some(grpc) => {
                if code.success != (grpc == GrpcCode::Ok) {
                    let (message, hint) = if code.success {
                        (
                            format!(
                                "success code {} has gRPC code `{grpc}`",
                                code.value.quoted()
                            ),
                            "a success is `OK` over gRPC; drop `grpc:` or write `grpc: OK`",
                        )
                    } else {
                        (
                            format!("error code {} has gRPC code `OK`", code.value.quoted()),
                            "an error needs an error code over gRPC, e.g. `INVALID_ARGUMENT`; drop `grpc:` for the one its HTTP status maps to",
                        )
                    };
                    self.report(Problem::at(code_path(index).key("grpc"), message).hint(hint));
                }
                grpc
            }
            None if code.success => GrpcCode::from_http(code.status, true),
            None => level
                .grpc
                .unwrap_or_else(|| GrpcCode::from_http(code.status, false)),
        };
        let reason = match &entry.reason {
            Some(reason) => {
                self.reason_shape(reason, || code_path(index).key("reason"), None);
                reason.clone()
            }
            None => {
                let reason = ident::shouty_case(ident::unraw(&code.variant));
                if usable_name(&code.variant) {
                    self.reason_shape(
                        &reason,
                        || reason_path(entry, &code_path(index)),
                        Some(&code.variant),
                    );
                }
                reason
            }
        };
        if code.success {
            if entry.retryable == Some(true) {
                self.report(
                    Problem::at(
                        code_path(index).key("retryable"),
                        format!("success code {} is `retryable`", code.value.quoted()),
                    )
                    .hint("only errors are retried; drop `retryable: true`"),
                );
            }
            if entry.retry_after.is_some() {
                self.report(retry_after_alone(code_path(index).key("retry_after")));
            }
            return Rpc {
                grpc,
                reason,
                retryable: false,
                retry_after: None,
            };
        }
        let retryable = entry.retryable.or(level.retryable).unwrap_or(false);
        if entry.retry_after.is_some() && !retryable {
            self.report(retry_after_alone(code_path(index).key("retry_after")));
        }
        Rpc {
            grpc,
            reason,
            retryable,
            retry_after: entry
                .retry_after
                .or(level.retry_after)
                .filter(|_| retryable),
        }
    }

    /// The gRPC code `name`, or a problem at `path` with the closest name.
    fn grpc_name(&mut self, name: &str, path: YamlPath) -> Option<GrpcCode> {
        if let Some(code) = GrpcCode::from_name(name) {
            return Some(code);
        }
        let names: Vec<&str> = GrpcCode::ALL.iter().map(|code| code.name()).collect();
        let hint = match did_you_mean(name, names.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!(
                "a gRPC code is a `google.rpc.Code` name: {}",
                quoted_list(&names)
            ),
        };
        self.report(Problem::at(path, format!("unknown gRPC code `{name}`")).hint(hint));
        None
    }

    /// Checks that `reason` is UPPER_SNAKE_CASE and short enough; `variant` names the Rust
    /// name a default reason was made from.
    fn reason_shape(
        &mut self,
        reason: &str,
        path: impl FnOnce() -> YamlPath,
        variant: Option<&str>,
    ) {
        let fault = if !is_upper_snake(reason) {
            "is not UPPER_SNAKE_CASE"
        } else if reason.len() > MAX_REASON {
            "is longer than 63 characters"
        } else {
            return;
        };
        let message = match variant {
            Some(variant) => format!(
                "the reason `{reason}` made from the name `{}` {fault}",
                ident::unraw(variant)
            ),
            None => format!("reason `{reason}` {fault}"),
        };
        let suggestion = ident::shouty_case(reason);
        let hint = if is_upper_snake(&suggestion) && suggestion.len() <= MAX_REASON {
            format!(
                "AIP-193 reasons are UPPER_SNAKE_CASE, at most 63 characters: write `reason: {suggestion}`"
            )
        } else {
            "AIP-193 reasons are UPPER_SNAKE_CASE, at most 63 characters, e.g. `reason: ITEM_NOT_FOUND`".to_owned()
        };
        self.report(Problem::at(path(), message).hint(hint));
    }
}

/// Whether a variant name passed its own checks, so that a reason made from it is worth
/// checking.
fn usable_name(variant: &str) -> bool {
    ident::type_name_fault(ident::unraw(variant)).is_none()
}

/// Where a code's reason is, written or made from its name.
fn reason_path(entry: &RawCode, path: &YamlPath) -> YamlPath {
    if entry.reason.is_some() {
        path.key("reason")
    } else if entry.name.is_some() {
        path.key("name")
    } else {
        path.key("code")
    }
}

fn retry_after_alone(path: YamlPath) -> Problem {
    Problem::at(path, "`retry_after` without `retryable: true`")
        .hint("a delay before a retry means something only when a retry can succeed: add `retryable: true`, or drop `retry_after`")
}

/// `NOT_FOUND`, `E2BIG`: capitals and digits in words joined by single underscores,
/// starting with a capital.
pub(crate) fn is_upper_snake(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_uppercase())
        && text.split('_').all(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_snake_case() {
        assert!(is_upper_snake("NOT_FOUND"));
        assert!(is_upper_snake("E2BIG"));
        assert!(!is_upper_snake("not_found"));
        assert!(!is_upper_snake("NOT__FOUND"));
        assert!(!is_upper_snake("_NOT_FOUND"));
        assert!(!is_upper_snake("NOT_FOUND_"));
        assert!(!is_upper_snake("2BIG"));
        assert!(!is_upper_snake(""));
    }
}
