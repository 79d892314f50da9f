import { createSystem, defaultConfig, defineConfig } from "@chakra-ui/react";

/**
 * Chakra's defaults, with the solid colours that carry white text one shade darker:
 * white on teal.600, green.600 and orange.600 is under the 4.5:1 contrast that small
 * text needs; on the 700 shades it is over 5:1. Dark mode keeps orange.500, which
 * carries black text there (5.9:1).
 */
const darkerSolid = (palette: string, dark: string) => ({
  solid: { value: { _light: `{colors.${palette}.700}`, _dark: `{colors.${palette}.${dark}}` } },
});

const config = defineConfig({
  theme: {
    semanticTokens: {
      colors: {
        teal: darkerSolid("teal", "700"),
        green: darkerSolid("green", "700"),
        orange: darkerSolid("orange", "500"),
      },
    },
  },
});

export const system = createSystem(defaultConfig, config);
