//! Resource: customers (to be written).
