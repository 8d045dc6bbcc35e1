//! Pagination state machines (to be written).
