//! Test helpers: start `pancake-mock` on port 0, talk to it with ureq, parse with core.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::Duration;

use pancake_core::{operations, Body, Context, HttpResponse};
use serde_json::Value;

/// A running mock, killed on drop.
pub struct Mock {
    pub child: Mutex<Child>,
    pub url: String,
    pub agent: ureq::Agent,
}

/// A plain response.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn core(&self) -> HttpResponse {
        let mut r = HttpResponse::new(self.status, self.body.clone().into_bytes());
        for (k, v) in &self.headers {
            r = r.with_header(k.clone(), v.clone());
        }
        r
    }
}

pub const USER_TOKEN: &str = "mock-user-token";

pub fn page_token(page_id: &str) -> String {
    format!("mock-page-token-{page_id}")
}

impl Mock {
    /// Starts the binary with these extra arguments and reads its first stdout line.
    pub fn start(args: &[&str]) -> Mock {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pancake-mock"))
            .args(["--port", "0", "--seed", "42"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn pancake-mock");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("first line");
        let url = line.trim().to_owned();
        assert!(url.starts_with("http://127.0.0.1:"), "first line: {url:?}");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(20)))
            .build()
            .into();
        Mock {
            child: Mutex::new(child),
            url,
            agent,
        }
    }

    fn finish(r: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Result<Resp, String> {
        let mut r = r.map_err(|e| e.to_string())?;
        let status = r.status().as_u16();
        let headers = r
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
            .collect();
        let body = r.body_mut().read_to_string().map_err(|e| e.to_string())?;
        Ok(Resp {
            status,
            headers,
            body,
        })
    }

    /// Sends a request; `Err` is a transport error (e.g. a dropped connection).
    pub fn try_send(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Resp, String> {
        let url = format!("{}{}", self.url, path);
        let text = body.map(|b| b.to_string());
        let r = match (method, text) {
            ("GET", _) => self.agent.get(&url).call(),
            ("POST", t) => self
                .agent
                .post(&url)
                .header("content-type", "application/json")
                .send(t.unwrap_or_default()),
            ("PUT", t) => self
                .agent
                .put(&url)
                .header("content-type", "application/json")
                .send(t.unwrap_or_default()),
            ("DELETE", t) => self
                .agent
                .delete(&url)
                .force_send_body()
                .header("content-type", "application/json")
                .send(t.unwrap_or_default()),
            ("OPTIONS", _) => self
                .agent
                .options(&url)
                .header("origin", "https://example.com")
                .header("access-control-request-method", "POST")
                .call(),
            (m, _) => panic!("method {m}"),
        };
        Self::finish(r)
    }

    pub fn send(&self, method: &str, path: &str, body: Option<&Value>) -> Resp {
        self.try_send(method, path, body).unwrap_or_else(|e| {
            let alive = format!("{:?}", self.child.lock().unwrap().try_wait());
            panic!("{method} {path}: {e} (mock exit status: {alive})")
        })
    }

    pub fn get(&self, path: &str) -> Resp {
        self.send("GET", path, None)
    }

    pub fn post(&self, path: &str, body: &Value) -> Resp {
        self.send("POST", path, Some(body))
    }

    /// Raw request with explicit headers and body bytes.
    pub fn raw(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Vec<u8>) -> Resp {
        let url = format!("{}{}", self.url, path);
        let r = match method {
            "GET" => {
                let mut b = self.agent.get(&url);
                for (k, v) in headers {
                    b = b.header(*k, *v);
                }
                b.call()
            }
            _ => {
                let mut b = self.agent.post(&url);
                for (k, v) in headers {
                    b = b.header(*k, *v);
                }
                b.send(body)
            }
        };
        Self::finish(r).expect("raw request")
    }

    /// The first page's id.
    pub fn page_id(&self, index: usize) -> String {
        let r = self.get(&format!("/api/v1/pages?access_token={USER_TOKEN}"));
        r.json()["pages"][index]["id"]
            .as_str()
            .expect("page id")
            .to_owned()
    }

    /// `/api/public_api/v1/pages/{page}/{rest}` with the page token, `rest` may hold a query.
    pub fn page_path(&self, page: &str, rest: &str) -> String {
        let sep = if rest.contains('?') { '&' } else { '?' };
        format!(
            "/api/public_api/v1/pages/{page}/{rest}{sep}page_access_token={}",
            page_token(page)
        )
    }

    pub fn journal(&self) -> Vec<Value> {
        self.get("/__mock/requests").json()["requests"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// A core context pointed at this mock.
    pub fn page_ctx(&self, page: &str) -> Context {
        Context::page(page, page_token(page)).with_base_url(format!("{}/api", self.url))
    }

    /// Builds `op` with core, sends it, parses with core; panics when core does not register
    /// `op`, cannot build it or cannot parse the answer.
    pub fn via_core(&self, ctx: &Context, op: &str, params: &Value) -> (Resp, Value) {
        if let Err(e) = operations::find(op) {
            panic!("core has no operation `{op}`: {e}");
        }
        let req =
            operations::build(ctx, op, params).unwrap_or_else(|e| panic!("build {op}: {e:?}"));
        let path = req
            .url
            .strip_prefix(&self.url)
            .unwrap_or_else(|| panic!("{op} built a URL outside the mock"))
            .to_owned();
        let resp = match &req.body {
            Body::None => self.send(req.method.as_str(), &path, None),
            Body::Json(bytes) => {
                let body = serde_json::from_slice::<Value>(bytes).expect("json body");
                self.send(req.method.as_str(), &path, Some(&body))
            }
            Body::Multipart(_) => {
                let boundary = "pancake-mock-test-boundary";
                let bytes = req.body.multipart_bytes(boundary).expect("multipart");
                let ct = format!("multipart/form-data; boundary={boundary}");
                self.raw("POST", &path, &[("content-type", &ct)], bytes)
            }
        };
        let parsed = operations::parse(op, params, &resp.core())
            .unwrap_or_else(|e| panic!("core could not parse {op}: {e:?}\n{}", resp.body));
        (resp, parsed)
    }

    /// Parses a response with core's `op`; panics when core has no such operation or
    /// cannot parse it.
    pub fn check_core(&self, op: &str, params: &Value, resp: &Resp) {
        if let Err(e) = operations::find(op) {
            panic!("core has no operation `{op}`: {e}");
        }
        if let Err(e) = operations::parse(op, params, &resp.core()) {
            panic!("core could not parse {op}: {e:?}\n{}", resp.body);
        }
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        let child = self.child.get_mut().unwrap_or_else(|e| e.into_inner());
        let _ = child.kill();
        let _ = child.wait();
    }
}
