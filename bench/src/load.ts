import autocannon from 'autocannon';

export interface Figures {
  rps: number;
  p50: number;
  p99: number;
}

export const CONNECTIONS = 8;

/**
 * As fast as the server answers, for a fixed time: throughput and latency under saturation.
 * Timed by autocannon's own per-second samples (a fixed number of requests would be rounded
 * up to whole seconds by its sampling).
 */
export async function load(
  url: string,
  options: { seconds: number; headers?: Record<string, string> },
): Promise<Figures> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: options.seconds,
    ...(options.headers ? { headers: options.headers } : {}),
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/** A steady rate well below saturation, as users produce it: what latency do they see? */
export async function steady(
  url: string,
  options: { rate: number; seconds: number; headers?: Record<string, string> },
): Promise<Figures> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    overallRate: options.rate,
    duration: options.seconds,
    ...(options.headers ? { headers: options.headers } : {}),
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export function summary(name: string, figures: Figures[]) {
  return {
    benchmark: name,
    'requests/s': Math.round(median(figures.map((x) => x.rps))),
    'p50 ms': median(figures.map((x) => x.p50)),
    'p99 ms': median(figures.map((x) => x.p99)),
  };
}
