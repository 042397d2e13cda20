//! Links the page's binary with its relocations kept (`--emit-relocs`): the release build's
//! split step (`scripts/post-build.mjs` runs `wasm_split_cli`) needs them to cut the screens
//! loaded on demand (`src/pages/on_demand.rs`) out of the page's module. Only that binary,
//! only for wasm: the worker and the tests link as before.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_FAMILY").as_deref() == Ok("wasm") {
        println!("cargo:rustc-link-arg-bin=cobro-app=--emit-relocs");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
