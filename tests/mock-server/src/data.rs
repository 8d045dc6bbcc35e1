//! Deterministic data from a seed: pages, customers, conversations, messages, tags, posts,
//! users and call logs, shaped like the reference documents' examples.

use std::collections::HashMap;

use pancake_core::normalize::Timestamp;
use serde_json::{json, Value};

use crate::args::Args;

/// The fixed "now" of the generated data (2026-01-01T00:00:00Z); history lies before it.
pub const BASE: i64 = 1_767_225_600;
const DAY: i64 = 86_400;

/// How much data to generate.
#[derive(Debug, Clone)]
pub struct Sizes {
    /// Number of pages.
    pub pages: usize,
    /// Customers of the first page.
    pub customers: usize,
    /// Conversations per page.
    pub conversations: usize,
    /// Messages per conversation.
    pub messages: usize,
    /// Posts per page.
    pub posts: usize,
    /// Call logs per page.
    pub call_logs: usize,
}

impl From<&Args> for Sizes {
    fn from(a: &Args) -> Self {
        Sizes {
            pages: a.pages.max(1),
            customers: a.customers,
            conversations: a.conversations,
            messages: a.messages.max(1),
            posts: a.posts,
            call_logs: a.call_logs,
        }
    }
}

/// A JSON record with its time in unix seconds (for `since`/`until` filters and ordering).
#[derive(Debug, Clone)]
pub struct Rec {
    /// Unix seconds of the record's main timestamp.
    pub ts: i64,
    /// The JSON the API returns.
    pub v: Value,
}

/// One conversation with its messages (oldest first).
#[derive(Debug, Clone)]
pub struct Conversation {
    /// Unix seconds of `updated_at`.
    pub ts: i64,
    /// The conversation JSON.
    pub v: Value,
    /// Its messages, oldest first.
    pub messages: Vec<Value>,
}

/// Everything one page holds.
#[derive(Debug, Clone)]
pub struct PageData {
    /// The page id.
    pub id: String,
    /// The page JSON (`id`, `platform`, `name`, `avatar_url`).
    pub page: Value,
    /// Customers, oldest `inserted_at` first.
    pub customers: Vec<Rec>,
    /// Conversations, most recently updated first.
    pub conversations: Vec<Conversation>,
    /// The page's tags.
    pub tags: Vec<Value>,
    /// Posts, newest first.
    pub posts: Vec<Rec>,
    /// Staff users.
    pub users: Vec<Value>,
    /// Round robin settings (`inbox`, `comment` user id lists).
    pub round_robin: Value,
    /// SIP call logs, newest first.
    pub call_logs: Vec<Rec>,
    /// Uploaded contents by id.
    pub contents: HashMap<String, Value>,
}

/// The whole mock world.
#[derive(Debug, Clone)]
pub struct Store {
    /// Pages in listing order.
    pub pages: Vec<PageData>,
    /// Chat plugin messages by conversation id.
    pub chat_plugin: HashMap<String, Vec<Value>>,
    /// A counter for ids created at run time.
    pub next_id: u64,
}

impl Store {
    /// The page with this id.
    pub fn page(&self, id: &str) -> Option<&PageData> {
        self.pages.iter().find(|p| p.id == id)
    }

    /// The page with this id, mutable.
    pub fn page_mut(&mut self, id: &str) -> Option<&mut PageData> {
        self.pages.iter_mut().find(|p| p.id == id)
    }

    /// A fresh id (unique within this run).
    pub fn fresh(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }
}

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý",
];
const MIDDLE: &[&str] = &[
    "Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Gia", "Bảo",
];
const GIVEN: &[&str] = &[
    "An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hương", "Khánh", "Linh",
    "Long", "Mai", "Nam", "Nga", "Ngân", "Phúc", "Phương", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo",
    "Trang", "Tú", "Tuấn", "Vy", "Yến", "Đạt", "Ánh", "Ơn",
];
const CITIES: &[&str] = &[
    "Hà Nội",
    "Thành phố Hồ Chí Minh",
    "Đà Nẵng",
    "Hải Phòng",
    "Cần Thơ",
    "Huế",
    "Nha Trang",
];
const PREFIXES: &[u32] = &[
    32, 33, 34, 35, 36, 37, 38, 39, 70, 76, 77, 78, 79, 81, 82, 83, 84, 85, 86, 88, 89, 90, 91, 93,
    94, 96, 97, 98,
];
const LINES: &[&str] = &[
    "Shop ơi, sản phẩm này còn hàng không ạ?",
    "Cho mình hỏi giá ship về Hà Nội?",
    "Dạ shop gửi mình bảng size với ạ",
    "Mình muốn đặt 2 cái màu đỏ",
    "Khi nào hàng về vậy shop?",
    "Cảm ơn shop nhiều nhé!",
    "Đơn của mình giao chưa ạ?",
    "Có freeship không shop?",
];
const REPLIES: &[&str] = &[
    "Dạ chào anh/chị, shop còn hàng ạ.",
    "Dạ phí ship 30k toàn quốc ạ.",
    "Shop gửi bảng size ạ.",
    "Dạ anh/chị cho shop xin số điện thoại nhé.",
    "Cảm ơn anh/chị đã ủng hộ shop!",
];
const TAGS: &[(i64, &str, &str)] = &[
    (-99, "Kiểm hàng", "#4b5577"),
    (0, "Đã chốt", "#0f9d58"),
    (1, "Khách mới", "#e39a6a"),
    (2, "Hỏi giá", "#3b7ddd"),
    (3, "Đã gửi hàng", "#8e44ad"),
    (4, "Hoàn hàng", "#c0392b"),
];

/// The deterministic generator.
struct Gen {
    rng: fastrand::Rng,
}

impl Gen {
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.rng.usize(..xs.len())]
    }

    fn digits(&mut self, n: usize) -> String {
        let mut s = String::with_capacity(n);
        s.push(char::from(b'1' + self.rng.u8(..9)));
        for _ in 1..n {
            s.push(char::from(b'0' + self.rng.u8(..10)));
        }
        s
    }

    fn hex(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from_digit(self.rng.u32(..16), 16).unwrap_or('0'))
            .collect()
    }

    fn uuid(&mut self) -> String {
        format!(
            "{}-{}-4{}-{}{}-{}",
            self.hex(8),
            self.hex(4),
            self.hex(3),
            ["8", "9", "a", "b"][self.rng.usize(..4)],
            self.hex(3),
            self.hex(12)
        )
    }

    fn name(&mut self) -> String {
        format!(
            "{} {} {}",
            self.pick(FAMILY),
            self.pick(MIDDLE),
            self.pick(GIVEN)
        )
    }

    /// A Vietnamese mobile number in one of the shapes the documents show.
    fn phone(&mut self) -> String {
        let p = PREFIXES[self.rng.usize(..PREFIXES.len())];
        let rest = format!("{:07}", self.rng.u32(..10_000_000));
        let sub = format!("{p}{rest}");
        match self.rng.u8(..6) {
            0 => format!("0{sub}"),
            1 => format!("84{sub}"),
            2 => format!("+84 {} {} {}", &sub[..3], &sub[3..6], &sub[6..]),
            3 => format!("+84{sub}"),
            4 => format!("0{} {} {}", &sub[..2], &sub[2..5], &sub[5..]),
            _ => format!("0{sub}"),
        }
    }
}

/// Naive ISO text (no zone) of unix seconds, in one of the documented shapes: plain,
/// `.000000`, or with microseconds.
pub fn naive_iso(secs: i64, micros: u32, shape: u8) -> String {
    let base = Timestamp::from_unix_seconds(secs)
        .map(|t| t.to_rfc3339())
        .unwrap_or_default();
    let plain = base.trim_end_matches('Z').to_owned();
    match shape % 3 {
        0 => plain,
        1 => format!("{plain}.000000"),
        _ => format!("{plain}.{micros:06}"),
    }
}

/// The naive ISO text of the current wall clock, with microseconds.
pub fn now_iso() -> String {
    let now = now_millis();
    naive_iso(now / 1000, ((now % 1000) * 1000) as u32, 2)
}

/// Unix milliseconds now.
pub fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Builds the store from the seed and sizes.
pub fn generate(seed: u64, sizes: &Sizes) -> Store {
    let mut g = Gen {
        rng: fastrand::Rng::with_seed(seed),
    };
    let mut pages = Vec::new();
    for pi in 0..sizes.pages {
        let n_customers = if pi == 0 {
            sizes.customers
        } else {
            sizes.customers / 3
        };
        pages.push(generate_page(&mut g, pi, n_customers, sizes));
    }
    Store {
        pages,
        chat_plugin: HashMap::new(),
        next_id: 1_000,
    }
}

fn generate_page(g: &mut Gen, pi: usize, n_customers: usize, sizes: &Sizes) -> PageData {
    let id = g.digits(15);
    let platforms = ["facebook", "zalo", "instagram", "whatsapp", "tiktok"];
    let shops = [
        "Thời trang Hoa Mai",
        "Mỹ phẩm Ngọc Lan",
        "Đồ gỗ Phú Quý",
        "Bánh Ngọt Sài Gòn",
    ];
    let page = json!({
        "id": id,
        "platform": platforms[pi % platforms.len()],
        "name": format!("{} {}", shops[pi % shops.len()], pi + 1),
        "avatar_url": format!("https://content.pancake.vn/2.1-24/avatars/{}", g.hex(40)),
    });

    let tags: Vec<Value> = TAGS
        .iter()
        .map(|(tid, text, color)| {
            json!({"id": tid, "text": text, "color": color, "lighten_color": format!("{color}33")})
        })
        .collect();

    let users: Vec<Value> = (0..4)
        .map(|_| {
            let name = g.name();
            json!({
                "id": g.uuid(),
                "name": name,
                "fb_id": g.digits(16),
                "email": format!("nhanvien{}@example.vn", g.digits(4)),
                "status": "available",
                "is_online": g.rng.bool(),
                "role": (["admin", "staff"][g.rng.usize(..2)]),
            })
        })
        .collect();
    let round_robin = json!({
        "inbox": [users[0]["id"].clone(), users[1]["id"].clone()],
        "comment": [users[0]["id"].clone()],
    });

    // Customers: spread over the 180 days before BASE, oldest first.
    let span = 180 * DAY;
    let mut customers: Vec<Rec> = (0..n_customers)
        .map(|i| {
            let ts = BASE - span + (span * i as i64) / (n_customers.max(1) as i64);
            customer(g, &id, ts, &users)
        })
        .collect();
    customers.sort_by_key(|c| c.ts);

    let posts: Vec<Rec> = (0..sizes.posts)
        .map(|i| {
            let ts = BASE - (i as i64) * DAY / 2 - g.rng.i64(0..3600);
            let pid = format!("{id}_{}", g.digits(15));
            Rec {
                ts,
                v: json!({
                    "id": pid,
                    "page_id": id,
                    "from": {"id": id, "name": page["name"].clone()},
                    "message": format!("Sản phẩm mới #{}: {}", i + 1, g.pick(LINES)),
                    "type": (["photo", "video", "text", "livestream"][g.rng.usize(..4)]),
                    "inserted_at": naive_iso(ts, 0, 0),
                    "comment_count": g.rng.u32(..200),
                    "share_count": g.rng.u32(..50),
                    "phone_number_count": g.rng.u32(..20),
                    "reactions": {
                        "like_count": g.rng.u32(..500), "love_count": g.rng.u32(..100),
                        "haha_count": g.rng.u32(..20), "wow_count": g.rng.u32(..20),
                        "sad_count": g.rng.u32(..5), "angry_count": g.rng.u32(..5),
                    },
                }),
            }
        })
        .collect();

    let mut conversations = Vec::new();
    for i in 0..sizes.conversations {
        if customers.is_empty() {
            break;
        }
        let c = customers[(i * 7 + pi) % customers.len()].v.clone();
        let updated = BASE - (i as i64) * 3600 - g.rng.i64(0..1800);
        let comment = !posts.is_empty() && i % 4 == 3;
        conversations.push(conversation(
            g,
            &id,
            &c,
            updated,
            comment,
            &posts,
            &tags,
            &users,
            sizes.messages,
        ));
    }
    conversations.sort_by_key(|c| std::cmp::Reverse(c.ts));

    let call_logs: Vec<Rec> = (0..sizes.call_logs)
        .map(|i| {
            let ts = BASE - (i as i64) * 5400 - g.rng.i64(0..600);
            let c = customers
                .get(i % customers.len().max(1))
                .map(|c| c.v["name"].clone())
                .unwrap_or(Value::Null);
            let duration = g.rng.u32(..600);
            Rec {
                ts,
                v: json!({
                    "call_id": g.uuid(),
                    "caller": format!("0{}", g.digits(9)),
                    "callee": format!("0{}", g.digits(9)),
                    "customer_name": c,
                    "start_time": naive_iso(ts, 0, 0),
                    "duration": duration,
                    "status": if duration == 0 { "missed" } else { "answered" },
                    "direction": (["inbound", "outbound"][g.rng.usize(..2)]),
                }),
            }
        })
        .collect();

    PageData {
        id,
        page,
        customers,
        conversations,
        tags,
        posts,
        users,
        round_robin,
        call_logs,
        contents: HashMap::new(),
    }
}

fn customer(g: &mut Gen, page_id: &str, ts: i64, users: &[Value]) -> Rec {
    let name = g.name();
    let psid = g.digits(16);
    let mut phones = Vec::new();
    for _ in 0..g.rng.usize(..3) {
        phones.push(g.phone());
    }
    // A few customers carry their number in the name, as the documents show.
    let name = if g.rng.u8(..20) == 0 && !phones.is_empty() {
        format!("{name} ({})", phones[0])
    } else {
        name
    };
    let notes: Vec<Value> = (0..g.rng.usize(..3))
        .map(|_| {
            let u = &users[g.rng.usize(..users.len())];
            let created = (ts + g.rng.i64(0..DAY)) * 1000 + g.rng.i64(0..1000);
            note(g.uuid(), g.pick(REPLIES), created, u)
        })
        .collect();
    let micros = g.rng.u32(..1_000_000);
    let shape = g.rng.u8(..3);
    let updated = ts + g.rng.i64(0..30 * DAY);
    let v = json!({
        "id": g.uuid(),
        "customer_id": g.uuid(),
        "name": name,
        "psid": psid,
        "thread_id": if g.rng.bool() { Value::String(g.digits(15)) } else { Value::Null },
        "birthday": if g.rng.u8(..4) == 0 {
            Value::String(format!("{:04}-{:02}-{:02}", 1970 + g.rng.u32(..35), 1 + g.rng.u32(..12), 1 + g.rng.u32(..28)))
        } else { Value::Null },
        "gender": (["male", "female", "unknown"][g.rng.usize(..3)]),
        "lives_in": if g.rng.bool() { Value::String(g.pick(CITIES).to_owned()) } else { Value::Null },
        "can_inbox": g.rng.u8(..10) != 0,
        "emails": if g.rng.u8(..5) == 0 { json!([format!("khach{}@example.vn", g.digits(5))]) } else { json!([]) },
        "phone_numbers": phones,
        "page_id": page_id,
        "inserted_at": naive_iso(ts, micros, shape),
        "updated_at": naive_iso(updated.min(BASE), micros, shape),
        "recent_orders": [],
        "notes": notes,
    });
    Rec { ts, v }
}

/// A note JSON with millisecond timestamps.
pub fn note(id: String, message: &str, created_ms: i64, user: &Value) -> Value {
    json!({
        "id": id,
        "message": message,
        "created_at": created_ms,
        "updated_at": Value::Null,
        "removed_at": Value::Null,
        "is_pinned": false,
        "order_id": Value::Null,
        "images": [],
        "links": [],
        "edit_history": [],
        "created_by": {
            "uid": user["id"].clone(),
            "fb_id": user["fb_id"].clone(),
            "fb_name": user["name"].clone(),
        },
    })
}

#[allow(clippy::too_many_arguments)]
fn conversation(
    g: &mut Gen,
    page_id: &str,
    c: &Value,
    updated: i64,
    comment: bool,
    posts: &[Rec],
    tags: &[Value],
    users: &[Value],
    n_messages: usize,
) -> Conversation {
    let psid = c["psid"].as_str().unwrap_or_default().to_owned();
    let (cid, kind, post_id) = if comment {
        let post = &posts[g.rng.usize(..posts.len())].v;
        let pid = post["id"].as_str().unwrap_or_default().to_owned();
        (
            format!("{pid}_{}", g.digits(15)),
            "COMMENT",
            Value::String(pid),
        )
    } else {
        (format!("{page_id}_{psid}"), "INBOX", Value::Null)
    };
    let inserted = updated - g.rng.i64(DAY..30 * DAY);
    let conv_tags: Vec<Value> = if g.rng.u8(..3) == 0 {
        vec![tags[g.rng.usize(..tags.len())].clone()]
    } else {
        vec![]
    };
    let from = json!({"id": psid, "name": c["name"].clone(), "email": Value::Null});
    let page_from = json!({"id": page_id, "name": "Page", "email": Value::Null});
    let staff = &users[g.rng.usize(..users.len())];
    let mut messages = Vec::with_capacity(n_messages);
    let step = ((updated - inserted) / n_messages as i64).max(1);
    for k in 0..n_messages {
        let ts = inserted + step * k as i64;
        let by_customer = k % 2 == 0;
        let text = if by_customer {
            g.pick(LINES)
        } else {
            g.pick(REPLIES)
        };
        let attachments = if g.rng.u8(..8) == 0 {
            json!([{"type": "photo", "url": format!("https://content.pancake.vn/1/s700x700/{}.jpg", g.hex(24)), "image_data": {"width": 700, "height": 700}}])
        } else {
            json!([])
        };
        let mut m = json!({
            "id": format!("m_{}", g.hex(40)),
            "conversation_id": cid,
            "page_id": page_id,
            "type": kind,
            "message": format!("<div>{text}</div>"),
            "original_message": text,
            "from": if by_customer { from.clone() } else { page_from.clone() },
            "inserted_at": naive_iso(ts, g.rng.u32(..1_000_000), 2),
            "attachments": attachments,
            "seen": true,
            "is_hidden": false,
            "is_removed": false,
            "has_phone": false,
        });
        if !by_customer {
            m["admin_id"] = staff["id"].clone();
            m["admin_name"] = staff["name"].clone();
        }
        messages.push(m);
    }
    let last = messages.last().cloned().unwrap_or(Value::Null);
    let phones = c["phone_numbers"].as_array().cloned().unwrap_or_default();
    let v = json!({
        "id": cid,
        "type": kind,
        "page_id": page_id,
        "post_id": post_id,
        "snippet": last["original_message"].clone(),
        "seen": g.rng.bool(),
        "message_count": n_messages,
        "has_phone": !phones.is_empty(),
        "inserted_at": naive_iso(inserted, 0, 0),
        "updated_at": naive_iso(updated, 0, 0),
        "from": from,
        "last_sent_by": last["from"].clone(),
        "tags": conv_tags,
        "tag_histories": [],
        "assignee_ids": [],
        "assignee_group_id": Value::Null,
        "current_assign_users": [],
        "assignee_histories": [],
        "customer_id": c["customer_id"].clone(),
        "customers": [{"id": c["id"].clone(), "fb_id": psid, "name": c["name"].clone()}],
        "recent_phone_numbers": phones.iter().map(|p| json!({"phone_number": p, "captured": p})).collect::<Vec<_>>(),
        "ad_ids": Value::Null,
        "ads": Value::Null,
        "page_customer": {
            "id": c["id"].clone(), "name": c["name"].clone(), "customer_id": c["customer_id"].clone(),
            "psid": psid, "gender": c["gender"].clone(), "inserted_at": c["inserted_at"].clone(),
            "birthday": Value::Null, "notes": c["notes"].clone(),
        },
        "thread_key": format!("t_{}", psid),
        "unread_count": 0,
    });
    Conversation {
        ts: updated,
        v,
        messages,
    }
}
