// The apps a run deploys: several PhoneNumberOrder resources in one stack (deployed at once), or
// spread over two stacks. Each is synthesised once per chaos invocation; every step deploys a
// variant of its templates (app/variant.ts), so the numbers here are placeholders.
import * as fs from 'fs';
import * as path from 'path';
import type { AppShape } from './app/shape';
import { synthApp } from './app/synth';
import { findOrder } from './app/variant';
import type { Template } from '../local-deploy/template';
import type { ShapeSpec } from './types';

const placeholder = (i: number) => ({ numbers: [`+1206555010${i}`] });
/** An order by search (S): its criteria and quantity are drawn per run too. */
const bySearch = { search: { areaCode: '206' }, quantity: 1 };
/** An order routed to a Voice Connector of its stack (R), with its routing resource. */
const routed = (i: number) => ({ ...placeholder(i), route: true });

export const SHAPES: Record<string, AppShape> = {
  'one-stack': { ChaosOne: { A: placeholder(0), B: placeholder(1), R: routed(2), S: bySearch } },
  'two-stacks': { ChaosOne: { A: placeholder(0), B: placeholder(1), R: routed(3) }, ChaosTwo: { C: placeholder(2), S: bySearch } },
};

/** Synthesises every shape (at once) under `dir`. */
export function synthShapes(dir: string, shapes: Record<string, AppShape> = SHAPES): Promise<ShapeSpec[]> {
  return Promise.all(Object.entries(shapes).map(async ([name, shape]) => {
    const assembly = await synthApp(shape, path.join(dir, `${name}.out`));
    const orders = Object.entries(shape).flatMap(([stack, constructs]) => {
      const template = JSON.parse(fs.readFileSync(path.join(assembly, `${stack}.template.json`), 'utf8')) as Template;
      return Object.entries(constructs).map(([construct, props]) => ({
        stack, construct, logicalId: findOrder(template, stack, construct)[0], ...(props.search ? { search: true } : {}), ...(props.route ? { route: true } : {}),
      }));
    });
    return { name, assembly, stacks: Object.keys(shape), orders };
  }));
}
