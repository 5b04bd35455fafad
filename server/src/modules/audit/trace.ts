import { randomFillSync } from 'node:crypto';
import type { Trace } from '../../shared/context.js';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

// Every request needs 24 random bytes for its trace and span: they are taken from a pool filled
// by the operating system's generator 4 KiB at a time (as Node's randomUUID does), not asked for
// one call at a time.
const pool = Buffer.alloc(4096);
let taken = pool.length;

function randomHex(bytes: number): string {
  if (taken + bytes > pool.length) {
    randomFillSync(pool);
    taken = 0;
  }
  const hex = pool.toString('hex', taken, taken + bytes);
  taken += bytes;
  return hex;
}

export function newSpanId(): string {
  return randomHex(8);
}

function newTraceId(): string {
  return randomHex(16);
}

/**
 * The request's place in a W3C trace: an incoming `traceparent` (version 00, not all zeros)
 * is continued, anything else starts a new trace. The request always gets a span of its own.
 */
export function traceFrom(header: string | undefined): Trace {
  const match = header ? TRACEPARENT.exec(header.trim()) : null;
  const [, traceId, parent] = match ?? [];
  if (traceId && parent && !/^0+$/.test(traceId) && !/^0+$/.test(parent)) {
    return { traceId, spanId: newSpanId(), parentSpanId: parent };
  }
  return { traceId: newTraceId(), spanId: newSpanId(), parentSpanId: null };
}

/** The outgoing `traceparent`: this request's span, sampled (Samenspel logs everything). */
export function traceparentOf(trace: Trace): string {
  return `00-${trace.traceId}-${trace.spanId}-01`;
}
