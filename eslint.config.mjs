// ESLint: Next.js's rules (core web vitals) and typescript-eslint's type-checked
// rules. `npm run lint`; .ci/run runs it before the tests.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["**/*.ts", "**/*.tsx"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `const { secret: _secret, ...rest } = value` leaves a field out on purpose.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true, varsIgnorePattern: "^_", argsIgnorePattern: "^_" }],
    },
  },
  {
    // Tests and scripts are not React: \`useTestDatabase\` and Playwright's \`use\`
    // are not hooks. HTTP bodies in tests are \`any\` by design (they are what is
    // under test, checked by the assertions that follow).
    files: ["**/*.test.ts", "e2e/**", "test/**", "scripts/**", "prisma.config.ts"],
    rules: {
      "react-hooks/rules-of-hooks": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/require-await": "off",
      // Misjudges the casts that type vi.hoisted() state and JSON bodies (removing them breaks tsc).
      "@typescript-eslint/no-unnecessary-type-assertion": "off",
    },
  },
  globalIgnores([
    ".next/**",
    ".data/**",
    ".data-*/**",
    "lib/generated/**",
    "test-results/**",
    "playwright-report/**",
    "coverage/**",
    "next-env.d.ts",
    "*.config.js",
    "*.config.mjs",
  ]),
]);
