//! The operation registry: every endpoint by a stable name (`customers.list`), built from a JSON
//! object of parameters and parsed to JSON.
//!
//! This is what keeps the bindings thin and the languages in agreement: a binding passes
//! `(name, params)` and gets an [`HttpRequest`] back, sends it, and hands the response to
//! [`parse`]. The shared request vectors in `tests/vectors/` go through the same functions from
//! Rust, Python and JavaScript. Parameter names are the API's own (`page_size`, `since`, ...);
//! an unknown or mistyped parameter is an [`Error::InvalidRequest`] naming it.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::context::Context;
use crate::endpoint::Endpoint;
use crate::error::{Error, Result};
use crate::http::{HttpRequest, HttpResponse};
use crate::paginate::{DynPaginator, Paginated, Style, Windowed};

/// Starts a paginator from JSON parameters and an optional resume token.
pub type StartPaginator = fn(&Value, Option<&str>) -> Result<DynPaginator>;

/// One registered endpoint.
#[derive(Clone, Copy)]
pub struct Operation {
    /// The stable name: `<resource>.<verb>` (`conversations.add_tag`).
    pub name: &'static str,
    /// Builds the request from a JSON object of parameters.
    pub build: fn(&Context, &Value) -> Result<HttpRequest>,
    /// Parses a response (the same parameters are passed, for endpoints whose output depends
    /// on them) to the JSON of the typed model, checked against its shape
    /// ([`Endpoint::parse_value`]).
    pub parse: fn(&Value, &HttpResponse) -> Result<Value>,
    /// For list operations: a paginator from JSON parameters and an optional resume token.
    pub paginate: Option<StartPaginator>,
    /// For list operations: one response split into `{items, total, next_cursor, response}`.
    pub list_page: Option<fn(&Value, &HttpResponse) -> Result<Value>>,
    /// The parameter names the operation accepts, as the API spells them.
    pub params: fn() -> &'static [&'static str],
    /// Where the SDK's faces put the method, `(resource, method)` in snake_case, when it is not
    /// the name's two halves (the notes' methods live on `customers`). See [`Operation::face`].
    pub face_override: Option<(&'static str, &'static str)>,
    /// For list operations: how they page.
    pub style: Option<Style>,
    /// For list operations: whether they page through time windows ([`Windowed`]).
    pub windowed: bool,
    /// The parameter and output types, described for the manifest (the `schema` feature).
    #[cfg(feature = "schema")]
    pub described: Described,
}

/// An operation's parameter and output types, as Rust names and JSON Schema (the `schema`
/// feature): what the operation manifest is generated from.
#[cfg(feature = "schema")]
#[derive(Clone, Copy)]
pub struct Described {
    /// The parameter type's Rust path (`pancake_core::resources::tags::ListTags`).
    pub rust: fn() -> &'static str,
    /// The parameter type's schema: one property per parameter, its doc comment as the
    /// description.
    pub params: fn(&mut schemars::SchemaGenerator) -> schemars::Schema,
    /// The output type's schema: a reference to a model (or a list of them), its definition
    /// added to the generator.
    pub output: fn(&mut schemars::SchemaGenerator) -> schemars::Schema,
}

/// The bound every operation's parameter type meets: with the `schema` feature, a
/// [`schemars::JsonSchema`] type, so the manifest can describe it; without it, any type.
#[cfg(feature = "schema")]
pub trait Describe: schemars::JsonSchema {}
#[cfg(feature = "schema")]
impl<T: schemars::JsonSchema> Describe for T {}
/// The bound every operation's parameter type meets: with the `schema` feature, a
/// `schemars::JsonSchema` type, so the manifest can describe it; without it, any type.
#[cfg(not(feature = "schema"))]
pub trait Describe {}
#[cfg(not(feature = "schema"))]
impl<T> Describe for T {}

#[cfg(feature = "schema")]
const fn described<E>() -> Described
where
    E: Endpoint + Describe,
    E::Output: Describe,
{
    Described {
        rust: std::any::type_name::<E>,
        params: <E as schemars::JsonSchema>::json_schema,
        output: schemars::SchemaGenerator::subschema_for::<E::Output>,
    }
}

impl Operation {
    /// The resource the operation belongs to (`conversations`): the name's first half.
    pub fn resource(&self) -> &'static str {
        self.name.split_once('.').map_or(self.name, |(r, _)| r)
    }

    /// Where the SDK's faces put the method, `(resource, method)` in snake_case: the name's
    /// two halves (`conversations.add_tag`), unless the operation says otherwise.
    pub fn face(&self) -> (&'static str, &'static str) {
        self.face_override
            .unwrap_or_else(|| self.name.split_once('.').unwrap_or((self.name, self.name)))
    }

    /// The same operation, placed on `resource` as `method` in the faces.
    pub const fn on(mut self, resource: &'static str, method: &'static str) -> Self {
        self.face_override = Some((resource, method));
        self
    }
}

impl std::fmt::Debug for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Operation")
            .field("name", &self.name)
            .finish()
    }
}

/// An [`Operation`] for endpoint type `E`, whose parameters deserialise from JSON.
pub const fn op<E>(name: &'static str) -> Operation
where
    E: Endpoint + DeserializeOwned + Describe,
    E::Output: Describe,
{
    Operation {
        name,
        build: build_with::<E>,
        parse: parse_with::<E>,
        paginate: None,
        list_page: None,
        params: field_names::<E>,
        face_override: None,
        style: None,
        windowed: false,
        #[cfg(feature = "schema")]
        described: described::<E>(),
    }
}

/// An [`Operation`] for list endpoint `E`, which [`paginate`] can page through.
pub const fn paged<E>(name: &'static str) -> Operation
where
    E: Paginated + DeserializeOwned + Describe + Send + Sync + 'static,
    E::Output: Describe,
{
    Operation {
        name,
        build: build_with::<E>,
        parse: parse_with::<E>,
        paginate: Some(DynPaginator::from_params::<E>),
        list_page: Some(list_page_with::<E>),
        params: field_names::<E>,
        face_override: None,
        style: Some(E::STYLE),
        windowed: false,
        #[cfg(feature = "schema")]
        described: described::<E>(),
    }
}

/// An [`Operation`] for a list endpoint `E` limited to a time window, which [`paginate`] pages
/// through window by window.
pub const fn windowed<E>(name: &'static str) -> Operation
where
    E: Windowed + DeserializeOwned + Describe + Send + Sync + 'static,
    E::Output: Describe,
{
    Operation {
        name,
        build: build_with::<E>,
        parse: parse_with::<E>,
        paginate: Some(DynPaginator::windowed_from_params::<E>),
        list_page: Some(list_page_with::<E>),
        params: field_names::<E>,
        face_override: None,
        style: Some(E::STYLE),
        windowed: true,
        #[cfg(feature = "schema")]
        described: described::<E>(),
    }
}

/// Reads the parameters of `E` from a JSON object; the error names the offending parameter.
pub fn params<E: DeserializeOwned>(params: &Value) -> Result<E> {
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

fn list_page_with<E>(p: &Value, response: &HttpResponse) -> Result<Value>
where
    E: Paginated + DeserializeOwned,
{
    let output = params::<E>(p)?.parse_value(response)?;
    let (items, info) = E::split_value(output.clone());
    Ok(serde_json::json!({
        "items": items,
        "total": info.total,
        "next_cursor": info.next_cursor,
        "response": output,
    }))
}

/// The field names serde reads for `E`: its parameter names. Found by asking `E`'s derived
/// `Deserialize` which fields it expects, so the list cannot drift from the struct.
fn field_names<E: DeserializeOwned>() -> &'static [&'static str] {
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

fn build_with<E: Endpoint + DeserializeOwned>(ctx: &Context, p: &Value) -> Result<HttpRequest> {
    params::<E>(p)?.to_request(ctx)
}

fn parse_with<E: Endpoint + DeserializeOwned>(p: &Value, response: &HttpResponse) -> Result<Value> {
    params::<E>(p)?.parse_value(response)
}

/// The parameter names operation `name` accepts.
pub fn param_names(name: &str) -> Result<&'static [&'static str]> {
    Ok((find(name)?.params)())
}

/// Splits one response of list operation `name` into
/// `{"items": [...], "total": n|null, "next_cursor": s|null, "response": {...}}`.
pub fn list_page(name: &str, params: &Value, response: &HttpResponse) -> Result<Value> {
    let op = find(name)?;
    let split = op
        .list_page
        .ok_or_else(|| Error::invalid("operation", format!("`{name}` is not a list operation")))?;
    split(params, response)
}

/// Every registered operation.
pub fn all() -> impl Iterator<Item = &'static Operation> {
    crate::resources::OPERATIONS
        .iter()
        .flat_map(|ops| ops.iter())
}

/// The operation named `name`.
pub fn find(name: &str) -> Result<&'static Operation> {
    all()
        .find(|op| op.name == name)
        .ok_or_else(|| Error::invalid("operation", format!("unknown operation `{name}`")))
}

/// Builds the request of operation `name` from JSON parameters.
pub fn build(ctx: &Context, name: &str, params: &Value) -> Result<HttpRequest> {
    (find(name)?.build)(ctx, params)
}

/// Parses a response to operation `name`.
pub fn parse(name: &str, params: &Value, response: &HttpResponse) -> Result<Value> {
    (find(name)?.parse)(params, response)
}

/// A paginator over list operation `name` from JSON parameters, from the start or from a
/// resume token. An operation that is not a list is an error naming `operation`.
pub fn paginate(name: &str, params: &Value, resume: Option<&str>) -> Result<DynPaginator> {
    let op = find(name)?;
    let start = op
        .paginate
        .ok_or_else(|| Error::invalid("operation", format!("`{name}` is not a list operation")))?;
    start(params, resume)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        let mut names: Vec<_> = all().map(|o| o.name).collect();
        let n = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), n);
        assert!(n >= 1);
    }

    #[test]
    fn unknown_parameters_are_named() {
        let ctx = Context::page("1", "t");
        let err = build(&ctx, "tags.list", &serde_json::json!({"bogus": 1})).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidRequest { field, .. } if field == "bogus"),
            "{err:?}"
        );
        let err = build(&ctx, "nope", &Value::Null).unwrap_err();
        assert!(matches!(&err, Error::InvalidRequest { field, .. } if field == "operation"));
    }

    #[test]
    fn paginate_refuses_non_lists() {
        let err = paginate("tags.list", &Value::Null, None).unwrap_err();
        assert!(matches!(&err, Error::InvalidRequest { field, .. } if field == "operation"));
        let err = paginate("nope", &Value::Null, None).unwrap_err();
        assert!(matches!(&err, Error::InvalidRequest { field, .. } if field == "operation"));
    }
}
