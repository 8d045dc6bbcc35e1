//! The shape every endpoint shares.

use serde::de::DeserializeOwned;

use crate::context::Context;
use crate::error::Result;
use crate::http::{HttpRequest, HttpResponse};
use crate::response;

/// One API operation: how to build its request and how to read its response.
///
/// Builders validate in [`Endpoint::to_request`], so a bad parameter fails before anything is
/// sent, with an [`crate::Error::InvalidRequest`] naming it.
pub trait Endpoint {
    /// The typed value a successful response decodes to.
    type Output: DeserializeOwned;

    /// Validates the parameters and builds the request.
    fn to_request(&self, ctx: &Context) -> Result<HttpRequest>;

    /// Reads a response: the typed value, or the error the server answered with.
    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        response::parse_json(response)
    }
}
