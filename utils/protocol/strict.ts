/**
 * The intake refuses what it does not know (a wrong schema is a clear 4xx), so
 * every object on the wire is strict. The stored shapes (utils/protocol/evidence.ts) strip unknown
 * members instead, which suits reading one's own database; `strictDeep` gives the same shape with
 * every nested object strict, checks and refinements kept, so the wire reuses the stored schemas
 * rather than restating them.
 */
import { z } from 'zod';

/** Leaf types that hold no schema inside them, returned as they are. */
const leaves = new Set(['string', 'number', 'int', 'boolean', 'null', 'literal', 'enum']);

/**
 * `schema` with every object in it strict. Any other container (a record, a pipe, a lazy schema)
 * is refused rather than passed through half-strict: a stored shape that starts using one needs
 * a case here, and the intake test says so.
 */
export function strictDeep<Schema extends z.ZodType>(schema: Schema): Schema {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  const clone = (changes: Record<string, unknown>) => schema.clone({ ...def, ...changes } as never);
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const strictShape = Object.fromEntries(Object.entries(shape).map(([key, member]) => [key, strictDeep(member)]));
      return clone({ shape: strictShape, catchall: z.never() });
    }
    case 'array':
      return clone({ element: strictDeep(def.element as z.ZodType) });
    case 'nullable':
    case 'optional':
      return clone({ innerType: strictDeep(def.innerType as z.ZodType) });
    case 'union':
      return clone({ options: (def.options as z.ZodType[]).map((option) => strictDeep(option)) });
    case 'tuple':
      return clone({
        items: (def.items as z.ZodType[]).map((item) => strictDeep(item)),
        rest: def.rest ? strictDeep(def.rest as z.ZodType) : null,
      });
    default:
      if (leaves.has(def.type)) return schema;
      throw new TypeError(`strictDeep: no rule for a ${def.type} schema`);
  }
}
