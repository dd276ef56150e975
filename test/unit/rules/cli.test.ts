import { expect } from 'chai';
import { Command } from 'commander';
import path from 'node:path';
import { registerRulesCommands } from '../../../src/rules/cli';
import { RuleFileError } from '../../../src/rules/rule-file-error';
import { FIXTURES } from './rule-sets';

/** Runs `complaintd rules <args>` on a fixture folder and returns what it printed and its exit code. */
async function run(folder: string, ...args: string[]): Promise<{ lines: string[]; exitCode: number | null }> {
  const lines: string[] = [];
  let exitCode: number | null = null;
  const program = new Command().exitOverride().configureOutput({ writeErr: () => undefined });
  const paths = { rulesDir: path.join(FIXTURES, folder), categoriesFile: path.join(FIXTURES, 'categories.yaml') };
  registerRulesCommands(program, async () => paths, { out: (line) => lines.push(line), setExitCode: (code) => (exitCode = code) });
  await program.parseAsync(['rules', ...args], { from: 'user' });
  return { lines, exitCode };
}

describe('rules commands', () => {
  it('`rules test` prints each failing example with its file and line, a summary, and exits with 1', async () => {
    const { lines, exitCode } = await run('failing-examples', 'test');
    const file = path.join(FIXTURES, 'failing-examples', 'rules.yaml');
    expect(lines).to.deep.equal([
      `FAIL ${file}:10 refund-en example "I want my money back": no rule matched`,
      `FAIL ${file}:11 refund-en example "The late delivery means I want a refund": won by late-delivery (delivery) (this rule matched too but ranks lower)`,
      `FAIL ${file}:13 refund-en counter-example "Thanks for the refund": matched: refund (body)`,
      'rules test: 3 of 5 failed (4 examples and 1 counter-example in 2 rules)',
    ]);
    expect(exitCode).to.equal(1);
  });

  it('`rules test` on a passing set prints only the summary and leaves the exit code alone', async () => {
    const { lines, exitCode } = await run('good', 'test');
    expect(lines).to.deep.equal(['rules test: all 3 passed (2 examples and 1 counter-example in 2 rules)']);
    expect(exitCode).to.equal(null);
  });

  it('`rules list` prints the rules in the order they are tried, with their overrides and location', async () => {
    const { lines } = await run('good', 'list');
    const file = path.join(FIXTURES, 'good', 'rules.yaml');
    expect(lines).to.have.length(3);
    expect(lines[0]).to.match(new RegExp(`^late-delivery +delivery +precedence 10, priority high +${file}:11 +Late delivery, which outranks refund$`));
    expect(lines[1]).to.match(new RegExp(`^refund-en +refund +precedence 0 +${file}:3 +Refunds$`));
    expect(lines[2]).to.equal('2 rules from 1 file');
  });

  it('`rules list --limit` shows the first rules and says the list was cut short', async () => {
    const { lines } = await run('good', 'list', '--limit', '1');
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(/^late-delivery /);
    expect(lines[1]).to.equal('first 1 of 2 rules, use --limit to see more');
  });

  it('`rules list --limit` refuses a limit that is not a positive whole number', async () => {
    const error = await run('good', 'list', '--limit', 'lots').then(() => null, (err: unknown) => err);
    expect((error as { code?: string } | null)?.code).to.equal('commander.invalidArgument');
    expect((error as Error).message).to.contain("argument 'lots' is invalid. must be a positive whole number");
  });

  it('a rule set that does not load fails the command with every problem listed', async () => {
    const error = await run('many-problems', 'test').then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).to.be.instanceOf(RuleFileError);
    expect((error as RuleFileError).message).to.match(/^4 problems in rule files:\n.*many-problems\/a\.yaml:6: /);
  });
});
