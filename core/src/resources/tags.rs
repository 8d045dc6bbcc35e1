//! Tags: `GET /public_api/v1/pages/{page_id}/tags`.

use crate::context::{Api, Context, NoQuery};
use crate::endpoint::Endpoint;
use crate::error::Result;
use crate::http::HttpRequest;
use crate::models::tag::TagList;
use crate::operation::{listed, Operation};
use crate::paginate::{KeyField, ListLayout, Listed};

/// Lists the tags configured on the page.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct ListTags {}

/// The operations of this resource.
pub(crate) const OPERATIONS: &[Operation] = &[listed::<ListTags>("tags.list")];

impl Listed for ListTags {
    /// Every tag, in one response.
    const LIST: ListLayout = ListLayout {
        key: &[KeyField::FlexId {
            field: "id",
            prefix: "",
        }],
        ..ListLayout::keyed_by_id(&["tags"])
    };
}

impl ListTags {
    /// A request for every tag of the context's page.
    pub fn new() -> Self {
        Self {}
    }
}

impl Endpoint for ListTags {
    type Output = TagList;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        ctx.get(Api::PageV1, "/tags", &NoQuery {})
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::{HttpResponse, Method};
    use crate::models::common::FlexId;

    #[test]
    fn builds_and_parses() {
        let ctx = Context::page("42", "tok");
        let req = ListTags::new().to_request(&ctx).unwrap();
        assert_eq!(req.method, Method::Get);
        assert_eq!(
            req.url,
            "https://pages.fm/api/public_api/v1/pages/42/tags?page_access_token=tok"
        );
        let body = r##"{"tags":[{"id":-99,"text":"Kiểm hàng","color":"#4b5577","lighten_color":"#c9ccd6","x":1}],"success":true}"##;
        let out = ListTags::new()
            .parse(&HttpResponse::new(200, body))
            .unwrap();
        let tags = out.tags.get().unwrap();
        assert_eq!(tags[0].id.get(), Some(&FlexId::Int(-99)));
        let back: serde_json::Value = serde_json::to_value(&out).unwrap();
        assert_eq!(
            back,
            serde_json::from_str::<serde_json::Value>(body).unwrap()
        );
    }
}
