//! Resource: statistics (to be written).
