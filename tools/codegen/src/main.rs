//! Rewrites every generated file (run from anywhere: `cargo run -p pancake-codegen`).

fn main() {
    let outputs = match pancake_codegen::outputs() {
        Ok(outputs) => outputs,
        Err(e) => {
            eprintln!("pancake-codegen: {e}");
            std::process::exit(1);
        }
    };
    for (path, text) in outputs {
        let full = pancake_codegen::root().join(&path);
        std::fs::write(&full, text).unwrap_or_else(|e| panic!("write {path}: {e}"));
        println!("wrote {path}");
    }
}
