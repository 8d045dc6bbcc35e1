//! Models: content (to be written).
