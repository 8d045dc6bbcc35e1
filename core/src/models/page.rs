//! Models: page (to be written).
