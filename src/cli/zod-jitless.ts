/**
 * Imported first by the CLI entry, before any module builds a schema: zod decides per schema, when it is
 * built, whether to compile a fast path with `new Function`. A CLI run parses each schema a handful of
 * times, so compiling those fast paths costs more than it saves (measured on `assay scan npm:express`).
 */
import { z } from 'zod';

z.config({ jitless: true });
