/**
 * Type-correct dummy values for a stack's variables that have no default, so that `plan` can run
 * without a tfvars file. They go in as *defaults* (through an override file), so any value the user
 * gives — a tfvars file in the stack, `--var-file`, `TF_VAR_*` — still wins.
 */

/** A variable's value of the given type expression (`string`, `list(string)`, `object({a=number})`, ...). */
export function dummyValue(typeExpr: string | undefined, name: string): unknown {
  const parser = new TypeParser(typeExpr ?? "any");
  const value = parser.value(name, 0);
  return value;
}

function dummyString(name: string, index: number): string {
  // CIDR-named variables feed cidrsubnet() & co. in real stacks: give them a CIDR, distinct per element.
  if (/cidr/i.test(name)) return `10.${index}.0.0/16`;
  return `offline-${name.replace(/_/g, "-")}${index ? `-${index}` : ""}`;
}

/** Recursive descent over Terraform's type constraint syntax, producing a value as it parses. */
class TypeParser {
  private pos = 0;
  constructor(private readonly src: string) {}

  value(name: string, index: number): unknown {
    const word = this.ident();
    switch (word) {
      case "string":
      case "any":
        return dummyString(name, index);
      case "number":
        return index + 1;
      case "bool":
        return false;
      case "list":
      case "set": {
        this.expect("(");
        const start = this.pos;
        const first = this.value(name, index);
        const end = this.pos;
        const second = new TypeParser(this.src.slice(start, end)).value(name, index + 1);
        this.expect(")");
        return [first, second];
      }
      case "map": {
        this.expect("(");
        const element = this.value(name, index);
        this.expect(")");
        return { [`${name}_key`]: element };
      }
      case "tuple": {
        this.expect("(");
        this.expect("[");
        const items: unknown[] = [];
        while (!this.peek("]")) {
          items.push(this.value(name, items.length));
          this.accept(",");
        }
        this.expect("]");
        this.expect(")");
        return items;
      }
      case "object": {
        this.expect("(");
        this.expect("{");
        const obj: Record<string, unknown> = {};
        while (!this.peek("}")) {
          const key = this.ident();
          this.accept("=") || this.expect(":");
          obj[key] = this.value(key, index);
          this.accept(",");
        }
        this.expect("}");
        this.expect(")");
        return obj;
      }
      case "optional": {
        this.expect("(");
        const v = this.value(name, index);
        if (this.accept(",")) this.skipBalanced();
        this.expect(")");
        return v;
      }
      default:
        throw new Error(`cannot read the variable type "${this.src}" (at "${word}"); give the variable a value with --var-file`);
    }
  }

  private ws(): void {
    while (/\s/.test(this.src[this.pos] ?? "")) this.pos++;
  }
  private ident(): string {
    this.ws();
    const m = /^["\w-]+/.exec(this.src.slice(this.pos));
    if (!m) throw new Error(`cannot read the variable type "${this.src}" at offset ${this.pos}`);
    this.pos += m[0].length;
    return m[0].replace(/"/g, "");
  }
  private peek(c: string): boolean {
    this.ws();
    return this.src[this.pos] === c;
  }
  private accept(c: string): boolean {
    if (!this.peek(c)) return false;
    this.pos++;
    return true;
  }
  private expect(c: string): true {
    if (!this.accept(c)) throw new Error(`cannot read the variable type "${this.src}": expected "${c}" at offset ${this.pos}`);
    return true;
  }
  /** Skips an optional() default expression up to the closing parenthesis. */
  private skipBalanced(): void {
    let depth = 0;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === ")" && depth === 0) return;
      if ("([{".includes(c)) depth++;
      if (")]}".includes(c)) depth--;
      this.pos++;
    }
  }
}
