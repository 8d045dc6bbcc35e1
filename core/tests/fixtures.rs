//! Every JSON example of the reference documents, kept under `tests/fixtures/<operation>/`,
//! must parse through that operation (the bindings' path: checked against the model's shape)
//! and come back as exactly the same JSON. That the typed models read them alike is
//! `shape_agreement.rs`'s job.
//!
//! Layout: `tests/fixtures/<operation name>/<example>.json` holds a response body as the
//! documents show it. An optional `<example>.params.json` beside it holds the parameters the
//! request was made with (for endpoints whose output depends on them). Files whose name starts
//! with `error` are error examples: they must parse to an API error (any kind: authentication,
//! bad request, ...), not to a value.

use std::path::{Path, PathBuf};

use pancake_core::{operations, HttpResponse};
use serde_json::Value;

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn check_one(op: &str, path: &Path) -> Result<(), String> {
    let show = path.display();
    let body = std::fs::read(path).map_err(|e| format!("{show}: {e}"))?;
    let original: Value =
        serde_json::from_slice(&body).map_err(|e| format!("{show}: not JSON: {e}"))?;
    let params_path = path.with_extension("params.json");
    let params: Value = match std::fs::read(&params_path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| format!("{show}: params: {e}"))?,
        Err(_) => Value::Object(Default::default()),
    };
    let name = path.file_name().unwrap().to_string_lossy();
    let result = operations::parse(op, &params, &HttpResponse::new(200, body.clone()));
    if name.starts_with("error") {
        return match result {
            Err(e) if e.as_api().is_some() => Ok(()),
            other => Err(format!("{show}: expected an API error, got {other:?}")),
        };
    }
    let parsed = result.map_err(|e| format!("{show}: {e}"))?;
    if parsed != original {
        return Err(format!(
            "{show}: round trip differs\n  sent {original}\n  back {parsed}"
        ));
    }
    Ok(())
}

#[test]
fn every_fixture_parses_and_round_trips() {
    let mut failures = Vec::new();
    let mut count = 0;
    let mut dirs: Vec<_> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .collect();
    dirs.sort_by_key(|e| e.path());
    for dir in dirs {
        let op = dir.file_name().to_string_lossy().into_owned();
        if operations::find(&op).is_err() {
            failures.push(format!("tests/fixtures/{op}: no operation of that name"));
            continue;
        }
        let mut files: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|x| x == "json")
                    && !p.to_string_lossy().ends_with(".params.json")
            })
            .collect();
        files.sort();
        for file in files {
            count += 1;
            if let Err(e) = check_one(&op, &file) {
                failures.push(e);
            }
        }
    }
    assert!(count > 0, "no fixtures found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `DynPaginator::handle_response_items` (what the wasm binding hands over) gives the same
/// items as `handle_response`, and leaves the same resume state, on every list fixture.
#[test]
fn list_fixtures_page_the_same_as_text() {
    let mut checked = 0;
    for op in operations::all()
        .filter(|o| o.paginate.is_some())
        .map(|o| o.name)
    {
        let Ok(entries) = std::fs::read_dir(fixtures_dir().join(op)) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        files.sort();
        for file in files {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with("error") || name.ends_with(".params.json") {
                continue;
            }
            let body = std::fs::read(&file).unwrap();
            let params: Value = std::fs::read(file.with_extension("params.json"))
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok())
                .unwrap_or_else(|| serde_json::json!({}));
            let (Ok(mut a), Ok(mut b)) = (
                operations::paginate(op, &params, None),
                operations::paginate(op, &params, None),
            ) else {
                continue;
            };
            let resp = HttpResponse::new(200, body);
            let (Ok(values), Ok(text)) = (a.handle_response(&resp), b.handle_response_items(&resp))
            else {
                panic!(
                    "{}: one of handle_response / handle_response_items failed",
                    file.display()
                );
            };
            assert_eq!(text.len(), values.len());
            let from_text: Value = serde_json::from_str(&text.to_text().unwrap()).unwrap();
            assert_eq!(from_text, Value::Array(values), "{}", file.display());
            for consumed in 0..3 {
                assert_eq!(
                    a.resume_token_after(consumed),
                    b.resume_token_after(consumed),
                    "{}",
                    file.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 3, "only {checked} list fixtures were paged");
}
