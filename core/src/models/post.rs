//! Models: post (to be written).
