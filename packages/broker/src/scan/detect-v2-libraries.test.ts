import { describe, expect, it } from 'vitest';
import { detectV2Libraries, lowestMajor } from './detect-v2-libraries.ts';
import { createTextContext } from './text-context.ts';

const found = (file: string, text: string) =>
  detectV2Libraries(createTextContext(text, file)).map(
    (f) => `${f.line}:${f.column} ${f.message.split(' speaks')[0] ?? ''}`,
  );

describe('detectV2Libraries', () => {
  it('finds v2 libraries in package.json dependency sections only', () => {
    const manifest = JSON.stringify(
      {
        name: 'virustotal-api',
        scripts: { 'virustotal.js': 'node x' },
        dependencies: { 'node-virustotal': '^2.5.0', axios: '^1' },
        devDependencies: { 'virustotal.js': '*' },
        optionalDependencies: { 'node-virustotal-x': '1' },
      },
      null,
      2,
    );
    expect(found('package.json', manifest)).toEqual([
      '7:6 node-virustotal ^2.5.0',
      '11:6 virustotal.js *',
    ]);
    expect(found('package.json', '{"dependencies": {"node-virustotal": "^3.35.0"}}')).toEqual([]);
  });

  it('finds them in requirements, pyproject (PEP 621 and Poetry) and setup files', () => {
    expect(
      found(
        'requirements-dev.txt',
        'virustotal-api==1.1.11\nvt-py\nvirustotal_python==0.2.0\nvirustotal-python>=1.0\n',
      ),
    ).toEqual(['1:1 virustotal-api ==1.1.11', '3:1 virustotal_python ==0.2.0']);
    expect(
      found(
        'pyproject.toml',
        'dependencies = [\n  "virustotal2>=1.1",\n  "virustotal3",\n]\n[tool.poetry.dependencies]\npyvt = "*"\n',
      ),
    ).toEqual(['2:4 virustotal2 >=1.1', '6:1 pyvt *']);
    expect(found('setup.py', "install_requires=['vtapi>=0.1', 'requests']")).toEqual([
      '1:20 vtapi >=0.1',
    ]);
  });

  it('reads the lowest major version a range allows', () => {
    expect([
      lowestMajor('^2.5.0'),
      lowestMajor('>=0.1,<1.0'),
      lowestMajor('~=0.2'),
      lowestMajor('*'),
    ]).toEqual([2, 0, 0, undefined]);
  });
});
