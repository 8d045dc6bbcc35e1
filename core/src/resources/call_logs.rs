//! Call logs: `GET /public_api/v1/pages/{page_id}/sip_call_logs`, paged by `page_number` /
//! `page_size` (at most 30, per openapi.yaml and 003; 002 says "at least 30").

use serde::{Deserialize, Serialize};

use crate::context::{Api, Context};
use crate::endpoint::Endpoint;
use crate::error::{Error, Result};
use crate::http::HttpRequest;
use crate::models::call_log::{CallLog, CallLogList};
use crate::operation::{paged, Operation};
use crate::validate::check_optional_span;

use crate::paginate::{Cursor, KeyField, ListLayout, Listed, Paginated, Position, Style};

/// The operations of this resource.
pub(crate) const OPERATIONS: &[Operation] = &[paged::<ListCallLogs>("call_logs.list")];

/// The largest `page_size` the API takes.
pub const MAX_CALL_LOGS_PAGE_SIZE: u32 = 30;

fn one() -> u32 {
    1
}

fn thirty() -> u32 {
    MAX_CALL_LOGS_PAGE_SIZE
}

/// Lists the calls of a SIP package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct ListCallLogs {
    /// The SIP (call-center) package id.
    pub id: String,
    /// The page, from 1 (default 1).
    #[serde(default = "one")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub page_number: u32,
    /// Calls per page, 1 to 30 (default 30).
    #[serde(default = "thirty")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = MAX_CALL_LOGS_PAGE_SIZE)))]
    pub page_size: u32,
    /// Only calls from this time on, unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
    pub since: Option<i64>,
    /// Only calls up to this time, unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
    pub until: Option<i64>,
}

impl ListCallLogs {
    /// The first page (30 calls) of SIP package `id`.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            page_number: 1,
            page_size: MAX_CALL_LOGS_PAGE_SIZE,
            since: None,
            until: None,
        }
    }

    /// The page to read, from 1.
    pub fn page_number(mut self, page_number: u32) -> Self {
        self.page_number = page_number;
        self
    }

    /// Calls per page, 1 to 30.
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = page_size;
        self
    }

    /// Only calls in `[since, until]` (unix seconds).
    pub fn span(mut self, since: i64, until: i64) -> Self {
        self.since = Some(since);
        self.until = Some(until);
        self
    }
}

impl Endpoint for ListCallLogs {
    type Output = CallLogList;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        if self.id.trim().is_empty() {
            return Err(Error::invalid("id", "the SIP package id is required"));
        }
        if self.page_number < 1 {
            return Err(Error::invalid("page_number", "starts at 1"));
        }
        if !(1..=MAX_CALL_LOGS_PAGE_SIZE).contains(&self.page_size) {
            return Err(Error::invalid(
                "page_size",
                format!(
                    "must be 1 to {MAX_CALL_LOGS_PAGE_SIZE}, not {}",
                    self.page_size
                ),
            ));
        }
        check_optional_span(self.since, self.until)?;
        ctx.get(Api::PageV1, "/sip_call_logs", self)
    }
}

impl Listed for ListCallLogs {
    /// Two response shapes: `call_logs` (the reference) or `data` (seen from the live service).
    const LIST: ListLayout = ListLayout {
        items: &["call_logs", "data"],
        total: Some("total"),
        key: &[KeyField::Text("call_id")],
        cursor: Cursor::None,
    };
}

impl Paginated for ListCallLogs {
    type Item = CallLog;
    const STYLE: Style = Style::PageNumber;
    const POSITION: &'static str = "page_number";

    fn page_size(&self) -> u32 {
        self.page_size
    }

    fn at(&self, position: &Position) -> Self {
        let mut next = self.clone();
        if let Position::PageNumber(n) = position {
            next.page_number = *n;
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::HttpResponse;
    use crate::paginate::Paginator;

    #[test]
    fn both_shapes_split() {
        let req = ListCallLogs::new("sip-1")
            .span(1, 2)
            .at(&Position::PageNumber(2))
            .to_request(&Context::page("1", "t"))
            .unwrap();
        assert_eq!(
            req.url,
            "https://pages.fm/api/public_api/v1/pages/1/sip_call_logs?id=sip-1&page_number=2&page_size=30&since=1&until=2&page_access_token=t"
        );
        let ep = ListCallLogs::new("sip-1");
        for body in [
            r#"{"call_logs":[{"phone_number":"0899293662","type":"hangup"}],"success":true}"#,
            r#"{"data":[{"call_id":"c1","duration":3}],"success":true}"#,
        ] {
            let response = HttpResponse::new(200, body);
            assert_eq!(ep.parse(&response).unwrap().logs().len(), 1);
            let items = Paginator::new(ep.clone())
                .handle_response(&response)
                .unwrap();
            assert_eq!(items.len(), 1);
        }
    }
}
