/**
 * The one seam between this library and the CDK core.
 *
 * Every module of the library imports the core (`App`, `TerraformStack`, `Token`, ...) from here and
 * never from `cdktf` directly, so the same source builds against either core: cdktf (this file as
 * written) or CDK Terrain (`cdktn`), whose flavour build rewrites only the module specifier below.
 * @internal
 */
export * from "cdktf";
