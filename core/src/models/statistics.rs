//! Models: statistics (to be written).
