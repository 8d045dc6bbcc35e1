//! Resource: messages (to be written).
