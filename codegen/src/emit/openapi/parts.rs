//! The parts of a document that grow with the catalog, one entry per code: left out of the
//! document's tree as [`Json::Deferred`] slots and made entry by entry while it is printed, so
//! that no more than one entry is held at a time.

use crate::emit::json::{Json, Slot, Source};
use crate::ident::unraw;
use crate::model::Code;

use super::Emitter;

/// The deferred parts of one document, in the order their slots were made.
#[derive(Default)]
pub(super) struct Parts<'a>(Vec<Part<'a>>);

/// One deferred part of a catalog's components.
pub(super) enum Part<'a> {
    /// The `oneOf` of the code schema: an alternative per code.
    Codes(Emitter<'a>),
    /// The `anyOf` of a per-status schema: the envelope narrowed to each of the codes.
    Narrowed(Emitter<'a>, Vec<&'a Code>),
    /// The examples of a response: one per code, under its variant name.
    Examples(Emitter<'a>, Vec<&'a Code>),
}

impl<'a> Parts<'a> {
    /// The slot standing for `part` in the tree.
    pub(super) fn defer(&mut self, part: Part<'a>) -> Json {
        let (len, array) = match &part {
            Part::Codes(emitter) => (emitter.catalog.codes.len(), true),
            Part::Narrowed(_, codes) => (codes.len(), true),
            Part::Examples(_, codes) => (codes.len(), false),
        };
        self.0.push(part);
        Json::Deferred(Slot {
            index: self.0.len() - 1,
            len,
            array,
        })
    }
}

impl Source for Parts<'_> {
    fn members(&self, index: usize, member: &mut dyn FnMut(Option<&str>, &Json)) {
        match &self.0[index] {
            Part::Codes(emitter) => emitter
                .catalog
                .codes
                .iter()
                .for_each(|code| member(None, &Emitter::code_alternative(code))),
            Part::Narrowed(emitter, codes) => codes
                .iter()
                .for_each(|code| member(None, &emitter.narrowed(code, true))),
            Part::Examples(emitter, codes) => codes
                .iter()
                .for_each(|code| member(Some(unraw(&code.variant)), &emitter.example(code))),
        }
    }
}
