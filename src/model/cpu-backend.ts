/**
 * The cpu backend with only the kernels the layers-model runner needs (see backend-kernels.ts).
 * Imported by tfjs-runtime.ts the first time cpu is tried.
 */
import '@tensorflow/tfjs-backend-cpu/dist/base';
import { castConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Cast';
import { fusedConv2DConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/FusedConv2D';
import { identityConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Identity';
import { maxPoolConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/MaxPool';
import { reshapeConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Reshape';
import { softmaxConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Softmax';
import { _fusedMatMulConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/_FusedMatMul';
import { registerKernels } from './backend-kernels.ts';

registerKernels([castConfig, fusedConv2DConfig, identityConfig, maxPoolConfig, reshapeConfig, softmaxConfig, _fusedMatMulConfig]);
