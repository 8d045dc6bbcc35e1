//! Response models, one file per resource. Every model is lossless: see [`common`].

pub mod avatar;
pub mod call_log;
pub mod chat_plugin;
pub mod common;
pub mod content;
pub mod conversation;
pub mod customer;
pub mod export;
pub mod message;
pub mod page;
pub mod post;
/// Generated tables of every model's JSON shape, private to the crate: [`crate::shape`] reads
/// them through each model's [`Shaped`](crate::shape::Shaped) impl.
#[rustfmt::skip]
mod shapes;
pub mod statistics;
pub mod tag;
pub mod user;
pub mod webhook;
