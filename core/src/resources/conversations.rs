//! Resource: conversations (to be written).
