// Puts the stored colour mode on <html> before the page first paints, so a dark page
// never flashes light. next-themes brings an inline script for this, but the
// Content-Security-Policy runs scripts from files only. Uses next-themes' defaults, as
// ColorModeProvider (src/components/ui/color-mode.tsx) does: key "theme", "system".
(() => {
  let mode = "system";
  try {
    mode = localStorage.getItem("theme") || mode;
  } catch {
    // Storage can be blocked; the system's preference still applies.
  }
  if (mode !== "light" && mode !== "dark") {
    mode = window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  document.documentElement.classList.add(mode);
  document.documentElement.style.colorScheme = mode;
})();
