/**
 * The wasm backend with only the kernels the layers-model runner needs (see backend-kernels.ts).
 * Imported by tfjs-runtime.ts the first time wasm is tried.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm/dist/base';
import { castConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Cast';
import { fusedConv2DConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/FusedConv2D';
import { identityConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Identity';
import { maxPoolConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/MaxPool';
import { reshapeConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Reshape';
import { softmaxConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Softmax';
import { _fusedMatMulConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/_FusedMatMul';
import { registerKernels } from './backend-kernels.ts';
import { wasmDirectory } from './wasm-directory.ts';

registerKernels([castConfig, fusedConv2DConfig, identityConfig, maxPoolConfig, reshapeConfig, softmaxConfig, _fusedMatMulConfig]);
setWasmPaths(wasmDirectory());
