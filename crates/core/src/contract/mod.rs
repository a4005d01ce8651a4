//! The call contract shared by every front door: plain [`Value`]s in, one request type per
//! call read by one set of rules ([`read`]), one table of calls ([`calls()`]) that the Python,
//! Node and WASM bindings dispatch through.
//!
//! ```
//! use webinar_analytics::contract::{Value, call};
//! use webinar_analytics::prelude::*;
//!
//! let log = demo_campaign(&DemoParams { contacts: 20, seed: 7 })?.log;
//! let err = call("funnel", Some(&log), Value::from(serde_json::json!({"steps": ["register"], "windw": "1d"})))
//!     .unwrap_err();
//! assert_eq!(err.details().parameter.as_deref(), Some("windw"));
//! # Ok::<(), webinar_analytics::Error>(())
//! ```

pub mod calls;
pub mod codegen;
pub mod objects;
pub(crate) mod reader;
pub mod schema;
mod table;
mod value;

pub use calls::{CORE_CALLS, CallSpec, MORE_CALLS, Output, Returns, Subject, TableAt, call, calls, find};
pub use objects::{CLASSES, ClassSpec, MethodSpec, Object};
pub use reader::{read, read_at, read_json, to_json};
pub use table::{rows_to_arrow, rows_under, table_rows};
pub use value::{ConvertError, MAX_DEPTH, Value};
