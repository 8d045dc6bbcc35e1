//! The generated files are current, and the manifest agrees with the builders it describes:
//! every parameter the builders read is in it (and no other), and every constraint it states
//! is one the builders enforce.

use pancake_codegen::manifest;
use pancake_core::{operations, Error};
use serde_json::Value;

#[test]
fn generated_files_are_current() {
    let outputs = pancake_codegen::outputs().unwrap_or_else(|e| panic!("{e}"));
    for (path, text) in outputs {
        let on_disk =
            std::fs::read_to_string(pancake_codegen::root().join(&path)).unwrap_or_default();
        assert!(
            on_disk == text,
            "{path} is stale: run `cargo run -p pancake-codegen` (and `node npm/scripts/gen-types.mjs` \
             for the npm model types)"
        );
    }
}

fn manifest() -> Value {
    manifest::generate(&pancake_codegen::root().join("tests/vectors"))
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_manifest_names_every_parameter_the_builders_read() {
    let manifest = manifest();
    let described = manifest["operations"].as_array().unwrap();
    assert_eq!(described.len(), operations::all().count());
    for op in operations::all() {
        let entry = described
            .iter()
            .find(|o| o["name"] == op.name)
            .unwrap_or_else(|| panic!("{} is not in the manifest", op.name));
        let mut in_manifest: Vec<&str> = entry["params"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        // What serde reads is what the builder accepts (`operations::param_names`).
        let mut read: Vec<&str> = (op.params)().to_vec();
        in_manifest.sort_unstable();
        read.sort_unstable();
        assert_eq!(in_manifest, read, "{}: parameters", op.name);
        for param in entry["params"].as_array().unwrap() {
            let doc = param["doc"].as_str().unwrap();
            assert!(
                !doc.trim().is_empty(),
                "{}.{}: no doc",
                op.name,
                param["name"]
            );
            assert!(!param["in"].as_array().unwrap().is_empty());
        }
        assert!(!entry["doc"].as_str().unwrap().trim().is_empty());
    }
}

/// The request vectors of `name` that build, as `(context, params)`.
fn buildable(name: &str) -> Vec<(Value, Value)> {
    manifest::request_cases(&pancake_codegen::root().join("tests/vectors"))
        .unwrap()
        .into_iter()
        .filter(|case| case["operation"] == name)
        .map(|case| (case["context"].clone(), case["params"].clone()))
        .collect()
}

fn build(name: &str, context: &Value, params: &Value) -> Result<(), Error> {
    operations::build(&manifest::context(context), name, params).map(|_| ())
}

/// Every `minimum`, `maximum` and `enum` the manifest states is enforced: a value just outside
/// is refused naming the parameter, the bounds and each listed value are accepted.
#[test]
fn every_stated_constraint_is_enforced() {
    let manifest = manifest();
    let mut checked = 0;
    for entry in manifest["operations"].as_array().unwrap() {
        let name = entry["name"].as_str().unwrap();
        let cases = buildable(name);
        let (context, base) = cases.first().unwrap_or_else(|| panic!("{name}: no vector"));
        for param in entry["params"].as_array().unwrap() {
            let key = param["name"].as_str().unwrap();
            let schema = &param["schema"];
            let mut outside: Vec<Value> = Vec::new();
            let mut inside: Vec<Value> = Vec::new();
            if let Some(min) = schema.get("minimum").and_then(Value::as_i64) {
                inside.push(min.into());
                outside.push((min - 1).into());
            }
            if let Some(max) = schema.get("maximum").and_then(Value::as_i64) {
                inside.push(max.into());
                outside.push((max + 1).into());
            }
            if let Some(values) = schema.get("enum").and_then(Value::as_array) {
                inside.extend(values.iter().cloned());
                outside.push("not-one-of-them".into());
            }
            for value in outside {
                let mut params = base.clone();
                params[key] = value.clone();
                match build(name, context, &params) {
                    Err(Error::InvalidRequest { field, .. }) if field == key => checked += 1,
                    other => panic!(
                        "{name}: {key} = {value} should be refused naming `{key}`, got {other:?}"
                    ),
                }
            }
            for value in inside {
                let mut params = base.clone();
                params[key] = value.clone();
                if let Err(e) = build(name, context, &params) {
                    panic!("{name}: {key} = {value} is within the manifest's constraint but refused: {e}");
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 20, "only {checked} constraint checks ran");
}

/// Without a vector for an operation, the manifest cannot say where its request goes: the
/// generator refuses, naming every operation left out.
#[test]
fn an_operation_without_a_vector_is_refused() {
    let dir = std::env::temp_dir().join(format!("pancake-codegen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let tags = pancake_codegen::root().join("tests/vectors/requests_tags.json");
    std::fs::copy(tags, dir.join("requests_tags.json")).unwrap();
    let result = manifest::generate(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    let problems = result.expect_err("36 operations, vectors for one");
    assert!(!problems.contains("tags.list"), "{problems}");
    for name in ["conversations.add_tag", "messages.send", "avatar.url"] {
        assert!(
            problems.contains(&format!("{name}: no request vector builds this operation")),
            "{problems}"
        );
    }
}

#[test]
fn routes_and_faces() {
    let manifest = manifest();
    let op = |name: &str| {
        manifest["operations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == name)
            .unwrap()
            .clone()
    };
    let add_tag = op("conversations.add_tag");
    assert_eq!(add_tag["http"]["method"], "POST");
    assert_eq!(
        add_tag["http"]["path"],
        "/public_api/v1/pages/{page_id}/conversations/{conversation_id}/tags"
    );
    assert_eq!(add_tag["typescript"], "conversations.addTag");
    assert_eq!(add_tag["client"], "page");
    let send = op("messages.send");
    assert_eq!(send["retry"], "not_idempotent");
    let note = op("notes.add");
    assert_eq!(note["python"], "customers.add_note");
    let customers = op("customers.list");
    assert_eq!(customers["pagination"]["style"], "page_number");
    assert_eq!(customers["pagination"]["iter"]["python"], "customers.iter");
    assert_eq!(
        customers["output"]["$ref"],
        "models.json#/$defs/CustomerList"
    );
    let v1 = op("conversations.list_v1");
    assert_eq!(v1["pagination"]["windowed"], true);
    assert_eq!(
        v1["pagination"]["iter"]["typescript"],
        "conversations.iterV1"
    );
    let avatar = op("avatar.url");
    assert_eq!(avatar["http"]["base_url"], "https://pancake.vn/api");
    assert_eq!(avatar["client"], "public");
}

#[test]
fn every_model_field_is_in_the_schema() {
    // A model's documented fields show up as properties, and unknown fields stay allowed.
    let schema = pancake_codegen::models::generate();
    let customer = &schema["$defs"]["Customer"];
    for field in ["id", "psid", "name", "phone_numbers", "inserted_at"] {
        assert!(
            customer["properties"].get(field).is_some(),
            "Customer.{field} missing"
        );
    }
    assert_eq!(customer["properties"]["inserted_at"]["x-timestamp"], true);
    assert!(customer["properties"]["psid"].get("x-timestamp").is_none());
    // `#[serde(flatten)] extra` keeps unknown fields: nothing may forbid them.
    assert_ne!(
        customer.get("additionalProperties"),
        Some(&Value::Bool(false))
    );
    // `Maybe` fields are optional and may be null.
    let required = customer.get("required").and_then(Value::as_array);
    assert!(required.is_none_or(|r| r.is_empty()), "{required:?}");
}
