//! Front-door source generated from the table of calls: the Python and JS function of every
//! call and its TypeScript declaration, so that no binding spells out a call's options or defaults.
//! `tests/it/generated.rs` fails when a committed file differs from what this module writes
//! (`UPDATE_GENERATED=1 cargo test --test it generated` rewrites them).

use std::fmt::Write as _;

use super::calls::{CORE_CALLS, CallSpec, FILE_FIELD, Fields, JsTypes, Subject, calls};
use super::objects::{CLASSES, ClassSpec, MethodSpec};
use super::schema::{ContractSchemas, contract_schemas};

mod types;

pub use types::{python_types_module, ts_types};

/// Python literal of a default, or `None` where a mutable default would be shared.
fn python_default(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Bool(true) => "True".to_owned(),
        serde_json::Value::Bool(false) => "False".to_owned(),
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::String(s) => serde_json::Value::String(s.clone()).to_string(),
        _ => "None".to_owned(),
    }
}

/// Python annotation from a default's type (the request types carry the rest in their docs).
fn python_type(value: Option<&serde_json::Value>) -> &'static str {
    match value {
        Some(serde_json::Value::Bool(_)) => "bool",
        Some(serde_json::Value::Number(n)) if n.is_f64() => "float",
        Some(serde_json::Value::Number(_)) => "int",
        Some(serde_json::Value::String(_)) => "str",
        _ => "Any",
    }
}

/// `snake_case` to `camelCase`.
#[must_use]
pub fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn python_function(out: &mut String, schemas: &ContractSchemas, spec: &CallSpec) {
    let Fields { list: fields, schema } = (spec.fields)();
    let mut params = Vec::new();
    if spec.subject == Subject::Log {
        params.push("log: EventLog".to_owned());
    }
    for (name, default) in &fields {
        let typed = types::python_parameter(&schema, name);
        // Without a schema for the field, its default tells the type; a schema's `Any` (a union
        // with a list, say) stays `Any`.
        let described = schema.get("properties").and_then(|p| p.get(*name)).is_some();
        let annotation = if typed == "Any" && !described { python_type(default.as_ref()).to_owned() } else { typed };
        match default {
            None => params.push(format!("{name}: {annotation}")),
            Some(d) => {
                let literal = python_default(d);
                let nullable = literal == "None" && annotation != "Any" && !annotation.ends_with("None");
                let annotation = if nullable { format!("{annotation} | None") } else { annotation };
                params.push(format!("{name}: {annotation} = {literal}"));
            }
        }
    }
    // Unknown keywords reach the core, which names them and suggests the nearest option, as
    // in every other language.
    params.push("**options: Any".to_owned());
    let log = if spec.subject == Subject::Log { "log" } else { "None" };
    // A file is given by path (`str`, `os.PathLike`) or bytes; the core reads the path.
    let value = |n: &str| if n == FILE_FIELD { format!("_file({n})") } else { n.to_owned() };
    let mut request: Vec<String> = fields.iter().map(|(n, _)| format!("\"{n}\": {}", value(n))).collect();
    request.push("**options".to_owned());
    let (returns, wrap) = types::python_result(schemas, spec);
    let _ = writeln!(out, "\n\ndef {}({}) -> {returns}:", spec.name, params.join(", "));
    let _ = writeln!(out, "    \"\"\"{}\"\"\"", spec.doc);
    let call = format!("_native.call(\"{}\", {log}, {{{}}})", spec.name, request.join(", "));
    if wrap.is_empty() {
        let _ = writeln!(out, "    return cast({returns}, {call})");
    } else {
        let _ = writeln!(out, "    return _warned(_typed({wrap}, {call}))");
    }
}

/// The Python module of every call (`webinar_analytics/_calls.py`).
#[must_use]
pub fn python_module() -> String {
    let mut out = String::from(
        "\"\"\"Every analysis of the library, generated from the core's table of calls (do not edit:\n\
         `UPDATE_GENERATED=1 cargo test --test it generated` rewrites it). Each function passes its\n\
         arguments to the core as they are; options left at `None` take the core's default.\"\"\"\n\n\
         import os\n\
         import warnings\n\
         from datetime import date, datetime, timedelta\n\
         from typing import Any, Literal, SupportsFloat, SupportsIndex, TypeAlias, TypeVar, cast\n\n\
         from webinar_analytics import _native, _types\n\
         from webinar_analytics._native import AnalyticsWarning, EventLog\n\
         from webinar_analytics._result import Result, Rows\n\n\
         TimeArg: TypeAlias = datetime | date | str\n\
         \"\"\"A time: a `datetime` (naive means UTC), a `date` or ISO-8601 text (pandas `Timestamp` is a `datetime`).\"\"\"\n\
         DurationArg: TypeAlias = timedelta | str\n\
         \"\"\"A duration: a `timedelta` or text with a unit (`\"14d\"`, `\"36h\"`).\"\"\"\n\
         _R = TypeVar(\"_R\", bound=Result)\n\
         _T = TypeVar(\"_T\")\n",
    );
    let names: Vec<String> = calls().map(|c| format!("    \"{}\",", c.name)).collect();
    let _ = writeln!(out, "\n__all__ = [\n{}\n]", names.join("\n"));
    out.push_str(
        "\n\ndef _typed(cls: type[_R], result: Any) -> _R:\n    \
         \"\"\"The native result as `cls` (the bytes of a partial state are handed over as they are).\"\"\"\n    \
         return cls(result) if isinstance(result, _native.Result) else result\n\n\n\
         def _warned(result: _T) -> _T:\n    \
         \"\"\"Shows the result's warnings (path, message, code) as Python warnings (`AnalyticsWarning`).\"\"\"\n    \
         for w in getattr(result, \"warnings\", None) or []:\n        \
         text = f\"{w['parameter']}: {w['message']} ({w['code']})\" if isinstance(w, dict) else str(w)\n        \
         warnings.warn(text, AnalyticsWarning, stacklevel=3)\n    \
         return result\n\n\n\
         def _file(source: Any) -> Any:\n    \
         \"\"\"A file given by path (`str`, `os.PathLike`: the core reads it and names it in errors) or bytes.\"\"\"\n    \
         return {\"path\": os.fspath(source)} if isinstance(source, (str, os.PathLike)) else source\n",
    );
    let schemas = contract_schemas();
    for spec in calls() {
        python_function(&mut out, &schemas, spec);
    }
    out
}

/// A JS module of the calls: which package, which module system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsModule {
    /// The Node package's entry (`crates/node/main.js`, `CommonJS` over the `napi` addon, or its
    /// WASM fallback: `crates/node/loader.js`).
    Node,
    /// The browser package's entry (`pkg/index.js`, an ES module over the `wasm-bindgen` web module).
    WasmWeb,
    /// The WASM package for Node (`pkg-node/index.cjs`, `CommonJS` over the `wasm-bindgen` module).
    WasmNode,
    /// The browser package's core entry (`pkg/core.js`, an ES module over the small build without
    /// the feature `full`): the calls of [`CORE_CALLS`], and `loadFull` / `toFull` for the rest.
    WasmCore,
}

impl JsModule {
    /// The module the functions call into.
    fn native(self) -> &'static str {
        match self {
            JsModule::Node => "./loader.js",
            JsModule::WasmWeb | JsModule::WasmNode => "./webinar_analytics_wasm.js",
            JsModule::WasmCore => "./webinar_analytics_core.js",
        }
    }

    /// An ES module (exports), not `CommonJS`.
    fn is_esm(self) -> bool {
        matches!(self, JsModule::WasmWeb | JsModule::WasmCore)
    }

    /// The calls the module offers: the core entry's, or every one.
    fn calls(self) -> Vec<&'static CallSpec> {
        if self == JsModule::WasmCore { CORE_CALLS.iter().collect() } else { calls().collect() }
    }

    /// The classes the module offers (none in the core entry).
    fn classes(self) -> &'static [ClassSpec] {
        if self == JsModule::WasmCore { &[] } else { CLASSES }
    }

    /// The declarations of the native classes (the Node loader's are the addon's).
    fn native_types(self) -> &'static str {
        match self {
            JsModule::Node => "./index.js",
            JsModule::WasmWeb | JsModule::WasmNode => "./webinar_analytics_wasm.js",
            JsModule::WasmCore => "./webinar_analytics_core.js",
        }
    }
}

const JS_HEADER: &str = "// Every analysis of the library, generated from the core's table of calls (do not edit:\n\
     // `UPDATE_GENERATED=1 cargo test --test it generated` rewrites it). Each function hands its\n\
     // arguments to the core as they are: options may be camelCase or snake_case, times `Date`s or\n\
     // ISO-8601 text; a misspelt option is an error naming it and the nearest valid one.\n";

/// Gives chartable results their `chart` method.
const JS_CHARTABLE: &str = "\n/** Gives a result with a chart its `chart(options)` method (not enumerable: the data stays plain JSON). */\n\
function _chartable(result, of) {\n  \
if (result !== null && typeof result === 'object') {\n    \
Object.defineProperty(result, 'chart', { value: (options) => chart(result, { ...options, of }), enumerable: false })\n  \
}\n  return result\n}\n";

/// The JS module of every call, for `module`.
#[must_use]
pub fn js_module(module: JsModule) -> String {
    let mut out = String::from(JS_HEADER);
    let native = module.native();
    match module {
        JsModule::WasmWeb | JsModule::WasmCore => {
            let _ = writeln!(out, "\nimport * as native from '{native}'\n");
            let _ = writeln!(out, "export * from '{native}'");
            let _ = writeln!(out, "export {{ default }} from '{native}'");
        }
        JsModule::Node | JsModule::WasmNode => {
            let _ = writeln!(out, "\n'use strict'\n\nconst native = require('{native}')");
        }
    }
    out.push_str(JS_CHARTABLE);
    for spec in module.calls() {
        let native_call = if spec.subject == Subject::Log { "callLog" } else { "call" };
        let log = if spec.subject == Subject::Log { "log, " } else { "" };
        let export = if module.is_esm() { "export " } else { "" };
        let params = js_method_params(spec.subject, spec.positional);
        let _ = writeln!(out, "\n/** {} */", spec.doc);
        let _ = writeln!(out, "{export}function {}({params}) {{", camel_case(spec.name));
        let call = format!("native.{native_call}('{}', {log}{})", spec.name, js_request(spec.positional));
        if crate::chart::has_chart(spec.name) {
            let _ = writeln!(out, "  return _chartable({call}, '{}')", spec.name);
        } else {
            let _ = writeln!(out, "  return {call}");
        }
        out.push_str("}\n");
    }
    if module == JsModule::Node {
        let _ = writeln!(out, "\n/** {PROMISES_DOC} */\nconst promises = {{");
        for spec in calls() {
            let native_call = if spec.subject == Subject::Log { "callLogAsync" } else { "callAsync" };
            let log = if spec.subject == Subject::Log { "log, " } else { "" };
            let params = js_method_params(spec.subject, spec.positional);
            let _ = writeln!(out, "  {}({params}) {{", camel_case(spec.name));
            let call = format!("native.{native_call}('{}', {log}{})", spec.name, js_request(spec.positional));
            if crate::chart::has_chart(spec.name) {
                let _ = writeln!(out, "    return {call}.then((result) => _chartable(result, '{}'))", spec.name);
            } else {
                let _ = writeln!(out, "    return {call}");
            }
            out.push_str("  },\n");
        }
        out.push_str("}\n");
    }
    if module == JsModule::WasmCore {
        out.push_str(JS_CORE_TO_FULL);
        return out;
    }
    for class in CLASSES {
        js_class(&mut out, class, module == JsModule::WasmWeb);
    }
    let classes: Vec<&str> = CLASSES.iter().map(|c| c.name).collect();
    let _ = writeln!(out, "\nconst CLASSES = {{ {} }}", classes.join(", "));
    out.push_str("\n/** The object of a native handle, as an instance of its class. */\nfunction _object(handle) {\n  return new CLASSES[handle.className](handle)\n}\n");
    if module != JsModule::WasmWeb {
        let names: Vec<String> = calls()
            .map(|c| camel_case(c.name))
            .chain(classes.iter().map(|c| (*c).to_owned()))
            .chain((module == JsModule::Node).then(|| "promises".to_owned()))
            .map(|n| format!("  {n},"))
            .collect();
        let _ = writeln!(out, "\nmodule.exports = {{\n  ...native,\n{}\n}}", names.join("\n"));
    }
    out
}

/// The request object of a JS call: the options, then the positional arguments by name.
fn js_request(positional: &[&str]) -> String {
    let mut request = vec!["...options".to_owned()];
    request.extend(positional.iter().map(|&p| match camel_case(p) {
        camel if camel == p => camel,
        camel => format!("{p}: {camel}"),
    }));
    format!("{{ {} }}", request.join(", "))
}

/// The JS parameters of a method: the log, positional arguments, options.
fn js_method_params(subject: Subject, positional: &[&str]) -> String {
    let log = (subject == Subject::Log).then(|| "log".to_owned());
    let params: Vec<String> =
        log.into_iter().chain(positional.iter().map(|p| camel_case(p))).chain(["options".to_owned()]).collect();
    params.join(", ")
}

/// A JS class over a native handle: static constructors, methods and getters.
fn js_class(out: &mut String, class: &ClassSpec, export: bool) {
    let export = if export { "export " } else { "" };
    let _ = writeln!(out, "\n/** {} */\n{export}class {} {{", class.doc, class.name);
    match class.constructors.iter().find(|c| c.name == "new") {
        Some(c) => {
            let params = js_method_params(c.subject, c.positional);
            let first = params.split(", ").next().unwrap_or("options");
            let _ = writeln!(out, "  /** {} */\n  constructor({params}) {{", c.doc);
            let _ = writeln!(
                out,
                "    this._handle = {first} instanceof native.Handle ? {first} : native.call('{}.new', {})\n  }}",
                class.name,
                js_request(c.positional)
            );
        }
        None => out.push_str(
            "  /** Wraps a native handle: build one with the static constructors. */\n  constructor(handle) {\n    this._handle = handle\n  }\n",
        ),
    }
    for c in class.constructors.iter().filter(|c| c.name != "new") {
        let (native, log) = if c.subject == Subject::Log { ("callLog", "log, ") } else { ("call", "") };
        let _ = writeln!(out, "\n  /** {} */", c.doc);
        let _ = writeln!(out, "  static {}({}) {{", camel_case(c.name), js_method_params(c.subject, c.positional));
        let request = js_request(c.positional);
        let _ = writeln!(out, "    return _object(native.{native}('{}.{}', {log}{request}))\n  }}", class.name, c.name);
    }
    for m in class.methods {
        let (native, log) = if m.subject == Subject::Log { ("callLog", "log, ") } else { ("call", "") };
        let _ = writeln!(out, "\n  /** {} */", m.doc);
        if m.getter {
            let _ = writeln!(
                out,
                "  get {}() {{\n    return this._handle.call('{}', {{}})\n  }}",
                camel_case(m.name),
                m.name
            );
        } else {
            let _ = writeln!(out, "  {}({}) {{", camel_case(m.name), js_method_params(m.subject, m.positional));
            let request = js_request(m.positional);
            let _ = writeln!(out, "    return this._handle.{native}('{}', {log}{request})\n  }}", m.name);
        }
    }
    out.push_str("}\n");
}

/// The TypeScript parameters of a method or constructor.
fn ts_params(subject: Subject, names: &[&str], types: &JsTypes) -> Vec<String> {
    let log = (subject == Subject::Log).then(|| "log: EventLog".to_owned());
    let args = names.iter().zip(types.positional).map(|(n, t)| format!("{}: {t}", camel_case(n)));
    let options = types.options.map(|o| format!("options?: {o} | null"));
    log.into_iter().chain(args).chain(options).collect()
}

/// The TypeScript declaration of a class.
fn ts_class(out: &mut String, class: &ClassSpec) {
    let _ = writeln!(out, "\n/** {} */\nexport declare class {} {{", class.doc, class.name);
    match class.constructors.iter().find(|c| c.name == "new") {
        Some(c) => {
            let params = ts_params(c.subject, c.positional, &c.js);
            let _ = writeln!(out, "  /** {} */\n  constructor({})", c.doc, params.join(", "));
        }
        None => out.push_str("  private constructor()\n"),
    }
    for c in class.constructors.iter().filter(|c| c.name != "new") {
        let params = ts_params(c.subject, c.positional, &c.js);
        let _ = writeln!(
            out,
            "  /** {} */\n  static {}({}): {}",
            c.doc,
            camel_case(c.name),
            params.join(", "),
            c.js.result
        );
    }
    for m in class.methods {
        let MethodSpec { name, doc, getter, js, .. } = m;
        if *getter {
            let _ = writeln!(out, "  /** {doc} */\n  readonly {}: {}", camel_case(name), js.result);
        } else {
            let params = ts_params(m.subject, m.positional, js);
            let _ = writeln!(out, "  /** {doc} */\n  {}({}): {}", camel_case(name), params.join(", "), js.result);
        }
    }
    out.push_str("}\n");
}

/// Type names a TypeScript type expression refers to (built-ins left out).
fn type_names(expr: &str) -> impl Iterator<Item = &str> {
    const BUILT_IN: [&str; 5] = ["Record", "Array", "Uint8Array", "Date", "Partial"];
    expr.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| t.starts_with(|c: char| c.is_ascii_uppercase()) && !BUILT_IN.contains(t))
}

/// The TypeScript signatures of one call, `name(params)` and its result: with
/// `asBytes: true` a partial call gives bytes.
fn ts_signatures(schemas: &ContractSchemas, spec: &CallSpec) -> Vec<(String, String)> {
    let JsTypes { positional, options, bytes, .. } = spec.js;
    let result = types::ts_result(schemas, spec);
    let mut params = Vec::new();
    if spec.subject == Subject::Log {
        params.push("log: EventLog".to_owned());
    }
    let fields = (spec.fields)().list;
    for (name, ty) in spec.positional.iter().zip(positional) {
        let optional = fields.iter().any(|(n, d)| n == name && d.is_some());
        params.push(format!("{}{}: {ty}", camel_case(name), if optional { "?" } else { "" }));
    }
    let name = camel_case(spec.name);
    match (options, bytes) {
        (Some(options), true) => {
            let head = params.join(", ");
            vec![
                (format!("{name}({head}, options: {options} & {{ asBytes: true }})"), "Uint8Array".to_owned()),
                (format!("{name}({head}, options?: ({options} & {{ asBytes?: false }}) | null)"), result),
            ]
        }
        (Some(options), false) => {
            params.push(format!("options?: {options} | null"));
            vec![(format!("{name}({})", params.join(", ")), result)]
        }
        (None, _) => vec![(format!("{name}({})", params.join(", ")), result)],
    }
}

/// The TypeScript declarations of every call, beside the native module's own (`module`'s
/// `index.d.ts`).
#[must_use]
pub fn ts_module(module: JsModule) -> String {
    let native = module.native_types();
    let mut out = JS_HEADER.to_owned();
    let _ = writeln!(out, "\nexport * from '{native}'");
    if module.is_esm() {
        let _ = writeln!(out, "export {{ default }} from '{native}'");
    }
    let schemas = contract_schemas();
    let (calls, classes) = (module.calls(), module.classes());
    let mut names: Vec<&str> = vec!["EventLog"];
    if module == JsModule::WasmCore {
        names.push("InitInput");
    }
    let class_types =
        classes.iter().flat_map(|c| c.constructors.iter().map(|s| &s.js).chain(c.methods.iter().map(|m| &m.js)));
    let results: Vec<String> = calls.iter().map(|c| types::ts_result(&schemas, c)).collect();
    for types in calls.iter().map(|c| &c.js).chain(class_types) {
        let JsTypes { positional, options, result, .. } = types;
        for expr in positional.iter().chain(options).chain([result]) {
            names.extend(type_names(expr));
        }
    }
    for expr in &results {
        names.extend(type_names(expr));
    }
    names.retain(|n| !classes.iter().any(|c| c.name == *n));
    names.sort_unstable();
    names.dedup();
    let _ = writeln!(out, "import type {{ {} }} from '{native}'", names.join(", "));
    for spec in &calls {
        let _ = writeln!(out, "\n/** {} */", spec.doc);
        for (signature, result) in ts_signatures(&schemas, spec) {
            let _ = writeln!(out, "export declare function {signature}: {result}");
        }
    }
    for class in classes {
        ts_class(&mut out, class);
    }
    if module == JsModule::WasmCore {
        out.push_str(TS_CORE_TO_FULL);
    }
    if module == JsModule::Node {
        let _ = writeln!(out, "\n/** {PROMISES_DOC} */\nexport declare const promises: {{");
        for spec in &calls {
            let _ = writeln!(out, "  /** {} */", spec.doc);
            for (signature, result) in ts_signatures(&schemas, spec) {
                let _ = writeln!(out, "  {signature}: Promise<{result}>");
            }
        }
        out.push_str("}\n");
    }
    out
}

/// The core entry's `demoCampaign`, `loadFull` and `toFull`: the rest of the library on demand.
const JS_CORE_TO_FULL: &str = include_str!("core_to_full.js");

/// Their declarations.
const TS_CORE_TO_FULL: &str = include_str!("core_to_full.d.ts");

const PROMISES_DOC: &str = "Every call as a Promise, run on a worker thread of Node's pool: a server keeps answering while a long analysis runs.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_of_names() {
        assert_eq!(camel_case("merge_funnel_partials"), "mergeFunnelPartials");
        assert_eq!(camel_case("summary"), "summary");
    }

    #[test]
    fn python_signature_of_funnel_has_the_core_defaults() {
        let module = python_module();
        let head = "def funnel(log: EventLog, steps: Any, window_seconds: float | SupportsFloat | None = None";
        assert!(module.contains(head), "{module}");
        assert!(module.contains("order: Literal[\"ordered\", \"strict\", \"unordered\"] = \"ordered\""), "{module}");
        assert!(module.contains("breakdown_limit: int | SupportsIndex = 25"), "{module}");
        assert!(module.contains("as_of: TimeArg | None = None"), "{module}");
    }

    #[test]
    fn js_funnel_passes_steps_beside_the_options() {
        let module = js_module(JsModule::Node);
        assert!(module.contains("function funnel(log, steps, options) {"), "{module}");
        assert!(module.contains("native.callLog('funnel', log, { ...options, steps })"), "{module}");
        let declarations = ts_module(JsModule::Node);
        assert!(declarations.contains("funnelPartial(log: EventLog, steps: FunnelStepSpec[], options: FunnelOptions & { asBytes: true }): Uint8Array"), "{declarations}");
        assert!(declarations.contains("audience(log: EventLog, by?: string[] | null)"), "{declarations}");
    }
}
