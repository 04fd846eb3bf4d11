'use strict';
// Mocha's spec output plus the plain closing line CI reads: "N passed, N failed".
// A run with no test at all, or with any failure, makes mocha exit non-zero (see .ci/run).
const Mocha = require('mocha');
const { EVENT_RUN_END } = Mocha.Runner.constants;

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      process.stdout.write(
        `\n${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}\n`,
      );
    });
  }
}
module.exports = CountReporter;
