export default { base: "./", build: { target: "es2022", outDir: "dist", emptyOutDir: true }, logLevel: "warn" };
