//! The shared client-option vectors (`tests/vectors/client_config.json`) against
//! [`ClientConfig::read`]: the Python and npm packages run the same file through their real
//! clients. A case without a face runs in both spellings.

use pancake_core::config::{ClientConfig, ClientKind, Face, OPTIONS};
use pancake_core::Error;
use serde_json::{Map, Value};

/// `options` (by core's names) as `face` spells them.
fn spelled(face: Face, options: &Value) -> Value {
    let map: Map<String, Value> = options
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            let option = OPTIONS.iter().find(|o| o.name == k).unwrap();
            let name = option
                .spelled(face)
                .unwrap_or_else(|| panic!("{face:?} has no {k}"));
            (name.to_owned(), v.clone())
        })
        .collect();
    Value::Object(map)
}

fn spelled_name(face: Face, name: &str) -> String {
    OPTIONS
        .iter()
        .find(|o| o.name == name)
        .and_then(|o| o.spelled(face))
        .unwrap_or(name)
        .to_owned()
}

#[test]
fn client_config_vectors() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let text = std::fs::read_to_string(root.join("client_config.json")).unwrap();
    let cases = serde_json::from_str::<Value>(&text).unwrap()["cases"].clone();
    let cases = cases.as_array().unwrap();
    assert!(cases.len() >= 20);
    let mut runs = 0;
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let kind: ClientKind = serde_json::from_value(case["client"].clone()).unwrap();
        let env = case.get("env").cloned().unwrap_or(Value::Null);
        let faces: Vec<(Face, Value)> = match case.get("face") {
            Some(face) => vec![(
                serde_json::from_value(face.clone()).unwrap(),
                case["options"].clone(),
            )],
            None => [Face::Python, Face::TypeScript]
                .into_iter()
                .map(|f| (f, spelled(f, &case["options"])))
                .collect(),
        };
        for (face, options) in faces {
            runs += 1;
            let got = ClientConfig::read(kind, face, &options, &env);
            match (case.get("expect"), case.get("error"), got) {
                (Some(want), None, Ok(config)) => {
                    assert_eq!(&config.to_json(), want, "{name} ({face:?})")
                }
                (None, Some(param), Err(Error::InvalidRequest { field, .. })) => {
                    let case_face = case.get("face").is_some();
                    let want = if case_face {
                        param.as_str().unwrap().to_owned()
                    } else {
                        spelled_name(face, param.as_str().unwrap())
                    };
                    assert_eq!(field, want, "{name} ({face:?})");
                }
                (_, _, got) => panic!("{name} ({face:?}): got {got:?}"),
            }
        }
    }
    assert!(runs > cases.len());
}

#[test]
fn tokens_stay_out_of_the_settings_and_their_debug() {
    let options = serde_json::json!({"page_id": "1", "page_access_token": "super-secret-token"});
    let config =
        ClientConfig::read(ClientKind::Page, Face::Python, &options, &Value::Null).unwrap();
    assert!(!config.to_json().to_string().contains("super-secret"));
    assert!(!format!("{config:?}").contains("super-secret"));
    let err = ClientConfig::read(
        ClientKind::Page,
        Face::Python,
        &serde_json::json!({"page_id": "1", "page_access_token": 5}),
        &Value::Null,
    )
    .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { ref field, .. } if field == "page_access_token"));
}
