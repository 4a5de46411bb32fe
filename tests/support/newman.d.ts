// newman ships no types (and @types/newman describes version 5): the part of its Node API the Postman test uses.
declare module 'newman' {
  interface Counts {
    total: number;
    pending: number;
    failed: number;
  }

  export interface RunSummary {
    run: {
      stats: Record<
        'iterations' | 'items' | 'requests' | 'tests' | 'assertions' | 'testScripts' | 'prerequestScripts',
        Counts
      >;
      failures: Array<{ error: { name: string; message: string; test?: string }; source?: { name?: string } }>;
      executions: Array<{ item: { name: string }; response?: { code: number }; requestError?: Error }>;
    };
  }

  export interface RunOptions {
    collection: string | object;
    envVar?: Array<{ key: string; value: string }>;
    workingDir?: string;
    reporters?: string | string[];
    timeoutRequest?: number;
  }

  export function run(options: RunOptions, callback: (error: Error | null, summary: RunSummary) => void): unknown;
}
