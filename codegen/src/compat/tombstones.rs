//! Rules for retired codes (tombstones).

use crate::model::Retired;
use crate::text::one_line;

use super::report::{Class, Rule};
use super::{Differ, Item};

impl Differ<'_> {
    /// Tombstones: deleting one frees its code for reuse, which the tombstone exists to
    /// prevent; a new one for a code that was never live only reserves it.
    pub(super) fn tombstones(&mut self) {
        let (old, new) = (self.old, self.new);
        for tombstone in &old.retired {
            let item = Item::retired(tombstone);
            if let Some(now) = new.retired.iter().find(|r| r.value == tombstone.value) {
                self.text(
                    Rule::DocsChanged,
                    &item,
                    "removed",
                    &tombstone.reason,
                    &now.reason,
                );
                let message = |r: &Retired| r.message.clone().unwrap_or_default();
                self.text(
                    Rule::DocsChanged,
                    &item,
                    "message",
                    &message(tombstone),
                    &message(now),
                );
            } else if !new.codes.iter().any(|c| c.value == tombstone.value) {
                self.add(
                    Class::Breaking,
                    Rule::TombstoneRemoved,
                    &item,
                    "removed",
                    "deleted",
                )
                .because("the code may be reused with a new meaning; keep the tombstone")
                .old = Some(tombstone.reason.clone());
            }
        }
        for tombstone in &new.retired {
            let known = old.retired.iter().any(|r| r.value == tombstone.value)
                || old.codes.iter().any(|c| c.value == tombstone.value);
            if !known {
                let what = format!("reserved by a tombstone: {}", one_line(&tombstone.reason));
                self.add(
                    Class::Compatible,
                    Rule::CodeReserved,
                    &Item::retired(tombstone),
                    "removed",
                    what,
                )
                .new = Some(tombstone.reason.clone());
            }
        }
    }
}
