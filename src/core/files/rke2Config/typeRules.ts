import { isScalar, isSeq, type Node } from 'yaml';
import { describeNode } from '../../yaml/yamlNodes';
import type { Rke2KeyType } from './rke2ConfigKeys';

const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$|^0$/;

/** Why a value does not fit the flag's type, or undefined when it does (as RKE2's flag parsing would take it). */
export function typeMismatch(type: Rke2KeyType, node: Node | null): string | undefined {
  const value = isScalar(node) ? node.value : undefined;
  switch (type) {
    case 'bool':
      if (typeof value === 'boolean' || value === 'true' || value === 'false') return undefined;
      return `expected true or false, found ${describeNode(node)}`;
    case 'int':
      if ((typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^-?\d+$/.test(value))) return undefined;
      return `expected a whole number, found ${describeNode(node)}`;
    case 'duration':
      if (typeof value === 'string' && GO_DURATION.test(value)) return undefined;
      return `expected a duration such as 10m0s, found ${describeNode(node)}`;
    case 'string':
      if (typeof value === 'string' || typeof value === 'number') return undefined;
      return `expected a string, found ${describeNode(node)}`;
    case 'stringSlice':
      if (typeof value === 'string' || typeof value === 'number') return undefined;
      if (isSeq(node) && node.items.every((item) => isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number'))) return undefined;
      return `expected a list of strings (or one comma-separated string), found ${describeNode(node)}`;
  }
}
