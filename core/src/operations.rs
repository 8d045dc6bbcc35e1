//! The operation registry: every endpoint by a stable name (`customers.list`), built from a JSON
//! object of parameters and parsed to JSON.
//!
//! This is what keeps the bindings thin and the languages in agreement: a binding passes
//! `(name, params)` and gets an [`HttpRequest`] back, sends it, and hands the response to
//! [`parse`]. The shared request vectors in `tests/vectors/` go through the same functions from
//! Rust, Python and JavaScript. Parameter names are the API's own (`page_size`, `since`, ...);
//! an unknown or mistyped parameter is an [`Error::InvalidRequest`] naming it.

use serde_json::Value;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::http::{HttpRequest, HttpResponse};
use crate::paginate::DynPaginator;

pub use crate::operation::{Operation, StartPaginator};

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
    fn whole_lists_are_split_by_core() {
        let page = |name: &str, body: &str| {
            list_page(name, &Value::Null, &HttpResponse::new(200, body)).unwrap()
        };
        let tags = page(
            "tags.list",
            r#"{"tags":[{"id":1,"text":"vip"}],"success":true}"#,
        );
        assert_eq!(tags["items"][0]["text"], "vip");
        assert_eq!(tags["response"]["success"], true);
        let none = page("tags.list", r#"{"tags":null,"success":true}"#);
        assert_eq!(none["items"], serde_json::json!([]));
        let users = page("users.list", r#"{"users":[{"id":"u1"}],"success":true}"#);
        assert_eq!(users["items"][0]["id"], "u1");
        assert_eq!(users["next_cursor"], Value::Null);
    }

    #[test]
    fn paginate_refuses_non_lists() {
        let err = paginate("tags.list", &Value::Null, None).unwrap_err();
        assert!(matches!(&err, Error::InvalidRequest { field, .. } if field == "operation"));
        let err = paginate("nope", &Value::Null, None).unwrap_err();
        assert!(matches!(&err, Error::InvalidRequest { field, .. } if field == "operation"));
    }
}
