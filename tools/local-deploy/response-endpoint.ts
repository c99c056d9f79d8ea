// CloudFormation's end of a custom resource's answer: the presigned S3 URL it hands out as
// ResponseURL. The Provider framework PUTs to https://HOST/PATH with no port (it keeps only the
// hostname), so this listens on port 443 of a loopback address of its own (127.x.y.z, random per
// run, so parallel runs never meet), with a certificate the functions trust. Where port 443 cannot
// be had (not root, no such address), it listens on 127.0.0.1 and the Lambda runtime routes the
// functions' connections to HOST:443 there (see lambda-child.js).
import { randomBytes, randomInt } from 'crypto';
import * as fs from 'fs';
import type * as http from 'http';
import * as https from 'https';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { Certificate, selfSignedCertificate } from './tls-certificate';

/** What arrived at a ResponseURL. */
export interface Answer {
  requestId: string;
  /** Parsed, when it was JSON. */
  body?: { Status?: string; Reason?: string; PhysicalResourceId?: string; Data?: unknown; NoEcho?: boolean };
  bytes: number;
}

export type ResponseTransport = 'auto' | 'port-443' | 'redirected';

export interface ResponseEndpointOptions {
  transport?: ResponseTransport;
  /** Whether this answer is lost on its way (a fault): it arrives, and nobody reads it. */
  lose(requestId: string): boolean;
  note(type: string, record: Record<string, unknown>): void;
}

export class ResponseEndpoint {
  static async start(options: ResponseEndpointOptions): Promise<ResponseEndpoint> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-deploy-tls-'));
    const transport = options.transport ?? 'auto';
    try {
      if (transport !== 'redirected') {
        for (let attempt = 0; attempt < 5; attempt++) {
          const host = `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
          const cert = selfSignedCertificate(path.join(dir, String(attempt)), host);
          const endpoint = new ResponseEndpoint(options, dir, host, cert);
          const error = await endpoint.bind(host, 443);
          if (!error) return endpoint;
          if (error !== 'EADDRINUSE' && transport === 'auto') break;
          if (error !== 'EADDRINUSE') throw new Error(`cannot listen on ${host}:443 (${error})`);
        }
      }
      const cert = selfSignedCertificate(path.join(dir, 'redirected'), '127.0.0.1');
      const endpoint = new ResponseEndpoint(options, dir, '127.0.0.1', cert);
      const error = await endpoint.bind('127.0.0.1', 0);
      if (error) throw new Error(`cannot listen on 127.0.0.1 (${error})`);
      return endpoint;
    } catch (err) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }

  private readonly server: https.Server;
  private readonly waiting = new Map<string, (answer: Answer) => void>();
  private port = 443;

  private constructor(private readonly options: ResponseEndpointOptions, private readonly dir: string, readonly host: string, private readonly cert: Certificate) {
    this.server = https.createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.receive(req, res, Buffer.concat(chunks)));
    });
  }

  /** Variables for every function: trust the certificate (the runtime reads this at start). */
  get functionEnv(): Record<string, string> {
    return { NODE_EXTRA_CA_CERTS: this.cert.certFile };
  }

  /** For the Lambda runtime only, when port 443 was out of reach. */
  get runtimeEnv(): Record<string, string> {
    return this.port === 443 ? {} : { _LOCAL_DEPLOY_HTTPS_REDIRECT: `${this.host}:443=${this.host}:${this.port}` };
  }

  get description(): string {
    return this.port === 443 ? `https://${this.host}` : `https://${this.host}:${this.port} (functions' port 443 routed there)`;
  }

  /** A presigned-S3-shaped URL for this request: the bucket of the region, key "StackId|LogicalId|RequestId". */
  url(region: string, stackId: string, logicalId: string, requestId: string): string {
    const date = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
    const query = `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=${date}&X-Amz-SignedHeaders=host&X-Amz-Expires=7200`
      + `&X-Amz-Credential=AKIA6LOCALDEPLOY0000%2F${date.slice(0, 8)}%2F${region}%2Fs3%2Faws4_request&X-Amz-Signature=${randomBytes(32).toString('hex')}`;
    return `https://${this.host}/cloudformation-custom-resource-response-${region.replace(/-/g, '')}/`
      + `${encodeURIComponent(`${stackId}|${logicalId}|${requestId}`)}?${query}`;
  }

  /** Calls `listener` with every answer to this request that is not lost, until the returned function is called. */
  onAnswer(requestId: string, listener: (answer: Answer) => void): () => void {
    this.waiting.set(requestId, listener);
    return () => { if (this.waiting.get(requestId) === listener) this.waiting.delete(requestId); };
  }

  private bind(host: string, port: number): Promise<string | undefined> {
    return new Promise(resolve => {
      const onError = (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        this.port = (this.server.address() as AddressInfo).port;
        resolve(undefined);
      });
    });
  }

  async close(): Promise<void> {
    await new Promise<void>(resolve => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private receive(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
    const key = decodeURIComponent(new URL(req.url ?? '/', 'https://localhost').pathname.split('/').pop() ?? '');
    const requestId = key.split('|').pop() ?? '';
    if (req.method !== 'PUT' || !/^arn:[^|]+\|[^|]+\|[^|]+$/.test(key)) {
      this.options.note('response.refused', { method: req.method, key });
      res.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>');
      return;
    }
    res.writeHead(200, { etag: `"${randomBytes(16).toString('hex')}"`, 'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase() }).end();
    let parsed: Answer['body'];
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      parsed = undefined;
    }
    const answer: Answer = { requestId, body: parsed, bytes: body.length };
    if (this.options.lose(requestId)) {
      this.options.note('response.lost', { requestId, status: parsed?.Status, bytes: body.length });
      return;
    }
    const listener = this.waiting.get(requestId);
    if (listener) listener(answer);
    else this.options.note('response.ignored', { requestId, status: parsed?.Status, why: 'nobody waits for this request any more' });
  }
}
