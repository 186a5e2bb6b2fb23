import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

/** clients/python/smoke.py is tested in Python (tests/clients/python/test_smoke.py, botocore Stubber). */
describe("Python smoke client (python3 -m unittest, botocore Stubber, no network)", function () {
  this.timeout(30000);

  it("passes its unittest suite", function () {
    const result = spawnSync("python3", ["-m", "unittest", "-v", "test_smoke"], {
      cwd: join(__dirname),
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PYTHONDONTWRITEBYTECODE: "1" },
    });
    if (result.error !== undefined || /No module named '(boto3|botocore)'/.test(result.stderr)) {
      // Without python3 + boto3 there is nothing to run; say so instead of passing silently.
      console.warn("    skipped: python3 with boto3 is not installed");
      this.skip();
    }
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /Ran 16 tests/);
  });
});
