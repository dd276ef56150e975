// The labelled samples kept beside the tests (see test/fixtures/classifier/PROVENANCE.md), read once.
import { join } from 'node:path';
import type { LabelledText } from '../../../src/classifier/category-predictor';
import { readLabelledCsv } from '../../../src/classifier/labelled-csv';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'classifier');
const cache = new Map<string, Promise<LabelledText[]>>();

export function sample(name: 'spb-appeals-ru-sample' | 'cfpb-products-en-sample'): Promise<LabelledText[]> {
  let loaded = cache.get(name);
  if (loaded === undefined) {
    loaded = readLabelledCsv(join(FIXTURES, `${name}.csv`)).then((csv) => csv.examples);
    cache.set(name, loaded);
  }
  return loaded;
}
