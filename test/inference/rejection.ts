import { expect } from '@open-wc/testing';
import { ClassificationError } from '../../src/inference/classification-error.ts';

/** The ClassificationError a promise rejects with; fails the test when it resolves or throws anything else. */
export async function rejection(promise: Promise<unknown>): Promise<ClassificationError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(ClassificationError);
    return error as ClassificationError;
  }
  throw new Error('expected the promise to reject');
}
