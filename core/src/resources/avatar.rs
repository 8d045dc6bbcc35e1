//! Resource: avatar (to be written).
