// The clients: `PageClient` for one page's APIs, `UserClient` for the user's.
import { BaseClient, type ClientSettings } from "./base.js";
import type { PageClientCredentials, UserClientCredentials } from "./client.generated.js";
import {
  CallLogs,
  ChatPlugin,
  Contents,
  Conversations,
  Customers,
  Export,
  Messages,
  Pages,
  PageStatistics,
  Posts,
  Tags,
  UserStatistics,
  Users,
} from "./resources.js";

/** Options of `PageClient`. */
export interface PageClientOptions extends ClientSettings, PageClientCredentials {}

/** Options of `UserClient`. */
export interface UserClientOptions extends ClientSettings, UserClientCredentials {}

/** A client for one page's APIs (`public_api`), authenticated with its page access token.
 * Requests to one page share its rate limit across every client of the JS realm. */
export class PageClient extends BaseClient {
  /** The page's id. */
  readonly pageId: string;
  /** Conversations: list, tags, assignment, read state. */
  readonly conversations: Conversations;
  /** Messages: history and sending. */
  readonly messages: Messages;
  /** Customers: list, update, notes. */
  readonly customers: Customers;
  /** Statistics of the page. */
  readonly statistics: PageStatistics;
  /** Bulk exports. */
  readonly export: Export;
  /** SIP call logs. */
  readonly callLogs: CallLogs;
  /** The page's tags. */
  readonly tags: Tags;
  /** The page's posts. */
  readonly posts: Posts;
  /** The page's staff and round robin. */
  readonly users: Users;
  /** Uploads. */
  readonly contents: Contents;
  /** The website chat plugin. */
  readonly chatPlugin: ChatPlugin;

  constructor(options: PageClientOptions) {
    super("page", options);
    const pageId = this._native.pageId as string;
    this.pageId = pageId;
    this.conversations = new Conversations(this);
    this.messages = new Messages(this);
    this.customers = new Customers(this);
    this.statistics = new PageStatistics(this);
    this.export = new Export(this);
    this.callLogs = new CallLogs(this);
    this.tags = new Tags(this);
    this.posts = new Posts(this);
    this.users = new Users(this);
    this.contents = new Contents(this);
    this.chatPlugin = new ChatPlugin(this);
  }

  /** No token in here. */
  toString(): string {
    return `PageClient(pageId=${JSON.stringify(this.pageId)}, baseUrl=${JSON.stringify(this.baseUrl)})`;
  }
}

/** A client for the user-level APIs (pages, page tokens, multi-page statistics). */
export class UserClient extends BaseClient {
  /** The user's pages and their tokens. */
  readonly pages: Pages;
  /** Statistics across pages. */
  readonly statistics: UserStatistics;
  readonly #settings: ClientSettings;

  constructor(options: UserClientOptions = {}) {
    super("user", options);
    const settings: UserClientOptions = { ...options, baseUrl: this.baseUrl };
    delete settings.accessToken;
    this.#settings = settings;
    this.pages = new Pages(this);
    this.statistics = new UserStatistics(this);
  }

  /** A `PageClient` for one of the user's pages, with this client's settings. */
  page(pageId: string, pageAccessToken: string): PageClient {
    return new PageClient({ ...this.#settings, pageId, pageAccessToken });
  }

  /** No token in here. */
  toString(): string {
    return `UserClient(baseUrl=${JSON.stringify(this.baseUrl)})`;
  }
}
