//! Statistics: ads campaigns, ads, engagements, page, tags, staff users and new customers.
//!
//! Several statistics answer with maps keyed by an id (a staff user's UUID, a tag id, a page
//! id). Those are [`Keyed`] values: ordered like the server sent them, so a round trip gives
//! the same JSON.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::common::{Extra, FlexNum, Maybe};
use super::tag::Tag;
use crate::error::Result;
use crate::normalize::{parse_timestamp, Timestamp};

/// A JSON object keyed by ids, kept in the order it arrived (`{"<user uuid>": [...], ...}`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Keyed<T>(pub Vec<(String, T)>);

impl<T> Keyed<T> {
    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    /// The entries, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &T)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T: Serialize> Serialize for Keyed<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Keyed<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Keyed<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object keyed by id")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some((k, v)) = map.next_entry::<String, T>()? {
                    out.push((k, v));
                }
                Ok(Keyed(out))
            }
        }
        deserializer.deserialize_map(V(std::marker::PhantomData))
    }
}

#[cfg(feature = "schema")]
impl<T: schemars::JsonSchema> schemars::JsonSchema for Keyed<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Keyed_{}", T::schema_name()).into()
    }

    /// An object whose keys are ids and whose values are all `T`.
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        generator.subschema_for::<std::collections::BTreeMap<String, T>>()
    }
}

fn hour_timestamp(hour: &Maybe<serde_json::Value>) -> Option<Result<Timestamp>> {
    hour.get().map(parse_timestamp)
}

/// One campaign of `GET statistics/pages_campaigns`. Facebook's metrics arrive as strings,
/// numbers or `null` depending on the campaign, so they are kept as raw JSON.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AdCampaignStat {
    /// The ad account id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub account_id: Maybe<String>,
    /// The ad id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub ad_id: Maybe<String>,
    /// The ad set id.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub adset_id: Maybe<String>,
    /// The campaign's name.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub name: Maybe<String>,
    /// `ACTIVE`, `PAUSED`, ...
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub status: Maybe<String>,
    /// The currency (`USD`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub currency: Maybe<String>,
    /// Remaining budget (`"3000"`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub budget_remaining: Maybe<FlexNum>,
    /// Daily budget (`"3000"`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub daily_budget: Maybe<FlexNum>,
    /// Lifetime budget (`"0"`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub lifetime_budget: Maybe<FlexNum>,
    /// Spend.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub spend: Maybe<serde_json::Value>,
    /// Reach.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub reach: Maybe<serde_json::Value>,
    /// Impressions.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub impressions: Maybe<serde_json::Value>,
    /// Cost per click.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub cpc: Maybe<serde_json::Value>,
    /// Cost per mille.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub cpm: Maybe<serde_json::Value>,
    /// Click-through rate.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub ctr: Maybe<serde_json::Value>,
    /// Link clicks.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub link_click: Maybe<serde_json::Value>,
    /// Messaging conversations started (7-day attribution).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub messaging_conversation_started_7d: Maybe<serde_json::Value>,
    /// First replies to messaging.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub messaging_first_reply: Maybe<serde_json::Value>,
    /// Post comments.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub post_comments: Maybe<serde_json::Value>,
    /// Purchase return on ad spend.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub purchase_roas: Maybe<serde_json::Value>,
    /// Purchases.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub purchases: Maybe<serde_json::Value>,
    /// Purchase conversion value.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub purchases_conversion_value: Maybe<serde_json::Value>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One row of `GET statistics/ads` (by id or by time).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AdStat {
    /// The ad's name.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub name: Maybe<String>,
    /// The ad's status.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub status: Maybe<String>,
    /// The currency.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub currency: Maybe<String>,
    /// Reach (a numeric string).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub reach: Maybe<FlexNum>,
    /// Impressions (a numeric string).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub impressions: Maybe<FlexNum>,
    /// Spend (a numeric string).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub spend: Maybe<FlexNum>,
    /// Fields this SDK does not know yet (ids, times, other metrics).
    #[serde(flatten)]
    pub extra: Extra,
}

/// One metric series of a chart: `data[i]` is the value on `categories[i]`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Series {
    /// The metric (`inbox`, `comment`, `total`, `new_customer_replied`,
    /// `customer_engagement_new_inbox`, `order_count`, `old_order_count`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub name: Maybe<String>,
    /// One value per category.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub data: Maybe<Vec<FlexNum>>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The chart of daily engagement statistics.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct EngagementChart {
    /// Date labels (`26/8`, `6/7/2026`), newest first.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub categories: Maybe<Vec<String>>,
    /// One series per metric.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub series: Maybe<Vec<Series>>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One hour of engagement statistics (`by_hour=true`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct HourlyEngagement {
    /// The hour (`2021-08-26T13:00:00`), as sent.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub hour: Maybe<serde_json::Value>,
    /// Inbox engagements.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub inbox: Maybe<FlexNum>,
    /// Comment engagements.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub comment: Maybe<FlexNum>,
    /// Inbox + comment.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub total: Maybe<FlexNum>,
    /// New customers.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub new_customer: Maybe<FlexNum>,
    /// New customers who came through the inbox.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub new_customer_from_inbox: Maybe<FlexNum>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

impl HourlyEngagement {
    /// The hour as a UTC instant (naive times are read as UTC).
    pub fn hour_timestamp(&self) -> Option<Result<Timestamp>> {
        hour_timestamp(&self.hour)
    }
}

/// One staff member's engagement totals.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct UserEngagement {
    /// The staff member's Pancake UUID.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub user_id: Maybe<String>,
    /// The staff member's name.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub name: Maybe<String>,
    /// Inbox engagements handled.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub inbox_count: Maybe<FlexNum>,
    /// Orders created.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub order_count: Maybe<FlexNum>,
    /// Orders from returning customers.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub old_order_count: Maybe<FlexNum>,
    /// Total engagements handled.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub total_engagement: Maybe<FlexNum>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The response of `GET statistics/customer_engagements`. Its shape depends on `by_hour`:
/// a daily chart in `data`, or hourly rows in `statistics`; both are kept as sent.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct EngagementStats {
    /// The daily chart (without `by_hour`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub data: Maybe<EngagementChart>,
    /// Hourly rows (with `by_hour=true`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub statistics: Maybe<Vec<HourlyEngagement>>,
    /// Per-staff totals.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub users_engagements: Maybe<Vec<UserEngagement>>,
    /// Fields this SDK does not know yet (`success`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// One hour of page statistics.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PageStat {
    /// The hour (`2021-04-01T12:00:00`), as sent.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub hour: Maybe<serde_json::Value>,
    /// Comments by customers.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub customer_comment_count: Maybe<FlexNum>,
    /// Inbox messages by customers.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub customer_inbox_count: Maybe<FlexNum>,
    /// Old customers re-engaged.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub inbox_interactive_count: Maybe<FlexNum>,
    /// New customers.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub new_customer_count: Maybe<FlexNum>,
    /// New inbox conversations.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub new_inbox_count: Maybe<FlexNum>,
    /// Comments by the page.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub page_comment_count: Maybe<FlexNum>,
    /// Inbox messages by the page.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub page_inbox_count: Maybe<FlexNum>,
    /// Phone numbers collected.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub phone_number_count: Maybe<FlexNum>,
    /// Phone numbers from the website (logged-in visitors).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub today_uniq_website_referral: Maybe<FlexNum>,
    /// Phone numbers from the website (guests).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub today_website_guest_referral: Maybe<FlexNum>,
    /// New phone numbers.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub uniq_phone_number_count: Maybe<FlexNum>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

impl PageStat {
    /// The hour as a UTC instant (naive times are read as UTC).
    pub fn hour_timestamp(&self) -> Option<Result<Timestamp>> {
        hour_timestamp(&self.hour)
    }
}

/// The response of `GET statistics/pages`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PageStats {
    /// Hourly rows.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub data: Maybe<Vec<PageStat>>,
    /// Fields this SDK does not know yet (`success`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// A tag chart: categories (`05/04`) and, per tag id (`tag_216`), one count per category.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct TagChart {
    /// Date labels.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub categories: Maybe<Vec<String>>,
    /// Counts per tag id, aligned with `categories` (may be negative: untagging).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub series: Maybe<Keyed<Vec<FlexNum>>>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The response of `GET statistics/tags`. Tag ids here are strings (`tag_216`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct TagStats {
    /// The chart over the requested range.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub data: Maybe<TagChart>,
    /// Today's chart.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub data_today: Maybe<TagChart>,
    /// The tags the series refer to (`description` is kept in each tag's `extra`).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub tags: Maybe<Vec<Tag>>,
    /// Fields this SDK does not know yet (`success`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// Staff statistics: one hour of one staff member, or a staff member's totals (which add
/// `user_name` and `user_fb_id`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct UserStat {
    /// The staff member's name (totals only).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub user_name: Maybe<String>,
    /// The staff member's Facebook id (totals only).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub user_fb_id: Maybe<String>,
    /// Average response time, in milliseconds.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub average_response_time: Maybe<FlexNum>,
    /// Comments answered.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub comment_count: Maybe<FlexNum>,
    /// Inbox messages answered.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub inbox_count: Maybe<FlexNum>,
    /// Orders created (multi-page statistics).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub order_count: Maybe<FlexNum>,
    /// Phone numbers collected.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub phone_number_count: Maybe<FlexNum>,
    /// Inbox messages sent from comments.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub private_reply_count: Maybe<FlexNum>,
    /// Comment threads answered.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub unique_comment_count: Maybe<FlexNum>,
    /// Inbox threads answered.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub unique_inbox_count: Maybe<FlexNum>,
    /// The hour (`2021-07-28T10:00:00`), as sent.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub hour: Maybe<serde_json::Value>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

impl UserStat {
    /// The hour as a UTC instant (naive times are read as UTC).
    pub fn hour_timestamp(&self) -> Option<Result<Timestamp>> {
        hour_timestamp(&self.hour)
    }
}

/// Staff statistics by time (`statistics`: staff UUID to hourly rows) and by staff member
/// (`users`: staff UUID to totals).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct UserStatsData {
    /// Hourly rows per staff UUID.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub statistics: Maybe<Keyed<Vec<UserStat>>>,
    /// Totals per staff UUID.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub users: Maybe<Keyed<UserStat>>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The response of `GET statistics/users` (one page).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct UserStats {
    /// The statistics.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub data: Maybe<UserStatsData>,
    /// Fields this SDK does not know yet (`success`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The response of `GET /v1/statistics/user` (several pages at once): the same two maps as
/// [`UserStatsData`], at the top level.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct MultiPageUserStats {
    /// Hourly rows per staff UUID.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub statistics: Maybe<Keyed<Vec<UserStat>>>,
    /// Totals per staff UUID.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub users: Maybe<Keyed<UserStat>>,
    /// Fields this SDK does not know yet (`success`, `data`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// One day (or hour) of new-customer statistics.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct NewCustomerStat {
    /// The day (`2020-08-27`) or hour (`2020-08-12T16:00:00`), as sent.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub date: Maybe<serde_json::Value>,
    /// New customers.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub new_customer_count: Maybe<FlexNum>,
    /// New inbox conversations.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub new_page_inbox_count: Maybe<FlexNum>,
    /// New phone numbers.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub new_phone_number_count: Maybe<FlexNum>,
    /// Phone numbers.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub phone_number_count: Maybe<FlexNum>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

impl NewCustomerStat {
    /// The day or hour as a UTC instant (a date alone is its midnight, UTC).
    pub fn date_timestamp(&self) -> Option<Result<Timestamp>> {
        match self.date.get()? {
            serde_json::Value::String(s) if s.len() == 10 && !s.contains('T') => Some(
                parse_timestamp(&serde_json::Value::String(format!("{s}T00:00:00"))),
            ),
            other => Some(parse_timestamp(other)),
        }
    }
}

/// The `data` of new-customer statistics: a list (`group_by` `day` or `hour`), or a map from
/// page id to a list (`group_by=page_id`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
#[non_exhaustive]
pub enum NewCustomerData {
    /// Rows by day or hour.
    List(Vec<NewCustomerStat>),
    /// Rows per page id.
    ByPage(Keyed<Vec<NewCustomerStat>>),
}

/// The response of `GET statistics/page_customers`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct NewCustomerStats {
    /// The rows.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub data: Maybe<NewCustomerData>,
    /// Fields this SDK does not know yet (`success`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyed_keeps_order() {
        let json = r#"{"z":[1],"a":[2,"3"]}"#;
        let k: Keyed<Vec<FlexNum>> = serde_json::from_str(json).unwrap();
        assert_eq!(k.keys().collect::<Vec<_>>(), ["z", "a"]);
        assert_eq!(k.get("a").unwrap()[1].as_i64(), Some(3));
        assert_eq!(serde_json::to_string(&k).unwrap(), json);
    }

    #[test]
    fn new_customer_data_both_shapes() {
        let list: NewCustomerStats =
            serde_json::from_str(r#"{"data":[{"date":"2020-08-27","new_customer_count":0}]}"#)
                .unwrap();
        assert!(matches!(list.data.get(), Some(NewCustomerData::List(v)) if v.len() == 1));
        let map: NewCustomerStats =
            serde_json::from_str(r#"{"data":{"1":[{"date":"2020-08-12"}]}}"#).unwrap();
        let Some(NewCustomerData::ByPage(m)) = map.data.get() else {
            panic!("expected a map");
        };
        let ts = m.get("1").unwrap()[0].date_timestamp().unwrap().unwrap();
        assert_eq!(ts.to_rfc3339(), "2020-08-12T00:00:00Z");
    }
}
