// What the daemon calls on start: the stored model as a ready predictor, or null when none has been
// trained yet (the rules then decide alone). A damaged file throws, so a bad deploy is noticed.
import { Classifier } from './classifier-model';
import { readModel } from './model-file';

export async function loadPredictor(modelPath: string): Promise<Classifier | null> {
  const model = await readModel(modelPath);
  return model === null ? null : new Classifier(model);
}

/** The name the issue uses for the same thing. */
export { loadPredictor as loadModel };
