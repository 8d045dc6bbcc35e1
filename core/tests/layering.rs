//! Core's modules form layers: no top-level module refers, directly or through others, back to
//! itself. Models are the bottom of the API description; the request builders (`resources`)
//! sit on the operation descriptor and the paginators; the registry (`operations`) sits on the
//! builders; `call` on `retry` and never the reverse.
//!
//! The graph is read from the source: every `crate::<module>` path, including those inside
//! `use crate::{a, b::c}` groups and doc links (a doc link from a lower layer to a higher one is
//! knowledge flowing the wrong way, and it is where a cycle starts), and names re-exported at the
//! crate root (`crate::Error`) count for the module they come from.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to: `resources/tags.rs` → `resources`.
fn module_of(file: &Path) -> String {
    let rel = file.strip_prefix(src()).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_owned()
}

fn ident_at(text: &str) -> Option<&str> {
    let text = text.trim_start();
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    (end > 0).then(|| &text[..end])
}

/// The first path segment of every `crate::` path in `text`.
fn crate_refs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a, b::{c, d}, e}`: the names that start each item at depth one.
            let mut depth = 1;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 1 => item_start = true,
                    _ if depth == 1 && item_start && !c.is_whitespace() => {
                        if let Some(name) = ident_at(&group[i..]) {
                            out.push(name.to_owned());
                        }
                        item_start = false;
                    }
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
            }
        } else if let Some(name) = ident_at(rest) {
            out.push(name.to_owned());
        }
    }
    out
}

/// Names `lib.rs` re-exports (`pub use error::{Error, Result};`), by the module they come from.
fn root_reexports(lib: &str) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for line in lib.lines() {
        let Some(rest) = line.strip_prefix("pub use ") else {
            continue;
        };
        let rest = rest.trim_end_matches(';');
        let Some((module, names)) = rest.split_once("::") else {
            continue;
        };
        let names = names.trim_start_matches('{').trim_end_matches('}');
        for name in names.split(',') {
            map.insert(name.trim().to_owned(), module.to_owned());
        }
    }
    map
}

/// Module → the modules it refers to, with a file that does so for each edge.
fn graph() -> BTreeMap<String, BTreeMap<String, PathBuf>> {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    let reexports = root_reexports(&lib);
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let modules: BTreeSet<String> = files
        .iter()
        .filter(|f| !f.ends_with("lib.rs"))
        .map(|f| module_of(f))
        .collect();
    let mut graph: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for file in files.iter().filter(|f| !f.ends_with("src/lib.rs")) {
        let from = module_of(file);
        let text = std::fs::read_to_string(file).unwrap();
        for name in crate_refs(&text) {
            let to = if modules.contains(&name) {
                name
            } else if let Some(m) = reexports.get(&name) {
                m.clone()
            } else {
                continue;
            };
            if to != from {
                graph
                    .entry(from.clone())
                    .or_default()
                    .entry(to)
                    .or_insert_with(|| file.clone());
            }
        }
    }
    graph
}

/// A path from `from` back to `from`, if there is one.
fn cycle_through(
    graph: &BTreeMap<String, BTreeMap<String, PathBuf>>,
    from: &str,
) -> Option<Vec<String>> {
    fn walk(
        graph: &BTreeMap<String, BTreeMap<String, PathBuf>>,
        target: &str,
        at: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        for next in graph.get(at).into_iter().flat_map(|m| m.keys()) {
            if next == target {
                path.push(next.clone());
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(graph, target, next, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![from.to_owned()];
    walk(graph, from, from, &mut path, &mut BTreeSet::new()).then_some(path)
}

#[test]
fn no_module_refers_back_to_itself() {
    let graph = graph();
    let mut cycles = Vec::new();
    for module in graph.keys() {
        if let Some(path) = cycle_through(&graph, module) {
            let edges: Vec<String> = path
                .windows(2)
                .map(|w| format!("{} → {} ({})", w[0], w[1], graph[&w[0]][&w[1]].display()))
                .collect();
            cycles.push(edges.join(", "));
        }
    }
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_reader_sees_the_layers_it_checks() {
    // The checker must see real edges, or the test above passes on an empty graph.
    let graph = graph();
    let refers = |a: &str, b: &str| graph.get(a).is_some_and(|m| m.contains_key(b));
    assert!(refers("operations", "resources"));
    assert!(refers("resources", "operation"));
    assert!(refers("call", "retry"));
    assert!(refers("webhook", "models"));
    assert!(refers("models", "shape"));
    // Root re-exports and grouped imports resolve to their modules.
    assert!(refers("endpoint", "error"));
    assert_eq!(
        crate_refs("use crate::{error::Error, http::{Body, Method}, shape};"),
        ["error", "http", "shape"]
    );
    // And a cycle is found when there is one.
    let mut looped = graph.clone();
    looped
        .entry("models".into())
        .or_default()
        .insert("operations".into(), PathBuf::new());
    assert!(cycle_through(&looped, "models").is_some());
}
