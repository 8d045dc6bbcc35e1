//! Models: customer (to be written).
