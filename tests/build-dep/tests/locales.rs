//! Localized messages of the `wire` catalog (`en`, `de`, and `de-AT` falling back to `de`):
//! tags, `Accept-Language` negotiation, `message_in` and the localized bodies.

use errcat_build_dep::wire::{WireCode, WireLocale, WireProblem};

#[test]
fn the_locales_are_the_default_then_the_declared_ones() {
    assert_eq!(
        WireLocale::ALL,
        &[WireLocale::En, WireLocale::De, WireLocale::DeAt]
    );
    assert_eq!(WireLocale::DEFAULT, WireLocale::En);
    assert_eq!(WireLocale::default(), WireLocale::En);
    assert_eq!(WireLocale::DeAt.tag(), "de-AT");
    assert_eq!(WireLocale::DeAt.to_string(), "de-AT");
}

#[test]
fn tags_are_read_without_regard_to_case_and_fall_back_by_region_and_script() {
    for (tag, locale) in [
        ("en", WireLocale::En),
        ("EN", WireLocale::En),
        ("de-AT", WireLocale::DeAt),
        ("DE-at", WireLocale::DeAt),
        ("de_AT", WireLocale::DeAt),
        (" de-AT ", WireLocale::DeAt),
        ("de-CH", WireLocale::De),
        ("de-DE-1996", WireLocale::De),
        ("de-AT-1996", WireLocale::DeAt),
        ("de-Latn-AT", WireLocale::DeAt),
        ("de-Latn", WireLocale::De),
        ("en-GB", WireLocale::En),
    ] {
        assert_eq!(WireLocale::from_tag(tag), Some(locale), "{tag}");
        assert_eq!(tag.parse::<WireLocale>(), Ok(locale), "{tag}");
    }
    for tag in [
        "",
        "fr",
        "fr-AT",
        "-",
        "de-",
        "deu",
        "*",
        "a-b-c-d-e-f-g-h-i",
    ] {
        assert_eq!(WireLocale::from_tag(tag), None, "{tag:?}");
    }
    let error = "fr-FR".parse::<WireLocale>().unwrap_err();
    assert_eq!(error.as_str(), "fr-FR");
    assert_eq!(error.to_string(), "`fr-FR` names no locale of the Wire API");
}

#[test]
fn accept_language_headers_of_real_browsers_are_negotiated() {
    for (header, locale) in [
        // Chrome, German UI in Germany.
        ("de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7", WireLocale::De),
        // Firefox, Austrian German.
        ("de-AT,de;q=0.8,en-US;q=0.5,en;q=0.3", WireLocale::DeAt),
        // Safari sends one lower-case tag.
        ("de-at", WireLocale::DeAt),
        // Chrome, US English.
        ("en-US,en;q=0.9", WireLocale::En),
        // Swiss French first: nothing declared until English.
        (
            "fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5",
            WireLocale::En,
        ),
        // q-values decide, not the order.
        ("en;q=0.5, de;q=0.9", WireLocale::De),
        ("en;q=0.500, de-AT;q=0.501", WireLocale::DeAt),
        // A tie goes to the earlier range.
        ("de;q=0.5, en;q=0.5", WireLocale::De),
        // Whitespace and case as clients send them.
        ("  DE-AT ; Q=0.9 ,en;q=0.1", WireLocale::DeAt),
    ] {
        assert_eq!(WireLocale::negotiate(header), locale, "{header}");
    }
}

#[test]
fn wildcards_exclusions_and_malformed_headers() {
    for (header, locale) in [
        ("", WireLocale::En),
        ("*", WireLocale::En),
        ("fr, *;q=0.1", WireLocale::En),
        // `q=0` rules a locale out, also for `*` and for what a longer range finds.
        ("en;q=0, *", WireLocale::De),
        ("en;q=0, de-AT;q=0, *", WireLocale::De),
        // `de;q=0` rules out `de-AT` too: nothing is left but the default.
        ("en;q=0, de;q=0, *", WireLocale::En),
        ("de;q=0, de-AT", WireLocale::En),
        ("de-AT;q=0, de-AT-1996, de;q=0.5", WireLocale::De),
        ("de-AT;q=0", WireLocale::En),
        // Malformed items are skipped, the rest still read.
        ("de;q=1.5, de-AT;q=0.5", WireLocale::DeAt),
        ("de;q=abc", WireLocale::En),
        ("de;q=0.1234", WireLocale::En),
        ("de;q", WireLocale::En),
        ("d€, de-AT", WireLocale::DeAt),
        (",,,;;;,", WireLocale::En),
    ] {
        assert_eq!(WireLocale::negotiate(header), locale, "{header}");
    }
    // Only the first items of a long header are read.
    let long = format!("{}de", "fr,".repeat(WireLocale::MAX_RANGES));
    assert_eq!(WireLocale::negotiate(&long), WireLocale::En);
    let short = format!("{}de", "fr,".repeat(WireLocale::MAX_RANGES - 1));
    assert_eq!(WireLocale::negotiate(&short), WireLocale::De);
}

#[test]
fn messages_are_translated_or_fall_back() {
    assert_eq!(WireCode::NotFound.message_in(WireLocale::En), "Not Found");
    assert_eq!(
        WireCode::NotFound.message_in(WireLocale::De),
        "Nicht gefunden"
    );
    // `de-AT` translates only 409; the others are German.
    assert_eq!(
        WireCode::NotFound.message_in(WireLocale::DeAt),
        "Nicht gefunden"
    );
    assert_eq!(WireCode::Conflict.message_in(WireLocale::DeAt), "Konflikt");
    for &code in WireCode::ALL {
        assert_eq!(code.message_in(WireLocale::DEFAULT), code.message());
    }
}

#[test]
fn bodies_are_built_in_a_locale() {
    let body = WireProblem::from_code_in(WireCode::Locked, WireLocale::De);
    assert_eq!(body.title.as_deref(), Some("Gesperrt"));
    assert_eq!(body.detail.as_deref(), Some("Gesperrt"));
    assert_eq!(
        WireProblem::from_code_in(WireCode::Locked, WireLocale::En),
        WireProblem::from(WireCode::Locked)
    );
    // A value the code fixes stays fixed.
    let body = WireProblem::from_code_in(WireCode::NotFound, WireLocale::De);
    assert_eq!(body.title.as_deref(), Some("Not Found"));
    assert_eq!(body.detail.as_deref(), Some("Nicht gefunden"));
}

#[test]
fn templates_are_rendered_in_a_locale_with_the_same_arguments() {
    let en = WireProblem::conflict_in(WireLocale::En, 7, "Ada", "held");
    assert_eq!(en, WireProblem::conflict(7, "Ada", "held"));
    let de = WireProblem::conflict_in(WireLocale::De, 7, "Ada", "held");
    assert_eq!(de.detail.as_deref(), Some("Ada hält die Bestellung 7"));
    assert_eq!(de.title.as_deref(), Some("Konflikt"));
    assert_eq!(de.current_value.as_deref(), Some("held"));
    let at = WireProblem::conflict_in(WireLocale::DeAt, 7, "Ada", "held");
    assert_eq!(
        at.detail.as_deref(),
        Some("Die Bestellung 7 hat Ada reserviert")
    );
    let locked = WireProblem::locked_in(WireLocale::DeAt, 60);
    assert_eq!(locked.until, Some(60));
    assert_eq!(locked.title.as_deref(), Some("Gesperrt"));
}
