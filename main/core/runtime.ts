// How the core was started, told explicitly by whoever starts it. The Electron shell calls configureCore
// once, before anything else: packaged builds say development: false and name their assets folder, and
// from then on no environment variable can replace the pack trust root or the built-in packs. Plain Node
// (the CLI, `tierline serve`, the tests) runs from a checkout and never calls it: that is development,
// where TIERLINE_ASSETS may point elsewhere.
export interface CoreRuntime {
  development: boolean;
  /** The assets folder (built-in packs, trust root, fonts); undefined: TIERLINE_ASSETS or the checkout's. */
  assetsDir?: string;
}

let runtime: CoreRuntime = { development: true };

export function configureCore(r: CoreRuntime): void {
  runtime = { ...r };
}

export function coreRuntime(): Readonly<CoreRuntime> {
  return runtime;
}
