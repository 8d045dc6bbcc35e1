//! [`WindowedPaginator`]: a long time span cut into windows the API accepts.

use super::paginator::{PageState, Paginator, Token};
use super::{token, Windowed};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::http::{HttpRequest, HttpResponse};

/// Pages through a [`Windowed`] list over a span longer than one request may cover.
///
/// The span `[since, until]` of the endpoint is cut into windows of at most
/// [`Windowed::MAX_WINDOW_SECS`], **newest first**: the first window ends at `until`, each next
/// one ends one second before the previous one starts, the last one starts at `since`. Windows
/// do not overlap; an item that shows up in two windows (updated while paging) is dropped the
/// second time if it is on the last page of the window before. Each window is paged with the
/// endpoint's own style by a [`Paginator`]; the resume token holds the window and the page.
#[derive(Debug, Clone)]
pub struct WindowedPaginator<E: Windowed> {
    endpoint: E,
    span: (i64, i64),
    window: (i64, i64),
    inner: Paginator<E>,
    /// The window and paginator of the page handled last, when it ended its window.
    finished: Option<((i64, i64), Paginator<E>)>,
    done: bool,
}

/// The newest window of `[since, until]` that ends at `until`.
fn window_ending(since: i64, until: i64, max: i64) -> (i64, i64) {
    if since > until {
        // Left for the endpoint's validation to report.
        return (since, until);
    }
    (since.max(until.saturating_sub(max.max(0))), until)
}

impl<E: Windowed> WindowedPaginator<E> {
    /// A paginator over the endpoint's whole span, newest window first.
    pub fn new(endpoint: E) -> Self {
        let span = endpoint.window();
        let window = window_ending(span.0, span.1, E::MAX_WINDOW_SECS);
        Self::at_window(endpoint, span, window, None)
    }

    fn at_window(
        endpoint: E,
        span: (i64, i64),
        window: (i64, i64),
        state: Option<PageState>,
    ) -> Self {
        let windowed = endpoint.with_window(window.0, window.1);
        let inner = match state {
            Some(state) => Paginator::from_state(windowed, state),
            None => Paginator::new(windowed),
        };
        Self {
            endpoint,
            span,
            window,
            inner,
            finished: None,
            done: false,
        }
    }

    /// Continues where the paginator that gave `token` stopped (same endpoint parameters).
    pub fn resume(endpoint: E, token: &str) -> Result<Self> {
        let t: Token = token::read(token)?;
        let Some(window) = t.window else {
            return Err(Error::invalid(
                "resume",
                "this token does not belong to a windowed list",
            ));
        };
        let state = t.check(E::STYLE)?;
        let span = endpoint.window();
        if window.0 < span.0 || window.1 > span.1 || window.0 > window.1 {
            return Err(Error::invalid(
                "resume",
                "the token's window is outside the requested since/until",
            ));
        }
        let mut this = Self::at_window(endpoint, span, window, Some(state));
        if this.inner.is_done() {
            this.next_window();
        }
        Ok(this)
    }

    /// The request for the next page, or `None` when every window is exhausted.
    #[must_use = "send the request, then pass its response to handle_response"]
    pub fn next_request(&self, ctx: &Context) -> Result<Option<HttpRequest>> {
        if self.done {
            return Ok(None);
        }
        self.inner.next_request(ctx)
    }

    /// Reads the response to [`WindowedPaginator::next_request`]; on an error the state is
    /// unchanged.
    pub fn handle_response(&mut self, response: &HttpResponse) -> Result<Vec<E::Item>> {
        self.handle_with(|inner| inner.handle_response(response))
    }

    /// [`WindowedPaginator::handle_response`] with the items as JSON (see
    /// [`Paginator::handle_response_value`]).
    pub fn handle_response_value(
        &mut self,
        response: &HttpResponse,
    ) -> Result<Vec<serde_json::Value>> {
        self.handle_with(|inner| inner.handle_response_value(response))
    }

    fn handle_with<I>(
        &mut self,
        handle: impl FnOnce(&mut Paginator<E>) -> Result<Vec<I>>,
    ) -> Result<Vec<I>> {
        if self.done {
            return Err(Error::invalid(
                "paginator",
                "the last page was already handled",
            ));
        }
        let items = handle(&mut self.inner)?;
        self.finished = None;
        if self.inner.is_done() {
            let ended = (self.window, self.inner.clone());
            self.next_window();
            self.finished = Some(ended);
        }
        Ok(items)
    }

    /// Moves to the window before the current one, or ends.
    fn next_window(&mut self) {
        let since = self.span.0;
        if self.window.0 <= since || self.window.1 < self.window.0 {
            self.done = true;
            return;
        }
        let until = self.window.0 - 1;
        let window = window_ending(since, until, E::MAX_WINDOW_SECS);
        let keys = self.inner.prev_keys().to_vec();
        let mut inner = Paginator::new(self.endpoint.with_window(window.0, window.1));
        inner.inherit_prev_keys(keys);
        self.window = window;
        self.inner = inner;
    }

    /// Whether every window was paged through.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The window `[since, until]` being paged.
    pub fn window(&self) -> (i64, i64) {
        self.window
    }

    /// A token to continue after every item handed out so far.
    pub fn resume_token(&self) -> String {
        token::write(&Token::new(Some(self.window), self.inner.state().clone()))
    }

    /// A token to continue after the first `consumed` items of the last batch (see
    /// [`Paginator::resume_token_after`]).
    pub fn resume_token_after(&self, consumed: usize) -> String {
        let (window, paginator) = match &self.finished {
            Some((w, p)) => (*w, p),
            None => (self.window, &self.inner),
        };
        if consumed >= paginator.last_batch_len() {
            return self.resume_token();
        }
        token::write(&Token::new(Some(window), paginator.state_after(consumed)))
    }
}
