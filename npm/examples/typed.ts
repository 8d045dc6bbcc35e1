// A typed example checked with `tsc --strict` against the published types (scripts/test-packed.sh).
import {
  APIError,
  InvalidRequestError,
  PageClient,
  UserClient,
  normalizePhone,
  parseTimestamp,
  type Customer,
  type Page,
} from "pancake-api";

export async function sync(baseUrl: string, accessToken: string, signal?: AbortSignal): Promise<number> {
  const user = new UserClient({ accessToken, baseUrl, requestsPerSecond: 5 });
  const pages = await user.pages.list({ signal });
  // Model fields are typed from core's Rust structs: any field may be absent or null.
  const first = pages[0];
  if (first?.id == null) return 0;
  const pageId = String(first.id); // page ids arrive as numbers or strings
  const token = await user.pages.generatePageAccessToken(pageId);
  if (!token.page_access_token) return 0;
  const page: PageClient = user.page(pageId, token.page_access_token);

  const one: Page<Customer> = await page.customers.list({ since: new Date(0), until: new Date(), page_size: 10 });
  const total: number | null = one.total;
  let count = 0;
  const it = page.customers.iter({ since: 0, until: Math.floor(Date.now() / 1000), signal });
  for await (const c of it) {
    const when: Date | undefined = c.inserted_at ?? undefined;
    const name: string = c.name ?? "(no name)";
    void when;
    void name;
    if (++count === 5) {
      const resume: string = it.resumeToken;
      void resume;
      break;
    }
  }
  const tags = await page.tags.list();
  const conv = (await page.conversations.list()).items[0];
  const tagId = tags[0]?.id;
  if (conv?.id && tagId != null) await page.conversations.addTag(conv.id, tagId);
  try {
    await page.customers.list({ since: new Date(0), until: new Date(), page_size: 500 });
  } catch (e) {
    if (e instanceof InvalidRequestError) console.log(e.param);
    else if (e instanceof APIError) console.log(e.status, e.code);
  }
  const uploaded = await page.contents.upload(new Uint8Array([1, 2, 3]), { filename: "a.bin" });
  const json: string = JSON.stringify(uploaded.toJSON());
  void json;
  void normalizePhone("0328290781");
  void parseTimestamp(1629959396).toISOString();
  return total ?? count;
}
