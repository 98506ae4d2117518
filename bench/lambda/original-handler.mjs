/**
 * The Lambda handler built the original way, for side-by-side cold start, warm latency and zip
 * size: the whole `@tensorflow/tfjs` umbrella package from node_modules (no bundler, packaged
 * with its dependencies the way `serverless package` zips an unbundled function), the
 * mnist-node model fetched over HTTP from MODEL_URL on the first request, the Float32Array
 * result serialized as the original API did (an object keyed "0".."9").
 */
import * as tf from '@tensorflow/tfjs';

let model;

export async function handler(event) {
  model ??= tf.loadLayersModel(process.env.MODEL_URL);
  const loaded = await model;
  const { data } = JSON.parse(event.body);
  const output = tf.tidy(() => loaded.predict(tf.tensor4d(data, [1, 28, 28, 1])));
  const result = await output.data();
  output.dispose();
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' },
    body: JSON.stringify({ result }),
  };
}
