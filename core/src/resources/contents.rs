//! Resource: contents (to be written).
