//! Every result the call table gives conforms to its call's JSON Schema (from which the Python
//! classes and TypeScript interfaces are generated): a field the types do not declare, a declared
//! field missing, or a value of another type fails the golden vectors.

use serde_json::Value;
use webinar_analytics::contract::schema::{ContractSchemas, contract_schemas};

/// Where `value` departs from `schema`, one line per departure (empty when it conforms).
pub fn departures(call: &str, value: &Value) -> Vec<String> {
    thread_local! {
        static SCHEMAS: ContractSchemas = contract_schemas();
    }
    SCHEMAS.with(|schemas| {
        let mut out = Vec::new();
        if let Some(schema) = schemas.result(call) {
            check(schemas, schema, value, "result", &mut out);
        }
        out
    })
}

fn type_matches(name: &str, value: &Value) -> bool {
    match name {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => false,
    }
}

fn conforms(schemas: &ContractSchemas, schema: &Value, value: &Value) -> bool {
    let mut out = Vec::new();
    check(schemas, schema, value, "", &mut out);
    out.is_empty()
}

fn check(schemas: &ContractSchemas, schema: &Value, value: &Value, path: &str, out: &mut Vec<String>) {
    let schema = schemas.resolve(schema);
    let Some(map) = schema.as_object() else { return };
    for key in ["anyOf", "oneOf"] {
        if let Some(options) = map.get(key).and_then(Value::as_array)
            && !options.iter().any(|o| conforms(schemas, o, value))
        {
            out.push(format!("{path}: {value} matches none of {key}"));
            return;
        }
    }
    for part in map.get("allOf").and_then(Value::as_array).into_iter().flatten() {
        check(schemas, part, value, path, out);
    }
    let types: Vec<&str> = match map.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if !types.is_empty() && !types.iter().any(|t| type_matches(t, value)) {
        out.push(format!("{path}: {value} is not {}", types.join(" or ")));
        return;
    }
    if let Some(allowed) = map.get("enum").and_then(Value::as_array)
        && !allowed.contains(value)
    {
        out.push(format!("{path}: {value} is not one of {allowed:?}"));
    }
    if let Some(constant) = map.get("const")
        && constant != value
    {
        out.push(format!("{path}: {value} is not {constant}"));
    }
    match value {
        Value::Object(fields) => {
            let properties = map.get("properties").and_then(Value::as_object);
            for name in map.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
                if !fields.contains_key(name) {
                    out.push(format!("{path}.{name}: required but missing"));
                }
            }
            for (name, item) in fields {
                let declared = properties.and_then(|p| p.get(name)).or_else(|| map.get("additionalProperties"));
                match declared {
                    Some(s) => check(schemas, s, item, &format!("{path}.{name}"), out),
                    None if properties.is_some() => out.push(format!("{path}.{name}: not declared")),
                    None => {}
                }
            }
        }
        Value::Array(items) => {
            let prefix = map.get("prefixItems").and_then(Value::as_array);
            for (i, item) in items.iter().enumerate() {
                let declared = prefix.and_then(|p| p.get(i)).or_else(|| map.get("items"));
                if let Some(s) = declared {
                    check(schemas, s, item, &format!("{path}[{i}]"), out);
                }
            }
        }
        _ => {}
    }
}

#[test]
fn a_result_departing_from_its_type_is_caught() {
    let demo =
        webinar_analytics::prelude::demo_campaign(&webinar_analytics::prelude::DemoParams { contacts: 30, seed: 3 })
            .expect("demo");
    let request = webinar_analytics::contract::Value::from(serde_json::json!({"steps": ["register", "attend"]}));
    let Ok(webinar_analytics::contract::Output::Data { mut value, .. }) =
        webinar_analytics::contract::call("funnel", Some(&demo.log), request)
    else {
        panic!("funnel gives data");
    };
    assert!(departures("funnel", &value).is_empty());
    value["steps"][0]["count"] = Value::from("3");
    value["extra"] = Value::from(1);
    value.as_object_mut().map(|m| m.remove("counts"));
    let found = departures("funnel", &value);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found.iter().any(|d| d.starts_with("result.steps[0].count")), "{found:?}");
}
