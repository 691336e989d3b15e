//! `from_code` of catalogs with more codes than one `match` holds, looked up in blocks: every
//! code is found, as its own variant, and no other value is.

use std::collections::BTreeSet;

use errcat_build_dep::many_ints::ManyIntsCode;
use errcat_build_dep::many_slugs::ManySlugsCode;

#[test]
fn every_integer_code_is_found_and_no_other() {
    assert_eq!(ManyIntsCode::ALL.len(), 600);
    let codes: BTreeSet<i64> = ManyIntsCode::ALL.iter().map(|code| code.code()).collect();
    for &code in ManyIntsCode::ALL {
        assert_eq!(ManyIntsCode::from_code(code.code()), Some(code), "{code:?}");
        assert_eq!(code.code().to_string().parse(), Ok(code));
    }
    // Each side of every code, and the gaps between blocks.
    for &value in &codes {
        for probe in [value.checked_sub(1), value.checked_add(1)]
            .into_iter()
            .flatten()
        {
            if !codes.contains(&probe) {
                assert_eq!(ManyIntsCode::from_code(probe), None, "{probe}");
            }
        }
    }
    assert!(ManyIntsCode::from_code(i64::MIN).is_some_and(|code| code.code() == i64::MIN));
    assert_eq!(ManyIntsCode::from_code(i64::MIN + 1), None);
    assert_eq!(ManyIntsCode::from_code(4), None);
}

#[test]
fn every_string_code_is_found_and_no_other() {
    assert_eq!(ManySlugsCode::ALL.len(), 600);
    for &code in ManySlugsCode::ALL {
        assert_eq!(
            ManySlugsCode::from_code(code.code()),
            Some(code),
            "{code:?}"
        );
        assert_eq!(code.code().parse(), Ok(code));
        // Near misses, in some block: a code only when the catalog has that exact value.
        let mut cut = code.code().to_owned();
        cut.pop();
        for probe in [format!("{}x", code.code()), cut, code.code().to_uppercase()] {
            let expected = ManySlugsCode::ALL
                .iter()
                .copied()
                .find(|c| c.code() == probe);
            assert_eq!(ManySlugsCode::from_code(&probe), expected, "{probe}");
        }
    }
    assert_eq!(ManySlugsCode::from_code(""), None);
    assert_eq!(
        ManySlugsCode::from_code("alpha-0-été"),
        Some(ManySlugsCode::Slug0)
    );
}

/// Lookups are `const`, as for small catalogs.
#[test]
fn block_lookups_are_const() {
    const FOUND: Option<ManySlugsCode> = ManySlugsCode::from_code("bravo-1");
    const MISSING: Option<ManyIntsCode> = ManyIntsCode::from_code(3);
    assert_eq!(FOUND, Some(ManySlugsCode::Slug1));
    assert_eq!(MISSING, None);
}
