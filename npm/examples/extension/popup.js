// The extension popup: `init()` loads the wasm shipped inside the extension (no remote code),
// then the SDK lists conversations. `?base=&token=` configure it for the test.
import { init, UserClient } from "./lib/index.js";

const status = document.getElementById("status");
const list = document.getElementById("list");
const q = new URLSearchParams(location.search);

async function main() {
  await init();
  const user = new UserClient({ accessToken: q.get("token") ?? "", baseUrl: q.get("base") ?? undefined });
  const [first] = await user.pages.list();
  const { page_access_token } = await user.pages.generatePageAccessToken(first.id);
  const page = user.page(first.id, page_access_token);
  let n = 0;
  for await (const c of page.conversations.iter()) {
    const li = document.createElement("li");
    li.textContent = `${c.type} ${c.id}`;
    list.append(li);
    n++;
  }
  status.textContent = `ok: ${n} conversations`;
}

main().catch((e) => {
  status.textContent = `error: ${e.name}: ${e.message}`;
});
