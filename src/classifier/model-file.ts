// The trained model on disk: one JSON file with what staff need to know about it (when it was trained,
// on how many texts, which causes, how many features) and the numbers to rebuild it. Weights are
// base64 little-endian float32: exact, and half the size of decimals (about 4 MB for 15 causes).
// Version 1 files (softmax, before calibration) still load, so an upgrade keeps the live model.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { ClassifierModel } from './classifier-model';
import { DEFAULT_OPTIONS } from './training-options';
import { vocabularyOf } from './vocabulary';

const FORMAT = 'complaintd-classifier';
const VERSION = 2;
const READABLE_VERSIONS: unknown[] = [1, 2];

export class ClassifierModelError extends Error {
  override name = 'ClassifierModelError';
}

const optionsSchema = z.object({
  wordBigrams: z.boolean(),
  charNgramMin: z.number().int().min(0),
  charNgramMax: z.number().int().min(0),
  minDf: z.number().int().min(1),
  charBlockWeight: z.number().min(0),
  epochs: z.number().int().min(1),
  l2: z.number().min(0),
  learningRate: z.number().positive(),
  classWeighting: z.enum(['balanced', 'none']),
  seed: z.number().int(),
  // Absent from version 1 files, whose models were all softmax.
  loss: z.enum(['softmax', 'squared-hinge']).default('softmax'),
  hingeEpochs: z.number().int().min(1).default(DEFAULT_OPTIONS.hingeEpochs),
  hingeC: z.number().positive().default(DEFAULT_OPTIONS.hingeC),
});

const fileSchema = z.object({
  format: z.literal(FORMAT),
  version: z.union([z.literal(1), z.literal(VERSION)]),
  trainedAt: z.string(),
  exampleCount: z.number().int().min(0),
  labels: z.array(z.string()).min(2),
  labelCounts: z.record(z.string(), z.number().int()),
  featureCount: z.number().int().min(0),
  options: optionsSchema,
  terms: z.array(z.string()),
  idf: z.string(),
  weights: z.string(),
  bias: z.array(z.number()),
  // Version 1 softmax models were used unscaled.
  scoreScale: z.number().positive().default(1),
});

type ModelFile = z.input<typeof fileSchema>;

function encodeFloats(values: Float32Array): string {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return Buffer.from(view.buffer).toString('base64');
}

function decodeFloats(base64: string, expected: number, what: string, path: string): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length !== expected * 4) {
    throw new ClassifierModelError(`${path}: ${what} holds ${bytes.length / 4} numbers, expected ${expected}; the file is damaged`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: expected }, (_, i) => view.getFloat32(i * 4, true));
}

export function serializeModel(model: ClassifierModel): string {
  const file: ModelFile = {
    format: FORMAT,
    version: VERSION,
    trainedAt: model.trainedAt,
    exampleCount: model.exampleCount,
    labels: model.labels,
    labelCounts: model.labelCounts,
    featureCount: model.vocabulary.terms.length,
    options: model.options,
    terms: model.vocabulary.terms,
    idf: encodeFloats(model.vocabulary.idf),
    weights: encodeFloats(model.linear.weights),
    bias: Array.from(model.linear.bias),
    scoreScale: model.scoreScale,
  };
  return `${JSON.stringify(file)}\n`;
}

/** `path` only names the file in error messages. */
export function deserializeModel(content: string, path: string): ClassifierModel {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (err) {
    throw new ClassifierModelError(`${path}: not a classifier model (invalid JSON: ${(err as Error).message})`);
  }
  const header = json as { format?: unknown; version?: unknown } | null;
  if (header?.format !== FORMAT) throw new ClassifierModelError(`${path}: not a complaintd classifier model (format is ${JSON.stringify(header?.format)})`);
  if (!READABLE_VERSIONS.includes(header.version)) {
    throw new ClassifierModelError(
      `${path}: model version ${JSON.stringify(header.version)} is not readable by this complaintd (reads versions ${READABLE_VERSIONS.join(' and ')}); retrain it with "complaintd classifier train"`,
    );
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ClassifierModelError(`${path}: damaged model file: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  const file = parsed.data;
  const k = file.labels.length;
  if (file.terms.length !== file.featureCount || file.bias.length !== k) {
    throw new ClassifierModelError(`${path}: damaged model file: ${file.terms.length} terms for ${file.featureCount} features, ${file.bias.length} biases for ${k} labels`);
  }
  return {
    trainedAt: file.trainedAt,
    exampleCount: file.exampleCount,
    labels: file.labels,
    labelCounts: file.labelCounts,
    options: file.options,
    vocabulary: vocabularyOf(file.terms, decodeFloats(file.idf, file.featureCount, 'idf', path)),
    linear: {
      classCount: k,
      featureCount: file.featureCount,
      weights: decodeFloats(file.weights, file.featureCount * k, 'weights', path),
      bias: Float64Array.from(file.bias),
    },
    scoreScale: file.scoreScale,
  };
}

/** Written beside the target and renamed over it, so the daemon never reads a half-written model. */
export async function saveModel(path: string, model: ClassifierModel): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  await writeFile(partial, serializeModel(model));
  await rename(partial, path);
}

/** The stored model, or null when there is none yet; a damaged or foreign file is an error, not null. */
export async function readModel(path: string): Promise<ClassifierModel | null> {
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ClassifierModelError(`${path}: cannot read the classifier model: ${(err as Error).message}`);
  }
  return deserializeModel(content, path);
}
