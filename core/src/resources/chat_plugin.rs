//! The Pancake Chat Plugin: `POST` and `GET {base}/v1/pke_chat_plugin/messages`, with no token
//! and the plugin's `page_id` (`web_1664524051101747`) as a query parameter.
//!
//! `page_id` may be given as a parameter or taken from the context. Core reads no clock and
//! draws no random numbers, so the caller supplies `dummy_id` (a client-side id) and
//! `inserted_at` (unix milliseconds) for each message sent.

use serde::{Deserialize, Serialize};

use crate::context::{Api, Context};
use crate::endpoint::Endpoint;
use crate::error::{Error, Result};
use crate::http::{HttpRequest, Method, RetrySafety};
use crate::models::chat_plugin::{PluginMessages, SentPluginMessage};
use crate::normalize::time::SECONDS_BELOW;
use crate::operation::{op, Operation};

/// The operations of this resource.
pub(crate) const OPERATIONS: &[Operation] = &[
    op::<SendPluginMessage>("chat_plugin.send"),
    op::<ListPluginMessages>("chat_plugin.list"),
];

const PATH: &str = "/pke_chat_plugin/messages";

fn page_id<'a>(given: &'a Option<String>, ctx: &'a Context) -> Result<&'a str> {
    match given.as_deref().or(ctx.page_id.as_deref()) {
        Some(id) if !id.trim().is_empty() => Ok(id),
        _ => Err(Error::invalid(
            "page_id",
            "the chat plugin's page id is required (as a parameter or in the context)",
        )),
    }
}

#[derive(Serialize)]
struct PageQuery<'a> {
    page_id: &'a str,
}

/// An attachment to send (an image already hosted at `url`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PluginAttachmentInput {
    /// A client-side id (`1231231312_acac`).
    pub id: String,
    /// The file name (`anh.png`).
    pub name: String,
    /// Where the file is (`https://...`).
    pub url: String,
    /// The attachment type (`photo`).
    #[serde(rename = "type")]
    pub kind: String,
    /// The MIME type (`image/png`).
    pub mime_type: String,
    /// Size in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// Image width.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u64>,
    /// Image height.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u64>,
}

impl PluginAttachmentInput {
    /// An attachment of `kind` (`photo`) at `url`.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        url: impl Into<String>,
        kind: impl Into<String>,
        mime_type: impl Into<String>,
    ) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            url: url.into(),
            kind: kind.into(),
            mime_type: mime_type.into(),
            size: None,
            width: None,
            height: None,
        }
    }
}

/// Sends a message as a website visitor, or starts a conversation (`conversation_id` left
/// out: it is sent as `null`). Not idempotent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct SendPluginMessage {
    /// The plugin's page id (query parameter; defaults to the context's page id).
    #[serde(default, skip_serializing)]
    pub page_id: Option<String>,
    /// The sender (`web_xxxxxxxxx`).
    pub from_id: String,
    /// A client-side id for the message (echoed back).
    pub dummy_id: i64,
    /// When the client sent it, unix **milliseconds**.
    pub inserted_at: i64,
    /// The text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The conversation; `null` starts a new one.
    #[serde(default)]
    pub conversation_id: Option<String>,
    /// The sender's display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The message replied to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replied_message_id: Option<String>,
    /// Extra metadata (an object).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra_info: Option<serde_json::Value>,
    /// Attachments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<PluginAttachmentInput>>,
}

impl SendPluginMessage {
    /// A text message from `from_id`, starting a new conversation unless
    /// [`Self::conversation_id`] is set. `dummy_id` is any client-side id; `inserted_at_ms`
    /// the client's time in unix milliseconds.
    pub fn new(
        from_id: impl Into<String>,
        message: impl Into<String>,
        dummy_id: i64,
        inserted_at_ms: i64,
    ) -> Self {
        Self {
            page_id: None,
            from_id: from_id.into(),
            dummy_id,
            inserted_at: inserted_at_ms,
            message: Some(message.into()),
            conversation_id: None,
            name: None,
            replied_message_id: None,
            extra_info: None,
            attachments: None,
        }
    }

    /// The plugin's page id (instead of the context's).
    pub fn page_id(mut self, page_id: impl Into<String>) -> Self {
        self.page_id = Some(page_id.into());
        self
    }

    /// Continue this conversation.
    pub fn conversation_id(mut self, conversation_id: impl Into<String>) -> Self {
        self.conversation_id = Some(conversation_id.into());
        self
    }

    /// The sender's display name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Reply to a message.
    pub fn replied_message_id(mut self, id: impl Into<String>) -> Self {
        self.replied_message_id = Some(id.into());
        self
    }

    /// Add an attachment.
    pub fn attachment(mut self, attachment: PluginAttachmentInput) -> Self {
        self.attachments
            .get_or_insert_with(Vec::new)
            .push(attachment);
        self
    }
}

impl Endpoint for SendPluginMessage {
    type Output = SentPluginMessage;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        let page_id = page_id(&self.page_id, ctx)?;
        if self.from_id.trim().is_empty() {
            return Err(Error::invalid("from_id", "is required"));
        }
        if self.inserted_at < SECONDS_BELOW {
            return Err(Error::invalid(
                "inserted_at",
                format!(
                    "must be unix milliseconds ({} looks like seconds or is not a time)",
                    self.inserted_at
                ),
            ));
        }
        if matches!(&self.conversation_id, Some(c) if c.trim().is_empty()) {
            return Err(Error::invalid(
                "conversation_id",
                "is empty (leave it out to start a conversation)",
            ));
        }
        let attachments = self.attachments.as_deref().unwrap_or_default();
        let has_text = self
            .message
            .as_deref()
            .is_some_and(|m| !m.trim().is_empty());
        if !has_text && attachments.is_empty() {
            return Err(Error::invalid(
                "message",
                "a message needs text or at least one attachment",
            ));
        }
        for (i, a) in attachments.iter().enumerate() {
            for (field, value) in [
                ("id", &a.id),
                ("name", &a.name),
                ("url", &a.url),
                ("type", &a.kind),
                ("mime_type", &a.mime_type),
            ] {
                if value.trim().is_empty() {
                    return Err(Error::invalid(
                        format!("attachments[{i}].{field}"),
                        "is required",
                    ));
                }
            }
            if !(a.url.starts_with("https://") || a.url.starts_with("http://")) {
                return Err(Error::invalid(
                    format!("attachments[{i}].url"),
                    "must be an http(s) URL",
                ));
            }
        }
        if matches!(&self.extra_info, Some(v) if !v.is_object()) {
            return Err(Error::invalid("extra_info", "must be an object"));
        }
        ctx.json(
            Method::Post,
            Api::Public,
            PATH,
            &PageQuery { page_id },
            self,
            RetrySafety::NotIdempotent,
        )
    }
}

/// Reads the messages of a chat plugin conversation, from `offset` on.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct ListPluginMessages {
    /// The conversation (`web_1664524051101747_web_xxxxxxxxx`).
    pub conversation_id: String,
    /// The plugin's page id (defaults to the context's page id).
    #[serde(default)]
    pub page_id: Option<String>,
    /// How many messages to skip.
    #[serde(default)]
    pub offset: Option<u64>,
}

impl ListPluginMessages {
    /// The latest messages of `conversation_id`.
    pub fn new(conversation_id: impl Into<String>) -> Self {
        Self {
            conversation_id: conversation_id.into(),
            page_id: None,
            offset: None,
        }
    }

    /// The plugin's page id (instead of the context's).
    pub fn page_id(mut self, page_id: impl Into<String>) -> Self {
        self.page_id = Some(page_id.into());
        self
    }

    /// Skip `offset` messages.
    pub fn offset(mut self, offset: u64) -> Self {
        self.offset = Some(offset);
        self
    }
}

#[derive(Serialize)]
struct ListQuery<'a> {
    conversation_id: &'a str,
    page_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    offset: Option<u64>,
}

impl Endpoint for ListPluginMessages {
    type Output = PluginMessages;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        let page_id = page_id(&self.page_id, ctx)?;
        if self.conversation_id.trim().is_empty() {
            return Err(Error::invalid("conversation_id", "is required"));
        }
        let query = ListQuery {
            conversation_id: &self.conversation_id,
            page_id,
            offset: self.offset,
        };
        ctx.get(Api::Public, PATH, &query)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_token_and_page_id_in_query() {
        let ctx = Context::default();
        let req = SendPluginMessage::new("web_x", "Hi", 1_765_875_902_892, 1_765_875_902_892)
            .page_id("web_1")
            .to_request(&ctx)
            .unwrap();
        assert_eq!(
            req.url,
            "https://pages.fm/api/v1/pke_chat_plugin/messages?page_id=web_1"
        );
        assert_eq!(
            req.json_body(),
            Some(
                r#"{"from_id":"web_x","dummy_id":1765875902892,"inserted_at":1765875902892,"message":"Hi","conversation_id":null}"#
            )
        );
        assert_eq!(req.rate_limit_key, None);
        let err = SendPluginMessage::new("web_x", "Hi", 1, 1_765_875_902)
            .page_id("web_1")
            .to_request(&ctx)
            .unwrap_err();
        assert!(matches!(err, Error::InvalidRequest { ref field, .. } if field == "inserted_at"));
        let req = ListPluginMessages::new("c 1")
            .offset(30)
            .to_request(&Context::page("web_1", "unused"))
            .unwrap();
        assert_eq!(
            req.url,
            "https://pages.fm/api/v1/pke_chat_plugin/messages?conversation_id=c+1&page_id=web_1&offset=30"
        );
    }
}
