/**
 * The compact body of a cached facts payload (src/analysis/pool/facts-cache.ts). A file's facts are a tree of
 * plain objects whose strings repeat (the file's path on every fact, a minified line as the snippet of every
 * call on it, the same callee names), and V8's serializer writes each occurrence out again. Here every distinct
 * string is written once, every distinct key list once, the file's path not at all (the reader supplies it to
 * every `file` key that held it),
 * and the structure as one array of integers:
 *
 *   body = v8.serialize([strings: string[], shapes: string[], numbers: Float64Array, codes: Int32Array])
 *
 * `codes` is the value tree, depth first: a tag, then what the tag says (a string's index, an array's length
 * and items, an object's shape and one value per key of the shape). Objects keep their key order, numbers
 * keep -0, NaN and the infinities, and decoding gives back a tree deep-equal to the one encoded, key order
 * included. Only the values facts hold are encoded (strings, numbers, booleans, arrays, plain objects, no
 * undefined); anything else makes the encoder decline, and the file simply is not cached.
 *
 * The decoder trusts nothing: every index, length and tag is checked, and a body that does not decode to a
 * tree comes back as undefined. Whether the tree is facts is for the caller's shape checks.
 */
import { deserialize, serialize } from 'node:v8';

const TAG_STRING = 0;
const TAG_NUMBER = 1;
const TAG_TRUE = 2;
const TAG_FALSE = 3;
const TAG_ARRAY = 4;
const TAG_OBJECT = 5;
const TAG_PATH = 6;
const TAG_INT = 7;

/** Nesting the encoder accepts (facts are 4–5 levels deep); bounds the decoder's recursion too. */
const MAX_DEPTH = 16;

/** A node of the encoder's key trie: the key list that leads to it and its shape number, once used. */
interface ShapeNode {
  readonly next: Map<string, ShapeNode>;
  id: number;
  readonly keys: readonly string[];
}

class Writer {
  readonly strings: string[] = [];
  readonly shapes: string[] = [];
  readonly numbers: number[] = [];
  /** The codes written so far: codes[0, length). */
  codes = new Int32Array(1024);
  length = 0;
  readonly #stringIds = new Map<string, number>();
  readonly #shapeRoot: ShapeNode = { next: new Map(), id: -1, keys: [] };

  constructor(readonly path: string) {}

  value(value: unknown, depth: number): boolean {
    switch (typeof value) {
      case 'string':
        this.#put2(TAG_STRING, this.#string(value));
        return true;
      case 'number':
        // Small integers (lines, columns) inline; every other number (-0 included) by value.
        if ((value | 0) === value && !Object.is(value, -0)) this.#put2(TAG_INT, value);
        else {
          this.#put2(TAG_NUMBER, this.numbers.length);
          this.numbers.push(value);
        }
        return true;
      case 'boolean':
        this.#put1(value ? TAG_TRUE : TAG_FALSE);
        return true;
      case 'object':
        if (value === null || depth >= MAX_DEPTH) return false;
        if (Array.isArray(value)) return this.#array(value, depth);
        return this.#object(value as Record<string, unknown>, depth);
      default:
        return false;
    }
  }

  #array(items: readonly unknown[], depth: number): boolean {
    this.#put2(TAG_ARRAY, items.length);
    for (const item of items) if (!this.value(item, depth + 1)) return false;
    return true;
  }

  #object(object: Record<string, unknown>, depth: number): boolean {
    if (Object.getPrototypeOf(object) !== Object.prototype) return false;
    // The shape is found by walking a trie of key names as the values are written (no key list per
    // object), and its number is filled in after them.
    this.#put2(TAG_OBJECT, 0);
    const at = this.length - 1;
    let node = this.#shapeRoot;
    for (const key in object) {
      let child = node.next.get(key);
      if (child === undefined) {
        // A key with a comma could not be split back, and the reader refuses __proto__; facts have neither.
        if (key.includes(',') || key === '' || key === '__proto__' || !Object.hasOwn(object, key))
          return false;
        child = { next: new Map(), id: -1, keys: [...node.keys, key] };
        node.next.set(key, child);
      }
      node = child;
      const item = object[key];
      // The file's own path, on every fact, is left out; another string equal to it (a literal naming its
      // own file) stays a string, since the same bytes met under another path still hold that text.
      if (key === 'file' && item === this.path) this.#put1(TAG_PATH);
      else if (!this.value(item, depth + 1)) return false;
    }
    if (node.id < 0) {
      node.id = this.shapes.length;
      this.shapes.push(node.keys.join(','));
    }
    this.codes[at] = node.id;
    return true;
  }

  #put1(code: number): void {
    if (this.length === this.codes.length) this.#grow();
    this.codes[this.length++] = code;
  }

  #put2(tag: number, code: number): void {
    if (this.length + 2 > this.codes.length) this.#grow();
    this.codes[this.length++] = tag;
    this.codes[this.length++] = code;
  }

  #grow(): void {
    const bigger = new Int32Array(this.codes.length * 2);
    bigger.set(this.codes);
    this.codes = bigger;
  }

  #string(value: string): number {
    let id = this.#stringIds.get(value);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(value);
      this.#stringIds.set(value, id);
    }
    return id;
  }
}

/** The body for `value`, whose `file` keys equal to `path` are left for the reader to supply; undefined if it cannot be encoded. */
export function encodeTree(value: unknown, path: string): Buffer | undefined {
  const writer = new Writer(path);
  if (!writer.value(value, 0)) return undefined;
  return serialize([
    writer.strings,
    writer.shapes,
    Float64Array.from(writer.numbers),
    writer.codes.slice(0, writer.length), // a copy: V8 writes a view's whole buffer
  ]);
}

class Reader {
  #at = 0;
  readonly #keys: (readonly string[])[];

  constructor(
    readonly strings: readonly string[],
    keys: (readonly string[])[],
    readonly numbers: Float64Array,
    readonly codes: Int32Array,
    readonly path: string,
  ) {
    this.#keys = keys;
  }

  get done(): boolean {
    return this.#at === this.codes.length;
  }

  #next(): number {
    if (this.#at >= this.codes.length) throw new RangeError('truncated');
    return this.codes[this.#at++] as number;
  }

  value(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new RangeError('too deep');
    const tag = this.#next();
    switch (tag) {
      case TAG_STRING: {
        const value = this.strings[this.#next()];
        if (value === undefined) throw new RangeError('string');
        return value;
      }
      case TAG_PATH:
        return this.path;
      case TAG_INT:
        return this.#next();
      case TAG_NUMBER: {
        const index = this.#next();
        if (index < 0 || index >= this.numbers.length) throw new RangeError('number');
        return this.numbers[index];
      }
      case TAG_TRUE:
        return true;
      case TAG_FALSE:
        return false;
      case TAG_ARRAY: {
        const length = this.#next();
        // Every item takes at least one code, so a length past the end is malformed before any allocation.
        if (length < 0 || length > this.codes.length - this.#at) throw new RangeError('array');
        const items = new Array<unknown>(length);
        for (let i = 0; i < length; i++) items[i] = this.value(depth + 1);
        return items;
      }
      case TAG_OBJECT: {
        const keys = this.#keys[this.#next()];
        if (keys === undefined) throw new RangeError('shape');
        const object: Record<string, unknown> = {};
        for (const key of keys) object[key] = this.value(depth + 1);
        return object;
      }
      default:
        throw new RangeError('tag');
    }
  }
}

/** The tree a body holds, with `path` where the encoder left it out; undefined for anything malformed. */
export function decodeTree(body: Uint8Array, path: string): unknown {
  let parts: unknown;
  try {
    parts = deserialize(body);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parts) || parts.length !== 4) return undefined;
  const [strings, shapes, numbers, codes] = parts as unknown[];
  if (!isStringArray(strings) || !isStringArray(shapes)) return undefined;
  if (!(numbers instanceof Float64Array) || !(codes instanceof Int32Array)) return undefined;
  const keys: (readonly string[])[] = [];
  for (const shape of shapes) {
    const list = keysOf(shape);
    if (list === undefined) return undefined;
    keys.push(list);
  }
  const reader = new Reader(strings, keys, numbers, codes, path);
  try {
    const value = reader.value(0);
    return reader.done ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Key lists by shape: the same few dozen shapes recur in every payload. Bounded, since rows are not trusted. */
const knownShapes = new Map<string, readonly string[] | null>();
const MAX_KNOWN_SHAPES = 1000;
const MAX_KNOWN_SHAPE_LENGTH = 400;

/**
 * The keys of a shape, or undefined when the shape is malformed: a key twice would give an object fewer keys
 * than values read (the encoder never writes one), and __proto__ would set the prototype.
 */
function keysOf(shape: string): readonly string[] | undefined {
  let keys = knownShapes.get(shape);
  if (keys === undefined) {
    const list = shape === '' ? [] : shape.split(',');
    const valid = new Set(list).size === list.length && !list.includes('') && !list.includes('__proto__');
    keys = valid ? list : null;
    if (knownShapes.size < MAX_KNOWN_SHAPES && shape.length <= MAX_KNOWN_SHAPE_LENGTH)
      knownShapes.set(shape, keys);
  }
  return keys ?? undefined;
}

function isStringArray(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string') return false;
  return true;
}
