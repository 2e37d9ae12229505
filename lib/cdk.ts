/**
 * The one seam between this library and the CDK core.
 *
 * Every module of the library imports the core (`App`, `TerraformStack`, `Token`, ...) from here and
 * never from `cdktf` directly, so the same source builds against either core: cdktf (this file as
 * written) or CDK Terrain (`cdktn`), whose flavour build rewrites only the module specifier below.
 * Not part of the public API (lib/index.ts does not re-export it), but must not carry the internal tag:
 * `stripInternal` would empty this file's declarations, and every type the library's declarations
 * take from the core would then resolve to nothing in a user's project.
 */
export * from "cdktf";
