/**
 * The webgl backend with only the kernels the layers-model runner needs (see
 * src/model/backend-kernels.ts). Imported by tfjs-runtime.ts the first time webgl is tried.
 */
import '@tensorflow/tfjs-backend-webgl/dist/base';
import { castConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Cast';
import { fusedConv2DConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/FusedConv2D';
import { identityConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Identity';
import { maxPoolConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/MaxPool';
import { reshapeConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Reshape';
import { softmaxConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Softmax';
import { _fusedMatMulConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/_FusedMatMul';
import { registerAllKernels, registerKernels } from '../model/backend-kernels.ts';

registerKernels([castConfig, fusedConv2DConfig, identityConfig, maxPoolConfig, reshapeConfig, softmaxConfig, _fusedMatMulConfig]);

/** Every webgl kernel, for tfjs-layers. */
export const registerEveryWebglKernel = () => registerAllKernels('webgl', () => import('@tensorflow/tfjs-backend-webgl/dist/register_all_kernels'));
