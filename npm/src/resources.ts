// The resources, attached to clients as properties (`page.customers`, `user.pages`). Method
// names are camelCase; parameters keep the API's own names (`since`, `page_size`, ...) so the
// core's names are the one source of truth (the tests check them against `paramNames`).
import type { BaseClient, IterOptions, Params, RequestOptions, TimeInput } from "./base.js";
import { apiParams, PageIterator } from "./base.js";
import type {
  Ack,
  CallLog,
  Content,
  Conversation,
  Customer,
  ExportedConversation,
  JsonObject,
  Message,
  Page,
  PageAccessToken,
  PageInfo,
  PluginMessages,
  Post,
  RoundRobinUpdate,
  SentMessage,
  SentPluginMessage,
  Statistics,
  Tag,
  TagChange,
  User,
} from "./models.js";

/** A tag id: a number, or its text form. */
export type TagId = number | string;

const p = (params: object | undefined, extra: Params = {}): Params => apiParams(params as Params | undefined, extra);

/** A group of endpoints bound to a client. */
export class Resource {
  /** @internal */
  protected readonly _client: BaseClient;
  /** @internal */
  constructor(client: BaseClient) {
    this._client = client;
  }
}

/** Filters of the v2 conversation list. */
export interface ConversationFilters {
  tags?: TagId[];
  type?: string[];
  post_ids?: string[];
  since?: TimeInput;
  until?: TimeInput;
  unread_first?: boolean;
  order_by?: string;
}
/** Parameters of the v1 (windowed) conversation list. */
export interface ConversationV1Filters {
  since: TimeInput;
  until: TimeInput;
  order_by?: string;
  tags?: TagId[];
}

/** The page's conversations. */
export class Conversations extends Resource {
  /** One page (60 newest) of conversations; pass `last_conversation_id` for the next. */
  list(params?: ConversationFilters & { last_conversation_id?: string } & RequestOptions): Promise<Page<Conversation>> {
    return this._client._list("conversations.list", p(params), params);
  }
  /** Every conversation, newest first, following `last_conversation_id`. */
  iter(params?: ConversationFilters & IterOptions): PageIterator<Conversation> {
    return this._client._iter("conversations.list", p(params), params);
  }
  /** One page of the older v1 list (`since`..`until` at most one month apart). */
  listV1(params: ConversationV1Filters & { page_number?: number } & RequestOptions): Promise<Page<Conversation>> {
    return this._client._list("conversations.list_v1", p(params), params);
  }
  /** Every conversation between `since` and `until` through the v1 list; a longer span is
   * split into one-month windows (newest first). */
  iterV1(params: ConversationV1Filters & IterOptions): PageIterator<Conversation> {
    return this._client._iter("conversations.list_v1", p(params), params);
  }
  /** Adds a tag to a conversation (safe to repeat). */
  addTag(conversationId: string, tagId: TagId, options?: RequestOptions): Promise<TagChange> {
    return this._client._model("conversations.add_tag", p({ conversation_id: conversationId, tag_id: tagId }), options);
  }
  /** Removes a tag from a conversation (safe to repeat). */
  removeTag(conversationId: string, tagId: TagId, options?: RequestOptions): Promise<TagChange> {
    return this._client._model("conversations.remove_tag", p({ conversation_id: conversationId, tag_id: tagId }), options);
  }
  /** Assigns the conversation to these staff members (replacing the assignees). */
  assign(conversationId: string, assigneeIds: string[], options?: RequestOptions): Promise<Conversation> {
    return this._client._model("conversations.assign", p({ conversation_id: conversationId, assignee_ids: assigneeIds }), options);
  }
  /** Marks the conversation read. */
  markRead(conversationId: string, options?: RequestOptions): Promise<Ack> {
    return this._client._model("conversations.mark_read", p({ conversation_id: conversationId }), options);
  }
  /** Marks the conversation unread. */
  markUnread(conversationId: string, options?: RequestOptions): Promise<Ack> {
    return this._client._model("conversations.mark_unread", p({ conversation_id: conversationId }), options);
  }
}

/** What `messages.send` sends: text, or uploaded contents — not both. */
export interface SendMessage {
  message?: string;
  content_ids?: string[];
  attachment_type?: string;
  filename?: string;
  name?: string;
  mime_type?: string;
  sender_id?: string;
  reply_message_id?: string;
}
/** What `messages.replyComment` sends. */
export interface ReplyComment {
  message?: string;
  content_ids?: string[];
  content_url?: string;
  sender_id?: string;
  mentions?: JsonObject[];
}
/** What `messages.privateReply` sends. */
export interface PrivateReply {
  post_id: string;
  message_id: string;
  from_id: string;
  message: string;
  sender_id?: string;
}

/** Messages of the page's conversations. Sends are never retried once they may have reached
 * the server, so a message is never sent twice. */
export class Messages extends Resource {
  /** The newest messages, or the 30 before the `current_count` you already have. */
  list(conversationId: string, params?: { customer_id?: string; current_count?: number } & RequestOptions): Promise<Page<Message>> {
    return this._client._list("messages.list", p(params, { conversation_id: conversationId }), params);
  }
  /** The whole history, page by page backwards from the newest. */
  iter(conversationId: string, params?: { customer_id?: string } & IterOptions): PageIterator<Message> {
    return this._client._iter("messages.list", p(params, { conversation_id: conversationId }), params);
  }
  /** Replies in an inbox conversation with text (a string) or with uploaded contents. */
  send(conversationId: string, message: string | (SendMessage & RequestOptions), options?: RequestOptions): Promise<SentMessage> {
    const params = typeof message === "string" ? { message } : message;
    const opts = typeof message === "string" ? options : message;
    return this._client._model("messages.send", p(params, { conversation_id: conversationId }), opts);
  }
  /** Replies to a comment (`messageId`) in a comment conversation. */
  replyComment(conversationId: string, messageId: string, params: ReplyComment & RequestOptions): Promise<SentMessage> {
    return this._client._model(
      "messages.reply_comment",
      p(params, { conversation_id: conversationId, message_id: messageId }),
      params,
    );
  }
  /** Answers a commenter privately in the inbox. */
  privateReply(conversationId: string, params: PrivateReply & RequestOptions): Promise<SentMessage> {
    return this._client._model("messages.private_reply", p(params, { conversation_id: conversationId }), params);
  }
}

/** A customer update: only the fields given change. */
export interface CustomerChanges {
  name?: string;
  /** `male`, `female` or `unknown`. */
  gender?: string;
  /** `YYYY-MM-DD`. */
  birthday?: string;
  /** Replaces the whole list. */
  phone_numbers?: string[];
}

/** The page's customers. `id` (a UUID) is what update and notes take; `psid` joins a
 * customer to conversations and avatars. */
export class Customers extends Resource {
  /** One page of customers (`page_size` 1–100) with the `total`. */
  list(
    params: { since: TimeInput; until: TimeInput; page_number?: number; page_size?: number; order_by?: string } & RequestOptions,
  ): Promise<Page<Customer>> {
    return this._client._list("customers.list", p(params), params);
  }
  /** Every customer (100 per request unless `page_size` says otherwise). */
  iter(params: { since: TimeInput; until: TimeInput; page_size?: number; order_by?: string } & IterOptions): PageIterator<Customer> {
    return this._client._iter("customers.list", p(params), params);
  }
  /** Updates a customer. */
  update(pageCustomerId: string, changes: CustomerChanges, options?: RequestOptions): Promise<Ack> {
    return this._client._model("customers.update", { page_customer_id: pageCustomerId, changes: p(changes) }, options);
  }
  /** Adds a note to a customer. */
  addNote(pageCustomerId: string, message: string, options?: RequestOptions): Promise<Ack> {
    return this._client._model("notes.add", p({ page_customer_id: pageCustomerId, message }), options);
  }
  /** Replaces a note's text. */
  updateNote(pageCustomerId: string, noteId: string, message: string, options?: RequestOptions): Promise<Ack> {
    return this._client._model("notes.update", p({ page_customer_id: pageCustomerId, note_id: noteId, message }), options);
  }
  /** Deletes a note. */
  deleteNote(pageCustomerId: string, noteId: string, options?: RequestOptions): Promise<Ack> {
    return this._client._model("notes.delete", p({ page_customer_id: pageCustomerId, note_id: noteId }), options);
  }
}

/** A time span. */
export interface Span {
  since: TimeInput;
  until: TimeInput;
}

/** The span of engagement, staff and new-customer statistics: the API's `date_range` text, or
 * `since` / `until` (a `Date` or unix seconds) that core writes as that text in `zone` (default
 * `"Asia/Ho_Chi_Minh"`, or an offset such as `"+07:00"`). */
export type DateRange =
  | { date_range: string; since?: never; until?: never; zone?: never }
  | { since: TimeInput; until: TimeInput; zone?: string; date_range?: never };

/** Statistics of one page. `date_range` is the API's text:
 * `"27/07/2021 00:00:00 - 26/08/2021 23:59:59"` (Vietnam time). */
export class PageStatistics extends Resource {
  /** Ads campaign statistics. */
  campaigns(params: Span & RequestOptions): Promise<Statistics> {
    return this._client._model("statistics.campaigns", p(params), params);
  }
  /** Ads statistics (`type` as the API names it, e.g. `by_id`). */
  ads(params: Span & { type: string } & RequestOptions): Promise<Statistics> {
    return this._client._model("statistics.ads", p(params), params);
  }
  /** Customer engagement statistics (the shape changes with `by_hour`). */
  engagements(params: DateRange & { by_hour?: boolean; user_ids?: string[] } & RequestOptions): Promise<Statistics> {
    return this._client._model("statistics.engagements", p(params), params);
  }
  /** Page statistics. */
  page(params: Span & RequestOptions): Promise<Statistics> {
    return this._client._model("statistics.page", p(params), params);
  }
  /** Tag statistics. */
  tags(params: Span & RequestOptions): Promise<Statistics> {
    return this._client._model("statistics.tags", p(params), params);
  }
  /** Staff statistics. */
  users(params: DateRange & RequestOptions): Promise<Statistics> {
    return this._client._model("statistics.users", p(params), params);
  }
  /** New customer statistics (`date_range` in dates only: `"20/07/2020 - 20/08/2020"`; with
   * `since` / `until`, the local days holding them). */
  newCustomers(params: DateRange & { group_by?: string } & RequestOptions): Promise<Statistics> {
    return this._client._model("statistics.new_customers", p(params), params);
  }
}

/** Statistics across the user's pages. */
export class UserStatistics extends Resource {
  /** Staff statistics over several pages. */
  pagesUsers(params: { page_ids: string[] } & DateRange & RequestOptions): Promise<Statistics> {
    return this._client._model("statistics.multi_page_users", p(params), params);
  }
}

/** Bulk exports (`export_data`). */
export class Export extends Resource {
  /** One batch (60) of conversations that came from ads, from `offset`. */
  conversationsFromAds(params: Span & { offset?: number } & RequestOptions): Promise<Page<ExportedConversation>> {
    return this._client._list("export.conversations_from_ads", p(params), params);
  }
  /** Every conversation that came from ads. */
  iterConversationsFromAds(params: Span & IterOptions): PageIterator<ExportedConversation> {
    return this._client._iter("export.conversations_from_ads", p(params), params);
  }
}

/** SIP call logs. */
export class CallLogs extends Resource {
  /** One page of the call logs of SIP package `id`. */
  list(
    params: { id: string; page_number?: number; page_size?: number; since?: TimeInput; until?: TimeInput } & RequestOptions,
  ): Promise<Page<CallLog>> {
    return this._client._list("call_logs.list", p(params), params);
  }
  /** Every call log of SIP package `id`. */
  iter(params: { id: string; page_size?: number; since?: TimeInput; until?: TimeInput } & IterOptions): PageIterator<CallLog> {
    return this._client._iter("call_logs.list", p(params), params);
  }
}

/** The page's posts. */
export class Posts extends Resource {
  /** One page of posts (`page_size` at most 30). */
  list(params: Span & { page_number?: number; page_size?: number; type?: string } & RequestOptions): Promise<Page<Post>> {
    return this._client._list("posts.list", p(params), params);
  }
  /** Every post between `since` and `until`. */
  iter(params: Span & { page_size?: number; type?: string } & IterOptions): PageIterator<Post> {
    return this._client._iter("posts.list", p(params), params);
  }
}

/** The page's tags. */
export class Tags extends Resource {
  /** Every tag of the page. */
  async list(options?: RequestOptions): Promise<Tag[]> {
    return (await this._client._list<Tag>("tags.list", {}, options)).items;
  }
}

/** The page's staff. */
export class Users extends Resource {
  /** Every staff member of the page. */
  async list(options?: RequestOptions): Promise<User[]> {
    return (await this._client._list<User>("users.list", {}, options)).items;
  }
  /** Sets who takes turns on new inbox and comment conversations. */
  setRoundRobin(params: { inbox?: string[]; comment?: string[] } & RequestOptions): Promise<RoundRobinUpdate> {
    return this._client._model("users.set_round_robin", p(params), params);
  }
}

/** What `contents.upload` takes. */
export type Uploadable = Blob | Uint8Array | ArrayBuffer;

function base64(bytes: Uint8Array): string {
  let out = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    out += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(out);
}

/** Uploads (images, videos, files) to send in messages. */
export class Contents extends Resource {
  /** Uploads a file (a `Blob`/`File`, `Uint8Array` or `ArrayBuffer`); the answer's `id` goes
   * into `messages.send(id, { content_ids: [...] })`. Never retried once sent. */
  async upload(file: Uploadable, options?: { filename?: string; content_type?: string } & RequestOptions): Promise<Content> {
    let bytes: Uint8Array;
    let filename = options?.filename;
    let contentType = options?.content_type;
    if (file instanceof Uint8Array) {
      bytes = file;
    } else if (file instanceof ArrayBuffer) {
      bytes = new Uint8Array(file);
    } else {
      bytes = new Uint8Array(await file.arrayBuffer());
      const name = (file as Blob & { name?: unknown }).name;
      if (!filename && typeof name === "string") filename = name;
      if (!contentType && file.type) contentType = file.type;
    }
    return this._client._model(
      "contents.upload",
      p({ filename: filename || undefined, content_type: contentType, data_base64: base64(bytes) }),
      options,
    );
  }
}

/** A visitor's message through the chat plugin (`dummy_id` and `inserted_at` in ms). */
export interface ChatPluginSend {
  from_id: string;
  dummy_id: number;
  inserted_at: number;
  message?: string;
  conversation_id?: string;
  name?: string;
  replied_message_id?: string;
  extra_info?: JsonObject;
  attachments?: JsonObject[];
}

/** The website chat plugin (no token; the page id travels as a parameter). */
export class ChatPlugin extends Resource {
  readonly #pageId: string;
  /** @internal */
  constructor(client: BaseClient, pageId: string) {
    super(client);
    this.#pageId = pageId;
  }
  /** Sends a visitor's message. */
  send(params: ChatPluginSend & RequestOptions): Promise<SentPluginMessage> {
    return this._client._model("chat_plugin.send", p(params, { page_id: this.#pageId }), params);
  }
  /** A chat plugin conversation's messages. */
  list(conversationId: string, params?: { offset?: number } & RequestOptions): Promise<PluginMessages> {
    return this._client._model("chat_plugin.list", p(params, { conversation_id: conversationId, page_id: this.#pageId }), params);
  }
}

/** The user's pages. */
export class Pages extends Resource {
  /** Every page the user manages (the active ones when the server groups them). */
  async list(options?: RequestOptions): Promise<PageInfo[]> {
    return (await this._client._list<PageInfo>("pages.list", {}, options)).items;
  }
  /** A new page access token for one of the user's pages. */
  generatePageAccessToken(pageId: string, options?: RequestOptions): Promise<PageAccessToken> {
    return this._client._model("pages.generate_page_access_token", p({ page_id: pageId }), options);
  }
}

export { PageIterator };
