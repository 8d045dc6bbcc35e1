//! The little the manifest cannot say about the packages' faces: how each language likes a
//! method to be called (which arguments are positional, an upload taking a file, Python's
//! keyword arguments for a nested object), the names and docs of the resource classes, and the
//! names each package has always given the models it returns. Nothing here is a parameter, a
//! constraint, a default or a route: those come from the manifest.

/// How one operation's methods are called, where that differs from the default (the path's
/// parameters positional, every other parameter a keyword or a field of the params object).
pub struct Face {
    /// The operation (`messages.send`).
    pub op: &'static str,
    /// Python's positional parameters, in order (default: the path parameters).
    pub python_positional: Option<&'static [&'static str]>,
    /// TypeScript's positional parameters, in order (default: the path parameters).
    pub ts_positional: Option<&'static [&'static str]>,
    /// TypeScript: the last positional parameter (a text) may instead be the whole params
    /// object, so `send(id, "hi")` and `send(id, { message: "hi", ... })` both read well.
    pub ts_text_or_params: bool,
    /// Python: this object parameter's fields become keyword arguments of the method.
    pub python_flatten: Option<&'static str>,
    /// The operation sends a file: which parameters carry it.
    pub upload: Option<Upload>,
    /// Parameters the faces never take (their one value is core's default).
    pub hidden: &'static [&'static str],
    /// Ways of giving a span that exclude each other, each as (required, optional) names:
    /// TypeScript's params type is their union. Core rejects a mix in every language.
    pub one_of: &'static [(&'static [&'static str], &'static [&'static str])],
}

/// A file sent by an operation: the method takes the file (bytes, a path or a file object in
/// Python; a `Blob`, `Uint8Array` or `ArrayBuffer` in TypeScript) in place of `data`.
pub struct Upload {
    /// The parameter holding the file's bytes, base64-encoded.
    pub data: &'static str,
    /// The parameter holding its name, taken from the file when not given.
    pub name: &'static str,
    /// The parameter holding its MIME type, taken from a `Blob` when not given.
    pub mime: &'static str,
}

const DEFAULT: Face = Face {
    op: "",
    python_positional: None,
    ts_positional: None,
    ts_text_or_params: false,
    python_flatten: None,
    upload: None,
    hidden: &[],
    one_of: &[],
};

const DATE_RANGE: &[(&[&str], &[&str])] =
    &[(&["date_range"], &[]), (&["since", "until"], &["zone"])];

const FACES: &[Face] = &[
    Face {
        op: "conversations.add_tag",
        python_positional: Some(&["conversation_id", "tag_id"]),
        ts_positional: Some(&["conversation_id", "tag_id"]),
        ..DEFAULT
    },
    Face {
        op: "conversations.remove_tag",
        python_positional: Some(&["conversation_id", "tag_id"]),
        ts_positional: Some(&["conversation_id", "tag_id"]),
        ..DEFAULT
    },
    Face {
        op: "conversations.assign",
        python_positional: Some(&["conversation_id", "assignee_ids"]),
        ts_positional: Some(&["conversation_id", "assignee_ids"]),
        ..DEFAULT
    },
    Face {
        op: "messages.send",
        python_positional: Some(&["conversation_id", "message"]),
        ts_positional: Some(&["conversation_id", "message"]),
        ts_text_or_params: true,
        ..DEFAULT
    },
    Face {
        op: "messages.reply_comment",
        python_positional: Some(&["conversation_id", "message_id", "message"]),
        ts_positional: Some(&["conversation_id", "message_id"]),
        ..DEFAULT
    },
    Face {
        op: "customers.update",
        ts_positional: Some(&["page_customer_id", "changes"]),
        python_flatten: Some("changes"),
        ..DEFAULT
    },
    Face {
        op: "notes.add",
        python_positional: Some(&["page_customer_id", "message"]),
        ts_positional: Some(&["page_customer_id", "message"]),
        ..DEFAULT
    },
    Face {
        op: "notes.update",
        python_positional: Some(&["page_customer_id", "note_id", "message"]),
        ts_positional: Some(&["page_customer_id", "note_id", "message"]),
        ..DEFAULT
    },
    Face {
        op: "notes.delete",
        python_positional: Some(&["page_customer_id", "note_id"]),
        ts_positional: Some(&["page_customer_id", "note_id"]),
        ..DEFAULT
    },
    Face {
        op: "chat_plugin.list",
        python_positional: Some(&["conversation_id"]),
        ts_positional: Some(&["conversation_id"]),
        ..DEFAULT
    },
    Face {
        op: "contents.upload",
        upload: Some(Upload {
            data: "data_base64",
            name: "filename",
            mime: "content_type",
        }),
        ..DEFAULT
    },
    Face {
        op: "export.conversations_from_ads",
        hidden: &["action"],
        ..DEFAULT
    },
    Face {
        op: "statistics.engagements",
        one_of: DATE_RANGE,
        ..DEFAULT
    },
    Face {
        op: "statistics.users",
        one_of: DATE_RANGE,
        ..DEFAULT
    },
    Face {
        op: "statistics.new_customers",
        one_of: DATE_RANGE,
        ..DEFAULT
    },
    Face {
        op: "statistics.multi_page_users",
        one_of: DATE_RANGE,
        ..DEFAULT
    },
];

/// How operation `op` is called.
pub fn face(op: &str) -> &'static Face {
    FACES.iter().find(|f| f.op == op).unwrap_or(&DEFAULT)
}

/// Every operation named in this table, to catch one that no longer exists.
pub fn named() -> impl Iterator<Item = &'static str> {
    FACES.iter().map(|f| f.op)
}

/// Operations with no resource method: `avatar.url` is the module helper `avatar_url` /
/// `avatarUrl`, which builds a URL and sends nothing.
pub const SKIPPED: &[&str] = &["avatar.url"];

/// A resource class: the manifest's resource (`statistics`) on one client (`page`), its class
/// name and its doc.
pub struct ResourceClass {
    /// The manifest's resource (the first half of the face names).
    pub resource: &'static str,
    /// The client holding it (`page`, `user`, or `public` for no token).
    pub client: &'static str,
    /// The class name in both languages.
    pub class: &'static str,
    /// The class doc (markdown).
    pub doc: &'static str,
}

/// The resource classes, in the order the files list them.
pub const RESOURCES: &[ResourceClass] = &[
    ResourceClass {
        resource: "conversations",
        client: "page",
        class: "Conversations",
        doc: "The page's conversations: the lists (v2 by cursor, v1 by page in one-month \
              windows), tags, assignment and read state.",
    },
    ResourceClass {
        resource: "messages",
        client: "page",
        class: "Messages",
        doc: "Messages of the page's conversations. Sends are never retried once they may have \
              reached the server, so a message is never sent twice.",
    },
    ResourceClass {
        resource: "customers",
        client: "page",
        class: "Customers",
        doc: "The page's customers. `id` (a UUID) is what update and notes take; `psid` joins \
              a customer to conversations and avatars.",
    },
    ResourceClass {
        resource: "statistics",
        client: "page",
        class: "PageStatistics",
        doc: "Statistics of one page. `date_range` is the API's text \
              (`27/07/2021 00:00:00 - 26/08/2021 23:59:59`, Vietnam time); `since` / `until` \
              instead are written as that text by core, in `zone`.",
    },
    ResourceClass {
        resource: "statistics",
        client: "user",
        class: "UserStatistics",
        doc: "Statistics across the user's pages.",
    },
    ResourceClass {
        resource: "export",
        client: "page",
        class: "Export",
        doc: "Bulk exports (`export_data`).",
    },
    ResourceClass {
        resource: "call_logs",
        client: "page",
        class: "CallLogs",
        doc: "SIP call logs.",
    },
    ResourceClass {
        resource: "posts",
        client: "page",
        class: "Posts",
        doc: "The page's posts.",
    },
    ResourceClass {
        resource: "tags",
        client: "page",
        class: "Tags",
        doc: "The page's tags.",
    },
    ResourceClass {
        resource: "users",
        client: "page",
        class: "Users",
        doc: "The page's staff and its round robin.",
    },
    ResourceClass {
        resource: "contents",
        client: "page",
        class: "Contents",
        doc: "Uploads (images, videos, files) to send in messages.",
    },
    ResourceClass {
        resource: "chat_plugin",
        client: "public",
        class: "ChatPlugin",
        doc: "The website chat plugin (no token; the client's page id travels as a parameter).",
    },
    ResourceClass {
        resource: "pages",
        client: "user",
        class: "Pages",
        doc: "The user's pages and their tokens.",
    },
];

/// Models both packages return under one name: every statistics answer is a `Statistics`
/// (its shape depends on the endpoint and its parameters). Any other model is returned as its
/// own class ([`super::python_models::class_name`]).
pub const RETURNS: &[(&str, &str)] = &[
    ("AdCampaignStat", "Statistics"),
    ("AdStat", "Statistics"),
    ("EngagementStats", "Statistics"),
    ("PageStats", "Statistics"),
    ("TagStats", "Statistics"),
    ("UserStats", "Statistics"),
    ("NewCustomerStats", "Statistics"),
    ("MultiPageUserStats", "Statistics"),
];

/// TypeScript names the package has always exported for a params type: (name, generated type,
/// doc).
pub const TS_ALIASES: &[(&str, &str, &str)] = &[
    ("TagId", "FlexId", "A tag id: a number, or its text form."),
    (
        "ConversationFilters",
        "ConversationsIterParams",
        "Filters of the v2 conversation list.",
    ),
    (
        "ConversationV1Filters",
        "ConversationsIterV1Params",
        "Parameters of the v1 (windowed) conversation list.",
    ),
    (
        "SendMessage",
        "MessagesSendParams",
        "What `messages.send` sends: text, or uploaded contents — not both.",
    ),
    (
        "ReplyComment",
        "MessagesReplyCommentParams",
        "What `messages.replyComment` sends.",
    ),
    (
        "PrivateReply",
        "MessagesPrivateReplyParams",
        "What `messages.privateReply` sends.",
    ),
    ("Span", "PageStatisticsPageParams", "A time span."),
    (
        "DateRange",
        "PageStatisticsUsersParams",
        "The span of engagement, staff and new-customer statistics: the API's `date_range` \
         text, or `since` / `until` that core writes as that text in `zone`.",
    ),
    (
        "ChatPluginSend",
        "ChatPluginSendParams",
        "A visitor's message through the chat plugin.",
    ),
];
