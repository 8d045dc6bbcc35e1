import { fileURLToPath } from "node:url";

export default {
  mode: "production",
  target: "web",
  entry: "./main.js",
  output: { path: fileURLToPath(new URL("./dist", import.meta.url)), filename: "main.js", clean: true },
  performance: { hints: false },
};
