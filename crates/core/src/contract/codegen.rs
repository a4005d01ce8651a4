//! Front-door source generated from the table of calls: the Python function of every call, so
//! that no binding spells out a call's options or defaults.
//! `tests/it/generated.rs` fails when a committed file differs from what this module writes
//! (`UPDATE_GENERATED=1 cargo test --test it generated` rewrites them).

use std::fmt::Write as _;

use super::calls::{CALLS, CallSpec, Subject};

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

fn python_function(out: &mut String, spec: &CallSpec) {
    let fields = (spec.fields)();
    let mut params = Vec::new();
    if spec.subject == Subject::Log {
        params.push("log: EventLog".to_owned());
    }
    for (name, default) in &fields {
        match default {
            None => params.push(format!("{name}: {}", python_type(None))),
            Some(d) => params.push(format!("{name}: {} = {}", python_type(Some(d)), python_default(d))),
        }
    }
    // Unknown keywords reach the core, which names them and suggests the nearest option, as
    // in every other language.
    params.push("**options: Any".to_owned());
    let log = if spec.subject == Subject::Log { "log" } else { "None" };
    let mut request: Vec<String> = fields.iter().map(|(n, _)| format!("\"{n}\": {n}")).collect();
    request.push("**options".to_owned());
    let _ = writeln!(out, "\n\ndef {}({}) -> Any:", spec.name, params.join(", "));
    let _ = writeln!(out, "    \"\"\"{}\"\"\"", spec.doc);
    let _ = writeln!(out, "    return _native.call(\"{}\", {log}, {{{}}})", spec.name, request.join(", "));
}

/// The Python module of every call (`webinar_analytics/_calls.py`).
#[must_use]
pub fn python_module() -> String {
    let mut out = String::from(
        "\"\"\"Every analysis of the library, generated from the core's table of calls (do not edit:\n\
         `UPDATE_GENERATED=1 cargo test --test it generated` rewrites it). Each function passes its\n\
         arguments to the core as they are; options left at `None` take the core's default.\"\"\"\n\n\
         from typing import Any\n\n\
         from webinar_analytics import _native\n\
         from webinar_analytics._native import EventLog\n",
    );
    let names: Vec<String> = CALLS.iter().map(|c| format!("    \"{}\",", c.name)).collect();
    let _ = writeln!(out, "\n__all__ = [\n{}\n]", names.join("\n"));
    for spec in CALLS {
        python_function(&mut out, spec);
    }
    out
}

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
        assert!(module.contains("def funnel(log: EventLog, steps: Any, window_seconds: Any = None"), "{module}");
        assert!(module.contains("order: str = \"ordered\""), "{module}");
        assert!(module.contains("breakdown_limit: int = 25"), "{module}");
    }
}
