// Prints the gzip size of every built JS chunk and fails when the entry chunk, the one
// index.html loads before anything else, is over budget. Run after `npm run build`.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 200;
const distDir = join(import.meta.dirname, "..", "dist");
const assetsDir = join(distDir, "assets");

let html;
try {
  html = readFileSync(join(distDir, "index.html"), "utf8");
} catch {
  console.error("No dist/index.html: run `npm run build` first.");
  process.exit(1);
}
const entries = new Set(
  [...html.matchAll(/<script[^>]+type="module"[^>]+src="\/assets\/([^"]+\.js)"/g)].map(
    (match) => match[1],
  ),
);
if (entries.size === 0) {
  console.error("dist/index.html loads no JS module from /assets/.");
  process.exit(1);
}

// kB of 1000 bytes and gzip's default level, as Vite's own build report counts them.
const kb = (bytes) => (bytes / 1000).toFixed(1);
const chunks = readdirSync(assetsDir)
  .filter((name) => name.endsWith(".js"))
  .map((name) => {
    const source = readFileSync(join(assetsDir, name));
    return { name, raw: source.length, gzip: gzipSync(source).length };
  })
  .sort((a, b) => b.gzip - a.gzip);

console.log("chunk".padEnd(48), "raw kB".padStart(9), "gzip kB".padStart(9));
for (const chunk of chunks) {
  const mark = entries.has(chunk.name) ? " (entry)" : "";
  console.log(
    `${chunk.name}${mark}`.padEnd(48),
    kb(chunk.raw).padStart(9),
    kb(chunk.gzip).padStart(9),
  );
}

let failed = false;
for (const chunk of chunks.filter((c) => entries.has(c.name))) {
  const over = chunk.gzip > BUDGET_KB * 1000;
  failed ||= over;
  console.log(
    `${over ? "FAIL" : "OK"}: entry chunk ${chunk.name} is ${kb(chunk.gzip)} kB gzip (budget ${BUDGET_KB} kB)`,
  );
}
process.exit(failed ? 1 : 0);
