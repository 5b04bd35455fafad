import { randomBytes } from 'node:crypto';
import type { Trace } from '../../shared/context.js';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

export function newSpanId(): string {
  return randomBytes(8).toString('hex');
}

function newTraceId(): string {
  return randomBytes(16).toString('hex');
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
