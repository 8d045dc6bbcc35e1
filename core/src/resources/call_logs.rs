//! Resource: call_logs (to be written).
