/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { "@": `${import.meta.dirname}/src` },
  },
  server: {
    proxy: {
      // The backend of `scripts/run`; API_PROXY_TARGET points elsewhere, e.g. another port.
      "/api": process.env.API_PROXY_TARGET ?? "http://127.0.0.1:8000",
      // Signing in, out and up, password resets: django-allauth's endpoints.
      "/_allauth": process.env.API_PROXY_TARGET ?? "http://127.0.0.1:8000",
    },
  },
  build: {
    outDir: "dist",
    // The real budget is gzip size of the entry chunk, enforced by `npm run size`.
    chunkSizeWarningLimit: 700,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/testing/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
    // Rendering Chakra in jsdom is slow on small CI machines.
    testTimeout: 15_000,
  },
});
