//! Page customers (`GET /pages/{page_id}/page_customers`) and their notes.
//!
//! A page customer has two ids: `id` (Pancake's UUID, what update and notes take as
//! `page_customer_id`) and `psid` (the page-scoped user id that joins customers,
//! conversations and avatars). Note timestamps are unix **milliseconds**.

use serde::{Deserialize, Serialize};

use super::common::{Extra, FlexBool, FlexId, FlexNum, Maybe};
use crate::error::{Error, Result};
use crate::normalize::{parse_timestamp, Timestamp};

/// A customer's birthday: a `YYYY-MM-DD` string in the customer list (unknown parts `00`), an
/// object `{date, month, year}` inside conversations and messages (unknown parts `0`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
#[non_exhaustive]
pub enum Birthday {
    /// `"1998-05-12"`, `"1998-00-00"`.
    Text(String),
    /// `{"date": 12, "month": 5, "year": 1998}`.
    Parts(BirthdayParts),
}

/// The object form of [`Birthday`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct BirthdayParts {
    /// Day of month (`0` when unknown).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub date: Maybe<FlexNum>,
    /// Month 1–12 (`0` when unknown).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub month: Maybe<FlexNum>,
    /// Year (`0` when unknown).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub year: Maybe<FlexNum>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Who wrote a note.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct NoteAuthor {
    /// The Pancake user UUID.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub uid: Maybe<String>,
    /// The author's Facebook id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub fb_id: Maybe<FlexId>,
    /// The author's Facebook name.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub fb_name: Maybe<String>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An internal note about a customer. `created_at`, `updated_at` and `removed_at` are unix
/// **milliseconds**; read them with [`Note::created_at_timestamp`] and friends.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Note {
    /// The note id (what `notes.update` / `notes.delete` take as `note_id`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<String>,
    /// The text.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub message: Maybe<String>,
    /// The order the note is linked to.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub order_id: Maybe<FlexId>,
    /// Whether the note is pinned.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub is_pinned: Maybe<FlexBool>,
    /// Creation time, unix milliseconds.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub created_at: Maybe<FlexNum>,
    /// Last update, unix milliseconds (`null` if never updated).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub updated_at: Maybe<FlexNum>,
    /// Removal time, unix milliseconds (`null` unless deleted).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub removed_at: Maybe<FlexNum>,
    /// The author.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub created_by: Maybe<NoteAuthor>,
    /// Attached images (strings or objects, only from the web dashboard).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub images: Maybe<Vec<serde_json::Value>>,
    /// Attached links (strings or objects).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub links: Maybe<Vec<serde_json::Value>>,
    /// Earlier versions of the note.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub edit_history: Maybe<Vec<serde_json::Value>>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Reads a unix-**milliseconds** field (as a number or numeric string) as a [`Timestamp`].
/// The unit is fixed, not guessed from the magnitude.
pub fn millis_timestamp(value: &FlexNum) -> Result<Timestamp> {
    let ms = value
        .as_i64()
        .ok_or_else(|| Error::invalid("timestamp", "expected unix milliseconds"))?;
    let micros = ms
        .checked_mul(1000)
        .ok_or_else(|| Error::invalid("timestamp", "out of range"))?;
    Timestamp::from_unix_micros(micros)
}

impl Note {
    /// `created_at` (milliseconds) as a UTC instant.
    pub fn created_at_timestamp(&self) -> Option<Timestamp> {
        self.created_at.get().and_then(|v| millis_timestamp(v).ok())
    }

    /// `updated_at` (milliseconds) as a UTC instant.
    pub fn updated_at_timestamp(&self) -> Option<Timestamp> {
        self.updated_at.get().and_then(|v| millis_timestamp(v).ok())
    }

    /// `removed_at` (milliseconds) as a UTC instant.
    pub fn removed_at_timestamp(&self) -> Option<Timestamp> {
        self.removed_at.get().and_then(|v| millis_timestamp(v).ok())
    }
}

/// A page customer (an item of `page_customers`, or a conversation's `page_customer`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Customer {
    /// Pancake's page-customer UUID (`page_customer_id` for update and notes).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub id: Maybe<String>,
    /// The global customer id linking this contact across pages.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub customer_id: Maybe<String>,
    /// The page-scoped user id (joins customers, conversations and avatars).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub psid: Maybe<FlexId>,
    /// The name.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub name: Maybe<String>,
    /// The conversation thread with the page.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub thread_id: Maybe<FlexId>,
    /// The birthday (text or object form).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub birthday: Maybe<Birthday>,
    /// `male`, `female`, ... (`null` if unknown).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub gender: Maybe<String>,
    /// Where the customer lives.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub lives_in: Maybe<String>,
    /// Whether the page can message the customer now.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub can_inbox: Maybe<FlexBool>,
    /// Email addresses seen in messages.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub emails: Maybe<Vec<String>>,
    /// Phone numbers, as stored (not normalised: see [`crate::normalize::normalize_phone`]).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub phone_numbers: Maybe<Vec<String>>,
    /// Creation time (ISO text as sent).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub inserted_at: Maybe<String>,
    /// Last update (ISO text as sent).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub updated_at: Maybe<String>,
    /// Most recent orders.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub recent_orders: Maybe<Vec<serde_json::Value>>,
    /// Internal notes.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub notes: Maybe<Vec<Note>>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Customer {
    /// `inserted_at` as a UTC instant (naive text is read as UTC).
    pub fn inserted_at_timestamp(&self) -> Option<Timestamp> {
        self.inserted_at
            .get()
            .and_then(|s| parse_timestamp(&serde_json::Value::String(s.clone())).ok())
    }

    /// `updated_at` as a UTC instant.
    pub fn updated_at_timestamp(&self) -> Option<Timestamp> {
        self.updated_at
            .get()
            .and_then(|s| parse_timestamp(&serde_json::Value::String(s.clone())).ok())
    }
}

/// The response of `GET /pages/{page_id}/page_customers`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CustomerList {
    /// How many customers match in total.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub total: Maybe<FlexNum>,
    /// This page's customers.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub customers: Maybe<Vec<Customer>>,
    /// Fields this SDK does not know yet (`success`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The answer of a write that only reports success (`{"success": true}`): customer updates,
/// notes, marking read. Anything else the server adds is kept in `extra`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Ack {
    /// Whether the write succeeded (`false` never reaches here: it is an error).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub success: Maybe<FlexBool>,
    /// Fields this SDK does not know yet (`message`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_times_are_milliseconds() {
        let n: Note =
            serde_json::from_str(r#"{"created_at":1665981253137,"removed_at":null}"#).unwrap();
        assert_eq!(
            n.created_at_timestamp().unwrap().unix_millis(),
            1_665_981_253_137
        );
        assert_eq!(n.removed_at_timestamp(), None);
        // A small value stays milliseconds (not guessed to be seconds).
        let n: Note = serde_json::from_str(r#"{"created_at":1000}"#).unwrap();
        assert_eq!(n.created_at_timestamp().unwrap().unix_seconds(), 1);
        let n: Note = serde_json::from_str(r#"{"created_at":-9007199254740991}"#).unwrap();
        assert_eq!(n.created_at_timestamp(), None);
    }

    #[test]
    fn birthdays_keep_their_shape() {
        for json in [
            r#"{"birthday":"1998-00-00"}"#,
            r#"{"birthday":{"date":0,"month":5,"year":1998}}"#,
            r#"{"birthday":null}"#,
        ] {
            let c: Customer = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&c).unwrap(), json);
        }
    }

    #[test]
    fn documented_examples_fill_typed_fields() {
        for body in [
            include_str!("../../../tests/fixtures/customers.list/000_customers.json"),
            include_str!("../../../tests/fixtures/customers.list/003_response.json"),
            include_str!("../../../tests/fixtures/customers.list/004_response.json"),
        ] {
            let list: CustomerList = serde_json::from_str(body).unwrap();
            assert!(list.total.get().and_then(FlexNum::as_i64).unwrap() >= 500);
            for c in list.customers.get().unwrap() {
                assert!(c.extra.is_empty(), "unmodelled: {:?}", c.extra.keys());
                for n in c.notes.get().unwrap() {
                    assert!(n.extra.is_empty(), "unmodelled: {:?}", n.extra.keys());
                }
            }
        }
        let list: CustomerList = serde_json::from_str(include_str!(
            "../../../tests/fixtures/customers.list/000_customers.json"
        ))
        .unwrap();
        let note = &list.customers.get().unwrap()[0].notes.get().unwrap()[0];
        assert_eq!(
            note.created_at_timestamp().unwrap().to_rfc3339(),
            "2022-10-17T04:34:13.137Z"
        );
        assert_eq!(note.updated_at, Maybe::Null);
    }
}
