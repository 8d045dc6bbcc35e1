//! Normalisation of the values the API returns in many shapes.
//!
//! * [`time`]: timestamps (unix seconds, milliseconds or microseconds; naive or offset ISO
//!   8601 text) into one UTC [`time::Timestamp`], and the statistics `date_range` text.
//! * [`phone`]: phone numbers into E.164 (`+84328290781`), from libphonenumber's metadata.
//!
//! Both are pure functions: no clock, no I/O. Python and JavaScript run the same vectors
//! (`tests/vectors/timestamps.json`, `tests/vectors/phones.json`).

pub mod phone;
pub mod time;

pub use phone::{extract_phones, normalize_phone, DEFAULT_REGION};
pub use time::{
    date_range, date_range_dates, parse_date_range, parse_timestamp, zone_offset, Timestamp,
    UtcOffset,
};

/// Whether a response field of this name holds a timestamp, so bindings can present it as a
/// date-time (`inserted_at`, `updated_at`, note `created_at` in milliseconds, `hangup_time`, the
/// tag-change `timestamp` in microseconds, read `watermark`s in seconds, statistics `hour`/`date`).
/// One list, here, for every language.
pub fn is_timestamp_field(name: &str) -> bool {
    name.ends_with("_at")
        || name.ends_with("_time")
        || matches!(name, "timestamp" | "watermark" | "date" | "hour" | "time")
}

#[cfg(test)]
mod tests {
    use super::is_timestamp_field;

    #[test]
    fn timestamp_fields_by_name() {
        for yes in [
            "inserted_at",
            "created_at",
            "hangup_time",
            "timestamp",
            "watermark",
            "hour",
        ] {
            assert!(is_timestamp_field(yes), "{yes}");
        }
        for no in ["id", "birthday", "phone_numbers", "dummy_id", "at", "total"] {
            assert!(!is_timestamp_field(no), "{no}");
        }
    }
}
