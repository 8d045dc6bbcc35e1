//! Resource: users (to be written).
