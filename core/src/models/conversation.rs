//! Models: conversation (to be written).
