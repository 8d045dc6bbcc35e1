//! Pagination state machines, one per style the API uses.
//!
//! A list endpoint implements [`Paginated`]: it says which [`Style`] it pages with, how to aim a
//! copy of itself at a [`Position`], and how to split a response into items and the page's
//! facts ([`PageInfo`]). A [`Paginator`] is a plain value with `next_request()`,
//! `handle_response()`, `is_done()` and `resume_token()`; the drivers in the bindings are a few
//! lines around it. A [`WindowedPaginator`] cuts a long time span into the windows a
//! [`Windowed`] endpoint accepts (newest first). A [`DynPaginator`] is either of them with items
//! as JSON, started by operation name through the registry (`operations::paginate`).

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

/// A list endpoint the paginators can drive.
pub trait Paginated: Endpoint + Clone {
    /// One record of the list.
    type Item;

    /// The paging style.
    const STYLE: Style;

    /// The most items one page can hold (the page size asked for, or the API's fixed size).
    /// A page with fewer items is the last one.
    fn page_size(&self) -> u32;

    /// A copy of this request aimed at `position`.
    fn at(&self, position: &Position) -> Self;

    /// Splits a decoded page into its items and what it says about further pages.
    fn split(output: Self::Output) -> (Vec<Self::Item>, PageInfo);

    /// A stable key for an item (`id`, `psid`), so an item that shifted onto the next page
    /// while iterating is not yielded twice. `None` disables the check for that item.
    fn item_key(item: &Self::Item) -> Option<String>;

    /// [`Paginated::split`] on a response's JSON (already checked against the output's shape,
    /// see [`Endpoint::parse_value`]): the items as JSON. It must agree with `split`;
    /// `core/tests/shape_agreement.rs` runs both over every fixture.
    fn split_value(output: Value) -> (Vec<Value>, PageInfo);

    /// [`Paginated::item_key`] on an item's JSON.
    fn item_key_value(item: &Value) -> Option<String>;

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

/// The array under `key` of a list response, taken out of it; `None` when the key is absent,
/// `null` or not an array (a typed `Maybe<Vec<_>>` reads the first two as no items, and the
/// shape check has ruled out the third).
pub fn take_items(output: &mut Value, key: &str) -> Option<Vec<Value>> {
    match output.get_mut(key).map(Value::take) {
        Some(Value::Array(items)) => Some(items),
        _ => None,
    }
}

/// A list's `total` as the typed models read it ([`FlexNum::as_i64`], never negative).
pub fn total_of(value: Option<&Value>) -> Option<u64> {
    let total = FlexNum::deserialize(value?).ok()?;
    u64::try_from(total.as_i64()?).ok()
}

/// A string field of an item's JSON (a typed `Maybe<String>`'s value).
pub fn text_of(item: &Value, key: &str) -> Option<String> {
    item.get(key)?.as_str().map(str::to_owned)
}

/// An id field that arrives as a number or a string, as [`FlexId`] displays it.
pub fn flex_id_of(item: &Value, key: &str) -> Option<String> {
    FlexId::deserialize(item.get(key)?)
        .ok()
        .map(|id| id.to_string())
}
