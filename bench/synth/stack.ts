import { App, Stack } from 'aws-cdk-lib';
import { ChimePhoneNumber, PhoneCountry, PhoneProductType as AnchorProductType } from 'cdk-amazon-chime-resources';
import * as fs from 'fs';
import { PhoneNumberOrder, PhoneProductType } from '../../lib';

export type Kind = 'ours' | 'anchor';

export interface Synthesised {
  readonly orders: number;
  readonly ms: number;
  readonly templateBytes: number;
  readonly templateBytesWithoutOutputs: number;
}

/** A fresh App with one stack of `orders` orders, synthesised into `outdir`, timed from new App() to synth() returning. */
export function synthesise(kind: Kind, orders: number, outdir: string): Synthesised {
  const started = process.hrtime.bigint();
  const app = new App({ outdir });
  const stack = new Stack(app, 'Bench');
  for (let i = 0; i < orders; i++) {
    if (kind === 'ours') {
      // Fictional numbers: 555-0100 to 555-0199 are reserved for fiction.
      new PhoneNumberOrder(stack, `N${i}`, { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: [`+1206555${String(100 + i).padStart(4, '0')}`] });
    } else {
      // The anchor cannot order given numbers: it searches by area code and orders the first one found.
      new ChimePhoneNumber(stack, `N${i}`, { phoneProductType: AnchorProductType.VC, phoneCountry: PhoneCountry.US, phoneAreaCode: 206 });
    }
  }
  const templateFile = app.synth().getStackByName('Bench').templateFullPath;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const template = JSON.parse(fs.readFileSync(templateFile, 'utf8')) as { Outputs?: unknown };
  delete template.Outputs;
  return {
    orders,
    ms,
    templateBytes: fs.statSync(templateFile).size,
    // Re-serialised as the CDK writes templates (one-space indent), so the sizes compare.
    templateBytesWithoutOutputs: Buffer.byteLength(JSON.stringify(template, undefined, 1)),
  };
}
