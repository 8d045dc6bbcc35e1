//! Normalisation (to be written).
