//! The JSON Schemas of what every call gives back, derived from the result types themselves
//! (`schemars`, following their serde attributes). The generated Python classes and TypeScript
//! interfaces come from them, and the golden-vector runner checks every result against its call's
//! schema, so a type cannot drift from the data it describes.

use schemars::generate::SchemaSettings;
use serde_json::{Map, Value};

use super::calls::{CallSpec, Returns, calls};
use super::objects::CLASSES;

/// The JSON Schema of a type whose serde form is written by hand (`Timestamp` as RFC 3339
/// text, ...), inlined where it is used.
macro_rules! inline_schema {
    ($type:ty, $schema:tt) => {
        impl schemars::JsonSchema for $type {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($type).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!($schema)
            }
        }
    };
}

pub(crate) use inline_schema;

/// Every result schema of the contract with the definitions they refer to.
#[derive(Debug, Clone)]
pub struct ContractSchemas {
    /// Named types (`FunnelResult`, `FunnelStep`, ...), referred to as `#/$defs/<name>`.
    pub definitions: Map<String, Value>,
    /// Per call (`funnel`, `RandomForestClassifier.fit`), the schema of its plain-data result.
    pub results: Vec<(String, Value)>,
}

impl ContractSchemas {
    /// The result schema of call `name`, if it gives plain data.
    #[must_use]
    pub fn result(&self, name: &str) -> Option<&Value> {
        self.results.iter().find(|(n, _)| n == name).map(|(_, s)| s)
    }

    /// The definition `#/$defs/<name>` refers to.
    #[must_use]
    pub fn resolve<'a>(&'a self, schema: &'a Value) -> &'a Value {
        match ref_name(schema) {
            Some(name) => self.definitions.get(name).unwrap_or(schema),
            None => schema,
        }
    }
}

/// The name of the definition a schema refers to (`{"$ref": "#/$defs/FunnelStep"}`).
#[must_use]
pub fn ref_name(schema: &Value) -> Option<&str> {
    schema.get("$ref")?.as_str()?.strip_prefix("#/$defs/")
}

/// The schemas of every call of [`calls()`] and every constructor of [`CLASSES`] that gives plain data.
#[must_use]
pub fn contract_schemas() -> ContractSchemas {
    let mut settings = SchemaSettings::draft2020_12().for_serialize();
    settings.meta_schema = None;
    let mut generator = settings.into_generator();
    let mut results = Vec::new();
    let mut add = |name: String, spec: &CallSpec| {
        if let Returns::Data(schema) = spec.returns {
            results.push((name, schema(&mut generator).to_value()));
        }
    };
    for spec in calls() {
        add(spec.name.to_owned(), spec);
    }
    for class in CLASSES {
        for spec in class.constructors {
            add(format!("{}.{}", class.name, spec.name), spec);
        }
    }
    let definitions = generator.take_definitions(true).into_iter().collect();
    ContractSchemas { definitions, results }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_call_has_a_schema_whose_references_resolve() {
        let schemas = contract_schemas();
        assert!(schemas.result("funnel").is_some_and(|s| ref_name(s) == Some("FunnelResult")));
        let text = serde_json::to_string(&schemas.definitions).unwrap_or_default();
        for name in text.split("\"#/$defs/").skip(1).filter_map(|rest| rest.split('"').next()) {
            assert!(schemas.definitions.contains_key(name), "{name} is referred to but not defined");
        }
    }
}
