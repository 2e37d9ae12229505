/**
 * The one seam between this library and the CDK core.
 *
 * Every module of the library imports the core (`App`, `TerraformStack`, `Token`, ...) from here and
 * never from `cdktf` directly, so the same source builds against either core: cdktf (this file as
 * written) or CDK Terrain (`cdktn`), whose flavour build rewrites only the module specifier below.
 * Not part of the public API (lib/index.ts does not re-export it). It carries no internal tag: with
 * `stripInternal` it would strip this `export *` from dist/lib/cdk.d.ts, and every declaration that
 * names a core type through the seam would lose it.
 */
export * from "cdktf";
