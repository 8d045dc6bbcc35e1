//! Runs the shared normalisation vectors (`tests/vectors/timestamps.json` and
//! `tests/vectors/phones.json`) through the public API. Python and JavaScript run the same
//! files.

use std::path::PathBuf;

use pancake_core::normalize::phone::{extract_phones, normalize_phone};
use pancake_core::normalize::time::{
    date_range, date_range_dates, parse_date_range, parse_timestamp, zone_offset, UtcOffset,
};
use pancake_core::{Error, Result};
use serde_json::{json, Value};

fn load(file: &str) -> Vec<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(file);
    let doc: Value = serde_json::from_slice(&std::fs::read(&path).expect("vector file exists"))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    doc["cases"].as_array().expect("cases array").clone()
}

fn str_of<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key]
        .as_str()
        .unwrap_or_else(|| panic!("{}: no string `{key}`", case["name"]))
}

fn int_of(case: &Value, key: &str) -> i64 {
    case[key]
        .as_i64()
        .unwrap_or_else(|| panic!("{}: no integer `{key}`", case["name"]))
}

fn zone(case: &Value) -> Result<UtcOffset> {
    match case.get("zone").and_then(Value::as_str) {
        Some(name) => zone_offset(name),
        None => Ok(UtcOffset::default()),
    }
}

/// Compare an outcome with the case's `expect` (given as JSON) or `expect_error`.
fn check(case: &Value, got: Result<Value>) -> std::result::Result<(), String> {
    let name = case["name"].as_str().unwrap_or("?");
    if let Some(want) = case.get("expect_error") {
        let want_field = want["field"].as_str().unwrap_or_default();
        return match got {
            Err(Error::InvalidRequest { field, reason }) if field == want_field => {
                if reason.is_empty() {
                    Err(format!("{name}: the error gives no reason"))
                } else {
                    Ok(())
                }
            }
            Err(e) => Err(format!(
                "{name}: error {e:?}, expected field `{want_field}`"
            )),
            Ok(v) => Err(format!("{name}: got {v}, expected an error")),
        };
    }
    let got = got.map_err(|e| format!("{name}: {e}"))?;
    let want = expected(case);
    if got == want {
        Ok(())
    } else {
        Err(format!("{name}:\n  got  {got}\n  want {want}"))
    }
}

/// The expected value, shaped like what `run` produces.
fn expected(case: &Value) -> Value {
    if case["function"] == "parse_timestamp" {
        return json!({"unix_micros": case["expect_unix_micros"], "rfc3339": case["expect_rfc3339"]});
    }
    if case["function"] == "zone_offset" {
        return case["expect_offset_seconds"].clone();
    }
    case["expect"].clone()
}

fn run(case: &Value) -> Result<Value> {
    match str_of(case, "function") {
        "parse_timestamp" => parse_timestamp(&case["input"]).map(|t| {
            assert_eq!(t.unix_seconds(), t.unix_micros().div_euclid(1_000_000));
            assert_eq!(t.unix_millis(), t.unix_micros().div_euclid(1_000));
            json!({"unix_micros": t.unix_micros(), "rfc3339": t.to_rfc3339()})
        }),
        "date_range" => {
            date_range(int_of(case, "since"), int_of(case, "until"), zone(case)?).map(Value::from)
        }
        "date_range_dates" => {
            date_range_dates(int_of(case, "since"), int_of(case, "until"), zone(case)?)
                .map(Value::from)
        }
        "parse_date_range" => parse_date_range(str_of(case, "text"), zone(case)?)
            .map(|(since, until)| json!({"since": since, "until": until})),
        "zone_offset" => zone_offset(str_of(case, "zone")).map(|o| json!(o.seconds())),
        "normalize_phone" => {
            normalize_phone(str_of(case, "raw"), str_of(case, "region")).map(Value::from)
        }
        "extract_phones" => Ok(json!(extract_phones(
            str_of(case, "text"),
            str_of(case, "region")
        ))),
        other => panic!("{}: unknown function {other}", case["name"]),
    }
}

fn run_file(file: &str) -> usize {
    let cases = load(file);
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| check(case, run(case)).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{file}: {} of {} failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    cases.len()
}

#[test]
fn timestamp_vectors() {
    assert!(run_file("timestamps.json") >= 50);
}

#[test]
fn phone_vectors() {
    let cases = load("phones.json");
    let regions: std::collections::BTreeSet<&str> = cases
        .iter()
        .filter(|c| c["function"] == "normalize_phone" && c.get("expect").is_some())
        .filter_map(|c| c["region"].as_str())
        .map(|r| match r {
            "vn" => "VN",
            r => r,
        })
        .collect();
    for r in ["VN", "ID", "TH", "PH", "MY", "SG"] {
        assert!(regions.contains(r), "no phone vector for {r}");
    }
    assert!(run_file("phones.json") >= 25);
}
