/**
 * The cpu backend with only the kernels the layers-model runner needs (see backend-kernels.ts):
 * the page imports it the first time cpu is tried (src/inference/tfjs-runtime.ts), the Lambda as
 * its fallback backend (src/lambda/tf-backend.ts).
 */
import '@tensorflow/tfjs-backend-cpu/dist/base';
import { castConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Cast';
import { fusedConv2DConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/FusedConv2D';
import { identityConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Identity';
import { maxPoolConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/MaxPool';
import { reshapeConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Reshape';
import { softmaxConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Softmax';
import { _fusedMatMulConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/_FusedMatMul';
import { registerAllKernels, registerKernels } from './backend-kernels.ts';

/**
 * Registers the runner's cpu kernels (importing this module registers the backend). A call, not
 * an import side effect: the package declares its own modules free of side effects, so bundlers
 * drop top-level calls of a module whose exports are used.
 */
export function registerCpuKernels(): void {
  registerKernels([castConfig, fusedConv2DConfig, identityConfig, maxPoolConfig, reshapeConfig, softmaxConfig, _fusedMatMulConfig]);
}

/** Every cpu kernel, for tfjs-layers. */
export const registerEveryCpuKernel = () => registerAllKernels('cpu', () => import('@tensorflow/tfjs-backend-cpu/dist/register_all_kernels'));
