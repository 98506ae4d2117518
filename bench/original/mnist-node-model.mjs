/**
 * The original project's model, rebuilt for timing: the tfjs-examples mnist-node CNN
 * (conv32-conv32-pool-conv64-conv64-pool-dropout-dense512-dropout-dense10, ~594k parameters,
 * float32). Untrained weights time the same as trained ones. Runs against whatever `tf`
 * namespace it is given: the umbrella bundle's global in the browser, `@tensorflow/tfjs` in Node.
 */
export function createMnistNodeModel(tf) {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: [2, 2] }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: [2, 2] }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dropout({ rate: 0.25 }));
  model.add(tf.layers.dense({ units: 512, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.5 }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}

/** The original client's classify step: a [1,28,28,1] tensor in, ten probabilities out. */
export async function classifyOriginal(tf, model, grid) {
  const output = tf.tidy(() => model.predict(tf.tensor4d(grid, [1, 28, 28, 1])));
  const probabilities = await output.data();
  output.dispose();
  return probabilities;
}
