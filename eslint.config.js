import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "build-*/**",
      "node_modules/**",
      "app/generated/**",
      ".content-cache/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      "tests/.tmp/**",
      "bench-results/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Components and client code never import server modules.
    files: ["app/components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ group: ["**/*.server", "**/*.server.ts"], message: "Components must not import server code." }],
        },
      ],
    },
  },
  {
    // Routes call model modules (app/<domain>/*.server.ts), which scope every query by the acting user; never the database client.
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["~/lib/db.server", "**/lib/db.server", "**/db.server", "**/db.server.ts"],
              message:
                "Routes must not use the database client: call a model module (app/<domain>/*.server.ts) that takes the acting user.",
            },
            {
              group: ["**/generated/prisma", "**/generated/prisma/**", "@prisma/client", "@prisma/client/**"],
              message: "Routes must not use Prisma: call a model module.",
            },
          ],
        },
      ],
    },
  },
);
