//! Conversations: the v2 and v1 lists, tag changes and assignment.
//!
//! The documents disagree on several shapes, and every one of them is accepted:
//! `tags` holds numbers (`-99`, `1`), strings or tag objects (and `null` for removed tags);
//! `recent_phone_numbers` holds strings or objects. Timestamps stay in the form sent (naive ISO
//! text, read as UTC by the `*_timestamp` helpers).

use serde::{Deserialize, Serialize};

use super::common::{Extra, FlexBool, FlexId, FlexNum, Maybe};
use super::customer::Customer;
use crate::normalize::{parse_timestamp, Timestamp};

fn text_timestamp(value: &Maybe<String>) -> Option<Timestamp> {
    value
        .get()
        .and_then(|s| parse_timestamp(&serde_json::Value::String(s.clone())).ok())
}

/// A party in a conversation: its `from`, `last_sent_by`, a message's `from`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Participant {
    /// Facebook id / PSID (or the page id for page-side messages).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<FlexId>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub name: Maybe<String>,
    /// Email, if known.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub email: Maybe<String>,
    /// Pancake user UUID of the staff member who sent it.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub uid: Maybe<String>,
    /// Admin account id (page-side replies).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub admin_id: Maybe<FlexId>,
    /// Admin account name.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub admin_name: Maybe<String>,
    /// Platform the message was sent from.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub platform: Maybe<String>,
    /// Whether an AI wrote it.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub ai_generated: Maybe<FlexBool>,
    /// Whether an automation sent it.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_automated: Maybe<FlexBool>,
    /// Fields this SDK does not know yet (`avatar_url`, `phone_number`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// A tag object inside a conversation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ConversationTag {
    /// The tag id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<FlexId>,
    /// The label.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub text: Maybe<String>,
    /// The colour (`#f28809`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub color: Maybe<String>,
    /// Whether the tag is deactivated.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_deactive: Maybe<FlexBool>,
    /// Whether the tag is a lead event.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_lead_event: Maybe<FlexBool>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An entry of a conversation's `tags`: a bare id (`-99`, `"string"`) or a tag object.
/// Removed tags appear as `null`, so lists are `Vec<Option<TagRef>>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
#[non_exhaustive]
pub enum TagRef {
    /// A bare id.
    Id(FlexId),
    /// A tag object.
    Tag(Box<ConversationTag>),
}

impl TagRef {
    /// The tag id, whichever form the entry has.
    pub fn id(&self) -> Option<&FlexId> {
        match self {
            TagRef::Id(id) => Some(id),
            TagRef::Tag(t) => t.id.get(),
        }
    }
}

/// A staff member: assignees, assignment history entries.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AssignUser {
    /// Pancake user UUID.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<String>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub name: Maybe<String>,
    /// Email.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub email: Maybe<String>,
    /// Facebook id, if linked.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub fb_id: Maybe<FlexId>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// What an assignment change did.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AssigneePayload {
    /// Users added.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub added_users: Maybe<Vec<AssignUser>>,
    /// Users removed.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub deleted_users: Maybe<Vec<AssignUser>>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One entry of `assignee_histories`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AssigneeHistory {
    /// When it happened (ISO text as sent).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub inserted_at: Maybe<String>,
    /// The conversation.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub conversation_id: Maybe<String>,
    /// The change.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub payload: Maybe<AssigneePayload>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// What a tag change did.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct TagHistoryPayload {
    /// `add`, `remove`, `clone`, ...
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub action: Maybe<String>,
    /// Who made it (empty for the system).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub editor_id: Maybe<String>,
    /// The editor's name.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub editor_name: Maybe<String>,
    /// The tag (`{id, text}`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub tag: Maybe<ConversationTag>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One entry of `tag_histories`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct TagHistory {
    /// When it happened (ISO text as sent).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub inserted_at: Maybe<String>,
    /// The conversation.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub conversation_id: Maybe<String>,
    /// The change.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub payload: Maybe<TagHistoryPayload>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A customer reference inside a conversation (`customers[]`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CustomerRef {
    /// Page-customer id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<String>,
    /// Facebook id / PSID.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub fb_id: Maybe<FlexId>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub name: Maybe<String>,
    /// Fields this SDK does not know yet (`avatar_url`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// A phone number captured in a conversation, with where it was found.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CapturedPhone {
    /// The number as stored (not normalised).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub phone_number: Maybe<String>,
    /// The raw text it was taken from.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub captured: Maybe<String>,
    /// The message it came from.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub m_id: Maybe<String>,
    /// Offset in the message.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub offset: Maybe<FlexNum>,
    /// Length in the message.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub length: Maybe<FlexNum>,
    /// Capture status code.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub status: Maybe<FlexNum>,
    /// The related order.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub order_id: Maybe<FlexId>,
    /// Fields this SDK does not know yet (`m_content`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// An entry of `recent_phone_numbers`: a bare string or a [`CapturedPhone`] object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
#[non_exhaustive]
pub enum PhoneEntry {
    /// A bare number.
    Number(String),
    /// A number with its capture details.
    Captured(Box<CapturedPhone>),
}

impl PhoneEntry {
    /// The phone number, whichever form the entry has.
    pub fn phone_number(&self) -> Option<&str> {
        match self {
            PhoneEntry::Number(s) => Some(s),
            PhoneEntry::Captured(c) => c.phone_number.get().map(String::as_str),
        }
    }
}

/// How far a participant has read.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ReadWatermark {
    /// The participant.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub psid: Maybe<FlexId>,
    /// The last message read.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub message_id: Maybe<String>,
    /// When, in unix **seconds**.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub watermark: Maybe<FlexNum>,
    /// Whether this is a group conversation.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_group_conv: Maybe<FlexBool>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

impl ReadWatermark {
    /// `watermark` (unix seconds) as a UTC instant.
    pub fn watermark_timestamp(&self) -> Option<Timestamp> {
        self.watermark
            .get()
            .and_then(FlexNum::as_i64)
            .and_then(|s| Timestamp::from_unix_seconds(s).ok())
    }
}

/// A conversation (inbox thread, comment thread, livestream thread). Also the answer of
/// `conversations.assign`, which returns the updated conversation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Conversation {
    /// The conversation id (`{page_id}_{psid}`, `{post}_{comment}`, ...).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<String>,
    /// `INBOX`, `COMMENT`, `LIVESTREAM`, `RATING`, ...
    #[serde(rename = "type", default, skip_serializing_if = "Maybe::is_absent")]
    pub conversation_type: Maybe<String>,
    /// The page.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub page_id: Maybe<FlexId>,
    /// The post, for comment threads (`null` for inbox).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub post_id: Maybe<String>,
    /// Preview of the latest message.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub snippet: Maybe<String>,
    /// Whether it was read.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub seen: Maybe<FlexBool>,
    /// How many messages.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub message_count: Maybe<FlexNum>,
    /// Unread messages.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub unread_count: Maybe<FlexNum>,
    /// Whether a phone number was found.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub has_phone: Maybe<FlexBool>,
    /// Creation time (ISO text as sent).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub inserted_at: Maybe<String>,
    /// Latest activity (ISO text as sent).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub updated_at: Maybe<String>,
    /// Who started or owns the thread (usually the customer).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub from: Maybe<Participant>,
    /// The customer's PSID.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub from_psid: Maybe<FlexId>,
    /// Who sent the latest message.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub last_sent_by: Maybe<Participant>,
    /// Tags (ids or objects; `null` entries for removed tags).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub tags: Maybe<Vec<Option<TagRef>>>,
    /// Tag changes.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub tag_histories: Maybe<Vec<TagHistory>>,
    /// Assigned staff UUIDs.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub assignee_ids: Maybe<Vec<String>>,
    /// Assigned staff group.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub assignee_group_id: Maybe<FlexId>,
    /// Assigned staff, in full.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub current_assign_users: Maybe<Vec<AssignUser>>,
    /// Assignment changes.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub assignee_histories: Maybe<Vec<AssigneeHistory>>,
    /// The global customer id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub customer_id: Maybe<String>,
    /// The customers in the conversation.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub customers: Maybe<Vec<CustomerRef>>,
    /// Phone numbers collected (strings or objects).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub recent_phone_numbers: Maybe<Vec<PhoneEntry>>,
    /// Read markers.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub read_watermarks: Maybe<Vec<ReadWatermark>>,
    /// Ads that drove the conversation (`null` when none).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub ad_ids: Maybe<Vec<FlexId>>,
    /// Ad details (`null` when none).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub ads: Maybe<Vec<serde_json::Value>>,
    /// The customer's profile in the page's customer database.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub page_customer: Maybe<Customer>,
    /// The messaging thread id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub thread_id: Maybe<FlexId>,
    /// The messaging thread key.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub thread_key: Maybe<String>,
    /// Staff who have seen the conversation.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub recent_seen_users: Maybe<Vec<SeenUser>>,
    /// The customer's last interaction (ISO text as sent).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub last_customer_interactive_at: Maybe<String>,
    /// Whether the thread was merged into another.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_combined: Maybe<FlexBool>,
    /// Whether the thread was deleted.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_removed: Maybe<FlexBool>,
    /// Fields this SDK does not know yet (`success` in the assign answer, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// A staff member who has seen a conversation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct SeenUser {
    /// Facebook id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub fb_id: Maybe<FlexId>,
    /// Facebook name.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub fb_name: Maybe<String>,
    /// When (ISO text as sent, microseconds: `2023-04-05T02:22:06.689494`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub seen_at: Maybe<String>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Conversation {
    /// `inserted_at` as a UTC instant (naive text is read as UTC).
    pub fn inserted_at_timestamp(&self) -> Option<Timestamp> {
        text_timestamp(&self.inserted_at)
    }

    /// `updated_at` as a UTC instant (naive text is read as UTC).
    pub fn updated_at_timestamp(&self) -> Option<Timestamp> {
        text_timestamp(&self.updated_at)
    }
}

/// The response of the conversation lists (v2: the 60 newest or older ones from a cursor;
/// v1: a page of a time window, with `total`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ConversationList {
    /// The conversations.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub conversations: Maybe<Vec<Conversation>>,
    /// How many conversations match (v1).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub total: Maybe<FlexNum>,
    /// Fields this SDK does not know yet (`success`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The response of adding or removing a conversation tag.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct TagChange {
    /// The conversation's tag ids after the change.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub data: Maybe<Vec<FlexId>>,
    /// When, in unix **microseconds** (16 digits).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub timestamp: Maybe<FlexNum>,
    /// Fields this SDK does not know yet (`success`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

impl TagChange {
    /// `timestamp` (microseconds) as a UTC instant.
    pub fn timestamp_utc(&self) -> Option<Timestamp> {
        self.timestamp
            .get()
            .and_then(FlexNum::as_i64)
            .and_then(|us| Timestamp::from_unix_micros(us).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_in_every_shape() {
        let json = r#"{"tags":[-99,"string",{"id":3,"text":"x","is_deactive":false},null]}"#;
        let c: Conversation = serde_json::from_str(json).unwrap();
        let tags = c.tags.get().unwrap();
        assert_eq!(tags[0].as_ref().unwrap().id(), Some(&FlexId::Int(-99)));
        assert_eq!(tags[2].as_ref().unwrap().id(), Some(&FlexId::Int(3)));
        assert!(tags[3].is_none());
        assert_eq!(serde_json::to_string(&c).unwrap(), json);
    }

    #[test]
    fn timestamps_and_phones() {
        let json = r#"{"inserted_at":"2021-08-26T06:29:56","recent_phone_numbers":["0328290781",{"phone_number":"0812997207","status":0}],"read_watermarks":[{"watermark":1680661734}]}"#;
        let c: Conversation = serde_json::from_str(json).unwrap();
        assert_eq!(
            c.inserted_at_timestamp().unwrap().unix_seconds(),
            1_629_959_396
        );
        let phones: Vec<_> = c
            .recent_phone_numbers
            .get()
            .unwrap()
            .iter()
            .map(|p| p.phone_number().unwrap())
            .collect();
        assert_eq!(phones, ["0328290781", "0812997207"]);
        let w = &c.read_watermarks.get().unwrap()[0];
        assert_eq!(
            w.watermark_timestamp().unwrap().unix_seconds(),
            1_680_661_734
        );
        assert_eq!(serde_json::to_string(&c).unwrap(), json);
        let t: TagChange =
            serde_json::from_str(r#"{"data":[0,1],"timestamp":1652845231603964}"#).unwrap();
        assert_eq!(t.timestamp_utc().unwrap().unix_seconds(), 1_652_845_231);
    }

    #[test]
    fn documented_examples_fill_typed_fields() {
        let list: ConversationList = serde_json::from_str(include_str!(
            "../../../tests/fixtures/conversations.list_v1/001_conversations.json"
        ))
        .unwrap();
        assert_eq!(list.total.get().and_then(FlexNum::as_i64), Some(1));
        let c = &list.conversations.get().unwrap()[0];
        assert!(c.extra.is_empty(), "unmodelled: {:?}", c.extra.keys());
        let last = c.last_sent_by.get().unwrap();
        assert_eq!(
            last.extra.len(),
            2,
            "avatar_url and phone_number stay extra"
        );
        let added = c.assignee_histories.get().unwrap()[0]
            .payload
            .get()
            .unwrap()
            .added_users
            .get()
            .unwrap();
        assert_eq!(added[0].name.get().map(String::as_str), Some("Pham Dong"));

        let assigned: Conversation = serde_json::from_str(include_str!(
            "../../../tests/fixtures/conversations.assign/001_assign.json"
        ))
        .unwrap();
        let keys: Vec<_> = assigned.extra.keys().collect();
        assert_eq!(keys, ["success"]);
        assert_eq!(assigned.tags.get().unwrap().len(), 17);
        let phones = assigned.recent_phone_numbers.get().unwrap();
        assert!(
            matches!(&phones[0], PhoneEntry::Captured(p) if p.status.get() == Some(&FlexNum::Int(1)))
        );
        assert_eq!(
            assigned.recent_seen_users.get().unwrap()[0]
                .seen_at
                .get()
                .map(String::as_str),
            Some("2023-04-05T02:22:06.689494")
        );
    }
}
