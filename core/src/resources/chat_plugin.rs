//! Resource: chat_plugin (to be written).
