//! Models: message (to be written).
