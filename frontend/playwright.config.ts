import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";

/** The demo desk: sample people and tickets, one-click sign-in. */
export const DEMO_PORT = Number(process.env.E2E_DEMO_PORT ?? 8766);
/** A desk with no accounts yet, for the first-run page. */
export const FRESH_PORT = Number(process.env.E2E_FRESH_PORT ?? 8767);

// The config is loaded by the runner and again by every worker; only the runner (the
// first to load it) makes the throwaway data folders, and the workers inherit the names.
function throwawayDir(variable: string, prefix: string) {
  if (!process.env[variable]) {
    const dataDir = mkdtempSync(join(tmpdir(), prefix));
    process.env[variable] = dataDir;
    process.on("exit", () => rmSync(dataDir, { recursive: true, force: true }));
  }
  return process.env[variable];
}

const demoDataDir = throwawayDir("E2E_DATA_DIR", "support-desk-e2e-");
const freshDataDir = throwawayDir("E2E_FRESH_DATA_DIR", "support-desk-e2e-fresh-");

// Nothing listens on port 9 and no cloud key is set: the keyword rules answer.
const classifierEnv = { OLLAMA_HOST: "http://127.0.0.1:9", LLM_API_KEY: "" };

// The real stack: embedded PostgreSQL, migrations, the built UI, gunicorn. Started one
// after the other, so only the first builds the UI.
const server = (port: number, dataDir: string | undefined, args: string) => ({
  command: `bash ../scripts/run ${args}`.trim(),
  url: `http://127.0.0.1:${port}/api/health/`,
  timeout: 180_000,
  reuseExistingServer: false,
  stdout: "ignore" as const,
  stderr: "pipe" as const,
  gracefulShutdown: { signal: "SIGTERM" as const, timeout: 15_000 },
  env: { PORT: String(port), DATA_DIR: dataDir ?? "", ...classifierEnv },
});

export default defineConfig({
  testDir: "e2e",
  // The specs share one backend and one database: run them one after another.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? "line" : "list",
  use: {
    baseURL: `http://127.0.0.1:${DEMO_PORT}`,
    headless: true,
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download is not available everywhere.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        // Without these, Chromium keeps calling home and floods an offline network.
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [server(DEMO_PORT, demoDataDir, "--demo"), server(FRESH_PORT, freshDataDir, "")],
});
