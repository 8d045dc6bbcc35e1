//! Timestamps in every shape the API uses, read as one UTC instant.
//!
//! The API mixes units and text forms (see the reference's README):
//!
//! * query parameters (`since`, `until`) and read watermarks are unix **seconds**;
//! * note `created_at` / `updated_at` / `removed_at` are unix **milliseconds**;
//! * the tag-change response `timestamp` has 16 digits: unix **microseconds**;
//! * response strings are naive ISO 8601 (`2021-08-26T06:29:56`, `2023-12-26T08:44:29.000000`,
//!   `2023-04-05T02:22:06.689494`), which we read as UTC, or carry a `Z` / `+07:00` offset;
//! * statistics take a `date_range` text: `27/07/2021 00:00:00 - 26/08/2021 23:59:59`, or
//!   `20/07/2020 - 20/08/2020` for new-customer statistics, in the shop's local time.
//!
//! [`parse_timestamp`] reads all of them into a [`Timestamp`] (microseconds since the unix
//! epoch, UTC). [`date_range`], [`date_range_dates`] and [`parse_date_range`] render and read
//! the `date_range` text in a fixed [`UtcOffset`]; [`zone_offset`] maps the Southeast Asian IANA
//! zone names to their offsets.
//!
//! No clock is read here, and there is no time-zone database: the calendar arithmetic is
//! Howard Hinnant's `days_from_civil` / `civil_from_days` (proleptic Gregorian calendar).
//! Instants are limited to the years 0000 through 9999, the range RFC 3339 can write.
//!
//! ```
//! use pancake_core::normalize::time::{parse_timestamp, date_range, UtcOffset};
//! use serde_json::json;
//!
//! let t = parse_timestamp(&json!("2021-08-26T06:29:56")).unwrap();
//! assert_eq!(t.unix_seconds(), 1_629_959_396);
//! assert_eq!(t.to_rfc3339(), "2021-08-26T06:29:56Z");
//! assert_eq!(parse_timestamp(&json!(1_629_959_396_000_i64)).unwrap(), t); // milliseconds
//!
//! let text = date_range(1_627_318_800, 1_629_997_199, UtcOffset::default()).unwrap();
//! assert_eq!(text, "27/07/2021 00:00:00 - 26/08/2021 23:59:59");
//! ```

use std::fmt;

use serde_json::Value;

use crate::error::{Error, Result};

const MICROS_PER_SECOND: i64 = 1_000_000;
const SECONDS_PER_DAY: i64 = 86_400;

/// Below this magnitude a number is read as unix **seconds** (1e11 s is in the year 5138).
pub const SECONDS_BELOW: i64 = 100_000_000_000;
/// Below this magnitude (and at or above [`SECONDS_BELOW`]) a number is read as unix
/// **milliseconds**; at or above it, as **microseconds**. 1e11 ms and 1e14 µs are both
/// 1973-03-03, so any instant after March 1973 is read correctly in all three units.
pub const MILLIS_BELOW: i64 = 100_000_000_000_000;

/// The earliest instant we represent: `0000-01-01T00:00:00Z`, in microseconds.
const MIN_MICROS: i64 = -62_167_219_200 * MICROS_PER_SECOND;
/// The latest instant we represent: `9999-12-31T23:59:59.999999Z`, in microseconds.
const MAX_MICROS: i64 = 253_402_300_800 * MICROS_PER_SECOND - 1;

/// A UTC instant with microsecond precision, between the years 0000 and 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    /// The instant `micros` microseconds after the unix epoch, if it lies in 0000..=9999.
    pub fn from_unix_micros(micros: i64) -> Result<Self> {
        if (MIN_MICROS..=MAX_MICROS).contains(&micros) {
            Ok(Timestamp(micros))
        } else {
            Err(Error::invalid(
                "timestamp",
                format!("{micros} µs is outside the years 0000 to 9999"),
            ))
        }
    }

    /// The instant `seconds` seconds after the unix epoch, if it lies in 0000..=9999.
    pub fn from_unix_seconds(seconds: i64) -> Result<Self> {
        match seconds.checked_mul(MICROS_PER_SECOND) {
            Some(micros) => Self::from_unix_micros(micros),
            None => Err(Error::invalid(
                "timestamp",
                format!("{seconds} s is outside the years 0000 to 9999"),
            )),
        }
    }

    /// Microseconds since the unix epoch.
    pub fn unix_micros(self) -> i64 {
        self.0
    }

    /// Whole milliseconds since the unix epoch (rounded down).
    pub fn unix_millis(self) -> i64 {
        self.0.div_euclid(1_000)
    }

    /// Whole seconds since the unix epoch (rounded down).
    pub fn unix_seconds(self) -> i64 {
        self.0.div_euclid(MICROS_PER_SECOND)
    }

    /// RFC 3339 in UTC: `2021-08-26T06:29:56Z`, with a fraction only when it is not zero,
    /// written without trailing zeros (`2023-04-05T02:22:06.689494Z`, `...:06.5Z`).
    pub fn to_rfc3339(self) -> String {
        let secs = self.unix_seconds();
        let frac = self.0.rem_euclid(MICROS_PER_SECOND);
        let c = Civil::from_unix(secs);
        let mut out = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            c.year, c.month, c.day, c.hour, c.minute, c.second
        );
        if frac != 0 {
            let digits = format!("{frac:06}");
            out.push('.');
            out.push_str(digits.trim_end_matches('0'));
        }
        out.push('Z');
        out
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

/// A fixed offset from UTC, in seconds east of Greenwich (at most ±18 hours).
///
/// The default is `+07:00`, Vietnam's (Asia/Ho_Chi_Minh), where Pancake is based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UtcOffset(i32);

impl UtcOffset {
    /// UTC itself.
    pub const UTC: UtcOffset = UtcOffset(0);
    /// `+07:00`: Asia/Ho_Chi_Minh, Asia/Bangkok, Asia/Jakarta, Asia/Phnom_Penh, Asia/Vientiane.
    pub const HO_CHI_MINH: UtcOffset = UtcOffset(7 * 3600);

    const MAX_SECONDS: i32 = 18 * 3600;

    /// An offset of `seconds` east of UTC (negative for west), at most ±18 hours.
    pub fn from_seconds(seconds: i32) -> Result<Self> {
        if (-Self::MAX_SECONDS..=Self::MAX_SECONDS).contains(&seconds) {
            Ok(UtcOffset(seconds))
        } else {
            Err(Error::invalid(
                "offset",
                format!("{seconds} s is more than 18 hours from UTC"),
            ))
        }
    }

    /// Seconds east of UTC.
    pub fn seconds(self) -> i32 {
        self.0
    }
}

impl Default for UtcOffset {
    fn default() -> Self {
        UtcOffset::HO_CHI_MINH
    }
}

impl fmt::Display for UtcOffset {
    /// `+07:00`, `-05:30`, `+00:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { '-' } else { '+' };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60)
    }
}

/// The IANA zones we know, with their offsets in minutes. None of them observes daylight
/// saving, so one fixed offset per zone is exact for present-day dates (several changed offset
/// in the past: Singapore and Malaysia moved from +07:30 to +08:00 in 1982, so dates before
/// 1982 may be off there).
const ZONES: &[(&str, i32)] = &[
    ("Asia/Ho_Chi_Minh", 7 * 60),
    ("Asia/Saigon", 7 * 60),
    ("Asia/Bangkok", 7 * 60),
    ("Asia/Jakarta", 7 * 60),
    ("Asia/Phnom_Penh", 7 * 60),
    ("Asia/Vientiane", 7 * 60),
    ("Asia/Makassar", 8 * 60),
    ("Asia/Manila", 8 * 60),
    ("Asia/Kuala_Lumpur", 8 * 60),
    ("Asia/Singapore", 8 * 60),
    ("Asia/Jayapura", 9 * 60),
    ("Asia/Yangon", 6 * 60 + 30),
    ("Asia/Rangoon", 6 * 60 + 30),
    ("UTC", 0),
    ("Etc/UTC", 0),
];

/// The fixed offset of a Southeast Asian IANA zone (`Asia/Ho_Chi_Minh`, `Asia/Bangkok`,
/// `Asia/Jakarta`, `Asia/Makassar`, `Asia/Jayapura`, `Asia/Manila`, `Asia/Kuala_Lumpur`,
/// `Asia/Singapore`, `Asia/Yangon`, `Asia/Phnom_Penh`, `Asia/Vientiane`, `UTC`, and the old
/// aliases `Asia/Saigon`, `Asia/Rangoon`, `Etc/UTC`; ASCII case is ignored), or a literal
/// offset `+07:00` / `-0530` / `+07`.
///
/// Any other name is an error: we carry no time-zone database, and a zone with daylight
/// saving cannot be a fixed offset.
pub fn zone_offset(name: &str) -> Result<UtcOffset> {
    let name = name.trim();
    if let Some(&(_, minutes)) = ZONES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
        return UtcOffset::from_seconds(minutes * 60);
    }
    let mut cur = Cursor::new(name);
    if let Some(seconds) = cur.offset() {
        if cur.at_end() {
            return UtcOffset::from_seconds(seconds);
        }
    }
    Err(Error::invalid(
        "zone",
        format!(
            "unknown time zone {:?}: expected one of the Southeast Asian zones ({}) or an \
             offset such as +07:00",
            preview(name),
            ZONES.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
        ),
    ))
}

/// Read a timestamp in any shape the API uses.
///
/// * **Numbers** and **numeric strings** (`1629959396`, `"1629959396.5"`, `-1`) are unix time
///   in a unit chosen by magnitude: below 1e11 ([`SECONDS_BELOW`]) seconds, below 1e14
///   ([`MILLIS_BELOW`]) milliseconds, else microseconds. Fractions below a microsecond are
///   dropped (towards zero).
/// * **ISO 8601 strings**: `YYYY-MM-DD`, `T` (or `t`, or a space), `HH:MM:SS`, an optional
///   fraction of 1 to 9 digits (after `.` or `,`; digits past the sixth are dropped), then an
///   optional `Z` or `±HH:MM` / `±HHMM` / `±HH` offset. Without an offset the time is UTC.
///
/// Leading and trailing whitespace is ignored. Anything else, including `null`, a date without
/// a time, a leap second or an instant outside the years 0000–9999, is an
/// `Error::InvalidRequest` naming `timestamp`. This function never panics.
pub fn parse_timestamp(value: &Value) -> Result<Timestamp> {
    match value {
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                from_decimal(&Decimal::integer(i), &n.to_string())
            } else if let Some(f) = n.as_f64() {
                // Rust prints f64 without exponents, as the shortest digits that round-trip.
                let text = format!("{f}");
                match Decimal::parse(&text) {
                    Some(d) => from_decimal(&d, &text),
                    None => Err(bad_timestamp(&text, "the number is out of range")),
                }
            } else {
                Err(bad_timestamp(&n.to_string(), "the number is out of range"))
            }
        }
        Value::String(s) => parse_timestamp_str(s),
        Value::Null => Err(Error::invalid(
            "timestamp",
            "expected a number or a string, got null",
        )),
        Value::Bool(_) => Err(Error::invalid(
            "timestamp",
            "expected a number or a string, got a boolean",
        )),
        Value::Array(_) => Err(Error::invalid(
            "timestamp",
            "expected a number or a string, got an array",
        )),
        Value::Object(_) => Err(Error::invalid(
            "timestamp",
            "expected a number or a string, got an object",
        )),
    }
}

/// [`parse_timestamp`] for text: an ISO 8601 date-time or a number written as text.
pub fn parse_timestamp_str(text: &str) -> Result<Timestamp> {
    let s = text.trim();
    if s.is_empty() {
        return Err(Error::invalid("timestamp", "the text is empty"));
    }
    if let Some(d) = Decimal::parse(s) {
        return from_decimal(&d, s);
    }
    let b = s.as_bytes();
    if b.len() >= 10 && b[4] == b'-' {
        return parse_iso(s);
    }
    Err(bad_timestamp(
        s,
        "expected unix time as a number, or an ISO 8601 date-time such as 2021-08-26T06:29:56",
    ))
}

/// Render `date_range` text with times: `27/07/2021 00:00:00 - 26/08/2021 23:59:59`, both
/// instants (unix seconds) shown in `offset`.
pub fn date_range(since_secs: i64, until_secs: i64, offset: UtcOffset) -> Result<String> {
    let (since, until) = range_civil(since_secs, until_secs, offset)?;
    Ok(format!("{} - {}", since.dmy_hms(), until.dmy_hms()))
}

/// Render `date_range` text with dates only, as new-customer statistics take it:
/// `20/07/2020 - 20/08/2020`, the local days (in `offset`) holding both instants.
pub fn date_range_dates(since_secs: i64, until_secs: i64, offset: UtcOffset) -> Result<String> {
    let (since, until) = range_civil(since_secs, until_secs, offset)?;
    Ok(format!("{} - {}", since.dmy(), until.dmy()))
}

/// Read `date_range` text back into `(since, until)` unix seconds. Each side is
/// `DD/MM/YYYY HH:MM:SS` or `DD/MM/YYYY` (day and month may have one digit), read in
/// `offset`; a date alone means the start of that day for `since` and its last second
/// (`23:59:59`) for `until`. `since` after `until` is an error.
pub fn parse_date_range(text: &str, offset: UtcOffset) -> Result<(i64, i64)> {
    let Some((left, right)) = text.split_once('-') else {
        return Err(bad_range(text, "expected two dates separated by ` - `"));
    };
    let since = parse_dmy(left.trim(), false)
        .ok_or_else(|| bad_range(text, "the first date is not DD/MM/YYYY [HH:MM:SS]"))?;
    let until = parse_dmy(right.trim(), true)
        .ok_or_else(|| bad_range(text, "the second date is not DD/MM/YYYY [HH:MM:SS]"))?;
    let shift = i64::from(offset.seconds());
    let (since, until) = (since - shift, until - shift);
    if since > until {
        return Err(bad_range(text, "the range ends before it starts"));
    }
    Ok((since, until))
}

fn range_civil(since: i64, until: i64, offset: UtcOffset) -> Result<(Civil, Civil)> {
    if since > until {
        return Err(Error::invalid(
            "date_range",
            format!("since ({since}) is after until ({until})"),
        ));
    }
    let local = |secs: i64| -> Result<Civil> {
        let t = Timestamp::from_unix_seconds(secs)
            .and_then(|t| Timestamp::from_unix_micros(t.0 + i64::from(offset.0) * 1_000_000))
            .map_err(|_| {
                Error::invalid(
                    "date_range",
                    format!("{secs} s is outside the years 0000 to 9999"),
                )
            })?;
        Ok(Civil::from_unix(t.unix_seconds()))
    };
    Ok((local(since)?, local(until)?))
}

/// `DD/MM/YYYY[ HH:MM:SS]` as seconds since the epoch, reading the clock on the wall as UTC.
fn parse_dmy(s: &str, end_of_day: bool) -> Option<i64> {
    let mut cur = Cursor::new(s);
    let day = cur.digits(1, 2)?;
    cur.eat(b'/')?;
    let month = cur.digits(1, 2)?;
    cur.eat(b'/')?;
    let year = cur.digits(4, 4)?;
    let (hour, minute, second) = if cur.at_end() {
        if end_of_day {
            (23, 59, 59)
        } else {
            (0, 0, 0)
        }
    } else {
        cur.eat(b' ')?;
        while cur.eat(b' ').is_some() {}
        let h = cur.digits(2, 2)?;
        cur.eat(b':')?;
        let m = cur.digits(2, 2)?;
        cur.eat(b':')?;
        let sec = cur.digits(2, 2)?;
        (h, m, sec)
    };
    if !cur.at_end() {
        return None;
    }
    civil_seconds(year, month, day, hour, minute, second)
}

fn parse_iso(s: &str) -> Result<Timestamp> {
    let shape = "expected YYYY-MM-DDTHH:MM:SS[.ffffff][Z|±HH:MM]";
    let bad = |why: &str| bad_timestamp(s, why);
    let mut cur = Cursor::new(s);
    let mut field = || -> Option<(i64, i64, i64, i64, i64, i64)> {
        let year = cur.digits(4, 4)?;
        cur.eat(b'-')?;
        let month = cur.digits(2, 2)?;
        cur.eat(b'-')?;
        let day = cur.digits(2, 2)?;
        cur.eat_any(b"Tt ")?;
        let hour = cur.digits(2, 2)?;
        cur.eat(b':')?;
        let minute = cur.digits(2, 2)?;
        cur.eat(b':')?;
        let second = cur.digits(2, 2)?;
        Some((year, month, day, hour, minute, second))
    };
    let (year, month, day, hour, minute, second) = field().ok_or_else(|| bad(shape))?;
    let mut micros = 0i64;
    if cur.eat_any(b".,").is_some() {
        let start = cur.pos;
        let frac = cur
            .digits(1, 9)
            .ok_or_else(|| bad("a fraction needs 1 to 9 digits"))?;
        let len = cur.pos - start;
        micros = if len <= 6 {
            frac * 10i64.pow((6 - len) as u32)
        } else {
            frac / 10i64.pow((len - 6) as u32)
        };
    }
    let offset = if cur.at_end() || cur.eat_any(b"Zz").is_some() {
        0
    } else {
        cur.offset().ok_or_else(|| bad(shape))?
    };
    if !cur.at_end() {
        return Err(bad(shape));
    }
    let local = civil_seconds(year, month, day, hour, minute, second)
        .ok_or_else(|| bad("no such date or time of day"))?;
    let secs = local - i64::from(offset);
    Timestamp::from_unix_micros(secs * MICROS_PER_SECOND + micros)
        .map_err(|_| bad("outside the years 0000 to 9999"))
}

/// A number read exactly from its decimal text.
struct Decimal {
    negative: bool,
    /// The integer part's magnitude.
    int: i64,
    /// The first six fraction digits, as millionths.
    frac_micros: i64,
}

impl Decimal {
    fn integer(i: i64) -> Self {
        Decimal {
            negative: i < 0,
            int: i.checked_abs().unwrap_or(i64::MAX),
            frac_micros: 0,
        }
    }

    /// `[+-]digits[.digits]`, nothing else. `None` when it is not that shape or the integer
    /// part does not fit an `i64`.
    fn parse(s: &str) -> Option<Decimal> {
        let (negative, rest) = match s.as_bytes().first()? {
            b'-' => (true, &s[1..]),
            b'+' => (false, &s[1..]),
            _ => (false, s),
        };
        let (int_text, frac_text) = match rest.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (rest, None),
        };
        if int_text.is_empty() || !int_text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let int = int_text.parse::<i64>().ok()?;
        let mut frac_micros = 0;
        if let Some(f) = frac_text {
            if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let mut scale = 100_000;
            for b in f.bytes().take(6) {
                frac_micros += i64::from(b - b'0') * scale;
                scale /= 10;
            }
        }
        Some(Decimal {
            negative,
            int,
            frac_micros,
        })
    }
}

fn from_decimal(d: &Decimal, text: &str) -> Result<Timestamp> {
    let magnitude = if d.int < SECONDS_BELOW {
        d.int
            .checked_mul(MICROS_PER_SECOND)
            .and_then(|m| m.checked_add(d.frac_micros))
    } else if d.int < MILLIS_BELOW {
        d.int
            .checked_mul(1_000)
            .and_then(|m| m.checked_add(d.frac_micros / 1_000))
    } else {
        Some(d.int)
    };
    let micros = magnitude.map(|m| if d.negative { -m } else { m });
    match micros.map(Timestamp::from_unix_micros) {
        Some(Ok(t)) => Ok(t),
        _ => Err(bad_timestamp(text, "outside the years 0000 to 9999")),
    }
}

/// A wall-clock reading in the proleptic Gregorian calendar.
struct Civil {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
}

impl Civil {
    fn from_unix(secs: i64) -> Civil {
        let days = secs.div_euclid(SECONDS_PER_DAY);
        let rem = secs.rem_euclid(SECONDS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: rem / 3600,
            minute: rem % 3600 / 60,
            second: rem % 60,
        }
    }

    fn dmy(&self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }

    fn dmy_hms(&self) -> String {
        format!(
            "{} {:02}:{:02}:{:02}",
            self.dmy(),
            self.hour,
            self.minute,
            self.second
        )
    }
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Seconds since the epoch of a wall-clock reading taken as UTC; `None` for impossible dates
/// and times (month 13, 30 February, 24:00, leap seconds).
fn civil_seconds(
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
) -> Option<i64> {
    if !(1..=12).contains(&month)
        || !(1..=days_in_month(year, month)).contains(&day)
        || !(0..24).contains(&hour)
        || !(0..60).contains(&minute)
        || !(0..60).contains(&second)
    {
        return None;
    }
    Some(days_from_civil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// A tiny byte cursor for the fixed-shape parsers above.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(s: &'a str) -> Self {
        Cursor {
            bytes: s.as_bytes(),
            pos: 0,
        }
    }

    fn at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        self.eat_any(&[b]).map(|_| ())
    }

    fn eat_any(&mut self, set: &[u8]) -> Option<u8> {
        let b = *self.bytes.get(self.pos)?;
        if set.contains(&b) {
            self.pos += 1;
            Some(b)
        } else {
            None
        }
    }

    /// Between `min` and `max` ASCII digits (at most 9), as a number.
    /// On failure the cursor does not move.
    fn digits(&mut self, min: usize, max: usize) -> Option<i64> {
        let start = self.pos;
        let mut value = 0i64;
        let mut n = 0;
        while n < max {
            match self.bytes.get(self.pos) {
                Some(b) if b.is_ascii_digit() => {
                    value = value * 10 + i64::from(b - b'0');
                    self.pos += 1;
                    n += 1;
                }
                _ => break,
            }
        }
        if n < min {
            self.pos = start;
            return None;
        }
        Some(value)
    }

    /// `±HH:MM`, `±HHMM` or `±HH`, as seconds east of UTC.
    fn offset(&mut self) -> Option<i32> {
        let sign = match self.eat_any(b"+-")? {
            b'-' => -1,
            _ => 1,
        };
        let hours = self.digits(2, 2)?;
        let minutes = if self.eat(b':').is_some() {
            self.digits(2, 2)?
        } else {
            self.digits(2, 2).unwrap_or(0)
        };
        if hours > 23 || minutes > 59 {
            return None;
        }
        i32::try_from(sign * (hours * 3600 + minutes * 60)).ok()
    }
}

/// At most 40 characters of the input, for error messages.
fn preview(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

fn bad_timestamp(input: &str, why: &str) -> Error {
    Error::invalid("timestamp", format!("{:?}: {why}", preview(input)))
}

fn bad_range(input: &str, why: &str) -> Error {
    Error::invalid("date_range", format!("{:?}: {why}", preview(input)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn civil_round_trip_over_the_whole_range() {
        for days in (-719_528..=2_932_896).step_by(97) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(
            days_from_civil(0, 1, 1) * SECONDS_PER_DAY,
            MIN_MICROS / 1_000_000
        );
        assert_eq!(
            days_from_civil(10000, 1, 1) * SECONDS_PER_DAY,
            (MAX_MICROS + 1) / 1_000_000
        );
    }

    #[test]
    fn units_by_magnitude() {
        let s = parse_timestamp(&json!(1_629_959_396)).unwrap();
        let ms = parse_timestamp(&json!(1_629_959_396_000_i64)).unwrap();
        let us = parse_timestamp(&json!(1_629_959_396_000_000_i64)).unwrap();
        assert_eq!(s, ms);
        assert_eq!(ms, us);
        assert_eq!(s.unix_millis(), 1_629_959_396_000);
    }

    #[test]
    fn floats_and_extremes() {
        let t = parse_timestamp(&json!(1_629_959_396.25)).unwrap();
        assert_eq!(t.unix_micros(), 1_629_959_396_250_000);
        assert!(parse_timestamp(&json!(1e300)).is_err());
        assert!(parse_timestamp(&json!(u64::MAX)).is_err());
        assert!(parse_timestamp(&json!(i64::MIN)).is_err());
        assert!(parse_timestamp(&json!("-9223372036854775808")).is_err());
    }

    #[test]
    fn negative_seconds_round_down() {
        let t = parse_timestamp(&json!(-1.5)).unwrap();
        assert_eq!(t.unix_seconds(), -2);
        assert_eq!(t.to_rfc3339(), "1969-12-31T23:59:58.5Z");
    }

    proptest! {
        #[test]
        fn never_panics_on_text(s in "\\PC{0,40}") {
            let _ = parse_timestamp(&Value::String(s.clone()));
            let _ = parse_date_range(&s, UtcOffset::default());
            let _ = zone_offset(&s);
        }

        #[test]
        fn never_panics_on_shaped_text(s in "[0-9+\\-.:TZ /]{0,32}") {
            let _ = parse_timestamp(&Value::String(s.clone()));
            let _ = parse_date_range(&s, UtcOffset::default());
        }

        #[test]
        fn never_panics_on_numbers(i in any::<i64>(), f in any::<f64>()) {
            let _ = parse_timestamp(&json!(i));
            let _ = parse_timestamp(&json!(f));
            let _ = date_range(i, i, UtcOffset::default());
        }

        #[test]
        fn rfc3339_round_trips(micros in MIN_MICROS..=MAX_MICROS) {
            let t = Timestamp::from_unix_micros(micros).unwrap();
            let back = parse_timestamp(&Value::String(t.to_rfc3339())).unwrap();
            prop_assert_eq!(back, t);
        }

        #[test]
        fn date_range_round_trips(a in -2_000_000_000i64..4_000_000_000, len in 0i64..100_000_000,
                                  off in -50_400i32..=50_400) {
            let offset = UtcOffset::from_seconds(off / 60 * 60).unwrap();
            let text = date_range(a, a + len, offset).unwrap();
            prop_assert_eq!(parse_date_range(&text, offset).unwrap(), (a, a + len));
        }
    }
}
