//! The front-door files generated from the core's table of calls are up to date.
//! `UPDATE_GENERATED=1 cargo test --test it generated` rewrites them.

use std::path::PathBuf;

use webinar_analytics::contract::codegen::{self, JsModule};

fn check(path: &str, expected: &str) {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(path);
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&file, expected).expect("generated file is writable");
        return;
    }
    let committed = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        committed == expected,
        "{path} is stale: run `UPDATE_GENERATED=1 cargo test --test it generated` and commit the result"
    );
}

#[test]
fn generated_python_calls_are_current() {
    check("crates/py/python/webinar_analytics/_calls.py", &codegen::python_module());
    check("crates/py/python/webinar_analytics/_types.py", &codegen::python_types_module());
}

#[test]
fn generated_js_calls_and_declarations_are_current() {
    check("crates/core/ts/results.d.ts", &codegen::ts_types());
    check("crates/node/main.js", &codegen::js_module(JsModule::Node));
    check("crates/node/main.d.ts", &codegen::ts_module(JsModule::Node));
    check("crates/wasm/npm/index.js", &codegen::js_module(JsModule::WasmWeb));
    check("crates/wasm/npm/index.d.ts", &codegen::ts_module(JsModule::WasmWeb));
    check("crates/wasm/npm/index.cjs", &codegen::js_module(JsModule::WasmNode));
    check("crates/wasm/npm/core.js", &codegen::js_module(JsModule::WasmCore));
    check("crates/wasm/npm/core.d.ts", &codegen::ts_module(JsModule::WasmCore));
}

/// napi-rs writes the Node addon's declarations (`crates/node/index.d.ts`, committed) after the
/// result types as their header; the packages ship the committed file.
#[test]
fn node_addon_declarations_start_with_the_current_result_types() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let declarations = std::fs::read_to_string(root.join("crates/node/index.d.ts")).unwrap_or_default();
    assert!(
        declarations.starts_with(&codegen::ts_types()),
        "crates/node/index.d.ts is stale: run `npm run build` in crates/node and commit it"
    );
}

#[test]
fn every_package_carries_the_workspace_version() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for manifest in ["crates/node/package.json", "crates/wasm/npm/package.json"] {
        let text = std::fs::read_to_string(root.join(manifest)).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["version"], env!("CARGO_PKG_VERSION"), "{manifest} (see docs/compatibility.md)");
    }
    let changelog = std::fs::read_to_string(root.join("CHANGELOG.md")).unwrap();
    assert!(
        changelog.contains(&format!("## {}", env!("CARGO_PKG_VERSION"))),
        "CHANGELOG.md has no section of this version"
    );
}
