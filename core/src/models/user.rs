//! Models: user (to be written).
