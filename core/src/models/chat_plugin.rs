//! Models: chat_plugin (to be written).
