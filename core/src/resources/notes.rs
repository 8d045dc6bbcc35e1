//! Customer notes: `POST | PUT | DELETE public_api/v1/pages/{page_id}/page_customers/
//! {page_customer_id}/notes`. Notes are text only; there is no list endpoint (notes come with
//! `customers.list`), and their timestamps are unix **milliseconds**.
//!
//! Each call creates or changes a note, so none is retried once it may have reached the server.

use serde::{Deserialize, Serialize};

use crate::context::{encode_segment, Api, Context, NoQuery};
use crate::endpoint::Endpoint;
use crate::error::Result;
use crate::http::{HttpRequest, Method, RetrySafety};
use crate::models::customer::Ack;
use crate::operation::{op, Operation};
use crate::validate::require_text;

fn notes_request(
    ctx: &Context,
    method: Method,
    page_customer_id: &str,
    body: &impl Serialize,
) -> Result<HttpRequest> {
    require_text("page_customer_id", page_customer_id)?;
    let path = format!("/page_customers/{}/notes", encode_segment(page_customer_id));
    ctx.json(
        method,
        Api::PageV1,
        &path,
        &NoQuery {},
        body,
        RetrySafety::NotIdempotent,
    )
}

/// Adds a text note to a customer.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct AddNote {
    /// The customer's `id` (UUID).
    pub page_customer_id: String,
    /// The note text.
    pub message: String,
}

impl AddNote {
    /// Add `message` to `page_customer_id`.
    pub fn new(page_customer_id: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            page_customer_id: page_customer_id.into(),
            message: message.into(),
        }
    }
}

impl Endpoint for AddNote {
    type Output = Ack;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        require_text("page_customer_id", &self.page_customer_id)?;
        require_text("message", &self.message)?;
        #[derive(Serialize)]
        struct Body<'a> {
            message: &'a str,
        }
        notes_request(
            ctx,
            Method::Post,
            &self.page_customer_id,
            &Body {
                message: &self.message,
            },
        )
    }
}

/// Replaces the text of a note.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct UpdateNote {
    /// The customer's `id` (UUID).
    pub page_customer_id: String,
    /// The note (`notes[].id` from `customers.list`).
    pub note_id: String,
    /// The new text.
    pub message: String,
}

impl UpdateNote {
    /// Set note `note_id` of `page_customer_id` to `message`.
    pub fn new(
        page_customer_id: impl Into<String>,
        note_id: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            page_customer_id: page_customer_id.into(),
            note_id: note_id.into(),
            message: message.into(),
        }
    }
}

impl Endpoint for UpdateNote {
    type Output = Ack;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        require_text("page_customer_id", &self.page_customer_id)?;
        require_text("note_id", &self.note_id)?;
        require_text("message", &self.message)?;
        #[derive(Serialize)]
        struct Body<'a> {
            note_id: &'a str,
            message: &'a str,
        }
        notes_request(
            ctx,
            Method::Put,
            &self.page_customer_id,
            &Body {
                note_id: &self.note_id,
                message: &self.message,
            },
        )
    }
}

/// Deletes a note.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct DeleteNote {
    /// The customer's `id` (UUID).
    pub page_customer_id: String,
    /// The note.
    pub note_id: String,
}

impl DeleteNote {
    /// Delete note `note_id` of `page_customer_id`.
    pub fn new(page_customer_id: impl Into<String>, note_id: impl Into<String>) -> Self {
        Self {
            page_customer_id: page_customer_id.into(),
            note_id: note_id.into(),
        }
    }
}

impl Endpoint for DeleteNote {
    type Output = Ack;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        require_text("page_customer_id", &self.page_customer_id)?;
        require_text("note_id", &self.note_id)?;
        #[derive(Serialize)]
        struct Body<'a> {
            note_id: &'a str,
        }
        notes_request(
            ctx,
            Method::Delete,
            &self.page_customer_id,
            &Body {
                note_id: &self.note_id,
            },
        )
    }
}

/// The operations of this resource.
pub(crate) const OPERATIONS: &[Operation] = &[
    op::<AddNote>("notes.add").on("customers", "add_note"),
    op::<UpdateNote>("notes.update").on("customers", "update_note"),
    op::<DeleteNote>("notes.delete").on("customers", "delete_note"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delete_carries_a_json_body() {
        let ctx = Context::page("42", "tok");
        let req = DeleteNote::new("u-1", "note_abc").to_request(&ctx).unwrap();
        assert_eq!(req.method, Method::Delete);
        assert_eq!(
            req.url,
            "https://pages.fm/api/public_api/v1/pages/42/page_customers/u-1/notes?page_access_token=tok"
        );
        assert_eq!(req.json_body().unwrap(), r#"{"note_id":"note_abc"}"#);
        assert_eq!(req.retry_safety, RetrySafety::NotIdempotent);
    }
}
