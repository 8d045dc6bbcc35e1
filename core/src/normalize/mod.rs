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
