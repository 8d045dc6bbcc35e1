//! Resource: posts (to be written).
