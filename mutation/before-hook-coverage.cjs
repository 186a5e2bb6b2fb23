/**
 * Stryker's per-test coverage credits code to the test that ran it, and its mocha runner learns the
 * current test in a root `beforeEach`. Code run by a suite's `before` hooks (the specs plan their
 * program runs there, once per suite) would then be credited to no test: Stryker would treat it as
 * static and run every spec for each of its mutants, or miss it. This root hook file records what a
 * suite's `before` hooks cover under the suite's name, and at the end of the run credits it to every
 * test of that suite (and of its nested suites), which are exactly the tests those hooks run for.
 * Loaded only by mutation/stryker.config.mjs; outside Stryker there is no `__stryker__` and it does nothing.
 */
const Mocha = require("mocha");

/** Stryker's instrumenter context (its default `globalNamespace`). */
const stryker = () => globalThis.__stryker__;
const PREFIX = "before-all hook of ";
/** Suites whose `before` hooks recorded coverage, by the id it was recorded under. */
const suites = new Map();

function wrap(suite, fn) {
  const id = PREFIX + suite.fullTitle();
  const run = (self, args) => {
    const context = stryker();
    if (context === undefined) return fn.apply(self, args);
    suites.set(id, suite);
    const previous = context.currentTestId;
    context.currentTestId = id;
    const restore = () => (context.currentTestId = previous);
    try {
      const result = fn.apply(self, args);
      if (result && typeof result.then === "function") return result.finally(restore);
      restore();
      return result;
    } catch (error) {
      restore();
      throw error;
    }
  };
  // Mocha reads a hook's arity to tell a `done` callback from a promise.
  return fn.length > 0
    ? function (done) {
        return run(this, [done]);
      }
    : function () {
        return run(this, []);
      };
}

const beforeAll = Mocha.Suite.prototype.beforeAll;
Mocha.Suite.prototype.beforeAll = function (title, fn) {
  if (typeof title === "function") return beforeAll.call(this, wrap(this, title));
  return beforeAll.call(this, title, wrap(this, fn));
};

function testsOf(suite) {
  return [...suite.tests.map((test) => test.fullTitle()), ...suite.suites.flatMap(testsOf)];
}

exports.mochaHooks = {
  afterAll() {
    const perTest = stryker()?.mutantCoverage?.perTest;
    if (perTest === undefined) return;
    for (const [id, suite] of suites) {
      const covered = perTest[id];
      delete perTest[id];
      if (covered === undefined) continue;
      for (const test of testsOf(suite)) {
        const counts = (perTest[test] ??= {});
        for (const [mutant, hits] of Object.entries(covered)) counts[mutant] = (counts[mutant] ?? 0) + hits;
      }
    }
  },
};
