/** Environment that keeps the Serverless Framework from phoning home (see serverless.mjs). */
export declare const offlineEnv: Readonly<Record<string, string>>;
