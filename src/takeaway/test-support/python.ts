import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Test support: runs Debian's Python (python3-nbformat and python3-h5py live in its
 * dist-packages, which a pyenv or venv python3 on PATH does not see). A missing module is a
 * failure that says what to install, never a skip.
 */
const PYTHON = process.env.PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

export function runPython(script: string, args: string[], needs: { module: string; debian: string }[]): string {
  for (const { module, debian } of needs) {
    try {
      execFileSync(PYTHON, ['-c', `import ${module}`], { stdio: 'pipe' });
    } catch {
      throw new Error(
        `${PYTHON} cannot import ${module}: install Debian's ${debian} (apt-get install ${debian}), or set PYTHON to a python that has it.`,
      );
    }
  }
  try {
    return execFileSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`Python failed:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}
