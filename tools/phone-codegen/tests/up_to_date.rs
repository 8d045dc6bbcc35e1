//! The committed tables must be exactly what the generator writes from the current metadata.

#[test]
fn committed_tables_are_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(phone_codegen::OUTPUT);
    let committed = std::fs::read_to_string(&path).expect("the generated file is committed");
    assert!(
        committed == phone_codegen::generate(),
        "{} is stale: run `cargo run -p phone-codegen`",
        path.display()
    );
}
