//! Reading an operation's parameters from a JSON object, with the error naming the parameter
//! at fault, and listing the parameter names a parameter type reads: one rule for every
//! endpoint, used by the operation descriptors and the JSON paginators alike.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Error, Result};

/// Reads the parameters of `E` from a JSON object; the error names the offending parameter.
pub fn read<E: DeserializeOwned>(params: &Value) -> Result<E> {
    let empty = Value::Object(Default::default());
    let params = if params.is_null() { &empty } else { params };
    E::deserialize(params).map_err(|e| {
        let inner = e.to_string();
        // serde names unknown and missing fields in the message; prefer that name (other
        // messages quote the bad value, `invalid value: integer `-1``, not a field).
        let names_field = inner.starts_with("unknown field") || inner.starts_with("missing field");
        let field = match names_field.then(|| quoted_name(&inner)).flatten() {
            Some(name) => name,
            None => culprit(params, &|p| E::deserialize(p).err().map(|e| e.to_string()))
                .unwrap_or_else(|| "params".into()),
        };
        Error::invalid(field, inner)
    })
}

/// The parameter whose value `E` rejects: the one key whose removal makes the parameters
/// read, or only miss that key. Found on the error path only, by reading `E` again without
/// each key in turn (serde's messages name unknown and missing fields, not a bad value's).
/// `read` gives the error message of reading the parameters, if any. Not generic, so one copy
/// serves every endpoint.
fn culprit(params: &Value, read: &dyn Fn(&Value) -> Option<String>) -> Option<String> {
    let map = params.as_object()?;
    map.keys().find_map(|key| {
        let mut without = map.clone();
        without.remove(key);
        let missing_only = match read(&Value::Object(without)) {
            None => true,
            Some(e) => e.starts_with("missing field") && quoted_name(&e).as_deref() == Some(key),
        };
        missing_only.then(|| key.clone())
    })
}

/// The field names serde reads for `E`: its parameter names. Found by asking `E`'s derived
/// `Deserialize` which fields it expects, so the list cannot drift from the struct.
pub fn names<E: DeserializeOwned>() -> &'static [&'static str] {
    let mut found = None;
    let _ = E::deserialize(FieldNames(&mut found));
    found.unwrap_or(&[])
}

/// A deserializer that records the fields of the struct asked for, and reads nothing.
struct FieldNames<'a>(&'a mut Option<&'static [&'static str]>);

impl<'de> serde::Deserializer<'de> for FieldNames<'_> {
    // serde_json's error, not serde's `value::Error`: its messages print floats without core's
    // float formatting, which would otherwise be linked into the wasm module for this alone.
    type Error = serde_json::Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(
        self,
        _visitor: V,
    ) -> std::result::Result<V::Value, Self::Error> {
        Err(serde::de::Error::custom("only structs have field names"))
    }

    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> std::result::Result<V::Value, Self::Error> {
        *self.0 = Some(fields);
        Err(serde::de::Error::custom("field names recorded"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

fn quoted_name(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_owned())
}
