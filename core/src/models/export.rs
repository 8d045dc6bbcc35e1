//! Models: export (to be written).
