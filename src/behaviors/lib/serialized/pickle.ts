/**
 * Reads a pickle's opcodes without ever unpickling it: which globals it imports (GLOBAL, STACK_GLOBAL, INST) and
 * which of them it calls (REDUCE, OBJ, INST, NEWOBJ, NEWOBJ_EX) or hands state to (BUILD). The stack is simulated
 * only as far as needed to know the module and name that STACK_GLOBAL takes from it.
 */

export interface PickleImport {
  /** 'os.system', 'numpy.core.multiarray._reconstruct'. */
  readonly name: string;
  /** Byte offset of the opcode that imported it. */
  readonly offset: number;
  /** The opcodes that called it or built an object of it. */
  readonly calledBy: readonly string[];
}

export interface PickleReading {
  readonly imports: readonly PickleImport[];
  /** Whether the opcode stream ended with STOP; false for a truncated or foreign file. */
  readonly complete: boolean;
  /** Why reading stopped early, when it did. */
  readonly problem?: string;
}

type Value =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'global'; readonly index: number }
  | { readonly kind: 'mark' }
  | { readonly kind: 'other' };

const OTHER: Value = { kind: 'other' };
const MARK: Value = { kind: 'mark' };
/** A pickle never needs more; a hostile one must not make the reader work without end. */
const MAX_OPCODES = 2_000_000;

class Reader {
  offset: number;
  constructor(
    readonly data: Buffer,
    start: number,
  ) {
    this.offset = start;
  }

  byte(): number {
    if (this.offset >= this.data.length) throw new Error('truncated');
    return this.data[this.offset++] ?? 0;
  }

  bytes(length: number): Buffer {
    if (length < 0 || this.offset + length > this.data.length) throw new Error('truncated');
    const out = this.data.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  uint(size: 1 | 2 | 4 | 8): number {
    const chunk = this.bytes(size);
    if (size === 1) return chunk.readUInt8(0);
    if (size === 2) return chunk.readUInt16LE(0);
    if (size === 4) return chunk.readUInt32LE(0);
    const value = chunk.readBigUInt64LE(0);
    if (value > BigInt(this.data.length)) throw new Error('length beyond the file');
    return Number(value);
  }

  line(): string {
    const end = this.data.indexOf(0x0a, this.offset);
    if (end === -1) throw new Error('truncated');
    const text = this.data.toString('latin1', this.offset, end);
    this.offset = end + 1;
    return text.replace(/\r$/, '');
  }
}

/** Reads one pickle starting at `start` (and any pickle that directly follows it, as joblib writes them). */
export function readPickle(data: Buffer, start = 0): PickleReading {
  const imports: { name: string; offset: number; calledBy: string[] }[] = [];
  const stack: Value[] = [];
  const memo = new Map<number, Value>();
  const reader = new Reader(data, start);
  const pop = (): Value => stack.pop() ?? OTHER;
  const popMark = (): Value[] => {
    const items: Value[] = [];
    while (stack.length > 0) {
      const item = stack.pop() as Value;
      if (item.kind === 'mark') return items.reverse();
      items.push(item);
    }
    return items.reverse();
  };
  const global = (name: string, offset: number): Value => {
    imports.push({ name, offset, calledBy: [] });
    return { kind: 'global', index: imports.length - 1 };
  };
  const called = (value: Value | undefined, by: string) => {
    if (value?.kind === 'global') imports[value.index]?.calledBy.push(by);
  };
  const text = (raw: Buffer) => raw.toString('utf8');
  let count = 0;
  try {
    for (;;) {
      if (++count > MAX_OPCODES) return { imports, complete: false, problem: 'too many opcodes' };
      const at = reader.offset;
      const op = reader.byte();
      switch (op) {
        case 0x2e: {
          // STOP: another pickle may follow directly (joblib, multi-pickle files); anything else ends the reading.
          if (reader.offset < data.length && data[reader.offset] === 0x80) {
            stack.length = 0;
            memo.clear();
            continue;
          }
          return { imports, complete: true };
        }
        case 0x80: // PROTO
          reader.byte();
          break;
        case 0x95: // FRAME
          reader.uint(8);
          break;
        case 0x28: // MARK
          stack.push(MARK);
          break;
        case 0x30: // POP
          pop();
          break;
        case 0x31: // POP_MARK
          popMark();
          break;
        case 0x32: // DUP
          stack.push(stack[stack.length - 1] ?? OTHER);
          break;
        case 0x46: // FLOAT
        case 0x49: // INT
        case 0x4c: // LONG
          reader.line();
          stack.push(OTHER);
          break;
        case 0x50: // PERSID
          reader.line();
          stack.push(OTHER);
          break;
        case 0x51: // BINPERSID
          pop();
          stack.push(OTHER);
          break;
        case 0x53: // STRING
          stack.push({ kind: 'string', value: reader.line().replace(/^(['"])(.*)\1$/, '$2') });
          break;
        case 0x56: // UNICODE
          stack.push({ kind: 'string', value: reader.line() });
          break;
        case 0x54: // BINSTRING
        case 0x58: // BINUNICODE
          stack.push({ kind: 'string', value: text(reader.bytes(reader.uint(4))) });
          break;
        case 0x55: // SHORT_BINSTRING
        case 0x8c: // SHORT_BINUNICODE
          stack.push({ kind: 'string', value: text(reader.bytes(reader.uint(1))) });
          break;
        case 0x8d: // BINUNICODE8
          stack.push({ kind: 'string', value: text(reader.bytes(reader.uint(8))) });
          break;
        case 0x42: // BINBYTES
          reader.bytes(reader.uint(4));
          stack.push(OTHER);
          break;
        case 0x43: // SHORT_BINBYTES
          reader.bytes(reader.uint(1));
          stack.push(OTHER);
          break;
        case 0x8e: // BINBYTES8
        case 0x96: // BYTEARRAY8
          reader.bytes(reader.uint(8));
          stack.push(OTHER);
          break;
        case 0x4a: // BININT
          reader.bytes(4);
          stack.push(OTHER);
          break;
        case 0x4b: // BININT1
          reader.bytes(1);
          stack.push(OTHER);
          break;
        case 0x4d: // BININT2
          reader.bytes(2);
          stack.push(OTHER);
          break;
        case 0x47: // BINFLOAT
          reader.bytes(8);
          stack.push(OTHER);
          break;
        case 0x8a: // LONG1
          reader.bytes(reader.uint(1));
          stack.push(OTHER);
          break;
        case 0x8b: // LONG4
          reader.bytes(reader.uint(4));
          stack.push(OTHER);
          break;
        case 0x4e: // NONE
        case 0x88: // NEWTRUE
        case 0x89: // NEWFALSE
        case 0x7d: // EMPTY_DICT
        case 0x5d: // EMPTY_LIST
        case 0x29: // EMPTY_TUPLE
        case 0x8f: // EMPTY_SET
        case 0x97: // NEXT_BUFFER
          stack.push(OTHER);
          break;
        case 0x98: // READONLY_BUFFER
          break;
        case 0x82: // EXT1
          reader.bytes(1);
          stack.push(OTHER);
          break;
        case 0x83: // EXT2
          reader.bytes(2);
          stack.push(OTHER);
          break;
        case 0x84: // EXT4
          reader.bytes(4);
          stack.push(OTHER);
          break;
        case 0x63: {
          // GLOBAL
          const module = reader.line();
          const name = reader.line();
          stack.push(global(`${module}.${name}`, at));
          break;
        }
        case 0x93: {
          // STACK_GLOBAL
          const name = pop();
          const module = pop();
          const known = module.kind === 'string' && name.kind === 'string';
          stack.push(global(known ? `${module.value}.${name.value}` : '(computed name)', at));
          break;
        }
        case 0x69: {
          // INST: imports a class and instantiates it with the arguments above the mark
          const module = reader.line();
          const name = reader.line();
          popMark();
          const value = global(`${module}.${name}`, at);
          called(value, 'INST');
          stack.push(OTHER);
          break;
        }
        case 0x6f: {
          // OBJ
          const items = popMark();
          called(items[0], 'OBJ');
          stack.push(OTHER);
          break;
        }
        case 0x52: {
          // REDUCE: callable(*args)
          pop();
          called(pop(), 'REDUCE');
          stack.push(OTHER);
          break;
        }
        case 0x81: {
          // NEWOBJ: cls.__new__(cls, *args)
          pop();
          called(pop(), 'NEWOBJ');
          stack.push(OTHER);
          break;
        }
        case 0x92: {
          // NEWOBJ_EX
          pop();
          pop();
          called(pop(), 'NEWOBJ_EX');
          stack.push(OTHER);
          break;
        }
        case 0x62: {
          // BUILD: hands state to the object below (its __setstate__ runs)
          pop();
          called(stack[stack.length - 1], 'BUILD');
          break;
        }
        case 0x61: // APPEND
          pop();
          break;
        case 0x73: // SETITEM
          pop();
          pop();
          break;
        case 0x65: // APPENDS
        case 0x75: // SETITEMS
        case 0x90: // ADDITEMS
          popMark();
          break;
        case 0x64: // DICT
        case 0x6c: // LIST
        case 0x74: // TUPLE
        case 0x91: // FROZENSET
          popMark();
          stack.push(OTHER);
          break;
        case 0x85: // TUPLE1
          pop();
          stack.push(OTHER);
          break;
        case 0x86: // TUPLE2
          pop();
          pop();
          stack.push(OTHER);
          break;
        case 0x87: // TUPLE3
          pop();
          pop();
          pop();
          stack.push(OTHER);
          break;
        case 0x70: // PUT
          memo.set(Number(reader.line()), stack[stack.length - 1] ?? OTHER);
          break;
        case 0x71: // BINPUT
          memo.set(reader.uint(1), stack[stack.length - 1] ?? OTHER);
          break;
        case 0x72: // LONG_BINPUT
          memo.set(reader.uint(4), stack[stack.length - 1] ?? OTHER);
          break;
        case 0x94: // MEMOIZE
          memo.set(memo.size, stack[stack.length - 1] ?? OTHER);
          break;
        case 0x67: // GET
          stack.push(memo.get(Number(reader.line())) ?? OTHER);
          break;
        case 0x68: // BINGET
          stack.push(memo.get(reader.uint(1)) ?? OTHER);
          break;
        case 0x6a: // LONG_BINGET
          stack.push(memo.get(reader.uint(4)) ?? OTHER);
          break;
        default:
          return {
            imports,
            complete: false,
            problem: `unknown opcode 0x${op.toString(16).padStart(2, '0')} at offset ${at}`,
          };
      }
    }
  } catch (error) {
    return { imports, complete: false, problem: (error as Error).message };
  }
}

/** A pickle starts with PROTO (protocol 2 and later) or, for protocols 0 and 1, with one of a few opcodes. */
export function looksLikePickle(data: Buffer): boolean {
  const first = data[0];
  if (first === 0x80) return (data[1] ?? 99) <= 5;
  return first === 0x28 || first === 0x63 || first === 0x7d || first === 0x5d || first === 0x29;
}
