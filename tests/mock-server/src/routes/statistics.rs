//! Statistics: campaigns, ads, engagements, page, tags, users, new customers.

use axum::extract::{Path, RawQuery, State};
use pancake_core::normalize::{parse_date_range, UtcOffset};
use serde_json::{json, Value};

use super::{bad, error, missing, ok, window, Fail, Params, Reply, St};
use crate::data::naive_iso;
use crate::state::lock;

fn date_range(p: &Params) -> Result<(i64, i64), Fail> {
    let text = p.req("date_range")?;
    let offset = UtcOffset::from_seconds(7 * 3600).expect("valid offset");
    parse_date_range(text, offset).map_err(|e| bad(format!("date_range: {e}")))
}

/// A small deterministic number from a few inputs.
fn n(a: i64, b: usize, m: i64) -> i64 {
    (a.unsigned_abs() as i64 / 3600 + b as i64 * 7919).rem_euclid(m)
}

fn days(since: i64, until: i64) -> Vec<i64> {
    let mut out = Vec::new();
    let mut d = since - since.rem_euclid(86_400);
    while d <= until && out.len() < 400 {
        out.push(d);
        d += 86_400;
    }
    out
}

/// `GET .../statistics/{kind}`.
pub async fn get(
    State(st): State<St>,
    Path((page_id, kind)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Reply {
    let p = Params::parse(q.as_deref());
    let store = lock(&st.store);
    let page = store.page(&page_id).ok_or_else(|| missing("page"))?;
    let body = match kind.as_str() {
        "pages_campaigns" | "pages_campaign" => {
            let (since, _) = window(&p)?;
            let data: Vec<Value> = (0..3)
                .map(|i| {
                    json!({
                        "account_id": format!("act_{}", 1000 + i),
                        "ad_id": format!("{}", 23850000000000000i64 + i as i64),
                        "adset_id": format!("{}", 23851000000000000i64 + i as i64),
                        "name": format!("Chiến dịch {}", i + 1),
                        "budget_remaining": format!("{}", 100_000 * (i + 1)),
                        "currency": "VND",
                        "daily_budget": format!("{}", 50_000 * (i + 1)),
                        "status": "ACTIVE",
                        "spend": n(since, i, 900_000),
                    })
                })
                .collect();
            json!({"success": true, "data": data})
        }
        "ads" => {
            let (since, _) = window(&p)?;
            match p.req("type")? {
                "by_id" | "by_time" => {}
                _ => return Err(bad("type must be by_id or by_time")),
            }
            let data: Vec<Value> = (0..3)
                .map(|i| {
                    json!({
                        "ad_id": format!("{}", 23850000000000000i64 + i as i64),
                        "name": format!("Quảng cáo {}", i + 1),
                        "status": "ACTIVE",
                        "currency": "VND",
                        "reach": n(since, i, 5000),
                        "impressions": n(since, i, 20000),
                        "spend": n(since, i, 900_000),
                    })
                })
                .collect();
            json!({"success": true, "data": data})
        }
        "customer_engagements" => {
            let (since, until) = date_range(&p)?;
            let cats: Vec<String> = days(since, until)
                .iter()
                .map(|d| naive_iso(*d, 0, 0))
                .collect();
            let series = json!([
                {"name": "inbox", "data": cats.iter().enumerate().map(|(i, _)| n(since, i, 50)).collect::<Vec<_>>()},
                {"name": "comment", "data": cats.iter().enumerate().map(|(i, _)| n(until, i, 30)).collect::<Vec<_>>()},
            ]);
            let users: Vec<Value> = page
                .users
                .iter()
                .enumerate()
                .map(|(i, u)| {
                    json!({
                        "user_id": u["id"].clone(), "name": u["name"].clone(),
                        "inbox_count": n(since, i, 40), "order_count": n(since, i, 10),
                        "old_order_count": n(until, i, 5), "total_engagement": n(since, i, 60),
                    })
                })
                .collect();
            json!({"success": true, "data": {"categories": cats, "series": series, "users_engagements": users}})
        }
        "pages" => {
            let (since, until) = window(&p)?;
            let data: Vec<Value> = days(since, until).iter().enumerate().map(|(i, d)| json!({
                "hour": naive_iso(*d, 0, 0),
                "customer_comment_count": n(*d, i, 40), "customer_inbox_count": n(*d, i, 60),
                "inbox_interactive_count": n(*d, i, 30), "new_customer_count": n(*d, i, 20),
                "new_inbox_count": n(*d, i, 25), "page_comment_count": n(*d, i, 15),
                "page_inbox_count": n(*d, i, 70), "phone_number_count": n(*d, i, 12),
                "today_uniq_website_referral": 0, "today_website_guest_referral": 0,
                "uniq_phone_number_count": n(*d, i, 10),
            })).collect();
            json!({"success": true, "data": data})
        }
        "tags" => {
            let (since, until) = window(&p)?;
            let cats: Vec<String> = days(since, until)
                .iter()
                .map(|d| naive_iso(*d, 0, 0))
                .collect();
            let series: Vec<Value> = page.tags.iter().enumerate().map(|(i, t)| json!({
                // Tag statistics name tags as `tag_<id>` strings, unlike the tag list.
                "id": format!("tag_{}", t["id"]), "text": t["text"].clone(),
                "color": t["color"].clone(), "lighten_color": t["lighten_color"].clone(),
                "data": cats.iter().enumerate().map(|(k, _)| n(since, i + k, 9)).collect::<Vec<_>>(),
            })).collect();
            json!({"success": true, "data": {"categories": cats, "series": series},
                   "data_today": {"categories": [], "series": []}})
        }
        "users" => {
            let (since, _) = date_range(&p)?;
            let stats = |i: usize| {
                json!({
                    "average_response_time": n(since, i, 600), "comment_count": n(since, i, 30),
                    "inbox_count": n(since, i, 80), "phone_number_count": n(since, i, 10),
                    "private_reply_count": n(since, i, 5), "unique_comment_count": n(since, i, 20),
                    "unique_inbox_count": n(since, i, 50), "hour": naive_iso(since, 0, 0),
                })
            };
            let users: serde_json::Map<String, Value> = page
                .users
                .iter()
                .enumerate()
                .map(|(i, u)| {
                    let mut s = stats(i + 1);
                    s["user_name"] = u["name"].clone();
                    s["user_fb_id"] = u["fb_id"].clone();
                    (u["id"].as_str().unwrap_or_default().to_owned(), json!([s]))
                })
                .collect();
            json!({"success": true, "data": {"statistics": [stats(0)], "users": users}})
        }
        "page_customers" => {
            let (since, until) = date_range(&p)?;
            let group_by = p.get("group_by").unwrap_or("day");
            let row = |d: i64, i: usize| {
                json!({
                    "date": naive_iso(d, 0, 0), "new_customer_count": n(d, i, 20),
                    "new_page_inbox_count": n(d, i, 15), "new_phone_number_count": n(d, i, 8),
                    "phone_number_count": n(d, i, 12),
                })
            };
            match group_by {
                "day" | "hour" => {
                    let data: Vec<Value> = days(since, until)
                        .iter()
                        .enumerate()
                        .map(|(i, d)| row(*d, i))
                        .collect();
                    json!({"success": true, "data": data})
                }
                "page_id" => json!({"success": true, "data": {page_id.clone(): row(since, 0)}}),
                _ => return Err(bad("group_by must be day, hour or page_id")),
            }
        }
        _ => {
            return Err(error(
                axum::http::StatusCode::NOT_FOUND,
                "no such statistics",
            ))
        }
    };
    Ok(ok(body))
}
