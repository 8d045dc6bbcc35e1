//! [`DynPaginator`]: any list operation paged by name, its items as JSON.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{Paginated, Paginator, Windowed, WindowedPaginator};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::http::{HttpRequest, HttpResponse};
use crate::params;

/// The operations of a paginator, with items as JSON.
trait Erased: Send + Sync {
    fn next_request(&self, ctx: &Context) -> Result<Option<HttpRequest>>;
    fn handle_response(&mut self, response: &HttpResponse) -> Result<Vec<Value>>;
    fn handle_response_items(&mut self, response: &HttpResponse) -> Result<PageItems>;
    fn is_done(&self) -> bool;
    fn resume_token(&self) -> String;
    fn resume_token_after(&self, consumed: usize) -> String;
    fn clone_box(&self) -> Box<dyn Erased>;
}

/// The items of a page [`DynPaginator::handle_response_items`] handled, as the JSON the server
/// sent (checked against their model's shape); [`PageItems::to_text`] writes their JSON text
/// when the caller wants it (e.g. after it has sent the request for the next page).
pub struct PageItems {
    items: Vec<Value>,
    status: u16,
}

impl std::fmt::Debug for PageItems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageItems")
            .field("len", &self.len())
            .finish_non_exhaustive()
    }
}

impl PageItems {
    fn new(items: Vec<Value>, response: &HttpResponse) -> Self {
        Self {
            items,
            status: response.status,
        }
    }

    /// The number of items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the page yielded no item.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The items as one JSON array text: the same JSON [`DynPaginator::handle_response`] gives.
    pub fn to_text(&self) -> Result<String> {
        serde_json::to_string(&self.items)
            .map_err(|e| Error::decode(e.to_string(), self.status, b""))
    }
}

impl<E> Erased for Paginator<E>
where
    E: Paginated + Send + Sync + 'static,
{
    fn next_request(&self, ctx: &Context) -> Result<Option<HttpRequest>> {
        Paginator::next_request(self, ctx)
    }
    fn handle_response(&mut self, response: &HttpResponse) -> Result<Vec<Value>> {
        Paginator::handle_response_value(self, response)
    }
    fn handle_response_items(&mut self, response: &HttpResponse) -> Result<PageItems> {
        let items = Paginator::handle_response_value(self, response)?;
        Ok(PageItems::new(items, response))
    }
    fn is_done(&self) -> bool {
        Paginator::is_done(self)
    }
    fn resume_token(&self) -> String {
        Paginator::resume_token(self)
    }
    fn resume_token_after(&self, consumed: usize) -> String {
        Paginator::resume_token_after(self, consumed)
    }
    fn clone_box(&self) -> Box<dyn Erased> {
        Box::new(self.clone())
    }
}

impl<E> Erased for WindowedPaginator<E>
where
    E: Windowed + Send + Sync + 'static,
{
    fn next_request(&self, ctx: &Context) -> Result<Option<HttpRequest>> {
        WindowedPaginator::next_request(self, ctx)
    }
    fn handle_response(&mut self, response: &HttpResponse) -> Result<Vec<Value>> {
        WindowedPaginator::handle_response_value(self, response)
    }
    fn handle_response_items(&mut self, response: &HttpResponse) -> Result<PageItems> {
        let items = WindowedPaginator::handle_response_value(self, response)?;
        Ok(PageItems::new(items, response))
    }
    fn is_done(&self) -> bool {
        WindowedPaginator::is_done(self)
    }
    fn resume_token(&self) -> String {
        WindowedPaginator::resume_token(self)
    }
    fn resume_token_after(&self, consumed: usize) -> String {
        WindowedPaginator::resume_token_after(self, consumed)
    }
    fn clone_box(&self) -> Box<dyn Erased> {
        Box::new(self.clone())
    }
}

/// A paginator over any list operation, its items as lossless JSON: what bindings drive.
///
/// Same contract as [`Paginator`]: `next_request` → send → `handle_response` until
/// `next_request` gives `None`; a failed response changes nothing.
pub struct DynPaginator {
    inner: Box<dyn Erased>,
}

/// A copy is independent: a binding can advance a copy on another thread (fetching ahead)
/// and adopt it only when the caller asks for that page, so an abandoned fetch changes
/// nothing and resume tokens always describe what was handed out.
impl Clone for DynPaginator {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone_box(),
        }
    }
}

impl std::fmt::Debug for DynPaginator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DynPaginator")
            .field("done", &self.is_done())
            .finish_non_exhaustive()
    }
}

impl DynPaginator {
    /// Wraps a typed paginator.
    pub fn new<E>(paginator: Paginator<E>) -> Self
    where
        E: Paginated + Send + Sync + 'static,
    {
        Self {
            inner: Box::new(paginator),
        }
    }

    /// Wraps a typed windowed paginator.
    pub fn new_windowed<E>(paginator: WindowedPaginator<E>) -> Self
    where
        E: Windowed + Send + Sync + 'static,
    {
        Self {
            inner: Box::new(paginator),
        }
    }

    /// A paginator for endpoint `E` from JSON parameters, from the start or from a resume
    /// token. This is what a paged operation registers.
    pub fn from_params<E>(params: &Value, resume: Option<&str>) -> Result<Self>
    where
        E: Paginated + DeserializeOwned + Send + Sync + 'static,
    {
        let endpoint: E = params::read(params)?;
        let paginator = match resume {
            Some(token) => Paginator::resume(endpoint, token)?,
            None => Paginator::new(endpoint),
        };
        Ok(Self::new(paginator))
    }

    /// Like [`DynPaginator::from_params`] for a [`Windowed`] endpoint (window by window).
    /// This is what a windowed operation registers.
    pub fn windowed_from_params<E>(params: &Value, resume: Option<&str>) -> Result<Self>
    where
        E: Windowed + DeserializeOwned + Send + Sync + 'static,
    {
        let endpoint: E = params::read(params)?;
        let paginator = match resume {
            Some(token) => WindowedPaginator::resume(endpoint, token)?,
            None => WindowedPaginator::new(endpoint),
        };
        Ok(Self::new_windowed(paginator))
    }

    /// The request for the next page, or `None` when the list is exhausted.
    #[must_use = "send the request, then pass its response to handle_response"]
    pub fn next_request(&self, ctx: &Context) -> Result<Option<HttpRequest>> {
        self.inner.next_request(ctx)
    }

    /// Reads the response to the last request: the page's new items as JSON.
    pub fn handle_response(&mut self, response: &HttpResponse) -> Result<Vec<Value>> {
        self.inner.handle_response(response)
    }

    /// [`DynPaginator::handle_response`] with the items' JSON text left to
    /// [`PageItems::to_text`]: same items, same state change. A binding that hands pages over
    /// as JSON text uses it to send the next request before writing this page's text.
    pub fn handle_response_items(&mut self, response: &HttpResponse) -> Result<PageItems> {
        self.inner.handle_response_items(response)
    }

    /// Whether the last page was handled.
    pub fn is_done(&self) -> bool {
        self.inner.is_done()
    }

    /// A token to continue after every item handed out so far.
    pub fn resume_token(&self) -> String {
        self.inner.resume_token()
    }

    /// A token to continue after the first `consumed` items of the last batch.
    pub fn resume_token_after(&self, consumed: usize) -> String {
        self.inner.resume_token_after(consumed)
    }
}
