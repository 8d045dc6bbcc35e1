//! The packages' faces generated from the operation manifest: the Python resource classes
//! ([`python`]) and the TypeScript ones with their params types ([`typescript`]). What both
//! read is gathered here once: which methods each resource class has, what each takes and
//! returns. The few per-language choices the manifest cannot make are in [`overrides`].

pub mod overrides;
pub mod python;
pub mod python_models;
pub mod typescript;

use serde_json::Value;

use overrides::{Face, ResourceClass};

/// What a method hands back.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One page of a paginated list (`list()`): its items, total and cursor.
    Page,
    /// Every item of a paginated list (`iter()`), fetched as the caller reads.
    Iter,
    /// A list that comes whole (`tags.list()`): its items.
    Items,
    /// One model.
    Model,
}

/// One parameter as the manifest states it.
pub struct Param<'a> {
    /// The API's name for it.
    pub name: &'a str,
    /// Whether the caller must give it.
    pub required: bool,
    /// Its JSON Schema.
    pub schema: &'a Value,
    /// Its one-line doc.
    pub doc: &'a str,
    /// Unix seconds in the API, which the faces also take as their language's time types.
    pub time: bool,
    /// Whether it travels in the request's path.
    pub in_path: bool,
}

/// One method of a resource class.
pub struct Method<'a> {
    /// The operation it calls (`notes.add`).
    pub op: &'a str,
    /// The Python method's name.
    pub python: String,
    /// The TypeScript method's name.
    pub typescript: String,
    /// What it returns.
    pub kind: Kind,
    /// The operation's doc comment (markdown).
    pub doc: &'a str,
    /// For `iter()`: the `list()` method it pages through.
    pub pages: Option<(String, String)>,
    /// How it is called, where that differs from the default.
    pub face: &'static Face,
    /// The parameters the caller gives (hidden ones, the page id the client fills in and, for
    /// `iter()`, the one paging moves are left out).
    pub params: Vec<Param<'a>>,
    /// Whether the client's page id is sent as the `page_id` parameter.
    pub fills_page_id: bool,
    /// The Rust model returned (for lists: the model of each item).
    pub model: String,
}

/// One resource class and its methods, in the manifest's order.
pub struct Class<'a> {
    /// Its name, client and doc.
    pub spec: &'static ResourceClass,
    /// Its methods.
    pub methods: Vec<Method<'a>>,
}

/// The resource classes, from the manifest and the models' schema. An error names an operation
/// no class takes, an override naming an operation or parameter that does not exist, or a
/// model the schema lacks.
pub fn classes<'a>(manifest: &'a Value, models: &'a Value) -> Result<Vec<Class<'a>>, String> {
    let ops = manifest["operations"]
        .as_array()
        .ok_or("the manifest has no operations")?;
    let mut classes: Vec<Class> = overrides::RESOURCES
        .iter()
        .map(|spec| Class {
            spec,
            methods: Vec::new(),
        })
        .collect();
    for name in overrides::named() {
        if !ops.iter().any(|o| o["name"] == name) {
            return Err(format!("faces: the override for {name} names no operation"));
        }
    }
    for op in ops {
        let name = text(&op["name"])?;
        if overrides::SKIPPED.contains(&name) {
            continue;
        }
        let (resource, python) = split(text(&op["python"])?);
        let (_, typescript) = split(text(&op["typescript"])?);
        let client = text(&op["client"])?;
        let class = classes
            .iter_mut()
            .find(|c| c.spec.resource == resource && c.spec.client == client)
            .ok_or_else(|| {
                format!("faces: no resource class for {name} ({resource} on {client})")
            })?;
        let face = overrides::face(name);
        let all: Vec<Param> = op["params"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| Param {
                name: p["name"].as_str().unwrap_or_default(),
                required: p["required"] == true,
                schema: &p["schema"],
                doc: p["doc"].as_str().unwrap_or_default(),
                time: p["schema"]["x-unix-seconds"] == true,
                in_path: p["in"]
                    .as_array()
                    .is_some_and(|places| places.iter().any(|w| w == "path")),
            })
            .collect();
        for named in face
            .python_positional
            .into_iter()
            .chain(face.ts_positional)
            .flatten()
            .chain(face.hidden)
            .chain(face.python_flatten.iter())
        {
            if !all.iter().any(|p| p.name == *named) {
                return Err(format!("faces: {name} has no parameter `{named}`"));
            }
        }
        let fills_page_id = client != "user" && all.iter().any(|p| p.name == "page_id");
        let given =
            |p: &Param| !(face.hidden.contains(&p.name) || (fills_page_id && p.name == "page_id"));
        let output = output_model(&op["output"])?;
        let doc = text(&op["doc"])?;
        match (op["pagination"].is_object(), op["list"].is_object()) {
            (true, _) => {
                let item = item_model(models, &output, &op["list"])?;
                let position = text(&op["pagination"]["position"])?;
                class.methods.push(Method {
                    op: name,
                    python: python.to_owned(),
                    typescript: typescript.to_owned(),
                    kind: Kind::Page,
                    doc,
                    pages: None,
                    face,
                    params: all.iter().filter(|p| given(p)).map(Param::copy).collect(),
                    fills_page_id,
                    model: item.clone(),
                });
                let iter = &op["pagination"]["iter"];
                class.methods.push(Method {
                    op: name,
                    python: split(text(&iter["python"])?).1.to_owned(),
                    typescript: split(text(&iter["typescript"])?).1.to_owned(),
                    kind: Kind::Iter,
                    doc,
                    pages: Some((python.to_owned(), typescript.to_owned())),
                    face,
                    params: all
                        .iter()
                        .filter(|p| given(p) && p.name != position)
                        .map(Param::copy)
                        .collect(),
                    fills_page_id,
                    model: item,
                });
            }
            (false, list) => class.methods.push(Method {
                op: name,
                python: python.to_owned(),
                typescript: typescript.to_owned(),
                kind: if list { Kind::Items } else { Kind::Model },
                doc,
                pages: None,
                face,
                params: all.iter().filter(|p| given(p)).map(Param::copy).collect(),
                fills_page_id,
                model: if list {
                    item_model(models, &output, &op["list"])?
                } else {
                    output
                },
            }),
        }
    }
    Ok(classes)
}

impl Param<'_> {
    fn copy(&self) -> Self {
        Param { ..*self }
    }
}

impl Method<'_> {
    /// Positional parameters in `positional` (the path's when the override is silent), in
    /// order, and the rest.
    pub fn split_params(
        &self,
        positional: Option<&'static [&'static str]>,
    ) -> (Vec<&Param<'_>>, Vec<&Param<'_>>) {
        let names: Vec<&str> = match positional {
            Some(names) => names.to_vec(),
            None => self.path_params(),
        };
        let first = names
            .iter()
            .filter_map(|n| self.params.iter().find(|p| p.name == *n))
            .collect();
        let rest = self
            .params
            .iter()
            .filter(|p| !names.contains(&p.name))
            .collect();
        (first, rest)
    }

    /// The parameters that travel in the path, in the builder's order.
    fn path_params(&self) -> Vec<&str> {
        self.params
            .iter()
            .filter(|p| p.in_path)
            .map(|p| p.name)
            .collect()
    }
}

/// The model a method returns, from the manifest's output reference (a list of models: its
/// item).
fn output_model(output: &Value) -> Result<String, String> {
    let reference = output["$ref"]
        .as_str()
        .or_else(|| output["items"]["$ref"].as_str())
        .ok_or_else(|| format!("faces: an output that names no model: {output}"))?;
    Ok(def_name(reference).to_owned())
}

/// The model of a list's items: the first of the list's item paths that the schema describes
/// as an array of one model.
fn item_model(models: &Value, list: &str, layout: &Value) -> Result<String, String> {
    let def = &models["$defs"][list];
    for path in layout["items"].as_array().into_iter().flatten() {
        let mut schema = def;
        for key in path.as_str().unwrap_or_default().split('.') {
            schema = &schema["properties"][key];
        }
        let items = if schema["items"].is_object() {
            &schema["items"]
        } else {
            // `Option<Vec<T>>`: an `anyOf` of the array and null.
            schema["anyOf"]
                .as_array()
                .and_then(|a| a.iter().find(|s| s["items"].is_object()))
                .map(|s| &s["items"])
                .unwrap_or(&Value::Null)
        };
        if let Some(reference) = items["$ref"].as_str() {
            return Ok(def_name(reference).to_owned());
        }
    }
    Err(format!(
        "faces: the items of {list} are no model in the schema"
    ))
}

fn def_name(reference: &str) -> &str {
    reference.rsplit('/').next().unwrap_or(reference)
}

fn text(v: &Value) -> Result<&str, String> {
    v.as_str()
        .ok_or_else(|| format!("faces: expected text in the manifest, got {v}"))
}

fn split(qualified: &str) -> (&str, &str) {
    qualified.split_once('.').unwrap_or(("", qualified))
}

/// The Python class and the TypeScript type of Rust model `model`.
pub fn returned(model: &str) -> (&str, &str) {
    overrides::RETURNS
        .iter()
        .find(|(rust, _)| *rust == model)
        .map_or_else(
            || {
                let name = python_models::class_name(model);
                (name, name)
            },
            |(_, both)| (*both, *both),
        )
}

/// `snake_case` as `camelCase`.
pub fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `camelCase` or `snake_case` as `PascalCase`.
pub fn pascal(name: &str) -> String {
    let camel = camel(name);
    let mut chars = camel.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Words wrapped into lines of at most `width` characters.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split("\n\n") {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.len() + 1 + word.len() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    lines
}

/// A manifest doc with rustdoc links (`` [`X`] ``, `` [`X`](path) ``) as plain code spans.
pub fn plain_doc(doc: &str) -> String {
    let mut out = String::new();
    let mut rest = doc;
    while let Some(start) = rest.find("[`") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find("`]") {
            Some(end) => {
                let code = &after[1..end];
                out.push('`');
                out.push_str(code.rsplit("::").next().unwrap_or(code));
                out.push('`');
                rest = &after[end + 2..];
                if rest.starts_with('(') {
                    if let Some(close) = rest.find(')') {
                        rest = &rest[close + 1..];
                    }
                }
            }
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
