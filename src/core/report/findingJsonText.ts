import type { LogFinding } from '../logs/logScanner';
import type { LogSignature } from '../logs/logSignature';

/**
 * The JSON text of one finding, exactly as `JSON.stringify(findingToJson(finding))` writes it (same keys, same order),
 * without building the object: a dense log has hundreds of thousands of findings, and the parts that depend only on
 * the signature (its code, severity and message, most of each finding's bytes) are rendered once per signature.
 */
const SIGNATURE_PARTS = new WeakMap<LogSignature, string>();

function signatureParts(signature: LogSignature): string {
  let parts = SIGNATURE_PARTS.get(signature);
  if (parts === undefined) {
    parts = `,"code":${JSON.stringify(signature.id)},"severity":${JSON.stringify(signature.severity)},"message":${JSON.stringify(`${signature.title}: ${signature.meaning}`)},"timestamp":`;
    SIGNATURE_PARTS.set(signature, parts);
  }
  return parts;
}

export function findingJsonText(finding: LogFinding): string {
  let json = `{"line":${JSON.stringify(finding.line)}${signatureParts(finding.signature)}${finding.timestamp === undefined ? 'null' : JSON.stringify(finding.timestamp)}`;
  if (finding.knownIssue) json += `,"knownIssue":${JSON.stringify(finding.knownIssue.id)}`;
  if (finding.persistedSeconds !== undefined) json += `,"persistedSeconds":${JSON.stringify(finding.persistedSeconds)}`;
  if (finding.possiblyTransient) json += ',"possiblyTransient":true';
  if (finding.repeats !== undefined) json += `,"repeats":${JSON.stringify(finding.repeats)}`;
  return `${json},"text":${JSON.stringify(finding.text)}}`;
}
