//! Response shapes: what each model accepts, as static data, for decoding a response to JSON
//! without the serde-derived code of the typed models.
//!
//! The typed models (the layer above this one) are the source of truth. Their JSON Schema
//! (`tests/schema/models.json`) is generated from them, and `models/shapes.rs` is generated from
//! that schema (both by `tools/codegen`). [`decode`] checks a body against a shape and
//! returns it as JSON: it accepts exactly what the typed decode accepts (a test runs both over
//! every fixture and vector), and since the typed models serialise back to what they read, the
//! JSON is the same too. The bindings use it so the WebAssembly module carries one small table
//! per model rather than per-model decoding code.

use serde_json::Value;

use crate::error::{Error, Result};
use crate::http::HttpResponse;

/// What a JSON value may be.
#[derive(Debug)]
pub enum Shape {
    /// Anything (`serde_json::Value` in the model).
    Any,
    /// A string.
    Str,
    /// `true` or `false`.
    Bool,
    /// An integer that fits an `i64`.
    I64,
    /// Any number.
    F64,
    /// `null` (one side of an optional field).
    Null,
    /// An array whose elements all have this shape.
    Array(&'static Shape),
    /// An object whose values all have this shape (a map keyed by ids).
    Map(&'static Shape),
    /// A model: an object with known fields; other fields are kept as they are.
    Object(&'static Object),
    /// Any one of these (an untagged enum, or an optional value).
    OneOf(&'static [&'static Shape]),
}

/// A model's known fields.
#[derive(Debug)]
pub struct Object {
    /// The model's name (for messages).
    pub name: &'static str,
    /// Its known fields, in declaration order.
    pub fields: &'static [Field],
    /// The keys that must be present (none, for the API's models: every field is optional).
    pub required: &'static [&'static str],
}

/// One known field of a model.
#[derive(Debug)]
pub struct Field {
    /// The JSON key.
    pub name: &'static str,
    /// What its value may be.
    pub shape: &'static Shape,
}

/// A type whose JSON shape is known: every endpoint output.
pub trait Shaped {
    /// The shape of its JSON.
    const SHAPE: &'static Shape;
}

impl<T: Shaped> Shaped for Vec<T> {
    const SHAPE: &'static Shape = &Shape::Array(T::SHAPE);
}

/// Classifies a response ([`crate::response::check`]) and decodes its body as JSON of
/// `shape`, reading the body once; a decode error names the path of the first value that does
/// not fit.
pub fn decode(shape: &Shape, response: &HttpResponse) -> Result<Value> {
    let fail = |message: String| Error::decode(message, response.status, &response.body);
    // One UTF-8 check of the whole body, then a parse that need not check each string again.
    let parsed = std::str::from_utf8(&response.body)
        .map_err(|e| format!("not UTF-8: {e}"))
        .and_then(|text| serde_json::from_str::<Value>(text).map_err(|e| e.to_string()));
    crate::response::check_parsed(response, parsed.as_ref().ok())?;
    if response.body.iter().all(u8::is_ascii_whitespace) {
        return Err(fail("empty body".into()));
    }
    let value = parsed.map_err(fail)?;
    check(shape, &value).map_err(|m| fail(m.to_string()))?;
    Ok(value)
}

/// Checks `value` against `shape`.
pub fn check(shape: &Shape, value: &Value) -> std::result::Result<(), Mismatch> {
    if fits(shape, value) {
        return Ok(());
    }
    // Walk again to find the first mismatch and its path (the good path stays allocation-free).
    let mut path = Vec::new();
    Err(
        first_mismatch(shape, value, &mut path).unwrap_or_else(|| Mismatch {
            path: String::new(),
            message: "does not fit".into(),
        }),
    )
}

/// Where and how a value does not fit a shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// The JSON path (`customers[0].name`), empty for the whole body.
    pub path: String,
    /// What was found and what was expected.
    pub message: String,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "at `{}`: {}", self.path, self.message)
        }
    }
}

enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn fits(shape: &Shape, value: &Value) -> bool {
    match (shape, value) {
        (Shape::Any, _) => true,
        (Shape::Str, Value::String(_)) | (Shape::Bool, Value::Bool(_)) => true,
        (Shape::Null, Value::Null) => true,
        (Shape::I64, Value::Number(n)) => n.is_i64(),
        (Shape::F64, Value::Number(_)) => true,
        (Shape::Array(item), Value::Array(items)) => items.iter().all(|v| fits(item, v)),
        (Shape::Map(item), Value::Object(map)) => map.values().all(|v| fits(item, v)),
        (Shape::Object(object), Value::Object(map)) => {
            object.required.iter().all(|k| map.contains_key(*k))
                && object
                    .fields
                    .iter()
                    .all(|f| map.get(f.name).is_none_or(|v| fits(f.shape, v)))
        }
        (Shape::OneOf(options), v) => options.iter().any(|s| fits(s, v)),
        _ => false,
    }
}

fn first_mismatch<'a>(
    shape: &Shape,
    value: &'a Value,
    path: &mut Vec<Step<'a>>,
) -> Option<Mismatch> {
    let nested = |path: &mut Vec<Step<'a>>, step: Step<'a>, shape: &Shape, v: &'a Value| {
        path.push(step);
        let found = first_mismatch(shape, v, path);
        path.pop();
        found
    };
    match (shape, value) {
        (Shape::Array(item), Value::Array(items)) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| nested(path, Step::Index(i), item, v)),
        (Shape::Map(item), Value::Object(map)) => map
            .iter()
            .find_map(|(k, v)| nested(path, Step::Key(k), item, v)),
        (Shape::Object(object), Value::Object(map)) => {
            if let Some(k) = object.required.iter().find(|k| !map.contains_key(**k)) {
                return Some(Mismatch {
                    path: render(path),
                    message: format!("missing field `{k}`"),
                });
            }
            object.fields.iter().find_map(|f| {
                let (k, v) = map.get_key_value(f.name)?;
                nested(path, Step::Key(k), f.shape, v)
            })
        }
        (Shape::OneOf(options), v) if options.iter().any(|s| fits(s, v)) => None,
        // None fits: look inside the option of the value's own JSON type (`Option<T>` is
        // `T` or null), as the typed decode does, to name the deepest path.
        (Shape::OneOf(options), v) => match options.iter().find(|s| same_kind(s, v)) {
            Some(inner) => first_mismatch(inner, v, path),
            None => Some(Mismatch {
                path: render(path),
                message: format!(
                    "invalid type: {}, expected {}",
                    describe(v),
                    expected(shape)
                ),
            }),
        },
        _ if fits(shape, value) => None,
        _ => Some(Mismatch {
            path: render(path),
            message: format!(
                "invalid type: {}, expected {}",
                describe(value),
                expected(shape)
            ),
        }),
    }
}

/// Whether `shape` is (or has an option) of the same JSON type as `value`.
fn same_kind(shape: &Shape, value: &Value) -> bool {
    match (shape, value) {
        (Shape::OneOf(options), v) => options.iter().any(|s| same_kind(s, v)),
        (Shape::Object(_) | Shape::Map(_), Value::Object(_))
        | (Shape::Array(_), Value::Array(_))
        | (Shape::Str, Value::String(_))
        | (Shape::Bool, Value::Bool(_))
        | (Shape::I64 | Shape::F64, Value::Number(_))
        | (Shape::Null, Value::Null) => true,
        _ => false,
    }
}

fn render(path: &[Step<'_>]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Value::Number(n) => format!("integer `{n}`"),
        Value::String(s) => {
            let short: String = s.chars().take(40).collect();
            format!("string {}", Value::String(short))
        }
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn expected(shape: &Shape) -> String {
    match shape {
        Shape::Any => "any value".into(),
        Shape::Str => "a string".into(),
        Shape::Bool => "a boolean".into(),
        Shape::I64 => "an integer (i64)".into(),
        Shape::F64 => "a number".into(),
        Shape::Null => "null".into(),
        Shape::Array(_) => "an array".into(),
        Shape::Map(_) => "an object".into(),
        Shape::Object(o) => format!("an object ({})", o.name),
        Shape::OneOf(options) => options
            .iter()
            .map(|s| expected(s))
            .collect::<Vec<_>>()
            .join(" or "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    static NOTE: Object = Object {
        name: "Note",
        fields: &[Field {
            name: "id",
            shape: &Shape::OneOf(&[&Shape::Str, &Shape::Null]),
        }],
        required: &[],
    };
    static LIST: Object = Object {
        name: "List",
        fields: &[
            Field {
                name: "notes",
                shape: &Shape::Array(&Shape::Object(&NOTE)),
            },
            Field {
                name: "total",
                shape: &Shape::OneOf(&[&Shape::I64, &Shape::F64, &Shape::Str]),
            },
        ],
        required: &["total"],
    };

    #[test]
    fn fits_and_names_the_path_of_a_mismatch() {
        let shape = Shape::Object(&LIST);
        assert_eq!(
            check(
                &shape,
                &json!({"notes": [{"id": "a"}, {"x": 1}], "total": 1})
            ),
            Ok(())
        );
        let err = check(
            &shape,
            &json!({"notes": [{"id": "a"}, {"id": 2}], "total": "3"}),
        );
        assert_eq!(err.unwrap_err().path, "notes[1].id");
        let err = check(&shape, &json!({"notes": []})).unwrap_err();
        assert_eq!(err.message, "missing field `total`");
        let err = check(&shape, &json!({"total": 1.5, "notes": "none"})).unwrap_err();
        assert_eq!(
            err.to_string(),
            "at `notes`: invalid type: string \"none\", expected an array"
        );
        assert!(check(&Shape::I64, &json!(u64::MAX)).is_err());
        assert!(check(&Shape::I64, &json!(1.0)).is_err());
        assert!(check(&Shape::F64, &json!(1)).is_ok());
    }
}
