//! The checks every request builder shares, so one rule reads the same on every endpoint:
//! non-empty text, unix **seconds** (never milliseconds), a `since`/`until` span, `order_by`,
//! and lists of ids. Each error names the parameter as the API does.

use crate::error::{Error, Result};
use crate::normalize::time::SECONDS_BELOW;

/// The values `order_by` takes in the conversation and customer lists.
pub const ORDER_BY_VALUES: &[&str] = &["inserted_at", "updated_at"];

/// Fails with an error naming `field` when `value` is empty or blank.
pub fn require_text(field: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        Err(Error::invalid(field, "must not be empty"))
    } else {
        Ok(())
    }
}

/// Checks that `value` reads as unix **seconds**: not negative, and not so large that it can
/// only be milliseconds or microseconds (the time module's [`SECONDS_BELOW`]).
pub fn check_unix_seconds(field: &str, value: i64) -> Result<()> {
    if value < 0 {
        return Err(Error::invalid(
            field,
            format!("must be unix seconds, got {value}"),
        ));
    }
    if value >= SECONDS_BELOW {
        return Err(Error::invalid(
            field,
            format!("must be unix seconds; {value} looks like milliseconds or microseconds"),
        ));
    }
    Ok(())
}

/// Checks an optional unix-seconds parameter (see [`check_unix_seconds`]).
pub fn check_unix_seconds_opt(field: &str, value: Option<i64>) -> Result<()> {
    value.map_or(Ok(()), |v| check_unix_seconds(field, v))
}

/// Checks `since` and `until` (each unix seconds, `since <= until`).
pub fn check_span(since: i64, until: i64) -> Result<()> {
    check_unix_seconds("since", since)?;
    check_unix_seconds("until", until)?;
    if since > until {
        return Err(Error::invalid(
            "until",
            format!("must not be before since ({since}), got {until}"),
        ));
    }
    Ok(())
}

/// Checks an optional `since`/`until` pair: each given one is unix seconds, and when both are
/// given, `since <= until`.
pub fn check_optional_span(since: Option<i64>, until: Option<i64>) -> Result<()> {
    match (since, until) {
        (Some(s), Some(u)) => check_span(s, u),
        _ => {
            check_unix_seconds_opt("since", since)?;
            check_unix_seconds_opt("until", until)
        }
    }
}

/// Checks an optional `order_by` against [`ORDER_BY_VALUES`].
pub fn check_order_by(order_by: Option<&str>) -> Result<()> {
    match order_by {
        Some(v) if !ORDER_BY_VALUES.contains(&v) => Err(Error::invalid(
            "order_by",
            format!("must be inserted_at or updated_at, got `{v}`"),
        )),
        _ => Ok(()),
    }
}

/// Fails with an error naming `field` when any of `items` is empty or blank.
pub fn check_items(field: &str, items: &[String]) -> Result<()> {
    if items.iter().any(|s| s.trim().is_empty()) {
        return Err(Error::invalid(field, "must not contain empty values"));
    }
    Ok(())
}

/// Id lists the API takes as one comma-separated text (`user_ids=1,2`): a list in the
/// parameters, one text accepted in its place, joined with commas on the wire. Their ids are
/// checked by [`check_items`] like every other list.
pub mod id_list {
    use serde::{Deserialize, Deserializer, Serializer};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Ids {
        Text(String),
        List(Vec<String>),
    }

    impl From<Ids> for Vec<String> {
        fn from(ids: Ids) -> Self {
            match ids {
                Ids::Text(s) => s.split(',').map(str::to_owned).collect(),
                Ids::List(v) => v,
            }
        }
    }

    /// Reads an optional list, or one comma-separated text.
    pub fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
        Ok(Option::<Ids>::deserialize(d)?.map(Vec::from))
    }

    /// Reads a list, or one comma-separated text.
    pub fn required<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        Ids::deserialize(d).map(Vec::from)
    }

    /// Writes the list as one comma-separated text.
    pub fn joined<S: Serializer>(ids: &[String], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&ids.join(","))
    }

    /// Writes an optional list as one comma-separated text (`None` is skipped by the field).
    pub fn joined_optional<S: Serializer>(
        ids: &Option<Vec<String>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match ids {
            Some(ids) => joined(ids, s),
            None => s.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(r: Result<()>) -> String {
        match r {
            Err(Error::InvalidRequest { field, .. }) => field,
            other => panic!("expected an invalid request, got {other:?}"),
        }
    }

    #[test]
    fn milliseconds_are_rejected_wherever_seconds_are_expected() {
        assert!(check_span(1_700_000_000, 1_700_086_400).is_ok());
        assert_eq!(
            field(check_span(1_700_000_000_000, 1_700_086_400_000)),
            "since"
        );
        assert_eq!(field(check_span(0, 1_700_086_400_000)), "until");
        assert_eq!(field(check_span(-1, 5)), "since");
        assert_eq!(field(check_span(10, 5)), "until");
        assert_eq!(
            field(check_optional_span(Some(1_700_000_000_000), None)),
            "since"
        );
        assert_eq!(field(check_optional_span(None, Some(-3))), "until");
        assert!(check_optional_span(None, None).is_ok());
    }

    #[test]
    fn text_order_by_and_items() {
        assert_eq!(field(require_text("page_id", "  ")), "page_id");
        assert!(check_order_by(Some("updated_at")).is_ok());
        assert_eq!(field(check_order_by(Some("name"))), "order_by");
        assert_eq!(
            field(check_items("tags", &["1".into(), " ".into()])),
            "tags"
        );
    }
}
