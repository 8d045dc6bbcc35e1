//! Resource: notes (to be written).
