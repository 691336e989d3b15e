//! The localized texts of a code in the exported document: each response example of a
//! catalog with locales carries `x-errcat-messages` (the code's message by BCP 47 tag, the
//! default first) and, for a code with a template, `x-errcat-details` (its `detail` template
//! by tag). Response examples rather than the code schema, so that the schemas stay the
//! ones utoipa publishes.

use crate::emit::json::Json;
use crate::model::{Catalog, Code};

/// `x-errcat-messages` of `code`, when the catalog declares locales.
pub(super) fn messages(catalog: &Catalog, code: &Code) -> Option<Json> {
    let locales = catalog.locales.as_ref()?;
    let mut messages = Json::object().with(locales.default.tag.clone(), Json::from(&code.message));
    for (locale, translation) in locales.declared.iter().zip(&code.translations) {
        messages.insert(locale.tag.clone(), Json::from(&translation.message));
    }
    Some(messages)
}

/// `x-errcat-details` of `code`, when the catalog declares locales and the code has a
/// template.
pub(super) fn details(catalog: &Catalog, code: &Code) -> Option<Json> {
    let locales = catalog.locales.as_ref()?;
    let template = code.detail.as_ref()?;
    let mut details = Json::object().with(locales.default.tag.clone(), Json::from(&template.text));
    for (locale, translation) in locales.declared.iter().zip(&code.translations) {
        let text = translation.detail.as_ref().unwrap_or(template);
        details.insert(locale.tag.clone(), Json::from(&text.text));
    }
    Some(details)
}
