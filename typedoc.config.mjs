// @ts-check
// `pnpm run docs`: the API reference of every package under packages/, one site in dist/docs/.
// Warnings are errors and every exported name must be documented; `pnpm test` runs it.
import { OptionDefaults } from "typedoc";

/** openapi-typescript writes `@description` in the generated types; TypeDoc reads it as a block tag. */
const blockTags = [...OptionDefaults.blockTags, "@description"];

const validation = { notExported: true, invalidLink: true, invalidPath: true, notDocumented: true };

/** @type {Partial<import("typedoc").TypeDocOptions>} */
const config = {
  name: "Captain SDKs",
  entryPointStrategy: "packages",
  entryPoints: ["packages/*"],
  packageOptions: {
    entryPoints: ["src/index.ts"],
    blockTags,
    validation,
    sourceLinkTemplate: "https://github.com/captain-sdk/captain-sdks/blob/{gitRevision}/{path}#L{line}",
  },
  blockTags,
  plugin: ["./typedoc.plugin.mjs"],
  out: "dist/docs",
  readme: "README.md",
  sourceLinkTemplate: "https://github.com/captain-sdk/captain-sdks/blob/{gitRevision}/{path}#L{line}",
  treatWarningsAsErrors: true,
  treatValidationWarningsAsErrors: true,
  validation,
};

export default config;
