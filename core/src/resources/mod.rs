//! Request builders, one file per resource. Each builder implements [`crate::Endpoint`].

pub mod avatar;
pub mod call_logs;
pub mod chat_plugin;
pub mod contents;
pub mod conversations;
pub mod customers;
pub mod export;
pub mod messages;
pub mod notes;
pub mod pages;
pub mod posts;
pub mod statistics;
pub mod tags;
pub mod users;

/// Every resource's operations, which the operation registry lists.
pub(crate) const OPERATIONS: &[&[crate::operation::Operation]] = &[
    tags::OPERATIONS,
    pages::OPERATIONS,
    conversations::OPERATIONS,
    messages::OPERATIONS,
    avatar::OPERATIONS,
    customers::OPERATIONS,
    notes::OPERATIONS,
    statistics::OPERATIONS,
    export::OPERATIONS,
    call_logs::OPERATIONS,
    posts::OPERATIONS,
    users::OPERATIONS,
    contents::OPERATIONS,
    chat_plugin::OPERATIONS,
];
