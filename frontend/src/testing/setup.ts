import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";
import { toaster } from "@/components/ui/toaster";

// Tests run on fake timers, so debounces and pauses pass without anyone waiting for
// them. Testing Library's waitFor and findBy* advance fake time only when they see
// Jest's timers; this hands them Vitest's.
Object.assign(globalThis, {
  jest: { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) },
});

beforeEach(() => {
  vi.useFakeTimers();
});

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
// The router restores scroll positions on navigation.
window.scrollTo = () => {};
Element.prototype.scrollIntoView = () => {};

afterEach(() => {
  cleanup();
  // The toaster is a module singleton: toasts from one test must not leak into the next.
  toaster.remove();
  sessionStorage.clear();
  window.history.replaceState(null, "", "/");
  vi.useRealTimers();
});
