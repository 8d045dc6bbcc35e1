// Groups `twiggy top --format csv` rows of the (unstripped) wasm by crate: where the bytes are.
// Usage: twiggy top -n 1000000 --format csv FILE.wasm | node size-report.mjs
let text = "";
process.stdin.on("data", (d) => (text += d)).on("end", () => {
  const lines = text.trim().split("\n").slice(1);
  const totals = new Map();
  for (const line of lines) {
    const m = line.match(/^(".*"|[^,]*),(\d+),/);
    if (!m) continue;
    const name = m[1].replace(/^"|"$/g, "").replace(/""/g, '"');
    const bytes = Number(m[2]);
    if (name.includes("function names") || name.startsWith("custom section")) continue;
    let key;
    if (name.startsWith("data segment")) key = "(data segments)";
    else if (name.includes("serde_path_to_error")) key = "serde_path_to_error";
    else key = (name.match(/^[<&\s]*(?:mut\s+|dyn\s+)*([A-Za-z_][A-Za-z0-9_]*)/) || [, "?"])[1];
    totals.set(key, (totals.get(key) ?? 0) + bytes);
  }
  const sum = [...totals.values()].reduce((a, b) => a + b, 0);
  console.log("code and data by crate (before wasm-opt, bytes):");
  for (const [k, v] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`${String(v).padStart(10)}  ${((100 * v) / sum).toFixed(1).padStart(5)}%  ${k}`);
  }
});
