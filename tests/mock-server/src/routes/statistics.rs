//! Statistics: campaigns, ads, engagements, page, tags, users, new customers, and the
//! user-level multi-page staff statistics. Shapes follow the documented examples.

use axum::extract::{Path, RawQuery, State};
use pancake_core::normalize::{parse_date_range, UtcOffset};
use serde_json::{json, Map, Value};

use super::{bad, error, missing, ok, window, Fail, Params, Reply, St};
use crate::data::{naive_iso, PageData};
use crate::state::lock;

const HOUR: i64 = 3600;
const DAY: i64 = 86_400;

/// `date_range` text read in Vietnam's time (UTC+7).
fn date_range(p: &Params) -> Result<(i64, i64), Fail> {
    let text = p.req("date_range")?;
    let offset = UtcOffset::from_seconds(7 * HOUR as i32).expect("valid offset");
    parse_date_range(text, offset).map_err(|e| bad(format!("date_range: {e}")))
}

/// A small deterministic count from a time and an index.
fn n(t: i64, i: usize, m: i64) -> i64 {
    (t.div_euclid(HOUR) * 31 + i as i64 * 7919).rem_euclid(m)
}

/// Day starts (UTC) from `since` to `until`, at most 400.
fn days(since: i64, until: i64) -> Vec<i64> {
    let mut out = Vec::new();
    let mut d = since - since.rem_euclid(DAY);
    while d <= until && out.len() < 400 {
        out.push(d);
        d += DAY;
    }
    out
}

/// `D/M` labels as the engagement and tag charts use.
fn day_label(d: i64, zero_pad: bool) -> String {
    let iso = naive_iso(d, 0, 0);
    let (month, day) = (&iso[5..7], &iso[8..10]);
    if zero_pad {
        format!("{day}/{month}")
    } else {
        format!(
            "{}/{}",
            day.trim_start_matches('0'),
            month.trim_start_matches('0')
        )
    }
}

fn campaign(i: usize, t: i64) -> Value {
    json!({
        "account_id": format!("{}", 11_112_430_409_201_147i64 + i as i64),
        "ad_id": format!("{}", 2_384_887_411_112_310_288i64 + i as i64),
        "adset_id": format!("{}", 2_312_324_572_270_288i64 + i as i64),
        "budget_remaining": format!("{}", 100_000 * (i + 1)),
        "cpc": null, "cpm": null, "ctr": null,
        "currency": "VND",
        "daily_budget": format!("{}", 50_000 * (i + 1)),
        "impressions": format!("{}", n(t, i, 20_000)),
        "lifetime_budget": "0",
        "link_click": null,
        "messaging_conversation_started_7d": null,
        "messaging_first_reply": null,
        "name": format!("QC chiến dịch {}", i + 1),
        "post_comments": null, "purchase_roas": null, "purchases": null,
        "purchases_conversion_value": null,
        "reach": format!("{}", n(t, i, 5_000)),
        "spend": format!("{}", n(t, i, 900_000)),
        "status": if i == 2 { "PAUSED" } else { "ACTIVE" },
    })
}

fn staff_row(t: i64, i: usize, with_orders: bool) -> Value {
    let mut v = json!({
        "average_response_time": n(t, i, 600),
        "comment_count": n(t, i, 30),
        "hour": naive_iso(t - t.rem_euclid(HOUR), 0, 0),
        "inbox_count": n(t, i, 80),
        "phone_number_count": n(t, i, 10),
        "private_reply_count": n(t, i, 5),
        "unique_comment_count": n(t, i, 20),
        "unique_inbox_count": n(t, i, 50),
    });
    if with_orders {
        v["order_count"] = json!(n(t, i, 6));
    }
    v
}

/// `{statistics: {user_id: [rows]}, users: {user_id: totals}}` for the staff of `pages`.
fn staff(pages: &[&PageData], since: i64, until: i64, with_orders: bool) -> Value {
    let mut statistics = Map::new();
    let mut users = Map::new();
    for page in pages {
        for (i, u) in page.users.iter().enumerate() {
            let id = u["id"].as_str().unwrap_or_default().to_owned();
            let rows: Vec<Value> = days(since, until)
                .iter()
                .take(7)
                .map(|d| staff_row(d + 9 * HOUR, i, with_orders))
                .collect();
            statistics.insert(id.clone(), json!(rows));
            let mut total = staff_row(until, i + 1, with_orders);
            total["user_fb_id"] = u["fb_id"].clone();
            total["user_name"] = u["name"].clone();
            users.insert(id, total);
        }
    }
    json!({"statistics": statistics, "users": users})
}

fn new_customer_rows(since: i64, until: i64, salt: usize) -> Vec<Value> {
    days(since, until)
        .iter()
        .enumerate()
        .map(|(i, d)| {
            json!({
                "date": &naive_iso(*d, 0, 0)[..10],
                "new_customer_count": n(*d, i + salt, 20),
                "new_page_inbox_count": n(*d, i + salt, 15),
                "new_phone_number_count": n(*d, i + salt, 8),
                "phone_number_count": n(*d, i + salt, 12),
            })
        })
        .collect()
}

/// `GET /api/v1/statistics/user?access_token&page_ids&date_range`: staff statistics over
/// several pages (user token).
pub async fn multi_page_users(State(st): State<St>, RawQuery(q): RawQuery) -> Reply {
    let p = Params::parse(q.as_deref());
    let ids = p.all("page_ids");
    if ids.is_empty() {
        return Err(bad("page_ids is required"));
    }
    let (since, until) = date_range(&p)?;
    let store = lock(&st.store);
    let pages = ids
        .iter()
        .map(|id| {
            store
                .page(id)
                .ok_or_else(|| bad(format!("page_ids: `{id}` is not a page of this user")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ok(staff(&pages, since, until, true)))
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
        // The older documents name it `pages_campaigns`, the newest `pages_campaign`.
        "pages_campaigns" | "pages_campaign" => {
            let (since, _) = window(&p)?;
            json!((0..3).map(|i| campaign(i, since)).collect::<Vec<_>>())
        }
        "ads" => {
            let (since, _) = window(&p)?;
            match p.req("type")? {
                "by_id" | "by_time" => {}
                _ => return Err(bad("type must be by_id or by_time")),
            }
            json!((0..3)
                .map(|i| json!({
                    "name": format!("Quảng cáo {}", i + 1),
                    "status": "ACTIVE",
                    "currency": "VND",
                    "reach": format!("{}", n(since, i, 5_000)),
                    "impressions": format!("{}", n(since, i, 20_000)),
                    "spend": format!("{}", n(since, i, 900_000)),
                }))
                .collect::<Vec<_>>())
        }
        "customer_engagements" => {
            let (since, until) = date_range(&p)?;
            let by_hour = matches!(p.get("by_hour"), Some("true" | "1"));
            if by_hour {
                let rows: Vec<Value> = (0..24)
                    .map(|h| {
                        let t = until - until.rem_euclid(DAY) + h * HOUR;
                        let (inbox, comment) = (n(t, 1, 9), n(t, 2, 4));
                        json!({"comment": comment, "hour": naive_iso(t, 0, 0), "inbox": inbox,
                               "new_customer": n(t, 3, 3), "new_customer_from_inbox": n(t, 4, 2),
                               "total": inbox + comment})
                    })
                    .collect();
                json!({"statistics": rows, "success": true})
            } else {
                let ds = days(since, until);
                let series = json!([
                    {"data": ds.iter().enumerate().map(|(i, d)| n(*d, i, 50)).collect::<Vec<_>>(), "name": "inbox"},
                    {"data": ds.iter().enumerate().map(|(i, d)| n(*d, i, 30)).collect::<Vec<_>>(), "name": "comment"},
                ]);
                let labels: Vec<String> = ds.iter().map(|d| day_label(*d, false)).collect();
                json!({"data": {"categories": labels, "series": series}, "success": true})
            }
        }
        "pages" => {
            let (since, until) = window(&p)?;
            let data: Vec<Value> = days(since, until)
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    let t = d + 12 * HOUR;
                    json!({
                        "customer_comment_count": n(t, i, 40), "customer_inbox_count": n(t, i, 60),
                        "hour": naive_iso(t, 0, 0),
                        "inbox_interactive_count": n(t, i, 30), "new_customer_count": n(t, i, 20),
                        "new_inbox_count": n(t, i, 25), "page_comment_count": n(t, i, 15),
                        "page_inbox_count": n(t, i, 70), "phone_number_count": n(t, i, 12),
                        "today_uniq_website_referral": 0, "today_website_guest_referral": 0,
                        "uniq_phone_number_count": n(t, i, 10),
                    })
                })
                .collect();
            json!({"data": data, "success": true})
        }
        "tags" => {
            let (since, until) = window(&p)?;
            let ds = days(since, until);
            let mut series = Map::new();
            let mut today = Map::new();
            // Tag statistics name tags `tag_<id>` (strings), unlike the tag list.
            let tags: Vec<Value> = page
                .tags
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let key = format!("tag_{}", t["id"]);
                    series.insert(
                        key.clone(),
                        json!(ds
                            .iter()
                            .enumerate()
                            .map(|(k, d)| n(*d, i + k, 9))
                            .collect::<Vec<_>>()),
                    );
                    today.insert(key.clone(), json!([]));
                    json!({"color": t["color"].clone(), "id": key,
                           "lighten_color": t["lighten_color"].clone(), "text": t["text"].clone()})
                })
                .collect();
            let labels: Vec<String> = ds.iter().map(|d| day_label(*d, true)).collect();
            json!({
                "data": {"categories": labels, "series": series},
                "data_today": {"categories": [], "series": today},
                "success": true,
                "tags": tags,
            })
        }
        "users" => {
            let (since, until) = date_range(&p)?;
            json!({"data": staff(&[page], since, until, false), "success": true})
        }
        "page_customers" => {
            let (since, until) = date_range(&p)?;
            match p.get("group_by").unwrap_or("day") {
                "day" | "hour" => {
                    json!({"data": new_customer_rows(since, until, 0), "success": true})
                }
                "page_id" => {
                    json!({"data": {page_id.clone(): new_customer_rows(since, until, 1)}, "success": true})
                }
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
