//! Models: call_log (to be written).
