//! Messages: the history of a conversation (backwards by `current_count`, 30 per call) and the
//! three ways of sending (`reply_inbox`, `reply_comment`, `private_replies`), all
//! `POST public_api/v1/pages/{page_id}/conversations/{conversation_id}/messages`.
//!
//! Sending creates a message, so none of these requests is retried once it may have reached the
//! server. `message` and `content_ids` together make the server answer **500**: that is refused
//! here, before sending, with an error naming `content_ids`.

use serde::{Deserialize, Serialize};

use crate::context::{encode_segment, Api, Context, NoQuery};
use crate::endpoint::Endpoint;
use crate::error::{Error, Result};
use crate::http::{HttpRequest, Method, RetrySafety};
use crate::models::message::{Message, MessageList, SentMessage};
use crate::operation::{op, paged, Operation};

use crate::paginate::{ListLayout, Listed, Paginated, Position, Style};
use crate::validate::require_text;

/// How many older messages one call returns (001, 003; 002's older text says 20).
pub const MESSAGES_PAGE_SIZE: u32 = 30;

/// The most `content_ids` any platform takes in one call (Facebook, personal Zalo: 30; most
/// platforms take fewer, several only 1).
pub const MAX_CONTENT_IDS: usize = 30;

/// The values `attachment_type` takes (003).
pub const ATTACHMENT_TYPES: &[&str] = &["PHOTO", "VIDEO", "DOCUMENT", "AUDIO_ATTACHMENT_ID"];

fn messages_path(conversation_id: &str) -> Result<String> {
    require_text("conversation_id", conversation_id)?;
    Ok(format!(
        "/conversations/{}/messages",
        encode_segment(conversation_id)
    ))
}

fn has_text(message: &Option<String>) -> bool {
    message.as_deref().is_some_and(|m| !m.trim().is_empty())
}

fn check_content_ids(content_ids: &Option<Vec<String>>) -> Result<bool> {
    let Some(ids) = content_ids else {
        return Ok(false);
    };
    if ids.iter().any(|id| id.trim().is_empty()) {
        return Err(Error::invalid(
            "content_ids",
            "must not contain empty values",
        ));
    }
    if ids.len() > MAX_CONTENT_IDS {
        return Err(Error::invalid(
            "content_ids",
            format!(
                "at most {MAX_CONTENT_IDS} per call (fewer on most platforms), got {}",
                ids.len()
            ),
        ));
    }
    Ok(!ids.is_empty())
}

fn check_optional_text(field: &str, value: &Option<String>) -> Result<()> {
    match value {
        Some(v) => require_text(field, v),
        None => Ok(()),
    }
}

fn send(ctx: &Context, conversation_id: &str, body: &impl Serialize) -> Result<HttpRequest> {
    let path = messages_path(conversation_id)?;
    ctx.json(
        Method::Post,
        Api::PageV1,
        &path,
        &NoQuery {},
        body,
        RetrySafety::NotIdempotent,
    )
}

/// Reads a conversation's messages: the newest ones, or the 30 before the first
/// `current_count` already read. `GET .../conversations/{conversation_id}/messages`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct ListMessages {
    /// The conversation.
    pub conversation_id: String,
    /// The customer (required by the older documents, ignored by the newer ones).
    #[serde(default)]
    pub customer_id: Option<String>,
    /// How many messages were already read; the call returns the ones before them.
    #[serde(default)]
    pub current_count: Option<u64>,
}

impl ListMessages {
    /// The newest messages of `conversation_id`.
    pub fn new(conversation_id: impl Into<String>) -> Self {
        Self {
            conversation_id: conversation_id.into(),
            customer_id: None,
            current_count: None,
        }
    }

    /// Send the customer id too (older API versions want it).
    pub fn customer_id(mut self, customer_id: impl Into<String>) -> Self {
        self.customer_id = Some(customer_id.into());
        self
    }

    /// Skip the `current_count` newest messages.
    pub fn current_count(mut self, current_count: u64) -> Self {
        self.current_count = Some(current_count);
        self
    }
}

#[derive(Serialize)]
struct MessagesQuery<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    customer_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    current_count: Option<u64>,
}

impl Endpoint for ListMessages {
    type Output = MessageList;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        let path = messages_path(&self.conversation_id)?;
        check_optional_text("customer_id", &self.customer_id)?;
        let query = MessagesQuery {
            customer_id: self.customer_id.as_deref(),
            current_count: self.current_count,
        };
        ctx.get(Api::PageV1, &path, &query)
    }
}

impl Listed for ListMessages {
    const LIST: ListLayout = ListLayout::keyed_by_id(&["messages"]);
}

impl Paginated for ListMessages {
    type Item = Message;
    const STYLE: Style = Style::Count;
    const POSITION: &'static str = "current_count";

    fn page_size(&self) -> u32 {
        MESSAGES_PAGE_SIZE
    }

    fn at(&self, position: &Position) -> Self {
        let mut next = self.clone();
        if let Position::Count(n) = position {
            next.current_count = (*n > 0).then_some(*n);
        }
        next
    }
}

/// Sends an inbox message (`action: reply_inbox`): text in `message`, **or** media in
/// `content_ids` (from `contents.upload`), never both.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct SendMessage {
    /// The conversation.
    pub conversation_id: String,
    /// The text (exclusive with `content_ids`).
    #[serde(default)]
    pub message: Option<String>,
    /// Uploaded content ids (exclusive with `message`; see [`MAX_CONTENT_IDS`]).
    #[serde(default)]
    pub content_ids: Option<Vec<String>>,
    /// `PHOTO`, `VIDEO`, `DOCUMENT` or `AUDIO_ATTACHMENT_ID` (003).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(extend("enum" = ATTACHMENT_TYPES)))]
    pub attachment_type: Option<String>,
    /// A file name for the attachment.
    #[serde(default)]
    pub filename: Option<String>,
    /// A file name for the attachment (003's name for it).
    #[serde(default)]
    pub name: Option<String>,
    /// The attachment's MIME type (003).
    #[serde(default)]
    pub mime_type: Option<String>,
    /// The staff user to send as (from `users.list`).
    #[serde(default)]
    pub sender_id: Option<String>,
    /// The message this one replies to.
    #[serde(default)]
    pub reply_message_id: Option<String>,
}

impl SendMessage {
    /// A text message.
    pub fn text(conversation_id: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            conversation_id: conversation_id.into(),
            message: Some(message.into()),
            ..Self::default()
        }
    }

    /// A media message from uploaded content ids.
    pub fn contents<S: Into<String>>(
        conversation_id: impl Into<String>,
        content_ids: impl IntoIterator<Item = S>,
    ) -> Self {
        Self {
            conversation_id: conversation_id.into(),
            content_ids: Some(content_ids.into_iter().map(Into::into).collect()),
            ..Self::default()
        }
    }

    /// Send as this staff user.
    pub fn sender_id(mut self, sender_id: impl Into<String>) -> Self {
        self.sender_id = Some(sender_id.into());
        self
    }

    /// Reply to this message.
    pub fn reply_message_id(mut self, id: impl Into<String>) -> Self {
        self.reply_message_id = Some(id.into());
        self
    }
}

#[derive(Serialize)]
struct InboxBody<'a> {
    action: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_ids: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attachment_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    filename: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mime_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sender_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reply_message_id: Option<&'a str>,
}

impl Endpoint for SendMessage {
    type Output = SentMessage;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        require_text("conversation_id", &self.conversation_id)?;
        let text = has_text(&self.message);
        let media = check_content_ids(&self.content_ids)?;
        if text && media {
            return Err(Error::invalid(
                "content_ids",
                "cannot be sent together with `message` (the server answers 500); send two messages",
            ));
        }
        if !text && !media {
            return Err(Error::invalid(
                "message",
                "a text `message` or `content_ids` is required",
            ));
        }
        if let Some(t) = &self.attachment_type {
            if !ATTACHMENT_TYPES.contains(&t.as_str()) {
                return Err(Error::invalid(
                    "attachment_type",
                    format!("must be one of {}, got `{t}`", ATTACHMENT_TYPES.join(", ")),
                ));
            }
        }
        check_optional_text("sender_id", &self.sender_id)?;
        check_optional_text("reply_message_id", &self.reply_message_id)?;
        let body = InboxBody {
            action: "reply_inbox",
            message: self.message.as_deref().filter(|_| text),
            content_ids: self.content_ids.as_deref().filter(|_| media),
            attachment_type: self.attachment_type.as_deref(),
            filename: self.filename.as_deref(),
            name: self.name.as_deref(),
            mime_type: self.mime_type.as_deref(),
            sender_id: self.sender_id.as_deref(),
            reply_message_id: self.reply_message_id.as_deref(),
        };
        send(ctx, &self.conversation_id, &body)
    }
}

/// A mention in a comment reply.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Mention {
    /// The mentioned customer's PSID.
    pub psid: String,
    /// The name as shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Where the mention starts in `message`.
    pub offset: u32,
    /// How long it is.
    pub length: u32,
}

/// Replies to a comment (`action: reply_comment`): text in `message`, or an image by
/// `content_ids` / `content_url`; `message` and `content_ids` are not sent together.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct ReplyComment {
    /// The conversation (the comment thread).
    pub conversation_id: String,
    /// The comment replied to.
    pub message_id: String,
    /// The text.
    #[serde(default)]
    pub message: Option<String>,
    /// Uploaded content ids (exclusive with `message`).
    #[serde(default)]
    pub content_ids: Option<Vec<String>>,
    /// An image URL (003).
    #[serde(default)]
    pub content_url: Option<String>,
    /// The staff user to send as.
    #[serde(default)]
    pub sender_id: Option<String>,
    /// People mentioned in `message`.
    #[serde(default)]
    pub mentions: Option<Vec<Mention>>,
}

impl ReplyComment {
    /// A text reply to comment `message_id`.
    pub fn text(
        conversation_id: impl Into<String>,
        message_id: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            conversation_id: conversation_id.into(),
            message_id: message_id.into(),
            message: Some(message.into()),
            ..Self::default()
        }
    }

    /// Reply with an image by URL.
    pub fn content_url(mut self, url: impl Into<String>) -> Self {
        self.content_url = Some(url.into());
        self
    }

    /// Mention people in the text.
    pub fn mentions(mut self, mentions: Vec<Mention>) -> Self {
        self.mentions = Some(mentions);
        self
    }
}

#[derive(Serialize)]
struct ReplyCommentBody<'a> {
    action: &'static str,
    message_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_ids: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sender_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mentions: Option<&'a [Mention]>,
}

impl Endpoint for ReplyComment {
    type Output = SentMessage;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        require_text("conversation_id", &self.conversation_id)?;
        require_text("message_id", &self.message_id)?;
        let text = has_text(&self.message);
        let media = check_content_ids(&self.content_ids)?;
        check_optional_text("content_url", &self.content_url)?;
        if text && media {
            return Err(Error::invalid(
                "content_ids",
                "cannot be sent together with `message` (the server answers 500)",
            ));
        }
        if !text && !media && self.content_url.is_none() {
            return Err(Error::invalid(
                "message",
                "a text `message`, `content_ids` or `content_url` is required",
            ));
        }
        check_optional_text("sender_id", &self.sender_id)?;
        if let Some(mentions) = &self.mentions {
            let len = self
                .message
                .as_deref()
                .map(|m| m.encode_utf16().count())
                .unwrap_or(0);
            for m in mentions {
                require_text("mentions", &m.psid)?;
                if u64::from(m.offset) + u64::from(m.length) > len as u64 {
                    return Err(Error::invalid(
                        "mentions",
                        format!(
                            "mention of {} ends at {}, past the end of `message` ({len})",
                            m.psid,
                            m.offset + m.length
                        ),
                    ));
                }
            }
        }
        let body = ReplyCommentBody {
            action: "reply_comment",
            message_id: &self.message_id,
            message: self.message.as_deref().filter(|_| text),
            content_ids: self.content_ids.as_deref().filter(|_| media),
            content_url: self.content_url.as_deref(),
            sender_id: self.sender_id.as_deref(),
            mentions: self.mentions.as_deref(),
        };
        send(ctx, &self.conversation_id, &body)
    }
}

/// Sends a private inbox message to the author of a comment (`action: private_replies`).
/// Facebook allows it once per comment, within 7 days of the comment.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct PrivateReply {
    /// The conversation (the comment thread).
    pub conversation_id: String,
    /// The post holding the comment.
    pub post_id: String,
    /// The comment.
    pub message_id: String,
    /// The comment author's id.
    pub from_id: String,
    /// The text.
    pub message: String,
    /// The staff user to send as.
    #[serde(default)]
    pub sender_id: Option<String>,
}

impl PrivateReply {
    /// A private reply to comment `message_id` on `post_id`, by `from_id`.
    pub fn new(
        conversation_id: impl Into<String>,
        post_id: impl Into<String>,
        message_id: impl Into<String>,
        from_id: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            conversation_id: conversation_id.into(),
            post_id: post_id.into(),
            message_id: message_id.into(),
            from_id: from_id.into(),
            message: message.into(),
            sender_id: None,
        }
    }
}

#[derive(Serialize)]
struct PrivateReplyBody<'a> {
    action: &'static str,
    post_id: &'a str,
    message_id: &'a str,
    from_id: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sender_id: Option<&'a str>,
}

impl Endpoint for PrivateReply {
    type Output = SentMessage;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        require_text("conversation_id", &self.conversation_id)?;
        require_text("post_id", &self.post_id)?;
        require_text("message_id", &self.message_id)?;
        require_text("from_id", &self.from_id)?;
        require_text("message", &self.message)?;
        check_optional_text("sender_id", &self.sender_id)?;
        let body = PrivateReplyBody {
            action: "private_replies",
            post_id: &self.post_id,
            message_id: &self.message_id,
            from_id: &self.from_id,
            message: &self.message,
            sender_id: self.sender_id.as_deref(),
        };
        send(ctx, &self.conversation_id, &body)
    }
}

/// The operations of this resource.
pub(crate) const OPERATIONS: &[Operation] = &[
    paged::<ListMessages>("messages.list"),
    op::<SendMessage>("messages.send"),
    op::<ReplyComment>("messages.reply_comment"),
    op::<PrivateReply>("messages.private_reply"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Context {
        Context::page("42", "tok")
    }

    fn field(r: Result<HttpRequest>) -> String {
        match r {
            Err(Error::InvalidRequest { field, .. }) => field,
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn history_pages_backwards_by_count() {
        let first = ListMessages::new("c1");
        assert_eq!(
            first.to_request(&ctx()).unwrap().url,
            "https://pages.fm/api/public_api/v1/pages/42/conversations/c1/messages?page_access_token=tok"
        );
        let next = first.at(&Position::Count(30));
        assert_eq!(
            next.to_request(&ctx()).unwrap().url,
            "https://pages.fm/api/public_api/v1/pages/42/conversations/c1/messages?current_count=30&page_access_token=tok"
        );
        assert_eq!(next.at(&Position::Count(0)).current_count, None);
    }

    #[test]
    fn inbox_needs_exactly_one_of_text_and_media() {
        let both = SendMessage {
            content_ids: Some(vec!["x".into()]),
            ..SendMessage::text("c", "hi")
        };
        assert_eq!(field(both.to_request(&ctx())), "content_ids");
        assert_eq!(
            field(SendMessage::text("c", "  ").to_request(&ctx())),
            "message"
        );
        let req = SendMessage::contents("c", ["a", "b"])
            .to_request(&ctx())
            .unwrap();
        assert_eq!(
            req.json_body().unwrap(),
            r#"{"action":"reply_inbox","content_ids":["a","b"]}"#
        );
        assert_eq!(req.retry_safety, RetrySafety::NotIdempotent);
        let many: Vec<String> = (0..31).map(|i| i.to_string()).collect();
        assert_eq!(
            field(SendMessage::contents("c", many).to_request(&ctx())),
            "content_ids"
        );
    }

    #[test]
    fn comment_replies_check_mentions() {
        let ok = ReplyComment::text("c", "m", "Hi An").mentions(vec![Mention {
            psid: "1".into(),
            name: Some("An".into()),
            offset: 3,
            length: 2,
        }]);
        assert!(ok.to_request(&ctx()).is_ok());
        let bad = ReplyComment::text("c", "m", "Hi").mentions(vec![Mention {
            psid: "1".into(),
            name: None,
            offset: 3,
            length: 2,
        }]);
        assert_eq!(field(bad.to_request(&ctx())), "mentions");
        let image = ReplyComment {
            conversation_id: "c".into(),
            message_id: "m".into(),
            ..ReplyComment::default()
        }
        .content_url("https://x/y.png");
        assert!(image.to_request(&ctx()).is_ok());
    }
}
