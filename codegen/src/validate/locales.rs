//! Locales: the BCP 47 tags a catalog declares, and the translations of its codes.
//!
//! A declared locale covers every code, or says which locale it falls back to; a translated
//! `detail` takes exactly the params of the code's own template (their types are declared
//! once, under `params`, so they are the same by construction).

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::Problem;
use crate::diagnostic::locate::YamlPath;
use crate::diagnostic::{MAX_PROBLEMS, did_you_mean, quoted_list};
use crate::ident;
use crate::load::raw::{RawCatalog, RawLocales, RawTranslation};
use crate::model::{Code, Locale, Locales, Piece, Template, Translation};

use super::codes::live_codes;
use super::templates::{RawPiece, split_template};
use super::{Checker, code_path, root};

/// The most declared locales: more languages than any API answers in.
const MAX_LOCALES: usize = 256;
/// The most texts (codes × declared locales) a catalog resolves: the model holds one per
/// code and locale, so this bounds its memory whatever the file says.
const MAX_LOCALIZED_TEXTS: usize = 2_000_000;

impl Checker {
    /// The catalog's locales, each tag checked, or `None` when it declares none.
    pub(super) fn locales(&mut self, raw: &RawCatalog) -> Option<Locales> {
        let written = raw.locales.as_ref()?;
        let path = root().key("locales");
        let live = live_codes(raw).count();
        if written.declared.len() > MAX_LOCALES
            || written.declared.len().saturating_mul(live) > MAX_LOCALIZED_TEXTS
        {
            self.report(
                Problem::at(
                    path.key("declared"),
                    format!(
                        "{} locales for {live} codes are more than errcat checks",
                        written.declared.len()
                    ),
                )
                .hint(format!(
                    "declare at most {MAX_LOCALES} locales, and at most {MAX_LOCALIZED_TEXTS} texts in all (codes × locales); split the catalog"
                )),
            );
            return None;
        }
        // An unusable default is reported, and used as written, so that the translations are
        // still checked.
        let default = self
            .locale_tag(&written.default, path.key("default"))
            .unwrap_or_else(|| written.default.clone());
        let mut seen: BTreeMap<String, YamlPath> = BTreeMap::new();
        seen.insert(default.to_ascii_lowercase(), path.key("default"));
        let mut declared = Vec::with_capacity(written.declared.len());
        for (index, tag) in written.declared.iter().enumerate() {
            let at = path.key("declared").index(index);
            // An unusable tag is reported once, here, not again for every code.
            let Some(tag) = self.locale_tag(tag, at.clone()) else {
                continue;
            };
            if let Some(first) = seen.get(&tag.to_ascii_lowercase()) {
                self.report(
                    Problem::at(at, format!("locale `{tag}` is declared twice"))
                        .hint("declare each locale once; the default is not repeated under `declared`")
                        .see("first declared", first.clone()),
                );
                continue;
            }
            seen.insert(tag.to_ascii_lowercase(), at);
            declared.push(tag);
        }
        let fallbacks = self.fallbacks(written, &default, &declared);
        let locale = |tag: String| Locale {
            variant: ident::type_case(&tag.replace('-', "_")),
            fallback: fallbacks.get(&tag).cloned(),
            tag,
        };
        Some(Locales {
            default: locale(default),
            declared: declared.into_iter().map(locale).collect(),
        })
    }

    /// `locales.fallback`, each entry a declared locale falling back to another locale of
    /// the catalog, with no cycle.
    fn fallbacks(
        &mut self,
        written: &RawLocales,
        default: &str,
        declared: &[String],
    ) -> BTreeMap<String, String> {
        let path = root().key("locales").key("fallback");
        let known: Vec<&str> = std::iter::once(default)
            .chain(declared.iter().map(String::as_str))
            .collect();
        let mut fallbacks = BTreeMap::new();
        for (from, to) in written.fallback.iter() {
            let at = path.key(from.clone());
            if from == default {
                self.report(
                    Problem::at(
                        at.the_key(),
                        format!("`{from}` is the default locale, which falls back to nothing"),
                    )
                    .hint("every code is written in the default locale; remove this entry"),
                );
                continue;
            }
            if !declared.contains(from) {
                self.report(undeclared(
                    at.the_key(),
                    from,
                    &known,
                    "only a declared locale falls back",
                ));
                continue;
            }
            if !known.contains(&to.as_str()) {
                self.report(undeclared(
                    at,
                    to,
                    &known,
                    "a locale falls back to the default or another declared locale",
                ));
                continue;
            }
            if from == to {
                self.report(
                    Problem::at(at, format!("locale `{from}` falls back to itself"))
                        .hint(format!("let it fall back to the default, `{default}`")),
                );
                continue;
            }
            fallbacks.insert(from.clone(), to.clone());
        }
        // A chain ends at the default or at a locale that covers every code; one that comes
        // back to where it started never does.
        let mut in_cycle = BTreeSet::new();
        for start in fallbacks.keys() {
            let mut at = start;
            for _ in 0..fallbacks.len() {
                match fallbacks.get(at) {
                    Some(next) if next == start => {
                        in_cycle.insert(start.clone());
                        break;
                    }
                    Some(next) => at = next,
                    None => break,
                }
            }
        }
        for tag in &in_cycle {
            self.report(
                Problem::at(
                    path.key(tag.clone()),
                    format!("the fallbacks of `{tag}` lead back to it"),
                )
                .hint(format!(
                    "a chain of fallbacks must end at the default, `{default}`, or at a locale without one"
                )),
            );
            fallbacks.remove(tag);
        }
        fallbacks
    }

    /// A written BCP 47 tag, checked: it must be well-formed, name a known language and be
    /// in its canonical case (so that the generated names and `Content-Language` are).
    fn locale_tag(&mut self, tag: &str, at: YamlPath) -> Option<String> {
        match check_tag(tag) {
            Ok(canonical) if canonical == tag => return Some(canonical),
            Ok(canonical) => self.report(
                Problem::at(
                    at,
                    format!("locale tag `{tag}` is not in its canonical case"),
                )
                .hint(format!(
                    "tags are matched without regard to case but written canonically: `{canonical}`"
                )),
            ),
            Err((message, hint)) => self.report(Problem::at(at, message).hint(hint)),
        }
        None
    }

    /// The translations of every code into the declared locales, fallbacks resolved: a
    /// translation of an undeclared locale is refused, a declared locale without a fallback
    /// must translate every code, and a translated template takes the original's params.
    pub(super) fn translations(
        &mut self,
        raw: &RawCatalog,
        locales: Option<&Locales>,
        codes: &mut [Code],
    ) {
        let mut missing = 0;
        for ((index, entry), code) in live_codes(raw).zip(codes.iter_mut()) {
            // Built only where there is something to check: most catalogs have no locales.
            let path = || code_path(index).key("translations");
            let Some(locales) = locales else {
                // With `locales` written but refused, its problem is reported already.
                if raw.locales.is_none() && !entry.translations.is_empty() {
                    self.report(
                        Problem::at(path().the_key(), "the catalog declares no locales").hint(
                            "declare them first, e.g. `locales: { default: en, declared: [de] }`",
                        ),
                    );
                }
                continue;
            };
            let path = path();
            let known: Vec<&str> = locales.all().map(|locale| locale.tag.as_str()).collect();
            for tag in entry.translations.keys() {
                let at = path.key(tag.clone()).the_key();
                if *tag == locales.default.tag {
                    self.report(
                        Problem::at(
                            at,
                            format!("`{tag}` is the default locale: the code's own `message` and `detail` are in it"),
                        )
                        .hint("remove this translation, or change the code's own texts"),
                    );
                } else if !locales.declared.iter().any(|locale| locale.tag == *tag) {
                    self.report(undeclared(
                        at,
                        tag,
                        &known,
                        "a code is translated only into the catalog's declared locales",
                    ));
                }
            }
            let mut own: Vec<Option<Translation>> = Vec::with_capacity(locales.declared.len());
            for locale in &locales.declared {
                let Some(written) = entry.translations.get(&locale.tag) else {
                    // Past a screenful, more of the same says nothing new.
                    if locale.fallback.is_none() && missing < MAX_PROBLEMS {
                        missing += 1;
                        self.report(
                            Problem::at(
                                code_path(index).key("code"),
                                format!(
                                    "code {} has no translation into `{}`",
                                    code.value.quoted(),
                                    locale.tag
                                ),
                            )
                            .hint(format!(
                                "add `translations: {{ {}: {{ message: … }} }}`, or let the locale fall back: `locales: {{ fallback: {{ {}: {} }} }}`",
                                locale.tag, locale.tag, locales.default.tag
                            )),
                        );
                    }
                    own.push(None);
                    continue;
                };
                let at = path.key(locale.tag.clone());
                own.push(Some(self.translation(written, code.detail.as_ref(), &at)));
            }
            code.translations = (0..locales.declared.len())
                .map(|index| resolved(locales, &own, code, index))
                .collect();
        }
    }

    /// One written translation, its template checked against the code's own.
    fn translation(
        &mut self,
        written: &RawTranslation,
        original: Option<&Template>,
        at: &YamlPath,
    ) -> Translation {
        if written.message.trim().is_empty() {
            self.report(
                Problem::at(at.key("message"), "the translated message is empty")
                    .hint("write the code's message in this language"),
            );
        }
        let detail = match (&written.detail, original) {
            (None, None) => None,
            (Some(_), None) => {
                self.report(
                    Problem::at(
                        at.key("detail").the_key(),
                        "the code has no `detail` to translate",
                    )
                    .hint("give the code a `detail` template first, or remove this one"),
                );
                None
            }
            (None, Some(original)) => {
                self.report(
                    Problem::at(at.clone().the_key(), "the translation has no `detail`").hint(
                        format!(
                            "translate the code's template {:?} too, with the same placeholders",
                            original.text
                        ),
                    ),
                );
                None
            }
            (Some(text), Some(original)) => {
                self.translated_template(text, original, &at.key("detail"))
            }
        };
        Translation {
            message: written.message.clone(),
            detail,
            written: true,
        }
    }

    /// A translated template: its placeholders are exactly the params of `original`, each
    /// piece pointing into the original's params so that the constructor's arguments stay the
    /// same.
    fn translated_template(
        &mut self,
        text: &str,
        original: &Template,
        at: &YamlPath,
    ) -> Option<Template> {
        let pieces = match split_template(text) {
            Ok(pieces) => pieces,
            Err(message) => {
                self.report(
                    Problem::at(at.clone(), message).hint("write `{{` and `}}` for literal braces"),
                );
                return None;
            }
        };
        let names: Vec<String> = original
            .params
            .iter()
            .map(|param| format!("`{{{}}}`", param.name))
            .collect();
        let mut used = BTreeSet::new();
        let mut resolved = Vec::with_capacity(pieces.len());
        let mut sound = true;
        for piece in pieces {
            match piece {
                RawPiece::Text(text) => resolved.push(Piece::Text(text)),
                RawPiece::Param(name) => {
                    match original.params.iter().position(|param| param.name == name) {
                        Some(index) => {
                            used.insert(index);
                            resolved.push(Piece::Param(index));
                        }
                        None => {
                            sound = false;
                            self.report(
                                Problem::at(
                                    at.clone(),
                                    format!(
                                        "placeholder `{{{name}}}` is not a param of the code's own template"
                                    ),
                                )
                                .hint(if names.is_empty() {
                                    "the code's own template has no placeholders; a translation takes none either".to_owned()
                                } else {
                                    format!("a translation takes exactly the params of `detail`: {}", names.join(", "))
                                }),
                            );
                        }
                    }
                }
            }
        }
        for (index, param) in original.params.iter().enumerate() {
            if !used.contains(&index) {
                sound = false;
                self.report(
                    Problem::at(
                        at.clone(),
                        format!("the translation does not use param `{{{}}}`", param.name),
                    )
                    .hint(format!(
                        "the code's own template {:?} shows it; a translation shows every param of the original",
                        original.text
                    )),
                );
            }
        }
        sound.then(|| Template {
            text: text.to_owned(),
            pieces: resolved,
            params: original.params.clone(),
        })
    }

    /// The localized constructors (`<constructor>_in`) share the envelope's namespace with
    /// the others.
    pub(super) fn localized_constructors(&mut self, raw: &RawCatalog, codes: &[Code]) {
        if raw.locales.is_none() {
            return;
        }
        let names: BTreeMap<&str, usize> = live_codes(raw)
            .zip(codes)
            .filter_map(|((index, _), code)| {
                Some((ident::unraw(code.constructor.as_ref()?), index))
            })
            .collect();
        for ((index, _), code) in live_codes(raw).zip(codes) {
            let Some(constructor) = &code.constructor else {
                continue;
            };
            let localized = format!("{}_in", ident::unraw(constructor));
            if let Some(&other) = names.get(localized.as_str()) {
                self.report(
                    Problem::at(
                        code_path(other).key("code"),
                        format!("the constructor `{localized}` is also the localized constructor of another code"),
                    )
                    .hint("a catalog with locales makes `<constructor>_in` for every constructor; give one of the codes a distinct `name:`")
                    .see("the other code", code_path(index)),
                );
            }
        }
    }
}

/// A code's texts in the declared locale `index`: its own translation, or those of the
/// locale the chain of fallbacks ends at.
fn resolved(
    locales: &Locales,
    own: &[Option<Translation>],
    code: &Code,
    index: usize,
) -> Translation {
    let mut at = index;
    // A chain without cycles visits each locale once at most.
    for _ in 0..=locales.declared.len() {
        if let Some(translation) = &own[at] {
            return Translation {
                written: at == index,
                ..translation.clone()
            };
        }
        let next = locales.declared[at].fallback.as_ref().and_then(|tag| {
            locales
                .declared
                .iter()
                .position(|locale| locale.tag == *tag)
        });
        match next {
            Some(next) => at = next,
            None => break,
        }
    }
    Translation {
        message: code.message.clone(),
        detail: code.detail.clone(),
        written: false,
    }
}

/// A tag that names no locale of the catalog, with the closest one that does.
fn undeclared(at: YamlPath, tag: &str, known: &[&str], why: &str) -> Problem {
    let hint = match did_you_mean(tag, known.iter().copied()) {
        Some(close) => format!("did you mean `{close}`? {why}"),
        None => format!(
            "{why}: {}; declare it under `locales.declared`",
            quoted_list(known)
        ),
    };
    Problem::at(at, format!("locale `{tag}` is not declared")).hint(hint)
}

/// The two-letter language subtags of ISO 639-1, the ones BCP 47 uses for those languages.
const LANGUAGES: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi",
    "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de",
    "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy",
    "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia",
    "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk",
    "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo",
    "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd",
    "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl",
    "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl",
    "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk",
    "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa",
    "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// Checks a BCP 47 language tag (RFC 5646, `langtag`): language (a known two-letter one, or
/// three letters), up to three extended language subtags, script, region, variants,
/// extensions and a private use part, in that order. Returns the tag in its canonical case,
/// or what is wrong with it and a hint. Grandfathered and private-use-only tags are refused:
/// a catalog's locales are real languages.
pub(crate) fn check_tag(tag: &str) -> Result<String, (String, String)> {
    let example = "a BCP 47 tag is a language, then optionally a script and a region, e.g. `de`, `zh-CN`, `zh-Hans-CN` or `pt-BR`";
    let fail = |message: String, hint: &str| Err((message, hint.to_owned()));
    if tag.is_empty() {
        return fail("the locale tag is empty".to_owned(), example);
    }
    if tag.contains('_') {
        return fail(
            format!("locale tag `{tag}` separates its subtags with `_`"),
            &format!(
                "BCP 47 separates them with `-`: `{}`",
                tag.replace('_', "-")
            ),
        );
    }
    let subtags: Vec<&str> = tag.split('-').collect();
    if let Some(bad) = subtags
        .iter()
        .find(|s| s.is_empty() || s.len() > 8 || !s.bytes().all(|b| b.is_ascii_alphanumeric()))
    {
        return fail(
            format!("locale tag `{tag}` has a malformed subtag `{bad}`"),
            "subtags are 1 to 8 ASCII letters or digits, separated by `-`",
        );
    }
    let language = subtags[0].to_ascii_lowercase();
    let letters = |s: &str| s.bytes().all(|b| b.is_ascii_alphabetic());
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    match language.len() {
        2 if letters(&language) => {
            if !LANGUAGES.contains(&language.as_str()) {
                let hint = match did_you_mean(&language, LANGUAGES.iter().copied()) {
                    Some(close) if close != language => format!(
                        "two-letter language subtags are those of ISO 639-1; did you mean `{close}`?"
                    ),
                    _ => {
                        "two-letter language subtags are those of ISO 639-1, e.g. `en`, `de`, `zh`"
                            .to_owned()
                    }
                };
                return fail(
                    format!("unknown language `{}` in locale tag `{tag}`", subtags[0]),
                    &hint,
                );
            }
        }
        3 if letters(&language) => {}
        _ => {
            return fail(
                format!("locale tag `{tag}` does not start with a language"),
                &format!("{example}; the language is two or three letters (ISO 639)"),
            );
        }
    }
    let mut canonical = vec![language];
    let mut rest = &subtags[1..];
    let mut extlangs = 0;
    while let [s, tail @ ..] = rest {
        if s.len() == 3 && letters(s) && extlangs < 3 {
            canonical.push(s.to_ascii_lowercase());
            extlangs += 1;
            rest = tail;
        } else {
            break;
        }
    }
    if let [s, tail @ ..] = rest
        && s.len() == 4
        && letters(s)
    {
        let lower = s.to_ascii_lowercase();
        canonical.push(lower[..1].to_ascii_uppercase() + &lower[1..]);
        rest = tail;
    }
    if let [s, tail @ ..] = rest
        && ((s.len() == 2 && letters(s)) || (s.len() == 3 && digits(s)))
    {
        canonical.push(s.to_ascii_uppercase());
        rest = tail;
    }
    while let [s, tail @ ..] = rest {
        let variant =
            (5..=8).contains(&s.len()) || (s.len() == 4 && s.as_bytes()[0].is_ascii_digit());
        if !variant {
            break;
        }
        canonical.push(s.to_ascii_lowercase());
        rest = tail;
    }
    while let [s, tail @ ..] = rest {
        if s.len() != 1 {
            break;
        }
        let singleton = s.to_ascii_lowercase();
        let min = if singleton == "x" { 1 } else { 2 };
        let count = tail
            .iter()
            .take_while(|t| t.len() >= min && (singleton == "x" || t.len() > 1))
            .count();
        if count == 0 {
            return fail(
                format!("the `{s}` part of locale tag `{tag}` is empty"),
                "an extension or private use part needs at least one subtag after its letter",
            );
        }
        canonical.push(singleton.clone());
        canonical.extend(tail[..count].iter().map(|t| t.to_ascii_lowercase()));
        rest = &tail[count..];
        if singleton == "x" {
            break;
        }
    }
    if let [s, ..] = rest {
        return fail(
            format!("subtag `{s}` of locale tag `{tag}` is out of place"),
            &format!(
                "{example}; a script is 4 letters, a region 2 letters or 3 digits, in that order"
            ),
        );
    }
    Ok(canonical.join("-"))
}

#[cfg(test)]
mod tests {
    use super::check_tag;

    #[test]
    fn well_formed_tags_are_canonicalized() {
        for (tag, canonical) in [
            ("de", "de"),
            ("zh-CN", "zh-CN"),
            ("zh-hans-cn", "zh-Hans-CN"),
            ("EN-us", "en-US"),
            ("es-419", "es-419"),
            ("sl-rozaj-biske", "sl-rozaj-biske"),
            ("de-CH-1996", "de-CH-1996"),
            ("en-US-u-ca-gregory", "en-US-u-ca-gregory"),
            ("en-x-private", "en-x-private"),
            ("yue-HK", "yue-HK"),
        ] {
            assert_eq!(check_tag(tag).as_deref(), Ok(canonical), "{tag}");
        }
    }

    #[test]
    fn malformed_and_unknown_tags_are_refused() {
        for tag in [
            "",
            "x",
            "english",
            "de_DE",
            "de--DE",
            "qq",
            "zh-CN-Hans",
            "en-US-u",
            "1de",
            "de-ÄT",
            "toolongsubtag",
        ] {
            assert!(check_tag(tag).is_err(), "{tag}");
        }
        let (message, hint) = check_tag("dd").unwrap_err();
        assert!(message.contains("unknown language `dd`"), "{message}");
        assert!(hint.contains("did you mean"), "{hint}");
    }
}
