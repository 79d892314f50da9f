import { test as base, expect } from "@playwright/test";

export { expect };

type CspReporter = { reportCspViolation: (report: string) => void };

/**
 * The Playwright test, watching every page a test opens for Content-Security-Policy
 * violations: the page's `securitypolicyviolation` events and the browser's console
 * reports of refused content. A test with any fails, so the UI keeps working under the
 * policy the server sends with it.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      context.on("console", (message) => {
        if (message.text().includes("Content Security Policy")) {
          violations.push(`${message.page()?.url()}: ${message.text()}`);
        }
      });
      await context.exposeBinding("reportCspViolation", ({ page }, report: string) => {
        violations.push(`${page.url()}: ${report}`);
      });
      await context.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (event) => {
          (window as unknown as CspReporter).reportCspViolation(
            `${event.effectiveDirective} refused ${event.blockedURI || "inline code"} ` +
              `at ${event.sourceFile}:${event.lineNumber}`,
          );
        });
      });
      await use(violations);
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});
