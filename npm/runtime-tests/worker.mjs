// The workerd entry: a Worker whose `test` handler runs the shared suite (`workerd test`).
// "pancake-api" is the module run.mjs resolved with the `workerd` export condition.
import * as sdk from "pancake-api";
import { runSuite } from "./suite.mjs";

export default {
  async test(_controller, env) {
    await runSuite(
      sdk,
      { runtime: "workerd", address: env.PANCAKE_MOCK_ADDRESS, expectedCustomers: env.PANCAKE_EXPECTED_CUSTOMERS },
      (line) => console.log(line),
    );
  },
};
