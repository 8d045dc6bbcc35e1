//! Call logs (`GET /pages/{page_id}/sip_call_logs`).
//!
//! The documents disagree on the shape: 000 answers `call_logs[]` with `created_time`,
//! `phone_number`, `direction`...; 003 and openapi.yaml answer `data[]` with `call_id`,
//! `caller`, `callee`, `start_time`, `duration`, `status`. [`CallLog`] holds both field sets
//! and [`CallLogList`] both keys, so either round-trips.

use serde::{Deserialize, Serialize};

use super::common::{Extra, FlexBool, FlexNum, Maybe};

/// One call.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CallLog {
    /// The call id (003).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub call_id: Maybe<String>,
    /// The caller's number (003).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub caller: Maybe<String>,
    /// The callee's number (003).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub callee: Maybe<String>,
    /// Start time (003), as sent.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub start_time: Maybe<serde_json::Value>,
    /// Duration in seconds (003).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub duration: Maybe<FlexNum>,
    /// `completed`, `missed`, ... (003).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub status: Maybe<String>,
    /// When the call was answered (000), as sent.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub answered_time: Maybe<serde_json::Value>,
    /// Whether the client hung up (000).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub client_hangup: Maybe<FlexBool>,
    /// The client (`pos`) (000).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub client_type: Maybe<String>,
    /// When the call was made (000), as sent.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub created_time: Maybe<serde_json::Value>,
    /// `inbound` or `outbound` (000).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub direction: Maybe<String>,
    /// The staff member who called, `Name(fb id)` (000).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub employee_name: Maybe<String>,
    /// When the call ended (000), as sent.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub hangup_time: Maybe<serde_json::Value>,
    /// The customer's number (000).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub phone_number: Maybe<String>,
    /// The recording (000).
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub record_file: Maybe<serde_json::Value>,
    /// The call type (`hangup`) (000).
    #[serde(default, skip_serializing_if = "Maybe::is_absent", rename = "type")]
    pub kind: Maybe<String>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One page of call logs, under `call_logs` (000) or `data` (003).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CallLogList {
    /// The calls, as 000 names them.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub call_logs: Maybe<Vec<CallLog>>,
    /// The calls, as 003 names them.
    #[serde(default, skip_serializing_if = "Maybe::is_absent")]
    pub data: Maybe<Vec<CallLog>>,
    /// Fields this SDK does not know yet (`success`, `total`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

impl CallLogList {
    /// The calls, from whichever key the server used.
    pub fn logs(&self) -> &[CallLog] {
        self.call_logs
            .get()
            .or_else(|| self.data.get())
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The calls, by value.
    pub fn into_logs(self) -> Vec<CallLog> {
        match (self.call_logs, self.data) {
            (Maybe::Value(v), _) => v,
            (_, Maybe::Value(v)) => v,
            _ => Vec::new(),
        }
    }
}
