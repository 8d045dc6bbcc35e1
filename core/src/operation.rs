//! What one operation is: an [`Operation`] descriptor pairs a stable name (`customers.list`) with
//! the functions that build its request from JSON parameters, parse its response to JSON and
//! page through it, for one endpoint type. The registry of all of them is the `operations` module.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::context::Context;
use crate::endpoint::Endpoint;
use crate::error::Result;
use crate::http::{HttpRequest, HttpResponse};
use crate::paginate::{DynPaginator, ListLayout, Listed, Paginated, Style, Windowed};
use crate::params;

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
    /// For list operations: where a response keeps its items, their keys, the total and the
    /// next cursor ([`Listed::LIST`]).
    pub list: Option<ListLayout>,
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
    /// For list operations: the parameter paging moves ([`Paginated::POSITION`]).
    pub position: Option<&'static str>,
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
        position: None,
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
        params: params::names::<E>,
        face_override: None,
        style: None,
        list: None,
        windowed: false,
        #[cfg(feature = "schema")]
        described: described::<E>(),
    }
}

/// An [`Operation`] for endpoint `E` whose response is a list that comes whole, in one page:
/// the registry's `list_page` splits it by `E`'s [`ListLayout`].
pub const fn listed<E>(name: &'static str) -> Operation
where
    E: Listed + DeserializeOwned + Describe,
    E::Output: Describe,
{
    Operation {
        list_page: Some(list_page_with::<E>),
        list: Some(E::LIST),
        ..op::<E>(name)
    }
}

/// An [`Operation`] for list endpoint `E`, which the registry can page through.
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
        params: params::names::<E>,
        face_override: None,
        style: Some(E::STYLE),
        list: Some(E::LIST),
        windowed: false,
        #[cfg(feature = "schema")]
        described: Described {
            position: Some(E::POSITION),
            ..described::<E>()
        },
    }
}

/// An [`Operation`] for a list endpoint `E` limited to a time window, which the registry pages
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
        params: params::names::<E>,
        face_override: None,
        style: Some(E::STYLE),
        list: Some(E::LIST),
        windowed: true,
        #[cfg(feature = "schema")]
        described: Described {
            position: Some(E::POSITION),
            ..described::<E>()
        },
    }
}

fn list_page_with<E>(p: &Value, response: &HttpResponse) -> Result<Value>
where
    E: Listed + DeserializeOwned,
{
    let output = params::read::<E>(p)?.parse_value(response)?;
    let (items, info) = E::LIST.split(output.clone());
    Ok(serde_json::json!({
        "items": items,
        "total": info.total,
        "next_cursor": info.next_cursor,
        "response": output,
    }))
}

fn build_with<E: Endpoint + DeserializeOwned>(ctx: &Context, p: &Value) -> Result<HttpRequest> {
    params::read::<E>(p)?.to_request(ctx)
}

fn parse_with<E: Endpoint + DeserializeOwned>(p: &Value, response: &HttpResponse) -> Result<Value> {
    params::read::<E>(p)?.parse_value(response)
}
