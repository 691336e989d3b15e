// One module per catalog that the including crate's build.rs generates: the bundled catalogs
// and the build-dep fixtures. Shared by the option test crates (with-http, with-axum,
// with-utoipa), which differ only in the option their build scripts turn on.

macro_rules! catalogs {
    ($($name:ident),*) => {
        $(pub mod $name {
            include!(concat!(env!("OUT_DIR"), "/", stringify!($name), ".rs"));
        })*
    };
}

catalogs!(mode, guizhan, astrada, awork, ledger, shop, depot, wire);
