//! Result types for the front doors, written from the JSON Schemas of the result types
//! ([`contract_schemas`]): Python `TypedDict`s and result classes with typed attributes
//! (`FunnelResult.counts: list[int]`), and TypeScript interfaces.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde_json::Value;

use super::super::calls::{CallSpec, Returns};
use super::super::schema::{ContractSchemas, contract_schemas, ref_name};

/// A schema's description without rustdoc link syntax (`` [`funnel`](super::funnel) `` → `` `funnel` ``).
fn description(schema: &Value) -> Option<String> {
    let text = schema.get("description")?.as_str()?;
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("`](") {
        let Some(close) = rest[open..].find(')') else { break };
        out.push_str(&rest[..=open]);
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    let out = out.replace("[`", "`").replace("`]", "`");
    Some(out.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The literal values a schema allows when it is only literals (an enum of names).
fn literals(schema: &Value) -> Option<Vec<Value>> {
    if let Some(constant) = schema.get("const") {
        return Some(vec![constant.clone()]);
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return Some(values.clone());
    }
    let options = schema.get("oneOf").or_else(|| schema.get("anyOf"))?.as_array()?;
    let mut out = Vec::new();
    for option in options {
        out.extend(literals(option)?);
    }
    Some(out)
}

/// Whether a definition is a record (an object with named fields).
fn is_record(schema: &Value) -> bool {
    schema.get("properties").is_some() && schema.get("oneOf").is_none() && schema.get("anyOf").is_none()
}

/// The fields of a record: name, schema, required.
fn fields(schema: &Value) -> Vec<(&str, &Value, bool)> {
    let required: BTreeSet<&str> =
        schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
    schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(name, s)| (name.as_str(), s, required.contains(name.as_str())))
        .collect()
}

/// The type names of the schemas' union (or the one type).
fn schema_types(schema: &Value) -> Vec<&str> {
    match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// A schema of one number, text or flag, or of any JSON (`true`, `{}`).
fn scalar_or_any(schema: &Value) -> bool {
    let types = schema_types(schema);
    schema == &Value::Bool(true)
        || schema.as_object().is_some_and(serde_json::Map::is_empty)
        || (!types.is_empty() && types.iter().all(|t| !["object", "array"].contains(t)))
}

/// A type language: how each JSON Schema shape is spelled.
trait Spelling {
    fn name(&self, definition: &str) -> String;
    fn literal(&self, values: &[Value]) -> String;
    fn scalar(&self, json_type: &str) -> &'static str;
    fn list(&self, item: &str) -> String;
    fn map(&self, value: &str) -> String;
    fn any(&self) -> &'static str;
    fn union(&self, parts: Vec<String>) -> String {
        let mut unique: Vec<String> = Vec::new();
        for part in parts {
            if !unique.contains(&part) {
                unique.push(part);
            }
        }
        if unique.iter().any(|p| p == self.any()) {
            return self.any().to_owned();
        }
        unique.join(" | ")
    }

    fn spell(&self, schema: &Value) -> String {
        if let Some(name) = ref_name(schema) {
            return self.name(name);
        }
        if let Some(values) = literals(schema) {
            return self.literal(&values);
        }
        if let Some(options) = schema.get("oneOf").or_else(|| schema.get("anyOf")).and_then(Value::as_array) {
            return self.union(options.iter().map(|o| self.spell(o)).collect());
        }
        let types = schema_types(schema);
        if types.is_empty() {
            return self.any().to_owned();
        }
        let parts = types.iter().map(|&t| match t {
            "array" => {
                let item = match schema.get("prefixItems").and_then(Value::as_array) {
                    Some(items) => self.union(items.iter().map(|i| self.spell(i)).collect()),
                    None => schema.get("items").map_or_else(|| self.any().to_owned(), |i| self.spell(i)),
                };
                self.list(&item)
            }
            "object" => match schema.get("additionalProperties") {
                Some(value) if value.is_object() && schema.get("properties").is_none() => self.map(&self.spell(value)),
                _ => self.map(self.any()),
            },
            other => self.scalar(other).to_owned(),
        });
        self.union(parts.collect())
    }
}

/// What a call's result is, for the front doors' types.
enum ResultShape<'a> {
    /// A record with a class of its own (`FunnelResult`).
    Class(&'a str),
    /// A list of records of this definition (`ChannelPerformance`: rows of `ChannelRow`).
    Rows(String),
    /// Anything else (a number, a list of names, one of several results).
    Plain,
}

fn shape<'a>(schemas: &'a ContractSchemas, schema: &'a Value) -> ResultShape<'a> {
    let resolved = schemas.resolve(schema);
    match ref_name(schema) {
        Some(name) if is_record(resolved) => ResultShape::Class(name),
        _ => match resolved.get("items").and_then(ref_name) {
            Some(item) if schema_types(resolved) == ["array"] => ResultShape::Rows(item.to_owned()),
            _ => ResultShape::Plain,
        },
    }
}

/// The definitions that are result classes of some call.
fn class_names(schemas: &ContractSchemas) -> BTreeSet<&str> {
    schemas
        .results
        .iter()
        .filter_map(|(_, s)| match shape(schemas, s) {
            ResultShape::Class(name) => Some(name),
            _ => None,
        })
        .collect()
}

struct Python<'a> {
    classes: &'a BTreeSet<&'a str>,
}

impl Spelling for Python<'_> {
    fn name(&self, definition: &str) -> String {
        if self.classes.contains(definition) { format!("{definition}Dict") } else { definition.to_owned() }
    }

    fn literal(&self, values: &[Value]) -> String {
        let parts: Vec<String> = values
            .iter()
            .map(|v| match v {
                Value::Null => "None".to_owned(),
                Value::Bool(true) => "Literal[True]".to_owned(),
                Value::Bool(false) => "Literal[False]".to_owned(),
                other => format!("Literal[{other}]"),
            })
            .collect();
        let (literal, rest): (Vec<String>, Vec<String>) = parts.into_iter().partition(|p| p.starts_with("Literal["));
        let mut merged: Vec<String> = Vec::new();
        if !literal.is_empty() {
            let inner: Vec<&str> = literal.iter().map(|p| &p["Literal[".len()..p.len() - 1]).collect();
            merged.push(format!("Literal[{}]", inner.join(", ")));
        }
        merged.extend(rest);
        merged.join(" | ")
    }

    fn scalar(&self, json_type: &str) -> &'static str {
        match json_type {
            "string" => "str",
            "integer" => "int",
            "number" => "float",
            "boolean" => "bool",
            "null" => "None",
            _ => "Any",
        }
    }

    fn list(&self, item: &str) -> String {
        format!("list[{item}]")
    }

    fn map(&self, value: &str) -> String {
        format!("dict[str, {value}]")
    }

    fn any(&self) -> &'static str {
        "Any"
    }
}

const PYTHON_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

fn python_docstring(out: &mut String, indent: &str, text: Option<String>) {
    if let Some(text) = text {
        let _ = writeln!(out, "{indent}\"\"\"{}\"\"\"", text.replace('\\', "\\\\").replace("\"\"\"", "'''"));
    }
}

fn python_typed_dict(out: &mut String, py: &Python<'_>, name: &str, schema: &Value) {
    let fields = fields(schema);
    let spelled: Vec<(&str, String)> = fields
        .iter()
        .map(|&(field, s, required)| {
            let t = py.spell(s);
            (field, if required { t } else { format!("NotRequired[{t}]") })
        })
        .collect();
    let name = py.name(name);
    if fields
        .iter()
        .any(|(f, ..)| PYTHON_KEYWORDS.contains(f) || f.contains(|c: char| !c.is_alphanumeric() && c != '_'))
    {
        let items: Vec<String> = spelled.iter().map(|(f, t)| format!("\"{f}\": \"{t}\"")).collect();
        let _ = writeln!(out, "\n\n{name} = TypedDict(\"{name}\", {{{}}})", items.join(", "));
        return;
    }
    let _ = writeln!(out, "\n\nclass {name}(TypedDict):");
    python_docstring(out, "    ", description(schema));
    if spelled.is_empty() {
        out.push_str("    pass\n");
    }
    for (field, t) in spelled {
        let _ = writeln!(out, "    {field}: {t}");
    }
}

fn python_result_class(out: &mut String, py: &Python<'_>, name: &str, schema: &Value) {
    let fields = fields(schema);
    let _ = writeln!(out, "\n\nclass {name}(Result):");
    python_docstring(out, "    ", description(schema));
    out.push_str("\n    __slots__ = ()\n");
    let optional: Vec<String> = fields.iter().filter(|f| !f.2).map(|f| format!("\"{}\"", f.0)).collect();
    if !optional.is_empty() {
        let _ = writeln!(out, "    _optional = frozenset({{{}}})", optional.join(", "));
    }
    for &(field, s, required) in &fields {
        let t = py.spell(s);
        let t = if required || t.ends_with("| None") || t == "Any" { t } else { format!("{t} | None") };
        let _ = writeln!(out, "    {field}: {t}");
        python_docstring(out, "    ", description(s));
    }
    let _ = writeln!(
        out,
        "\n    def to_dict(self) -> {dict}:\n        \"\"\"Plain data, identical in every language.\"\"\"\n        return cast({dict}, self._native.to_dict())",
        dict = py.name(name)
    );
}

/// The Python result type of a call (for `_calls.py`) and the expression that wraps the native result.
#[must_use]
pub(crate) fn python_result(schemas: &ContractSchemas, spec: &CallSpec) -> (String, String) {
    let classes = class_names(schemas);
    let py = Python { classes: &classes };
    match spec.returns {
        Returns::Log => ("EventLog".to_owned(), String::new()),
        Returns::Object(class) => (class.to_owned(), String::new()),
        Returns::Data(_) => match schemas.result(spec.name).map(|s| shape(schemas, s)) {
            Some(ResultShape::Class(name)) => {
                let t = if spec.js.bytes { format!("_types.{name} | bytes") } else { format!("_types.{name}") };
                (t, format!("_types.{name}"))
            }
            Some(ResultShape::Rows(item)) => (format!("Rows[_types.{}]", py.name(&item)), "Rows".to_owned()),
            // A number, or any JSON (a chart's spec): as the front door hands it over.
            Some(ResultShape::Plain)
                if schemas.result(spec.name).is_some_and(|s| scalar_or_any(schemas.resolve(s))) =>
            {
                let t = schemas.result(spec.name).map_or_else(|| "Any".to_owned(), |s| py.spell(s));
                (t, "Result".to_owned())
            }
            _ => ("Result".to_owned(), "Result".to_owned()),
        },
    }
}

/// The Python module of every result type (`webinar_analytics/_types.py`).
#[must_use]
pub fn python_types_module() -> String {
    let schemas = contract_schemas();
    let classes = class_names(&schemas);
    let py = Python { classes: &classes };
    let mut out = String::from(
        "\"\"\"The result types of every analysis, generated from the core's result types (do not edit:\n\
         `UPDATE_GENERATED=1 cargo test --test it generated` rewrites it). A result class (`FunnelResult`)\n\
         has a typed attribute per field; its rows and nested records are plain `dict`s typed by the\n\
         `TypedDict`s here; `to_dict()` gives the JSON every language shares.\"\"\"\n\n\
         from __future__ import annotations\n\n\
         from typing import Any, Literal, NotRequired, TypeAlias, TypedDict, cast\n\n\
         from webinar_analytics._result import Result\n",
    );
    let mut aliases = String::new();
    let mut records = String::new();
    for (name, schema) in &schemas.definitions {
        if is_record(schema) {
            python_typed_dict(&mut records, &py, name, schema);
        } else if let Some(values) = literals(schema) {
            let _ = writeln!(out, "\n{name} = {}", py.literal(&values));
            python_docstring(&mut out, "", description(schema));
        } else {
            let _ = writeln!(aliases, "\n{name}: TypeAlias = '{}'", py.spell(schema));
            python_docstring(&mut aliases, "", description(schema));
        }
    }
    out.push_str(&records);
    out.push_str(&aliases);
    for name in &classes {
        if let Some(schema) = schemas.definitions.get(*name) {
            python_result_class(&mut out, &py, name, schema);
        }
    }
    out
}

struct TypeScript;

impl Spelling for TypeScript {
    fn name(&self, definition: &str) -> String {
        definition.to_owned()
    }

    fn literal(&self, values: &[Value]) -> String {
        let parts: Vec<String> = values
            .iter()
            .map(|v| match v {
                Value::String(s) => format!("'{}'", s.replace('\'', "\\'")),
                other => other.to_string(),
            })
            .collect();
        parts.join(" | ")
    }

    fn scalar(&self, json_type: &str) -> &'static str {
        match json_type {
            "string" => "string",
            "integer" | "number" => "number",
            "boolean" => "boolean",
            "null" => "null",
            _ => "unknown",
        }
    }

    fn list(&self, item: &str) -> String {
        if item.contains(' ') { format!("Array<{item}>") } else { format!("{item}[]") }
    }

    fn map(&self, value: &str) -> String {
        format!("Record<string, {value}>")
    }

    fn any(&self) -> &'static str {
        "unknown"
    }
}

fn ts_doc(out: &mut String, indent: &str, text: Option<String>) {
    if let Some(text) = text {
        let _ = writeln!(out, "{indent}/** {} */", text.replace("*/", "* /"));
    }
}

/// The TypeScript result type of a call of the table.
#[must_use]
pub(crate) fn ts_result(schemas: &ContractSchemas, spec: &CallSpec) -> String {
    match spec.returns {
        Returns::Log => "EventLog".to_owned(),
        Returns::Object(class) => class.to_owned(),
        Returns::Data(_) => {
            let data = schemas.result(spec.name).map_or_else(|| "unknown".to_owned(), |s| TypeScript.spell(s));
            if crate::chart::has_chart(spec.name) { format!("{data} & Chartable") } else { data }
        }
    }
}

/// `results.d.ts` of the Node and browser packages: the TypeScript interface of every result
/// type, then the options and classes written by hand (`crates/core/ts/options.d.ts`).
#[must_use]
pub fn ts_types() -> String {
    let schemas = contract_schemas();
    let ts = TypeScript;
    let mut out = String::from(
        "// The result types of every analysis, generated from the core's result types (do not edit:\n\
         // `UPDATE_GENERATED=1 cargo test --test it generated` rewrites it; the options and classes\n\
         // below come from `crates/core/ts/options.d.ts`). Results are the JSON every language shares.\n",
    );
    for (name, schema) in &schemas.definitions {
        out.push('\n');
        ts_doc(&mut out, "", description(schema));
        if is_record(schema) {
            let _ = writeln!(out, "export interface {name} {{");
            for (field, s, required) in fields(schema) {
                ts_doc(&mut out, "  ", description(s));
                let _ = writeln!(out, "  {field}{}: {}", if required { "" } else { "?" }, ts.spell(s));
            }
            out.push_str("}\n");
        } else {
            let _ = writeln!(out, "export type {name} = {}", ts.spell(schema));
        }
    }
    out.push('\n');
    out.push_str(include_str!("../../../ts/options.d.ts"));
    out
}

/// The Python annotation of a request field: enums as `Literal`s, times and durations as the
/// values the front door takes, numbers as anything numeric (numpy scalars included); lists,
/// tables and records stay `Any` (the core reads many shapes of them).
#[must_use]
pub(crate) fn python_parameter(fields: &Value, name: &str) -> String {
    let Some(schema) = fields.get("properties").and_then(|p| p.get(name)) else { return "Any".to_owned() };
    let py = Python { classes: &BTreeSet::new() };
    python_input(&py, schema, fields)
}

fn python_input(py: &Python<'_>, schema: &Value, root: &Value) -> String {
    let schema = match ref_name(schema) {
        Some(name) => root.get("$defs").and_then(|d| d.get(name)).unwrap_or(&Value::Null),
        None => schema,
    };
    if let Some(values) = literals(schema) {
        return py.literal(&values);
    }
    if let Some(options) = schema.get("oneOf").or_else(|| schema.get("anyOf")).and_then(Value::as_array) {
        return py.union(options.iter().map(|o| python_input(py, o, root)).collect());
    }
    let format = schema.get("format").and_then(Value::as_str);
    let types = schema_types(schema);
    if types.is_empty() {
        return "Any".to_owned();
    }
    py.union(
        types
            .iter()
            .map(|&t| match (t, format) {
                ("string", Some("date-time")) => "TimeArg".to_owned(),
                ("string", Some("duration")) => "DurationArg".to_owned(),
                ("string", _) => "str".to_owned(),
                ("integer", _) => "int | SupportsIndex".to_owned(),
                ("number", _) => "float | SupportsFloat".to_owned(),
                ("boolean", _) => "bool".to_owned(),
                ("null", _) => "None".to_owned(),
                _ => "Any".to_owned(),
            })
            .collect(),
    )
}
