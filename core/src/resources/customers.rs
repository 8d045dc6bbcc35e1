//! Page customers: `GET public_api/v1/pages/{page_id}/page_customers` (a time window, by
//! `page_number`, at most 100 per page) and `PUT .../page_customers/{page_customer_id}`.
//!
//! `page_customer_id` is the customer's `id` (Pancake's UUID), not its `psid`.

use serde::{Deserialize, Serialize};

use crate::context::{encode_segment, Api, Context, NoQuery};
use crate::endpoint::Endpoint;
use crate::error::{Error, Result};
use crate::http::{HttpRequest, Method, RetrySafety};
use crate::models::customer::{Ack, Customer, CustomerList};
use crate::operation::{op, paged, Operation};

use crate::paginate::{Cursor, KeyField, ListLayout, Listed, Paginated, Position, Style};
use crate::validate::{check_order_by, check_span, require_text};

/// The largest `page_size` the customer list accepts.
pub const MAX_PAGE_SIZE: u32 = 100;

/// The values `gender` takes in an update.
pub const GENDERS: &[&str] = &["male", "female", "unknown"];

fn one() -> u32 {
    1
}

/// Lists the page's customers created (or updated, with `order_by=updated_at`) in
/// `[since, until]` (unix seconds), newest first, one page at a time.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct ListCustomers {
    /// Start, unix seconds.
    #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
    pub since: i64,
    /// End, unix seconds.
    #[cfg_attr(feature = "schema", schemars(extend("x-unix-seconds" = true)))]
    pub until: i64,
    /// The page, from 1 (default 1).
    #[serde(default = "one")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub page_number: u32,
    /// Customers per page, 1 to 100. When paginating and unset, 100 is asked for.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = MAX_PAGE_SIZE)))]
    pub page_size: Option<u32>,
    /// `inserted_at` (default) or `updated_at`; both sort newest first.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(extend("enum" = crate::validate::ORDER_BY_VALUES)))]
    pub order_by: Option<String>,
}

impl ListCustomers {
    /// The first page of the customers in `[since, until]` (unix seconds).
    pub fn new(since: i64, until: i64) -> Self {
        Self {
            since,
            until,
            page_number: 1,
            page_size: None,
            order_by: None,
        }
    }

    /// Another page.
    pub fn page_number(mut self, page_number: u32) -> Self {
        self.page_number = page_number;
        self
    }

    /// Customers per page (1 to 100). (Named apart from [`Paginated::page_size`].)
    pub fn with_page_size(mut self, page_size: u32) -> Self {
        self.page_size = Some(page_size);
        self
    }

    /// Sort by `inserted_at` or `updated_at`.
    pub fn order_by(mut self, order_by: impl Into<String>) -> Self {
        self.order_by = Some(order_by.into());
        self
    }
}

#[derive(Serialize)]
struct ListQuery<'a> {
    since: i64,
    until: i64,
    page_number: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    page_size: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    order_by: Option<&'a str>,
}

impl Endpoint for ListCustomers {
    type Output = CustomerList;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        check_span(self.since, self.until)?;
        if self.page_number < 1 {
            return Err(Error::invalid("page_number", "must be at least 1"));
        }
        if let Some(size) = self.page_size {
            if !(1..=MAX_PAGE_SIZE).contains(&size) {
                return Err(Error::invalid(
                    "page_size",
                    format!("must be between 1 and {MAX_PAGE_SIZE}, got {size}"),
                ));
            }
        }
        check_order_by(self.order_by.as_deref())?;
        let query = ListQuery {
            since: self.since,
            until: self.until,
            page_number: self.page_number,
            page_size: self.page_size,
            order_by: self.order_by.as_deref(),
        };
        ctx.get(Api::PageV1, "/page_customers", &query)
    }
}

impl Listed for ListCustomers {
    const LIST: ListLayout = ListLayout {
        items: &["customers"],
        total: Some("total"),
        key: &[
            KeyField::Text("id"),
            KeyField::FlexId {
                field: "psid",
                prefix: "psid:",
            },
        ],
        cursor: Cursor::None,
    };
}

impl Paginated for ListCustomers {
    type Item = Customer;
    const STYLE: Style = Style::PageNumber;
    const POSITION: &'static str = "page_number";

    fn page_size(&self) -> u32 {
        self.page_size.unwrap_or(MAX_PAGE_SIZE)
    }

    /// Aims at page `n`; the page size is made explicit so every page has the same size.
    fn at(&self, position: &Position) -> Self {
        let mut next = self.clone();
        if let Position::PageNumber(n) = position {
            next.page_number = *n;
        }
        next.page_size = Some(Paginated::page_size(self));
        next
    }
}

/// Checks a `YYYY-MM-DD` text is a real calendar date (years 0001–9999).
pub fn check_birthday(field: &str, value: &str) -> Result<()> {
    let bad = || {
        Error::invalid(
            field,
            format!("must be a real date written YYYY-MM-DD, got `{value}`"),
        )
    };
    let b = value.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = &value[r];
        if s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return Err(bad());
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if year == 0 || day == 0 || day > days_in_month {
        return Err(bad());
    }
    Ok(())
}

/// The fields an update may change. `phone_numbers` **replaces** the whole list: read, merge,
/// then write.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomerChanges {
    /// The name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `male`, `female` or `unknown`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("enum" = GENDERS)))]
    pub gender: Option<String>,
    /// `YYYY-MM-DD`, a real date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthday: Option<String>,
    /// The complete new list of phone numbers (sent as given: the server does not normalise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_numbers: Option<Vec<String>>,
}

/// Updates a customer (`PUT .../page_customers/{page_customer_id}` with `{"changes": ...}`).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[must_use]
pub struct UpdateCustomer {
    /// The customer's `id` (UUID), not its `psid`.
    pub page_customer_id: String,
    /// What to change (at least one field).
    pub changes: CustomerChanges,
}

impl UpdateCustomer {
    /// An update of `page_customer_id` with no change yet.
    pub fn new(page_customer_id: impl Into<String>) -> Self {
        Self {
            page_customer_id: page_customer_id.into(),
            changes: CustomerChanges::default(),
        }
    }

    /// Rename.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.changes.name = Some(name.into());
        self
    }

    /// Set the gender (`male`, `female`, `unknown`).
    pub fn gender(mut self, gender: impl Into<String>) -> Self {
        self.changes.gender = Some(gender.into());
        self
    }

    /// Set the birthday (`YYYY-MM-DD`).
    pub fn birthday(mut self, birthday: impl Into<String>) -> Self {
        self.changes.birthday = Some(birthday.into());
        self
    }

    /// Replace the phone numbers.
    pub fn phone_numbers<S: Into<String>>(mut self, phones: impl IntoIterator<Item = S>) -> Self {
        self.changes.phone_numbers = Some(phones.into_iter().map(Into::into).collect());
        self
    }
}

impl Endpoint for UpdateCustomer {
    type Output = Ack;

    fn to_request(&self, ctx: &Context) -> Result<HttpRequest> {
        require_text("page_customer_id", &self.page_customer_id)?;
        let c = &self.changes;
        if c == &CustomerChanges::default() {
            return Err(Error::invalid(
                "changes",
                "must change at least one of name, gender, birthday, phone_numbers",
            ));
        }
        if let Some(name) = &c.name {
            require_text("changes.name", name)?;
        }
        if let Some(g) = &c.gender {
            if !GENDERS.contains(&g.as_str()) {
                return Err(Error::invalid(
                    "changes.gender",
                    format!("must be male, female or unknown, got `{g}`"),
                ));
            }
        }
        if let Some(b) = &c.birthday {
            check_birthday("changes.birthday", b)?;
        }
        if let Some(phones) = &c.phone_numbers {
            if phones.iter().any(|p| p.trim().is_empty()) {
                return Err(Error::invalid(
                    "changes.phone_numbers",
                    "must not contain empty numbers",
                ));
            }
        }
        #[derive(Serialize)]
        struct Body<'a> {
            changes: &'a CustomerChanges,
        }
        let path = format!("/page_customers/{}", encode_segment(&self.page_customer_id));
        ctx.json(
            Method::Put,
            Api::PageV1,
            &path,
            &NoQuery {},
            &Body { changes: c },
            RetrySafety::NotIdempotent,
        )
    }
}

/// The operations of this resource.
pub(crate) const OPERATIONS: &[Operation] = &[
    paged::<ListCustomers>("customers.list"),
    op::<UpdateCustomer>("customers.update"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn field(r: Result<HttpRequest>) -> String {
        match r {
            Err(Error::InvalidRequest { field, .. }) => field,
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn birthdays_must_be_real_dates() {
        for ok in ["1990-05-12", "2000-02-29", "2024-02-29", "0001-01-01"] {
            assert!(check_birthday("b", ok).is_ok(), "{ok}");
        }
        for bad in [
            "1900-02-29",
            "2023-02-29",
            "1998-00-00",
            "1990-13-01",
            "1990-04-31",
            "1990-5-12",
            "12/05/1990",
            "1990-05-1x",
            "+990-05-12",
            "",
        ] {
            assert!(check_birthday("b", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn updates_validate_and_send_only_changes() {
        let ctx = Context::page("42", "tok");
        let req = UpdateCustomer::new("uuid-1")
            .gender("female")
            .birthday("1990-05-12")
            .to_request(&ctx)
            .unwrap();
        assert_eq!(req.method, Method::Put);
        assert_eq!(
            req.json_body().unwrap(),
            r#"{"changes":{"gender":"female","birthday":"1990-05-12"}}"#
        );
        assert_eq!(req.retry_safety, RetrySafety::NotIdempotent);
        assert_eq!(field(UpdateCustomer::new("u").to_request(&ctx)), "changes");
        assert_eq!(
            field(UpdateCustomer::new("u").gender("Male").to_request(&ctx)),
            "changes.gender"
        );
        assert_eq!(
            field(
                UpdateCustomer::new("u")
                    .birthday("1990-02-30")
                    .to_request(&ctx)
            ),
            "changes.birthday"
        );
    }

    #[test]
    fn list_pages_with_an_explicit_size() {
        let ctx = Context::page("42", "tok");
        let list = ListCustomers::new(1_700_000_000, 1_700_086_400);
        assert_eq!(list.page_size(), 100);
        let page2 = list.at(&Position::PageNumber(2));
        assert_eq!(
            page2.to_request(&ctx).unwrap().url,
            "https://pages.fm/api/public_api/v1/pages/42/page_customers?since=1700000000&until=1700086400&page_number=2&page_size=100&page_access_token=tok"
        );
        assert_eq!(
            field(list.clone().with_page_size(101).to_request(&ctx)),
            "page_size"
        );
        assert_eq!(
            field(list.clone().with_page_size(0).to_request(&ctx)),
            "page_size"
        );
        let key = |item: &str| ListCustomers::LIST.key_of(&serde_json::from_str(item).unwrap());
        assert_eq!(key(r#"{"psid":"77"}"#).as_deref(), Some("psid:77"));
        assert_eq!(key(r#"{"psid":77}"#).as_deref(), Some("psid:77"));
        assert_eq!(key(r#"{"id":"c1","psid":77}"#).as_deref(), Some("c1"));
        assert_eq!(key(r#"{"name":"x"}"#), None);
    }
}
