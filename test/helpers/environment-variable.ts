/**
 * Sets one variable of this test process and returns the undo. Only for what reads the process environment by
 * design and offers no other way in: Powertools' LOG_EVENT switch, and the in-process SES emulator
 * (aws-ses-v2-local) whose GetAccount answer is `AWS_SES_ACCOUNT`. Shenbao's own code takes its configuration as
 * arguments (test/integration/local/isolation.test.ts proves the local stack leaves process.env alone).
 */
export function setVariable(name: string, value: string): () => void {
  const previous = process.env[name];
  process.env[name] = value;
  return () => {
    if (previous === undefined) delete process.env[name];
    else process.env[name] = previous;
  };
}
