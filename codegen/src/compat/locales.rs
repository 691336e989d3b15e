//! Rules for locales and translations.
//!
//! A translated template takes exactly the params of the code's own, so a change of params
//! is reported once, by the rules of the original (`param-*`); a translation reworded around
//! them is `translation-changed`.

use crate::model::{Locale, Locales};

use super::report::{Class, Rule};
use super::{Differ, Item};

impl Differ<'_> {
    pub(super) fn locales(&mut self) {
        let (old, new) = (self.old, self.new);
        let catalog = Item::catalog();
        let (old_locales, new_locales) = match (&old.locales, &new.locales) {
            (None, None) => return,
            (None, Some(locales)) => {
                let what = format!("declares locales: {}", tags(locales));
                self.add(
                    Class::Compatible,
                    Rule::LocalesAdded,
                    &catalog,
                    "locales",
                    what,
                )
                .because("clients that ask for none get the default, as before");
                return;
            }
            (Some(locales), None) => {
                let what = format!("no longer declares locales ({})", tags(locales));
                self.add(
                    Class::Breaking,
                    Rule::LocalesRemoved,
                    &catalog,
                    "locales",
                    what,
                )
                .because(
                    "clients asking for a language get the default, and the locale enum is gone",
                );
                return;
            }
            (Some(old), Some(new)) => (old, new),
        };
        if old_locales.default.tag != new_locales.default.tag {
            self.replaced(
                Class::Breaking,
                Rule::DefaultLocaleChanged,
                &catalog,
                "locales.default",
                &old_locales.default.tag,
                &new_locales.default.tag,
            )
            .because("clients that ask for no language get another one");
        }
        for locale in &old_locales.declared {
            if !new_locales.all().any(|l| l.tag == locale.tag) {
                let what = format!("locale `{}` removed", locale.tag);
                self.add(
                    Class::Breaking,
                    Rule::LocaleRemoved,
                    &catalog,
                    format!("locales.declared.{}", locale.tag),
                    what,
                )
                .because("clients asking for it get another language, and its variant is gone");
            }
        }
        for locale in &new_locales.declared {
            if !old_locales.all().any(|l| l.tag == locale.tag) {
                let what = format!("locale `{}` added", locale.tag);
                self.add(
                    Class::Compatible,
                    Rule::LocaleAdded,
                    &catalog,
                    format!("locales.declared.{}", locale.tag),
                    what,
                );
            }
        }
        for locale in &new_locales.declared {
            let Some(before) = declared(old_locales, &locale.tag) else {
                continue;
            };
            if before.fallback != locale.fallback {
                let show = |fallback: &Option<String>| match fallback {
                    Some(tag) => format!("`{tag}`"),
                    None => "none".to_owned(),
                };
                self.replaced(
                    Class::Compatible,
                    Rule::LocaleFallbackChanged,
                    &catalog,
                    &format!("locales.fallback.{}", locale.tag),
                    show(&before.fallback),
                    show(&locale.fallback),
                );
            }
        }
        self.translations(old_locales, new_locales);
    }

    /// The translations of every code both versions have, into every locale both declare.
    fn translations(&mut self, old_locales: &Locales, new_locales: &Locales) {
        let (old, new) = (self.old, self.new);
        for code in &old.codes {
            let Some(now) = new.codes.iter().find(|c| c.value == code.value) else {
                continue;
            };
            let item = Item::code(code);
            for (index, locale) in new_locales.declared.iter().enumerate() {
                let Some(before_index) = old_locales
                    .declared
                    .iter()
                    .position(|l| l.tag == locale.tag)
                else {
                    continue;
                };
                let (Some(a), Some(b)) = (
                    code.translations.get(before_index),
                    now.translations.get(index),
                ) else {
                    continue;
                };
                let tag = &locale.tag;
                let field = format!("translations.{tag}");
                match (a.written, b.written) {
                    (false, false) => {}
                    (false, true) => {
                        let what = format!("translated into `{tag}`");
                        self.add(
                            Class::Compatible,
                            Rule::TranslationAdded,
                            &item,
                            field,
                            what,
                        );
                    }
                    (true, false) => {
                        let had_fallback = old_locales.declared[before_index].fallback.is_some();
                        let (class, why) = if had_fallback {
                            (
                                Class::Compatible,
                                "the locale declared its fallback already",
                            )
                        } else {
                            (
                                Class::Breaking,
                                "the locale translated every code, and now falls back for this one",
                            )
                        };
                        let what = format!("translation into `{tag}` removed");
                        self.add(class, Rule::TranslationRemoved, &item, field, what)
                            .because(why);
                    }
                    (true, true) => {
                        if a.message != b.message {
                            let field = format!("{field}.message");
                            let what = format!("`{field}`: {:?} → {:?}", a.message, b.message);
                            self.add(
                                Class::Compatible,
                                Rule::TranslationChanged,
                                &item,
                                &field,
                                what,
                            )
                            .values(&a.message, &b.message);
                        }
                        let texts = |t: &crate::model::Translation| {
                            t.detail.as_ref().map(|d| d.text.clone())
                        };
                        if let (Some(x), Some(y)) = (texts(a), texts(b))
                            && x != y
                        {
                            let field = format!("{field}.detail");
                            let what = format!("`{field}`: {x:?} → {y:?}");
                            self.add(
                                Class::Compatible,
                                Rule::TranslationChanged,
                                &item,
                                &field,
                                what,
                            )
                            .values(&x, &y);
                        }
                    }
                }
            }
        }
    }
}

fn declared<'a>(locales: &'a Locales, tag: &str) -> Option<&'a Locale> {
    locales.declared.iter().find(|l| l.tag == tag)
}

/// `en` (default), `de`, `zh-CN`.
fn tags(locales: &Locales) -> String {
    let mut tags = vec![format!("`{}` (default)", locales.default.tag)];
    tags.extend(locales.declared.iter().map(|l| format!("`{}`", l.tag)));
    tags.join(", ")
}
