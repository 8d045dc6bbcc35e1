//! What is generated from pancake-core's types, checked in, and checked for staleness by this
//! crate's tests (`tests/current.rs`); `cargo run -p pancake-codegen` rewrites all of it:
//!
//! - [`models`]: the JSON Schema of every response model and webhook event,
//!   `tests/schema/models.json` (the npm package's model types come from it);
//! - [`shapes`]: that schema as core's static shape tables, `core/src/models/shapes.rs`;
//! - [`manifest`]: every operation described for the packages' faces,
//!   `tests/schema/operations.json`;
//! - [`faces`]: the packages' resource classes generated from it,
//!   `python/pancake_api/resources/` and `npm/src/resources.ts`.

use std::path::PathBuf;

pub mod faces;
pub mod manifest;
pub mod models;
pub mod shapes;

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every generated file: its path under the workspace root and its current text.
pub fn outputs() -> Result<Vec<(String, String)>, String> {
    let schema = models::generate();
    let manifest = manifest::generate(&root().join("tests/vectors"))?;
    let classes = faces::classes(&manifest, &schema)?;
    let mut out = vec![
        ("tests/schema/models.json".to_owned(), pretty(&schema)),
        (
            "core/src/models/shapes.rs".to_owned(),
            shapes::generate(&schema),
        ),
        ("tests/schema/operations.json".to_owned(), pretty(&manifest)),
    ];
    out.extend(faces::python::generate(&classes, &manifest));
    out.push(faces::python_models::generate(&schema));
    out.push(faces::typescript::generate(&classes, &manifest));
    Ok(out)
}

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).expect("JSON values serialise") + "\n"
}
