//! Pagination state machines, one per style the API uses.
//!
//! A list endpoint implements [`Paginated`]: it says which [`Style`] it pages with, how to aim a
//! copy of itself at a [`Position`], and where a response keeps its items, their keys and the
//! page's facts ([`ListLayout`], [`PageInfo`]). A [`Paginator`] is a plain value with `next_request()`,
//! `handle_response()`, `is_done()` and `resume_token()`; the drivers in the bindings are a few
//! lines around it. A [`WindowedPaginator`] cuts a long time span into the windows a
//! [`Windowed`] endpoint accepts (newest first). A [`DynPaginator`] is either of them with items
//! as JSON, started by operation name through the registry (`operations::paginate`).

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::endpoint::Endpoint;
use crate::models::common::{FlexId, FlexNum};

mod dynamic;
mod paginator;
mod token;
mod windowed;

pub use dynamic::{DynPaginator, PageItems};
pub use paginator::{PageState, Paginator};
pub use windowed::WindowedPaginator;

/// How an endpoint pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    /// `page_number` from 1 with `page_size`, and a `total` (customers, posts, call logs,
    /// v1 conversations).
    PageNumber,
    /// An opaque cursor taken from the last item (v2 conversations: `last_conversation_id`).
    Cursor,
    /// `offset` = how many items were already read (export_data).
    Offset,
    /// Backwards through history by `current_count` = how many items were already read
    /// (messages).
    Count,
}

/// Where the next page starts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// A 1-based page number.
    PageNumber(u32),
    /// A cursor (`None` for the first page).
    Cursor(Option<String>),
    /// How many items were already read (offset or `current_count`).
    Count(u64),
}

/// What a response says about the pages beyond its items.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageInfo {
    /// The total number of items, when the API sends it.
    pub total: Option<u64>,
    /// The cursor of the next page (cursor style), usually the last item's id.
    pub next_cursor: Option<String>,
}

/// An endpoint whose response is a list: it states where the items are.
pub trait Listed: Endpoint {
    /// Where a response keeps its items, their keys, the total and the next cursor: the one
    /// statement every reader of a page (the typed and the JSON paginators, the registry's
    /// `list_page`) goes by.
    const LIST: ListLayout;
}

/// A list endpoint the paginators can drive.
pub trait Paginated: Listed + Clone {
    /// One record of the list, decoded from the item's JSON once the page is split.
    type Item: DeserializeOwned;

    /// The paging style.
    const STYLE: Style;

    /// The parameter [`Paginated::at`] sets (`page_number`, `last_conversation_id`, ...): an
    /// iterator drives it, so the faces' `iter()` methods leave it out.
    const POSITION: &'static str;

    /// The most items one page can hold (the page size asked for, or the API's fixed size).
    /// A page with fewer items is the last one.
    fn page_size(&self) -> u32;

    /// A copy of this request aimed at `position`.
    fn at(&self, position: &Position) -> Self;

    /// Where paging starts. The default is the style's first page (page 1, no cursor,
    /// offset 0); an endpoint whose parameters already name a later position may return it.
    fn start(&self) -> Position {
        paginator::first_position(Self::STYLE)
    }
}

/// A list endpoint whose request covers a time window no longer than the API allows
/// (v1 conversations: one month). The windowed paginator splits a longer span into windows and
/// pages through each with the endpoint's own style.
pub trait Windowed: Paginated {
    /// The longest span one request may cover, in seconds.
    const MAX_WINDOW_SECS: i64;

    /// The span `[since, until]` this request covers, in unix seconds.
    fn window(&self) -> (i64, i64);

    /// A copy of this request covering `[since, until]` (unix seconds), at its first page.
    fn with_window(&self, since: i64, until: i64) -> Self;
}

/// Where an item's stable key is: a field, read as the typed model reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyField {
    /// A text field (a typed `Maybe<String>`), such as `id`.
    Text(&'static str),
    /// An id sent as a number or a text ([`FlexId`]), written after `prefix` so it cannot collide
    /// with the keys of the text field tried before it (`psid` → `psid:77`).
    FlexId {
        /// The field.
        field: &'static str,
        /// What the key starts with.
        prefix: &'static str,
    },
}

/// Where a list response keeps its items and what it says about the pages beyond them.
///
/// Every list endpoint states one ([`Listed::LIST`]); [`ListLayout::split`] and
/// [`ListLayout::key_of`] read a page by it, for the typed and the JSON paginators alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListLayout {
    /// Where the items may be, tried in order: a field, or a dotted path into nested objects
    /// (`categorized.activated`). The first path whose first field is present and not `null` is
    /// the list; an absent or `null` list there, or no such path, gives no items (as a typed
    /// `Maybe<Vec<_>>` reads them).
    pub items: &'static [&'static str],
    /// The field holding the total number of items, when the API sends one.
    pub total: Option<&'static str>,
    /// Where an item's stable key is, tried in order (an item with none is not deduplicated).
    pub key: &'static [KeyField],
    /// Where the next page's cursor is (cursor style).
    pub cursor: Cursor,
}

/// Where a cursor-style list says which page comes next. An empty cursor is no cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cursor {
    /// Nowhere: the list does not page by cursor.
    None,
    /// The last item's key (v2 conversations: `last_conversation_id`).
    LastKey,
    /// A text field of the response.
    Field(&'static str),
}

impl ListLayout {
    /// A list under `items`, keyed by its `id`, with no total and no cursor.
    pub const fn keyed_by_id(items: &'static [&'static str]) -> Self {
        ListLayout {
            items,
            total: None,
            key: &[KeyField::Text("id")],
            cursor: Cursor::None,
        }
    }

    /// The same layout, with the total under `field`.
    pub const fn with_total(self, field: &'static str) -> Self {
        ListLayout {
            total: Some(field),
            ..self
        }
    }

    /// Splits a response's JSON (already checked against the output's shape, see
    /// [`Endpoint::parse_value`]) into its items and what it says about further pages.
    pub fn split(&self, mut output: Value) -> (Vec<Value>, PageInfo) {
        let total = self.total.and_then(|field| total_of(output.get(field)));
        let items = self
            .items
            .iter()
            .find_map(|path| {
                let mut fields = path.split('.');
                let mut at = output.get_mut(fields.next()?).filter(|v| !v.is_null())?;
                for field in fields {
                    match at.get_mut(field) {
                        Some(inner) => at = inner,
                        None => return Some(Vec::new()),
                    }
                }
                match at.take() {
                    Value::Array(items) => Some(items),
                    _ => Some(Vec::new()),
                }
            })
            .unwrap_or_default();
        let next_cursor = match self.cursor {
            Cursor::None => None,
            Cursor::LastKey => items.last().and_then(|item| self.key_of(item)),
            Cursor::Field(field) => output.get(field).and_then(Value::as_str).map(str::to_owned),
        }
        .filter(|cursor| !cursor.is_empty());
        (items, PageInfo { total, next_cursor })
    }

    /// An item's stable key, so an item that shifted onto the next page while iterating is not
    /// handed out twice.
    pub fn key_of(&self, item: &Value) -> Option<String> {
        self.key.iter().find_map(|key| match *key {
            KeyField::Text(field) => item.get(field)?.as_str().map(str::to_owned),
            KeyField::FlexId { field, prefix } => FlexId::deserialize(item.get(field)?)
                .ok()
                .map(|id| format!("{prefix}{id}")),
        })
    }
}

/// A list's `total` as the typed models read it ([`FlexNum::as_i64`], never negative).
fn total_of(value: Option<&Value>) -> Option<u64> {
    let total = FlexNum::deserialize(value?).ok()?;
    u64::try_from(total.as_i64()?).ok()
}
