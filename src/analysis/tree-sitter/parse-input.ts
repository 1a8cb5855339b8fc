/**
 * How the parser reads its text, made cheaper. tree-sitter asks for the text in chunks through one import
 * of the library's wasm, `tree_sitter_parse_callback`: the library's version copies each chunk (up to 5,119
 * UTF-16 units; the parser asks for about twice the file in all) through a DataView call per character, a
 * measurable share of every parse (about 2 % of a first scan of the CPython standard library). This module
 * supplies the same import, writing the same bytes to the same places through the module's typed arrays.
 *
 * It is installed only on the library release it was written for (runtime.ts decides) and only when the
 * library lets its instantiation be taken over (Emscripten's `instantiateWasm`); otherwise the library's own
 * callback runs. The parse reads identical text either way, so trees and facts are the same.
 */
import { readFileSync } from 'node:fs';

/** The library's input buffer, in bytes (INPUT_BUFFER_SIZE of its callback and of its C side). */
const INPUT_BUFFER_BYTES = 10 * 1024;
/** UTF-16 units one chunk holds: the buffer less a terminating zero unit, as the library's stringToUTF16 counts. */
const CHUNK_UNITS = (INPUT_BUFFER_BYTES - 2) / 2;

/** The two WebAssembly constructors used here (the project's TypeScript libraries do not declare the global). */
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => object;
}

type ParseCallback = (index: number, position: { row: number; column: number }) => unknown;

/** The parts of the Emscripten module object the callback reads; kept current by the library. */
interface InputModule {
  readonly HEAP32?: Int32Array;
  readonly HEAPU16?: Uint16Array;
  readonly currentParseCallback?: ParseCallback | null;
}

/**
 * The import, bound to the library's module object: asks the parse's own text source for the chunk at
 * `index` and writes its length, its units and a zero unit, as the library does.
 */
export function parseInputCallback(
  module: InputModule,
): (inputBuffer: number, index: number, row: number, column: number, lengthAddress: number) => void {
  // A byte view of the wasm memory, made again when a growth of the memory replaces its buffer.
  let bytes: Buffer | undefined;
  return (inputBuffer, index, row, column, lengthAddress) => {
    const read = module.currentParseCallback;
    const text = read === null || read === undefined ? undefined : read(index, { row, column });
    // The views are read after the callback: a growth of the wasm memory replaces them.
    const heap32 = module.HEAP32!;
    if (typeof text !== 'string') {
      heap32[lengthAddress >> 2] = 0;
      return;
    }
    heap32[lengthAddress >> 2] = text.length;
    const heap16 = module.HEAPU16!;
    if (bytes === undefined || bytes.buffer !== heap16.buffer) bytes = Buffer.from(heap16.buffer);
    const units = Math.min(text.length, CHUNK_UNITS);
    // Node's native UTF-16LE write, aligned as the library aligns its stores.
    const at = inputBuffer & ~1;
    bytes.write(text, at, units * 2, 'utf16le');
    heap16[(at >> 1) + units] = 0;
  };
}

/**
 * An Emscripten `instantiateWasm` hook: instantiates the library's wasm (read from `wasmPath`, as the library
 * reads it) with `parseInputCallback` in place of the library's own import (when the library has that import).
 */
export function instantiateWithFastInput(
  module: InputModule,
  wasmPath: () => string,
): (
  imports: { env?: Record<string, unknown> },
  receive: (instance: object, module: object) => void,
) => Record<string, never> {
  return (imports, receive) => {
    const env = imports.env;
    if (env !== undefined && typeof env['tree_sitter_parse_callback'] === 'function') {
      env['tree_sitter_parse_callback'] = parseInputCallback(module);
    }
    // Compiled synchronously (about 6 ms: V8 compiles the functions lazily), so that a failure rejects the
    // library's initialisation as its own loader's would, instead of leaving it waiting.
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const compiled = new wasm.Module(readFileSync(wasmPath()));
    receive(new wasm.Instance(compiled, imports), compiled);
    // Emscripten's convention: the exports arrive through `receive`.
    return {};
  };
}
