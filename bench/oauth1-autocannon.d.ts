// The part of autocannon's API the OAuth 1 benchmark uses (the package ships no types).
declare module "autocannon" {
  type RequestParams = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    requests?: (RequestParams & { setupRequest?: (request: RequestParams) => RequestParams })[];
  };
  type Histogram = { average: number; p99: number; mean: number };
  type Result = { requests: Histogram; latency: Histogram; non2xx: number; errors: number };
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
