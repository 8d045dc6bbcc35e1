//! Writes `core/src/normalize/phone_data.rs` (run from the workspace root:
//! `cargo run -p phone-codegen`).

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let path = root.join(phone_codegen::OUTPUT);
    std::fs::write(&path, phone_codegen::generate()).expect("write the generated tables");
    println!("wrote {}", path.display());
}
