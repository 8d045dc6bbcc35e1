//! Resource: export (to be written).
