// JUnit XML of a gated run, for CI systems: one testcase per case, known-failure cases skipped,
// and one extra testcase for the gate itself so that a regression shows even when cases pass.
import type { GatedRun } from './run-file.js';

/** escapeXml escapes text for XML attributes and element content (and drops invalid characters). */
export function escapeXml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(
        /[&<>"']/g,
        (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
      )
  );
}

/** renderJunit renders a gated run as a JUnit XML document. */
export function renderJunit(run: GatedRun): string {
  const suite = `${run.set.name}@${run.set.version}`;
  const failures = run.cases.filter((c) => c.counted && !c.pass).length + (run.gate.pass ? 0 : 1);
  const skipped = run.cases.filter((c) => !c.counted).length;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites name="vigil regress" tests="${run.cases.length + 1}" failures="${failures}" time="${(run.durationMs / 1000).toFixed(3)}">`,
  );
  out.push(
    `  <testsuite name="${escapeXml(suite)}" tests="${run.cases.length + 1}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${escapeXml(run.startedAt)}" time="${(run.durationMs / 1000).toFixed(3)}">`,
  );
  out.push(
    `    <properties><property name="target" value="${escapeXml(run.target.name)}"/><property name="target.version" value="${escapeXml(run.target.version)}"/><property name="pass_rate" value="${run.summary.passRate}"/><property name="set.hash" value="${escapeXml(run.set.hash)}"/></properties>`,
  );
  for (const c of run.cases) {
    const seconds = c.repeats.reduce((s, r) => s + r.latencyMs, 0) / 1000;
    const open = `    <testcase classname="${escapeXml(`${run.set.name}.${c.category}`)}" name="${escapeXml(c.id)}" time="${seconds.toFixed(3)}"`;
    if (!c.counted) {
      out.push(
        `${open}><skipped message="known-failure${c.pass ? ' (now passing)' : ''}"/></testcase>`,
      );
    } else if (c.pass) {
      out.push(
        `${open}${c.flaky ? `><system-out>flaky: ${c.passes}/${c.repeats.length} repeats passed</system-out></testcase>` : '/>'}`,
      );
    } else {
      const failed = c.repeats.find((r) => !r.pass);
      const reasons =
        failed?.assertions.filter((a) => !a.pass).map((a) => `${a.type}: ${a.reason}`) ?? [];
      const message = `${c.passes}/${c.repeats.length} repeats passed; score ${c.score.toFixed(3)}`;
      out.push(
        `${open}><failure message="${escapeXml(message)}" type="assertion">${escapeXml([...reasons, '', `output: ${failed?.output ?? ''}`].join('\n'))}</failure></testcase>`,
      );
    }
  }
  const gate = `    <testcase classname="${escapeXml(run.set.name)}.gate" name="gate" time="0"`;
  out.push(
    run.gate.pass
      ? `${gate}/>`
      : `${gate}><failure message="${escapeXml(run.gate.reasons.join('; '))}" type="gate"/></testcase>`,
  );
  out.push('  </testsuite>', '</testsuites>', '');
  return out.join('\n');
}
