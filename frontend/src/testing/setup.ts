import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach, vi } from "vitest";
import { toaster } from "@/components/ui/toaster";

// The form waits 500 ms before it asks for a suggestion; on a busy two-core machine the
// default one-second wait for what follows is too tight.
configure({ asyncUtilTimeout: 4000 });

// jsdom lacks the layout APIs that Chakra's (Ark UI) dialogs and popovers call.
Object.defineProperty(window, "matchMedia", {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: vi.fn(),
    removeListener: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    dispatchEvent: vi.fn(),
  }),
});

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver = ResizeObserverStub;
Element.prototype.scrollTo = () => {};
Element.prototype.scrollIntoView = () => {};

afterEach(() => {
  cleanup();
  // The toaster is a module singleton: toasts from one test must not leak into the next.
  toaster.remove();
  window.history.replaceState(null, "", "/");
  vi.useRealTimers();
});
