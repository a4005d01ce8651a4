//! JS values into the core's contract values (once, no JSON text), and call outputs back.

use napi::bindgen_prelude::{
    BigInt, FromNapiValue, JavaScriptClassExt, JsObjectValue, Object, ToNapiValue, TypedArray, TypedArrayType,
    Uint8Array, Unknown,
};
use napi::{Env, JsDate, JsValue, ValueType};
use webinar_analytics::contract::{ConvertError, MAX_DEPTH, Output, Value};
use webinar_analytics::prelude::Error;

/// Where a value sits: a named property or an element of its holder (napi reads typed values
/// from their holder).
enum Slot<'a, 'env> {
    Key(&'a Object<'env>, &'a str),
    Index(&'a Object<'env>, u32),
}

impl Slot<'_, '_> {
    fn get<T: FromNapiValue>(&self) -> napi::Result<T> {
        match self {
            Slot::Key(holder, key) => holder.get_named_property_unchecked(key),
            Slot::Index(holder, i) => holder.get_element(*i),
        }
    }
}

/// The request object as a contract value: `Date` → time, `BigInt` → integer, `Uint8Array` /
/// `Buffer` → bytes, other typed arrays and arrays → lists, plain objects → maps, `undefined` →
/// null. An error names the value's path (`steps[1].asOf`).
pub(crate) fn to_value(request: &Object<'_>) -> Result<Value, Error> {
    map(request, 0).map_err(ConvertError::into_error)
}

fn js_failure(e: &napi::Error) -> ConvertError {
    ConvertError::new(format!("cannot be read: {}", e.reason))
}

fn map(object: &Object<'_>, depth: usize) -> Result<Value, ConvertError> {
    let keys = Object::keys(object).map_err(|e| js_failure(&e))?;
    let mut entries = Vec::with_capacity(keys.len());
    for key in keys {
        let value = convert(&Slot::Key(object, &key), depth + 1).map_err(|e| e.at_key(&key))?;
        entries.push((key, value));
    }
    Ok(Value::Map(entries))
}

fn convert(slot: &Slot<'_, '_>, depth: usize) -> Result<Value, ConvertError> {
    if depth > MAX_DEPTH {
        return Err(ConvertError::new("is nested too deeply (a cyclic object?)"));
    }
    let fail = |e: napi::Error| js_failure(&e);
    let value: Unknown<'_> = slot.get().map_err(fail)?;
    match value.get_type().map_err(fail)? {
        ValueType::Undefined | ValueType::Null => Ok(Value::Null),
        ValueType::Boolean => slot.get::<bool>().map(Value::Bool).map_err(fail),
        ValueType::Number => Value::from_js_number(slot.get::<f64>().map_err(fail)?),
        ValueType::String => slot.get::<String>().map(Value::Text).map_err(fail),
        ValueType::BigInt => match slot.get::<BigInt>().map_err(fail)?.get_i64() {
            (n, true) => Ok(Value::Int(n)),
            (_, false) => Err(ConvertError::new("is a BigInt beyond 64 bits")),
        },
        ValueType::Object if value.is_date().map_err(fail)? => {
            let millis = slot.get::<JsDate<'_>>().and_then(|d| d.value_of()).map_err(fail)?;
            if !millis.is_finite() {
                return Err(ConvertError::new("is an invalid Date"));
            }
            Ok(Value::Time((millis * 1000.0).round() as i64))
        }
        ValueType::Object if value.is_typedarray().map_err(fail)? => typed_array(&slot.get().map_err(fail)?),
        ValueType::Object => {
            let object: Object<'_> = slot.get().map_err(fail)?;
            if !object.is_array().map_err(fail)? {
                return map(&object, depth);
            }
            let len = object.get_array_length().map_err(fail)?;
            let mut list = Vec::with_capacity(len as usize);
            for i in 0..len {
                list.push(convert(&Slot::Index(&object, i), depth + 1).map_err(|e| e.at_index(i as usize))?);
            }
            Ok(Value::List(list))
        }
        _ => Err(ConvertError::new("is not plain data (a function or a symbol)")),
    }
}

/// A typed array: bytes for `Uint8Array` / `Buffer`, a list of numbers for the others.
fn typed_array(array: &TypedArray<'_>) -> Result<Value, ConvertError> {
    fn numbers<const N: usize>(bytes: &[u8], f: impl Fn([u8; N]) -> f64) -> Result<Value, ConvertError> {
        let each = bytes
            .chunks_exact(N)
            .enumerate()
            .map(|(i, c)| Value::from_js_number(f(c.try_into().unwrap_or([0; N]))).map_err(|e| e.at_index(i)));
        each.collect::<Result<Vec<_>, _>>().map(Value::List)
    }
    let bytes: &[u8] = &array.arraybuffer;
    match array.typed_array_type {
        TypedArrayType::Uint8 | TypedArrayType::Uint8Clamped => Ok(Value::Bytes(bytes.to_vec())),
        TypedArrayType::Int8 => numbers(bytes, |b: [u8; 1]| i8::from_ne_bytes(b).into()),
        TypedArrayType::Int16 => numbers(bytes, |b| i16::from_ne_bytes(b).into()),
        TypedArrayType::Uint16 => numbers(bytes, |b| u16::from_ne_bytes(b).into()),
        TypedArrayType::Int32 => numbers(bytes, |b| i32::from_ne_bytes(b).into()),
        TypedArrayType::Uint32 => numbers(bytes, |b| u32::from_ne_bytes(b).into()),
        TypedArrayType::Float32 => numbers(bytes, |b| f32::from_ne_bytes(b).into()),
        TypedArrayType::Float64 => numbers(bytes, f64::from_ne_bytes),
        _ => Err(ConvertError::new("is a typed array of an unsupported element type (use numbers or a Uint8Array)")),
    }
}

/// A call's output as JS: plain data, or a `Uint8Array` of versioned bytes.
pub(crate) fn output(env: &Env, output: Output) -> napi::Result<Unknown<'_>> {
    match output {
        Output::Data { value, .. } => env.to_js_value(&value),
        Output::Bytes(bytes) => Uint8Array::from(bytes).into_unknown(env),
        Output::Log(log) => Ok(crate::JsEventLog { inner: std::sync::Arc::new(*log) }.into_instance(env)?.to_unknown()),
        Output::Object { class, object } => {
            Ok(crate::JsHandle { class, inner: object }.into_instance(env)?.to_unknown())
        }
    }
}
