//! Fields that lead back to the type holding them, boxed so that every type has a finite size.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::Problem;
use crate::diagnostic::locate::YamlPath;
use crate::load::raw::RawEnvelope;
use crate::model::{Envelope, Field, FieldType};

use super::Checker;
use super::envelope::schema_fields_path;

impl Checker {
    /// Boxes single references that lead back to the type holding them, and rejects required
    /// ones, which would make every value infinitely large.
    pub(super) fn box_cycles(
        &mut self,
        envelope: &mut Envelope,
        raw: &RawEnvelope,
        path: &YamlPath,
    ) {
        // Edges of the "holds one of" graph: a non-array reference from one type to another.
        let holds = |fields: &[Field]| -> Vec<String> {
            fields
                .iter()
                .filter_map(|field| match &field.ty {
                    FieldType::Schema(name) => Some(name.clone()),
                    FieldType::Envelope => Some(envelope.name.clone()),
                    _ => None,
                })
                .collect()
        };
        let mut graph: BTreeMap<String, Vec<String>> = envelope
            .schemas
            .iter()
            .map(|(name, s)| (name.clone(), holds(&s.fields)))
            .collect();
        graph.insert(envelope.name.clone(), holds(&envelope.fields));
        let reaches = |from: &str, to: &str| -> bool {
            let mut stack = vec![from.to_owned()];
            let mut seen = BTreeSet::new();
            while let Some(node) = stack.pop() {
                if node == to {
                    return true;
                }
                if seen.insert(node.clone()) {
                    stack.extend(graph.get(&node).into_iter().flatten().cloned());
                }
            }
            false
        };
        let envelope_name = envelope.name.clone();
        let mark = |owner: &str,
                    fields: &mut [Field],
                    fields_path: YamlPath,
                    problems: &mut Vec<Problem>| {
            for (index, field) in fields.iter_mut().enumerate() {
                let target = match &field.ty {
                    FieldType::Schema(name) => name.clone(),
                    FieldType::Envelope => envelope_name.clone(),
                    _ => continue,
                };
                if reaches(&target, owner) {
                    field.boxed = true;
                    if field.required {
                        problems.push(
                            Problem::at(fields_path.index(index).key("required"), format!("required field `{}` leads back to `{owner}`, so a value would never end", field.wire_name))
                                .hint("make the field optional, or an array"),
                        );
                    }
                }
            }
        };
        let mut problems = Vec::new();
        mark(
            &envelope_name,
            &mut envelope.fields,
            path.key("fields"),
            &mut problems,
        );
        for (name, schema) in &mut envelope.schemas {
            mark(
                name,
                &mut schema.fields,
                schema_fields_path(path, name, &raw.schemas[name]),
                &mut problems,
            );
        }
        // The envelope's own required self-reference was reported already.
        problems.retain(|p| !self.problems.iter().any(|q| q.at == p.at));
        self.problems.extend(problems);
    }
}
