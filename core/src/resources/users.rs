//! Staff users: `GET /public_api/v1/pages/{page_id}/users` and
//! `POST /public_api/v1/pages/{page_id}/round_robin_users`.

use serde::{Deserialize, Serialize};

use crate::context::{Api, Context, NoQuery};
use crate::endpoint::Endpoint;
use crate::error::{Error, Result};
use crate::http::{HttpRequest, Method, RetrySafety};
use crate::models::user::{RoundRobinUpdate, UserList};
use crate::operation::{listed, op, Operation};
use crate::paginate::{ListLayout, Listed};

/// The operations of this resource.
pub(crate) const OPERATIONS: &[Operation] = &[
    listed::<ListUsers>("users.list"),
    op::<SetRoundRobinUsers>("users.set_round_robin"),
];

/// Lists the page's staff, the disabled ones and the round robin settings.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct ListUsers {}

impl ListUsers {
    /// A request for every staff user of the context's page.
    pub fn new() -> Self {
        Self {}
    }
}

impl Endpoint for ListUsers {
    type Output = UserList;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        ctx.get(Api::PageV1, "/users", &NoQuery {})
    }
}

impl Listed for ListUsers {
    /// Every user, in one response.
    const LIST: ListLayout = ListLayout::keyed_by_id(&["users"]);
}

/// Replaces the users taking turns on new inbox messages and/or comments. A list left out is
/// not sent; an empty list is sent (and clears that rotation). Idempotent: the same lists
/// give the same settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct SetRoundRobinUsers {
    /// User UUIDs for inbox messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inbox: Option<Vec<String>>,
    /// User UUIDs for comments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<Vec<String>>,
}

fn ids<I, S>(ids: I) -> Vec<String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    ids.into_iter().map(|s| s.as_ref().to_owned()).collect()
}

impl SetRoundRobinUsers {
    /// An update that changes nothing yet: add [`Self::inbox`] and/or [`Self::comment`].
    pub fn new() -> Self {
        Self::default()
    }

    /// The users for inbox messages.
    pub fn inbox<I, S>(mut self, users: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.inbox = Some(ids(users));
        self
    }

    /// The users for comments.
    pub fn comment<I, S>(mut self, users: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.comment = Some(ids(users));
        self
    }
}

fn check_list(field: &str, list: &[String]) -> Result<()> {
    if list.iter().any(|id| id.trim().is_empty()) {
        return Err(Error::invalid(field, "holds an empty user id"));
    }
    for (i, id) in list.iter().enumerate() {
        if list[..i].contains(id) {
            return Err(Error::invalid(field, format!("lists {id:?} twice")));
        }
    }
    Ok(())
}

impl Endpoint for SetRoundRobinUsers {
    type Output = RoundRobinUpdate;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        if self.inbox.is_none() && self.comment.is_none() {
            return Err(Error::invalid(
                "inbox",
                "give `inbox` and/or `comment` (lists of user ids)",
            ));
        }
        if let Some(list) = &self.inbox {
            check_list("inbox", list)?;
        }
        if let Some(list) = &self.comment {
            check_list("comment", list)?;
        }
        ctx.json(
            Method::Post,
            Api::PageV1,
            "/round_robin_users",
            &NoQuery {},
            self,
            RetrySafety::Idempotent,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_robin_body() {
        let req = SetRoundRobinUsers::new()
            .inbox(["a", "b"])
            .comment(Vec::<String>::new())
            .to_request(&Context::page("1", "t"))
            .unwrap();
        assert_eq!(req.json_body(), Some(r#"{"inbox":["a","b"],"comment":[]}"#));
        assert_eq!(req.retry_safety, RetrySafety::Idempotent);
        let err = SetRoundRobinUsers::new()
            .inbox(["a", "a"])
            .to_request(&Context::page("1", "t"))
            .unwrap_err();
        assert!(matches!(err, Error::InvalidRequest { ref field, .. } if field == "inbox"));
    }
}
