//! The shape every endpoint shares.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::context::Context;
use crate::error::Result;
use crate::http::{HttpRequest, HttpResponse};
use crate::response;
use crate::shape::{self, Shaped};

/// One API operation: how to build its request and how to read its response.
///
/// Builders validate in [`Endpoint::to_request`], so a bad parameter fails before anything is
/// sent, with an [`crate::Error::InvalidRequest`] naming it.
pub trait Endpoint {
    /// The typed value a successful response decodes to.
    type Output: DeserializeOwned + Shaped;

    /// Validates the parameters and builds the request.
    fn to_request(&self, ctx: &Context) -> Result<HttpRequest>;

    /// Reads a response: the typed value, or the error the server answered with.
    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        response::parse_json(response)
    }

    /// Reads a response as JSON checked against the output's shape: what [`Endpoint::parse`]
    /// accepts, as the JSON it would serialise to, without the typed decode. The bindings use
    /// this, through the operation registry and the JSON paginators.
    fn parse_value(&self, response: &HttpResponse) -> Result<Value> {
        shape::decode(<Self::Output as Shaped>::SHAPE, response)
    }
}
