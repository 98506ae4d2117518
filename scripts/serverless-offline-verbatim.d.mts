/** The line `npm run api` prints once it answers verbatim (see serverless-offline-verbatim.mjs). */
export declare const READY_LINE: string;
declare const ServerlessOfflineVerbatim: new (...args: unknown[]) => { hooks: Record<string, () => void> };
export default ServerlessOfflineVerbatim;
