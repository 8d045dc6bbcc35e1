//! Client configuration: the options a user creates a client with, read, defaulted and
//! validated here once for every binding, so a Python and a JavaScript client given the same
//! options behave the same and fail the same way.
//!
//! A binding hands [`ClientConfig::read`] the options as the user spelled them in its language
//! (Python's `page_access_token=`, JavaScript's `pageAccessToken`: [`OPTIONS`] lists both) and
//! the values of the environment variables [`ENV_VARS`] names (core reads no environment
//! itself). It gets back the [`Context`] requests are built with and the transport's settings,
//! or an [`Error::InvalidRequest`] naming the option as the user spelled it. Options that are
//! `null`/`None` or empty text are "not given" and take their default, except
//! `requests_per_second`, where `null` turns rate limiting off.
//!
//! ```
//! use pancake_core::config::{ClientConfig, ClientKind, Face};
//! use serde_json::json;
//!
//! let options = json!({"pageId": "123", "maxRetries": 1});
//! let env = json!({"PANCAKE_PAGE_ACCESS_TOKEN": "from-env"});
//! let config = ClientConfig::read(ClientKind::Page, Face::TypeScript, &options, &env).unwrap();
//! assert_eq!(config.context.base_url, pancake_core::DEFAULT_BASE_URL);
//! assert_eq!((config.timeout_ms, config.max_retries), (30_000, 1));
//! assert_eq!(config.requests_per_second, Some(5));
//! ```

use serde::Serialize;
use serde_json::{Map, Value};

use crate::context::{Context, DEFAULT_BASE_URL};
use crate::error::{Error, Result};
use crate::ratelimit::{RateLimit, RateLimiter};
use crate::redact::Secret;
use crate::retry::RetryPolicy;

/// The language a client's options are spelled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Face {
    /// Python: snake_case keyword arguments, the timeout in seconds.
    Python,
    /// TypeScript / JavaScript: camelCase option keys, the timeout in milliseconds.
    TypeScript,
}

/// Which client the options are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClientKind {
    /// One page's APIs (`PageClient`), with the page id and its page access token.
    Page,
    /// The user-level APIs (`UserClient`), with the user's access token.
    User,
}

impl ClientKind {
    /// The kind named `page` or `user`.
    pub fn from_name(name: &str) -> Result<Self> {
        match name {
            "page" => Ok(ClientKind::Page),
            "user" => Ok(ClientKind::User),
            _ => Err(Error::invalid("kind", "must be page or user")),
        }
    }
}

/// The options [`ClientKind::Page`] and [`ClientKind::User`] both take.
const BOTH: &[ClientKind] = &[ClientKind::Page, ClientKind::User];

/// One client option: how each language spells it, where its default comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ClientOption {
    /// Core's name for it.
    pub name: &'static str,
    /// The Python keyword argument, when Python has the option.
    pub python: Option<&'static str>,
    /// The TypeScript option key, when TypeScript has the option.
    pub typescript: Option<&'static str>,
    /// The JSON types it takes (`"string"`, `"integer"`, `"number"`, `"null"`).
    pub types: &'static [&'static str],
    /// The clients that take it.
    pub clients: &'static [ClientKind],
    /// Whether a client cannot be made without it (from the option or its environment
    /// variable).
    pub required: bool,
    /// The environment variable read when the option is not given.
    pub env: Option<&'static str>,
}

/// The default timeout of one attempt, in milliseconds.
pub const DEFAULT_TIMEOUT_MS: u64 = 30_000;
/// The longest timeout accepted, in milliseconds (a day: anything longer is a unit mistake).
pub const MAX_TIMEOUT_MS: u64 = 86_400_000;
/// The most retries accepted.
pub const MAX_RETRIES: u32 = 100;

/// Every client option, in the order the faces list them.
pub const OPTIONS: &[ClientOption] = &[
    ClientOption {
        name: "page_id",
        python: Some("page_id"),
        typescript: Some("pageId"),
        types: &["string", "integer"],
        clients: &[ClientKind::Page],
        required: true,
        env: None,
    },
    ClientOption {
        name: "page_access_token",
        python: Some("page_access_token"),
        typescript: Some("pageAccessToken"),
        types: &["string"],
        clients: &[ClientKind::Page],
        required: true,
        env: Some("PANCAKE_PAGE_ACCESS_TOKEN"),
    },
    ClientOption {
        name: "access_token",
        python: Some("access_token"),
        typescript: Some("accessToken"),
        types: &["string"],
        clients: &[ClientKind::User],
        required: true,
        env: Some("PANCAKE_ACCESS_TOKEN"),
    },
    ClientOption {
        name: "base_url",
        python: Some("base_url"),
        typescript: Some("baseUrl"),
        types: &["string"],
        clients: BOTH,
        required: false,
        env: Some("PANCAKE_BASE_URL"),
    },
    ClientOption {
        name: "timeout",
        python: Some("timeout"),
        typescript: None,
        types: &["number"],
        clients: BOTH,
        required: false,
        env: None,
    },
    ClientOption {
        name: "timeout_ms",
        python: None,
        typescript: Some("timeoutMs"),
        types: &["number"],
        clients: BOTH,
        required: false,
        env: None,
    },
    ClientOption {
        name: "max_retries",
        python: Some("max_retries"),
        typescript: Some("maxRetries"),
        types: &["integer"],
        clients: BOTH,
        required: false,
        env: None,
    },
    ClientOption {
        name: "requests_per_second",
        python: Some("requests_per_second"),
        typescript: Some("requestsPerSecond"),
        types: &["number", "null"],
        clients: BOTH,
        required: false,
        env: None,
    },
];

/// The environment variables a binding passes to [`ClientConfig::read`] when they are set.
pub const ENV_VARS: &[&str] = &[
    "PANCAKE_PAGE_ACCESS_TOKEN",
    "PANCAKE_ACCESS_TOKEN",
    "PANCAKE_BASE_URL",
];

impl ClientOption {
    /// One line for the faces' docs (the `schema` feature: the wasm module does not carry it).
    #[cfg(feature = "schema")]
    pub fn doc(&self) -> &'static str {
        match self.name {
            "page_id" => "The page's id.",
            "page_access_token" => "The page access token.",
            "access_token" => "The user's access token.",
            "base_url" => "The API base URL.",
            "timeout" => "Seconds one attempt may take.",
            "timeout_ms" => "Milliseconds one attempt may take.",
            "max_retries" => "Retries of failed requests that are safe to repeat, 0 to 100.",
            "requests_per_second" => {
                "Requests per second per page, shared by every client of the process or JS realm; \
              null / None turns rate limiting off."
            }
            _ => "",
        }
    }

    /// The value a client uses when the option is not given (`null` when it has none and
    /// the option is required).
    pub fn default_value(&self) -> Value {
        match self.name {
            "base_url" => Value::from(DEFAULT_BASE_URL),
            "timeout" => Value::from(DEFAULT_TIMEOUT_MS as f64 / 1000.0),
            "timeout_ms" => Value::from(DEFAULT_TIMEOUT_MS),
            "max_retries" => Value::from(RetryPolicy::default().max_retries),
            "requests_per_second" => Value::from(RateLimit::default().requests_per_second),
            _ => Value::Null,
        }
    }

    /// How `face` spells the option, if it has it.
    pub fn spelled(&self, face: Face) -> Option<&'static str> {
        match face {
            Face::Python => self.python,
            Face::TypeScript => self.typescript,
        }
    }
}

/// A client's settings, read from the user's options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    /// The base URL and credentials requests are built with.
    pub context: Context,
    /// Milliseconds one attempt may take.
    pub timeout_ms: u64,
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// Requests per second per page, or `None` for no client-side rate limiting.
    pub requests_per_second: Option<u32>,
}

impl ClientConfig {
    /// Reads the options of a `kind` client spelled as `face` spells them (a JSON object; `null`
    /// for none) with the values of [`ENV_VARS`] that are set (a JSON object of strings).
    /// An unknown option, a missing required one or a value out of range is an
    /// [`Error::InvalidRequest`] naming the option in `face`'s spelling.
    pub fn read(kind: ClientKind, face: Face, options: &Value, env: &Value) -> Result<Self> {
        let empty = Map::new();
        let given = match options {
            Value::Null => &empty,
            Value::Object(map) => map,
            _ => return Err(Error::invalid("options", "must be an object")),
        };
        let known = |key: &str| {
            OPTIONS
                .iter()
                .find(|o| o.clients.contains(&kind) && o.spelled(face) == Some(key))
        };
        if let Some(key) = given.keys().find(|k| known(k).is_none()) {
            return Err(Error::invalid(
                key.as_str(),
                "is not an option of this client",
            ));
        }
        let option = |name: &str| -> (&'static str, Option<&Value>) {
            let spec = OPTIONS.iter().find(|o| o.name == name);
            let spelled = spec.and_then(|o| o.spelled(face)).unwrap_or("");
            let value = given.get(spelled).filter(|v| !is_unset(v));
            (spelled, value)
        };
        let from_env = |name: &str| -> Option<String> {
            let var = OPTIONS.iter().find(|o| o.name == name)?.env?;
            env.get(var)
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let text = |name: &str| -> Result<Option<String>> {
            let (spelled, value) = option(name);
            match value {
                None => Ok(from_env(name)),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(Error::invalid(spelled, "must be text")),
            }
        };
        let required = |name: &str, found: Option<String>| -> Result<String> {
            found.ok_or_else(|| {
                let (spelled, _) = option(name);
                let var = OPTIONS.iter().find(|o| o.name == name).and_then(|o| o.env);
                Error::invalid(
                    spelled,
                    match var {
                        Some(var) => format!("is required: pass it or set {var}"),
                        None => "is required".to_owned(),
                    },
                )
            })
        };

        let base_url = text("base_url")?.unwrap_or_else(|| DEFAULT_BASE_URL.to_owned());
        if !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
            return Err(Error::invalid(
                option("base_url").0,
                "must be an http:// or https:// URL",
            ));
        }
        let mut context = Context::default().with_base_url(base_url);
        match kind {
            ClientKind::Page => {
                let page_id = match option("page_id") {
                    (_, None) => None,
                    (_, Some(Value::String(s))) => Some(s.trim().to_owned()),
                    (_, Some(Value::Number(n))) if n.is_u64() => Some(n.to_string()),
                    (spelled, Some(_)) => {
                        return Err(Error::invalid(spelled, "must be text or a whole number"))
                    }
                };
                context.page_id = Some(required("page_id", page_id.filter(|s| !s.is_empty()))?);
                let token = required("page_access_token", text("page_access_token")?)?;
                context.page_access_token = Some(Secret::new(token));
            }
            ClientKind::User => {
                let token = required("access_token", text("access_token")?)?;
                context.access_token = Some(Secret::new(token));
            }
        }

        let timeout_ms = match (option("timeout"), option("timeout_ms")) {
            ((spelled, Some(v)), _) => milliseconds(spelled, v, 1000, "seconds")?,
            (_, (spelled, Some(v))) => milliseconds(spelled, v, 1, "milliseconds")?,
            _ => DEFAULT_TIMEOUT_MS,
        };
        let max_retries = match option("max_retries") {
            (_, None) => RetryPolicy::default().max_retries,
            (spelled, Some(v)) => match v.as_u64() {
                Some(n) if n <= u64::from(MAX_RETRIES) => n as u32,
                _ => {
                    return Err(Error::invalid(
                        spelled,
                        format!("must be a whole number from 0 to {MAX_RETRIES}"),
                    ))
                }
            },
        };
        let spelled = option("requests_per_second").0;
        let requests_per_second = match given.get(spelled) {
            None => Some(RateLimit::default().requests_per_second),
            Some(Value::Null) => None,
            Some(v) => match v.as_f64() {
                Some(r) if r.is_finite() && (1.0..=f64::from(u32::MAX)).contains(&r) => {
                    Some(r.round() as u32)
                }
                _ => {
                    return Err(Error::invalid(
                        spelled,
                        "must be at least 1, or null / None to turn rate limiting off",
                    ))
                }
            },
        };
        Ok(Self {
            context,
            timeout_ms,
            max_retries,
            requests_per_second,
        })
    }

    /// The retry policy these settings ask for.
    pub fn retry_policy(&self) -> RetryPolicy {
        RetryPolicy {
            max_retries: self.max_retries,
            ..RetryPolicy::default()
        }
    }

    /// The settings as JSON with the tokens left out (what the shared vectors compare).
    pub fn to_json(&self) -> Value {
        serde_json::json!({
            "base_url": self.context.base_url,
            "page_id": self.context.page_id,
            "timeout_ms": self.timeout_ms,
            "max_retries": self.max_retries,
            "requests_per_second": self.requests_per_second,
        })
    }
}

/// `null` and empty text mean "not given".
fn is_unset(value: &Value) -> bool {
    matches!(value, Value::Null) || value.as_str() == Some("")
}

/// A timeout given in units of `per_unit` milliseconds, as whole milliseconds. The message
/// prints integers only: float formatting would be linked into the wasm module for it alone.
fn milliseconds(spelled: &str, value: &Value, per_unit: u64, unit: &str) -> Result<u64> {
    let max = MAX_TIMEOUT_MS / per_unit;
    match value.as_f64() {
        Some(t) if t.is_finite() && t > 0.0 && t <= max as f64 => {
            Ok(((t * per_unit as f64).ceil() as u64).max(1))
        }
        _ => Err(Error::invalid(
            spelled,
            format!("must be a positive number of {unit}, at most {max}"),
        )),
    }
}

/// The rate limiters clients share, one per configured rate: every client of a process (or a
/// JS realm) with the same rate draws on the same per-page buckets, so two clients of one page
/// share its budget. `T` is how the binding shares one limiter (`Arc<Mutex<_>>`,
/// `Rc<RefCell<_>>`); the binding keeps the registry where its clients can all reach it.
#[derive(Debug)]
pub struct Limiters<T> {
    by_rate: Vec<(Option<u32>, T)>,
}

impl<T> Default for Limiters<T> {
    fn default() -> Self {
        Self {
            by_rate: Vec::new(),
        }
    }
}

impl<T: Clone> Limiters<T> {
    /// An empty registry.
    pub const fn new() -> Self {
        Self {
            by_rate: Vec::new(),
        }
    }

    /// The limiter of `requests_per_second` (`None`: one that meters nothing but still honours
    /// a `429`'s `Retry-After`), made by `share` from a new [`RateLimiter`] the first time.
    /// A rate is kept with one request of headroom below the server's burst
    /// ([`RateLimit::with_headroom`]).
    pub fn shared(
        &mut self,
        requests_per_second: Option<u32>,
        share: impl FnOnce(RateLimiter) -> T,
    ) -> T {
        if let Some((_, limiter)) = self.by_rate.iter().find(|(r, _)| *r == requests_per_second) {
            return limiter.clone();
        }
        let limiter = share(match requests_per_second {
            Some(rate) => RateLimiter::new(RateLimit::with_headroom(rate)),
            None => RateLimiter::disabled(),
        });
        self.by_rate.push((requests_per_second, limiter.clone()));
        limiter
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn err(kind: ClientKind, face: Face, options: Value) -> String {
        match ClientConfig::read(kind, face, &options, &json!({})) {
            Err(Error::InvalidRequest { field, .. }) => field,
            other => panic!("expected an invalid option, got {other:?}"),
        }
    }

    #[test]
    fn every_option_is_spelled_by_some_face_and_env_vars_are_listed() {
        for option in OPTIONS {
            assert!(
                option.python.is_some() || option.typescript.is_some(),
                "{}",
                option.name
            );
            if let Some(var) = option.env {
                assert!(ENV_VARS.contains(&var), "{var}");
            }
        }
        assert_eq!(OPTIONS.iter().filter_map(|o| o.env).count(), ENV_VARS.len());
    }

    #[test]
    fn errors_name_the_option_as_the_face_spells_it() {
        let page = json!({"page_id": "1", "page_access_token": "t"});
        let with = |extra: Value| {
            let mut o = page.clone();
            o.as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            o
        };
        assert_eq!(
            err(ClientKind::Page, Face::Python, with(json!({"timeout": 0}))),
            "timeout"
        );
        assert_eq!(
            err(
                ClientKind::Page,
                Face::Python,
                with(json!({"timeoutMs": 5}))
            ),
            "timeoutMs"
        );
        assert_eq!(
            err(
                ClientKind::Page,
                Face::TypeScript,
                json!({"pageAccessToken": "t"})
            ),
            "pageId"
        );
        assert_eq!(
            err(ClientKind::User, Face::Python, json!({})),
            "access_token"
        );
        assert_eq!(
            err(
                ClientKind::Page,
                Face::Python,
                with(json!({"max_retries": 101}))
            ),
            "max_retries"
        );
    }

    #[test]
    fn options_left_out_read_as_their_stated_defaults() {
        for (face, options) in [
            (
                Face::Python,
                json!({"page_id": "1", "page_access_token": "t"}),
            ),
            (
                Face::TypeScript,
                json!({"pageId": "1", "pageAccessToken": "t"}),
            ),
        ] {
            let read = ClientConfig::read(ClientKind::Page, face, &options, &json!({}))
                .unwrap()
                .to_json();
            for option in OPTIONS.iter().filter(|o| !o.required) {
                let Some(key) = option.spelled(face) else {
                    continue;
                };
                let stated = option.default_value();
                let got = match option.name {
                    "timeout" => json!(read["timeout_ms"].as_f64().unwrap() / 1000.0),
                    name => read[name].clone(),
                };
                assert_eq!(got, stated, "{key}");
            }
        }
    }

    #[test]
    fn the_limiter_registry_shares_by_rate() {
        let mut limiters = Limiters::new();
        let made = std::cell::Cell::new(0);
        let mut get = |rate| {
            limiters.shared(rate, |l| {
                made.set(made.get() + 1);
                std::rc::Rc::new(std::cell::RefCell::new(l))
            })
        };
        let a = get(Some(5));
        let b = get(Some(5));
        let c = get(None);
        assert!(std::rc::Rc::ptr_eq(&a, &b));
        assert!(!std::rc::Rc::ptr_eq(&a, &c));
        assert_eq!(made.get(), 2);
    }
}
