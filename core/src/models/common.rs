//! Building blocks shared by the models: lossless optional fields, ids and numbers that arrive
//! as either numbers or strings, and the map that keeps unknown fields.
//!
//! Models follow three rules so that serialising a parsed value gives back exactly what the
//! server sent:
//! - every known field is a [`Maybe`], which tells an absent field from an explicit `null`;
//! - fields whose type drifts use [`FlexId`] / [`FlexNum`], which remember their JSON form;
//! - unknown fields land in `extra: Extra` through `#[serde(flatten)]`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Unknown fields, kept in order so a model serialises back to what was received.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// A field that may be absent, `null`, or a value. Serialises back to the same form.
///
/// Use with `#[serde(default, skip_serializing_if = "Maybe::is_absent")]`.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub enum Maybe<T> {
    /// The key was not in the object.
    #[default]
    Absent,
    /// The key was present with `null`.
    Null,
    /// The key was present with a value.
    Value(T),
}

impl<T> Maybe<T> {
    /// The value, if there is one.
    pub fn get(&self) -> Option<&T> {
        match self {
            Maybe::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value, if there is one, by value.
    pub fn into_option(self) -> Option<T> {
        match self {
            Maybe::Value(v) => Some(v),
            _ => None,
        }
    }

    /// Whether the key was absent (used to skip it when serialising).
    pub fn is_absent(&self) -> bool {
        matches!(self, Maybe::Absent)
    }

    /// Whether there is a value.
    pub fn is_some(&self) -> bool {
        matches!(self, Maybe::Value(_))
    }
}

impl<T> From<T> for Maybe<T> {
    fn from(value: T) -> Self {
        Maybe::Value(value)
    }
}

impl<T> From<Option<T>> for Maybe<T> {
    fn from(value: Option<T>) -> Self {
        match value {
            Some(v) => Maybe::Value(v),
            None => Maybe::Absent,
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Maybe<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Maybe::Absent => f.write_str("Absent"),
            Maybe::Null => f.write_str("Null"),
            Maybe::Value(v) => v.fmt(f),
        }
    }
}

impl<T: Serialize> Serialize for Maybe<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Maybe::Value(v) => v.serialize(serializer),
            _ => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Maybe<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(v) => Maybe::Value(v),
            None => Maybe::Null,
        })
    }
}

#[cfg(feature = "schema")]
impl<T: schemars::JsonSchema> schemars::JsonSchema for Maybe<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Maybe_{}", T::schema_name()).into()
    }

    /// The field may be absent (every `Maybe` field has `#[serde(default)]`) or `null`.
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        generator.subschema_for::<Option<T>>()
    }
}

/// An id that the API sends as a number in some places and a string in others
/// (tag ids: `3`, `-99`, `"tag_216"`). Serialises back in the form it arrived in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum FlexId {
    /// A numeric id.
    Int(i64),
    /// A string id.
    Str(String),
}

impl FlexId {
    /// The id as an integer, when it is one or a string of digits.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            FlexId::Int(i) => Some(*i),
            FlexId::Str(s) => s.trim().parse().ok(),
        }
    }
}

impl fmt::Display for FlexId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FlexId::Int(i) => write!(f, "{i}"),
            FlexId::Str(s) => f.write_str(s),
        }
    }
}

impl From<i64> for FlexId {
    fn from(value: i64) -> Self {
        FlexId::Int(value)
    }
}

impl From<&str> for FlexId {
    fn from(value: &str) -> Self {
        FlexId::Str(value.to_owned())
    }
}

impl From<String> for FlexId {
    fn from(value: String) -> Self {
        FlexId::Str(value)
    }
}

/// A number that may arrive as a JSON number or as a numeric string (schema drift).
/// Serialises back in the form it arrived in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum FlexNum {
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A string (numeric or not: it is kept as it came).
    Str(String),
}

impl FlexNum {
    /// The value as an `i64`, when it is an integer or a string of one.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            FlexNum::Int(i) => Some(*i),
            FlexNum::Float(f) if f.fract() == 0.0 && f.is_finite() => Some(*f as i64),
            FlexNum::Float(_) => None,
            FlexNum::Str(s) => s.trim().parse().ok(),
        }
    }

    /// The value as an `f64`, when it is a number or a numeric string.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            FlexNum::Int(i) => Some(*i as f64),
            FlexNum::Float(f) => Some(*f),
            FlexNum::Str(s) => s.trim().parse().ok(),
        }
    }
}

impl From<i64> for FlexNum {
    fn from(value: i64) -> Self {
        FlexNum::Int(value)
    }
}

/// A boolean that may arrive as `true`/`false`, `0`/`1` or `"true"`/`"false"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum FlexBool {
    /// A JSON boolean.
    Bool(bool),
    /// A number (0 is false).
    Int(i64),
    /// A string.
    Str(String),
}

impl FlexBool {
    /// The value as a boolean, when it reads as one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            FlexBool::Bool(b) => Some(*b),
            FlexBool::Int(i) => Some(*i != 0),
            FlexBool::Str(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "1" => Some(true),
                "false" | "0" => Some(false),
                _ => None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Serialize, Deserialize)]
    struct M {
        #[serde(default, skip_serializing_if = "Maybe::is_absent")]
        a: Maybe<String>,
        #[serde(default, skip_serializing_if = "Maybe::is_absent")]
        b: Maybe<FlexId>,
        #[serde(default, skip_serializing_if = "Maybe::is_absent")]
        n: Maybe<FlexNum>,
        #[serde(flatten)]
        extra: Extra,
    }

    fn round_trip(json: &str) {
        let m: M = serde_json::from_str(json).unwrap();
        let back = serde_json::to_string(&m).unwrap();
        assert_eq!(back, json);
    }

    #[test]
    fn round_trips_are_exact() {
        round_trip(r#"{"a":null,"b":-99,"z":[1,{"q":null}]}"#);
        round_trip(r#"{"b":"tag_216","n":"12"}"#);
        round_trip(r#"{"n":1.5}"#);
        round_trip(r#"{}"#);
    }

    #[test]
    fn accessors() {
        let m: M = serde_json::from_str(r#"{"a":"x","b":"7","n":"12"}"#).unwrap();
        assert_eq!(m.a.get().map(String::as_str), Some("x"));
        assert_eq!(m.b.get().and_then(FlexId::as_i64), Some(7));
        assert_eq!(m.n.get().and_then(FlexNum::as_i64), Some(12));
        assert_eq!(FlexBool::Str("TRUE".into()).as_bool(), Some(true));
    }
}
