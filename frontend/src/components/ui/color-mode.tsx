import { IconButton, type IconButtonProps } from "@chakra-ui/react";
import { Moon, Sun } from "lucide-react";
import { ThemeProvider, type ThemeProviderProps, useTheme } from "next-themes";

// next-themes renders an inline script meant for server-rendered HTML. A script React
// adds on the client never runs (so the Content-Security-Policy never weighs it), yet
// React 19 warns about it; a data type marks it as the inert block it is. Its job, the
// mode on <html> before the first paint, is done by public/color-mode.js instead.
const INERT_SCRIPT = { type: "application/json" };

export function ColorModeProvider(props: ThemeProviderProps) {
  return (
    <ThemeProvider
      attribute="class"
      disableTransitionOnChange
      scriptProps={INERT_SCRIPT}
      {...props}
    />
  );
}

export type ColorMode = "light" | "dark";

export function useColorMode() {
  const { resolvedTheme, setTheme } = useTheme();
  const colorMode: ColorMode = resolvedTheme === "dark" ? "dark" : "light";
  return {
    colorMode,
    setColorMode: (mode: ColorMode) => setTheme(mode),
    toggleColorMode: () => setTheme(colorMode === "dark" ? "light" : "dark"),
  };
}

export function ColorModeButton(props: Omit<IconButtonProps, "aria-label">) {
  const { colorMode, toggleColorMode } = useColorMode();
  const next = colorMode === "dark" ? "light" : "dark";
  return (
    <IconButton
      onClick={toggleColorMode}
      variant="ghost"
      size="sm"
      aria-label={`Switch to ${next} mode`}
      title={`Switch to ${next} mode`}
      {...props}
    >
      {colorMode === "dark" ? <Sun /> : <Moon />}
    </IconButton>
  );
}
