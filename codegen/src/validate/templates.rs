//! Detail templates: `{param}` placeholders and their types.

use std::collections::BTreeSet;

use crate::diagnostic::Problem;
use crate::diagnostic::locate::YamlPath;
use crate::ident;
use crate::load::raw::RawCode;
use crate::model::{Param, Piece, Template};

use super::Checker;

impl Checker {
    pub(super) fn template(&mut self, entry: &RawCode, path: &YamlPath) -> Option<Template> {
        let mut used = BTreeSet::new();
        let template = entry.detail.as_ref().and_then(|text| {
            let at = path.key("detail");
            let pieces = match split_template(text) {
                Ok(pieces) => pieces,
                Err(message) => {
                    self.report(
                        Problem::at(at, message).hint("write `{{` and `}}` for literal braces"),
                    );
                    return None;
                }
            };
            let mut params: Vec<crate::model::Param> = Vec::new();
            let mut resolved = Vec::new();
            for piece in pieces {
                match piece {
                    RawPiece::Text(text) => resolved.push(Piece::Text(text)),
                    RawPiece::Param(name) => {
                        let Some(&ty) = entry.params.get(&name) else {
                            self.report(
                                Problem::at(
                                    at.clone(),
                                    format!("placeholder `{{{name}}}` has no declared param"),
                                )
                                .hint(format!("declare it: `params: {{ {name}: string }}`")),
                            );
                            continue;
                        };
                        used.insert(name.clone());
                        let index = match params.iter().position(|p| p.name == name) {
                            Some(index) => index,
                            None => {
                                params.push(self.param(&name, ty, path));
                                params.len() - 1
                            }
                        };
                        resolved.push(Piece::Param(index));
                    }
                }
            }
            Some(Template {
                text: text.clone(),
                pieces: resolved,
                params,
            })
        });
        for name in entry.params.keys().filter(|name| !used.contains(*name)) {
            let hint = match &entry.detail {
                Some(_) => format!("use it in `detail` as `{{{name}}}`, or remove it"),
                None => {
                    "params fill the `detail` template; add one, or remove the param".to_owned()
                }
            };
            self.report(
                Problem::at(
                    path.key("params").key(name.clone()).the_key(),
                    format!("param `{name}` is never used"),
                )
                .hint(hint),
            );
        }
        template
    }

    pub(super) fn param(
        &mut self,
        name: &str,
        ty: crate::model::ParamType,
        path: &YamlPath,
    ) -> Param {
        let snake = ident::value_case(name);
        if !ident::is_identifier(&snake) || snake != name {
            self.report(
                Problem::at(
                    path.key("params").key(name.to_owned()).the_key(),
                    format!("param `{name}` is not a snake_case identifier"),
                )
                .hint(format!(
                    "params become Rust arguments; try `{}`",
                    if ident::is_identifier(&snake) {
                        snake.as_str()
                    } else {
                        "value"
                    }
                )),
            );
        }
        Param {
            name: name.to_owned(),
            ident: ident::escape(&snake),
            ty,
        }
    }
}

pub(super) enum RawPiece {
    Text(String),
    Param(String),
}

/// Splits `Project {slug} not found` into text and placeholders; `{{`/`}}` are literal braces.
pub(super) fn split_template(text: &str) -> Result<Vec<RawPiece>, String> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                literal.push('}');
            }
            '{' => {
                let mut name = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) if c.is_ascii_alphanumeric() || c == '_' => name.push(c),
                        Some(c) => {
                            return Err(format!(
                                "unexpected `{c}` in a placeholder of the detail template"
                            ));
                        }
                        None => return Err("unclosed `{` in the detail template".to_owned()),
                    }
                }
                if name.is_empty() {
                    return Err("empty placeholder `{}` in the detail template".to_owned());
                }
                if !literal.is_empty() {
                    pieces.push(RawPiece::Text(std::mem::take(&mut literal)));
                }
                pieces.push(RawPiece::Param(name));
            }
            '}' => return Err("unmatched `}` in the detail template".to_owned()),
            c => literal.push(c),
        }
    }
    if !literal.is_empty() {
        pieces.push(RawPiece::Text(literal));
    }
    Ok(pieces)
}
