/**
 * The wasm backend with only the kernels the layers-model runner needs (see backend-kernels.ts),
 * for the page (src/inference/wasm-backend.ts) and the Lambda (src/lambda/tf-backend.ts); each
 * says where its wasm binaries are.
 */
export { setWasmPaths } from '@tensorflow/tfjs-backend-wasm/dist/base';
import { castConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Cast';
import { fusedConv2DConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/FusedConv2D';
import { identityConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Identity';
import { maxPoolConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/MaxPool';
import { reshapeConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Reshape';
import { softmaxConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Softmax';
import { _fusedMatMulConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/_FusedMatMul';
import { registerAllKernels, registerKernels } from './backend-kernels.ts';

/** Registers the runner's wasm kernels; a call for the reason cpu-backend.ts gives. */
export function registerWasmKernels(): void {
  registerKernels([castConfig, fusedConv2DConfig, identityConfig, maxPoolConfig, reshapeConfig, softmaxConfig, _fusedMatMulConfig]);
}

/** Every wasm kernel, for tfjs-layers. */
export const registerEveryWasmKernel = () => registerAllKernels('wasm', () => import('@tensorflow/tfjs-backend-wasm/dist/register_all_kernels'));
