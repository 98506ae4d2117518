/** Headless Chromium flags that work on a machine with no network and no GPU (see find-chromium.mjs). */
export declare const CHROMIUM_ARGS: readonly string[];
/** The path of a system Chromium executable; with `install`, apt-installs Debian's package when allowed. */
export declare function findChromium(options?: { install?: boolean }): string;
