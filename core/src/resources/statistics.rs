//! Statistics: `GET /public_api/v1/pages/{page_id}/statistics/...`, and the multi-page staff
//! statistics `GET /v1/statistics/user`.
//!
//! Two ways to give the time span, as the API wants them:
//! * ads campaigns, ads, page and tag statistics take `since` / `until` (unix seconds);
//! * engagement, staff and new-customer statistics take a `date_range` text in the shop's
//!   local time: `27/07/2021 00:00:00 - 26/08/2021 23:59:59`, or `20/07/2020 - 20/08/2020`
//!   (dates only) for new customers. The text is checked before sending. Instead of the text,
//!   these take `since` / `until` (unix seconds) and an optional `zone` (default
//!   `Asia/Ho_Chi_Minh`, see [`zone_offset`]) too, and core renders the text; Rust callers
//!   can also use the `from_unix` constructors.
//!
//! The ads campaign path is `statistics/pages_campaigns` (openapi.yaml, 000, 001); 003 writes
//! `pages_campaign`, which we do not use.

use serde::{Deserialize, Serialize};

use crate::context::{Api, Context};
use crate::endpoint::Endpoint;
use crate::error::{Error, Result};
use crate::http::HttpRequest;
use crate::models::statistics::{
    AdCampaignStat, AdStat, EngagementStats, MultiPageUserStats, NewCustomerStats, PageStats,
    TagStats, UserStats,
};
use crate::normalize::{date_range, date_range_dates, parse_date_range, zone_offset, UtcOffset};
use crate::operation::{op, Operation};
use crate::validate::{check_items, check_span, id_list};

/// The values the ads statistics' `type` takes.
pub const AD_STAT_TYPES: &[&str] = &["by_id", "by_time"];

/// The values the new-customer statistics' `group_by` takes.
pub const NEW_CUSTOMER_GROUPS: &[&str] = &["day", "hour", "page_id"];

/// The operations of this resource.
pub(crate) const OPERATIONS: &[Operation] = &[
    op::<CampaignStatistics>("statistics.campaigns"),
    op::<AdStatistics>("statistics.ads"),
    op::<EngagementStatistics>("statistics.engagements"),
    op::<PageStatistics>("statistics.page"),
    op::<TagStatistics>("statistics.tags"),
    op::<UserStatistics>("statistics.users"),
    op::<NewCustomerStatistics>("statistics.new_customers"),
    op::<MultiPageUserStatistics>("statistics.multi_page_users").on("statistics", "pages_users"),
];

/// Which text form a `date_range` parameter must have.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RangeForm {
    /// `DD/MM/YYYY HH:MM:SS - DD/MM/YYYY HH:MM:SS`
    DateTime,
    /// `DD/MM/YYYY - DD/MM/YYYY`
    Date,
}

/// Validates `date_range` text in the form the endpoint expects; errors name `date_range`.
fn check_date_range(text: &str, form: RangeForm) -> Result<()> {
    parse_date_range(text, UtcOffset::UTC)?;
    let (left, right) = text.split_once(" - ").ok_or_else(|| {
        Error::invalid(
            "date_range",
            "expected two dates separated by ` - ` (space, dash, space)",
        )
    })?;
    let has_time = |side: &str| side.trim().contains(':');
    let ok = match form {
        RangeForm::DateTime => has_time(left) && has_time(right),
        RangeForm::Date => !has_time(left) && !has_time(right),
    };
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            "date_range",
            match form {
                RangeForm::DateTime => {
                    "expected `DD/MM/YYYY HH:MM:SS - DD/MM/YYYY HH:MM:SS` (a time on both sides)"
                }
                RangeForm::Date => "expected `DD/MM/YYYY - DD/MM/YYYY` (dates without times)",
            },
        ))
    }
}

/// The `date_range` text to send: the text given, checked in `form`, or `since` / `until`
/// (unix seconds) rendered in `zone` (default `Asia/Ho_Chi_Minh`). Exactly one of the two ways
/// must be used; errors name the parameter.
fn resolve_range(
    text: &str,
    since: Option<i64>,
    until: Option<i64>,
    zone: Option<&str>,
    form: RangeForm,
) -> Result<String> {
    if !text.is_empty() {
        if since.is_some() || until.is_some() {
            return Err(Error::invalid(
                "date_range",
                "give either date_range or since and until, not both",
            ));
        }
        if zone.is_some() {
            return Err(Error::invalid(
                "zone",
                "applies to since and until only: date_range text is already in the shop's time",
            ));
        }
        check_date_range(text, form)?;
        return Ok(text.to_owned());
    }
    match (since, until) {
        (Some(since), Some(until)) => {
            check_span(since, until)?;
            let offset = zone
                .map(zone_offset)
                .transpose()?
                .unwrap_or(UtcOffset::HO_CHI_MINH);
            match form {
                RangeForm::DateTime => date_range(since, until, offset),
                RangeForm::Date => date_range_dates(since, until, offset),
            }
        }
        (Some(_), None) => Err(Error::invalid("until", "is required with since")),
        (None, Some(_)) => Err(Error::invalid("since", "is required with until")),
        (None, None) => Err(Error::invalid(
            "date_range",
            "is required (or since and until, unix seconds)",
        )),
    }
}

/// `since` / `until` in unix seconds, as a query.
#[derive(Serialize)]
struct SpanQuery<'a> {
    since: i64,
    until: i64,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
}

macro_rules! span_endpoint {
    ($(#[$doc:meta])* $name:ident, $path:literal, $output:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(deny_unknown_fields)]
        #[must_use]
        pub struct $name {
            /// Start of the span, unix seconds (UTC).
            #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
            pub since: i64,
            /// End of the span, unix seconds (UTC).
            #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
            pub until: i64,
        }

        impl $name {
            /// Statistics over `[since, until]`, unix seconds.
            pub fn new(since: i64, until: i64) -> Self {
                Self { since, until }
            }
        }

        impl Endpoint for $name {
            type Output = $output;

            fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
                check_span(self.since, self.until)?;
                let query = SpanQuery { since: self.since, until: self.until, kind: None };
                ctx.get(Api::PageV1, $path, &query)
            }
        }
    };
}

span_endpoint!(
    /// Ads campaign statistics: `GET statistics/pages_campaigns` (needs a token allowed to see
    /// the ad reports).
    CampaignStatistics,
    "/statistics/pages_campaigns",
    Vec<AdCampaignStat>
);
span_endpoint!(
    /// Page statistics by hour: `GET statistics/pages`.
    PageStatistics,
    "/statistics/pages",
    PageStats
);
span_endpoint!(
    /// Tag statistics: `GET statistics/tags`.
    TagStatistics,
    "/statistics/tags",
    TagStats
);

/// How ad statistics are aggregated (`type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdStatsType {
    /// `by_id`: one row per ad.
    ById,
    /// `by_time`: one row per time bucket.
    ByTime,
}

impl AdStatsType {
    /// The API's text.
    pub fn as_str(self) -> &'static str {
        match self {
            AdStatsType::ById => "by_id",
            AdStatsType::ByTime => "by_time",
        }
    }
}

/// Ad statistics: `GET statistics/ads`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct AdStatistics {
    /// Start of the span, unix seconds (UTC).
    #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
    pub since: i64,
    /// End of the span, unix seconds (UTC).
    #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
    pub until: i64,
    /// `by_id` or `by_time`.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "schema", schemars(extend("enum" = AD_STAT_TYPES)))]
    pub kind: String,
}

impl AdStatistics {
    /// Ad statistics over `[since, until]`, aggregated as `kind`.
    pub fn new(since: i64, until: i64, kind: AdStatsType) -> Self {
        Self {
            since,
            until,
            kind: kind.as_str().to_owned(),
        }
    }
}

impl Endpoint for AdStatistics {
    type Output = Vec<AdStat>;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        check_span(self.since, self.until)?;
        if !AD_STAT_TYPES.contains(&self.kind.as_str()) {
            return Err(Error::invalid(
                "type",
                format!("must be `by_id` or `by_time`, not {:?}", self.kind),
            ));
        }
        let query = SpanQuery {
            since: self.since,
            until: self.until,
            kind: Some(&self.kind),
        };
        ctx.get(Api::PageV1, "/statistics/ads", &query)
    }
}

/// Customer engagement statistics: `GET statistics/customer_engagements`. The response is a
/// daily chart, or hourly rows with `by_hour`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct EngagementStatistics {
    /// `DD/MM/YYYY HH:MM:SS - DD/MM/YYYY HH:MM:SS`, the shop's local time (empty when
    /// `since` / `until` are given).
    #[serde(default)]
    pub date_range: String,
    /// Start of the span in unix seconds, instead of `date_range` (with `until`).
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
    pub since: Option<i64>,
    /// End of the span in unix seconds, instead of `date_range` (with `since`).
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
    pub until: Option<i64>,
    /// Zone `since` / `until` are rendered in (default `Asia/Ho_Chi_Minh`).
    #[serde(default, skip_serializing)]
    pub zone: Option<String>,
    /// Aggregate by hour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_hour: Option<bool>,
    /// Staff user ids to filter by (one comma-separated text is accepted too); sent
    /// comma-separated.
    #[serde(
        default,
        deserialize_with = "id_list::optional",
        serialize_with = "id_list::joined_optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub user_ids: Option<Vec<String>>,
}

impl EngagementStatistics {
    /// Statistics over a `date_range` text (`27/07/2021 00:00:00 - 26/08/2021 23:59:59`).
    pub fn new(date_range: impl Into<String>) -> Self {
        Self {
            date_range: date_range.into(),
            since: None,
            until: None,
            zone: None,
            by_hour: None,
            user_ids: None,
        }
    }

    /// Statistics over `[since, until]` (unix seconds), written in the shop's `offset`.
    pub fn from_unix(since: i64, until: i64, offset: UtcOffset) -> Result<Self> {
        Ok(Self::new(date_range(since, until, offset)?))
    }

    /// Aggregate by hour.
    pub fn by_hour(mut self, by_hour: bool) -> Self {
        self.by_hour = Some(by_hour);
        self
    }

    /// Only these staff users.
    pub fn user_ids<I, S>(mut self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.user_ids = Some(ids.into_iter().map(|s| s.as_ref().to_owned()).collect());
        self
    }
}

impl Endpoint for EngagementStatistics {
    type Output = EngagementStats;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        let query = Self {
            date_range: resolve_range(
                &self.date_range,
                self.since,
                self.until,
                self.zone.as_deref(),
                RangeForm::DateTime,
            )?,
            ..self.clone()
        };
        if let Some(ids) = &self.user_ids {
            check_items("user_ids", ids)?;
        }
        ctx.get(Api::PageV1, "/statistics/customer_engagements", &query)
    }
}

/// Staff statistics for one page: `GET statistics/users`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct UserStatistics {
    /// `DD/MM/YYYY HH:MM:SS - DD/MM/YYYY HH:MM:SS`, the shop's local time (empty when
    /// `since` / `until` are given).
    #[serde(default)]
    pub date_range: String,
    /// Start of the span in unix seconds, instead of `date_range` (with `until`).
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
    pub since: Option<i64>,
    /// End of the span in unix seconds, instead of `date_range` (with `since`).
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
    pub until: Option<i64>,
    /// Zone `since` / `until` are rendered in (default `Asia/Ho_Chi_Minh`).
    #[serde(default, skip_serializing)]
    pub zone: Option<String>,
}

impl UserStatistics {
    /// Statistics over a `date_range` text.
    pub fn new(date_range: impl Into<String>) -> Self {
        Self {
            date_range: date_range.into(),
            since: None,
            until: None,
            zone: None,
        }
    }

    /// Statistics over `[since, until]` (unix seconds), written in the shop's `offset`.
    pub fn from_unix(since: i64, until: i64, offset: UtcOffset) -> Result<Self> {
        Ok(Self::new(date_range(since, until, offset)?))
    }
}

impl Endpoint for UserStatistics {
    type Output = UserStats;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        let query = Self {
            date_range: resolve_range(
                &self.date_range,
                self.since,
                self.until,
                self.zone.as_deref(),
                RangeForm::DateTime,
            )?,
            ..self.clone()
        };
        ctx.get(Api::PageV1, "/statistics/users", &query)
    }
}

/// How new-customer statistics are grouped (`group_by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// By day (the default).
    Day,
    /// By hour.
    Hour,
    /// By page id: the response's `data` becomes a map.
    PageId,
}

impl GroupBy {
    /// The API's text.
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Day => "day",
            GroupBy::Hour => "hour",
            GroupBy::PageId => "page_id",
        }
    }
}

/// New-customer statistics: `GET statistics/page_customers` (000/001 write
/// `statistics/customers`; openapi.yaml's path is used).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct NewCustomerStatistics {
    /// `DD/MM/YYYY - DD/MM/YYYY` (dates only), the shop's local days (empty when `since` /
    /// `until` are given: the local days holding them).
    #[serde(default)]
    pub date_range: String,
    /// Start of the span in unix seconds, instead of `date_range` (with `until`).
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
    pub since: Option<i64>,
    /// End of the span in unix seconds, instead of `date_range` (with `since`).
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
    pub until: Option<i64>,
    /// Zone `since` / `until` are rendered in (default `Asia/Ho_Chi_Minh`).
    #[serde(default, skip_serializing)]
    pub zone: Option<String>,
    /// `day` (default), `hour` or `page_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("enum" = NEW_CUSTOMER_GROUPS)))]
    pub group_by: Option<String>,
}

impl NewCustomerStatistics {
    /// Statistics over a `date_range` text (`20/07/2020 - 20/08/2020`).
    pub fn new(date_range: impl Into<String>) -> Self {
        Self {
            date_range: date_range.into(),
            since: None,
            until: None,
            zone: None,
            group_by: None,
        }
    }

    /// Statistics over the local days holding `since` and `until` (unix seconds) in `offset`.
    pub fn from_unix(since: i64, until: i64, offset: UtcOffset) -> Result<Self> {
        Ok(Self::new(date_range_dates(since, until, offset)?))
    }

    /// Group the rows.
    pub fn group_by(mut self, group_by: GroupBy) -> Self {
        self.group_by = Some(group_by.as_str().to_owned());
        self
    }
}

impl Endpoint for NewCustomerStatistics {
    type Output = NewCustomerStats;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        let query = Self {
            date_range: resolve_range(
                &self.date_range,
                self.since,
                self.until,
                self.zone.as_deref(),
                RangeForm::Date,
            )?,
            ..self.clone()
        };
        if let Some(g) = &self.group_by {
            if !NEW_CUSTOMER_GROUPS.contains(&g.as_str()) {
                return Err(Error::invalid(
                    "group_by",
                    format!("must be `day`, `hour` or `page_id`, not {g:?}"),
                ));
            }
        }
        ctx.get(Api::PageV1, "/statistics/page_customers", &query)
    }
}

/// Staff statistics over several pages: `GET {base}/v1/statistics/user` with the user's
/// `access_token` (000/001/002; not in openapi.yaml).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct MultiPageUserStatistics {
    /// Page ids (one comma-separated text is accepted too); sent comma-separated.
    #[serde(
        deserialize_with = "id_list::required",
        serialize_with = "id_list::joined"
    )]
    pub page_ids: Vec<String>,
    /// `DD/MM/YYYY HH:MM:SS - DD/MM/YYYY HH:MM:SS` (empty when `since` / `until` are given).
    #[serde(default)]
    pub date_range: String,
    /// Start of the span in unix seconds, instead of `date_range` (with `until`).
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
    pub since: Option<i64>,
    /// End of the span in unix seconds, instead of `date_range` (with `since`).
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
    pub until: Option<i64>,
    /// Zone `since` / `until` are rendered in (default `Asia/Ho_Chi_Minh`).
    #[serde(default, skip_serializing)]
    pub zone: Option<String>,
}

impl MultiPageUserStatistics {
    /// Statistics of `page_ids` over a `date_range` text.
    pub fn new<I, S>(page_ids: I, date_range: impl Into<String>) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Self {
            page_ids: page_ids
                .into_iter()
                .map(|s| s.as_ref().to_owned())
                .collect(),
            date_range: date_range.into(),
            since: None,
            until: None,
            zone: None,
        }
    }
}

impl Endpoint for MultiPageUserStatistics {
    type Output = MultiPageUserStats;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        if self.page_ids.is_empty() {
            return Err(Error::invalid("page_ids", "needs at least one page id"));
        }
        check_items("page_ids", &self.page_ids)?;
        let query = Self {
            date_range: resolve_range(
                &self.date_range,
                self.since,
                self.until,
                self.zone.as_deref(),
                RangeForm::DateTime,
            )?,
            ..self.clone()
        };
        ctx.get(Api::User, "/statistics/user", &query)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::HttpResponse;

    #[test]
    fn date_range_forms_are_checked() {
        let ctx = Context::page("1", "t");
        let ok = EngagementStatistics::new("27/07/2021 00:00:00 - 26/08/2021 23:59:59");
        assert!(ok.to_request(&ctx).is_ok());
        for bad in [
            "27/07/2021 - 26/08/2021",
            "26/08/2021 00:00:00 - 27/07/2021 23:59:59",
            "yesterday",
        ] {
            let err = EngagementStatistics::new(bad).to_request(&ctx).unwrap_err();
            assert!(
                matches!(&err, Error::InvalidRequest { field, .. } if field == "date_range"),
                "{bad}: {err:?}"
            );
        }
        assert!(NewCustomerStatistics::new("20/07/2020 - 20/08/2020")
            .to_request(&ctx)
            .is_ok());
        assert!(
            NewCustomerStatistics::new("20/07/2020 00:00:00 - 20/08/2020 23:59:59")
                .to_request(&ctx)
                .is_err()
        );
    }

    #[test]
    fn from_unix_renders_the_local_text() {
        let s =
            UserStatistics::from_unix(1_627_318_800, 1_629_997_199, UtcOffset::default()).unwrap();
        assert_eq!(s.date_range, "27/07/2021 00:00:00 - 26/08/2021 23:59:59");
        let n =
            NewCustomerStatistics::from_unix(1_595_178_000, 1_597_942_799, UtcOffset::default())
                .unwrap()
                .group_by(GroupBy::PageId);
        let req = n.to_request(&Context::page("1", "t")).unwrap();
        assert_eq!(
            req.url,
            "https://pages.fm/api/public_api/v1/pages/1/statistics/page_customers?date_range=20%2F07%2F2020+-+20%2F08%2F2020&group_by=page_id&page_access_token=t"
        );
    }

    #[test]
    fn engagement_shapes_round_trip() {
        let body = r#"{"statistics":[{"comment":0,"hour":"2021-08-26T13:00:00","inbox":1}],"success":true}"#;
        let out = EngagementStatistics::new("27/07/2021 00:00:00 - 26/08/2021 23:59:59")
            .parse(&HttpResponse::new(200, body))
            .unwrap();
        let rows = out.statistics.get().unwrap();
        assert_eq!(
            rows[0].hour_timestamp().unwrap().unwrap().unix_seconds(),
            1_629_982_800
        );
        assert_eq!(
            serde_json::to_value(&out).unwrap(),
            serde_json::from_str::<serde_json::Value>(body).unwrap()
        );
    }
}
