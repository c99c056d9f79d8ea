// Sends any operation of either API through the SDK client (its serializer, its SigV4 signer) and
// keeps the raw answer: the SDK drops members its model lacks, the conformance test must see them.
import { Readable } from 'stream';
import * as Legacy from '@aws-sdk/client-chime';
import * as Voice from '@aws-sdk/client-chime-sdk-voice';
import { DEFAULT_CREDENTIALS } from '../../../emulator';
import type { Api } from './model';

export interface Exchange {
  status: number;
  errorType?: string;
  body: Record<string, unknown>;
}

type Client = Legacy.ChimeClient | Voice.ChimeSDKVoiceClient;
type CommandClass = new (input: unknown) => Parameters<Client['send']>[0];

export class ConformanceClient {
  private readonly clients: Record<Api, Client>;
  private last?: Exchange;

  constructor(endpoint: string) {
    const config = { endpoint, region: 'us-east-1', credentials: DEFAULT_CREDENTIALS, maxAttempts: 1 };
    this.clients = { chime: new Legacy.ChimeClient(config), 'chime-sdk-voice': new Voice.ChimeSDKVoiceClient(config) };
    for (const client of Object.values(this.clients)) {
      // Innermost in the deserialize step: sees the HTTP response before the SDK parses it.
      client.middlewareStack.add(
        (next) => async (args) => {
          const out = await next(args);
          const response = out.response as { statusCode: number; headers: Record<string, string>; body: AsyncIterable<Buffer> };
          const chunks: Buffer[] = [];
          for await (const chunk of response.body) chunks.push(Buffer.from(chunk));
          const text = Buffer.concat(chunks).toString('utf8');
          this.last = { status: response.statusCode, errorType: response.headers['x-amzn-errortype'], body: text ? JSON.parse(text) : {} };
          response.body = Readable.from([Buffer.from(text)]);
          return out;
        },
        { step: 'deserialize', priority: 'low', name: 'recordRawResponse' },
      );
    }
  }

  /** The raw exchange, whether the SDK returned or threw. */
  async call(api: Api, operation: string, input: Record<string, unknown>): Promise<Exchange> {
    const module = (api === 'chime' ? Legacy : Voice) as unknown as Record<string, CommandClass>;
    this.last = undefined;
    try {
      await (this.clients[api].send as (c: unknown) => Promise<unknown>)(new module[`${operation}Command`](input));
    } catch (e) {
      if (!this.last) throw e;
    }
    return this.last as unknown as Exchange;
  }

  destroy(): void {
    Object.values(this.clients).forEach((c) => c.destroy());
  }
}
