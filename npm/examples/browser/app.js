// Lists a page's conversations in a browser: `init()` loads the wasm core, then the same
// clients as in Node. The page takes `?base=<API base URL>&token=<user token>`.
import { init, UserClient, PancakeError } from "./pancake-api/index.js";

const status = document.getElementById("status");
const list = document.getElementById("list");
const q = new URLSearchParams(location.search);

try {
  await init();
  const user = new UserClient({ accessToken: q.get("token") ?? "", baseUrl: q.get("base") ?? undefined });
  const [first] = await user.pages.list();
  const { page_access_token } = await user.pages.generatePageAccessToken(first.id);
  const page = user.page(first.id, page_access_token);
  let n = 0;
  for await (const c of page.conversations.iter()) {
    const li = document.createElement("li");
    li.textContent = `${c.type} ${c.id} ${c.updated_at.toISOString()}`;
    list.append(li);
    n++;
  }
  status.textContent = `ok: ${n} conversations`;
} catch (e) {
  status.textContent = `error: ${e instanceof PancakeError ? e.name : "other"}: ${e.message}`;
}
