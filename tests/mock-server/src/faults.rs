//! Fault injection: per-route rules set by `--fault route=spec` or `POST /__mock/faults`.
//!
//! A spec is colon-separated keys: `status:503`, `count:2` (how many requests it hits; by
//! default every one), `skip:3` (let the first matching requests through), `delay_ms:1500`,
//! and the actions `drop` (process, then close the connection without answering), `malformed`
//! (cut the JSON in half), `html` (an HTML 502 page), `success_false` (an API error under
//! HTTP 200), `drift` (unknown fields added, numbers sent as strings) and `sparse` (null and
//! empty fields left out). The route is an
//! operation name (`customers.list`), a prefix with `*` (`customers.*`), or `*`.

use serde::{Deserialize, Serialize};

/// What a fault does to the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Process the request, then close the connection without a response.
    Drop,
    /// Process the request, then send only the first half of the JSON.
    Malformed,
    /// Answer 502 with an HTML page, without processing.
    Html,
    /// Answer HTTP 200 with `{"success":false,...}`, without processing.
    SuccessFalse,
    /// Process the request, then add unknown fields and send numbers as strings.
    Drift,
    /// Process the request, then leave out every field that is null or empty (missing
    /// fields, as older accounts' data has them).
    Sparse,
}

/// One fault rule.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fault {
    /// Operation name, prefix ending in `*`, or `*`.
    pub route: String,
    /// Answer with this HTTP status (a JSON error body; 429 carries `Retry-After: 1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Wait this long before answering.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
    /// What else to do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<Action>,
    /// How many more requests this rule hits (`None`: all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    /// How many matching requests to let through first.
    #[serde(default)]
    pub skip: u64,
}

impl Fault {
    /// Parses `route=spec`.
    pub fn parse(flag: &str) -> Result<Fault, String> {
        let (route, spec) = flag
            .split_once('=')
            .ok_or_else(|| format!("fault `{flag}`: expected route=spec"))?;
        let mut f = Fault {
            route: route.trim().to_owned(),
            ..Fault::default()
        };
        let mut parts = spec.split(':').map(str::trim).filter(|s| !s.is_empty());
        while let Some(key) = parts.next() {
            let mut num = |what: &str| -> Result<u64, String> {
                parts
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or_else(|| format!("fault `{flag}`: `{what}` needs a number"))
            };
            match key {
                "status" => f.status = Some(num("status")? as u16),
                "count" => f.count = Some(num("count")?),
                "skip" => f.skip = num("skip")?,
                "delay_ms" | "delay" => f.delay_ms = Some(num("delay_ms")?),
                "drop" => f.action = Some(Action::Drop),
                "malformed" => f.action = Some(Action::Malformed),
                "html" => f.action = Some(Action::Html),
                "success_false" => f.action = Some(Action::SuccessFalse),
                "drift" => f.action = Some(Action::Drift),
                "sparse" => f.action = Some(Action::Sparse),
                other => return Err(format!("fault `{flag}`: unknown key `{other}`")),
            }
        }
        f.validate()?;
        Ok(f)
    }

    /// Checks the rule does something.
    pub fn validate(&self) -> Result<(), String> {
        if self.route.is_empty() {
            return Err("fault: empty route".into());
        }
        if let Some(s) = self.status {
            if !(100..=599).contains(&s) {
                return Err(format!("fault: status {s} out of range"));
            }
        }
        if self.status.is_none() && self.delay_ms.is_none() && self.action.is_none() {
            return Err("fault: give a status, a delay_ms or an action".into());
        }
        Ok(())
    }

    fn matches(&self, op: &str) -> bool {
        match self.route.strip_suffix('*') {
            Some(prefix) => op.starts_with(prefix),
            None => self.route == op,
        }
    }
}

/// Takes the first live rule matching `op`, counting it down.
pub fn take(rules: &mut [Fault], op: &str) -> Option<Fault> {
    for rule in rules.iter_mut() {
        if !rule.matches(op) || rule.count == Some(0) {
            continue;
        }
        if rule.skip > 0 {
            rule.skip -= 1;
            return None;
        }
        if let Some(c) = rule.count.as_mut() {
            *c -= 1;
        }
        return Some(rule.clone());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_counts_down() {
        let f = Fault::parse("customers.list=status:503:count:2").unwrap();
        assert_eq!(f.status, Some(503));
        let mut rules = vec![f, Fault::parse("*=delay_ms:10:skip:1").unwrap()];
        assert_eq!(
            take(&mut rules, "customers.list").unwrap().status,
            Some(503)
        );
        assert!(take(&mut rules, "customers.list").is_some());
        // Exhausted: falls through to the `*` rule, which skips its first match.
        assert!(take(&mut rules, "customers.list").is_none());
        assert_eq!(take(&mut rules, "tags.list").unwrap().delay_ms, Some(10));
        assert!(Fault::parse("x=bogus").is_err());
        assert!(Fault::parse("x=count:2").is_err());
        assert!(Fault::parse("nospec").is_err());
    }
}
