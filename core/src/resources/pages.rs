//! Resource: pages (to be written).
