//! Runs the shared request vectors (`tests/vectors/requests*.json`): parameters in, the exact
//! request (or the exact validation error) out. Python and JavaScript run the same files.

use std::path::PathBuf;

use pancake_core::{operations, Body, Context, Error, Secret};
use serde_json::Value;

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn context(v: &Value) -> Context {
    let mut ctx = Context::default();
    if let Some(url) = v.get("base_url").and_then(Value::as_str) {
        ctx = ctx.with_base_url(url);
    }
    ctx.page_id = v.get("page_id").and_then(Value::as_str).map(str::to_owned);
    ctx.page_access_token = v
        .get("page_access_token")
        .and_then(Value::as_str)
        .map(Secret::new);
    ctx.access_token = v
        .get("access_token")
        .and_then(Value::as_str)
        .map(Secret::new);
    ctx
}

fn run_case(case: &Value) -> Result<(), String> {
    let name = case["name"].as_str().unwrap_or("?");
    let op = case["operation"].as_str().ok_or("no operation")?;
    let ctx = context(&case["context"]);
    let result = operations::build(&ctx, op, &case["params"]);
    if let Some(expect) = case.get("expect_error") {
        return match result {
            Err(Error::InvalidRequest { field, reason }) => {
                let want = expect["field"].as_str().unwrap_or_default();
                if field == want {
                    Ok(())
                } else {
                    Err(format!(
                        "{name}: error names `{field}` ({reason}), expected `{want}`"
                    ))
                }
            }
            Err(other) => Err(format!("{name}: unexpected error {other:?}")),
            Ok(req) => Err(format!("{name}: built {req:?}, expected an error")),
        };
    }
    let expect = &case["expect"];
    let req = result.map_err(|e| format!("{name}: {e}"))?;
    if req.method.as_str() != expect["method"].as_str().unwrap_or_default() {
        return Err(format!("{name}: method {}", req.method));
    }
    if req.url != expect["url"].as_str().unwrap_or_default() {
        return Err(format!(
            "{name}: url\n  got  {}\n  want {}",
            req.url, expect["url"]
        ));
    }
    let body = match &req.body {
        Body::None => Value::Null,
        Body::Json(bytes) => serde_json::from_slice(bytes).map_err(|e| e.to_string())?,
        Body::Multipart(parts) => Value::Array(
            parts
                .iter()
                .map(|p| {
                    serde_json::json!({"name": p.name, "filename": p.filename,
                    "content_type": p.content_type, "size": p.data.len()})
                })
                .collect(),
        ),
    };
    let want_body = expect.get("body").cloned().unwrap_or(Value::Null);
    if body != want_body {
        return Err(format!("{name}: body\n  got  {body}\n  want {want_body}"));
    }
    if let Some(safety) = expect.get("retry_safety").and_then(Value::as_str) {
        let got = serde_json::to_value(req.retry_safety).unwrap();
        if got != safety {
            return Err(format!("{name}: retry_safety {got}, expected {safety}"));
        }
    }
    Ok(())
}

#[test]
fn request_vectors() {
    let mut files: Vec<_> = std::fs::read_dir(vectors_dir())
        .expect("tests/vectors exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("requests") && n.ends_with(".json"))
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no request vectors found");
    let mut failures = Vec::new();
    let mut count = 0;
    let mut covered = std::collections::BTreeSet::new();
    for file in &files {
        let doc: Value = serde_json::from_slice(&std::fs::read(file).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for case in doc["cases"].as_array().expect("cases array") {
            count += 1;
            covered.insert(case["operation"].as_str().unwrap_or_default().to_owned());
            if let Err(e) = run_case(case) {
                failures.push(format!("{}: {e}", file.display()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let missing: Vec<_> = operations::all()
        .map(|o| o.name)
        .filter(|n| !covered.contains(*n))
        .collect();
    assert!(
        missing.is_empty(),
        "operations with no request vector: {missing:?}"
    );
}

/// Every operation reports the parameter names it accepts, and every parameter a request
/// vector uses is among them (the bindings' typed signatures are checked against this list).
#[test]
fn param_names_cover_the_vectors() {
    let customers = operations::param_names("customers.list").unwrap();
    for name in ["since", "until", "page_number", "page_size"] {
        assert!(customers.contains(&name), "{customers:?}");
    }
    assert!(operations::param_names("tags.list").unwrap().is_empty());
    for path in std::fs::read_dir(vectors_dir()).unwrap().flatten() {
        let name = path.file_name().to_string_lossy().into_owned();
        if !name.starts_with("requests") {
            continue;
        }
        let doc: Value = serde_json::from_slice(&std::fs::read(path.path()).unwrap()).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            if case.get("expect_error").is_some() {
                continue;
            }
            let op = case["operation"].as_str().unwrap();
            let names = operations::param_names(op).unwrap();
            for key in case["params"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, _)| k)
            {
                assert!(
                    names.contains(&key.as_str()),
                    "{op}: `{key}` not in {names:?}"
                );
            }
        }
    }
}
