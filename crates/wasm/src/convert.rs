//! JS values into the core's contract values (once, no JSON text), and call outputs back.

use js_sys::{Array, ArrayBuffer, BigInt, Date, Object, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use webinar_analytics::contract::{ConvertError, MAX_DEPTH, Output, Value};
use webinar_analytics::prelude::Error;

/// A JS value as a contract value: `Date` → time, `BigInt` → integer, `Uint8Array` → bytes,
/// other typed arrays and arrays → lists, plain objects → maps, `undefined` → null. An error
/// names the value's path (`steps[1].asOf`).
pub(crate) fn to_value(js: &JsValue) -> Result<Value, Error> {
    convert(js, 0).map_err(ConvertError::into_error)
}

fn convert(js: &JsValue, depth: usize) -> Result<Value, ConvertError> {
    if depth > MAX_DEPTH {
        return Err(ConvertError::new("is nested too deeply (a cyclic object?)"));
    }
    if js.is_null() || js.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(b) = js.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(n) = js.as_f64() {
        return Value::from_js_number(n);
    }
    if let Some(s) = js.as_string() {
        return Ok(Value::Text(s));
    }
    if js.is_bigint() {
        let big: BigInt = js.clone().unchecked_into();
        return i64::try_from(big).map(Value::Int).map_err(|_| ConvertError::new("is a BigInt beyond 64 bits"));
    }
    if let Some(date) = js.dyn_ref::<Date>() {
        let millis = date.get_time();
        if !millis.is_finite() {
            return Err(ConvertError::new("is an invalid Date"));
        }
        return Ok(Value::Time((millis * 1000.0).round() as i64));
    }
    if let Some(bytes) = js.dyn_ref::<Uint8Array>() {
        return Ok(Value::Bytes(bytes.to_vec()));
    }
    if Array::is_array(js) || ArrayBuffer::is_view(js) {
        let items = Array::from(js);
        let mut list = Vec::with_capacity(items.length() as usize);
        for (i, item) in items.iter().enumerate() {
            list.push(convert(&item, depth + 1).map_err(|e| e.at_index(i))?);
        }
        return Ok(Value::List(list));
    }
    if js.is_function() || js.is_symbol() {
        return Err(ConvertError::new("is not plain data (a function or a symbol)"));
    }
    let entries = Object::entries(js.unchecked_ref());
    let mut map = Vec::with_capacity(entries.length() as usize);
    for entry in entries.iter() {
        let pair: Array = entry.unchecked_into();
        let key = pair.get(0).as_string().unwrap_or_default();
        let value = convert(&pair.get(1), depth + 1).map_err(|e| e.at_key(&key))?;
        map.push((key, value));
    }
    Ok(Value::Map(map))
}

/// A call's output as JS: plain data, or a `Uint8Array` of versioned bytes.
pub(crate) fn output(output: Output) -> Result<JsValue, Error> {
    match output {
        Output::Data { value, .. } => crate::to_js(&value).map_err(|e| Error::InvalidParameter {
            name: "result".to_owned(),
            message: e.as_string().unwrap_or_else(|| "is not convertible to JS".to_owned()),
        }),
        Output::Bytes(bytes) => Ok(Uint8Array::from(bytes.as_slice()).into()),
        Output::Log(log) => Ok(crate::WasmEventLog { inner: std::rc::Rc::new(*log) }.into()),
        Output::Object { class, object } => Ok(crate::WasmHandle { class, inner: object }.into()),
    }
}
