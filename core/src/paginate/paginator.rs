//! [`Paginator`]: one state machine for every paging style.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{token, PageInfo, Paginated, Position, Style};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::http::{HttpRequest, HttpResponse};

/// The state of a [`Paginator`]: exactly what its resume token holds.
///
/// Plain data: it serialises to JSON and back unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageState {
    /// The paging style (checked when resuming).
    style: Style,
    /// Where the next page starts.
    position: Position,
    /// How many items the server returned so far (duplicates included).
    #[serde(default)]
    read: u64,
    /// Whether the last page was handled.
    #[serde(default)]
    done: bool,
    /// The keys of the last page's items: an item that shifts onto the next page is dropped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    prev_keys: Vec<String>,
    /// The cursors already requested (cursor style), so a cursor loop ends.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cursors: Vec<String>,
    /// How many key-less items at the start of the next page were already yielded (a token
    /// taken in the middle of a page).
    #[serde(default, skip_serializing_if = "is_zero")]
    skip_unkeyed: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl PageState {
    /// The state before the first page, starting at `position`.
    pub fn start(style: Style, position: Position) -> Self {
        let cursors = match &position {
            Position::Cursor(Some(c)) => vec![c.clone()],
            _ => Vec::new(),
        };
        Self {
            style,
            position,
            read: 0,
            done: false,
            prev_keys: Vec::new(),
            cursors,
            skip_unkeyed: 0,
        }
    }

    /// The paging style.
    pub fn style(&self) -> Style {
        self.style
    }

    /// Where the next page starts.
    pub fn position(&self) -> &Position {
        &self.position
    }

    /// How many items the server returned so far (duplicates included).
    pub fn read(&self) -> u64 {
        self.read
    }

    /// Whether the last page was handled.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Moves past a page of `n` items with `keys`, deciding whether it was the last one.
    fn advance(&mut self, page_size: u32, n: usize, keys: &[Option<String>], info: &PageInfo) {
        let n64 = n as u64;
        let short = n == 0 || n64 < u64::from(page_size);
        self.read += n64;
        self.prev_keys = keys.iter().flatten().cloned().collect();
        self.skip_unkeyed = 0;
        match self.position.clone() {
            Position::PageNumber(page) => {
                // Items up to the end of this page, counted from the page number so a list
                // that did not start at page 1 still stops at `total`.
                let through = u64::from(page.saturating_sub(1)) * u64::from(page_size) + n64;
                let total_reached = info.total.is_some_and(|t| through >= t);
                match page.checked_add(1) {
                    Some(next) if !short && !total_reached => {
                        self.position = Position::PageNumber(next)
                    }
                    _ => self.done = true,
                }
            }
            Position::Cursor(_) => match info.next_cursor.as_deref() {
                Some(c) if n > 0 && !c.is_empty() && !self.cursors.iter().any(|s| s == c) => {
                    self.cursors.push(c.to_owned());
                    self.position = Position::Cursor(Some(c.to_owned()));
                }
                // An empty page, no cursor, or a cursor already followed (a loop).
                _ => self.done = true,
            },
            Position::Count(count) => {
                if short {
                    self.done = true;
                } else {
                    self.position = Position::Count(count + n64);
                }
            }
        }
    }
}

/// The default first position of a style.
pub(crate) fn first_position(style: Style) -> Position {
    match style {
        Style::PageNumber => Position::PageNumber(1),
        Style::Cursor => Position::Cursor(None),
        Style::Offset | Style::Count => Position::Count(0),
    }
}

/// What the last handled page needs for a token taken in its middle.
#[derive(Debug, Clone)]
struct LastPage {
    /// The state before the page was handled.
    before: PageState,
    /// The keys of the items yielded from it, in order.
    yielded: Vec<Option<String>>,
}

/// Pages through a list endpoint: a plain value driven by the caller.
///
/// ```text
/// while let Some(request) = paginator.next_request(&ctx)? {
///     let response = transport.send(request);          // the binding's part
///     for item in paginator.handle_response(&response)? { ... }
/// }
/// ```
///
/// The first page is the endpoint's [`Paginated::start`] (page 1, no cursor, offset 0). It
/// stops on the style's end marker: a short or empty page or `total` reached (page numbers), an
/// empty page, a missing cursor or a cursor already followed (cursors), a short page (offset and
/// count). An item whose key was on the previous page (it shifted while paging) is dropped. A
/// failed response leaves the state unchanged, so the same page can be asked again.
#[derive(Debug, Clone)]
pub struct Paginator<E: Paginated> {
    endpoint: E,
    state: PageState,
    last: Option<LastPage>,
}

impl<E: Paginated> Paginator<E> {
    /// A paginator from the endpoint's first page.
    pub fn new(endpoint: E) -> Self {
        let state = PageState::start(E::STYLE, endpoint.start());
        Self::from_state(endpoint, state)
    }

    /// A paginator that continues where the one that gave `token` stopped. The endpoint must be
    /// the same request (same parameters) the token was taken from.
    pub fn resume(endpoint: E, token: &str) -> Result<Self> {
        let t: Token = token::read(token)?;
        if t.window.is_some() {
            return Err(Error::invalid(
                "resume",
                "this token belongs to a windowed list",
            ));
        }
        let state = t.check(E::STYLE)?;
        Ok(Self::from_state(endpoint, state))
    }

    /// A paginator in `state` (which must be of `E`'s style).
    pub(crate) fn from_state(endpoint: E, state: PageState) -> Self {
        Self {
            endpoint,
            state,
            last: None,
        }
    }

    /// The request for the next page, or `None` when the list is exhausted.
    #[must_use = "send the request, then pass its response to handle_response"]
    pub fn next_request(&self, ctx: &Context) -> Result<Option<HttpRequest>> {
        if self.state.done {
            return Ok(None);
        }
        self.endpoint
            .at(&self.state.position)
            .to_request(ctx)
            .map(Some)
    }

    /// Reads the response to [`Paginator::next_request`]: the page's new items, each decoded
    /// from the JSON [`Paginator::handle_response_value`] gives. On an error the state is
    /// unchanged.
    pub fn handle_response(&mut self, response: &HttpResponse) -> Result<Vec<E::Item>> {
        let before = self.state.clone();
        let items = self.handle_response_value(response)?;
        let typed: Result<Vec<E::Item>> = items
            .into_iter()
            .enumerate()
            .map(|(i, item)| decode_item(i, item, response.status))
            .collect();
        if typed.is_err() {
            self.state = before;
        }
        typed
    }

    /// [`Paginator::handle_response`] with the items as JSON, read by
    /// [`Endpoint::parse_value`](crate::Endpoint::parse_value) and split by the endpoint's
    /// [`ListLayout`](super::ListLayout): what the bindings use.
    pub fn handle_response_value(
        &mut self,
        response: &HttpResponse,
    ) -> Result<Vec<serde_json::Value>> {
        if self.state.done {
            return Err(Error::invalid(
                "paginator",
                "the last page was already handled",
            ));
        }
        let output = self
            .endpoint
            .at(&self.state.position)
            .parse_value(response)?;
        let (items, info) = E::LIST.split(output);
        let keys: Vec<Option<String>> = items.iter().map(|item| E::LIST.key_of(item)).collect();
        Ok(self.accept(items, keys, &info))
    }

    /// Advances past a page of `items` (with their `keys`) and returns the ones not yielded
    /// before.
    fn accept<I>(&mut self, items: Vec<I>, keys: Vec<Option<String>>, info: &PageInfo) -> Vec<I> {
        let before = self.state.clone();
        self.state
            .advance(self.endpoint.page_size(), items.len(), &keys, info);

        // At most two pages of keys: a list searched in order is quick enough.
        let mut seen: Vec<&str> = before.prev_keys.iter().map(String::as_str).collect();
        let mut skip_unkeyed = before.skip_unkeyed;
        let mut keep = Vec::with_capacity(keys.len());
        for key in &keys {
            let yield_it = match key {
                Some(k) if seen.contains(&k.as_str()) => false,
                Some(k) => {
                    seen.push(k.as_str());
                    true
                }
                None if skip_unkeyed > 0 => {
                    skip_unkeyed -= 1;
                    false
                }
                None => true,
            };
            keep.push(yield_it);
        }
        let mut yielded = Vec::new();
        let mut out = Vec::new();
        for ((item, key), keep) in items.into_iter().zip(keys).zip(keep) {
            if keep {
                yielded.push(key);
                out.push(item);
            }
        }
        self.last = Some(LastPage { before, yielded });
        out
    }

    /// Whether the last page was handled.
    pub fn is_done(&self) -> bool {
        self.state.done
    }

    /// The state (what the resume token holds).
    pub fn state(&self) -> &PageState {
        &self.state
    }

    /// The endpoint being paged.
    pub fn endpoint(&self) -> &E {
        &self.endpoint
    }

    /// A token to continue after every item handed out so far (see [`Paginator::resume`]).
    pub fn resume_token(&self) -> String {
        token::write(&Token::new(None, self.state.clone()))
    }

    /// A token to continue after only the first `consumed` items of the last
    /// [`Paginator::handle_response`] batch: the page is asked again and the consumed items
    /// are skipped (by key; key-less items by count). `consumed` at or beyond the batch's length
    /// is the same as [`Paginator::resume_token`].
    pub fn resume_token_after(&self, consumed: usize) -> String {
        token::write(&Token::new(None, self.state_after(consumed)))
    }

    /// The state to resume from after `consumed` items of the last batch.
    pub(crate) fn state_after(&self, consumed: usize) -> PageState {
        match &self.last {
            Some(last) if consumed < last.yielded.len() => {
                let mut state = last.before.clone();
                for key in &last.yielded[..consumed] {
                    match key {
                        Some(k) => state.prev_keys.push(k.clone()),
                        None => state.skip_unkeyed += 1,
                    }
                }
                state
            }
            _ => self.state.clone(),
        }
    }

    /// The number of items in the last batch handed out.
    pub(crate) fn last_batch_len(&self) -> usize {
        self.last.as_ref().map_or(0, |l| l.yielded.len())
    }

    /// Takes the keys of the previous page over (for the next window of a windowed list).
    pub(crate) fn inherit_prev_keys(&mut self, keys: Vec<String>) {
        self.state.prev_keys = keys;
    }

    /// The keys of the last page's items.
    pub(crate) fn prev_keys(&self) -> &[String] {
        &self.state.prev_keys
    }
}

/// What a resume token holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Token {
    /// The token format version.
    pub v: u32,
    /// The current window `[since, until]` of a windowed list.
    #[serde(default, rename = "w", skip_serializing_if = "Option::is_none")]
    pub window: Option<(i64, i64)>,
    /// The paginator state.
    #[serde(rename = "s")]
    pub state: PageState,
}

impl Token {
    pub(crate) fn new(window: Option<(i64, i64)>, state: PageState) -> Self {
        Self {
            v: 1,
            window,
            state,
        }
    }

    /// The state, if the token is of a version and style this paginator reads.
    pub(crate) fn check(self, style: Style) -> Result<PageState> {
        if self.v != 1 {
            return Err(Error::invalid(
                "resume",
                format!("unsupported token version {}", self.v),
            ));
        }
        if self.state.style != style {
            return Err(Error::invalid(
                "resume",
                "this token belongs to a list with another paging style",
            ));
        }
        let position_fits = matches!(
            (style, &self.state.position),
            (Style::PageNumber, Position::PageNumber(_))
                | (Style::Cursor, Position::Cursor(_))
                | (Style::Offset | Style::Count, Position::Count(_))
        );
        if !position_fits {
            return Err(Error::invalid(
                "resume",
                "the token's position does not fit its paging style",
            ));
        }
        Ok(self.state)
    }
}

/// Decodes item `index` of a page (already checked against its shape) as the typed model,
/// naming the item and the path inside it on failure.
fn decode_item<T: DeserializeOwned>(
    index: usize,
    item: serde_json::Value,
    status: u16,
) -> Result<T> {
    serde_path_to_error::deserialize(&item).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        Error::decode(
            format!("item {index}, at `{path}`: {inner}"),
            status,
            item.to_string().as_bytes(),
        )
    })
}
